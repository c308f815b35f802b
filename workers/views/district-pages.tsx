/**
 * The kecamatan's Musrenbang on an office screen: the verified proposals in the kecamatan's order, moved up or down
 * or to a typed position (forms, no JavaScript), what the desa asked next to what the kecamatan recommends, and
 * closing the list for the year.
 */
import type * as v from "valibot";
import type { Principal } from "../../shared/access/roles.ts";
import { dateTime, quantity, rupiah } from "../../shared/format.ts";
import type { Language, Text } from "../../shared/i18n.ts";
import { STATUSES, type Status } from "../../shared/proposals/lifecycle.ts";
import type { DistrictListSchema } from "../../shared/schemas/districts.ts";
import type { ProposalDetail } from "../../shared/schemas/proposals.ts";
import { fill, Input } from "./fields.tsx";
import { Layout } from "./layout.tsx";
import { ProposalFacts, StoryList } from "./proposal-detail.tsx";

export type DistrictList = v.InferOutput<typeof DistrictListSchema>;

const W = {
  title: { id: "Musrenbang Kecamatan {name} {year}", en: "District Musrenbang {name} {year}" },
  intro: {
    id: "Urutkan usulan desa yang sudah diverifikasi menurut prioritas kecamatan, catat rekomendasi volume dan biaya, lalu tutup daftar.",
    en: "Order the verified village proposals by district priority, record the recommended volume and cost, then close the list.",
  },
  closed: { id: "Daftar ditutup {when}. Perubahan sekarang hanya melalui Bappeda.", en: "List closed {when}. Changes now go through Bappeda." },
  closedAdmin: { id: "Daftar ditutup kecamatan {when}. Sebagai Bappeda Anda tetap dapat mengubahnya.", en: "List closed by the district {when}. As Bappeda you can still change it." },
  waiting: { id: "{n} usulan masih menunggu verifikasi dan belum masuk daftar.", en: "{n} proposals still wait for verification and are not on the list yet." },
  empty: { id: "Belum ada usulan terverifikasi untuk tahun ini.", en: "No verified proposals for this year yet." },
  no: { id: "No", en: "No" },
  proposal: { id: "Usulan", en: "Proposal" },
  asked: { id: "Diminta desa", en: "Asked by the village" },
  recommended: { id: "Rekomendasi kecamatan", en: "District recommendation" },
  order: { id: "Urutan", en: "Order" },
  up: { id: "Naikkan", en: "Move up" },
  down: { id: "Turunkan", en: "Move down" },
  moveTo: { id: "Pindah ke nomor", en: "Move to number" },
  move: { id: "Pindah", en: "Move" },
  recommend: { id: "Isi rekomendasi", en: "Recommend" },
  change: { id: "Ubah rekomendasi", en: "Change recommendation" },
  none: { id: "belum ada", en: "none yet" },
  villageRank: { id: "prioritas desa", en: "village priority" },
  close: { id: "Tutup daftar kecamatan", en: "Close the district list" },
  closeTitle: { id: "Tutup daftar Musrenbang kecamatan?", en: "Close the district Musrenbang list?" },
  closeText: {
    id: "Setiap usulan di daftar mendapat nomor urut akhirnya ({n} usulan). Setelah ditutup, peringkat dan rekomendasi kecamatan hanya dapat diubah Bappeda.",
    en: "Every proposal on the list gets its final number ({n} proposals). Once closed, the district's ranks and recommendations can only be changed by Bappeda.",
  },
  closeConfirm: { id: "Ya, tutup daftar", en: "Yes, close the list" },
  back: { id: "Kembali ke daftar", en: "Back to the list" },
  recTitle: { id: "Rekomendasi kecamatan", en: "District recommendation" },
  volume: { id: "Volume yang direkomendasikan", en: "Recommended volume" },
  cost: { id: "Biaya yang direkomendasikan (Rp)", en: "Recommended cost (Rp)" },
  note: { id: "Catatan (alasan rekomendasi)", en: "Note (why)" },
  save: { id: "Simpan rekomendasi", en: "Save recommendation" },
  fix: { id: "Ada isian yang perlu diperbaiki. Lihat pesan di bawah isian yang ditandai.", en: "Some fields need fixing. See the messages under the marked fields." },
  history: { id: "Riwayat", en: "History" },
  year: { id: "Tahun", en: "Year" },
  show: { id: "Tampilkan", en: "Show" },
} satisfies Record<string, Text>;

