/** The village's list of proposals, one proposal's page, the cancel confirmation, and the public tracking page. */
import type { Child } from "hono/jsx";
import type { Principal } from "../../shared/access/roles.ts";
import { rupiah } from "../../shared/format.ts";
import type { Language, Text } from "../../shared/i18n.ts";
import { STAGES, STATUSES, type Stage, type Status } from "../../shared/proposals/lifecycle.ts";
import type { ProposalDetail, ProposalView } from "../../shared/schemas/proposals.ts";
import type * as v from "valibot";
import type { TrackingSchema } from "../../shared/schemas/proposals.ts";
import { fill, VillageFilter } from "./fields.tsx";
import { Layout } from "./layout.tsx";
import { ProposalDetailView, StoryList } from "./proposal-detail.tsx";

const W = {
  listTitle: { id: "Usulan desa", en: "Village proposals" },
  listHeading: { id: "Usulan {village} untuk {year}", en: "Proposals of {village} for {year}" },
  newProposal: { id: "+ Ajukan usulan baru", en: "+ Submit a new proposal" },
  none: { id: "Belum ada usulan.", en: "No proposals yet." },
  no: { id: "No", en: "No" },
  proposal: { id: "Usulan", en: "Proposal" },
  stageStatus: { id: "Tahap / status", en: "Stage / status" },
  order: { id: "Urutan", en: "Order" },
  up: { id: "Naikkan", en: "Move up" },
  down: { id: "Turunkan", en: "Move down" },
  cancelled: { id: "Dibatalkan ({n})", en: "Withdrawn ({n})" },
  cancelledHint: { id: "Usulan yang dibatalkan tidak ikut diperingkat.", en: "Withdrawn proposals are not ranked." },
  sent: { id: "Usulan terkirim. Kode lacak:", en: "Proposal sent. Tracking code:" },
  same: {
    id: "Usulan yang sama sudah Anda kirim beberapa menit lalu, jadi tidak dibuat usulan baru. Ini usulan tersebut; kode lacak:",
    en: "You sent this same proposal a few minutes ago, so no new one was made. This is that proposal; tracking code:",
  },
  saved: { id: "Perubahan tersimpan.", en: "Changes saved." },
  resent: { id: "Perbaikan tersimpan dan usulan dikirim kembali ke kecamatan.", en: "Fixes saved and the proposal sent back to the district." },
  returned: { id: "Kecamatan mengembalikan usulan ini untuk diperbaiki:", en: "The district returned this proposal to be fixed:" },
  returnedAction: { id: "Perbaiki lalu kirim kembali", en: "Fix it and send it back" },
  edit: { id: "Ubah usulan", en: "Edit proposal" },
  cancel: { id: "Batalkan usulan", en: "Withdraw proposal" },
  back: { id: "Kembali ke daftar usulan", en: "Back to the proposal list" },
  confirmTitle: { id: "Batalkan usulan ini?", en: "Withdraw this proposal?" },
  confirmText: {
    id: "Usulan yang dibatalkan keluar dari daftar aktif dan dari peringkat desa (urutan usulan lain naik), tidak diverifikasi kecamatan, dan tidak dapat diaktifkan lagi. Kode lacaknya tetap dapat dilihat.",
    en: "A withdrawn proposal leaves the active list and the village ranking (the others move up), is not verified by the district and cannot be reactivated. Its tracking code can still be looked up.",
  },
  reason: { id: "Alasan pembatalan (opsional)", en: "Reason for withdrawing (optional)" },
  confirm: { id: "Ya, batalkan usulan", en: "Yes, withdraw the proposal" },
  keep: { id: "Tidak, kembali", en: "No, go back" },
  track: { id: "Lacak usulan", en: "Track a proposal" },
  trackTitle: { id: "Lacak usulan {code}", en: "Track proposal {code}" },
  planYear: { id: "tahun rencana", en: "plan year" },
  now: { id: "Tahap sekarang", en: "Current stage" },
  into: { id: "ke usulan", en: "into proposal" },
  history: { id: "Riwayat", en: "History" },
  notFound: { id: "Kode lacak tidak ditemukan.", en: "Tracking code not found." },
  code: { id: "Kode lacak", en: "Tracking code" },
  lookup: { id: "Lacak", en: "Track" },
  everyProposal: { id: "Semua usulan per desa dan kecamatan, dengan hasil dan alasannya", en: "Every proposal per village and district, with outcomes and reasons" },
} satisfies Record<string, Text>;

