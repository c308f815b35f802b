import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../shared/csv/parse.ts";
import { text, unzip } from "../renja/zip.ts";
import { database } from "../../workers/storage/database.ts";
import { renjaLineStatements } from "../../workers/storage/renja.ts";
import { runBatch } from "../../workers/storage/database.ts";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, json, signIn, tokenCaller, DEMO } from "../support/principals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;

/** Accepts a routed proposal as its agency and writes its Renja lines as the lifecycle's outcome step would. */
async function accepted(activity: string, code: string, cost: number, options: { village?: string; changes?: Record<string, unknown> } = {}) {
  const id = await verifiedProposal(activity, code, { cost, ...(options.village ? { village: options.village } : {}) });
  await route(id);
  const task = (await env.DB.prepare("SELECT id, agency_id FROM review_tasks WHERE proposal_id = ? AND kind = 'agency_review'").bind(id).first<{ id: string; agency_id: string }>())!;
  const reviewer = await tokenCaller("agency_reviewer", DEMO.regency, task.agency_id);
  const decision = options.changes ? { decision: "accepted_with_changes", changes: options.changes, target: 1 } : { decision: "accepted", target: 1 };
  expect((await call(`/api/v1/reviews/${task.id}/decision`, json(decision, reviewer.headers))).status).toBe(201);
  await env.DB.prepare("UPDATE proposals SET status = ? WHERE id = ?").bind(options.changes ? "accepted_with_changes" : "accepted", id).run();
  const db = database(env.DB);
  await runBatch(db, await renjaLineStatements(db, id));
  return id;
}

const paguTotal = async () => (await env.DB.prepare("SELECT coalesce(sum(pagu), 0) AS total, count(*) AS n FROM renja_lines WHERE regency_code = '18.01' AND year = 2027").first<{ total: number; n: number }>())!;

beforeAll(async () => {
  callers = await demoCallers();
  await accepted("Pembangunan drainase lingkungan RT 03", "1.03.06.2.01.0012", 90_000_000);
  await accepted("Rehabilitasi Puskesmas Pembantu Way Urang", "1.02.02.2.01.0009", 350_000_000, { changes: { estimatedCost: 300_000_000, volume: 1 } });
  await accepted('Pelatihan "menjahit" bagi ibu rumah tangga', "2.17.07.2.01.0018", 45_500_000);
  await accepted("Pembangunan talud penahan tanah, Dusun II", "1.03.02.2.01.0121", 210_000_000, { village: DEMO.villageInOtherDistrict });
});

