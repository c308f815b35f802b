/**
 * A year of proposals in Way Urang with every kind of outcome, written as the system writes them (audit events,
 * decided tasks, Renja lines through `renjaLineStatements`), with private details in the fields the public must
 * never see: an address, RT/RW, coordinates, a phone number, a file name, the reviewers' own names.
 */
import { env } from "cloudflare:workers";
import { randomToken } from "../../shared/access/bytes.ts";
import { database, runBatch } from "../../workers/storage/database.ts";
import { renjaLineStatements } from "../../workers/storage/renja.ts";
import { DEMO } from "./principals.ts";

export const PRIVATE = {
  address: "Jl. Melati Gang Kenanga No. 17",
  phone: "081234567890",
  latitude: -5.7312345,
  longitude: 105.5912345,
  file: "KTP Sumarni Wulandari.jpg",
  reviewer: "Sutrisno Hadiwijaya",
  verifierName: "Rahmawati Kusuma",
  problem: "Rumah Ibu Sumarni kebanjiran",
} as const;

export const REASONS = {
  accepted: "Disesuaikan dengan standar harga satuan 2031.",
  merged: "Lokasi sama dengan usulan drainase Way Urang yang diterima.",
  rejected: "Bukan kewenangan kabupaten: jalan nasional.",
  carried: "tidak diputuskan OPD sampai batas waktu",
} as const;

export interface YearOfOutcomes {
  year: number;
  codes: { accepted: string; merged: string; rejected: string; carried: string; underWay: string };
}

let made = 0;
const code = () => `USL-2031-${String.fromCharCode(65 + (made % 26))}${randomToken(8).toUpperCase().replace(/[^A-Z2-9]|[IO01L]/g, "X").slice(0, 5)}`;

async function proposal(year: number, activity: string, status: string, stage: string, village: string = DEMO.village) {
  made += 1;
  const id = `usl_${randomToken(10)}`;
  const trackingCode = code();
  await env.DB.prepare(
    `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, description, address, rt, rw, latitude, longitude,
      volume, unit, estimated_cost, beneficiary_group, sub_activity_code, village_rank, stage, status, created_by, updated_at)
     VALUES (?, ?, ?, '18.01', ?, ?, ?, ?, ?, ?, '03', '01', ?, ?, 100, 'm', 75000000, ?, '1.03.06.2.01.0012', ?, ?, ?, 'acc_demo_desa', '2031-01-10T00:00:00Z')`,
  )
    .bind(id, trackingCode, year, village.split(".").slice(0, 3).join("."), village, PRIVATE.problem, activity, `Hubungi Pak RT ${PRIVATE.phone}`, PRIVATE.address, PRIVATE.latitude, PRIVATE.longitude, `Keluarga ${PRIVATE.verifierName}`, made, stage, status)
    .run();
  const events: [string, string, Record<string, unknown>][] = [
    ["acc_demo_desa", "proposal.submitted", { status: "submitted" }],
    ["acc_demo_desa", "proposal.edited", { changes: { address: { before: "-", after: PRIVATE.address }, latitude: { before: null, after: PRIVATE.latitude } }, fields: ["address", "latitude", "rt"], attachmentsAdded: [PRIVATE.file] }],
    [`acc_demo_kecamatan (${PRIVATE.verifierName})`, "proposal.verified", { status: "verified" }],
    ["system:routing", "proposal.routed", { status: "in_review", agencies: [DEMO.agency] }],
  ];
  for (const [i, [actor, action, data]] of events.entries()) {
    await env.DB.prepare("INSERT INTO audit_events (created_at, regency_code, actor, action, entity_type, entity_id, data) VALUES (?, '18.01', ?, ?, 'proposal', ?, ?)")
      .bind(`2031-02-0${i + 1}T02:00:00.000Z`, actor, action, id, JSON.stringify(data))
      .run();
  }
  return { id, trackingCode };
}

async function decided(proposalId: string, decision: string, reason: string | null, data: Record<string, unknown> = {}) {
  await env.DB.prepare(
    `INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at, decision, decision_reason, decision_data, decided_by, decided_at)
     VALUES (?, ?, 'agency_review', ?, '18.01', ?, 'decided', '2031-03-01T00:00:00Z', ?, ?, ?, ?, '2031-02-10T03:00:00.000Z')`,
  )
    .bind(`rvw_${randomToken(8)}`, proposalId, DEMO.agency, DEMO.agency, decision, reason, JSON.stringify(data), `acc_demo_opd (${PRIVATE.reviewer})`)
    .run();
}

async function outcome(proposalId: string, status: string, data: Record<string, unknown> = {}) {
  await env.DB.prepare("INSERT INTO audit_events (created_at, regency_code, actor, action, entity_type, entity_id, data) VALUES ('2031-02-11T02:00:00.000Z', '18.01', 'system:lifecycle', ?, 'proposal', ?, ?)")
    .bind(`proposal.${status}`, proposalId, JSON.stringify({ status, ...data }))
    .run();
}

export async function yearOfOutcomes(year = 2031, village: string = DEMO.village): Promise<YearOfOutcomes> {
  const accepted = await proposal(year, "Pembangunan drainase lingkungan Way Urang", "accepted_with_changes", "renja", village);
  await decided(accepted.id, "accepted_with_changes", REASONS.accepted, { changes: { volume: 80, estimatedCost: 60_000_000 } });
  await outcome(accepted.id, "accepted_with_changes");
  await runBatch(database(env.DB), await renjaLineStatements(database(env.DB), accepted.id));

  const merged = await proposal(year, "Normalisasi saluran Way Urang", "merged", "opd_review", village);
  await decided(merged.id, "merged", REASONS.merged, { mergedIntoId: accepted.id });
  await outcome(merged.id, "merged", { mergedIntoId: accepted.id });

  const rejected = await proposal(year, "Pengaspalan jalan lintas Sumatera", "rejected", "opd_review", village);
  await decided(rejected.id, "rejected", REASONS.rejected);
  await outcome(rejected.id, "rejected");

  const carried = await proposal(year, "Rehabilitasi balai warga", "carried_over", "opd_review", village);
  await outcome(carried.id, "carried_over", { reason: REASONS.carried });

  const underWay = await proposal(year, "Sumur bor air bersih", "in_review", "opd_review", village);
  return { year, codes: { accepted: accepted.trackingCode, merged: merged.trackingCode, rejected: rejected.trackingCode, carried: carried.trackingCode, underWay: underWay.trackingCode } };
}
