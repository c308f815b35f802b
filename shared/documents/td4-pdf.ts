/** T-D.4 as an A4 landscape PDF: the same layout as its XLSX sheet (layout.ts), per kecamatan with headings and totals. */
import { formatAmount, td4SheetLayout, type LayoutCell, type LayoutRow } from "../renja/layout.ts";
import type { RenjaRow } from "../renja/row.ts";
import { createTd4Numberer } from "../renja/td4.ts";
import { Drawing, type Letterhead, type TableRow } from "./pdf.ts";

const shown = (cell: LayoutCell): string => (cell.value === null ? "" : typeof cell.value === "number" ? (cell.kind === "rupiah" ? cell.value.toLocaleString("id-ID") : formatAmount(cell.value)) : cell.value);

const COLUMNS = [
  { header: "No", width: 22, align: "center" as const },
  { header: "Prioritas Daerah", width: 64 },
  { header: "Sasaran Daerah", width: 64 },
  { header: "Program Prioritas", width: 78 },
  { header: "Kegiatan Prioritas", width: 86 },
  { header: "Sasaran Kegiatan", width: 80 },
  { header: "Lokasi (Desa/Kel)", width: 60 },
  { header: "Volume", width: 48, align: "right" as const },
  { header: "Pagu (Rp)", width: 62, align: "right" as const },
  { header: "Perangkat Daerah Penanggung Jawab", width: 74 },
];

/** Volume and its unit in one column on paper; the layout keeps them apart for the spreadsheet. */
function tableRow(row: LayoutRow): TableRow {
  const c = row.cells.map(shown);
  if (row.style === "heading") return { cells: [c[0]!], style: "heading", across: true };
  const cells = [c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!, c[6]!, [c[7], c[8]].filter(Boolean).join(" "), c[9]!, c[10]!];
  return { cells, style: row.style === "subtotal" ? "total" : "normal" };
}

/** From Renja rows sorted as `compareTd4` (kecamatan, then priority), numbered per kecamatan as they come. */
export async function td4Pdf(pages: AsyncIterable<readonly RenjaRow[]>, options: { regencyName: string; year: number; letterhead: Letterhead; at: Date; madeLine: string }): Promise<Uint8Array> {
  const layout = td4SheetLayout(options);
  const numberer = createTd4Numberer();
  const rows: TableRow[] = [];
  for await (const page of pages) for (const row of page) rows.push(...layout.push(numberer(row)).map(tableRow));
  rows.push(...layout.end().map(tableRow));
  const d = await Drawing.create({ title: `Tabel T-D.4 ${options.regencyName} ${options.year}`, landscape: true, footer: `T-D.4 ${options.regencyName} ${options.year} · ${options.madeLine}`, at: options.at });
  await d.letterhead(options.letterhead);
  d.centred(layout.head.filter((r) => r.style === "title" || r.style === "subtitle").map((r) => ({ text: shown(r.cells[0]!), size: r.style === "title" ? 12 : 10.5, bold: true })));
  d.y -= 6;
  d.table(COLUMNS, rows, { size: 7.5 });
  return d.save();
}
