/**
 * What a planner reads in the Renja: the target in the output indicator's own unit (never the village's volume
 * in another unit), the funding source the proposal or the agency named, the regional priority in T-D.4, the
 * berita acara number instead of internal ids, and dates in Indonesian with the kabupaten's zone.
 */
import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { database, runBatch } from "../../workers/storage/database.ts";
import { renjaLineStatements } from "../../workers/storage/renja.ts";
import { call, demoCallers, json, tokenCaller, DEMO } from "../support/principals.ts";
import { route, verifiedProposal } from "../support/routing.ts";
import { text, unzip } from "../renja/zip.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

/** A routed proposal of `volume` `unit` under `code`, and its agency's review task. */
async function routed(activity: string, code: string, volume: number, unit: string) {
  const id = await verifiedProposal(activity, code, { cost: 300_000_000 });
  await env.DB.prepare("UPDATE proposals SET volume = ?, unit = ? WHERE id = ?").bind(volume, unit, id).run();
  await route(id);
  const task = (await env.DB.prepare("SELECT id, agency_id FROM review_tasks WHERE proposal_id = ? AND kind = 'agency_review'").bind(id).first<{ id: string; agency_id: string }>())!;
  return { id, task: task.id, reviewer: await tokenCaller("agency_reviewer", DEMO.regency, task.agency_id) };
}

async function outcome(id: string) {
  await env.DB.prepare("UPDATE proposals SET status = 'accepted' WHERE id = ?").bind(id).run();
  const db = database(env.DB);
  await runBatch(db, await renjaLineStatements(db, id));
}

