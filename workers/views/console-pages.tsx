/**
 * Bappeda's console: the overview with its pictures, the overlaps to sort out, the envelopes (pagu) and the budget
 * fit. Plain forms, no JavaScript; pictures are server-drawn SVG (shared/charts via charts.tsx).
 */
import type { Principal } from "../../shared/access/roles.ts";
import { quantity, rupiah } from "../../shared/format.ts";
import { STATUSES, type Status } from "../../shared/proposals/lifecycle.ts";
import { Chart } from "./charts.tsx";
import { FieldError } from "./fields.tsx";
import { Layout } from "./layout.tsx";

/** Every console page, including those of other screens (accounts, webhooks, operations, exports, follow-ups). */
export const CONSOLE_PAGES = [
  { href: "/konsol", label: "Ringkasan" },
  { href: "/konsol/kemiripan", label: "Tumpang tindih" },
  { href: "/forum", label: "Forum lintas OPD" },
  { href: "/konsol/pagu", label: "Pagu indikatif" },
  { href: "/konsol/kecocokan-anggaran", label: "Kecocokan anggaran" },
  { href: "/konsol/skenario", label: "Skenario anggaran" },
  { href: "/konsol/jadwal", label: "Jadwal tahapan" },
  { href: "/konsol/tindak-lanjut", label: "Tindak lanjut" },
  { href: "/konsol/ekspor", label: "Ekspor Renja" },
  { href: "/konsol/akun", label: "Akun dan token" },
  { href: "/konsol/webhook", label: "Webhook OPD" },
  { href: "/konsol/operasi", label: "Operasi" },
] as const;

/** Every console page, the current one marked: the overview's and the admin pages' own navigation. */
export function ConsoleNav(props: { current: string }) {
  return (
    <nav class="console" aria-label="Konsol Bappeda">
      {CONSOLE_PAGES.map((p) => (
        <a href={p.href} aria-current={p.href === props.current ? "page" : undefined}>
          {p.label}
        </a>
      ))}
    </nav>
  );
}

function Hidden(props: { csrfToken: string }) {
  return <input type="hidden" name="_csrf" value={props.csrfToken} />;
}

interface Frame {
  principal: Principal;
  csrfToken: string;
  year: number;
}

