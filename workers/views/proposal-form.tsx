/**
 * The village proposal form: plain HTML that works with JavaScript off on a 360 px phone. Every field keeps what
 * was typed after a refusal, with the message next to the field it concerns.
 */
import type { ProposalFormFields } from "../../shared/proposals/form.ts";
import { BENEFICIARY_GROUPS, COMMON_UNITS } from "../../shared/proposals/vocabulary.ts";
import { ATTACHMENT_ACCEPT, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../../shared/proposals/attachments.ts";
import type { Principal } from "../../shared/access/roles.ts";
import type { Language, Text } from "../../shared/i18n.ts";
import type { VillageOption } from "../usecases/proposals/read.ts";
import { UPLOAD_CHECK_PATH } from "./client/upload-check.ts";
import { CARRY_OVER_TEXT } from "../../shared/proposals/carry-over.ts";
import { FieldError, fill } from "./fields.tsx";
import { Layout } from "./layout.tsx";

export interface ProposalFormProps {
  principal: Principal;
  csrfToken: string;
  /** One-time token: a double tap or a retried post creates one proposal. */
  submissionToken: string;
  action: string;
  title: string;
  values: ProposalFormFields;
  errors: Record<string, string>;
  villages: readonly VillageOption[];
  /** Editing keeps the place and year; only the village's words and numbers change. */
  editing?: boolean;
  /** When editing: the files the proposal has, each of which may be removed, and where they are served. */
  attachments?: readonly { id: string; filename: string; contentType: string; url: string }[];
  /** When editing a returned proposal: saving sends it back to the kecamatan, whose note is shown first. */
  returnNote?: string | null | undefined;
  /** A new proposal carrying over last year's (prefilled from it): the link is sent with the form and shown. */
  carriedFrom?: { id: string; trackingCode: string; year: number } | undefined;
  lang?: Language;
}

function TextField(props: { label: string; name: keyof ProposalFormFields; values: ProposalFormFields; errors: Record<string, string>; required?: boolean; inputmode?: "decimal" | "numeric"; hint?: string; area?: boolean }) {
  const common = {
    id: props.name,
    name: props.name,
    required: props.required,
    "aria-invalid": props.errors[props.name] ? "true" : undefined,
    "aria-describedby": props.errors[props.name] ? `${props.name}-error` : undefined,
  };
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      {props.area ? <textarea {...common}>{props.values[props.name] ?? ""}</textarea> : <input {...common} inputmode={props.inputmode} value={props.values[props.name] ?? ""} />}
      {props.hint ? <small>{props.hint}</small> : null}
      <FieldError errors={props.errors} name={props.name} />
    </div>
  );
}

const MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

const FORM_WORDS = {
  tooLarge: {
    id: `Berkas terlalu besar (maks. ${MB} MB per berkas): {names}. Perkecil fotonya lalu pilih lagi.`,
    en: `File too large (at most ${MB} MB per file): {names}. Make the photo smaller and choose it again.`,
  },
  tooMany: { id: "Maksimal {max} lampiran.", en: "At most {max} attachments." },
  files: { id: "Lampiran", en: "Attachments" },
  remove: { id: "Hapus", en: "Remove" },
  add: { id: `Tambah foto atau PDF (maks. ${MAX_ATTACHMENTS} berkas per usulan, ${MB} MB per berkas)`, en: `Add photos or PDFs (at most ${MAX_ATTACHMENTS} files per proposal, ${MB} MB each)` },
  returned: { id: "Catatan kecamatan:", en: "The district's note:" },
  resend: { id: "Simpan dan kirim kembali ke kecamatan", en: "Save and send back to the district" },
  save: { id: "Simpan perubahan", en: "Save changes" },
} satisfies Record<string, Text>;

/**
 * The file field: `accept` lets the phone offer photos and PDFs only, and the upload check script (when the
 * browser runs it) refuses a file over the limit before anything is sent; the server checks again either way.
 */
export function AttachmentInput(props: { errors: Record<string, string>; maxFiles?: number; lang?: Language }) {
  const message = props.errors.attachments;
  const lang = props.lang ?? "id";
  return (
    <>
      <input
        id="attachments"
        name="attachments"
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        data-max-bytes={String(MAX_ATTACHMENT_BYTES)}
        data-max-files={String(props.maxFiles ?? MAX_ATTACHMENTS)}
        data-too-large={FORM_WORDS.tooLarge[lang]}
        data-too-many={FORM_WORDS.tooMany[lang]}
        data-message-id="attachments-error"
        aria-invalid={message ? "true" : undefined}
        aria-describedby="attachments-error"
      />
      {/* Live, not an alert: the upload check fills it in while the person is still choosing files. */}
      <p class="error" id="attachments-error" aria-live="polite" hidden={!message}>
        {message ?? ""}
      </p>
    </>
  );
}

