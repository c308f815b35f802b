/**
 * The first worksheet of an XLSX file as rows of text, the way a person sees the cells: shared and inline strings,
 * numbers as plain digits ("47400000", not "4.74E7"), booleans as TRUE/FALSE. Row i of the result is the sheet's
 * row i + 1, so problems can be reported with the row number the person sees in Excel. No formulas are evaluated:
 * a formula cell gives the value Excel saved with it.
 */
import { unzip } from "./unzip.ts";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

/** The text of an <si> or <is>: its <t> runs joined (rich text keeps its words, drops its formatting). */
const runsText = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1]!)).join("");

function columnIndex(ref: string): number {
  let index = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? "") index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

function firstSheetPath(files: Map<string, Uint8Array>, decode: (b: Uint8Array | undefined) => string): string {
  const workbook = decode(files.get("xl/workbook.xml"));
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const rels = decode(files.get("xl/_rels/workbook.xml.rels"));
  const target = rid ? new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1] : undefined;
  if (!target) return "xl/worksheets/sheet1.xml";
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

export class NotAWorkbook extends Error {}

export async function readFirstSheet(bytes: Uint8Array): Promise<string[][]> {
  let files: Map<string, Uint8Array>;
  try {
    files = await unzip(bytes);
  } catch {
    throw new NotAWorkbook("not a zip");
  }
  const decoder = new TextDecoder();
  const decode = (b: Uint8Array | undefined) => (b ? decoder.decode(b) : "");
  const sheet = decode(files.get(firstSheetPath(files, decode)));
  if (!sheet.includes("<sheetData")) throw new NotAWorkbook("no worksheet");
  const shared = [...decode(files.get("xl/sharedStrings.xml")).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runsText(m[1]!));
  const rows: string[][] = [];
  for (const row of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const number = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? rows.length + 1);
    const cells: string[] = [];
    for (const cell of (row[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cell[1]!;
      const body = cell[2] ?? "";
      const ref = /\br="([A-Z]+)\d*"/.exec(attrs)?.[1];
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? "n";
      const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = "";
      if (type === "s") value = shared[Number(raw)] ?? "";
      else if (type === "inlineStr") value = runsText(body);
      else if (type === "b") value = raw === "1" ? "TRUE" : "FALSE";
      else if (raw !== undefined) value = type === "n" && Number.isFinite(Number(raw)) ? String(Number(raw)) : unescapeXml(raw);
      const index = ref ? columnIndex(ref) : cells.length;
      while (cells.length < index) cells.push("");
      cells[index] = value;
    }
    while (rows.length < number - 1) rows.push([]);
    rows[number - 1] = cells;
  }
  return rows;
}
