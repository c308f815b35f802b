/**
 * Time and memory of the Renja export formats: `node bench/export-formats.ts` (Node 22).
 *
 * Rows are synthetic but built from real vocabulary: the 2027 KABKOT sub-activity nomenclature (codes, names,
 * indicators, units), the OPD of Lampung Selatan with the prefixes they carry, and its real kecamatan and desa
 * (idn-area-data, 18.01). They arrive in pages of 500, sorted as the D1 query will sort them, generated lazily so
 * the streaming formats never see the whole year at once, as in the Worker.
 *
 * Each case runs in its own child process so one case's garbage and peak do not leak into the next. Memory:
 * "peak RSS +" is the peak resident size during the case (sampled per chunk, and getrusage's maxRSS when the case
 * set a new lifetime peak, which catches the in-memory XLSX build) above the resident size just before it;
 * "peak heap +" the same for V8's heapUsed. Time is wall time; CPU is the process's user + system time, steadier
 * when the machine is shared. No timed assertions: this prints a table.
 *
 * Options: `--cases csv:10000,xlsx:20000` to run only some cases.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readDemoAgencies } from "../scripts/reference-sources.ts";
import { agencyId } from "../shared/agencies/agencies.ts";
import { DEMO_KABUPATEN } from "../shared/demo/demo-kabupaten.ts";
import { parseCsvRecords } from "../shared/csv/parse.ts";
import { subActivityRows } from "../shared/reference/nomenclature.ts";
import { renjaCsvStream, td4CsvStream } from "../shared/renja/csv.ts";
import { renjaJsonStream } from "../shared/renja/json.ts";
import type { RenjaRow } from "../shared/renja/row.ts";
import { compareRenjaRows } from "../shared/renja/row.ts";
import { responsibleAgency } from "../shared/routing/responsible-agency.ts";
import { renjaXlsx } from "../shared/renja/xlsx.ts";
import { renjaXlsxStream } from "../shared/renja/xlsx-stream.ts";
import { minutesPdf } from "../shared/documents/minutes-pdf.ts";
import { td4Pdf } from "../shared/documents/td4-pdf.ts";
import { minutesDocument } from "../shared/forum/minutes.ts";

const ROOT = join(import.meta.dirname, "..");
const PAGE_SIZE = 500;
const MB = 1024 * 1024;

type Format = "source" | "csv" | "td4-csv" | "json" | "xlsx" | "xlsx-stream" | "minutes-pdf" | "td4-pdf";

const DEFAULT_CASES: [Format, number][] = [
  ["source", 100_000],
  ["csv", 10_000],
  ["csv", 100_000],
  ["csv", 1_000_000],
  ["td4-csv", 100_000],
  ["json", 10_000],
  ["json", 100_000],
  ["xlsx", 10_000],
  ["xlsx", 20_000],
  ["xlsx", 100_000],
  ["xlsx-stream", 10_000],
  ["xlsx-stream", 20_000],
  ["xlsx-stream", 100_000],
  ["minutes-pdf", 200],
  ["td4-pdf", 2_000],
];

interface Result {
  format: Format;
  rows: number;
  ms: number;
  /** User + system CPU of the whole process, zlib's threads included: steadier than wall time on a busy machine. */
  cpuMs: number;
  bytes: number;
  peakRssGrowthMb: number;
  peakHeapGrowthMb: number;
}

// ---- Vocabulary -------------------------------------------------------------------------------------------------

interface Vocabulary {
  subActivities: (ReturnType<typeof subActivityRows>[number] & { agencyId: string; agencyShortName: string; agencyName: string })[];
  villages: { code: string; name: string; districtCode: string; districtName: string }[];
}