const exportCsv = async (view: "renja" | "td4") =>
  Papa.parse<Record<string, string>>((await (await call(`/api/v1/exports/renja?year=2027&format=csv&view=${view}`, { method: "POST", headers: callers.planning_admin.headers })).text()).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;

describe("targets in the indicator's unit", () => {
  it("asks for the target when the units differ, suggests the certain conversion, and never exports the volume as the target", async () => {
    const road = await routed("Pembangunan jalan lingkungan Dusun III sepanjang 300 meter", "1.03.10.2.01.0053", 300, "m");
    const missing = await call(`/api/v1/reviews/${road.task}/decision`, json({ decision: "accepted" }, road.reviewer.headers));
    expect(missing.status).toBe(422);
    const body = (await missing.json()) as { error: { fields: { path: string; code: string; message: string }[]; suggestedTarget: number; indicatorUnit: string } };
    expect(body.error.fields).toEqual([expect.objectContaining({ path: "target", code: "target_required" })]);
    expect(body.error.fields[0]!.message).toContain("Saran: 0,3 KM (dari 300 m)");
    expect(body.error).toMatchObject({ suggestedTarget: 0.3, indicatorUnit: "KM" });
    expect((await call(`/api/v1/reviews/${road.task}/decision`, json({ decision: "accepted", target: 0.3, fundingSource: "dana_desa" }, road.reviewer.headers))).status).toBe(201);
    await outcome(road.id);

    // 2 culvert points are no unit of "Sistem Drainase": no conversion to suggest, the agency decides.
    const drain = await routed("Pembuatan gorong-gorong 2 titik", "1.03.06.2.01.0012", 2, "titik");
    const unsure = await call(`/api/v1/reviews/${drain.task}/decision`, json({ decision: "accepted" }, drain.reviewer.headers));
    expect(((await unsure.json()) as { error: { suggestedTarget: number | null } }).error.suggestedTarget).toBeNull();
    expect((await call(`/api/v1/reviews/${drain.task}/decision`, json({ decision: "accepted", target: 1 }, drain.reviewer.headers))).status).toBe(201);
    await outcome(drain.id);

    const rows = await exportCsv("renja");
    const roadRow = rows.find((r) => r["Kode Sub Kegiatan"] === "1.03.10.2.01.0053")!;
    expect([roadRow["Target"], roadRow["Satuan"], roadRow["Volume"], roadRow["Satuan Volume"], roadRow["Sumber Dana"]]).toEqual(["0.3", "KM", "300", "m", "Dana Desa"]);
    const drainRow = rows.find((r) => r["Kode Sub Kegiatan"] === "1.03.06.2.01.0012")!;
    expect([drainRow["Target"], drainRow["Volume"], drainRow["Satuan Volume"]]).toEqual(["1", "2", "titik"]);
  });

  it("carries the funding source of the proposal when the decision names none (no more hard-coded APBD)", async () => {
    const well = await routed("Sumur bor air bersih Lingkungan II", "1.03.03.2.01.0022", 1, "unit");
    await env.DB.prepare("UPDATE proposals SET funding_source = 'apbd_provinsi' WHERE id = ?").bind(well.id).run();
    expect((await call(`/api/v1/reviews/${well.task}/decision`, json({ decision: "accepted", target: 1 }, well.reviewer.headers))).status).toBe(201);
    await outcome(well.id);
    const row = (await exportCsv("renja")).find((r) => r["Kode Sub Kegiatan"] === "1.03.03.2.01.0022")!;
    expect(row["Sumber Dana"]).toBe("APBD Provinsi");
  });
});

describe("regional priorities, references and dates", () => {
  it("tags agreed activities with Bappeda's priorities, shows them in T-D.4, and refuses an unknown one", async () => {
    const put = await call("/api/v1/regional-priorities", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "application/json" }, body: JSON.stringify({ year: 2027, priorities: [{ code: "P1", priority: "Peningkatan infrastruktur dasar", target: "Meningkatnya kemantapan jalan kabupaten" }] }) });
    expect(put.status).toBe(200);
    const bridge = await routed("Rehabilitasi jembatan desa", "1.03.10.2.01.0058", 12, "meter");
    const unknown = await call(`/api/v1/reviews/${bridge.task}/decision`, json({ decision: "accepted", priorityCode: "P9" }, bridge.reviewer.headers));
    expect(unknown.status).toBe(422);
    expect((await call(`/api/v1/reviews/${bridge.task}/decision`, json({ decision: "accepted", priorityCode: "P1" }, bridge.reviewer.headers))).status).toBe(201);
    await outcome(bridge.id);
    const td4 = (await exportCsv("td4")).find((r) => r["Kode Sub Kegiatan"] === "1.03.10.2.01.0058")!;
    expect([td4["Prioritas Daerah"], td4["Sasaran Daerah"]]).toEqual(["Peningkatan infrastruktur dasar", "Meningkatnya kemantapan jalan kabupaten"]);
    // Same unit (meter = Meter): the volume carries over as the target.
    expect(td4["Sasaran Kegiatan"]).toMatch(/: 12 Meter$/);
    // A priority still tagging an activity cannot be dropped from the list.
    const drop = await call("/api/v1/regional-priorities", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "application/json" }, body: JSON.stringify({ year: 2027, priorities: [] }) });
    expect(drop.status).toBe(409);
  });

  it("names forum decisions by berita acara number, and dates the workbook in Indonesian with the zone", async () => {
    const line = (await env.DB.prepare("SELECT id FROM renja_lines LIMIT 1").first<string>("id"))!;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO forums (id, regency_code, year, title, held_at, place, scope_kind, status, created_by, minutes_number, minutes_year, minutes_seq, minutes_finalised_at) VALUES ('frm_ref', '18.01', 2027, 'Forum', '2026-11-20T02:00:00Z', 'Aula', 'kabupaten', 'closed', 'test', '050/007/BA-FLPD/2026', 2026, 7, '2026-11-21T02:00:00Z')"),
      env.DB.prepare("UPDATE renja_lines SET forum_refs = '[\"frm_ref#3\"]' WHERE id = ?").bind(line),
    ]);
    const rows = await exportCsv("renja");
    expect(rows.map((r) => r["Referensi Keputusan Forum"])).toContain("BA 050/007/BA-FLPD/2026 butir 3");
    expect(rows.some((r) => r["Referensi Keputusan Forum"]!.includes("frm_"))).toBe(false);

    const xlsx = new Uint8Array(await (await call("/api/v1/exports/renja?year=2027&format=xlsx", { method: "POST", headers: callers.planning_admin.headers })).arrayBuffer());
    const strings = text((await unzip(xlsx)).get("xl/sharedStrings.xml"));
    expect(strings).toMatch(/\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} pukul \d\d\.\d\d WIB/);
    expect(strings).toContain("KABUPATEN LAMPUNG SELATAN");
  });

  it("prints T-D.4 as a PDF, and only T-D.4", async () => {
    const pdf = await call("/api/v1/exports/renja?year=2027&format=pdf&view=td4", { method: "POST", headers: callers.planning_admin.headers });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    expect((await call("/api/v1/exports/renja?year=2027&format=pdf", { method: "POST", headers: callers.planning_admin.headers })).status).toBe(422);
  });
});
