/**
 * Bappeda's agency list through the API: CSV or JSON, all or nothing with the row, column and reason of every
 * problem, audited; routing follows the new list at once, and an agency left out keeps its open tasks.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { agenciesCsv, type AgencyDefinition } from "../../shared/agencies/agencies.ts";
import { call, demoCallers, DEMO } from "../support/principals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

const putCsv = (csv: string, headers = callers.planning_admin.headers, lang = "id") =>
  call("/api/v1/agencies", { method: "PUT", headers: { ...headers, "content-type": "text/csv", "accept-language": lang }, body: csv });

const putList = (agencies: readonly AgencyDefinition[]) =>
  call("/api/v1/agencies", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "application/json" }, body: JSON.stringify({ agencies }) });

/** Everything a replacement may write, to prove a refused list writes nothing. */
const state = async () => {
  const [a, r, e] = await env.DB.batch([
    env.DB.prepare("SELECT id, short_name, name, active FROM agencies WHERE regency_code = '18.01' ORDER BY id"),
    env.DB.prepare("SELECT code_prefix, agency_id FROM agency_responsibilities WHERE regency_code = '18.01' ORDER BY code_prefix"),
    env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'agencies.replaced' AND actor <> 'seed'"),
  ]);
  return { agencies: a!.results, responsibilities: r!.results, audits: e!.results };
};

const tasksOf = (proposalId: string) => env.DB.prepare("SELECT agency_id, kind, status FROM review_tasks WHERE proposal_id = ? ORDER BY agency_id").bind(proposalId).all<{ agency_id: string | null; kind: string; status: string }>();

describe("PUT /api/v1/agencies", () => {
  it("refuses a list with mistakes as a whole, naming row, column and reason of each (Indonesian, English on request)", async () => {
    const before = await state();
    const csv = [
      "singkatan;nama;bidang_program",
      "PUPR;Dinas Pekerjaan Umum;1.03",
      "pupr;Dinas Kembar;1.04",
      ";Dinas Tanpa Singkatan;9.99 1.03 1.5",
      "DINKES;Dinas Kesehatan",
    ].join("\r\n");
    const response = await putCsv(csv);
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; message: string; fields: { row: number; column: string; message: string }[] } };
    expect(error.code).toBe("agencies_invalid");
    expect(error.message).toMatch(/tidak ada yang disimpan/);
    expect(error.fields.map((f) => [f.row, f.column])).toEqual([
      [3, "singkatan"],
      [4, "singkatan"],
      [4, "bidang_program"],
      [4, "bidang_program"],
      [4, "bidang_program"],
      [5, ""],
    ]);
    expect(error.fields.map((f) => f.message)).toEqual([
      "Singkatan ini sudah dipakai baris lain (baris 2).",
      "Wajib diisi.",
      'Kode "9.99" tidak ada dalam nomenklatur.',
      'Kode "1.03" sudah dipegang OPD lain (PUPR).',
      'Kode "1.5" bukan kode bidang (U.BB) atau program (U.BB.PP).',
      "Baris ini tidak berisi tepat 3 kolom.",
    ]);
    const english = (await (await putCsv("nama,singkatan\nDinas,X", callers.planning_admin.headers, "en")).json()) as { error: { fields: { message: string }[] } };
    expect(english.error.fields[0]!.message).toBe("The header row must hold the columns singkatan, nama, bidang_program.");
    expect(await state()).toEqual(before);
  });

  it("replaces the list: routing follows at once, a left-out agency keeps its open task and is reported, all audited", async () => {
    const drainage = await verifiedProposal("Pembangunan drainase lingkungan", "1.03.06.2.01.0012");
    await route(drainage);
    expect((await tasksOf(drainage)).results).toEqual([{ agency_id: DEMO.agency, kind: "agency_review", status: "open" }]);

    // Public works and housing become one agency: PUPR and PERKIM are left out.
    const merged = env.TEST_DEMO_AGENCIES.filter((a) => a.shortName !== "PUPR" && a.shortName !== "PERKIM");
    merged.push({ shortName: "DPUPRKP", name: "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan dan Kawasan Permukiman", codePrefixes: ["1.03", "1.04", "2.10"] });
    const response = await putCsv(agenciesCsv(merged));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      agencies: merged.length,
      responsibilities: merged.flatMap((a) => a.codePrefixes).length,
      added: ["18.01-dpuprkp"],
      deactivated: [
        { id: "18.01-perkim", shortName: "PERKIM", openTasks: 0 },
        { id: "18.01-pupr", shortName: "PUPR", openTasks: 1 },
      ],
    });
    const next = await verifiedProposal("Pembangunan drainase gang", "1.03.06.2.01.0012");
    await route(next);
    expect((await tasksOf(next)).results).toEqual([{ agency_id: "18.01-dpuprkp", kind: "agency_review", status: "open" }]);
    // The task routed before stays with PUPR, which can still decide it.
    expect((await tasksOf(drainage)).results).toEqual([{ agency_id: DEMO.agency, kind: "agency_review", status: "open" }]);
    const listed = (await (await call("/api/v1/agencies", { headers: callers.agency_reviewer.headers })).json()) as { agencies: { id: string; active: boolean; codePrefixes: string[] }[] };
    expect(listed.agencies.find((a) => a.id === DEMO.agency)).toMatchObject({ active: false, codePrefixes: [] });
    expect(listed.agencies.find((a) => a.id === "18.01-dpuprkp")).toMatchObject({ active: true, codePrefixes: ["1.03", "1.04", "2.10"] });
    const audit = await env.DB.prepare("SELECT actor, data FROM audit_events WHERE action = 'agencies.replaced' AND actor <> 'seed' ORDER BY id DESC").first<{ actor: string; data: string }>();
    expect(audit?.actor).toMatch(/^tok_/);
    expect(JSON.parse(audit!.data)).toMatchObject({ added: ["18.01-dpuprkp"], deactivated: [{ id: "18.01-perkim" }, { id: "18.01-pupr", openTasks: 1 }] });

    // The same list as JSON puts PUPR back, active, with its codes.
    expect((await putList(env.TEST_DEMO_AGENCIES)).status).toBe(200);
    const back = await env.DB.prepare("SELECT active FROM agencies WHERE id = ?").bind(DEMO.agency).first("active");
    expect(back).toBe(1);
    expect((await env.DB.prepare("SELECT agency_id FROM agency_responsibilities WHERE regency_code = '18.01' AND code_prefix = '1.03'").first("agency_id"))).toBe(DEMO.agency);
  });

  it("gives the list back as the CSV it takes", async () => {
    const response = await call("/api/v1/agencies?format=csv", { headers: callers.district_verifier.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await response.text()).toBe(agenciesCsv(env.TEST_DEMO_AGENCIES.toSorted((a, b) => a.shortName.localeCompare(b.shortName)).map((a) => ({ ...a, codePrefixes: a.codePrefixes.toSorted() }))));
  });

  it("is Bappeda's alone and takes only CSV or JSON", async () => {
    expect((await putCsv(agenciesCsv(env.TEST_DEMO_AGENCIES), callers.agency_reviewer.headers)).status).toBe(403);
    const xml = await call("/api/v1/agencies", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "application/xml" }, body: "<opd/>" });
    expect(xml.status).toBe(415);
    const huge = await putCsv(`singkatan,nama,bidang_program\n${"A,".repeat(200_000)}`);
    expect(huge.status).toBe(413);
  });
});
