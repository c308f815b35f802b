/**
 * The Renja workbook (Ringkasan, one sheet per agency in Permendagri 86/2017's Renja form, T-D.4 per kecamatan),
 * written as a stream and ready to print: A4 landscape fitted to the page width, title rows, the table's header
 * rows repeated on every page, borders, thousands separators, headings and subtotals styled. Each sheet's XML is
 * generated from the layouts of layout.ts a page of rows at a time, deflated by the platform's CompressionStream
 * (native zlib in workerd and Node) and zipped with data descriptors, so memory stays at about one page (and one
 * sub-kegiatan's locations) however large the year.
 *
 * Why not write-excel-file: it builds every cell as an object and deflates in JavaScript (fflate); measured in
 * bench/export-formats.ts it needs several seconds for 20k rows and holds the whole workbook in memory. Its writer
 * (xlsx.ts) stays for tests and the bench, from the same layouts.
 *
 * Zip order: the agency sheets first (rows sorted by agency, as for the CSV), then T-D.4 from a second pass in
 * T-D.4 order, then the summary (its totals are known only at the end), then the workbook part that names and
 * orders them. A sheet's position in the zip does not decide its tab position; workbook.xml does.
 */
import type { RenjaRow } from "./row.ts";
import { compareRenjaRows } from "./row.ts";
import { agencySheetLayout, LINE_HEIGHT_PT, rowLines, summaryRows, td4SheetLayout, type AgencySummary, type CellKind, type LayoutCell, type LayoutRow, type RowStyle, type SheetLayout } from "./layout.ts";
import { compareTd4, createTd4Numberer } from "./td4.ts";
import type { RenjaXlsxOptions } from "./workbook.ts";
import { SUMMARY_SHEET, TD4_SHEET, createSheetNamer } from "./workbook.ts";

// ---- Cells and sheets -------------------------------------------------------------------------------------------

/**
 * Cell formats (cellXfs in STYLES below), by row style and cell kind: bordered table cells, bold headings on a
 * light fill, subtotals on a darker one; codes as text ("@"), rupiah with thousands separators.
 */
const KIND_INDEX: Record<CellKind, number> = { text: 0, code: 1, number: 2, rupiah: 3 };
const STYLE_BASE: Record<RowStyle, number> = { note: 0, title: 4, subtitle: 5, header: 6, normal: 7, heading: 11, item: 15, subtotal: 19 };
const xfOf = (style: RowStyle, kind: CellKind = "text") => (style === "title" || style === "subtitle" || style === "header" ? STYLE_BASE[style] : STYLE_BASE[style] + KIND_INDEX[kind]);

const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_SPECIAL = /[&<>"]/g;
const XML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, "").replace(XML_SPECIAL, (ch) => XML_ENTITY[ch]!);
}

/**
 * The shared-string table: repeated text (names, codes, places) is written once and referenced by index, which
 * halves the XML to deflate. Only short text goes in (long per-row notes are written inline), and the table stops
 * growing at SHARED_STRINGS_MAX, so its memory has a ceiling whatever the row count.
 */
const SHARED_STRINGS_MAX = 100_000;
const SHARED_TEXT_MAX = 120;

interface SharedStrings {
  index: Map<string, number>;
}

/**
 * Cells carry no `r` reference: it is optional in SpreadsheetML (readers count cells in order), and leaving it
 * out shortens the XML that has to be encoded, checksummed and deflated. So an empty cell is still written, as
 * `<c s=".."/>` (it keeps its border), to keep the ones after it in their columns.
 */
function cellXml(cell: LayoutCell, style: RowStyle, shared: SharedStrings): string {
  const s = ` s="${xfOf(style, cell.kind)}"`;
  const value = cell.value;
  if (value === null || value === "") return `<c${s}/>`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`XLSX: angka tidak sah: ${value}`);
    return `<c${s}><v>${value}</v></c>`;
  }
  if (!cell.unique && value.length <= SHARED_TEXT_MAX) {
    let id = shared.index.get(value);
    if (id === undefined && shared.index.size < SHARED_STRINGS_MAX) shared.index.set(value, (id = shared.index.size));
    if (id !== undefined) return `<c${s} t="s"><v>${id}</v></c>`;
  }
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return `<c${s} t="inlineStr"><is><t${space}>${escapeXml(value)}</t></is></c>`;
}

