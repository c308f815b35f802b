/** The spreadsheet import pages: upload with the template, the row-by-row preview, the choice of desa, progress. */
import type { Principal } from "../../shared/access/roles.ts";
import { rupiah, quantity } from "../../shared/format.ts";
import { fundingSourceLabel } from "../../shared/renja/funding.ts";
import type { Language } from "../../shared/i18n.ts";
import type { ImportView } from "../usecases/imports/imports.ts";
import type { ImportRow } from "../storage/imports.ts";
import { fill } from "./fields.tsx";
import { Layout } from "./layout.tsx";

const T = {
  title: { id: "Impor daftar usulan (DU-RKPDesa)", en: "Import the proposal list (DU-RKPDesa)" },
  intro: {
    id: "Unggah Daftar Usulan RKP Desa dalam CSV atau XLSX. Anda akan melihat dulu setiap baris: yang menjadi usulan, yang dilewati dan yang salah. Tidak ada yang disimpan sebelum Anda menekan Simpan.",
    en: "Upload the village's proposal list as CSV or XLSX. You first see every row: what becomes a proposal, what is skipped and what is wrong. Nothing is stored until you press Save.",
  },
  template: { id: "Unduh templat:", en: "Download the template:" },
  file: { id: "Berkas CSV atau XLSX", en: "CSV or XLSX file" },
  year: { id: "Tahun rencana", en: "Planning year" },
  village: { id: "Kode desa/kelurahan (mis. 18.01.06.1008)", en: "Desa/kelurahan code (e.g. 18.01.06.1008)" },
  check: { id: "Periksa berkas", en: "Check the file" },
  earlier: { id: "Impor sebelumnya", en: "Earlier imports" },
  summary: { id: "{rows} baris: {create} menjadi usulan, {skip} dilewati, {errors} kesalahan, {ambiguous} lokasi perlu dipilih.", en: "{rows} rows: {create} become proposals, {skip} skipped, {errors} errors, {ambiguous} places to choose." },
  problems: { id: "Kesalahan (perbaiki berkas lalu unggah lagi; tidak ada yang disimpan)", en: "Errors (fix the file and upload again; nothing was stored)" },
  problem: { id: "Baris {row}, kolom {column}: {message}", en: "Row {row}, column {column}: {message}" },
  choose: { id: "Pilih desa untuk lokasi ini", en: "Choose the desa for this place" },
  chooseSave: { id: "Simpan pilihan", en: "Save the choice" },
  commit: { id: "Simpan {n} usulan", en: "Save {n} proposals" },
  committing: { id: "Sedang disimpan di latar belakang: {written} dari {total} usulan tersimpan, {started} sudah berjalan. Halaman ini memuat ulang sendiri.", en: "Saving in the background: {written} of {total} proposals stored, {started} under way. This page reloads itself." },
  committed: { id: "Tersimpan: {n} usulan diajukan ke kecamatan.", en: "Saved: {n} proposals submitted to the kecamatan." },
  failed: { id: "Penyimpanan gagal; tidak ada yang disimpan. Unggah berkas lagi.", en: "Saving failed; nothing was stored. Upload the file again." },
  row: { id: "Baris", en: "Row" },
  activity: { id: "Kegiatan", en: "Activity" },
  result: { id: "Hasil", en: "Result" },
  create: { id: "Jadi usulan", en: "Becomes a proposal" },
  skip: { id: "Dilewati", en: "Skipped" },
  error: { id: "Salah", en: "Wrong" },
  ambiguous: { id: "Pilih desa", en: "Choose the desa" },
  placedNamed: { id: "lokasi: {desa}", en: "place: {desa}" },
  placedDefault: { id: "lokasi: {desa} (desa pengusul)", en: "place: {desa} (the proposing village)" },
  more: { id: "… dan {n} baris lagi (semua ada di API: GET /api/v1/imports/{id}).", en: "… and {n} more rows (all in the API: GET /api/v1/imports/{id})." },
  back: { id: "Impor berkas lain", en: "Import another file" },
} as const;

const SHOWN_ROWS = 200;

