/**
 * The review queues as people work them: a list that fits a screen (filters, pages of 20), and one proposal at a
 * time with everything the village sent, its overlap flags and ranks, and a decision form with nothing chosen in
 * advance, whose errors sit next to the field that caused them. No JavaScript needed.
 */
import type { Principal } from "../../shared/access/roles.ts";
import { date, quantity, rupiah } from "../../shared/format.ts";
import type { Language, Text } from "../../shared/i18n.ts";
import { STATUSES, type Status } from "../../shared/proposals/lifecycle.ts";
import { FUNDING_SOURCE_KEYS, FUNDING_SOURCES } from "../../shared/renja/funding.ts";
import { resolveTarget, sameUnit } from "../../shared/renja/units.ts";
import { DECISION_LABELS, DECISIONS_BY_KIND, type TaskKind } from "../../shared/reviews/decisions.ts";
import type { ProposalDetail } from "../../shared/schemas/proposals.ts";
import { fill, FieldError, Input, VillageFilter } from "./fields.tsx";
import { Layout } from "./layout.tsx";
import { ProposalDetailView } from "./proposal-detail.tsx";

export const WORK_TITLES: Record<TaskKind, Text> = {
  agency_review: { id: "Antrean telaah OPD", en: "Agency review queue" },
  verification: { id: "Verifikasi usulan kecamatan", en: "District verification" },
  triage: { id: "Pemilahan Bappeda", en: "Bappeda triage" },
};

