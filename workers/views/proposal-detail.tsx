/**
 * One proposal as any reader inside the kabupaten sees it: everything the village sent (problem, description,
 * address, RT/RW, the map point as coordinates and a link, beneficiaries, photos shown inline, documents), its ranks,
 * what each level recommended and its whole story. The village's page, the kecamatan's work page and the agencies'
 * pages all render this one component; the public tracking page renders the story alone.
 */
import type { Language, Text } from "../../shared/i18n.ts";
import { quantity, rupiah } from "../../shared/format.ts";
import { formatCalendarDate } from "../../shared/time/indonesian.ts";
import { isAccepted, STAGES, STATUSES, type Stage, type Status } from "../../shared/proposals/lifecycle.ts";
import { RECOMMENDATION_LABELS } from "../../shared/proposals/recommendations.ts";
import { CHANNELS, LOCATION_LEVELS, THEMES, type Theme } from "../../shared/proposals/channels.ts";
import type { StoryStep } from "../../shared/proposals/story.ts";
import { BENEFICIARY_GROUPS, type BeneficiaryGroup } from "../../shared/proposals/vocabulary.ts";
import type { ProposalDetail } from "../../shared/schemas/proposals.ts";

const W = {
  channel: { id: "Jalur usulan", en: "Channel" },
  member: { id: "Anggota DPRD", en: "DPRD member" },
  reses: { id: "Reses", en: "Recess meeting (reses)" },
  // A pokir or thematic line was asked by its member or group, not by a desa.
  askedByProposer: { id: "Diminta pengusul", en: "Asked by the proposer" },
  trackingCode: { id: "Kode lacak", en: "Tracking code" },
  stage: { id: "Tahap", en: "Stage" },
  status: { id: "Status", en: "Status" },
  place: { id: "Lokasi", en: "Location" },
  district: { id: "Kec.", en: "District" },
  problem: { id: "Permasalahan", en: "Problem" },
  description: { id: "Uraian", en: "Description" },
  address: { id: "Alamat / dusun", en: "Address / hamlet" },
  point: { id: "Titik lokasi", en: "Map point" },
  openMap: { id: "buka peta", en: "open map" },
  asked: { id: "Volume dan biaya yang diminta", en: "Volume and cost asked" },
  agreed: { id: "Volume dan biaya yang disepakati", en: "Volume and cost agreed" },
  beneficiaries: { id: "Penerima manfaat", en: "Beneficiaries" },
  people: { id: "orang", en: "people" },
  subActivity: { id: "Kode sub kegiatan", en: "Sub-activity code" },
  villageRank: { id: "Peringkat di desa", en: "Village rank" },
  districtRank: { id: "Peringkat di kecamatan", en: "District rank" },
  photos: { id: "Foto", en: "Photos" },
  documents: { id: "Dokumen", en: "Documents" },
  mergedInto: { id: "Digabungkan ke usulan", en: "Merged into proposal" },
  recommendations: { id: "Volume dan biaya per tingkat", en: "Volume and cost at each level" },
  level: { id: "Tingkat", en: "Level" },
  volume: { id: "Volume", en: "Volume" },
  cost: { id: "Biaya", en: "Cost" },
  history: { id: "Riwayat", en: "History" },
  none: { id: "Belum ada riwayat.", en: "No history yet." },
  why: { id: "Alasan / catatan", en: "Reason / note" },
  before: { id: "sebelum", en: "before" },
  after: { id: "sesudah", en: "after" },
} satisfies Record<string, Text>;

/** The map point as numbers anyone can type into a map, and a link that opens it. */
function MapPoint(props: { latitude: number; longitude: number; lang: Language }) {
  const { latitude, longitude } = props;
  const href = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
  return (
    <>
      {latitude.toFixed(5)}, {longitude.toFixed(5)} (
      <a href={href} rel="noopener noreferrer" target="_blank">
        {W.openMap[props.lang]}
      </a>
      )
    </>
  );
}