export function ProposalForm(props: ProposalFormProps) {
  const { values, errors } = props;
  const general = errors[""];
  const lang = props.lang ?? "id";
  const say = (t: Text) => t[lang];
  return (
    <Layout title={props.title} principal={props.principal} csrfToken={props.csrfToken} lang={lang} scripts={[UPLOAD_CHECK_PATH]}>
      <h1>{props.title}</h1>
      {props.returnNote !== undefined ? (
        <div class="notice" id="catatan-kecamatan">
          <strong>{say(FORM_WORDS.returned)}</strong>
          {props.returnNote ? <p class="quote">{props.returnNote}</p> : null}
        </div>
      ) : null}
      {props.carriedFrom ? <p class="notice">{fill(say(CARRY_OVER_TEXT.carriedFrom), { code: props.carriedFrom.trackingCode, year: props.carriedFrom.year })}</p> : null}
      {Object.keys(errors).length > 0 ? (
        <p class="notice" role="alert">
          {general ?? "Ada isian yang perlu diperbaiki. Lihat pesan di bawah isian yang ditandai."}
        </p>
      ) : null}
      <form method="post" action={props.action} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="_submission" value={props.submissionToken} />
        <input type="hidden" name="year" value={values.year ?? ""} />
        {props.carriedFrom ? <input type="hidden" name="carriedFrom" value={props.carriedFrom.id} /> : null}
        {props.editing ? null : (
          <div>
            <label for="villageCode">Desa/kelurahan</label>
            <select id="villageCode" name="villageCode" required>
              {props.villages.map((village) => (
                <option value={village.code} selected={village.code === values.villageCode}>
                  {village.name} (Kec. {village.districtName})
                </option>
              ))}
            </select>
            <FieldError errors={errors} name="villageCode" />
          </div>
        )}
        <TextField label="Permasalahan" name="problem" values={values} errors={errors} required area />
        <TextField label="Usulan kegiatan" name="activity" values={values} errors={errors} required hint="Contoh: Pembangunan drainase lingkungan RT 03" />
        <TextField label="Uraian (opsional)" name="description" values={values} errors={errors} area />
        <TextField label="Alamat / dusun (opsional)" name="address" values={values} errors={errors} />
        <div class="row">
          <TextField label="RT" name="rt" values={values} errors={errors} inputmode="numeric" />
          <TextField label="RW" name="rw" values={values} errors={errors} inputmode="numeric" />
        </div>
        <div class="row">
          <TextField label="Lintang" name="latitude" values={values} errors={errors} inputmode="decimal" hint="opsional, mis. -5,72" />
          <TextField label="Bujur" name="longitude" values={values} errors={errors} inputmode="decimal" hint="opsional, mis. 105,59" />
        </div>
        <div class="row">
          <TextField label="Volume" name="volume" values={values} errors={errors} required inputmode="decimal" />
          <div>
            <label for="unit">Satuan</label>
            <input id="unit" name="unit" list="units" value={values.unit ?? ""} aria-invalid={errors.unit ? "true" : undefined} />
            <datalist id="units">
              {COMMON_UNITS.map((unit) => (
                <option value={unit} />
              ))}
            </datalist>
            <FieldError errors={errors} name="unit" />
          </div>
        </div>
        <TextField label="Perkiraan biaya (Rp)" name="estimatedCost" values={values} errors={errors} required inputmode="numeric" hint="mis. 150.000.000" />
        <div class="row">
          <TextField label="Jumlah penerima manfaat" name="beneficiaryCount" values={values} errors={errors} inputmode="numeric" />
          <div>
            <label for="beneficiaryGroup">Kelompok penerima</label>
            <select id="beneficiaryGroup" name="beneficiaryGroup">
              <option value="">(pilih)</option>
              {Object.entries(BENEFICIARY_GROUPS).map(([key, label]) => (
                <option value={key} selected={values.beneficiaryGroup === key}>
                  {label.id}
                </option>
              ))}
            </select>
            <FieldError errors={errors} name="beneficiaryGroup" />
          </div>
        </div>
        <TextField label="Kode sub kegiatan (jika tahu)" name="subActivityCode" values={values} errors={errors} hint="mis. 1.03.06.2.01.0012" />
        <p>
          <small>
            <a href="/kode-kegiatan" target="_blank" rel="noopener">
              Cari kode sub kegiatan
            </a>
          </small>
        </p>
        <TextField label="Peringkat prioritas di desa" name="villageRank" values={values} errors={errors} inputmode="numeric" hint="Kosongkan untuk menaruh di urutan terakhir" />
        {props.editing ? (
          <fieldset>
            <legend>{say(FORM_WORDS.files)}</legend>
            {(props.attachments ?? []).map((a) => (
              <label class="choice">
                <input type="checkbox" name="removeAttachment" value={a.id} />
                {a.contentType.startsWith("image/") ? <img src={a.url} alt="" width="48" height="48" style="object-fit:cover" /> : null}
                <span>
                  {say(FORM_WORDS.remove)} {a.filename}
                </span>
              </label>
            ))}
            <label for="attachments">{say(FORM_WORDS.add)}</label>
            <AttachmentInput errors={errors} maxFiles={MAX_ATTACHMENTS - (props.attachments?.length ?? 0)} lang={lang} />
          </fieldset>
        ) : (
          <div>
            <label for="attachments">Lampiran: foto atau PDF (RAB, surat usulan), maks. {MAX_ATTACHMENTS} berkas, 10 MB per berkas</label>
            <AttachmentInput errors={errors} lang={lang} />
          </div>
        )}
        <button type="submit">{props.editing ? say(props.returnNote !== undefined ? FORM_WORDS.resend : FORM_WORDS.save) : "Kirim usulan"}</button>
      </form>
    </Layout>
  );
}