const W = {
  filter: { id: "Saring", en: "Filter" },
  village: { id: "Desa/kelurahan", en: "Village" },
  allVillages: { id: "Semua desa", en: "All villages" },
  district: { id: "Kecamatan", en: "District" },
  allDistricts: { id: "Semua kecamatan", en: "All districts" },
  dueFilter: { id: "Jatuh tempo", en: "Due" },
  anyDue: { id: "Kapan saja", en: "Any time" },
  pastDue: { id: "Sudah lewat", en: "Past due" },
  dueWeek: { id: "Dalam 7 hari", en: "Within 7 days" },
  why: { id: "Mengapa usulan ini ke sini", en: "Why this proposal is here" },
  whyNone: { id: "Tidak ada kode sub kegiatan yang dikenali dari usulan ini; pilih kodenya di bawah.", en: "No sub-activity code was recognised for this proposal; choose its codes below." },
  whyTriage: { id: "Tidak ada OPD yang memegang kode ini di kabupaten.", en: "No agency of the kabupaten holds this code." },
  sourceVillage: { id: "dipilih desa", en: "chosen by the village" },
  sourceSuggested: { id: "disarankan dari kata-kata usulan", en: "suggested from the proposal's words" },
  sourceCorrected: { id: "dikoreksi Bappeda", en: "corrected by Bappeda" },
  otherAgencies: { id: "ditelaah oleh", en: "reviewed by" },
  notRouted: { id: "belum disalurkan ke OPD", en: "not routed to an agency yet" },
  subActivity: { id: "Sub kegiatan", en: "Sub-activity" },
  keepCode: { id: "Tetap: {name}", en: "Keep: {name}" },
  keepNone: { id: "Tetap (belum ada kode)", en: "Keep (no code yet)" },
  searchCode: { id: "Cari sub kegiatan lain (kata kunci atau kode)", en: "Find another sub-activity (words or a code)" },
  searchHint: { id: "Cari dulu, lalu isi keputusan: pilihan muncul di formulir keputusan.", en: "Search first, then fill in the decision: the choices appear in the decision form." },
  searchButton: { id: "Cari", en: "Search" },
  noMatch: { id: "Tidak ada sub kegiatan yang cocok dengan \u201c{q}\u201d.", en: "No sub-activity matches \u201c{q}\u201d." },
  unitOf: { id: "satuan", en: "unit" },
  volumeHint: { id: "Dalam satuan usulan: {unit}. Usulan desa {asked}.", en: "In the proposal's unit: {unit}. The village asked {asked}." },
  state: { id: "Status tugas", en: "Task status" },
  waiting: { id: "Menunggu keputusan", en: "Waiting for a decision" },
  decided: { id: "Sudah diputuskan", en: "Decided" },
  all: { id: "Semua", en: "All" },
  none: { id: "Tidak ada tugas di sini.", en: "No tasks here." },
  due: { id: "Jatuh tempo", en: "Due" },
  proposal: { id: "Usulan", en: "Proposal" },
  place: { id: "Desa", en: "Village" },
  asked: { id: "Volume · biaya", en: "Volume · cost" },
  task: { id: "Tugas", en: "Task" },
  villageRank: { id: "prioritas desa", en: "village priority" },
  open: { id: "Buka", en: "Open" },
  escalated: { id: "dieskalasi ke Bappeda", en: "escalated to Bappeda" },
  first: { id: "« Halaman pertama", en: "« First page" },
  more: { id: "Halaman berikutnya »", en: "Next page »" },
  saved: { id: "Keputusan tersimpan.", en: "Decision saved." },
  backToList: { id: "Kembali ke daftar", en: "Back to the list" },
  nextTask: { id: "Tugas berikutnya", en: "Next task" },
  flags: { id: "Kemiripan dengan usulan lain", en: "Overlaps with other proposals" },
  noFlags: { id: "Tidak ada tanda kemiripan.", en: "No overlap flags." },
  duplicate: { id: "kemungkinan duplikat", en: "possible duplicate" },
  cross: { id: "lintas OPD", en: "cross-agency" },
  score: { id: "skor", en: "score" },
  decide: { id: "Keputusan", en: "Decision" },
  decidedAs: { id: "Sudah diputuskan: {decision}", en: "Already decided: {decision}" },
  reason: { id: "Alasan / catatan", en: "Reason / note" },
  reasonHint: { id: "Wajib untuk dikembalikan dan ditolak: tulis apa yang harus diperbaiki desa.", en: "Required to return or reject: say what the village must fix." },
  changes: { id: "Perubahan (untuk diterima dengan perubahan)", en: "Changes (for accepted with changes)" },
  volume: { id: "Volume baru", en: "New volume" },
  cost: { id: "Biaya baru (Rp)", en: "New cost (Rp)" },
  mergedInto: { id: "Digabungkan ke (kode lacak)", en: "Merged into (tracking code)" },
  codes: { id: "Kode sub kegiatan (pisahkan dengan koma)", en: "Sub-activity codes (comma separated)" },
  acceptance: { id: "Untuk Renja (saat diterima)", en: "For the Renja (when accepted)" },
  target: { id: "Target keluaran", en: "Output target" },
  targetInUnit: { id: "Usulan {asked}: isi target dalam {unit}{suggested}. Wajib saat menerima.", en: "Proposed {asked}: give the target in {unit}{suggested}. Required to accept." },
  suggested: { id: " (saran dari konversi satuan)", en: " (suggested by unit conversion)" },
  targetSameUnit: { id: "Dalam satuan indikator keluaran sub kegiatan.", en: "In the sub-activity's output indicator unit." },
  fundingSource: { id: "Sumber dana", en: "Source of funds" },
  fundingDefault: { id: "(dari usulan, atau APBD Kabupaten/Kota)", en: "(from the proposal, or the kabupaten's APBD)" },
  save: { id: "Simpan keputusan", en: "Save decision" },
  fix: { id: "Keputusan belum tersimpan. Lihat pesan di bawah isian yang ditandai.", en: "The decision was not saved. See the messages under the marked fields." },
  recommend: { id: "Isi rekomendasi kecamatan untuk usulan ini", en: "Record the district's recommendation for this proposal" },
} satisfies Record<string, Text>;

export interface WorkRow {
  taskId: string;
  status: string;
  decision: string | null;
  dueAt: string;
  escalated: boolean;
  proposal: { id: string; trackingCode: string; activity: string; villageCode: string; villageName: string; districtName: string; villageRank: number | null; volume: number; unit: string; estimatedCost: number; status: string };
}

