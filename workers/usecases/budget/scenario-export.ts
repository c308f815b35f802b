/**
 * A scenario, or two side by side, as XLSX through the project's one streaming writer (shared/renja/xlsx-stream.ts,
 * `layoutWorkbookStream`): summary, envelopes, kecamatan and desa before/after, and every proposal that falls out
 * with its reason, read a page at a time.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { changeText, outcomeReason, rulesText } from "../../../shared/budget/scenario-text.ts";
import { dateTime } from "../../../shared/format.ts";
import type { CellKind, LayoutCell, LayoutRow, SheetLayout } from "../../../shared/renja/layout.ts";
import { layoutWorkbookStream, type LayoutSheet } from "../../../shared/renja/xlsx-stream.ts";
import { outcomePage, talliesOf } from "../../storage/budget-scenarios.ts";
import { findRegion } from "../../storage/regions.ts";
import type { Deps } from "../deps.ts";
import { compareScenarios, resultOf, scenarioChoices, scenarioView } from "./scenarios.ts";

type Column = { title: string; kind: CellKind; width: number };

/** A plain table sheet: a title, a subtitle, one header row, then one row per item. */
function tableLayout(title: string, subtitle: string, columns: readonly Column[]): SheetLayout<LayoutRow> {
  const span = columns.length;
  return {
    widths: columns.map((c) => c.width),
    printTitles: [3, 3],
    head: [
      { style: "title", cells: [{ value: title, kind: "text", span }] },
      { style: "subtitle", cells: [{ value: subtitle, kind: "text", span }] },
      { style: "header", cells: columns.map((c) => ({ value: c.title, kind: "text" })) },
    ],
    push: (row) => [row],
    end: () => [],
  };
}

const row = (columns: readonly Column[], values: readonly (string | number | null)[], style: LayoutRow["style"] = "normal"): LayoutRow => ({
  style,
  cells: values.map((value, i): LayoutCell => ({ value, kind: columns[i]!.kind })),
});

const TALLY_COLUMNS: Column[] = [
  { title: "Kode", kind: "code", width: 16 },
  { title: "Nama", kind: "text", width: 28 },
  { title: "Usulan sebelum", kind: "number", width: 16 },
  { title: "Rupiah sebelum", kind: "rupiah", width: 18 },
  { title: "Usulan sesudah", kind: "number", width: 16 },
  { title: "Rupiah sesudah", kind: "rupiah", width: 18 },
  { title: "Selisih rupiah", kind: "rupiah", width: 18 },
];

const tallyRow = (t: { code: string; name: string; beforeCount: number; beforeRupiah: number; afterCount: number; afterRupiah: number }) =>
  row(TALLY_COLUMNS, [t.code, t.name, t.beforeCount, t.beforeRupiah, t.afterCount, t.afterRupiah, t.afterRupiah - t.beforeRupiah]);

const bytesOf = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "skenario";