function loadVocabulary(): Vocabulary {
  const nomenclature = subActivityRows(readFileSync(join(ROOT, "data/nomenklatur-subkegiatan-2027/nomenklatur_subkegiatan_2027_kabkot.csv"), "utf8"));
  const agencyByPrefix = new Map<string, string>();
  const agencyById = new Map<string, ReturnType<typeof readDemoAgencies>[number]>();
  for (const agency of readDemoAgencies(ROOT)) {
    const id = agencyId(DEMO_KABUPATEN.regencyCode, agency.shortName);
    agencyById.set(id, agency);
    for (const prefix of agency.codePrefixes) agencyByPrefix.set(prefix, id);
  }
  const subActivities = nomenclature.flatMap((sub) => {
    const id = responsibleAgency(sub.code, agencyByPrefix);
    const agency = id ? agencyById.get(id) : undefined;
    return id && agency ? [{ ...sub, agencyId: id, agencyShortName: agency.shortName, agencyName: agency.name }] : [];
  });
  // The order the D1 query returns: agency, program, kegiatan, sub-kegiatan.
  subActivities.sort(
    (a, b) =>
      cmp(a.agencyId, b.agencyId) || cmp(a.programCode, b.programCode) || cmp(a.kegiatanCode, b.kegiatanCode) || cmp(a.code, b.code),
  );
  const area = (file: string) => parseCsvRecords(readFileSync(join(ROOT, "node_modules/idn-area-data/data", file), "utf8"), file);
  const districtNames = new Map(area("districts.csv").filter((d) => d.regency_code === DEMO_KABUPATEN.regencyCode).map((d) => [d.code!, d.name!]));
  const villages = area("villages.csv")
    .filter((v) => districtNames.has(v.district_code!))
    .map((v) => ({ code: v.code!, name: v.name!, districtCode: v.district_code!, districtName: districtNames.get(v.district_code!)! }))
    .sort((a, b) => cmp(a.code, b.code));
  // The repo's CSV parser builds each field a character at a time, which leaves V8 rope strings hundreds of nodes
  // deep; a JSON round trip gives flat strings, as D1 results are. Without it, any text built from these (the
  // T-D.4 "indicator: target") re-walks the rope on every row and the bench measures the parser, not the export.
  return JSON.parse(JSON.stringify({ subActivities, villages })) as Vocabulary;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A cheap deterministic hash so every run builds the same rows. */
function hash(n: number): number {
  let x = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The parts of a row that decide its order, cheap to compute without building the row. */
function rowKeys(vocabulary: Vocabulary, index: number, total: number) {
  return {
    // Rows spread evenly over the sub-activities in their sorted order, so the Renja stream arrives sorted.
    sub: Math.floor((index * vocabulary.subActivities.length) / total),
    village: hash(index) % vocabulary.villages.length,
    districtRank: 1 + (hash(index + 5) % 40),
    villageRank: 1 + (hash(index + 6) % 10),
  };
}

function makeRow(vocabulary: Vocabulary, index: number, total: number): RenjaRow {
  const keys = rowKeys(vocabulary, index, total);
  const sub = vocabulary.subActivities[keys.sub]!;
  const village = vocabulary.villages[keys.village]!;
  const merged = hash(index + 1) % 10 === 0;
  const forum = hash(index + 2) % 4 === 0;
  const volume = 1 + (hash(index + 3) % 2000);
  return {
    agencyId: sub.agencyId,
    agencyShortName: sub.agencyShortName,
    agencyName: sub.agencyName,
    bidangCode: sub.bidangCode,
    bidangName: sub.bidangName,
    programCode: sub.programCode,
    programName: sub.programName,
    kegiatanCode: sub.kegiatanCode,
    kegiatanName: sub.kegiatanName,
    subActivityCode: sub.code,
    subActivityName: sub.name,
    indicator: sub.indicator ?? null,
    target: volume,
    unit: sub.unit ?? null,
    villageCode: village.code,
    villageName: village.name,
    districtCode: village.districtCode,
    districtName: village.districtName,
    volume,
    volumeUnit: sub.unit ?? null,
    pagu: (25_000 + (hash(index + 4) % 2_000_000)) * 1_000,
    fundingSource: forum ? "APBN/DAK" : "APBD Kabupaten/Kota",
    notes: merged ? "Digabung dengan usulan desa tetangga" : null,
    nextYearTarget: null,
    nextYearPagu: forum ? Math.round(((volume * 1_000_000) % 900_000_000) / 1000) * 1000 : null,
    regionalPriority: forum ? { code: "P2", name: "Peningkatan infrastruktur dasar", target: "Meningkatnya kemantapan jalan kabupaten" } : null,
    proposalTrackingCodes: merged
      ? [`USL-2027-${index.toString(36).toUpperCase().padStart(6, "0")}`, `USL-2027-${(index + total).toString(36).toUpperCase().padStart(6, "0")}`]
      : [`USL-2027-${index.toString(36).toUpperCase().padStart(6, "0")}`],
    forumDecisionRefs: forum ? [`BA-FLPD/2027/${String(1 + (index % 120)).padStart(3, "0")}`] : [],
    status: merged ? "accepted_with_changes" : "accepted",
    sourceStage: forum ? "sync_forum" : "opd_review",
    priority: { districtRank: keys.districtRank, villageRank: keys.villageRank },
  };
}

/** Pages of 500 built on demand: the generator never holds more than the page it is building. */
async function* renjaPages(vocabulary: Vocabulary, total: number): AsyncGenerator<RenjaRow[]> {
  for (let start = 0; start < total; start += PAGE_SIZE) {
    const page: RenjaRow[] = [];
    for (let i = start; i < Math.min(total, start + PAGE_SIZE); i++) page.push(makeRow(vocabulary, i, total));
    yield page;
  }
}

/**
 * T-D.4 order (kecamatan, then rank), as a D1 query `ORDER BY district_code, district_rank, ...` returns it: the
 * sort runs over a small index of row numbers (what an SQL index holds), the rows are built page by page.
 */
async function* td4Pages(vocabulary: Vocabulary, total: number): AsyncGenerator<RenjaRow[]> {
  const { villages } = vocabulary;
  const district = new Uint16Array(total);
  const districtRank = new Uint16Array(total);
  const villageRank = new Uint16Array(total);
  const village = new Uint32Array(total);
  const order = new Uint32Array(total);
  const districtOrdinal = new Map([...new Set(villages.map((v) => v.districtCode))].sort().map((code, n) => [code, n]));
  for (let i = 0; i < total; i++) {
    const keys = rowKeys(vocabulary, i, total);
    village[i] = keys.village;
    district[i] = districtOrdinal.get(villages[keys.village]!.districtCode)!;
    districtRank[i] = keys.districtRank;
    villageRank[i] = keys.villageRank;
    order[i] = i;
  }
  // Villages and sub-activities are sorted by code, so their ordinals order like the codes compareTd4 uses;
  // the row number last stands for the sub-activity (rows are spread over sub-activities in code order).
  order.sort((a, b) => district[a]! - district[b]! || districtRank[a]! - districtRank[b]! || villageRank[a]! - villageRank[b]! || village[a]! - village[b]! || a - b);
  for (let start = 0; start < total; start += PAGE_SIZE) {
    const page: RenjaRow[] = [];
    for (let n = start; n < Math.min(total, start + PAGE_SIZE); n++) page.push(makeRow(vocabulary, order[n]!, total));
    yield page;
  }
}

/** The berita acara of a forum with `items` decided agenda items, as many follow-ups and 40 attendees. */
function forumMinutes(items: number) {
  return minutesDocument({
    regencyCode: "18.01",
    regencyName: "Kabupaten Lampung Selatan",
    place: "Kalianda",
    agencies: [{ id: "18.01-pupr", name: "Dinas Pekerjaan Umum dan Penataan Ruang" }],
    forum: {
      title: "Forum Lintas Perangkat Daerah 2027",
      year: 2027,
      heldAt: "2026-11-20T02:00:00Z",
      place: "Aula Bappeda",
      minutesNumber: "050/012/BA-FLPD/2026",
      minutesFinalisedAt: "2026-11-21T02:00:00Z",
      agenda: Array.from({ length: items }, (_, i) => ({
        position: i + 1,
        budgetAtStake: 150_000_000 + i * 1_000_000,
        status: "decided",
        decision: "lead_agency",
        decisionData: { leadAgencyId: "18.01-pupr", reason: "Kewenangan jalan dan drainase ada pada Dinas PUPR; usulan digabung per ruas." },
        proposals: [{ trackingCode: `USL-2027-A${i}`, activity: "Pembangunan drainase lingkungan RT 03 sepanjang 300 meter" }, { trackingCode: `USL-2027-B${i}`, activity: "Perbaikan saluran air Dusun II" }],
      })),
      attendees: Array.from({ length: 40 }, (_, i) => ({ name: `Peserta ${i + 1}`, position: "Kepala Bidang", agencyId: "18.01-pupr", signedAt: i % 2 ? "2026-11-22T03:00:00Z" : null, signedVia: "link" })),
      followUps: Array.from({ length: items }, (_, i) => ({ description: `Menyusun DED ruas ${i + 1}`, ownerAgencyId: "18.01-pupr", dueDate: "2027-02-28", status: "open" })),
    },
  });
}

// ---- One case (child process) ---------------------------------------------------------------------------------

async function runCase(format: Format, rows: number): Promise<Result> {
  const vocabulary = loadVocabulary();
  const gc = (globalThis as { gc?: () => void }).gc;
  let allRows: RenjaRow[] | undefined;
  if (format === "xlsx") {
    // XLSX is not streamed: the whole year is in memory anyway, so build it before measuring the workbook.
    allRows = [];
    for await (const page of renjaPages(vocabulary, rows)) allRows.push(...page);
    allRows.sort(compareRenjaRows);
  }
  gc?.();
  const rss0 = process.memoryUsage.rss();
  const heap0 = process.memoryUsage().heapUsed;
  // maxRSS is the process's lifetime peak (kilobytes on Linux), which loading the vocabulary may already have set;
  // so the case's peak is sampled too, and maxRSS counts only if the case pushed it higher.
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let peakRss = rss0;
  let peakHeap = heap0;
  const sample = () => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  };
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  if (format === "xlsx") {
    const file = await renjaXlsx(allRows!, { regencyName: "Kabupaten Lampung Selatan", year: 2027 });
    sample();
    bytes = file.byteLength;
  } else if (format === "minutes-pdf") {
    // A forum of `rows` agenda items, each decided, with a follow-up each and 40 attendees.
    const file = await minutesPdf(forumMinutes(rows), { lines: ["PEMERINTAH KABUPATEN LAMPUNG SELATAN", "BADAN PERENCANAAN PEMBANGUNAN DAERAH", "Jl. Indra Bangsawan No. 1 Kalianda"], logo: null }, new Date("2026-11-21T02:00:00Z"));
    sample();
    bytes = file.byteLength;
  } else if (format === "td4-pdf") {
    const file = await td4Pdf(td4Pages(vocabulary, rows), { regencyName: "Kabupaten Lampung Selatan", year: 2027, letterhead: { lines: ["PEMERINTAH KABUPATEN LAMPUNG SELATAN"], logo: null }, at: new Date("2026-11-21T02:00:00Z"), madeLine: "bench" });
    sample();
    bytes = file.byteLength;
  } else if (format === "source") {
    for await (const page of renjaPages(vocabulary, rows)) {
      bytes += page.length;
      sample();
    }
  } else {
    const stream =
      format === "csv"
        ? renjaCsvStream(renjaPages(vocabulary, rows))
        : format === "td4-csv"
          ? td4CsvStream(td4Pages(vocabulary, rows))
          : format === "json"
            ? renjaJsonStream(renjaPages(vocabulary, rows), { year: 2027 })
            : renjaXlsxStream(renjaPages(vocabulary, rows), td4Pages(vocabulary, rows), { regencyName: "Kabupaten Lampung Selatan", year: 2027 });
    // Consume like a client would: read every chunk, keep none.
    for await (const chunk of stream) {
      bytes += chunk.byteLength;
      sample();
    }
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  if (maxRssAfter > maxRssBefore) peakRss = Math.max(peakRss, maxRssAfter);
  return {
    format,
    rows,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytes,
    peakRssGrowthMb: Math.max(0, peakRss - rss0) / MB,
    peakHeapGrowthMb: Math.max(0, peakHeap - heap0) / MB,
  };
}

// ---- Orchestration --------------------------------------------------------------------------------------------

function runInChild(format: Format, rows: number): Result | string {
  const child = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", "--max-old-space-size=6144", import.meta.filename, "--case", `${format}:${rows}`], {
    encoding: "utf8",
    maxBuffer: 16 * MB,
  });
  if (child.status !== 0) return (child.stderr || `exit ${child.status} ${child.signal ?? ""}`).trim().split("\n").slice(-3).join(" ");
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Result;
}