export interface WorkListProps {
  principal: Principal;
  csrfToken: string;
  lang: Language;
  kind: TaskKind;
  rows: readonly WorkRow[];
  villages: readonly { code: string; name: string }[];
  districts: readonly { code: string; name: string }[];
  filters: { state: string; kecamatan?: string | undefined; desa?: string | undefined; due?: string | undefined };
  /** The query string of the next page, when there is one. */
  next: string | null;
  paged: boolean;
  message?: string | undefined;
}

export function WorkListPage(props: WorkListProps) {
  const say = (t: Text) => t[props.lang];
  const taskState = (row: WorkRow) => (row.decision ? (DECISION_LABELS[row.decision as keyof typeof DECISION_LABELS]?.[props.lang] ?? row.decision) : say(W.waiting));
  const f = props.filters;
  const base = `/telaah?status=${f.state}${f.kecamatan ? `&kecamatan=${f.kecamatan}` : ""}${f.desa ? `&desa=${f.desa}` : ""}${f.due ? `&tenggat=${f.due}` : ""}`;
  return (
    <Layout title={say(WORK_TITLES[props.kind])} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang} wide>
      <h1>{say(WORK_TITLES[props.kind])}</h1>
      {props.message ? (
        <p class="ok" role="status">
          {props.message}
        </p>
      ) : null}
      <form method="get" action="/telaah" class="filters">
        <VillageFilter name="kecamatan" villages={props.districts} selected={f.kecamatan} label={say(W.district)} all={say(W.allDistricts)} />
        <VillageFilter villages={props.villages} selected={f.desa} label={say(W.village)} all={say(W.allVillages)} />
        <div>
          <label for="tenggat">{say(W.dueFilter)}</label>
          <select id="tenggat" name="tenggat">
            {(
              [
                ["", W.anyDue],
                ["lewat", W.pastDue],
                ["minggu", W.dueWeek],
              ] as const
            ).map(([value, label]) => (
              <option value={value} selected={value === (f.due ?? "")}>
                {say(label)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="status">{say(W.state)}</label>
          <select id="status" name="status">
            {(["waiting", "decided", "all"] as const).map((s) => (
              <option value={s} selected={s === props.filters.state}>
                {say(W[s])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{say(W.filter)}</button>
      </form>
      {props.rows.length === 0 ? <p>{say(W.none)}</p> : null}
      <table class="work-list">
        <thead>
          <tr>
            <th>{say(W.due)}</th>
            <th>{say(W.proposal)}</th>
            <th>{say(W.place)}</th>
            <th class="num">{say(W.asked)}</th>
            <th>{say(W.task)}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <td>
                {date(row.dueAt, row.proposal.villageCode, props.lang)}
                {row.escalated ? (
                  <>
                    <br />
                    <span class="tag warn">{say(W.escalated)}</span>
                  </>
                ) : null}
              </td>
              <td>
                <a href={`/telaah/${row.taskId}`}>{row.proposal.activity}</a>
                <br />
                <small>{row.proposal.trackingCode}</small>
              </td>
              <td>
                {row.proposal.villageName}
                <br />
                <small>
                  Kec. {row.proposal.districtName} · {say(W.villageRank)} {row.proposal.villageRank ?? "-"}
                </small>
              </td>
              <td class="num">
                {quantity(row.proposal.volume, props.lang)} {row.proposal.unit}
                <br />
                {rupiah(row.proposal.estimatedCost)}
              </td>
              <td>{taskState(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager">
        {props.paged ? <a href={base}>{say(W.first)}</a> : <span />}
        {props.next ? <a href={`${base}&${props.next}`}>{say(W.more)}</a> : null}
      </nav>
    </Layout>
  );
}

export interface WorkFlag {
  id: string;
  kind: string;
  status: string;
  score: number;
  reasons: string[];
  other: { id: string; trackingCode: string; activity: string; villageName: string; status: string; agencies: readonly string[] } | null;
}

/** A sub-activity code the proposal was routed on, with why. */
export interface RoutingLine {
  code: string;
  name: string | null;
  unit: string | null;
  source: "village" | "suggested" | "corrected";
  score: number;
  reason: string;
}

export interface SubActivityChoice {
  code: string;
  name: string;
  unit: string | null;
}

export interface WorkItemProps {
  principal: Principal;
  csrfToken: string;
  lang: Language;
  task: { id: string; kind: TaskKind; status: string; decision: string | null; dueAt: string };
  detail: ProposalDetail;
  /** The unit of the sub-activity's output indicator, in which an acceptance gives its target. */
  indicatorUnit: string | null;
  routing: readonly RoutingLine[];
  /** What the reviewer searched the nomenclature for, and what it found (the new sub-activity to choose). */
  search: string;
  choices: readonly SubActivityChoice[];
  flags: readonly WorkFlag[];
  next: string | null;
  /** What was typed in the decision form, after a refusal. */
  values?: Record<string, string>;
  errors?: Record<string, string>;
  message?: string | undefined;
}

/** The decision form: every decision a choice, none chosen until the person chooses. */
function DecisionForm(props: WorkItemProps) {
  const say = (t: Text) => t[props.lang];
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const kind = props.task.kind;
  return (
    <form method="post" action={`/telaah/${props.task.id}`} id="keputusan">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {Object.keys(errors).length ? (
        <p class="notice" role="alert">
          {errors[""] ?? say(W.fix)}
        </p>
      ) : null}
      <fieldset aria-invalid={errors.decision ? "true" : undefined} aria-describedby={errors.decision ? "decision-error" : undefined}>
        <legend>{say(W.decide)}</legend>
        {DECISIONS_BY_KIND[kind].map((decision) => (
          <label class="choice">
            <input type="radio" name="decision" value={decision} required checked={values.decision === decision} />
            {DECISION_LABELS[decision][props.lang]}
          </label>
        ))}
        <FieldError errors={errors} name="decision" />
      </fieldset>
      <label for="reason">{say(W.reason)}</label>
      <textarea id="reason" name="reason" aria-invalid={errors.reason ? "true" : undefined} aria-describedby={errors.reason ? "reason-error" : "reason-hint"}>
        {values.reason ?? ""}
      </textarea>
      <small id="reason-hint">{say(W.reasonHint)}</small>
      <FieldError errors={errors} name="reason" />
      {kind === "agency_review" ? (
        <fieldset>
          <legend>{say(W.changes)}</legend>
          <div class="row">
            <div>
              <Input name="volume" label={`${say(W.volume)} (${props.detail.unit})`} value={values.volume} errors={errors} inputmode="decimal" />
              <small>{fill(say(W.volumeHint), { unit: props.detail.unit, asked: `${quantity(props.detail.volume, props.lang)} ${props.detail.unit}` })}</small>
            </div>
            <Input name="estimatedCost" label={say(W.cost)} value={values.estimatedCost} errors={errors} inputmode="numeric" />
          </div>
          <SubActivityChoices {...props} />
          <Input name="mergedInto" label={say(W.mergedInto)} value={values.mergedInto} errors={errors} placeholder="USL-2027-..." />
        </fieldset>
      ) : null}
      {kind === "agency_review" ? <AcceptanceFields {...props} /> : null}
      {kind === "triage" ? <Input name="subActivityCodes" label={say(W.codes)} value={values.subActivityCodes} errors={errors} /> : null}
      <button type="submit">{say(W.save)}</button>
    </form>
  );
}

/** The sub-activity as a choice by name: kept, one it was routed on, or one found by the search above the form. */
function SubActivityChoices(props: WorkItemProps) {
  const say = (t: Text) => t[props.lang];
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const current = props.detail.subActivityCode;
  const seen = new Set<string>(current ? [current] : []);
  const options = [...props.choices, ...props.routing.map((r) => ({ code: r.code, name: r.name ?? r.code, unit: r.unit }))].filter((o) => !seen.has(o.code) && seen.add(o.code));
  const currentName = props.routing.find((r) => r.code === current)?.name ?? current;
  const chosen = values.subActivityCode ?? "";
  return (
    <fieldset id="sub-kegiatan" aria-invalid={errors.subActivityCode ? "true" : undefined} aria-describedby={errors.subActivityCode ? "subActivityCode-error" : undefined}>
      <legend>{say(W.subActivity)}</legend>
      <label class="choice">
        <input type="radio" name="subActivityCode" value="" checked={chosen === ""} />
        {current ? fill(say(W.keepCode), { name: `${currentName} (${current})` }) : say(W.keepNone)}
      </label>
      {options.map((o) => (
        <label class="choice">
          <input type="radio" name="subActivityCode" value={o.code} checked={chosen === o.code} />
          <span>
            {o.name} <small class="muted">({o.code} · {say(W.unitOf)}: {o.unit ?? "-"})</small>
          </span>
        </label>
      ))}
      <FieldError errors={errors} name="subActivityCode" />
    </fieldset>
  );
}

/** The nomenclature search that fills the choices above (a GET of this page: no JavaScript, nothing decided). */
function SubActivitySearch(props: WorkItemProps) {
  const say = (t: Text) => t[props.lang];
  return (
    <form method="get" action={`/telaah/${props.task.id}#sub-kegiatan`} class="filters" id="cari-sub-kegiatan">
      <div>
        <label for="cari">{say(W.searchCode)}</label>
        <input id="cari" name="cari" value={props.search} placeholder="mis. drainase, jalan lingkungan, 1.03.10" />
        <small>{say(W.searchHint)}</small>
      </div>
      <button type="submit">{say(W.searchButton)}</button>
      {props.search.length >= 2 && props.choices.length === 0 ? <p class="error">{fill(say(W.noMatch), { q: props.search })}</p> : null}
    </form>
  );
}

/** Why the proposal came to this queue: its codes with name, score and the classifier's reason. */
function RoutingReason(props: WorkItemProps) {
  const say = (t: Text) => t[props.lang];
  const source = { village: W.sourceVillage, suggested: W.sourceSuggested, corrected: W.sourceCorrected } as const;
  return (
    <section id="alasan-rute">
      <h2>{say(W.why)}</h2>
      {props.routing.length === 0 ? <p class="muted">{say(W.whyNone)}</p> : null}
      <ul>
        {props.routing.map((r) => (
          <li>
            <strong>{r.name ?? r.code}</strong> <small class="muted">({r.code})</small>
            <br />
            <small>
              {say(source[r.source])} · {say(W.score)} {r.score.toFixed(2)}
              {/* The village's own choice is stored with the reason "dipilih desa": said once. */}
              {r.reason && r.reason !== W.sourceVillage.id ? ` · ${r.reason}` : ""}
              {r.unit ? ` · ${say(W.unitOf)}: ${r.unit}` : ""}
            </small>
          </li>
        ))}
      </ul>
      {props.task.kind === "triage" && props.routing.length > 0 ? <p class="muted">{say(W.whyTriage)}</p> : null}
    </section>
  );
}

/**
 * What an acceptance records for the Renja: the output target in the indicator's own unit (required when the
 * village asked in another unit; suggested where the units convert for certain) and the source of funds.
 */
function AcceptanceFields(props: WorkItemProps) {
  const say = (t: Text) => t[props.lang];
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const { volume, unit } = props.detail;
  const indicatorUnit = props.indicatorUnit;
  const resolved = resolveTarget({ volume, volumeUnit: unit, indicatorUnit });
  // Only a conversion is filled in: in the same unit the (possibly changed) volume carries over by itself.
  const suggestion = resolved.kind === "required" ? resolved.suggestion : null;
  const hint =
    indicatorUnit && !sameUnit(unit, indicatorUnit)
      ? fill(say(W.targetInUnit), { asked: `${quantity(volume, props.lang)} ${unit}`, unit: indicatorUnit, suggested: suggestion === null ? "" : say(W.suggested) })
      : say(W.targetSameUnit);
  const funding = values.fundingSource ?? "";
  return (
    <fieldset>
      <legend>{say(W.acceptance)}</legend>
      <div class="row">
        <div>
          <Input name="target" label={indicatorUnit ? `${say(W.target)} (${indicatorUnit})` : say(W.target)} value={values.target ?? (suggestion === null ? "" : quantity(suggestion, props.lang))} errors={errors} inputmode="decimal" />
          <small>{hint}</small>
        </div>
        <div>
          <label for="fundingSource">{say(W.fundingSource)}</label>
          <select id="fundingSource" name="fundingSource" aria-invalid={errors.fundingSource ? "true" : undefined}>
            <option value="">{say(W.fundingDefault)}</option>
            {FUNDING_SOURCE_KEYS.map((key) => (
              <option value={key} selected={funding === key}>
                {FUNDING_SOURCES[key]}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="fundingSource" />
        </div>
      </div>
    </fieldset>
  );
}

export function WorkItemPage(props: WorkItemProps) {
  const say = (t: Text) => t[props.lang];
  const p = props.detail;
  const open = props.task.status === "open" || props.task.status === "claimed";
  return (
    <Layout title={`${say(WORK_TITLES[props.task.kind])}: ${p.activity}`} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang} wide>
      <nav class="pager">
        <a href="/telaah">← {say(W.backToList)}</a>
        {props.next ? <a href={`/telaah/${props.next}`}>{say(W.nextTask)} →</a> : null}
      </nav>
      {props.message ? (
        <p class="ok" role="status">
          {props.message}
        </p>
      ) : null}
      <h1>{p.activity}</h1>
      <p class="muted">
        {say(W.due)} {date(props.task.dueAt, p.villageCode, props.lang)}
      </p>
      <div class="row" style="flex-wrap:wrap;align-items:flex-start">
        <section class="card" style="flex:2 1 30rem">
          <ProposalDetailView detail={p} lang={props.lang} />
        </section>
        <section class="card" style="flex:1 1 22rem">
          <h2>{say(W.flags)}</h2>
          {props.flags.length === 0 ? <p class="muted">{say(W.noFlags)}</p> : null}
          <ul class="flags">
            {props.flags.map((f) => (
              <li>
                <span class="tag warn">{say(f.kind === "duplicate" ? W.duplicate : W.cross)}</span> {say(W.score)} {f.score.toFixed(2)}
                {f.other ? (
                  <div>
                    <a href={`/usulan/${f.other.id}`}>{f.other.activity}</a> <small>({f.other.trackingCode}, {f.other.villageName}, {STATUSES[f.other.status as Status]?.[props.lang] ?? f.other.status})</small>
                    <br />
                    <small>
                      <strong>{f.other.agencies.length ? `${say(W.otherAgencies)} ${f.other.agencies.join(", ")}` : say(W.notRouted)}</strong>
                    </small>
                  </div>
                ) : null}
                <small>{f.reasons.join("; ")}</small>
              </li>
            ))}
          </ul>
          {props.task.kind === "verification" ? null : <RoutingReason {...props} />}
          {open && props.task.kind === "agency_review" ? <SubActivitySearch {...props} /> : null}
          {open ? (
            <DecisionForm {...props} />
          ) : (
            <p class="notice">{fill(say(W.decidedAs), { decision: props.task.decision ? (DECISION_LABELS[props.task.decision as keyof typeof DECISION_LABELS]?.[props.lang] ?? props.task.decision) : "-" })}</p>
          )}
          {props.task.kind === "verification" && props.task.decision === "verified" ? (
            <p>
              <a href={`/musrenbang-kecamatan/usulan/${p.id}`}>{say(W.recommend)}</a>
            </p>
          ) : null}
        </section>
      </div>
    </Layout>
  );
}