function RankButton(props: { id: string; rank: number; label: string; arrow: string; csrfToken: string }) {
  return (
    <form class="inline" method="post" action={`/usulan/${props.id}/peringkat`}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="rank" value={String(props.rank)} />
      <button class="secondary" type="submit" aria-label={props.label} title={props.label}>
        {props.arrow}
      </button>
    </form>
  );
}

/** `children`: what else the village is offered above its list (last year's proposals to submit again). */
export function ProposalListPage(props: { principal: Principal; csrfToken: string; lang: Language; villageName: string; year: number; proposals: readonly ProposalView[]; editable: (p: ProposalView) => boolean; children?: Child }) {
  const say = (t: Text) => t[props.lang];
  const active = props.proposals.filter((p) => p.status !== "withdrawn");
  const withdrawn = props.proposals.filter((p) => p.status === "withdrawn");
  return (
    <Layout title={say(W.listTitle)} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang}>
      <h1>{fill(say(W.listHeading), { village: props.villageName, year: props.year })}</h1>
      <p>
        <a href="/usulan/baru">{say(W.newProposal)}</a>
      </p>
      {props.children}
      {active.length === 0 ? <p>{say(W.none)}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{say(W.no)}</th>
            <th>{say(W.proposal)}</th>
            <th>{say(W.stageStatus)}</th>
            <th>{say(W.order)}</th>
          </tr>
        </thead>
        <tbody>
          {active.map((p, index) => (
            <tr>
              <td>{p.villageRank ?? "-"}</td>
              <td>
                <a href={`/usulan/${p.id}`}>{p.activity}</a>
                <br />
                <small>
                  {p.trackingCode} · {rupiah(p.estimatedCost)}
                </small>
              </td>
              <td>
                {STAGES[p.stage as Stage]?.[props.lang] ?? p.stage}
                <br />
                <small>{STATUSES[p.status as Status]?.[props.lang] ?? p.status}</small>
              </td>
              <td>
                {props.editable(p) && index > 0 ? <RankButton id={p.id} rank={index} label={say(W.up)} arrow="▲" csrfToken={props.csrfToken} /> : null}{" "}
                {props.editable(p) && index < active.length - 1 ? <RankButton id={p.id} rank={index + 2} label={say(W.down)} arrow="▼" csrfToken={props.csrfToken} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {withdrawn.length ? (
        <details class="withdrawn">
          <summary>{fill(say(W.cancelled), { n: withdrawn.length })}</summary>
          <p class="muted">{say(W.cancelledHint)}</p>
          <ul>
            {withdrawn.map((p) => (
              <li>
                <a href={`/usulan/${p.id}`}>{p.activity}</a> <small>{p.trackingCode}</small>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Layout>
  );
}

const L = {
  scopeTitle: { id: "Usulan {scope} untuk {year}", en: "Proposals of {scope} for {year}" },
  village: { id: "Desa/kelurahan", en: "Village" },
  allVillages: { id: "Semua desa", en: "All villages" },
  district: { id: "Kecamatan", en: "District" },
  allDistricts: { id: "Semua kecamatan", en: "All districts" },
  districtFirst: { id: "Pilih kecamatan lalu Saring untuk memilih desa.", en: "Choose a district and Filter to choose a village." },
  status: { id: "Status", en: "Status" },
  allStatuses: { id: "Semua status", en: "All statuses" },
  filter: { id: "Saring", en: "Filter" },
  cost: { id: "Biaya", en: "Cost" },
  ranks: { id: "Peringkat desa / kec.", en: "Village / district rank" },
  more: { id: "Halaman berikutnya »", en: "Next page »" },
  first: { id: "« Halaman pertama", en: "« First page" },
  work: { id: "Verifikasi", en: "Verify" },
  musrenbang: { id: "Musrenbang kecamatan", en: "District Musrenbang" },
} satisfies Record<string, Text>;

export interface ScopeListRow {
  id: string;
  activity: string;
  trackingCode: string;
  villageName: string;
  /** Shown in Bappeda's kabupaten-wide table, where desa of many kecamatan meet. */
  districtName?: string | undefined;
  status: string;
  estimatedCost: number;
  villageRank: number | null;
  districtRank: number | null;
}

/** The proposals a kecamatan (or an agency, Bappeda) reads: a table a page at a time, by desa and status. */
export function ScopeListPage(props: {
  principal: Principal;
  csrfToken: string;
  lang: Language;
  scopeName: string;
  year: number;
  rows: readonly ScopeListRow[];
  villages: readonly { code: string; name: string }[];
  districts: readonly { code: string; name: string }[];
  filters: { kecamatan?: string | undefined; desa?: string | undefined; status?: string | undefined };
  next: string | null;
  paged: boolean;
}) {
  const say = (t: Text) => t[props.lang];
  const base = `/usulan?tahun=${props.year}&kecamatan=${props.filters.kecamatan ?? ""}${props.filters.desa ? `&desa=${props.filters.desa}` : ""}${props.filters.status ? `&status=${props.filters.status}` : ""}`;
  return (
    <Layout title={fill(say(L.scopeTitle), { scope: props.scopeName, year: props.year })} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang} wide>
      <h1>{fill(say(L.scopeTitle), { scope: props.scopeName, year: props.year })}</h1>
      {props.principal.role === "district_verifier" ? (
        <p class="actions">
          <a href="/telaah">{say(L.work)}</a> · <a href={`/musrenbang-kecamatan?tahun=${props.year}`}>{say(L.musrenbang)}</a>
        </p>
      ) : null}
      <form method="get" action="/usulan" class="filters">
        <input type="hidden" name="tahun" value={String(props.year)} />
        <VillageFilter name="kecamatan" villages={props.districts} selected={props.filters.kecamatan} label={say(L.district)} all={say(L.allDistricts)} />
        <VillageFilter villages={props.villages} selected={props.filters.desa} label={say(L.village)} all={say(L.allVillages)} />
        {props.districts.length > 0 && props.villages.length === 0 ? <small class="muted">{say(L.districtFirst)}</small> : null}
        <div>
          <label for="status">{say(L.status)}</label>
          <select id="status" name="status">
            <option value="">{say(L.allStatuses)}</option>
            {Object.entries(STATUSES).map(([key, label]) => (
              <option value={key} selected={key === props.filters.status}>
                {label[props.lang]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{say(L.filter)}</button>
      </form>
      {props.rows.length === 0 ? <p>{say(W.none)}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{say(W.proposal)}</th>
            <th>{say(L.village)}</th>
            <th>{say(L.status)}</th>
            <th class="num">{say(L.cost)}</th>
            <th class="num">{say(L.ranks)}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((p) => (
            <tr>
              <td>
                <a href={`/usulan/${p.id}`}>{p.activity}</a>
                <br />
                <small>{p.trackingCode}</small>
              </td>
              <td>
                {p.villageName}
                {p.districtName ? (
                  <>
                    <br />
                    <small>Kec. {p.districtName}</small>
                  </>
                ) : null}
              </td>
              <td>{STATUSES[p.status as Status]?.[props.lang] ?? p.status}</td>
              <td class="num">{rupiah(p.estimatedCost)}</td>
              <td class="num">
                {p.villageRank ?? "-"} / {p.districtRank ?? "-"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager">
        {props.paged ? <a href={base}>{say(L.first)}</a> : <span />}
        {props.next ? <a href={`${base}&${props.next}`}>{say(L.more)}</a> : null}
      </nav>
    </Layout>
  );
}

export type DetailNotice = "baru" | "sama" | "tersimpan" | "terkirim";

export function ProposalDetailPage(props: { principal: Principal; csrfToken: string; lang: Language; detail: ProposalDetail; editable: boolean; notice?: DetailNotice | undefined }) {
  const p = props.detail;
  const say = (t: Text) => t[props.lang];
  const returnNote = p.status === "returned" ? p.history.findLast((s) => s.kind === "returned") : undefined;
  const notices: Record<DetailNotice, Text> = { baru: W.sent, sama: W.same, tersimpan: W.saved, terkirim: W.resent };
  return (
    <Layout title={p.activity} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang}>
      {props.notice ? (
        <p class="ok" role="status">
          {say(notices[props.notice])}
          {props.notice === "baru" || props.notice === "sama" ? (
            <>
              {" "}
              <strong>{p.trackingCode}</strong>
            </>
          ) : null}
        </p>
      ) : null}
      <h1>{p.activity}</h1>
      {returnNote ? (
        <div class="notice" role="alert" id="catatan-kecamatan">
          <strong>{say(W.returned)}</strong>
          {returnNote.reason ? <p class="quote">{returnNote.reason}</p> : null}
          <small>
            {returnNote.by.label} · {returnNote.when}
          </small>
          {props.editable ? (
            <p>
              <a class="button" href={`/usulan/${p.id}/ubah`}>
                {say(W.returnedAction)}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <ProposalDetailView detail={p} lang={props.lang} />
      {props.editable ? (
        <p class="actions">
          <a class="button" href={`/usulan/${p.id}/ubah`}>
            {say(W.edit)}
          </a>
          <a class="button secondary" href={`/usulan/${p.id}/batal`}>
            {say(W.cancel)}
          </a>
        </p>
      ) : null}
      <p>
        <a href="/usulan">{say(W.back)}</a>
      </p>
    </Layout>
  );
}

/** Asks before withdrawing: a plain page with a form, so it works without JavaScript. */
export function WithdrawConfirmPage(props: { principal: Principal; csrfToken: string; lang: Language; proposal: { id: string; activity: string; trackingCode: string } }) {
  const say = (t: Text) => t[props.lang];
  const p = props.proposal;
  return (
    <Layout title={say(W.confirmTitle)} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang}>
      <h1>{say(W.confirmTitle)}</h1>
      <p>
        <strong>{p.activity}</strong> <small>({p.trackingCode})</small>
      </p>
      <p class="notice">{say(W.confirmText)}</p>
      <form method="post" action={`/usulan/${p.id}/batal`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="konfirmasi" value="ya" />
        <label for="reason">{say(W.reason)}</label>
        <textarea id="reason" name="reason" maxlength={500} />
        <div class="actions">
          <button type="submit">{say(W.confirm)}</button>
          <a class="button secondary" href={`/usulan/${p.id}`}>
            {say(W.keep)}
          </a>
        </div>
      </form>
    </Layout>
  );
}

export type TrackingView = v.InferOutput<typeof TrackingSchema>;

export function TrackingPage(props: { view: TrackingView; lang: Language; principal?: Principal | undefined; csrfToken?: string | undefined }) {
  const t = props.view;
  const say = (text: Text) => text[props.lang];
  return (
    <Layout title={fill(say(W.trackTitle), { code: t.trackingCode })} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang}>
      <h1>{fill(say(W.trackTitle), { code: t.trackingCode })}</h1>
      <p>
        <strong>{t.activity}</strong>
        <br />
        {t.village}, Kec. {t.district} · {say(W.planYear)} {t.year}
      </p>
      <p>
        {say(W.now)}: <strong>{t.stage}</strong> · {t.status}
        {t.mergedInto ? (
          <>
            {" "}
            {say(W.into)} <a href={`/lacak/${t.mergedInto}`}>{t.mergedInto}</a>
          </>
        ) : null}
      </p>
      <h2>{say(W.history)}</h2>
      <StoryList steps={t.history} lang={props.lang} />
      <PublicLink lang={props.lang} />
    </Layout>
  );
}

export function TrackingSearchPage(props: { lang: Language; code?: string; notFound?: boolean }) {
  const say = (t: Text) => t[props.lang];
  return (
    <Layout title={say(W.track)} lang={props.lang}>
      <h1>{say(W.track)}</h1>
      {props.notFound ? <p class="notice">{say(W.notFound)}</p> : null}
      <form method="get" action="/lacak">
        <label for="kode">{say(W.code)}</label>
        <input id="kode" name="kode" placeholder="USL-2027-XXXXXX" value={props.code ?? ""} />
        <button type="submit">{say(W.lookup)}</button>
      </form>
      <PublicLink lang={props.lang} />
    </Layout>
  );
}

/** From tracking one proposal to the public account of every proposal. */
function PublicLink(props: { lang: Language }) {
  return (
    <p>
      <a href="/publik">{W.everyProposal[props.lang]}</a>
    </p>
  );
}