describe("the Renja export", () => {
  it("writes RFC 4180 CSV with BOM that real parsers read back, totals matching D1", async () => {
    const response = await call("/api/v1/exports/renja?year=2027&format=csv", { method: "POST", headers: callers.planning_admin.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="renja-2027-/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const paguColumn = Object.keys(parsed.data[0]!).find((h) => /pagu/i.test(h))!;
    const total = await paguTotal();
    expect(parsed.data).toHaveLength(total.n);
    expect(parsed.data.reduce((sum, row) => sum + Number(row[paguColumn]), 0)).toBe(total.total);
    expect(parseCsv(csv).length - 1).toBe(total.n);
    expect(csv).toContain("300000000");
    // Grouped agency → program → kegiatan → sub-kegiatan.
    const agencyColumn = Object.keys(parsed.data[0]!)[0]!;
    const agencies = parsed.data.map((row) => row[agencyColumn]!);
    expect([...agencies].sort()).toEqual(agencies);
  });

  it("records every export as a snapshot that can be fetched again through an expiring link", async () => {
    const response = await call("/api/v1/exports/renja?year=2027&format=json&kecamatan=18.01.06", { method: "POST", headers: callers.planning_admin.headers });
    const id = response.headers.get("x-export-id")!;
    const document = (await response.json()) as { agencies: unknown[] };
    expect(document.agencies.length).toBeGreaterThan(0);
    const status = (await (await call(`/api/v1/exports/${id}`, { headers: callers.planning_admin.headers })).json()) as { status: string; filters: unknown; requestedBy: string; downloadUrl: string };
    expect(status).toMatchObject({ status: "ready", filters: { kecamatan: "18.01.06" }, requestedBy: callers.planning_admin.headers.authorization ? expect.stringMatching(/^tok_/) : expect.anything() });
    const again = await call(status.downloadUrl);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(document);
    expect((await call(status.downloadUrl.replace(/signature=[^&]+/, "signature=palsu"))).status).toBe(401);
    expect((await call(`/api/v1/exports/${id}`, { headers: callers.agency_reviewer.headers })).status).toBe(404);
  });

  it("builds the XLSX with a summary sheet, one sheet per agency and T-D.4, and the T-D.4 view as CSV", async () => {
    const xlsx = await call("/api/v1/exports/renja?year=2027&format=xlsx", { method: "POST", headers: callers.planning_admin.headers });
    expect(xlsx.status).toBe(200);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("PK");
    const workbook = text((await unzip(bytes)).get("xl/workbook.xml"));
    for (const sheet of ["Ringkasan", "PUPR", "DINKES", "DISKOPUKM", "T-D.4"]) expect(workbook).toContain(`name="${sheet}"`);
    const td4 = await (await call("/api/v1/exports/renja?year=2027&format=csv&view=td4", { method: "POST", headers: callers.planning_admin.headers })).text();
    const rows = Papa.parse<string[]>(td4.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(rows.length - 1).toBe((await paguTotal()).n);
  });

  it("runs a large export in the background and reports it ready with a link", async () => {
    // The sync limit is a binding in tests (EXPORT_SYNC_ROW_LIMIT=4): a fifth line sends the year to the background.
    await accepted("Pengadaan bibit jagung hibrida", "3.27.02.2.03.0001", 60_000_000);
    await using introspector = await introspectWorkflow(env.RENJA_EXPORT);
    const response = await call("/api/v1/exports/renja?year=2027&format=csv", { method: "POST", headers: callers.planning_admin.headers });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const [instance] = await introspector.get();
    await instance!.waitForStatus("complete");
    const status = (await (await call(`/api/v1/exports/${id}`, { headers: callers.planning_admin.headers })).json()) as { status: string; rowCount: number; downloadUrl: string };
    expect(status).toMatchObject({ status: "ready", rowCount: (await paguTotal()).n });
    const downloaded = await (await call(status.downloadUrl)).text();
    expect(Papa.parse(downloaded.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data).toHaveLength(status.rowCount);
  });

  it("is created by POST only: a GET (a link followed cross-site, the Lax cookie riding along) creates nothing and answers 405", async () => {
    const written = () => env.DB.prepare("SELECT (SELECT count(*) FROM renja_exports) AS exports, (SELECT count(*) FROM audit_events) AS events").first();
    const session = await signIn("admin.bappeda", DEMO_PASSWORD);
    const before = await written();
    for (const headers of [callers.planning_admin.headers, { cookie: session.cookie }]) {
      const response = await call("/api/v1/exports/renja?year=2027&format=csv", { headers });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    }
    expect(await written()).toEqual(before);
  });

  it("takes a signed-in person's POST only with the session's CSRF token", async () => {
    const session = await signIn("admin.bappeda", DEMO_PASSWORD);
    const path = "/api/v1/exports/renja?year=2027&format=json&kecamatan=18.01.06";
    const forged = await call(path, { method: "POST", headers: { cookie: session.cookie } });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
    expect((await call(path, { method: "POST", headers: session.headers })).status).toBe(200);
  });

  it("is Bappeda's: other roles are refused", async () => {
    expect((await call("/api/v1/exports/renja?year=2027", { method: "POST", headers: callers.agency_reviewer.headers })).status).toBe(403);
    expect((await call("/api/v1/exports/renja?year=20x7", { method: "POST", headers: callers.planning_admin.headers })).status).toBe(422);
  });
});

describe("one file whichever path makes it", () => {
  /** The same request again as a background job: a copy of the snapshot row (same time, requester, filters), run by the workflow. */
  async function inBackground(snapshotId: string): Promise<Uint8Array> {
    const copy = `${snapshotId}_bg`;
    await env.DB.prepare(
      `INSERT INTO renja_exports (id, regency_code, year, format, view, filters, requested_by, status, row_count, created_at)
       SELECT ?, regency_code, year, format, view, filters, requested_by, 'running', row_count, created_at FROM renja_exports WHERE id = ?`,
    )
      .bind(copy, snapshotId)
      .run();
    await using introspector = await introspectWorkflow(env.RENJA_EXPORT);
    await env.RENJA_EXPORT.create({ id: copy, params: { exportId: copy } });
    const [instance] = await introspector.get();
    await instance!.waitForStatus("complete");
    const row = (await env.DB.prepare("SELECT r2_key FROM renja_exports WHERE id = ?").bind(copy).first<{ r2_key: string }>())!;
    return new Uint8Array(await (await env.EXPORTS.get(row.r2_key))!.arrayBuffer());
  }

  for (const [format, view] of [["csv", "renja"], ["csv", "td4"], ["json", "renja"], ["xlsx", "renja"]] as const) {
    it(`writes the same ${format} (${view}) within the request and in the background`, async () => {
      const response = await call(`/api/v1/exports/renja?year=2027&format=${format}&view=${view}&kecamatan=18.01.06`, { method: "POST", headers: callers.planning_admin.headers });
      expect(response.status).toBe(200);
      const direct = new Uint8Array(await response.arrayBuffer());
      expect([...(await inBackground(response.headers.get("x-export-id")!))]).toEqual([...direct]);
    });
  }
});
