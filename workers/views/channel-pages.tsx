/** The pokir DPRD and thematic Musrenbang screens: the form, each member's report, the tally per theme. */
import type { Principal } from "../../shared/access/roles.ts";
import { quantity, rupiah } from "../../shared/format.ts";
import { THEMES, type ThemeSummary } from "../../shared/proposals/channels.ts";
import type { PokirReportLine } from "../../shared/proposals/pokir-report.ts";
import { FieldError, Input } from "./fields.tsx";
import { Layout } from "./layout.tsx";

export type ChannelKind = "pokir" | "tematik";

export interface ChannelFormProps {
  principal: Principal;
  csrfToken: string;
  submissionToken: string;
  kind: ChannelKind;
  values: Record<string, string>;
  errors: Record<string, string>;
  villages: readonly { code: string; name: string; districtName: string }[];
  districts: readonly { code: string; name: string }[];
  /** The members Setwan and Bappeda enter for; empty for a member's own account. */
  members: readonly { id: string; name: string; fraksi: string; dapil: string }[];
}

function Select(props: { name: string; label: string; value: string | undefined; errors: Record<string, string>; options: readonly { value: string; label: string }[]; empty?: string }) {
  const error = props.errors[props.name];
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${props.name}-error` : undefined}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError errors={props.errors} name={props.name} />
    </div>
  );
}

/** The pokir (or thematic) form: one page, plain fields, evidence photos; no JavaScript needed. */
export function ChannelForm(props: ChannelFormProps) {
  const { values, errors } = props;
  const pokir = props.kind === "pokir";
  const title = pokir ? "Ajukan pokok-pokok pikiran DPRD (pokir)" : "Ajukan usulan Musrenbang tematik";
  const theme = props.principal.role === "thematic_group" ? THEMES[props.principal.scopeCode as keyof typeof THEMES] : null;
  const top = errors._form;
  return (
    <Layout title={title} principal={props.principal} csrfToken={props.csrfToken} wide={pokir}>
      <h1>{title}</h1>
      {top ? <p class="error">{top}</p> : null}
      <form method="post" action={pokir ? "/pokir" : "/tematik"} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="_submission" value={props.submissionToken} />
        <input type="hidden" name="year" value={values.year ?? ""} />
        {pokir && props.members.length > 0 ? (
          <Select name="memberId" label="Anggota DPRD pemilik pokir" value={values.memberId} errors={errors} empty="Pilih anggota DPRD" options={props.members.map((m) => ({ value: m.id, label: `${m.name} (Fraksi ${m.fraksi}, ${m.dapil})` }))} />
        ) : null}
        {!pokir ? (
          theme ? (
            <p>
              Tema: <strong>{theme.id}</strong>
              <input type="hidden" name="theme" value={props.principal.scopeCode} />
            </p>
          ) : (
            <Select name="theme" label="Tema" value={values.theme} errors={errors} options={Object.entries(THEMES).map(([value, t]) => ({ value, label: t.id }))} />
          )
        ) : null}
        <Input name="activity" label="Usulan kegiatan" value={values.activity} errors={errors} placeholder="mis. Pembangunan drainase lingkungan RT 05" />
        <Input name="problem" label="Permasalahan (yang disampaikan warga)" value={values.problem} errors={errors} area />
        <fieldset>
          <legend>Lokasi {pokir ? "(isi salah satu)" : ""}</legend>
          {pokir ? (
            <Select name="villageCode" label="Desa/kelurahan" value={values.villageCode} errors={errors} empty="— sekecamatan —" options={props.villages.map((v) => ({ value: v.code, label: `${v.name} (Kec. ${v.districtName})` }))} />
          ) : null}
          <Select name="districtCode" label={pokir ? "atau seluruh kecamatan" : "Kecamatan"} value={values.districtCode} errors={errors} empty={pokir ? "— satu desa —" : "Seluruh kabupaten"} options={props.districts.map((d) => ({ value: d.code, label: d.name }))} />
        </fieldset>
        <Input name="volume" label="Volume" value={values.volume} errors={errors} inputmode="decimal" />
        <Input name="unit" label="Satuan" value={values.unit} errors={errors} placeholder="m, unit, paket, orang" />
        <Input name="estimatedCost" label="Perkiraan biaya (Rp)" value={values.estimatedCost} errors={errors} inputmode="numeric" placeholder="mis. 150.000.000" />
        {pokir ? (
          <fieldset>
            <legend>Reses asal pokir</legend>
            <div>
              <label for="resesDate">Tanggal reses</label>
              <input type="date" id="resesDate" name="resesDate" value={values.resesDate ?? ""} aria-invalid={errors.resesDate ? "true" : undefined} />
              <FieldError errors={errors} name="resesDate" />
            </div>
            <Input name="resesPlace" label="Tempat reses" value={values.resesPlace} errors={errors} placeholder="mis. Balai Desa Jondong" />
          </fieldset>
        ) : null}
        <div>
          <label for="attachments">Bukti: foto lokasi, notulen (JPG, PNG, WebP, PDF; paling banyak 5)</label>
          <input type="file" id="attachments" name="attachments" multiple accept="image/jpeg,image/png,image/webp,application/pdf" />
          <FieldError errors={errors} name="attachments" />
        </div>
        <button type="submit">Kirim</button>
      </form>
    </Layout>
  );
}

/** What became of every pokir of the year: status, agency and its decision, reason, Renja line. */
export function PokirReportPage(props: { principal: Principal; csrfToken: string; year: number; lines: readonly PokirReportLine[]; member: string | undefined; members: readonly { id: string; name: string }[] }) {
  const own = props.principal.role === "dprd_member";
  const csv = `/api/v1/pokir?year=${props.year}&format=csv${props.member ? `&member=${encodeURIComponent(props.member)}` : ""}`;
  return (
    <Layout title={`Laporan pokir ${props.year}`} principal={props.principal} csrfToken={props.csrfToken} wide>
      <h1>
        Laporan pokir DPRD {props.year}
        {own && props.lines[0] ? `: ${props.lines[0].memberName}` : ""}
      </h1>
      <p>
        <a href="/pokir/baru">Ajukan pokir baru</a> · <a href={csv}>Unduh CSV</a>
      </p>
      {!own && props.members.length > 0 ? (
        <form method="get" action="/pokir">
          <label for="anggota">Anggota DPRD</label>
          <select id="anggota" name="anggota">
            <option value="">Semua anggota</option>
            {props.members.map((m) => (
              <option value={m.id} selected={m.id === props.member}>
                {m.name}
              </option>
            ))}
          </select>
          <input type="hidden" name="tahun" value={String(props.year)} />
          <button type="submit">Tampilkan</button>
        </form>
      ) : null}
      {props.lines.length === 0 ? (
        <p>Belum ada pokir untuk tahun {props.year}.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Pokir</th>
              {own ? null : <th>Anggota</th>}
              <th>Lokasi</th>
              <th>Volume / biaya</th>
              <th>Status</th>
              <th>OPD dan keputusan</th>
              <th>Alasan</th>
              <th>Baris Renja</th>
            </tr>
          </thead>
          <tbody>
            {props.lines.map((l) => (
              <tr data-status={l.status}>
                <td>
                  <a href={`/usulan/${l.id}`}>{l.activity}</a>
                  <br />
                  <small>
                    {l.trackingCode} · reses {l.resesDate}, {l.resesPlace}
                  </small>
                </td>
                {own ? null : (
                  <td>
                    {l.memberName}
                    <br />
                    <small>
                      Fraksi {l.fraksi} · {l.dapil}
                    </small>
                  </td>
                )}
                <td>{l.location}</td>
                <td>
                  {quantity(l.volume)} {l.unit}
                  <br />
                  {rupiah(l.estimatedCost)}
                </td>
                <td>{l.statusLabel}</td>
                <td>{l.agencies.length ? l.agencies.map((a) => <div>{a.decision ? `${a.name}: ${a.decision}` : a.name}</div>) : "—"}</td>
                <td>{l.reason ?? "—"}</td>
                <td>{l.renjaLines.length ? l.renjaLines.map((r) => <div>{`${r.agencyName} ${r.subActivityCode}: ${quantity(r.volume)} ${r.unit ?? ""}, ${rupiah(r.pagu)}`}</div>) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** How many thematic proposals each theme submitted, had forwarded to the agencies and got funded. */
export function ThemeSummaryPage(props: { principal: Principal; csrfToken: string; year: number; themes: readonly (ThemeSummary & { label: string })[] }) {
  return (
    <Layout title={`Musrenbang tematik ${props.year}`} principal={props.principal} csrfToken={props.csrfToken}>
      <h1>Musrenbang tematik {props.year}</h1>
      {props.principal.role === "thematic_group" || props.principal.role === "planning_admin" ? (
        <p>
          <a href="/tematik/baru">Ajukan usulan tematik</a> · <a href="/usulan">Daftar usulan</a>
        </p>
      ) : null}
      <p>Diteruskan: sampai ke OPD (atau pemilahan Bappeda). Didanai: diterima masuk Renja, dengan pagunya.</p>
      {/* One block per theme rather than a table: it reads on a group's phone as on Bappeda's screen. */}
      <dl class="facts">
        {props.themes.map((t) => (
          <>
            <dt data-theme={t.theme}>{t.label}</dt>
            <dd data-theme={t.theme}>
              Diajukan <strong data-count="submitted">{t.submitted}</strong> · Diteruskan <strong data-count="forwarded">{t.forwarded}</strong> · Didanai <strong data-count="funded">{t.funded}</strong> ({rupiah(t.pagu)})
            </dd>
          </>
        ))}
      </dl>
    </Layout>
  );
}
