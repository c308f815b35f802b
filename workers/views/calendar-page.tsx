/**
 * Bappeda's schedule of the year (`/konsol/jadwal`): every stage's window set in one form, and a window moved
 * later with the reason people will read. No JavaScript; a refused field's message sits under the field.
 */
import type { Principal } from "../../shared/access/roles.ts";
import type { CalendarView } from "../usecases/calendar/calendar.ts";
import { ConsoleNav } from "./console-pages.tsx";
import { FieldError } from "./fields.tsx";
import { Layout } from "./layout.tsx";

export interface CalendarPageProps {
  principal: Principal;
  csrfToken: string;
  calendar: CalendarView;
  /** What was typed, after a refusal: `opensOn-<stage>`, `closesOn-<stage>`, `extend-closesOn`, `extend-reason`, `extend-stage`. */
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
}

export function CalendarPage(props: CalendarPageProps) {
  const { calendar, values, errors } = props;
  const set = calendar.stages.filter((s) => s.closesOn);
  return (
    <Layout title={`Jadwal tahapan ${calendar.year}`} principal={props.principal} csrfToken={props.csrfToken} wide>
      <ConsoleNav current="/konsol/jadwal" />
      <h1>
        Jadwal tahapan <small>tahun rencana {calendar.year}</small>
      </h1>
      <p class="muted">
        Di luar jendela tahapnya, tindakan tahap itu ditolak dengan pesan yang menyebut jendelanya. Tahap tanpa jadwal tidak dibatasi. Tanggal dalam zona {calendar.zone}, termasuk hari pertama dan terakhir.
      </p>
      {props.message ? (
        <p class="ok" role="status">
          {props.message}
        </p>
      ) : null}
      {errors[""] ? (
        <p class="notice" role="alert">
          {errors[""]}
        </p>
      ) : null}
      <form method="post" action={`/konsol/jadwal?tahun=${calendar.year}`} class="card">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <table>
          <thead>
            <tr>
              <th>Tahap</th>
              <th>Dibuka</th>
              <th>Ditutup</th>
              <th>Sekarang</th>
            </tr>
          </thead>
          <tbody>
            {calendar.stages.map((s) => (
              <tr>
                <td>{s.name}</td>
                <td>
                  <label class="sr-only" for={`opensOn-${s.stage}`}>{`${s.name}: dibuka`}</label>
                  <input type="date" id={`opensOn-${s.stage}`} name={`opensOn-${s.stage}`} value={values[`opensOn-${s.stage}`] ?? s.opensOn ?? ""} aria-invalid={errors[s.stage] ? "true" : undefined} />
                </td>
                <td>
                  <label class="sr-only" for={`closesOn-${s.stage}`}>{`${s.name}: ditutup`}</label>
                  <input type="date" id={`closesOn-${s.stage}`} name={`closesOn-${s.stage}`} value={values[`closesOn-${s.stage}`] ?? s.closesOn ?? ""} aria-invalid={errors[s.stage] ? "true" : undefined} />
                  <FieldError errors={errors} name={s.stage} />
                </td>
                <td>
                  {s.label ?? <span class="muted">tidak dibatasi</span>}
                  {s.extendedReason ? <small class="muted"> · diperpanjang: {s.extendedReason}</small> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit">Simpan jadwal</button>
      </form>
      {set.length ? (
        <form method="post" action={`/konsol/jadwal/perpanjang?tahun=${calendar.year}`} class="card">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <h2>Perpanjang satu tahap</h2>
          <label for="extend-stage">Tahap</label>
          <select id="extend-stage" name="stage">
            {set.map((s) => (
              <option value={s.stage} selected={values["extend-stage"] === s.stage}>
                {s.name} ({s.label})
              </option>
            ))}
          </select>
          <label for="extend-closesOn">Ditutup pada</label>
          <input type="date" id="extend-closesOn" name="closesOn" value={values["extend-closesOn"] ?? ""} aria-invalid={errors["extend-closesOn"] ? "true" : undefined} />
          <FieldError errors={errors} name="extend-closesOn" />
          <label for="extend-reason">Alasan (dibaca desa, kecamatan dan OPD)</label>
          <textarea id="extend-reason" name="reason" aria-invalid={errors["extend-reason"] ? "true" : undefined}>
            {values["extend-reason"] ?? ""}
          </textarea>
          <FieldError errors={errors} name="extend-reason" />
          <button type="submit">Perpanjang</button>
        </form>
      ) : null}
    </Layout>
  );
}