function MoveButton(props: { id: string; rank: number; label: string; arrow: string; csrfToken: string }) {
  return (
    <form class="inline" method="post" action={`/musrenbang-kecamatan/usulan/${props.id}/peringkat`}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="rank" value={String(props.rank)} />
      <button class="secondary" type="submit" aria-label={props.label} title={props.label}>
        {props.arrow}
      </button>
    </form>
  );
}

export function DistrictListPage(props: { principal: Principal; csrfToken: string; lang: Language; list: DistrictList; notice?: { ok?: string | undefined; error?: string | undefined } }) {
  const say = (t: Text) => t[props.lang];
  const { list } = props;
  const admin = props.principal.role === "planning_admin";
  const changeable = !list.closedAt || admin;
  const n = list.proposals.length;
  const query = admin ? `&kecamatan=${list.districtCode}` : "";
  return (
    <Layout title={fill(say(W.title), { name: list.districtName, year: list.year })} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang} wide>
      <h1>{fill(say(W.title), { name: list.districtName, year: list.year })}</h1>
      {props.notice?.ok ? (
        <p class="ok" role="status">
          {props.notice.ok}
        </p>
      ) : null}
      {props.notice?.error ? (
        <p class="notice" role="alert">
          {props.notice.error}
        </p>
      ) : null}
      {list.closedAt ? (
        <p class="notice" id="daftar-ditutup">
          {fill(say(admin ? W.closedAdmin : W.closed), { when: dateTime(list.closedAt, list.districtCode, props.lang) })}
        </p>
      ) : (
        <p>{say(W.intro)}</p>
      )}
      {list.waiting > 0 ? <p class="muted">{fill(say(W.waiting), { n: list.waiting })}</p> : null}
      {n === 0 ? <p>{say(W.empty)}</p> : null}
      <table id="daftar-kecamatan">
        <thead>
          <tr>
            <th class="num">{say(W.no)}</th>
            <th>{say(W.proposal)}</th>
            <th class="num">{say(W.asked)}</th>
            <th>{say(W.recommended)}</th>
            {changeable ? <th>{say(W.order)}</th> : null}
          </tr>
        </thead>
        <tbody>
          {list.proposals.map((p, index) => (
            <tr id={`usulan-${p.id}`} data-rank={String(p.districtRank ?? "")}>
              <td class="num">
                <strong>{p.districtRank ?? "-"}</strong>
              </td>
              <td>
                <a href={`/usulan/${p.id}`}>{p.activity}</a>
                <br />
                <small>
                  {p.villageName} · {say(W.villageRank)} {p.villageRank ?? "-"} · {p.trackingCode} · {STATUSES[p.status as Status]?.[props.lang] ?? p.status}
                </small>
              </td>
              <td class="num">
                {quantity(p.volume, props.lang)} {p.unit}
                <br />
                {rupiah(p.estimatedCost)}
              </td>
              <td class="recommendation">
                {p.recommendation ? (
                  <>
                    {p.recommendation.volume === null ? "-" : `${quantity(p.recommendation.volume, props.lang)} ${p.recommendation.unit ?? p.unit}`} · {p.recommendation.cost === null ? "-" : rupiah(p.recommendation.cost)}
                    {p.recommendation.note ? (
                      <>
                        <br />
                        <small>{p.recommendation.note}</small>
                      </>
                    ) : null}
                  </>
                ) : (
                  <small class="muted">{say(W.none)}</small>
                )}
                {changeable ? (
                  <div>
                    <a href={`/musrenbang-kecamatan/usulan/${p.id}`}>{say(p.recommendation ? W.change : W.recommend)}</a>
                  </div>
                ) : null}
              </td>
              {changeable ? (
                <td class="order">
                  <div class="actions">
                    <span class="arrows">
                      {index > 0 ? <MoveButton id={p.id} rank={index} label={say(W.up)} arrow="▲" csrfToken={props.csrfToken} /> : null}
                      {index < n - 1 ? <MoveButton id={p.id} rank={index + 2} label={say(W.down)} arrow="▼" csrfToken={props.csrfToken} /> : null}
                    </span>
                    <form class="inline" method="post" action={`/musrenbang-kecamatan/usulan/${p.id}/peringkat`}>
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <label class="inline" for={`rank-${p.id}`} style="display:inline;font-weight:400">
                        {say(W.moveTo)}{" "}
                      </label>
                      <input class="rank" id={`rank-${p.id}`} name="rank" inputmode="numeric" value={String(index + 1)} />{" "}
                      <button class="secondary" type="submit">
                        {say(W.move)}
                      </button>
                    </form>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {!list.closedAt && n > 0 ? (
        <p>
          <a class="button" href={`/musrenbang-kecamatan/tutup?tahun=${list.year}${query}`}>
            {say(W.close)}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

export function CloseDistrictPage(props: { principal: Principal; csrfToken: string; lang: Language; list: DistrictList }) {
  const say = (t: Text) => t[props.lang];
  const { list } = props;
  const back = `/musrenbang-kecamatan?tahun=${list.year}${props.principal.role === "planning_admin" ? `&kecamatan=${list.districtCode}` : ""}`;
  return (
    <Layout title={say(W.closeTitle)} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang} wide>
      <h1>{say(W.closeTitle)}</h1>
      <p>
        <strong>{fill(say(W.title), { name: list.districtName, year: list.year })}</strong>
      </p>
      <p class="notice">{fill(say(W.closeText), { n: list.proposals.length })}</p>
      {list.waiting > 0 ? <p>{fill(say(W.waiting), { n: list.waiting })}</p> : null}
      <form method="post" action="/musrenbang-kecamatan/tutup">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="year" value={String(list.year)} />
        <input type="hidden" name="kecamatan" value={list.districtCode} />
        <div class="actions">
          <button type="submit">{say(W.closeConfirm)}</button>
          <a class="button secondary" href={back}>
            {say(W.back)}
          </a>
        </div>
      </form>
    </Layout>
  );
}

export interface RecommendationValues {
  volume?: string | undefined;
  estimatedCost?: string | undefined;
  note?: string | undefined;
}

/** One proposal of the list: everything the village sent, its story, and the kecamatan's recommendation form. */
export function DistrictRecommendationPage(props: { principal: Principal; csrfToken: string; lang: Language; detail: ProposalDetail; values: RecommendationValues; errors: Record<string, string> }) {
  const say = (t: Text) => t[props.lang];
  const p = props.detail;
  const back = `/musrenbang-kecamatan?tahun=${p.year}${props.principal.role === "planning_admin" ? `&kecamatan=${p.districtCode}` : ""}`;
  return (
    <Layout title={`${say(W.recTitle)}: ${p.activity}`} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang} wide>
      <p>
        <a href={`${back}#usulan-${p.id}`}>← {say(W.back)}</a>
      </p>
      <h1>{p.activity}</h1>
      <div class="row" style="flex-wrap:wrap;align-items:flex-start">
        <section class="card" style="flex:2 1 28rem">
          <ProposalFacts detail={p} lang={props.lang} />
        </section>
        <section class="card" style="flex:1 1 20rem">
          <h2>{say(W.recTitle)}</h2>
          {Object.keys(props.errors).length ? (
            <p class="notice" role="alert">
              {props.errors[""] ?? say(W.fix)}
            </p>
          ) : null}
          <form method="post" action={`/musrenbang-kecamatan/usulan/${p.id}`}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <div class="row">
              <Input name="volume" label={`${say(W.volume)} (${p.unit})`} value={props.values.volume} errors={props.errors} inputmode="decimal" />
              <Input name="estimatedCost" label={say(W.cost)} value={props.values.estimatedCost} errors={props.errors} inputmode="numeric" />
            </div>
            <Input name="note" label={say(W.note)} value={props.values.note} errors={props.errors} area />
            <button type="submit">{say(W.save)}</button>
          </form>
          <h2>{say(W.history)}</h2>
          <StoryList steps={p.history} lang={props.lang} />
        </section>
      </div>
    </Layout>
  );
}
