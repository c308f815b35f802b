/**
 * The public account's pages (no sign-in, no script): the kabupaten index to find a desa by name, a kecamatan's
 * and a desa's proposals of a year with each outcome and its reason, and the stage chart drawn on the server.
 * Rendered the same for everyone (no account in the header), so a page can be cached at the edge.
 */
import { raw } from "hono/html";
import { rupiah } from "../../shared/format.ts";
import type { Language, Text } from "../../shared/i18n.ts";
import { outcomeCounts, stageTotals, type OutcomeKind, type PublicProposal } from "../../shared/public/account.ts";
import type { StoryStep } from "../../shared/proposals/story.ts";
import { stageChartSvg } from "../../shared/public/stage-chart.ts";
import { villageKind } from "../../shared/regions/codes.ts";
import { fill } from "./fields.tsx";
import { Layout } from "./layout.tsx";
import { StoryList } from "./proposal-detail.tsx";

const W = {
  title: { id: "Usulan Musrenbang untuk publik", en: "Musrenbang proposals for the public" },
  intro: {
    id: "Setiap usulan desa dan kelurahan, tahap yang sedang dijalani, dan hasilnya beserta alasannya. Tanpa data pribadi: tidak ada nama orang, nomor telepon, alamat, RT/RW atau titik lokasi.",
    en: "Every village proposal, the stage it is at, and its outcome with the reason. No personal data: no names of people, phone numbers, addresses, RT/RW or map points.",
  },
  chooseRegency: { id: "Pilih kabupaten/kota", en: "Choose a regency" },
  none: { id: "Belum ada kabupaten/kota yang membuka datanya.", en: "No regency has opened its data yet." },
  year: { id: "Tahun perencanaan", en: "Planning year" },
  show: { id: "Tampilkan", en: "Show" },
  regencyTitle: { id: "Usulan Musrenbang {year} · {name}", en: "Musrenbang proposals {year} · {name}" },
  find: { id: "Cari desa, kelurahan atau kecamatan", en: "Find a village or district" },
  findButton: { id: "Cari", en: "Find" },
  found: { id: "{n} tempat cocok dengan \"{q}\"", en: "{n} places match \"{q}\"" },
  foundNone: { id: "Tidak ada desa, kelurahan atau kecamatan bernama \"{q}\".", en: "No village or district is called \"{q}\"." },
  districts: { id: "Kecamatan", en: "Districts" },
  proposalsN: { id: "{n} usulan", en: "{n} proposals" },
  countUnit: { id: "usulan", en: "proposals" },
  openDistrict: { id: "Halaman Kecamatan {name}", en: "Page of {name} district" },
  openData: { id: "Data terbuka", en: "Open data" },
  openDataText: {
    id: "Seluruh usulan tahun {year} kabupaten ini sebagai CSV atau JSON (skema versi 1, dijelaskan di dokumentasi API). Lisensi CC BY 4.0: boleh dipakai dan disebarkan dengan menyebut sumbernya.",
    en: "All of this regency's proposals of {year} as CSV or JSON (schema version 1, described in the API documentation). Licence CC BY 4.0: use and share them, crediting the source.",
  },
  district: { id: "Kecamatan {name}", en: "{name} district" },
  placeTitle: { id: "{place} · usulan {year}", en: "{place} · proposals {year}" },
  back: { id: "Semua kecamatan dan desa {name}", en: "All districts and villages of {name}" },
  chartTitle: { id: "Usulan dan rupiah per tahap", en: "Proposals and rupiah per stage" },
  stage: { id: "Tahap", en: "Stage" },
  count: { id: "Jumlah", en: "Count" },
  amount: { id: "Rupiah", en: "Rupiah" },
  amountNote: { id: "Rupiah: pagu Renja bila didanai, selain itu biaya yang diusulkan.", en: "Rupiah: the Renja budget when funded, otherwise the cost asked." },
  outcomes: { id: "Hasil", en: "Outcomes" },
  byVillage: { id: "Per desa/kelurahan", en: "Per village" },
  villageCol: { id: "Desa/Kelurahan", en: "Village" },
  list: { id: "Daftar usulan", en: "Proposals" },
  empty: { id: "Belum ada usulan tahun {year}.", en: "No proposals for {year} yet." },
  asked: { id: "Diusulkan", en: "Asked" },
  now: { id: "Sekarang", en: "Now" },
  outcome: { id: "Hasil", en: "Outcome" },
  reason: { id: "Alasan", en: "Reason" },
  noReason: { id: "Alasan tidak dicatat.", en: "No reason was recorded." },
  underWay: { id: "Masih berjalan", en: "Still under way" },
  story: { id: "Riwayat lengkap", en: "Full history" },
  track: { id: "Halaman lacak", en: "Tracking page" },
} satisfies Record<string, Text>;

