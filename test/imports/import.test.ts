/**
 * Importing a village's Daftar Usulan RKP Desa: the real file of Desa Pandanlandung (Kec. Wagir, Kab. Malang),
 * against Kabupaten Malang's real regions; a deliberately broken file; places that several desa share; the XLSX
 * of the same columns; idempotent re-upload and commit.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import realFile from "../../data/rkpdesa-pandanlandung-2026/du_rkpdesa_2026.csv?raw";
import { textWorkbook } from "../../shared/files/xlsx-write.ts";
import { parseCsv } from "../../shared/csv/parse.ts";
import { tokenCaller, type Caller } from "../support/principals.ts";

const MALANG = "35.07";
const PANDANLANDUNG = "35.07.21.2012";
const SUMBERSUKO_WAGIR = "35.07.21.2001";

let village: Caller;
let admin: Caller;

beforeAll(async () => {
  await env.DB.batch(env.TEST_MALANG_REGIONS.map((s) => env.DB.prepare(s)));
  village = await tokenCaller("village_operator", MALANG, PANDANLANDUNG);
  admin = await tokenCaller("planning_admin", MALANG, MALANG);
});

interface ImportBody {
  id: string;
  status: string;
  ready: boolean;
  counts: { rows: number; create: number; skip: number; errors: number; ambiguous: number };
  problems: { row: number; column: string; code: string; message: string }[];
  rows: { row: number; outcome: string; activity: string; villageCode?: string; placedBy?: string; message?: string; choiceKey?: string; candidates?: { code: string; name: string }[]; estimatedCost?: number }[];
  proposals?: { id: string; trackingCode: string; row: number }[];
}

async function upload(caller: Caller, file: string | Uint8Array, name: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([file], name));
  form.set("year", "2027");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const response = await exports.default.fetch("http://x/api/v1/imports", { method: "POST", headers: { ...caller.headers, ...headers }, body: form });
  return { status: response.status, body: (await response.json()) as ImportBody };
}

const commit = async (caller: Caller, id: string) => {
  const response = await exports.default.fetch(`http://x/api/v1/imports/${id}/commit`, { method: "POST", headers: caller.headers });
  return { status: response.status, body: (await response.json()) as ImportBody & { error?: { code: string; problems?: unknown[] } } };
};

const count = async (sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())!.n;

describe("the real DU-RKPDesa of Desa Pandanlandung", () => {
  it("is checked row by row: the village's own rows and the uncosted wishes are skipped with their reason, the costed APBD row is proposed in its desa", async () => {
    const { status, body } = await upload(village, realFile, "du_rkpdesa_2026.csv");
    expect(status).toBe(201);
    // 101 rows in the file; every one is accounted for.
    expect(body.counts).toEqual({ rows: 101, create: 1, skip: 100, errors: 0, ambiguous: 0 });
    expect(body.problems).toEqual([]);
    const byOutcome = (o: string) => body.rows.filter((r) => r.outcome === o);
    // Rows 2-8 (salaries, BPD, RT/RW operations) are funded by APBDes: the village's own, not for the kabupaten.
    expect(byOutcome("skip").filter((r) => r.message?.startsWith("Dibiayai desa sendiri")).map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const linmas = byOutcome("create")[0]!;
    expect(linmas).toMatchObject({ row: 82, activity: "Pelatihan Linmas", villageCode: PANDANLANDUNG, placedBy: "default", estimatedCost: 20_000_000 });
    expect(body.rows.find((r) => r.activity === "RT 12 Drainase 120 m")?.message).toMatch(/Belum ada volume dan biaya/);
    expect(body.ready).toBe(true);
  });

  it("commits through intake (proposal, verification task, asked recommendation, audit event, lifecycle), and a re-upload and re-commit create nothing", async () => {
    const first = await upload(village, realFile, "du_rkpdesa_2026.csv");
    const before = await count("SELECT count(*) AS n FROM proposals WHERE village_code = ?", PANDANLANDUNG);
    const done = await commit(village, first.body.id);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe("committed");
    expect(done.body.proposals).toHaveLength(1);
    const id = done.body.proposals![0]!.id;
    const row = await env.DB.prepare("SELECT * FROM proposals WHERE id = ?").bind(id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ village_code: PANDANLANDUNG, district_code: "35.07.21", regency_code: MALANG, status: "submitted", stage: "desa", volume: 1, unit: "Paket", estimated_cost: 20_000_000, funding_source: "apbd_kabupaten", problem: "Sudah Ada Destana", import_row: 82, address: "Linmas" });
    expect(await count("SELECT count(*) AS n FROM review_tasks WHERE proposal_id = ? AND kind = 'verification' AND queue_key = '35.07.21' AND status = 'open'", id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM proposal_recommendations WHERE proposal_id = ? AND level = 'desa' AND cost = 20000000", id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'proposal.submitted' AND json_extract(data, '$.importId') = ?", id, first.body.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'import.committed'", first.body.id)).toBe(1);
    const instance = await env.PROPOSAL_LIFECYCLE.get(id);
    expect(["queued", "running", "waiting", "complete"]).toContain((await instance.status()).status);

    const again = await upload(village, realFile, "du_rkpdesa_2026 (1).csv");
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.status).toBe("committed");
    expect((await commit(village, first.body.id)).status).toBe(200);
    expect(await count("SELECT count(*) AS n FROM proposals WHERE village_code = ?", PANDANLANDUNG)).toBe(before + 1);
  });

  it("reads the same columns from XLSX", async () => {
    const table = parseCsv(realFile.replace(/^\uFEFF/, ""));
    const bytes = await textWorkbook([{ name: "DU RKPDesa", rows: table }]);
    const { status, body } = await upload(village, bytes, "du_rkpdesa_2026.xlsx", { year: "2028" });
    expect(status).toBe(201);
    expect(body.counts).toEqual({ rows: 101, create: 1, skip: 100, errors: 0, ambiguous: 0 });
  });
});

const HEADER = "bidang,no,jenis_kegiatan,data_eksisting,target_capaian,lokasi,volume_satuan,penerima_manfaat,waktu_pelaksanaan,biaya_rp,sumber_biaya,pola_pelaksanaan";

describe("a broken file", () => {
  it("writes nothing and reports every error with its row and column", async () => {
    const file = [
      HEADER,
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,1,Pembangunan Drainase RT 002 RW 001,Saluran rusak dan meluap,,Desa Pandanlandung,120 m,300,3 Bulan,150.000.000,APBD,Dinas Terkait",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,2,Jalan Paving RT 033,Jalan tanah berlumpur,,Desa Pandanlandung,banyak,,,90000000,APBD,",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,3,Gorong-gorong RT 6,Air menggenang di jalan,,Desa Pandanlandung,40 m,,,sembilan juta,APBD,",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,4,Rehab Polindes,Atap bocor dan lantai rusak,,Desa Pandanlandung,1 Unit,,,75000000,Hibah Luar Negeri,",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,5,Lampu jalan,Jalan gelap malam hari,,Desa Antah Berantah,10 Titik,,,50000000,APBD,",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,6,Sumur bor,Warga kekurangan air bersih,,Desa Pandanlandung,1 Unit,,,500,APBD,",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,7,,Tidak ada kegiatan tertulis,,Desa Pandanlandung,1 Paket,,,10000000,APBD,",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,8,Talud sungai,Tebing longsor,,Desa Sumbersuko Kec. Wagir,50 m,,,80000000,APBD,",
    ].join("\n");
    const proposalsBefore = await count("SELECT count(*) AS n FROM proposals");
    const { status, body } = await upload(village, file, "rusak.csv");
    expect(status).toBe(201);
    expect(body.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, "volume_satuan", "volume_unreadable"],
      [4, "biaya_rp", "cost_unreadable"],
      [5, "sumber_biaya", "funding_unknown"],
      [6, "lokasi", "place_unknown"],
      [7, "biaya_rp", "cost_absurd"],
      [8, "jenis_kegiatan", "required"],
      // Another desa of the kabupaten: a village proposes for itself only.
      [9, "lokasi", "place_out_of_scope"],
    ]);
    expect(body.problems.every((p) => p.message.length > 10)).toBe(true);
    expect(body.problems[0]!.message).toContain('"banyak" bukan volume dan satuan');
    const refused = await commit(village, body.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe("import_has_problems");
    expect(refused.body.error?.problems).toHaveLength(7);
    expect(await count("SELECT count(*) AS n FROM proposals")).toBe(proposalsBefore);
    expect(await count("SELECT count(*) AS n FROM review_tasks WHERE queue_key = '35.07.21'")).toBe(await count("SELECT count(*) AS n FROM proposals WHERE district_code = '35.07.21'"));
  });

  it("names a missing column, and answers in English when asked", async () => {
    const { body } = await upload(village, "bidang,no,jenis_kegiatan,lokasi,volume_satuan,sumber_biaya\nX,1,Drainase RT 1,Desa Pandanlandung,10 m,APBD\n", "kolom.csv", {}, { "accept-language": "en" });
    expect(body.problems).toEqual([{ row: 1, column: "biaya_rp", code: "column_missing", message: 'Column "biaya_rp" is missing from the header row. Use the template.' }]);
  });
});

describe("places several desa share", () => {
  it("shows the candidates, takes the person's choice, and resolves a desa named with its kecamatan", async () => {
    const file = [
      HEADER,
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,1,Talud sungai dusun krajan,Tebing longsor saat hujan,,Desa Sumbersuko,50 m,,,80000000,APBD,",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,2,Jembatan penghubung dusun,Jembatan kayu lapuk,,Desa Sumbersuko Kec. Wagir,12 m,,,250000000,APBD,",
      "BIDANG PELAKSANAAN PEMBANGUNAN DESA,3,Drainase jalan poros desa,Air meluap ke rumah warga,,Desa Pandanlandung,200 m,,,120000000,APBD,",
    ].join("\n");
    const { body } = await upload(admin, file, "bappeda.csv", { desa: PANDANLANDUNG });
    expect(body.counts).toMatchObject({ create: 2, ambiguous: 1 });
    const ambiguous = body.rows.find((r) => r.outcome === "ambiguous")!;
    expect(ambiguous.candidates!.map((c) => c.code)).toHaveLength(3);
    expect(ambiguous.candidates!.find((c) => c.code === SUMBERSUKO_WAGIR)!.name).toBe("Sumbersuko, Kec. Wagir");
    expect(body.rows.find((r) => r.row === 3)).toMatchObject({ outcome: "create", villageCode: SUMBERSUKO_WAGIR, placedBy: "named" });
    expect((await commit(admin, body.id)).body.error?.code).toBe("import_needs_choice");

    const other = ambiguous.candidates!.find((c) => c.code !== SUMBERSUKO_WAGIR)!.code;
    const chosen = await exports.default.fetch(`http://x/api/v1/imports/${body.id}/places`, { method: "PUT", headers: { ...admin.headers, "content-type": "application/json" }, body: JSON.stringify({ choices: { [ambiguous.choiceKey!]: other } }) });
    const after = (await chosen.json()) as ImportBody;
    expect(after.counts).toMatchObject({ create: 3, ambiguous: 0 });
    expect(after.rows.find((r) => r.row === 2)?.villageCode).toBe(other);
    const done = await commit(admin, body.id);
    expect(done.status).toBe(200);
    const places = await env.DB.prepare("SELECT import_row, village_code, district_code FROM proposals WHERE import_id = ? ORDER BY import_row").bind(body.id).all();
    expect(places.results.map((r) => r.village_code)).toEqual([other, SUMBERSUKO_WAGIR, PANDANLANDUNG]);
  });
});

describe("the template", () => {
  it("is downloadable as CSV and XLSX, and the CSV template imports as it is", async () => {
    const csv = await exports.default.fetch("http://x/api/v1/imports/template?format=csv", { headers: village.headers });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // With a BOM, so spreadsheets read the accents as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe(HEADER);
    const xlsx = await exports.default.fetch("http://x/api/v1/imports/template?format=xlsx", { headers: village.headers });
    expect(new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const { body } = await upload(village, text, "templat.csv", { year: "2029" });
    expect(body.counts).toMatchObject({ create: 1, errors: 0 });
    expect(body.rows[0]).toMatchObject({ villageCode: PANDANLANDUNG, placedBy: "named" });
  });
});
