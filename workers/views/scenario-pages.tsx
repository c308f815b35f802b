/**
 * Bappeda's budget scenario screens (/konsol/skenario): list and create, edit and run (with progress), the result
 * (what falls out and why, per kecamatan and desa before and after) and two scenarios side by side. Plain forms, no
 * JavaScript: a running scenario's page reloads itself every two seconds until it is done.
 */
import type { Principal } from "../../shared/access/roles.ts";
import { changeText, outcomeReason, rulesText } from "../../shared/budget/scenario-text.ts";
import type { EnvelopeChange } from "../../shared/budget/scenario.ts";
import { rupiah } from "../../shared/format.ts";
import type { compareScenarios, readScenario, scenarioOutcomes, scenarioVillages, scenarioView } from "../usecases/budget/scenarios.ts";
import { Layout } from "./layout.tsx";
import { groupedBars } from "../../shared/charts/bars.ts";
import { Chart } from "./charts.tsx";

type View = ReturnType<typeof scenarioView>;
type Detail = Awaited<ReturnType<typeof readScenario>>;
type Outcome = Awaited<ReturnType<typeof scenarioOutcomes>>["outcomes"][number];
type Choices = { agencies: readonly { id: string; name: string }[]; districts: readonly { code: string; name: string }[]; names: ReadonlyMap<string, string> };

const STATUS: Record<View["status"], string> = { draft: "Belum dihitung", running: "Sedang dihitung", done: "Selesai dihitung", failed: "Gagal dihitung", applied: "Sudah diterapkan ke pagu" };
const count = (n: number) => n.toLocaleString("id-ID");
const signed = (n: number) => (n > 0 ? `+${rupiah(n)}` : n < 0 ? `−${rupiah(-n)}` : rupiah(0));
const CHANGE_ROWS = 4;

function Hidden(props: { csrfToken: string }) {
  return <input type="hidden" name="_csrf" value={props.csrfToken} />;
}

