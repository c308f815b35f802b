/** Pieces the forms and lists share: a field's message under it, a labelled input, the desa filter, and "{name}" filled in. */

/** "Usulan {village} untuk {year}" with the values put in (kept here for the views that import it with the fields). */
export { fill } from "../../shared/i18n.ts";

/** The message of a field, right under it, named by the field's aria-describedby. */
export function FieldError(props: { errors: Record<string, string>; name: string }) {
  const message = props.errors[props.name];
  return message ? (
    <p class="error" id={`${props.name}-error`}>
      {message}
    </p>
  ) : null;
}

/** A labelled text input (or textarea) that keeps what was typed and carries its message. */
export function Input(props: { name: string; label: string; value: string | undefined; errors: Record<string, string>; inputmode?: "decimal" | "numeric"; placeholder?: string; area?: boolean }) {
  const error = props.errors[props.name];
  const common = { id: props.name, name: props.name, "aria-invalid": error ? "true" : undefined, "aria-describedby": error ? `${props.name}-error` : undefined };
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      {props.area ? <textarea {...common}>{props.value ?? ""}</textarea> : <input {...common} inputmode={props.inputmode} placeholder={props.placeholder} value={props.value ?? ""} />}
      <FieldError errors={props.errors} name={props.name} />
    </div>
  );
}

/** The desa/kelurahan (or, `name="kecamatan"`, the kecamatan) select of a list's filters; nothing when there is none to choose. */
export function VillageFilter(props: { villages: readonly { code: string; name: string }[]; selected: string | undefined; label: string; all: string; name?: "desa" | "kecamatan" }) {
  if (props.villages.length === 0) return null;
  const name = props.name ?? "desa";
  return (
    <div>
      <label for={name}>{props.label}</label>
      <select id={name} name={name}>
        <option value="">{props.all}</option>
        {props.villages.map((v) => (
          <option value={v.code} selected={v.code === props.selected}>
            {v.name}
          </option>
        ))}
      </select>
    </div>
  );
}