/** Rows carry their number (merges and print titles refer to them); a row's cells fill the layout's width. */
function rowsXml(rows: readonly LayoutRow[], next: { row: number; merges: string[] }, widths: readonly number[], shared: SharedStrings): string {
  const width = widths.length;
  let xml = "";
  for (const row of rows) {
    const r = next.row++;
    const lines = rowLines(row, widths);
    xml += row.style === "title" ? `<row r="${r}" ht="22" customHeight="1">` : lines > 1 ? `<row r="${r}" ht="${lines * LINE_HEIGHT_PT + 2}" customHeight="1">` : `<row r="${r}">`;
    let column = 0;
    for (const cell of row.cells) {
      if (cell.span && cell.span > 1) next.merges.push(`${columnName(column)}${r}:${columnName(column + cell.span - 1)}${r}`);
      xml += cellXml(cell, row.style, shared);
      column++;
    }
    // A bordered row is bordered across the table even where the layout gave fewer cells.
    if (row.style !== "note" && row.style !== "title" && row.style !== "subtitle") for (; column < width; column++) xml += `<c s="${xfOf(row.style)}"/>`;
    xml += "</row>";
  }
  return xml;
}

export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function sharedStringsXml(shared: SharedStrings): string {
  let xml = `${XML_DECL}<sst xmlns="${NS_MAIN}" uniqueCount="${shared.index.size}">`;
  for (const text of shared.index.keys()) xml += `<si><t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ""}>${escapeXml(text)}</t></si>`;
  return xml + "</sst>";
}