/** The scenario's fields as a form: envelope changes (a cut across all, and per agency or kecamatan) and fairness rules. */
function ScenarioForm(props: { action: string; csrfToken: string; choices: Choices; year: number; scenario?: View | undefined; submit: string }) {
  const s = props.scenario;
  const all = s?.changes.find((c) => c.kind === "all");
  const targeted = (s?.changes ?? []).filter((c) => c.kind !== "all");
  const floor = s?.rules.floors?.find((f) => !f.districtCode);
  const quota = s?.rules.quotas?.[0];
  const w = s?.rules.weights;
  return (
    <form method="post" action={props.action}>
      <Hidden csrfToken={props.csrfToken} />
      <input type="hidden" name="year" value={String(s?.year ?? props.year)} />
      {s ? <input type="hidden" name="version" value={String(s.version)} /> : null}
      <div class="row">
        <div>
          <label for="name">Nama skenario</label>
          <input id="name" name="name" required value={s?.name ?? ""} placeholder="mis. Pagu dipotong 65%" />
        </div>
        <div>
          <label for="allPercent">Ubah semua pagu (%)</label>
          <input id="allPercent" name="allPercent" inputmode="decimal" value={all?.percent !== undefined ? String(all.percent) : ""} placeholder="-65 memotong 65%" />
        </div>
      </div>
      <fieldset>
        <legend>Perubahan pagu per OPD atau kecamatan</legend>
        <table>
          <thead>
            <tr>
              <th>OPD atau kecamatan</th>
              <th>Ubah (%)</th>
              <th>atau pagu baru (Rp)</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: CHANGE_ROWS }, (_, i) => {
              const c = targeted[i];
              const selected = c?.target ? `${c.kind}:${c.target}` : "";
              return (
                <tr>
                  <td>
                    <select name={`target${i}`} aria-label={`Pagu yang diubah, baris ${i + 1}`}>
                      <option value="">(tidak ada)</option>
                      <optgroup label="OPD">
                        {props.choices.agencies.map((a) => (
                          <option value={`agency:${a.id}`} selected={selected === `agency:${a.id}`}>
                            {a.name}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label="Kecamatan">
                        {props.choices.districts.map((d) => (
                          <option value={`district:${d.code}`} selected={selected === `district:${d.code}`}>
                            Kecamatan {d.name}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                  <td>
                    <input name={`percent${i}`} inputmode="decimal" aria-label={`Ubah (%), baris ${i + 1}`} value={c?.percent !== undefined ? String(c.percent) : ""} />
                  </td>
                  <td>
                    <input name={`amount${i}`} inputmode="numeric" aria-label={`Pagu baru (Rp), baris ${i + 1}`} value={c?.amount !== undefined ? count(c.amount) : ""} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend>Aturan keadilan</legend>
        <div class="row">
          <div>
            <label for="floorCount">Setiap kecamatan paling sedikit (usulan)</label>
            <input id="floorCount" name="floorCount" inputmode="numeric" value={floor?.minCount ? String(floor.minCount) : ""} />
          </div>
          <div>
            <label for="floorRupiah">atau paling sedikit (Rp)</label>
            <input id="floorRupiah" name="floorRupiah" inputmode="numeric" value={floor?.minRupiah ? count(floor.minRupiah) : ""} />
          </div>
        </div>
        <div class="row">
          <div>
            <label for="quotaGroup">Kuota kelompok sasaran</label>
            <input id="quotaGroup" name="quotaGroup" value={quota?.group ?? ""} placeholder="mis. perempuan" />
          </div>
          <div>
            <label for="quotaCount">paling sedikit (usulan)</label>
            <input id="quotaCount" name="quotaCount" inputmode="numeric" value={quota?.minCount ? String(quota.minCount) : ""} />
          </div>
        </div>
        <p class="muted">Bobot prioritas (kosongkan untuk urutan baku: peringkat kecamatan, lalu peringkat desa, lalu biaya per penerima manfaat)</p>
        <div class="row">
          <div>
            <label for="wDistrict">Peringkat kecamatan</label>
            <input id="wDistrict" name="wDistrict" inputmode="decimal" value={w ? String(w.districtRank) : ""} />
          </div>
          <div>
            <label for="wVillage">Peringkat desa</label>
            <input id="wVillage" name="wVillage" inputmode="decimal" value={w ? String(w.villageRank) : ""} />
          </div>
          <div>
            <label for="wCost">Biaya per penerima</label>
            <input id="wCost" name="wCost" inputmode="decimal" value={w ? String(w.costPerBeneficiary) : ""} />
          </div>
        </div>
      </fieldset>
      <label for="note">Catatan</label>
      <textarea id="note" name="note">{s?.note ?? ""}</textarea>
      <button type="submit">{props.submit}</button>
    </form>
  );
}

export function ScenarioListPage(props: { principal: Principal; csrfToken: string; year: number; scenarios: readonly View[]; choices: Choices; error?: string | undefined }) {
  const done = props.scenarios.filter((s) => s.resultCurrent);
  return (
    <Layout title="Skenario anggaran" principal={props.principal} csrfToken={props.csrfToken} wide>
      <h1>Skenario anggaran {props.year}</h1>
      <p class="muted">Bagaimana bila pagu indikatif OPD atau kecamatan dipotong (atau dinaikkan): usulan mana yang tersisih, di mana, dan apakah adil. Skenario tidak mengubah pagu sampai diterapkan.</p>
      {props.error ? <p class="notice" role="alert">{props.error}</p> : null}
      <table>
        <thead>
          <tr>
            <th>Skenario</th>
            <th>Perubahan</th>
            <th>Status</th>
            <th class="num">Didanai sekarang</th>
            <th class="num">Didanai menurut skenario</th>
          </tr>
        </thead>
        <tbody>
          {props.scenarios.map((s) => (
            <tr>
              <td>
                <a href={`/konsol/skenario/${s.id}`}>{s.name}</a>
              </td>
              <td>{s.changes.map((c) => changeText(c, props.choices.names)).join("; ") || "-"}</td>
              <td>{STATUS[s.status]}{s.status !== "applied" && s.summary && !s.resultCurrent ? " (hasil lama, diubah sesudahnya)" : ""}</td>
              <td class="num">{s.summary && s.resultCurrent ? rupiah(s.summary.before.rupiah) : "-"}</td>
              <td class="num">{s.summary && s.resultCurrent ? rupiah(s.summary.after.rupiah) : "-"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {done.length >= 2 ? (
        <form method="get" action="/konsol/skenario/banding" class="card">
          <h2>Bandingkan dua skenario</h2>
          <div class="filters">
            {(["a", "b"] as const).map((side) => (
              <div>
                <label for={side}>Skenario {side.toUpperCase()}</label>
                <select id={side} name={side}>
                  {done.map((s, i) => (
                    // A is the older of the two newest, B the newest: "what the latest idea changes".
                    <option value={s.id} selected={i === (side === "a" ? 1 : 0)}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit">Bandingkan</button>
          </div>
        </form>
      ) : null}
      <h2>Skenario baru</h2>
      <ScenarioForm action="/konsol/skenario" csrfToken={props.csrfToken} choices={props.choices} year={props.year} submit="Simpan skenario" />
    </Layout>
  );
}

function TallyTable(props: { rows: readonly { code: string; name: string; beforeCount: number; beforeRupiah: number; afterCount: number; afterRupiah: number }[]; label: string; link?: (code: string) => string }) {
  const total = (pick: (r: (typeof props.rows)[number]) => number) => props.rows.reduce((sum, r) => sum + pick(r), 0);
  return (
    <table>
      <thead>
        <tr>
          <th>{props.label}</th>
          <th class="num">Usulan sekarang</th>
          <th class="num">Rupiah sekarang</th>
          <th class="num">Usulan skenario</th>
          <th class="num">Rupiah skenario</th>
          <th class="num">Selisih</th>
        </tr>
      </thead>
      <tbody>
        {[...props.rows]
          .sort((a, b) => a.afterRupiah - a.beforeRupiah - (b.afterRupiah - b.beforeRupiah) || a.name.localeCompare(b.name, "id"))
          .map((r) => (
            <tr>
              <td>{props.link ? <a href={props.link(r.code)}>{r.name}</a> : r.name}</td>
              <td class="num">{count(r.beforeCount)}</td>
              <td class="num">{rupiah(r.beforeRupiah)}</td>
              <td class="num">{count(r.afterCount)}</td>
              <td class="num">{rupiah(r.afterRupiah)}</td>
              <td class="num">{signed(r.afterRupiah - r.beforeRupiah)}</td>
            </tr>
          ))}
        <tr>
          <th>Jumlah</th>
          <th class="num">{count(total((r) => r.beforeCount))}</th>
          <th class="num">{rupiah(total((r) => r.beforeRupiah))}</th>
          <th class="num">{count(total((r) => r.afterCount))}</th>
          <th class="num">{rupiah(total((r) => r.afterRupiah))}</th>
          <th class="num">{signed(total((r) => r.afterRupiah - r.beforeRupiah))}</th>
        </tr>
      </tbody>
    </table>
  );
}

function OutcomeTable(props: { outcomes: readonly Outcome[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Urutan</th>
          <th>Usulan</th>
          <th>Desa/Kelurahan</th>
          <th class="num">Biaya</th>
          <th>Sekarang</th>
          <th>Menurut skenario</th>
        </tr>
      </thead>
      <tbody>
        {props.outcomes.map((o) => (
          <tr>
            <td class="num">{count(o.position + 1)}</td>
            <td>
              {o.activity}
              <br />
              <small>
                {o.trackingCode} · {o.agencyName ?? "belum ada OPD"}
              </small>
            </td>
            <td>
              {o.villageName}
              <br />
              <small>Kec. {o.districtName}</small>
            </td>
            <td class="num">{rupiah(o.cost)}</td>
            <td>{o.fundedBefore ? "Didanai" : "Tidak didanai"}</td>
            <td>{outcomeReason({ ...o, fundedBefore: !!o.fundedBefore })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ScenarioPage(props: { principal: Principal; csrfToken: string; scenario: Detail; choices: Choices; changed: Awaited<ReturnType<typeof scenarioOutcomes>> | null; error?: string | undefined; message?: string | undefined }) {
  const s = props.scenario;
  const running = s.status === "running";
  return (
    <Layout title={s.name} principal={props.principal} csrfToken={props.csrfToken} wide>
      {running ? <meta http-equiv="refresh" content="2" /> : null}
      <p>
        <a href="/konsol/skenario">← Semua skenario</a>
      </p>
      <h1>
        {s.name} <span class="tag">{STATUS[s.status]}</span>
      </h1>
      {props.error ? <p class="notice" role="alert">{props.error}</p> : null}
      {props.message ? <p class="ok" role="status">{props.message}</p> : null}
      <div class="card">
        <dl class="facts">
          <dt>Tahun</dt>
          <dd>{s.year}</dd>
          <dt>Perubahan pagu</dt>
          <dd>{s.changes.map((c: EnvelopeChange) => changeText(c, props.choices.names)).join("; ") || "tidak ada"}</dd>
          <dt>Aturan keadilan</dt>
          <dd>{rulesText(s.rules, props.choices.names).join("; ") || "tidak ada (urutan prioritas baku)"}</dd>
          <dt>Versi</dt>
          <dd>{s.version}</dd>
          {s.note ? (
            <>
              <dt>Catatan</dt>
              <dd>{s.note}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {running ? (
        <div class="card" role="status">
          <h2>Sedang dihitung: {s.progress}%</h2>
          <progress max="100" value={String(s.progress)} style="width:100%">
            {s.progress}%
          </progress>
          <p class="muted">Semua usulan tahun ini dimuat ke semua pagu sekaligus. Halaman ini memuat ulang sendiri.</p>
        </div>
      ) : null}
      {s.status === "failed" ? <p class="notice">Perhitungan gagal: {s.error}. Jalankan lagi.</p> : null}
      {s.status !== "applied" && !running ? (
        <form method="post" action={`/konsol/skenario/${s.id}/jalankan`} class="actions">
          <Hidden csrfToken={props.csrfToken} />
          <input type="hidden" name="version" value={String(s.version)} />
          <button type="submit">{s.resultCurrent ? "Hitung ulang" : "Jalankan skenario"}</button>
        </form>
      ) : null}
      {s.resultCurrent && s.summary ? (
        <>
          <h2>Hasil</h2>
          {s.summary.envelopes.length === 0 ? (
            <p class="notice">Tahun ini belum ada pagu indikatif, jadi semua usulan terhitung didanai. Isi pagu baru (Rp) per OPD atau kecamatan di skenario ini, jalankan, lalu terapkan.</p>
          ) : null}
          <p>
            Dari {count(s.summary.proposals)} usulan yang bersaing, sekarang {count(s.summary.before.count)} didanai ({rupiah(s.summary.before.rupiah)}); menurut skenario {count(s.summary.after.count)} ({rupiah(s.summary.after.rupiah)}):{" "}
            {count(s.summary.fundedBy.floor)} karena batas minimum kecamatan, {count(s.summary.fundedBy.quota)} karena kuota, {count(s.summary.fundedBy.priority)} menurut prioritas.
          </p>
          <p class="muted">"Sekarang" berarti pagu yang berlaku dengan urutan prioritas baku tanpa aturan keadilan; "skenario" berarti pagu sesudah perubahan dengan aturan skenario.</p>
          <div class="actions">
            <a class="button secondary" href={`/api/v1/budget-scenarios/${s.id}/export.xlsx`}>
              Unduh XLSX
            </a>
            {s.status === "done" ? (
              <form method="post" action={`/konsol/skenario/${s.id}/terapkan`} class="inline">
                <Hidden csrfToken={props.csrfToken} />
                <input type="hidden" name="version" value={String(s.version)} />
                <button type="submit">Terapkan ke pagu indikatif</button>
              </form>
            ) : null}
          </div>
          <h2>Per kecamatan</h2>
          <TallyTable rows={s.districts} label="Kecamatan" link={(code) => `/konsol/skenario/${s.id}/kecamatan/${code}`} />
          <h2>Usulan yang berubah nasib</h2>
          {props.changed && props.changed.outcomes.length ? <OutcomeTable outcomes={props.changed.outcomes} /> : <p>Tidak ada usulan yang berubah nasib.</p>}
          {props.changed?.next !== null && props.changed?.next !== undefined ? <p class="muted">Lihat per kecamatan untuk daftar lengkapnya, atau unduh XLSX.</p> : null}
        </>
      ) : null}
      {s.status !== "applied" && !running ? (
        <>
          <h2>Ubah skenario</h2>
          <ScenarioForm action={`/konsol/skenario/${s.id}`} csrfToken={props.csrfToken} choices={props.choices} year={s.year} scenario={s} submit="Simpan perubahan" />
        </>
      ) : null}
    </Layout>
  );
}

export function ScenarioDistrictPage(props: { principal: Principal; csrfToken: string; scenario: View; districtName: string; districtCode: string; villages: Awaited<ReturnType<typeof scenarioVillages>>; outcomes: Awaited<ReturnType<typeof scenarioOutcomes>>; show: string }) {
  const base = `/konsol/skenario/${props.scenario.id}/kecamatan/${props.districtCode}`;
  return (
    <Layout title={`${props.scenario.name}: Kecamatan ${props.districtName}`} principal={props.principal} csrfToken={props.csrfToken} wide>
      <p>
        <a href={`/konsol/skenario/${props.scenario.id}`}>← {props.scenario.name}</a>
      </p>
      <h1>Kecamatan {props.districtName}</h1>
      <h2>Per desa/kelurahan</h2>
      <TallyTable rows={props.villages} label="Desa/Kelurahan" />
      <h2>Usulan menurut urutan prioritas skenario</h2>
      <p class="actions">
        <a class={props.show === "excluded" ? "button" : "button secondary"} href={`${base}?tampil=excluded`}>
          Yang tersisih
        </a>
        <a class={props.show === "changed" ? "button" : "button secondary"} href={`${base}?tampil=changed`}>
          Yang berubah
        </a>
        <a class={props.show === "all" ? "button" : "button secondary"} href={`${base}?tampil=all`}>
          Semua
        </a>
      </p>
      {props.outcomes.outcomes.length ? <OutcomeTable outcomes={props.outcomes.outcomes} /> : <p>Tidak ada.</p>}
      {props.outcomes.next !== null ? (
        <p class="pager">
          <a href={`${base}?tampil=${props.show}&setelah=${props.outcomes.next}`}>Halaman berikutnya →</a>
        </p>
      ) : null}
    </Layout>
  );
}

export function ScenarioComparePage(props: { principal: Principal; csrfToken: string; comparison: Awaited<ReturnType<typeof compareScenarios>> }) {
  const { a, b, districts } = props.comparison;
  const total = (pick: (d: (typeof districts)[number]) => number) => districts.reduce((sum, d) => sum + pick(d), 0);
  return (
    <Layout title={`Perbandingan: ${a.name} dan ${b.name}`} principal={props.principal} csrfToken={props.csrfToken} wide>
      <p>
        <a href="/konsol/skenario">← Semua skenario</a>
      </p>
      <h1>
        Perbandingan skenario {a.year}: A “{a.name}” dan B “{b.name}”
      </h1>
      <p class="actions">
        <a class="button secondary" href={`/api/v1/budget-scenarios/compare.xlsx?a=${a.id}&b=${b.id}`}>
          Unduh XLSX
        </a>
      </p>
      <h2>Rupiah didanai per kecamatan</h2>
      <Chart svg={groupedBars(districts.map((d) => ({ label: d.name, values: [d.before.rupiah, d.a.rupiah, d.b.rupiah] })), ["Sekarang", `A: ${a.name}`, `B: ${b.name}`], rupiah, { title: "Rupiah didanai per kecamatan", empty: "Belum ada kecamatan." })} />
      <table>
        <thead>
          <tr>
            <th>Kecamatan</th>
            <th class="num">Sekarang</th>
            <th class="num">A: usulan</th>
            <th class="num">A: rupiah</th>
            <th class="num">B: usulan</th>
            <th class="num">B: rupiah</th>
            <th class="num">Selisih B − A</th>
          </tr>
        </thead>
        <tbody>
          {districts.map((d) => (
            <tr>
              <td>{d.name}</td>
              <td class="num">{rupiah(d.before.rupiah)}</td>
              <td class="num">{count(d.a.count)}</td>
              <td class="num">{rupiah(d.a.rupiah)}</td>
              <td class="num">{count(d.b.count)}</td>
              <td class="num">{rupiah(d.b.rupiah)}</td>
              <td class="num">{signed(d.difference.rupiah)}</td>
            </tr>
          ))}
          <tr>
            <th>Jumlah</th>
            <th class="num">{rupiah(total((d) => d.before.rupiah))}</th>
            <th class="num">{count(total((d) => d.a.count))}</th>
            <th class="num">{rupiah(total((d) => d.a.rupiah))}</th>
            <th class="num">{count(total((d) => d.b.count))}</th>
            <th class="num">{rupiah(total((d) => d.b.rupiah))}</th>
            <th class="num">{signed(total((d) => d.difference.rupiah))}</th>
          </tr>
        </tbody>
      </table>
    </Layout>
  );
}
