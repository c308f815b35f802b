/** The village's list of proposals, one proposal's page, and the public tracking page. */
import type { Principal } from "../../shared/access/roles.ts";
import { STAGES, STATUSES, type Stage, type Status } from "../../shared/proposals/lifecycle.ts";
import type { ProposalView } from "../../shared/schemas/proposals.ts";
import type * as v from "valibot";
import type { TrackingSchema } from "../../shared/schemas/proposals.ts";
import { Layout } from "./layout.tsx";

const rupiah = (value: number) => `Rp ${value.toLocaleString("id-ID")}`;
const statusLabel = (status: string) => STATUSES[status as Status]?.id ?? status;
const stageLabel = (stage: string) => STAGES[stage as Stage]?.id ?? stage;

function RankButton(props: { id: string; rank: number; label: string; csrfToken: string }) {
  return (
    <form class="inline" method="post" action={`/usulan/${props.id}/peringkat`}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="rank" value={String(props.rank)} />
      <button class="secondary" type="submit" aria-label={props.label}>
        {props.label === "Naikkan" ? "▲" : "▼"}
      </button>
    </form>
  );
}

export function ProposalListPage(props: { principal: Principal; csrfToken: string; villageName: string; year: number; proposals: readonly ProposalView[]; editable: (p: ProposalView) => boolean }) {
  return (
    <Layout title="Usulan desa" principal={props.principal} csrfToken={props.csrfToken}>
      <h1>
        Usulan {props.villageName} untuk {props.year}
      </h1>
      <p>
        <a href="/usulan/baru">+ Ajukan usulan baru</a>
      </p>
      {props.proposals.length === 0 ? <p>Belum ada usulan.</p> : null}
      <table>
        <thead>
          <tr>
            <th>No</th>
            <th>Usulan</th>
            <th>Tahap / status</th>
            <th>Urutan</th>
          </tr>
        </thead>
        <tbody>
          {props.proposals.map((p, index) => (
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
                {stageLabel(p.stage)}
                <br />
                <small>{statusLabel(p.status)}</small>
              </td>
              <td>
                {props.editable(p) && index > 0 ? <RankButton id={p.id} rank={index} label="Naikkan" csrfToken={props.csrfToken} /> : null}{" "}
                {props.editable(p) && index < props.proposals.length - 1 ? <RankButton id={p.id} rank={index + 2} label="Turunkan" csrfToken={props.csrfToken} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function ProposalDetailPage(props: { principal: Principal; csrfToken: string; proposal: ProposalView; villageName: string; districtName: string; editable: boolean; justSubmitted: boolean }) {
  const p = props.proposal;
  return (
    <Layout title={p.activity} principal={props.principal} csrfToken={props.csrfToken}>
      {props.justSubmitted ? (
        <p class="ok" role="status">
          Usulan terkirim. Kode lacak: <strong>{p.trackingCode}</strong>
        </p>
      ) : null}
      <h1>{p.activity}</h1>
      <table>
        <tbody>
          <tr><th>Kode lacak</th><td><a href={`/lacak/${p.trackingCode}`}>{p.trackingCode}</a></td></tr>
          <tr><th>Tahap</th><td>{stageLabel(p.stage)}</td></tr>
          <tr><th>Status</th><td>{statusLabel(p.status)}</td></tr>
          <tr><th>Lokasi</th><td>{props.villageName}, Kec. {props.districtName}{p.address ? ` · ${p.address}` : ""}{p.rt ? ` · RT ${p.rt}` : ""}{p.rw ? `/RW ${p.rw}` : ""}</td></tr>
          <tr><th>Permasalahan</th><td>{p.problem}</td></tr>
          {p.description ? <tr><th>Uraian</th><td>{p.description}</td></tr> : null}
          <tr><th>Volume</th><td>{p.volume.toLocaleString("id-ID")} {p.unit}</td></tr>
          <tr><th>Perkiraan biaya</th><td>{rupiah(p.estimatedCost)}</td></tr>
          <tr><th>Peringkat di desa</th><td>{p.villageRank ?? "-"}</td></tr>
          {p.subActivityCode ? <tr><th>Kode sub kegiatan</th><td>{p.subActivityCode}</td></tr> : null}
          {p.attachments?.length ? (
            <tr>
              <th>Lampiran</th>
              <td>
                {p.attachments.map((a) => (
                  <div>
                    <a href={`/api/v1/proposals/${p.id}/attachments/${a.id}`}>{a.filename}</a>
                  </div>
                ))}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {props.editable ? (
        <p>
          <a href={`/usulan/${p.id}/ubah`}>Ubah usulan</a>{" "}
          <form class="inline" method="post" action={`/usulan/${p.id}/batal`}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <button class="secondary" type="submit">
              Batalkan usulan
            </button>
          </form>
        </p>
      ) : null}
      <p>
        <a href="/usulan">Kembali ke daftar usulan</a>
      </p>
    </Layout>
  );
}

export type TrackingView = v.InferOutput<typeof TrackingSchema>;

export function TrackingPage(props: { view: TrackingView }) {
  const v = props.view;
  return (
    <Layout title={`Lacak ${v.trackingCode}`}>
      <h1>Lacak usulan {v.trackingCode}</h1>
      <p>
        <strong>{v.activity}</strong>
        <br />
        {v.village}, Kec. {v.district} · tahun rencana {v.year}
      </p>
      <p>
        Tahap sekarang: <strong>{v.stage}</strong> · {v.status}
        {v.mergedInto ? (
          <>
            {" "}
            ke usulan <a href={`/lacak/${v.mergedInto}`}>{v.mergedInto}</a>
          </>
        ) : null}
      </p>
      <h2>Riwayat</h2>
      <ol>
        {v.history.map((h) => (
          <li>
            <time datetime={h.at}>{new Date(h.at).toLocaleString("id-ID", { timeZone: "Asia/Jakarta" })}</time> — {h.label}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function TrackingSearchPage(props: { code?: string; notFound?: boolean }) {
  return (
    <Layout title="Lacak usulan">
      <h1>Lacak usulan</h1>
      {props.notFound ? <p class="notice">Kode lacak tidak ditemukan.</p> : null}
      <form method="get" action="/lacak">
        <label for="kode">Kode lacak</label>
        <input id="kode" name="kode" placeholder="USL-2027-XXXXXX" value={props.code ?? ""} />
        <button type="submit">Lacak</button>
      </form>
    </Layout>
  );
}