export async function scenarioWorkbook(deps: Deps, caller: Principal | undefined, { id }: { id: string }) {
  const { scenario: row0 } = await resultOf(deps, caller, id);
  const scenario = scenarioView(row0);
  const { db } = deps;
  const [{ names: map }, region] = await Promise.all([scenarioChoices(deps, caller), findRegion(db, row0.regencyCode)]);
  const regency = region?.name ?? row0.regencyCode;
  const summary = scenario.summary!;
  const subtitle = `${regency.toUpperCase()} TAHUN ${scenario.year}`;
  const info: Column[] = [{ title: "Keterangan", kind: "text", width: 40 }, { title: "Isi", kind: "text", width: 110 }];
  const envelopeColumns: Column[] = [
    { title: "Jenis", kind: "text", width: 12 },
    { title: "OPD / Kecamatan", kind: "text", width: 40 },
    { title: "Pagu sekarang", kind: "rupiah", width: 18 },
    { title: "Pagu skenario", kind: "rupiah", width: 18 },
    { title: "Terpakai sekarang", kind: "rupiah", width: 18 },
    { title: "Terpakai skenario", kind: "rupiah", width: 18 },
  ];
  const excludedColumns: Column[] = [
    { title: "Urutan", kind: "number", width: 8 },
    { title: "Kode Usulan", kind: "code", width: 18 },
    { title: "Kegiatan", kind: "text", width: 70 },
    { title: "Kecamatan", kind: "text", width: 18 },
    { title: "Desa/Kelurahan", kind: "text", width: 22 },
    { title: "OPD", kind: "text", width: 62 },
    { title: "Biaya (Rp)", kind: "rupiah", width: 16 },
    { title: "Sekarang", kind: "text", width: 10 },
    { title: "Alasan", kind: "text", width: 100 },
  ];
  async function* excluded(): AsyncGenerator<LayoutRow[]> {
    for (let after: number | undefined = undefined; ; ) {
      const page = await outcomePage(db, row0.runId!, { show: "excluded", after, limit: 500 });
      yield page.map((o) => row(excludedColumns, [o.position + 1, o.trackingCode, o.activity, o.districtName, o.villageName, o.agencyName ?? "", o.cost, o.fundedBefore ? "didanai" : "tidak", outcomeReason({ ...o, fundedBefore: !!o.fundedBefore })]));
      if (page.length < 500) return;
      after = page.at(-1)!.position;
    }
  }
  const [districts, villages] = await Promise.all([talliesOf(db, row0.runId!, "district"), talliesOf(db, row0.runId!, "village")]);
  const sheets: LayoutSheet[] = [
    {
      name: "Ringkasan",
      layout: tableLayout(`SKENARIO ANGGARAN: ${scenario.name.toUpperCase()}`, subtitle, info),
      pages: [
        [
          row(info, ["Catatan", scenario.note ?? ""]),
          ...scenario.changes.map((c, i) => row(info, [`Perubahan pagu ${i + 1}`, changeText(c, map)])),
          ...rulesText(scenario.rules, map).map((text) => row(info, ["Aturan keadilan", text])),
          row(info, ["Versi", String(scenario.version)]),
          row(info, ["Dihitung", scenario.ranAt ? dateTime(scenario.ranAt, row0.regencyCode) : ""]),
          row(info, ["Usulan yang bersaing", summary.proposals.toLocaleString("id-ID")]),
          row(info, ["Sebelum", `pagu sekarang, urutan prioritas baku tanpa aturan: ${summary.before.count.toLocaleString("id-ID")} usulan, Rp ${summary.before.rupiah.toLocaleString("id-ID")}`]),
          row(info, ["Sesudah", `pagu dan aturan skenario: ${summary.after.count.toLocaleString("id-ID")} usulan, Rp ${summary.after.rupiah.toLocaleString("id-ID")} (batas minimum ${summary.fundedBy.floor}, kuota ${summary.fundedBy.quota}, prioritas ${summary.fundedBy.priority})`]),
        ],
      ],
    },
    {
      name: "Pagu",
      layout: tableLayout("PAGU SEKARANG DAN MENURUT SKENARIO", subtitle, envelopeColumns),
      pages: [summary.envelopes.map((e) => row(envelopeColumns, [e.kind === "agency" ? "OPD" : "Kecamatan", map.get(e.target) ?? e.target, e.before, e.after, e.usedBefore, e.usedAfter]))],
    },
    { name: "Kecamatan", layout: tableLayout("USULAN DIDANAI PER KECAMATAN, SEBELUM DAN SESUDAH", subtitle, TALLY_COLUMNS), pages: [districts.map(tallyRow)] },
    { name: "Desa", layout: tableLayout("USULAN DIDANAI PER DESA/KELURAHAN, SEBELUM DAN SESUDAH", subtitle, TALLY_COLUMNS), pages: [villages.map(tallyRow)] },
    { name: "Tersisih", layout: tableLayout("USULAN YANG TERSISIH DAN ALASANNYA", subtitle, excludedColumns), pages: excluded() },
  ];
  return { bytes: await bytesOf(layoutWorkbookStream(sheets)), filename: `skenario-${scenario.year}-${slug(scenario.name)}.xlsx` };
}

export async function comparisonWorkbook(deps: Deps, caller: Principal | undefined, query: { a: string; b: string }) {
  const comparison = await compareScenarios(deps, caller, query);
  const columns: Column[] = [
    { title: "Kode", kind: "code", width: 12 },
    { title: "Kecamatan", kind: "text", width: 24 },
    { title: "Rupiah sekarang", kind: "rupiah", width: 18 },
    { title: "A: usulan", kind: "number", width: 12 },
    { title: "A: rupiah", kind: "rupiah", width: 18 },
    { title: "B: usulan", kind: "number", width: 12 },
    { title: "B: rupiah", kind: "rupiah", width: 18 },
    { title: "Selisih B - A", kind: "rupiah", width: 20 },
  ];
  const total = (pick: (d: (typeof comparison.districts)[number]) => number) => comparison.districts.reduce((sum, d) => sum + pick(d), 0);
  const rows = comparison.districts.map((d) => row(columns, [d.code, d.name, d.before.rupiah, d.a.count, d.a.rupiah, d.b.count, d.b.rupiah, d.difference.rupiah]));
  rows.push(row(columns, ["", "Jumlah", total((d) => d.before.rupiah), total((d) => d.a.count), total((d) => d.a.rupiah), total((d) => d.b.count), total((d) => d.b.rupiah), total((d) => d.difference.rupiah)], "subtotal"));
  const sheets: LayoutSheet[] = [{ name: "Perbandingan", layout: tableLayout(`PERBANDINGAN SKENARIO: ${comparison.a.name.toUpperCase()} DAN ${comparison.b.name.toUpperCase()}`, `TAHUN ${comparison.a.year}`, columns), pages: [rows] }];
  return { bytes: await bytesOf(layoutWorkbookStream(sheets)), filename: `perbandingan-skenario-${comparison.a.year}.xlsx` };
}