export function ImportStartPage(props: { principal: Principal; csrfToken: string; lang: Language; year: number; imports: readonly ImportRow[]; error?: string | undefined }) {
  const say = (t: { id: string; en: string }) => t[props.lang];
  return (
    <Layout title={say(T.title)} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang}>
      <h1>{say(T.title)}</h1>
      <p>{say(T.intro)}</p>
      <p>
        {say(T.template)} <a href="/api/v1/imports/template?format=xlsx">XLSX</a> · <a href="/api/v1/imports/template?format=csv">CSV</a>
      </p>
      {props.error ? (
        <p class="notice" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/impor" enctype="multipart/form-data" class="card">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label>
          {say(T.file)}
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </label>
        <label>
          {say(T.year)}
          <input name="year" inputmode="numeric" value={String(props.year)} required />
        </label>
        {props.principal.role === "planning_admin" ? (
          <label>
            {say(T.village)}
            <input name="desa" required />
          </label>
        ) : null}
        <button type="submit">{say(T.check)}</button>
      </form>
      {props.imports.length ? (
        <>
          <h2>{say(T.earlier)}</h2>
          <ul>
            {props.imports.map((i) => (
              <li>
                <a href={`/impor/${i.id}`}>{i.filename}</a> · {i.year} · {i.status} · {i.createCount}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

export function ImportPreviewPage(props: { principal: Principal; csrfToken: string; lang: Language; view: ImportView; notice?: { ok?: string | undefined; error?: string | undefined } }) {
  const { view, lang } = props;
  const say = (t: { id: string; en: string }) => t[lang];
  const label = { create: T.create, skip: T.skip, error: T.error, ambiguous: T.ambiguous } as const;
  const problemsOf = (row: number) => view.problems.filter((p) => p.row === row);
  const choices = [...new Map(view.rows.filter((r) => r.candidates).map((r) => [r.choiceKey!, r])).values()];
  return (
    <Layout title={say(T.title)} principal={props.principal} csrfToken={props.csrfToken} lang={lang} refreshSeconds={view.status === "committing" ? 2 : undefined}>
      <h1>{say(T.title)}</h1>
      <p>
        <strong>{view.filename}</strong> · {view.villageName} · {view.year}
      </p>
      <p id="ringkasan">{fill(say(T.summary), { rows: view.counts.rows, create: view.counts.create, skip: view.counts.skip, errors: view.counts.errors, ambiguous: view.counts.ambiguous })}</p>
      {props.notice?.error ? (
        <p class="notice" role="alert">
          {props.notice.error}
        </p>
      ) : null}
      {view.status === "committing" ? (
        <div class="card" role="status">
          <progress max={String(view.progress.total * 2)} value={String(view.progress.written + view.progress.started)} />
          <p>{fill(say(T.committing), { written: view.progress.written, total: view.progress.total, started: view.progress.started })}</p>
        </div>
      ) : null}
      {view.status === "failed" ? <p class="notice">{say(T.failed)}</p> : null}
      {view.status === "committed" ? (
        <div class="card" role="status">
          <p class="ok">{fill(say(T.committed), { n: view.proposals?.length ?? view.progress.written })}</p>
          <ul>
            {(view.proposals ?? []).slice(0, SHOWN_ROWS).map((p) => (
              <li>
                {say(T.row)} {p.row}: <a href={`/usulan/${p.id}`}>{p.trackingCode}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href="/impor">{say(T.back)}</a>
          </p>
        </div>
      ) : null}
      {view.problems.length ? (
        <section class="card" id="kesalahan">
          <h2>{say(T.problems)}</h2>
          <ul>
            {view.problems.map((p) => (
              <li>{fill(say(T.problem), { row: p.row, column: p.column, message: p.message })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.status === "checked" && choices.length ? (
        <form method="post" action={`/impor/${view.id}/lokasi`} class="card" id="pilih-lokasi">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          {choices.map((r) => (
            <fieldset>
              <legend>
                {say(T.choose)}: {say(T.row)} {r.row}, {r.activity}
              </legend>
              {r.candidates!.map((c) => (
                <label>
                  <input type="radio" name={`pilih:${r.choiceKey}`} value={c.code} required /> {c.name}
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit">{say(T.chooseSave)}</button>
        </form>
      ) : null}
      {view.status === "checked" && view.ready ? (
        <form method="post" action={`/impor/${view.id}/simpan`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit">{fill(say(T.commit), { n: view.counts.create })}</button>
        </form>
      ) : null}
      {view.rows.length ? (
        <table class="import-rows">
          <thead>
            <tr>
              <th>{say(T.row)}</th>
              <th>{say(T.activity)}</th>
              <th>{say(T.result)}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.slice(0, SHOWN_ROWS).map((r) => (
              <tr class={`row-${r.outcome}`}>
                <td>{r.row}</td>
                <td>{r.activity || "—"}</td>
                <td>
                  <strong>{say(label[r.outcome as keyof typeof label])}</strong>
                  {r.outcome === "create" ? (
                    <div>
                      {quantity(r.volume!, lang)} {r.unit} · {rupiah(r.estimatedCost!)}
                      {r.fundingSource ? ` · ${fundingSourceLabel(r.fundingSource)}` : ""}
                      <br />
                      {fill(say(r.placedBy === "named" ? T.placedNamed : T.placedDefault), { desa: r.villageName ?? "" })}
                    </div>
                  ) : null}
                  {r.message ? <div>{r.message}</div> : null}
                  {problemsOf(r.row).map((p) => (
                    <div>
                      {p.column}: {p.message}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {view.rows.length > SHOWN_ROWS ? <p>{fill(say(T.more), { n: view.rows.length - SHOWN_ROWS, id: view.id })}</p> : null}
    </Layout>
  );
}
