/**
 * The Renja export checked with real tools, end to end against `wrangler dev`: proposals go from the village
 * through the kecamatan and Dinas PUPR to "diterima"; the XLSX Bappeda downloads is opened by LibreOffice
 * (headless, converted to CSV) and its totals match D1's; the CSV is read back with papaparse. Then printed as a
 * planner prints: LibreOffice turns the Renja and T-D.4 workbooks into PDF, every page A4 landscape with the last
 * column's header on it (one page wide, header rows repeated); pdftoppm renders the pages to PNG under
 * /tmp/musrenbang-documents/ to be looked at, beside the Worker's own T-D.4 PDF.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Papa from "papaparse";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { PDFTOPPM, SOFFICE } from "./global-setup.ts";

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
const PAGES = join(tmpdir(), "musrenbang-documents");

const soffice = (args: string[]) => run(SOFFICE, ["--headless", "--norestore", `-env:UserInstallation=file://${join(work, "profile")}`, ...args], { timeout: 120_000 });

/** Each page's text (pdftotext keeps the form feed between pages) and its size in points. */
async function pdfPages(file: string) {
  const { stdout: text } = await run("pdftotext", ["-layout", file, "-"]);
  const { stdout: info } = await run("pdfinfo", ["-l", "999", file]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  return { texts: text.split("\f").filter((page) => page.trim() !== ""), sizes };
}

/** The PDF and its first pages as PNG, kept to be looked at. */
async function render(file: string, name: string) {
  await mkdir(PAGES, { recursive: true });
  await copyFile(file, join(PAGES, `${name}.pdf`));
  await run(PDFTOPPM, ["-png", "-r", "110", "-l", "4", file, join(PAGES, name)]);
  console.log(`pages: ${join(PAGES, name)}-*.png`);
}

/** A4 landscape within a point, whichever way the PDF writer rounds. */
const landscapeA4 = (size: { width: number; height: number }) => Math.abs(size.width - 842) < 2 && Math.abs(size.height - 595) < 2;

describe.skipIf(!baseUrl)("the Renja export, opened with LibreOffice", () => {
  it("matches what was accepted in the demo flow, in every format", { timeout: 180_000 }, async () => {
    const operator = await session("operator.wayurang");
    const verifier = await session("verifikator.kalianda");
    const admin = await session("admin.bappeda");
    const pupr = { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN.token}`, "content-type": "application/json" };
    // The target each acceptance gives in the output indicator's unit (M, Unit, KM in the nomenclature).
    const targets = [120, 1, 0.35];
    const proposals = [
      { activity: "Pembangunan drainase lingkungan RT 02", volume: 120, unit: "m", estimatedCost: 90_000_000, subActivityCode: "1.03.06.2.01.0012" },
      { activity: "Pembangunan sumur bor air bersih Lingkungan I", volume: 1, unit: "unit", estimatedCost: 145_500_000, subActivityCode: "1.03.03.2.01.0022" },
      { activity: "Rehabilitasi jaringan irigasi Way Urang", volume: 350, unit: "m", estimatedCost: 227_250_000, subActivityCode: "1.03.02.2.02.0002" },
    ];
    const ids: string[] = [];
    const codes: string[] = [];
    for (const p of proposals) {
      const response = await fetch(`${baseUrl}/api/v1/proposals`, {
        method: "POST",
        headers: operator,
        body: JSON.stringify({ year: 2027, villageCode: "18.01.06.1008", problem: "Kebutuhan warga yang disepakati di musyawarah desa.", ...p }),
      });
      expect(response.status).toBe(201);
      const made = (await response.json()) as { id: string; trackingCode: string };
      ids.push(made.id);
      codes.push(made.trackingCode);
    }
    for (const id of ids) {
      const task = await until(async () => {
        const queue = (await (await fetch(`${baseUrl}/api/v1/districts/18.01.06/verifications?limit=200`, { headers: verifier })).json()) as { tasks: { id: string; proposal: { id: string } }[] };
        return queue.tasks.find((t) => t.proposal.id === id);
      }, "verification task");
      expect((await fetch(`${baseUrl}/api/v1/reviews/${task.id}/decision`, { method: "POST", headers: verifier, body: JSON.stringify({ decision: "verified" }) })).status).toBe(201);
    }
    for (const [i, id] of ids.entries()) {
      const task = await until(async () => {
        const queue = (await (await fetch(`${baseUrl}/api/v1/agencies/18.01-pupr/reviews?limit=200`, { headers: pupr })).json()) as { tasks: { id: string; proposal: { id: string } }[] };
        return queue.tasks.find((t) => t.proposal.id === id);
      }, "PUPR review task");
      expect((await fetch(`${baseUrl}/api/v1/reviews/${task.id}/decision`, { method: "POST", headers: pupr, body: JSON.stringify({ decision: "accepted", reviewerName: "Sistem PUPR", target: targets[i] }) })).status).toBe(201);
    }
    const ours = proposals.reduce((sum, p) => sum + p.estimatedCost, 0);

    // The lifecycle records the outcome and writes the Renja lines; the JSON export shows them. Only "accepted":
    // the story test (musrenbang-story.test.ts) accepts one of the same year "with changes" in the same Worker.
    // Other walks in this Worker accept proposals of the same year too: the files must agree with D1's figures
    // (the JSON's totals), ours among them.
    const document = await until(async () => {
      const json = (await (await fetch(`${baseUrl}/api/v1/exports/renja?year=2027&status=accepted&format=json`, { method: "POST", headers: admin })).json()) as { paguTotal: number; rowCount: number; agencies: { agencyId: string; paguTotal: number }[] };
      return codes.every((code) => JSON.stringify(json).includes(code)) ? json : undefined;
    }, "the accepted proposals in the Renja", 120);
    const expected = document.paguTotal;
    const puprTotal = document.agencies.find((a) => a.agencyId === "18.01-pupr")!.paguTotal;
    expect(puprTotal).toBeGreaterThanOrEqual(ours);

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
    // The sub-kegiatan rows (a full sub-kegiatan code) add up to D1's pagu, and so does the agency's subtotal row.
    const body = agencySheet.slice(header + 1);
    const items = body.filter((row) => /^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$/.test(row[0] ?? "") && /^\d/.test(row[column] ?? ""));
    expect(items.reduce((sum, row) => sum + Number(row[column]), 0)).toBe(puprTotal);
    expect(Number(body.find((row) => row.some((cell) => cell.startsWith("Jumlah Perangkat Daerah")))![column])).toBe(puprTotal);

    // Printed: every page A4 landscape, and every page carries the rightmost header (next year's pagu), so no
    // column spilled onto a page of its own and the header repeats.
    await soffice(["--convert-to", "pdf", "--outdir", join(work, "pdf"), join(work, "renja.xlsx")]);
    await render(join(work, "pdf", "renja.pdf"), "renja");
    const renjaPdf = await pdfPages(join(work, "pdf", "renja.pdf"));
    expect(renjaPdf.sizes.length).toBeGreaterThan(0);
    expect(renjaPdf.sizes.every(landscapeA4)).toBe(true);
    // The summary sheet aside, each page is the agency form (last column: next year's pagu) or T-D.4 (last column:
    // the responsible agency).
    const tablePages = renjaPdf.texts.filter((page) => !/REKAPITULASI/.test(page));
    expect(tablePages.length).toBeGreaterThan(1);
    expect(tablePages.every((page) => /Prakiraan Maju[\s\S]*Pagu Indikatif/.test(page) || /Perangkat Daerah Penanggung Jawab/.test(page))).toBe(true);
    const puprPage = renjaPdf.texts.find((page) => /Perangkat Daerah: Dinas Pekerjaan Umum/.test(page))!;
    expect(puprPage).toMatch(/RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN 2027/);
    // PUPR's total on its sheet's last page (its form runs over several when other walks' lines are in the year).
    expect(renjaPdf.texts.join("\n").replace(/[.,]/g, "")).toContain(String(puprTotal));

    // T-D.4 as a workbook printed the same way, and as the Worker's own PDF: grouped per kecamatan with its total.
    const td4 = new Uint8Array(await (await fetch(`${baseUrl}/api/v1/exports/renja?year=2027&status=accepted&view=td4&format=xlsx`, { method: "POST", headers: admin })).arrayBuffer());
    await writeFile(join(work, "td4.xlsx"), td4);
    await soffice(["--convert-to", "pdf", "--outdir", join(work, "pdf"), join(work, "td4.xlsx")]);
    const td4Pdf = await pdfPages(join(work, "pdf", "td4.pdf"));
    expect(td4Pdf.sizes.every(landscapeA4)).toBe(true);
    expect(td4Pdf.texts.join("\n")).toMatch(/Kalianda/);
    await render(join(work, "pdf", "td4.pdf"), "td4-xlsx");
    const workerPdf = await fetch(`${baseUrl}/api/v1/exports/renja?year=2027&status=accepted&view=td4&format=pdf`, { method: "POST", headers: admin });
    expect(workerPdf.status).toBe(200);
    expect(workerPdf.headers.get("content-type")).toMatch(/application\/pdf/);
    await writeFile(join(work, "td4-worker.pdf"), new Uint8Array(await workerPdf.arrayBuffer()));
    const workerPages = await pdfPages(join(work, "td4-worker.pdf"));
    expect(workerPages.sizes.every(landscapeA4)).toBe(true);
    expect(workerPages.texts.join("\n").replace(/[.,]/g, "")).toContain(String(expected));
    await render(join(work, "td4-worker.pdf"), "td4-worker");
  });
});