function ConsoleLayout(props: Frame & { title: string; current: string; message?: string | undefined; error?: string | undefined; children?: unknown }) {
  return (
    <Layout title={props.title} principal={props.principal} csrfToken={props.csrfToken} wide>
      <ConsoleNav current={props.current} />
      <h1>
        {props.title} <small>tahun rencana {props.year}</small>
      </h1>
      {props.message ? (
        <p class="ok" role="status">
          {props.message}
        </p>
      ) : null}
      {props.error ? (
        <p class="notice" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.children as never}
    </Layout>
  );
}

export interface OverviewCharts {
  envelopesByAgency: string;
  envelopesByDistrict: string;
  funnel: string;
  overlaps: string;
  districtCounts: string;
  districtPagu: string;
}

export function ConsoleOverviewPage(props: Frame & { charts: OverviewCharts }) {
  const c = props.charts;
  return (
    <ConsoleLayout {...props} title="Konsol Bappeda" current="/konsol">
      <h2>Usulan menurut tahapan</h2>
      <Chart svg={c.funnel} caption="Berapa usulan sampai di tiap tahap, dari diajukan desa sampai masuk Renja." />
      <div class="grid2">
        <section>
          <h2>Pagu OPD: terpakai dan sisa</h2>
          <Chart svg={c.envelopesByAgency} />
          <p>
            <a href="/konsol/pagu">Atur pagu</a> · <a href="/konsol/kecocokan-anggaran">Apa yang tidak muat</a>
          </p>
        </section>
        <section>
          <h2>Pagu kecamatan: terpakai dan sisa</h2>
          <Chart svg={c.envelopesByDistrict} />
        </section>
      </div>
      <h2>Klaster tumpang tindih menurut pagu yang dipertaruhkan</h2>
      <Chart svg={c.overlaps} caption="Klaster terbuka; yang terbesar dibahas lebih dulu di forum." />
      <p>
        <a href="/konsol/kemiripan">Periksa tumpang tindih</a>
      </p>
      <div class="grid2">
        <section>
          <h2>Jumlah usulan per kecamatan</h2>
          <Chart svg={c.districtCounts} />
        </section>
        <section>
          <h2>Biaya per kecamatan: diusulkan dan disepakati</h2>
          <Chart svg={c.districtPagu} />
        </section>
      </div>
    </ConsoleLayout>
  );
}

export interface OverlapProposal {
  id: string;
  trackingCode: string;
  activity: string;
  villageName: string;
  estimatedCost: number;
  agencyNames: string[];
}

export interface OverlapPair {
  id: string;
  kind: "cross_agency" | "duplicate";
  score: number;
  reasons: string[];
  proposals: OverlapProposal[];
}

export interface OverlapClusterView {
  id: string;
  pagu: number;
  proposals: OverlapProposal[];
  pairs: OverlapPair[];
}

const KIND = { cross_agency: "lintas OPD", duplicate: "kemungkinan ganda" } as const;

/** The forum choice of a "send to forum" form; without a forum still open, where to create one. */
function ForumChoice(props: { id: string; forums: readonly { id: string; title: string }[] }) {
  return props.forums.length === 0 ? (
    <p class="muted">
      Belum ada forum yang berita acaranya masih terbuka. <a href="/forum">Buat forum</a>
    </p>
  ) : (
    <div>
      <label for={props.id}>Forum</label>
      <select id={props.id} name="forumId">
        {props.forums.map((f) => (
          <option value={f.id}>{f.title}</option>
        ))}
      </select>
    </div>
  );
}

export function OverlapsPage(props: Frame & { clusters: readonly OverlapClusterView[]; forums: readonly { id: string; title: string }[]; errors: Record<string, string>; values: Record<string, string>; message?: string | undefined; error?: string | undefined }) {
  return (
    <ConsoleLayout {...props} title="Tumpang tindih usulan" current="/konsol/kemiripan">
      <p>
        Klaster terbuka, yang paling besar pagunya lebih dulu. Tiap pasangan disertai alasannya. Pasangan yang sebenarnya berbeda diabaikan dengan alasan; yang perlu diputuskan
        bersama dibawa ke forum lintas OPD.
      </p>
      {props.clusters.length === 0 ? <p class="ok">Tidak ada tumpang tindih terbuka tahun ini.</p> : props.forums.length === 0 ? <ForumChoice id="forum" forums={props.forums} /> : null}
      {props.clusters.map((cluster, index) => (
        <section class="card" id={`klaster-${cluster.id}`}>
          <h2>
            {index + 1}. Pagu dipertaruhkan {rupiah(cluster.pagu)} · {cluster.proposals.length} usulan
          </h2>
          <table>
            <thead>
              <tr>
                <th>Usulan</th>
                <th>Desa/kelurahan</th>
                <th>OPD</th>
                <th class="num">Biaya</th>
              </tr>
            </thead>
            <tbody>
              {cluster.proposals.map((p) => (
                <tr>
                  <td>
                    <a href={`/usulan/${p.id}`}>{p.activity}</a> <small>{p.trackingCode}</small>
                  </td>
                  <td>{p.villageName}</td>
                  <td>{p.agencyNames.join(", ") || "belum ada OPD"}</td>
                  <td class="num">{rupiah(p.estimatedCost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {props.forums.length > 0 ? (
            <form method="post" action="/konsol/kemiripan/forum" class="filters">
              <Hidden csrfToken={props.csrfToken} />
              <input type="hidden" name="proposalIds" value={cluster.proposals.map((p) => p.id).join(",")} />
              <ForumChoice id={`forum-${cluster.id}`} forums={props.forums} />
              <button type="submit">Bawa klaster ke agenda forum</button>
            </form>
          ) : null}
          {cluster.pairs.map((pair) => {
            const field = `reason-${pair.id}`;
            const error = props.errors[field];
            return (
              <div class="card" id={`pasangan-${pair.id}`}>
                <p>
                  <strong>{pair.proposals.map((p) => p.activity).join(" ↔ ")}</strong> <span class="tag">{KIND[pair.kind]}</span> <small>kemiripan {Math.round(pair.score * 100)}%</small>
                </p>
                <ul class="reasons">
                  {pair.reasons.map((r) => (
                    <li>{r}</li>
                  ))}
                </ul>
                <details open={error ? true : undefined}>
                  <summary>Bukan tumpang tindih? Abaikan dengan alasan{props.forums.length > 0 ? ", atau bawa pasangan ini ke forum" : ""}</summary>
                  <div class="grid2">
                  <form method="post" action={`/konsol/kemiripan/${pair.id}/abaikan`}>
                    <Hidden csrfToken={props.csrfToken} />
                    <label for={field}>Alasan: mengapa ini bukan tumpang tindih</label>
                    <textarea class="short" id={field} name="reason" aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${field}-error` : undefined}>
                      {props.values[field] ?? ""}
                    </textarea>
                    <FieldError errors={props.errors} name={field} />
                    <button class="secondary" type="submit">
                      Abaikan pasangan ini
                    </button>
                  </form>
                  {props.forums.length > 0 ? (
                    <form method="post" action="/konsol/kemiripan/forum">
                      <Hidden csrfToken={props.csrfToken} />
                      <input type="hidden" name="proposalIds" value={pair.proposals.map((p) => p.id).join(",")} />
                      <ForumChoice id={`forum-${pair.id}`} forums={props.forums} />
                      <button class="secondary" type="submit">
                        Bawa pasangan ini ke forum
                      </button>
                    </form>
                  ) : null}
                  </div>
                </details>
              </div>
            );
          })}
        </section>
      ))}
    </ConsoleLayout>
  );
}

export interface EnvelopeRow {
  kind: "agency" | "district";
  target: string;
  name: string;
  amount: number | null;
  used: number;
}

/** Asked before saving an envelope below what accepted proposals already draw on it. */
export interface EnvelopeWarning {
  kind: "agency" | "district";
  target: string;
  name: string;
  amount: number;
  used: number;
}

function EnvelopeTable(props: Frame & { rows: readonly EnvelopeRow[]; kind: "agency" | "district"; errors: Record<string, string> }) {
  return (
    <table>
      <thead>
        <tr>
          <th>{props.kind === "agency" ? "OPD" : "Kecamatan"}</th>
          <th class="num">Pagu</th>
          <th class="num">Terpakai</th>
          <th class="num">Sisa</th>
          <th>Ubah pagu (Rp)</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => {
          const field = `amount-${r.kind}-${r.target}`;
          const error = props.errors[field];
          const remaining = r.amount === null ? null : r.amount - r.used;
          return (
            <tr>
              <td>{r.name}</td>
              <td class="num">{r.amount === null ? "belum diatur" : rupiah(r.amount)}</td>
              <td class="num">{rupiah(r.used)}</td>
              <td class={`num${remaining !== null && remaining < 0 ? " short" : ""}`}>{remaining === null ? "–" : rupiah(remaining)}</td>
              <td>
                <form method="post" action="/konsol/pagu" class="amount">
                  <Hidden csrfToken={props.csrfToken} />
                  <input type="hidden" name="year" value={String(props.year)} />
                  <input type="hidden" name="kind" value={r.kind} />
                  <input type="hidden" name="target" value={r.target} />
                  <input
                    id={field}
                    name="amount"
                    inputmode="numeric"
                    aria-label={`Pagu ${r.name}`}
                    value={r.amount === null ? "" : quantity(r.amount)}
                    aria-invalid={error ? "true" : undefined}
                    aria-describedby={error ? `${field}-error` : undefined}
                  />
                  <button type="submit">Simpan</button>
                  <FieldError errors={props.errors} name={field} />
                </form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function EnvelopesPage(props: Frame & { agencies: readonly EnvelopeRow[]; districts: readonly EnvelopeRow[]; charts: { agencies: string; districts: string }; warning?: EnvelopeWarning | undefined; errors: Record<string, string>; message?: string | undefined }) {
  const w = props.warning;
  return (
    <ConsoleLayout {...props} title="Pagu indikatif" current="/konsol/pagu">
      <p>
        Pagu per OPD dan per kecamatan. "Terpakai" adalah biaya usulan yang sudah diterima; menerima usulan mengambil dari pagu OPD-nya dan pagu kecamatannya sekaligus.
      </p>
      {w ? (
        <div class="notice" role="alert">
          <p>
            <strong>Pagu {w.name} akan lebih kecil dari yang sudah terpakai.</strong> Usulan yang sudah diterima memakai {rupiah(w.used)}, pagu baru {rupiah(w.amount)}: kurang{" "}
            {rupiah(w.used - w.amount)}. Usulan yang sudah diterima tetap diterima, tetapi tidak ada usulan lain yang dapat diterima dari pagu ini tanpa alasan Bappeda.
          </p>
          <form method="post" action="/konsol/pagu" class="actions">
            <Hidden csrfToken={props.csrfToken} />
            <input type="hidden" name="year" value={String(props.year)} />
            <input type="hidden" name="kind" value={w.kind} />
            <input type="hidden" name="target" value={w.target} />
            <input type="hidden" name="amount" value={String(w.amount)} />
            <input type="hidden" name="confirm" value="1" />
            <button type="submit">Tetap simpan {rupiah(w.amount)}</button>
            <a class="button secondary" href="/konsol/pagu">
              Batal
            </a>
          </form>
        </div>
      ) : null}
      <Chart svg={props.charts.agencies} />
      <Chart svg={props.charts.districts} />
      <h2>Pagu OPD</h2>
      <EnvelopeTable {...props} rows={props.agencies} kind="agency" />
      <h2>Pagu kecamatan</h2>
      <EnvelopeTable {...props} rows={props.districts} kind="district" />
    </ConsoleLayout>
  );
}

export interface FitProposal {
  id: string;
  trackingCode: string;
  activity: string;
  status: string;
  cost: number;
  askedCost: number;
  districtRank: number | null;
  villageRank: number | null;
  room?: number;
  shortBy?: number;
}

export function BudgetFitPage(
  props: Frame & {
    envelopes: readonly { kind: "agency" | "district"; target: string; name: string; amount: number; used: number; remaining: number }[];
    chosen: { kind: "agency" | "district"; target: string; name: string } | null;
    fit: { amount: number; used: number; remaining: number; selected: readonly FitProposal[]; excluded: readonly FitProposal[] } | null;
    tasks: Map<string, { taskId: string; agencyName: string }[]>;
    errors: Record<string, string>;
    values: Record<string, string>;
    message?: string | undefined;
    error?: string | undefined;
  },
) {
  const { chosen, fit } = props;
  const statusText = (s: string) => STATUSES[s as Status]?.id ?? s;
  return (
    <ConsoleLayout {...props} title="Kecocokan anggaran" current="/konsol/kecocokan-anggaran">
      {props.envelopes.length === 0 ? (
        <p>
          Belum ada pagu tahun ini. <a href="/konsol/pagu">Atur pagu OPD dan kecamatan</a>
        </p>
      ) : (
        <form method="get" action="/konsol/kecocokan-anggaran" class="filters">
          <div>
            <label for="pagu">Pagu</label>
            <select id="pagu" name="pagu">
              {props.envelopes.map((e) => (
                <option value={`${e.kind}:${e.target}`} selected={chosen?.kind === e.kind && chosen.target === e.target}>
                  {e.name} ({rupiah(e.amount)})
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Tampilkan</button>
        </form>
      )}
      {chosen && fit ? (
        <>
          <p>
            Usulan bersaing untuk pagu <strong>{chosen.name}</strong> ({rupiah(fit.amount)}) menurut prioritas: peringkat kecamatan, lalu peringkat desa, lalu yang lebih murah. Yang
            muat memakai {rupiah(fit.used)}, sisa {rupiah(fit.remaining)}.
          </p>
          <h2>Tidak muat ({fit.excluded.length})</h2>
          {fit.excluded.length === 0 ? <p class="ok">Semua usulan muat dalam pagu ini.</p> : null}
          {fit.excluded.map((p) => {
            const field = `reason-${p.id}`;
            const targetField = `target-${p.id}`;
            return (
              <div class="card" id={`usulan-${p.id}`}>
                <p>
                  <a href={`/usulan/${p.id}`}>{p.activity}</a> <small>{p.trackingCode}</small> · {statusText(p.status)} · peringkat kecamatan {p.districtRank ?? "–"}, desa {p.villageRank ?? "–"}
                </p>
                <p class="short">
                  Tidak muat dalam pagu {chosen.name}: biaya {rupiah(p.cost)}, sisa pagu saat gilirannya {rupiah(p.room ?? 0)}, kurang {rupiah(p.shortBy ?? 0)}.
                </p>
                {(props.tasks.get(p.id) ?? []).map((t) => (
                  <form method="post" action="/konsol/kecocokan-anggaran/terima">
                    <Hidden csrfToken={props.csrfToken} />
                    <input type="hidden" name="taskId" value={t.taskId} />
                    <input type="hidden" name="proposalId" value={p.id} />
                    <input type="hidden" name="pagu" value={`${chosen.kind}:${chosen.target}`} />
                    <label for={`${field}-${t.taskId}`}>Alasan Bappeda menerima melebihi pagu (untuk {t.agencyName})</label>
                    <textarea class="short" id={`${field}-${t.taskId}`} name="reason" aria-invalid={props.errors[field] ? "true" : undefined} aria-describedby={props.errors[field] ? `${field}-error` : undefined}>
                      {props.values[field] ?? ""}
                    </textarea>
                    <FieldError errors={props.errors} name={field} />
                    {props.errors[targetField] !== undefined ? (
                      <>
                        <label for={`${targetField}-${t.taskId}`}>Target keluaran dalam satuan indikator</label>
                        <input id={`${targetField}-${t.taskId}`} name="target" inputmode="decimal" value={props.values[targetField] ?? ""} aria-invalid="true" aria-describedby={`${targetField}-error`} />
                        <FieldError errors={props.errors} name={targetField} />
                      </>
                    ) : null}
                    <button type="submit">Terima melebihi pagu</button>
                  </form>
                ))}
              </div>
            );
          })}
          <h2>Muat ({fit.selected.length})</h2>
          <table>
            <thead>
              <tr>
                <th>Usulan</th>
                <th>Status</th>
                <th class="num">Peringkat kec./desa</th>
                <th class="num">Biaya</th>
              </tr>
            </thead>
            <tbody>
              {fit.selected.map((p) => (
                <tr>
                  <td>
                    <a href={`/usulan/${p.id}`}>{p.activity}</a> <small>{p.trackingCode}</small>
                  </td>
                  <td>{statusText(p.status)}</td>
                  <td class="num">
                    {p.districtRank ?? "–"} / {p.villageRank ?? "–"}
                  </td>
                  <td class="num">{rupiah(p.cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </ConsoleLayout>
  );
}
