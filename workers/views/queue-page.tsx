/** A review queue as people work it: oldest due first, each task with its decision form (no JavaScript needed). */
import type { Principal } from "../../shared/access/roles.ts";
import { DECISION_LABELS, DECISIONS_BY_KIND, type TaskKind } from "../../shared/reviews/decisions.ts";
import { FUNDING_SOURCE_KEYS, FUNDING_SOURCES } from "../../shared/renja/funding.ts";
import { resolveTarget, sameUnit } from "../../shared/renja/units.ts";
import { Layout } from "./layout.tsx";

export interface QueueItem {
  id: string;
  kind: TaskKind;
  status: string;
  dueAt: string;
  escalatedAt: string | null;
  proposal: { id: string; trackingCode: string; activity: string; villageName: string; districtName: string; estimatedCost: number; volume: number; unit: string; subActivityCode: string | null; indicatorUnit: string | null };
}

const date = (iso: string) => new Date(iso).toLocaleDateString("id-ID", { timeZone: "Asia/Jakarta", day: "numeric", month: "short", year: "numeric" });

function DecisionForm(props: { item: QueueItem; csrfToken: string }) {
  const { item } = props;
  const id = (name: string) => `${name}-${item.id}`;
  return (
    <form method="post" action={`/telaah/${item.id}`}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <label for={id("decision")}>Keputusan</label>
      <select id={id("decision")} name="decision" required>
        {DECISIONS_BY_KIND[item.kind].map((decision) => (
          <option value={decision}>{DECISION_LABELS[decision].id}</option>
        ))}
      </select>
      <label for={id("reason")}>Alasan / catatan (wajib untuk ditolak dan dikembalikan)</label>
      <textarea id={id("reason")} name="reason" />
      {item.kind === "agency_review" ? <AcceptanceFields item={item} /> : null}
      {item.kind === "agency_review" ? (
        <details>
          <summary>Perubahan atau penggabungan</summary>
          <div class="row">
            <div>
              <label for={id("volume")}>Volume baru</label>
              <input id={id("volume")} name="volume" inputmode="decimal" />
            </div>
            <div>
              <label for={id("estimatedCost")}>Biaya baru (Rp)</label>
              <input id={id("estimatedCost")} name="estimatedCost" inputmode="numeric" />
            </div>
          </div>
          <label for={id("subActivityCode")}>Kode sub kegiatan baru</label>
          <input id={id("subActivityCode")} name="subActivityCode" />
          <label for={id("mergedInto")}>Digabungkan ke (kode lacak)</label>
          <input id={id("mergedInto")} name="mergedInto" placeholder="USL-2027-..." />
        </details>
      ) : null}
      {item.kind === "triage" ? (
        <div>
          <label for={id("subActivityCodes")}>Kode sub kegiatan (pisahkan dengan koma)</label>
          <input id={id("subActivityCodes")} name="subActivityCodes" />
        </div>
      ) : null}
      <button type="submit">Simpan keputusan</button>
    </form>
  );
}

/**
 * What an acceptance records for the Renja: the output target in the indicator's own unit (required when the
 * village asked in another unit; suggested where the units convert for certain) and the source
 * of funds.
 */
function AcceptanceFields(props: { item: QueueItem }) {
  const { proposal, id } = props.item;
  const unit = proposal.indicatorUnit;
  const resolved = resolveTarget({ volume: proposal.volume, volumeUnit: proposal.unit, indicatorUnit: unit });
  // Only a conversion is filled in: in the same unit the (possibly changed) volume carries over by itself.
  const prefill = resolved.kind === "required" ? resolved.suggestion : null;
  return (
    <div class="row">
      <div>
        <label for={`target-${id}`}>{unit ? `Target keluaran (${unit})` : "Target keluaran"}</label>
        <input id={`target-${id}`} name="target" inputmode="decimal" value={prefill === null ? "" : String(prefill).replace(".", ",")} />
        <small class="muted">
          {unit && !sameUnit(proposal.unit, unit) ? `Usulan ${proposal.volume.toLocaleString("id-ID")} ${proposal.unit}: isi target dalam ${unit}${resolved.kind === "required" && resolved.suggestion !== null ? " (saran dari konversi satuan)" : ""}. Wajib saat menerima.` : "Dalam satuan indikator keluaran sub kegiatan."}
        </small>
      </div>
      <div>
        <label for={`fundingSource-${id}`}>Sumber dana</label>
        <select id={`fundingSource-${id}`} name="fundingSource">
          <option value="">(dari usulan, atau APBD Kabupaten/Kota)</option>
          {FUNDING_SOURCE_KEYS.map((key) => (
            <option value={key}>{FUNDING_SOURCES[key]}</option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function QueuePage(props: { principal: Principal; csrfToken: string; title: string; items: readonly QueueItem[]; message?: string | undefined; error?: string | undefined }) {
  return (
    <Layout title={props.title} principal={props.principal} csrfToken={props.csrfToken}>
      <h1>{props.title}</h1>
      {props.message ? <p class="ok" role="status">{props.message}</p> : null}
      {props.error ? <p class="notice" role="alert">{props.error}</p> : null}
      {props.items.length === 0 ? <p>Tidak ada tugas yang menunggu.</p> : null}
      {props.items.map((item) => (
        <section style="border:1px solid #d1d5db;border-radius:.4rem;padding:.7rem;margin:.8rem 0;background:#fff">
          <h2 style="font-size:1.05rem;margin:0">{item.proposal.activity}</h2>
          <p class="muted">
            {item.proposal.villageName}, Kec. {item.proposal.districtName} · <a href={`/lacak/${item.proposal.trackingCode}`}>{item.proposal.trackingCode}</a>
            <br />
            {item.proposal.volume.toLocaleString("id-ID")} {item.proposal.unit} · Rp {item.proposal.estimatedCost.toLocaleString("id-ID")}
            {item.proposal.subActivityCode ? ` · ${item.proposal.subActivityCode}` : ""}
            <br />
            Jatuh tempo {date(item.dueAt)}
            {item.escalatedAt ? " · dieskalasi ke Bappeda" : ""}
          </p>
          <DecisionForm item={item} csrfToken={props.csrfToken} />
        </section>
      ))}
    </Layout>
  );
}
