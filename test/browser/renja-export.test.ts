/**
 * The Renja export checked with real tools, end to end against `wrangler dev`: proposals go from the village
 * through the kecamatan and Dinas PUPR to "diterima"; the XLSX Bappeda downloads is opened by LibreOffice
 * (headless, converted to CSV) and its totals match D1's; the CSV is read back with papaparse.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Papa from "papaparse";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { SOFFICE } from "./global-setup.ts";

const baseUrl = inject("baseUrl") as string | undefined;
const run = promisify(execFile);

async function session(username: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  return { cookie, "x-csrf-token": ((await response.json()) as { csrfToken: string }).csrfToken, "content-type": "application/json" };
}

async function until<T>(read: () => Promise<T | undefined>, what: string, seconds = 60): Promise<T> {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const work = await mkdtemp(join(tmpdir(), "musrenbang-renja-"));
afterAll(() => rm(work, { recursive: true, force: true }));

describe.skipIf(!baseUrl)("the Renja export, opened with LibreOffice", () => {
  it("matches what was accepted in the demo flow, in every format", { timeout: 180_000 }, async () => {
    const operator = await session("operator.wayurang");
    const verifier = await session("verifikator.kalianda");
    const admin = await session("admin.bappeda");
    const pupr = { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN.token}`, "content-type": "application/json" };
    const proposals = [
      { activity: "Pembangunan drainase lingkungan RT 02", volume: 120, unit: "m", estimatedCost: 90_000_000, subActivityCode: "1.03.06.2.01.0012" },
      { activity: "Pembangunan sumur bor air bersih Lingkungan I", volume: 1, unit: "unit", estimatedCost: 145_500_000, subActivityCode: "1.03.03.2.01.0022" },
      { activity: "Rehabilitasi jaringan irigasi Way Urang", volume: 350, unit: "m", estimatedCost: 227_250_000, subActivityCode: "1.03.02.2.02.0002" },
    ];
    const ids: string[] = [];
    for (const p of proposals) {
      const response = await fetch(`${baseUrl}/api/v1/proposals`, {
        method: "POST",
        headers: operator,
        body: JSON.stringify({ year: 2027, villageCode: "18.01.06.1008", problem: "Kebutuhan warga yang disepakati di musyawarah desa.", ...p }),
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    for (const id of ids) {
      const task = await until(async () => {
        const queue = (await (await fetch(`${baseUrl}/api/v1/districts/18.01.06/verifications?limit=200`, { headers: verifier })).json()) as { tasks: { id: string; proposal: { id: string } }[] };
        return queue.tasks.find((t) => t.proposal.id === id);
      }, "verification task");
      expect((await fetch(`${baseUrl}/api/v1/reviews/${task.id}/decision`, { method: "POST", headers: verifier, body: JSON.stringify({ decision: "verified" }) })).status).toBe(201);
    }
    for (const id of ids) {
      const task = await until(async () => {
        const queue = (await (await fetch(`${baseUrl}/api/v1/agencies/18.01-pupr/reviews?limit=200`, { headers: pupr })).json()) as { tasks: { id: string; proposal: { id: string } }[] };
        return queue.tasks.find((t) => t.proposal.id === id);
      }, "PUPR review task");
      expect((await fetch(`${baseUrl}/api/v1/reviews/${task.id}/decision`, { method: "POST", headers: pupr, body: JSON.stringify({ decision: "accepted", reviewerName: "Sistem PUPR" }) })).status).toBe(201);
    }
    const expected = proposals.reduce((sum, p) => sum + p.estimatedCost, 0);

    // The lifecycle records the outcome and writes the Renja lines; the JSON export shows them. Only "accepted":
    // the story test (musrenbang-story.test.ts) accepts one of the same year "with changes" in the same Worker.
    const document = await until(async () => {
      const json = (await (await fetch(`${baseUrl}/api/v1/exports/renja?year=2027&status=accepted&format=json`, { method: "POST", headers: admin })).json()) as { paguTotal: number; rowCount: number };
      return json.rowCount >= proposals.length ? json : undefined;
    }, "the accepted proposals in the Renja", 120);
    expect(document).toMatchObject({ rowCount: 3, paguTotal: expected });

    const csv = await (await fetch(`${baseUrl}/api/v1/exports/renja?year=2027&status=accepted&format=csv`, { method: "POST", headers: admin })).text();
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
    const pagu = Object.keys(rows[0]!).find((h) => /pagu/i.test(h))!;
    expect(rows.reduce((sum, row) => sum + Number(row[pagu]), 0)).toBe(expected);

    const xlsx = new Uint8Array(await (await fetch(`${baseUrl}/api/v1/exports/renja?year=2027&status=accepted&format=xlsx`, { method: "POST", headers: admin })).arrayBuffer());
    await writeFile(join(work, "renja.xlsx"), xlsx);
    // Every sheet to its own CSV: LibreOffice's CSV filter with "sheet = -1".
    await run(SOFFICE, ["--headless", "--norestore", `-env:UserInstallation=file://${join(work, "profile")}`, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", work, join(work, "renja.xlsx")], { timeout: 120_000 });
    const sheets = (await readdir(work)).filter((f) => f.endsWith(".csv"));
    expect(sheets.some((f) => f.includes("PUPR"))).toBe(true);
    const agencySheet = Papa.parse<string[]>(await readFile(join(work, sheets.find((f) => f.includes("PUPR"))!), "utf8"), { skipEmptyLines: true }).data;
    const header = agencySheet.findIndex((row) => row.some((cell) => /pagu/i.test(cell)));
    const column = agencySheet[header]!.findIndex((cell) => /pagu/i.test(cell));
    const total = agencySheet.slice(header + 1).filter((row) => /^\d/.test(row[column] ?? "")).reduce((sum, row) => sum + Number(row[column]), 0);
    expect(total).toBe(expected);
  });
});