/** The steps of a proposal's story, oldest first: who, when, what, why, and changes as before → after. */
export function StoryList(props: { steps: readonly StoryStep[]; lang: Language }) {
  const say = (t: Text) => t[props.lang];
  if (props.steps.length === 0) return <p class="muted">{say(W.none)}</p>;
  return (
    <ol class="story">
      {props.steps.map((s) => (
        <li data-kind={s.kind}>
          <div class="step-title">{s.title}</div>
          <small>
            <time datetime={s.at}>{s.when}</time> · {s.by.label}
            {s.by.person ? ` (${s.by.person})` : ""}
          </small>
          {s.reason ? (
            <p class="quote" aria-label={say(W.why)}>
              {s.reason}
            </p>
          ) : null}
          {s.changes?.length ? (
            <ul class="changes">
              {s.changes.map((c) => (
                <li>
                  {c.label}: <del aria-label={say(W.before)}>{c.before}</del> → <strong aria-label={say(W.after)}>{c.after}</strong>
                </li>
              ))}
            </ul>
          ) : null}
          {s.mergedInto ? (
            <p>
              {say(W.mergedInto)} <a href={`/lacak/${s.mergedInto}`}>{s.mergedInto}</a>
            </p>
          ) : null}
          {s.details?.map((d) => (
            <div>
              <small>{d}</small>
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

/** Desa asked → kecamatan recommended → each agency decided → the forum agreed. */
export function RecommendationTable(props: { detail: Pick<ProposalDetail, "recommendations" | "unit" | "channel">; lang: Language }) {
  const say = (t: Text) => t[props.lang];
  const rows = props.detail.recommendations;
  if (rows.length === 0) return null;
  return (
    <table class="recommendations">
      <thead>
        <tr>
          <th>{say(W.level)}</th>
          <th class="num">{say(W.volume)}</th>
          <th class="num">{say(W.cost)}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <>
            <tr data-level={r.level} class={r.note ? "with-note" : undefined}>
              <td>
                {say(r.level === "desa" && props.detail.channel !== "desa" ? W.askedByProposer : RECOMMENDATION_LABELS[r.level])}
                {r.source ? (
                  <>
                    <br />
                    <small>{r.sourceName ?? r.source}</small>
                  </>
                ) : null}
              </td>
              <td class="num">{r.volume === null ? "-" : `${quantity(r.volume, props.lang)} ${r.unit ?? props.detail.unit}`}</td>
              <td class="num">{r.cost === null ? "-" : rupiah(r.cost)}</td>
            </tr>
            {/* The note on a row of its own: a phone has room for three narrow columns, not for a sentence in one. */}
            {r.note ? (
              <tr class="note" data-note-of={r.level}>
                <td colspan={3}>{r.note}</td>
              </tr>
            ) : null}
          </>
        ))}
      </tbody>
    </table>
  );
}

/** Everything the village sent, as facts in a list that fits a phone. */
export function ProposalFacts(props: { detail: ProposalDetail; lang: Language }) {
  const p = props.detail;
  const say = (t: Text) => t[props.lang];
  const photos = p.attachments?.filter((a) => a.contentType.startsWith("image/")) ?? [];
  const documents = p.attachments?.filter((a) => !a.contentType.startsWith("image/")) ?? [];
  const file = (id: string) => `/api/v1/proposals/${p.id}/attachments/${id}`;
  // What the desa asked stays what it asked: an accepted change is shown next to it, not over it.
  const desa = p.recommendations.find((r) => r.level === "desa");
  const asked = { volume: desa?.volume ?? p.volume, unit: desa?.unit ?? p.unit, cost: desa?.cost ?? p.estimatedCost };
  const group = p.beneficiaryGroup ? (BENEFICIARY_GROUPS[p.beneficiaryGroup as BeneficiaryGroup]?.[props.lang] ?? p.beneficiaryGroup) : null;
  return (
    <dl class="facts">
      <dt>{say(W.trackingCode)}</dt>
      <dd>
        <a href={`/lacak/${p.trackingCode}`}>{p.trackingCode}</a>
      </dd>
      <dt>{say(W.stage)}</dt>
      <dd>{STAGES[p.stage as Stage]?.[props.lang] ?? p.stage}</dd>
      <dt>{say(W.status)}</dt>
      <dd data-status={p.status}>
        {p.mergedInto ? (
          <>
            {say(W.mergedInto)} <a href={`/lacak/${p.mergedInto}`}>{p.mergedInto}</a>
          </>
        ) : (
          (STATUSES[p.status as Status]?.[props.lang] ?? p.status)
        )}
      </dd>
      {p.channel !== "desa" ? (
        <>
          <dt>{say(W.channel)}</dt>
          <dd data-channel={p.channel}>
            {CHANNELS[p.channel][props.lang]}
            {p.theme ? ` · ${THEMES[p.theme as Theme]?.[props.lang] ?? p.theme}` : ""}
            {p.proposerGroup ? ` · ${p.proposerGroup}` : ""}
          </dd>
        </>
      ) : null}
      {p.pokir ? (
        <>
          <dt>{say(W.member)}</dt>
          <dd>
            {p.pokir.memberName} · Fraksi {p.pokir.fraksi} · {p.pokir.dapil}
          </dd>
          <dt>{say(W.reses)}</dt>
          <dd>
            {formatCalendarDate(p.pokir.resesDate)}, {p.pokir.resesPlace}
          </dd>
        </>
      ) : null}
      <dt>{say(W.place)}</dt>
      <dd>
        {p.locationLevel === "desa" ? (
          <>
            {p.villageName}, {say(W.district)} {p.districtName}
          </>
        ) : (
          `${LOCATION_LEVELS[p.locationLevel][props.lang]} ${p.villageName}`
        )}
      </dd>
      {p.address || p.rt || p.rw ? (
        <>
          <dt>{say(W.address)}</dt>
          <dd>
            {[p.address, p.rt ? `RT ${p.rt}` : null, p.rw ? `RW ${p.rw}` : null].filter(Boolean).join(" · ")}
          </dd>
        </>
      ) : null}
      {p.latitude !== null && p.longitude !== null ? (
        <>
          <dt>{say(W.point)}</dt>
          <dd>
            <MapPoint latitude={p.latitude} longitude={p.longitude} lang={props.lang} />
          </dd>
        </>
      ) : null}
      <dt>{say(W.problem)}</dt>
      <dd class="prose">{p.problem}</dd>
      {p.description ? (
        <>
          <dt>{say(W.description)}</dt>
          <dd class="prose">{p.description}</dd>
        </>
      ) : null}
      <dt>{say(W.asked)}</dt>
      <dd>
        {quantity(asked.volume, props.lang)} {asked.unit} · {rupiah(asked.cost)}
      </dd>
      {isAccepted(p.status) && (asked.volume !== p.volume || asked.cost !== p.estimatedCost) ? (
        <>
          <dt>{say(W.agreed)}</dt>
          <dd>
            <strong>
              {quantity(p.volume, props.lang)} {p.unit} · {rupiah(p.estimatedCost)}
            </strong>
          </dd>
        </>
      ) : null}
      {p.beneficiaryCount !== null || group ? (
        <>
          <dt>{say(W.beneficiaries)}</dt>
          <dd>{[p.beneficiaryCount !== null ? `${quantity(p.beneficiaryCount, props.lang)} ${say(W.people)}` : null, group].filter(Boolean).join(" · ")}</dd>
        </>
      ) : null}
      {p.subActivityCode ? (
        <>
          <dt>{say(W.subActivity)}</dt>
          <dd>
            <code>{p.subActivityCode}</code>
          </dd>
        </>
      ) : null}
      {p.channel === "desa" ? (
        <>
          <dt>{say(W.villageRank)}</dt>
          <dd>{p.villageRank ?? "-"}</dd>
        </>
      ) : null}
      {p.districtRank !== null ? (
        <>
          <dt>{say(W.districtRank)}</dt>
          <dd>{p.districtRank}</dd>
        </>
      ) : null}
      {photos.length ? (
        <>
          <dt>{say(W.photos)}</dt>
          <dd class="photos">
            {photos.map((a) => (
              <a href={file(a.id)}>
                <img src={file(a.id)} alt={a.filename} loading="lazy" />
              </a>
            ))}
          </dd>
        </>
      ) : null}
      {documents.length ? (
        <>
          <dt>{say(W.documents)}</dt>
          <dd>
            {documents.map((a) => (
              <div>
                <a href={file(a.id)}>{a.filename}</a>
              </div>
            ))}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The whole proposal: the facts, the recommendations per level and the story. */
export function ProposalDetailView(props: { detail: ProposalDetail; lang: Language }) {
  const say = (t: Text) => t[props.lang];
  return (
    <>
      <ProposalFacts detail={props.detail} lang={props.lang} />
      {props.detail.recommendations.length ? (
        <>
          <h2>{say(W.recommendations)}</h2>
          <RecommendationTable detail={props.detail} lang={props.lang} />
        </>
      ) : null}
      <h2>{say(W.history)}</h2>
      <StoryList steps={props.detail.history} lang={props.lang} />
    </>
  );
}