/** Fitted to one page wide on A4 landscape; the frozen pane sits under the header rows. */
const SHEET_HEAD = (widths: readonly number[], frozenRows: number, selected: boolean) =>
  XML_DECL +
  `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
  '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
  `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0"><pane ySplit="${frozenRows}" topLeftCell="A${frozenRows + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
  `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols><sheetData>`;

const SHEET_TAIL = (merges: readonly string[]) =>
  "</sheetData>" +
  (merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "") +
  '<printOptions horizontalCentered="1"/>' +
  '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
  "<headerFooter><oddFooter>&amp;L&amp;A&amp;RHalaman &amp;P dari &amp;N</oddFooter></headerFooter>" +
  "</worksheet>";

/** A sheet's XML from its layout, one string per page of rows. */
async function* layoutSheetXml<Row>(layout: SheetLayout<Row>, pages: AsyncIterable<readonly Row[]>, shared: SharedStrings): AsyncGenerator<string> {
  const next = { row: 1, merges: [] as string[] };
  const widths = layout.widths;
  yield SHEET_HEAD(widths, layout.printTitles[1], false) + rowsXml(layout.head, next, widths, shared);
  for await (const page of pages) {
    let xml = "";
    for (const row of page) xml += rowsXml(layout.push(row), next, widths, shared);
    if (xml) yield xml;
  }
  yield rowsXml(layout.end(), next, widths, shared) + SHEET_TAIL(next.merges);
}

// ---- Zip --------------------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

function crc32(crc: number, bytes: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

interface ZipEntry {
  name: Uint8Array;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** MS-DOS date and time fields of the zip headers. */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((Math.max(1980, date.getUTCFullYear()) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * A streaming zip: each entry deflated as it is produced, sizes and CRC in a data descriptor after the data
 * (flag bit 3), names in UTF-8 (bit 11). No ZIP64: an entry or the archive must stay under 4 GiB, far above the
 * largest Renja year.
 */
export function createZip(modifiedAt: Date) {
  const encoder = new TextEncoder();
  const entries: ZipEntry[] = [];
  const stamp = dosDateTime(modifiedAt);
  let offset = 0;
  const counted = (bytes: Uint8Array) => {
    offset += bytes.length;
    return bytes;
  };

  async function* entry(path: string, parts: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Uint8Array> {
    const name = encoder.encode(path);
    const record: ZipEntry = { name, crc: 0, compressedSize: 0, size: 0, offset };
    const local = new Uint8Array(30 + name.length);
    const view = new DataView(local.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, 0x0808, true);
    view.setUint16(8, 8, true);
    view.setUint16(10, stamp.time, true);
    view.setUint16(12, stamp.date, true);
    view.setUint16(26, name.length, true);
    local.set(name, 30);
    yield counted(local);

    const source = (async function* () {
      for await (const text of parts) yield text;
    })();
    // Pull-driven: the deflater asks for the next part only when it has room, so parts never pile up. Two parts
    // ahead, so the next page's XML is built while zlib deflates this one.
    const raw = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const next = await source.next();
          if (next.done) return controller.close();
          const bytes = encoder.encode(next.value);
          record.crc = crc32(record.crc, bytes);
          record.size += bytes.length;
          controller.enqueue(bytes);
        },
        async cancel() {
          await source.return(undefined);
        },
      },
      { highWaterMark: 2 },
    );
    const reader = raw.pipeThrough(new CompressionStream("deflate-raw")).getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        record.compressedSize += value.length;
        yield counted(value);
      }
      finished = true;
    } finally {
      // The reader of the whole file went away mid-entry: cancelling here reaches the page source through the pipe.
      if (!finished) await reader.cancel().catch(() => undefined);
    }
    if (record.size >= 2 ** 32 || offset >= 2 ** 32) throw new Error("XLSX: berkas melebihi 4 GiB");
    const descriptor = new Uint8Array(16);
    const d = new DataView(descriptor.buffer);
    d.setUint32(0, 0x08074b50, true);
    d.setUint32(4, record.crc, true);
    d.setUint32(8, record.compressedSize, true);
    d.setUint32(12, record.size, true);
    yield counted(descriptor);
    entries.push(record);
  }

  function end(): Uint8Array {
    const size = entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
    const out = new Uint8Array(size + 22);
    const view = new DataView(out.buffer);
    let at = 0;
    for (const e of entries) {
      view.setUint32(at, 0x02014b50, true);
      view.setUint16(at + 4, 20, true);
      view.setUint16(at + 6, 20, true);
      view.setUint16(at + 8, 0x0808, true);
      view.setUint16(at + 10, 8, true);
      view.setUint16(at + 12, stamp.time, true);
      view.setUint16(at + 14, stamp.date, true);
      view.setUint32(at + 16, e.crc, true);
      view.setUint32(at + 20, e.compressedSize, true);
      view.setUint32(at + 24, e.size, true);
      view.setUint16(at + 28, e.name.length, true);
      view.setUint32(at + 42, e.offset, true);
      out.set(e.name, at + 46);
      at += 46 + e.name.length;
    }
    view.setUint32(at, 0x06054b50, true);
    view.setUint16(at + 8, entries.length, true);
    view.setUint16(at + 10, entries.length, true);
    view.setUint32(at + 12, size, true);
    view.setUint32(at + 16, offset, true);
    return counted(out);
  }

  return { entry, end };
}

// ---- The workbook -----------------------------------------------------------------------------------------------

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Worksheets get their content type by the .xml default, so this part can go first without knowing the sheets
// (tools that sniff a file's type look at the first entry).
const CONTENT_TYPES =
  XML_DECL +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  "</Types>";

const ROOT_RELS =
  XML_DECL +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  "</Relationships>";

const xf = (numFmt: number, font: number, fill: number, border: number, align: string) =>
  `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">${align}</xf>`;
const TOP_WRAP = '<alignment vertical="top" wrapText="1"/>';
const TOP = '<alignment vertical="top"/>';
/** Per row style (font, fill) the four kinds: text, code ("@"), number, rupiah ("#,##0"). */
const kinds = (font: number, fill: number) => [xf(0, font, fill, 1, TOP_WRAP), xf(49, font, fill, 1, TOP), xf(0, font, fill, 1, TOP), xf(164, font, fill, 1, TOP)];

const CELL_XFS = [
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', // 0-3 note (no border)
  xf(49, 0, 0, 0, ""),
  xf(0, 0, 0, 0, ""),
  xf(164, 0, 0, 0, ""),
  xf(0, 2, 0, 0, '<alignment horizontal="center" vertical="center"/>'), // 4 title
  xf(0, 1, 0, 0, '<alignment horizontal="center" vertical="center"/>'), // 5 subtitle
  xf(0, 1, 2, 1, '<alignment horizontal="center" vertical="center" wrapText="1"/>'), // 6 header
  ...kinds(0, 0), // 7-10 normal
  ...kinds(1, 3), // 11-14 heading
  ...kinds(1, 0), // 15-18 item
  ...kinds(1, 2), // 19-22 subtotal
];

const STYLES =
  XML_DECL +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0"/></numFmts>' +
  '<fonts count="3"><font><sz val="10"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="10"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="13"/><name val="Arial"/><family val="2"/></font></fonts>' +
  '<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${CELL_XFS.length}">${CELL_XFS.join("")}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

function summaryXml(meta: { regencyName: string; year: number }, summaries: readonly AgencySummary[], sheetByAgency: ReadonlyMap<string, string>, notes: RenjaXlsxOptions["notes"], shared: SharedStrings): string {
  const summary = summaryRows(meta, summaries, sheetByAgency, notes ?? []);
  const next = { row: 1, merges: [] as string[] };
  return SHEET_HEAD(summary.widths, summary.printTitles[1], true) + rowsXml(summary.rows, next, summary.widths, shared) + SHEET_TAIL(next.merges);
}

/** The sheets in tab order, each with the rows the printer repeats (Print_Titles, a name local to its sheet). */
function workbookXml(sheets: readonly { name: string; printTitles: readonly [number, number] }[]): string {
  const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const list = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const titles = sheets.map((s, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quoted(s.name))}!$${s.printTitles[0]}:$${s.printTitles[1]}</definedName>`).join("");
  return XML_DECL + `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>${list}</sheets><definedNames>${titles}</definedNames></workbook>`;
}

function workbookRelsXml(files: readonly string[]): string {
  const sheets = files.map((file, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/${file}"/>`).join("");
  const styles = `<Relationship Id="rId${files.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`;
  const strings = `<Relationship Id="rId${files.length + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`;
  return XML_DECL + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets}${styles}${strings}</Relationships>`;
}

export interface RenjaXlsxStreamOptions extends RenjaXlsxOptions {
  /** Stamped on the zip entries; defaults to now. */
  modifiedAt?: Date;
}

/**
 * The Renja workbook as a byte stream from two passes over the year's rows: `renjaPages` sorted as
 * `compareRenjaRows` (agency first), `td4Pages` sorted as `compareTd4` (kecamatan, then priority). Either order
 * broken fails the stream: an agency that comes back after another started, or a T-D.4 row out of order.
 */
export function renjaXlsxStream(
  renjaPages: AsyncIterable<readonly RenjaRow[]>,
  td4Pages: AsyncIterable<readonly RenjaRow[]>,
  options: RenjaXlsxStreamOptions = {},
): ReadableStream<Uint8Array> {
  return bytesStream(workbookChunks(renjaPages, td4Pages, options));
}

async function* workbookChunks(
  renjaPages: AsyncIterable<readonly RenjaRow[]>,
  td4Pages: AsyncIterable<readonly RenjaRow[]>,
  options: RenjaXlsxStreamOptions,
): AsyncGenerator<Uint8Array> {
  const zip = createZip(options.modifiedAt ?? new Date());
  const meta = { regencyName: options.regencyName ?? "", year: options.year ?? 0 };
  yield* zip.entry("[Content_Types].xml", [CONTENT_TYPES]);
  yield* zip.entry("_rels/.rels", [ROOT_RELS]);
  yield* zip.entry("xl/styles.xml", [STYLES]);

  // Agency sheets: split the sorted Renja rows at each change of agency. A page may hold the end of one agency and
  // the start of the next, so the pages are re-cut into runs of one agency each.
  const nameSheet = createSheetNamer([SUMMARY_SHEET, TD4_SHEET]);
  const shared: SharedStrings = { index: new Map() };
  const summaries: AgencySummary[] = [];
  const sheetByAgency = new Map<string, string>();
  const agencySheetFiles: string[] = [];
  const runs = agencyRuns(renjaPages);
  try {
    let run = await runs.next();
    while (!run.done) {
      const first = run.value[0]!;
      if (sheetByAgency.has(first.agencyId)) {
        throw new Error(`XLSX: baris OPD ${first.agencyId} tidak berurutan; urutkan per OPD, program, kegiatan, sub kegiatan`);
      }
      const summary: AgencySummary = { agencyId: first.agencyId, agencyShortName: first.agencyShortName, agencyName: first.agencyName, rowCount: 0, paguTotal: 0 };
      summaries.push(summary);
      sheetByAgency.set(first.agencyId, nameSheet(first.agencyShortName || first.agencyName));
      const file = `sheet${agencySheetFiles.length + 2}.xml`;
      agencySheetFiles.push(file);
      // The first run is already read; the sheet takes the following runs of the same agency as they come.
      let pending: readonly RenjaRow[] | undefined = run.value;
      const agencyId = first.agencyId;
      async function* sameAgency(): AsyncGenerator<readonly RenjaRow[]> {
        while (pending) {
          for (const row of pending) {
            summary.rowCount++;
            summary.paguTotal += row.pagu;
          }
          yield pending;
          run = await runs.next();
          pending = !run.done && run.value[0]!.agencyId === agencyId ? run.value : undefined;
        }
      }
      yield* zip.entry(`xl/worksheets/${file}`, layoutSheetXml(agencySheetLayout({ ...meta, agencyName: first.agencyName }), sameAgency(), shared));
    }

  } finally {
    // Also on a cancelled download: ends the page source (and so the D1 reads) behind the runs.
    await runs.return(undefined);
  }

  const td4File = `sheet${agencySheetFiles.length + 2}.xml`;
  const numberer = createTd4Numberer();
  async function* td4Rows() {
    for await (const page of td4Pages) yield page.map(numberer);
  }
  const td4Layout = td4SheetLayout(meta);
  yield* zip.entry(`xl/worksheets/${td4File}`, layoutSheetXml(td4Layout, td4Rows(), shared));
  const summary = summaryRows(meta, summaries, sheetByAgency, options.notes ?? []);
  yield* zip.entry("xl/worksheets/sheet1.xml", [summaryXml(meta, summaries, sheetByAgency, options.notes, shared)]);

  const agencyTitles = agencySheetLayout({ ...meta, agencyName: "" }).printTitles;
  const sheets = [
    { name: SUMMARY_SHEET, printTitles: summary.printTitles },
    ...summaries.map((s) => ({ name: sheetByAgency.get(s.agencyId)!, printTitles: agencyTitles })),
    { name: TD4_SHEET, printTitles: td4Layout.printTitles },
  ];
  yield* zip.entry("xl/sharedStrings.xml", [sharedStringsXml(shared)]);
  yield* zip.entry("xl/workbook.xml", [workbookXml(sheets)]);
  yield* zip.entry("xl/_rels/workbook.xml.rels", [workbookRelsXml(["sheet1.xml", ...agencySheetFiles, td4File])]);
  yield zip.end();
}

/** Re-cuts sorted pages into runs of rows of one agency each (a run never spans two agencies). */
async function* agencyRuns(pages: AsyncIterable<readonly RenjaRow[]>): AsyncGenerator<readonly RenjaRow[]> {
  for await (const page of pages) {
    let start = 0;
    for (let i = 1; i <= page.length; i++) {
      if (i === page.length || page[i]!.agencyId !== page[start]!.agencyId) {
        if (i > start) yield page.slice(start, i);
        start = i;
      }
    }
  }
}

/** A pull stream over an async generator of byte chunks; cancelling it ends the generator (and its sources). */
export function bytesStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          await chunks.return(undefined).catch(() => undefined);
          throw error;
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** The streamed workbook's bytes from rows in any order (sorted here both ways): for small exports and tests. */
export async function renjaXlsxFromRows(rows: readonly RenjaRow[], options: RenjaXlsxStreamOptions = {}): Promise<Uint8Array> {
  async function* once(sorted: readonly RenjaRow[]) {
    yield sorted;
  }
  const stream = renjaXlsxStream(once([...rows].sort(compareRenjaRows)), once([...rows].sort(compareTd4)), options);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** One sheet of a generic workbook: a layout and the pages of its rows. */
export interface LayoutSheet {
  name: string;
  layout: SheetLayout<LayoutRow>;
  pages: AsyncIterable<readonly LayoutRow[]> | Iterable<readonly LayoutRow[]>;
}

/**
 * Any workbook of layout sheets (tabs in the given order) with this writer's styles, print set-up and streaming zip:
 * other documents (budget scenarios) use it rather than a writer of their own.
 */
export function layoutWorkbookStream(sheets: readonly LayoutSheet[], modifiedAt = new Date()): ReadableStream<Uint8Array> {
  return bytesStream(
    (async function* () {
      const zip = createZip(modifiedAt);
      yield* zip.entry("[Content_Types].xml", [CONTENT_TYPES]);
      yield* zip.entry("_rels/.rels", [ROOT_RELS]);
      yield* zip.entry("xl/styles.xml", [STYLES]);
      const shared: SharedStrings = { index: new Map() };
      const files = sheets.map((_, i) => `sheet${i + 1}.xml`);
      for (const [i, sheet] of sheets.entries()) {
        const pages = sheet.pages;
        const asyncPages = (async function* () {
          for await (const page of pages) yield page;
        })();
        yield* zip.entry(`xl/worksheets/${files[i]}`, layoutSheetXml(sheet.layout, asyncPages, shared));
      }
      yield* zip.entry("xl/sharedStrings.xml", [sharedStringsXml(shared)]);
      yield* zip.entry("xl/workbook.xml", [workbookXml(sheets.map((s) => ({ name: s.name, printTitles: s.layout.printTitles })))]);
      yield* zip.entry("xl/_rels/workbook.xml.rels", [workbookRelsXml(files)]);
      yield zip.end();
    })(),
  );
}