function parseCase(text: string): [Format, number] {
  const [format, rows] = text.split(":");
  return [format as Format, Number(rows)];
}

const args = process.argv.slice(2);
const caseIndex = args.indexOf("--case");
if (caseIndex >= 0) {
  const [format, rows] = parseCase(args[caseIndex + 1]!);
  console.log(JSON.stringify(await runCase(format, rows)));
} else {
  const only = args.indexOf("--cases");
  const cases = only >= 0 ? args[only + 1]!.split(",").map(parseCase) : DEFAULT_CASES;
  const header = ["format", "rows", "time (ms)", "CPU (ms)", "output (MB)", "peak RSS + (MB)", "peak heap + (MB)"];
  const lines: string[][] = [];
  for (const [format, rows] of cases) {
    const result = runInChild(format, rows);
    const label =
      format === "source" ? "source only (generate pages)" : format === "xlsx" ? "xlsx write-excel-file (in memory)" : `${format} (stream)`;
    lines.push(
      typeof result === "string"
        ? [label, rows.toLocaleString("en"), "failed", result.slice(0, 80), "", "", ""]
        : [
            label,
            rows.toLocaleString("en"),
            result.ms.toFixed(0),
            result.cpuMs.toFixed(0),
            format === "source" ? "" : (result.bytes / MB).toFixed(1),
            result.peakRssGrowthMb.toFixed(0),
            result.peakHeapGrowthMb.toFixed(0),
          ],
    );
    console.error(`done: ${label} ${rows}`);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  console.log(`Node ${process.version}, pages of ${PAGE_SIZE} rows, each case in its own process`);
  console.log(row(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const line of lines) console.log(row(line));
}