const OUTCOME_LABELS: Record<OutcomeKind | "under_way", Text> = {
  under_way: W.underWay,
  funded: { id: "Didanai", en: "Funded" },
  merged: { id: "Digabungkan", en: "Merged" },
  rejected: { id: "Ditolak", en: "Rejected" },
  carried_over: { id: "Dialihkan ke tahun berikutnya", en: "Carried over" },
  withdrawn: { id: "Dibatalkan", en: "Withdrawn" },
};

const villageLabel = (code: string, name: string) => `${villageKind(code) === "kelurahan" ? "Kelurahan" : "Desa"} ${name}`;

export function PublicIndexPage(props: { lang: Language; year: number; regencies: readonly { code: string; name: string }[] }) {
  const say = (t: Text) => t[props.lang];
  return (
    <Layout title={say(W.title)} lang={props.lang}>
      <h1>{say(W.title)}</h1>
      <p>{say(W.intro)}</p>
      <form method="get" action="/publik" class="filters">
        <div>
          <label for="tahun">{say(W.year)}</label>
          <input id="tahun" name="tahun" inputmode="numeric" value={String(props.year)} />
        </div>
        <button type="submit">{say(W.show)}</button>
      </form>
      <h2>{say(W.chooseRegency)}</h2>
      {props.regencies.length === 0 ? <p class="muted">{say(W.none)}</p> : null}
      <ul>
        {props.regencies.map((r) => (
          <li>
            <a href={`/publik/${props.year}/kabupaten/${r.code}`}>{r.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

interface Directory {
  year: number;
  regency: { code: string; name: string };
  districts: { code: string; name: string; proposals: number; villages: { code: string; name: string; proposals: number }[] }[];
}

export function PublicDirectoryPage(props: { lang: Language; directory: Directory; query: string }) {
  const say = (t: Text) => t[props.lang];
  const { year, regency, districts } = props.directory;
  const q = props.query.trim().toLocaleLowerCase("id-ID");
  const matches = q
    ? districts.flatMap((d) => [
        ...(d.name.toLocaleLowerCase("id-ID").includes(q) ? [{ href: `/publik/${year}/kecamatan/${d.code}`, label: fill(say(W.district), { name: d.name }), proposals: d.proposals }] : []),
        ...d.villages.filter((v) => v.name.toLocaleLowerCase("id-ID").includes(q)).map((v) => ({ href: `/publik/${year}/desa/${v.code}`, label: `${villageLabel(v.code, v.name)}, Kec. ${d.name}`, proposals: v.proposals })),
      ])
    : [];
  const title = fill(say(W.regencyTitle), { year, name: regency.name });
  return (
    <Layout title={title} lang={props.lang}>
      <h1>{title}</h1>
      <p>{say(W.intro)}</p>
      <form method="get" action={`/publik/${year}/kabupaten/${regency.code}`}>
        <label for="cari">{say(W.find)}</label>
        <input id="cari" name="cari" value={props.query} maxlength={60} autocomplete="off" />
        <button type="submit">{say(W.findButton)}</button>
      </form>
      {q ? (
        <section aria-live="polite">
          <p>{matches.length ? fill(say(W.found), { n: matches.length, q: props.query.trim() }) : fill(say(W.foundNone), { q: props.query.trim() })}</p>
          <ul class="places">
            {matches.map((m) => (
              <li>
                <a href={m.href}>{m.label}</a> <small>· {fill(say(W.proposalsN), { n: m.proposals })}</small>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{say(W.districts)}</h2>
      {districts.map((d) => (
        <details class="card">
          <summary>
            <strong>{d.name}</strong> <small>· {fill(say(W.proposalsN), { n: d.proposals })}</small>
          </summary>
          <p>
            <a href={`/publik/${year}/kecamatan/${d.code}`}>{fill(say(W.openDistrict), { name: d.name })}</a>
          </p>
          <ul class="places">
            {d.villages.map((v) => (
              <li>
                <a href={`/publik/${year}/desa/${v.code}`}>{villageLabel(v.code, v.name)}</a> <small>· {fill(say(W.proposalsN), { n: v.proposals })}</small>
              </li>
            ))}
          </ul>
        </details>
      ))}
      <OpenData lang={props.lang} year={year} regencyCode={regency.code} />
    </Layout>
  );
}

function OpenData(props: { lang: Language; year: number; regencyCode: string }) {
  const say = (t: Text) => t[props.lang];
  const base = `/api/v1/public/${props.year}/${props.regencyCode}/proposals`;
  return (
    <section>
      <h2>{say(W.openData)}</h2>
      <p>{fill(say(W.openDataText), { year: props.year })}</p>
      <p class="actions">
        <a class="button secondary" href={`${base}.csv`}>
          CSV
        </a>
        <a class="button secondary" href={`${base}.json`}>
          JSON
        </a>
      </p>
    </section>
  );
}

/** The chart, its numbers as a table (for screen readers and copying) and the outcome counts. */
function Summary(props: { lang: Language; records: readonly PublicProposal[] }) {
  const say = (t: Text) => t[props.lang];
  const totals = stageTotals(props.records, props.lang);
  const counts = outcomeCounts(props.records);
  return (
    <section>
      <h2>{say(W.chartTitle)}</h2>
      <div class="stage-chart">{raw(stageChartSvg(totals, { title: say(W.chartTitle), countUnit: say(W.countUnit) }))}</div>
      <p>
        <small class="muted">{say(W.amountNote)}</small>
      </p>
      <details>
        <summary>
          {say(W.stage)}: {say(W.count)} · {say(W.amount)}
        </summary>
        <table>
          <thead>
            <tr>
              <th>{say(W.stage)}</th>
              <th class="num">{say(W.count)}</th>
              <th class="num">{say(W.amount)}</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((t) => (
              <tr>
                <td>{t.label}</td>
                <td class="num">{t.count}</td>
                <td class="num">{rupiah(t.rupiah)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <h2>{say(W.outcomes)}</h2>
      <p class="tags">
        {(Object.keys(OUTCOME_LABELS) as (keyof typeof OUTCOME_LABELS)[]).map((k) => (
          <span class="tag">
            {say(OUTCOME_LABELS[k])}: {counts[k]}
          </span>
        ))}
      </p>
    </section>
  );
}

/** "Digabungkan ke usulan USL-…" with the code a link to that proposal's tracking page. */
function MergedInto(props: { summary: string; code: string }) {
  const [before, ...after] = props.summary.split(props.code);
  return (
    <>
      {before}
      <a href={`/lacak/${props.code}`}>{props.code}</a>
      {after.join(props.code)}
    </>
  );
}

function ProposalCard(props: { lang: Language; record: PublicProposal; story?: readonly StoryStep[] | undefined; showVillage?: boolean }) {
  const say = (t: Text) => t[props.lang];
  const r = props.record;
  return (
    <article class="card" id={r.trackingCode} data-outcome={r.outcome?.kind ?? "under_way"}>
      <h3>{r.activity}</h3>
      <p>
        <small>
          <a href={`/lacak/${r.trackingCode}`}>{r.trackingCode}</a>
          {props.showVillage ? ` · ${villageLabel(r.villageCode, r.villageName)}` : ""}
        </small>
      </p>
      <dl class="facts">
        <dt>{say(W.asked)}</dt>
        <dd>
          {r.volume.toLocaleString(props.lang === "en" ? "en-US" : "id-ID")} {r.unit} · {rupiah(r.askedCost)}
        </dd>
        <dt>{say(W.now)}</dt>
        <dd>
          {r.stageLabel} · {r.statusLabel}
        </dd>
        <dt>{say(W.outcome)}</dt>
        <dd class="outcome">
          {r.outcome ? (
            <strong>{r.outcome.mergedInto ? <MergedInto summary={r.outcome.summary} code={r.outcome.mergedInto} /> : r.outcome.summary}</strong>
          ) : (
            say(W.underWay)
          )}
        </dd>
        {r.outcome ? (
          <>
            <dt>{say(W.reason)}</dt>
            <dd class="reason">{r.outcome.reason ?? <span class="muted">{say(W.noReason)}</span>}</dd>
          </>
        ) : null}
      </dl>
      {props.story?.length ? (
        <details>
          <summary>{say(W.story)}</summary>
          <StoryList steps={props.story} lang={props.lang} />
        </details>
      ) : null}
    </article>
  );
}

interface Account {
  year: number;
  regency: { code: string; name: string };
  place: { code: string; name: string };
  district: { code: string; name: string } | null;
  records: PublicProposal[];
  stories: Map<string, StoryStep[]>;
}

export function PublicDistrictPage(props: { lang: Language; account: Account }) {
  const say = (t: Text) => t[props.lang];
  const { year, regency, place, records } = props.account;
  const title = fill(say(W.placeTitle), { place: fill(say(W.district), { name: place.name }), year });
  const villages = [...new Map(records.map((r) => [r.villageCode, r.villageName])).entries()];
  return (
    <Layout title={title} lang={props.lang}>
      <p>
        <a href={`/publik/${year}/kabupaten/${regency.code}`}>← {fill(say(W.back), { name: regency.name })}</a>
      </p>
      <h1>{title}</h1>
      {records.length === 0 ? <p class="muted">{fill(say(W.empty), { year })}</p> : <Summary lang={props.lang} records={records} />}
      {villages.length ? (
        <>
          <h2>{say(W.byVillage)}</h2>
          <table>
            <thead>
              <tr>
                <th>{say(W.villageCol)}</th>
                <th class="num">{say(W.count)}</th>
              </tr>
            </thead>
            <tbody>
              {villages.map(([code, name]) => (
                <tr>
                  <td>
                    <a href={`/publik/${year}/desa/${code}`}>{villageLabel(code, name)}</a>
                  </td>
                  <td class="num">{records.filter((r) => r.villageCode === code).length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {records.length ? <h2>{say(W.list)}</h2> : null}
      {records.map((r) => (
        <ProposalCard lang={props.lang} record={r} showVillage />
      ))}
      <OpenData lang={props.lang} year={year} regencyCode={regency.code} />
    </Layout>
  );
}

export function PublicVillagePage(props: { lang: Language; account: Account }) {
  const say = (t: Text) => t[props.lang];
  const { year, regency, place, records, stories } = props.account;
  const title = fill(say(W.placeTitle), { place: villageLabel(place.code, place.name), year });
  const district = props.account.district;
  return (
    <Layout title={title} lang={props.lang}>
      <p>
        {district ? (
          <>
            <a href={`/publik/${year}/kecamatan/${district.code}`}>← {fill(say(W.district), { name: district.name })}</a> ·{" "}
          </>
        ) : null}
        <a href={`/publik/${year}/kabupaten/${regency.code}`}>{regency.name}</a>
      </p>
      <h1>{title}</h1>
      {records.length === 0 ? <p class="muted">{fill(say(W.empty), { year })}</p> : <Summary lang={props.lang} records={records} />}
      {records.length ? <h2>{say(W.list)}</h2> : null}
      {records.map((r) => (
        <ProposalCard lang={props.lang} record={r} story={stories.get(r.trackingCode)} />
      ))}
    </Layout>
  );
}
