/**
 * A4 documents drawn with pdf-lib: letterhead, headings, wrapped paragraphs and tables that break across pages
 * with their header row repeated. pdf-lib runs unchanged in workerd; it is imported when a document is made, so a
 * Worker that serves no PDF never evaluates it (see README, "PDF"). The standard fonts (Helvetica, Times) encode
 * WinAnsi only, so every text passes `winAnsi` first: a character outside it becomes its base letter or "?",
 * never an exception halfway through a document.
 */
import type { PDFDocument, PDFFont, PDFImage, PDFPage } from "pdf-lib";

/** A4 in points, portrait. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** The characters CP1252 has beyond Latin-1's: what Helvetica can draw in the 0x80-0x9F range. */
const CP1252_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

function drawable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch);
}

/** Text the standard fonts can draw: control characters and line breaks become spaces, other letters their base letter or "?". */
export function winAnsi(text: string): string {
  let out = "";
  for (const ch of text.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, " ")) {
    if (drawable(ch)) out += ch;
    else {
      const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
      out += [...base].every(drawable) && base ? base : "?";
    }
  }
  return out;
}

const CHAR_WIDTHS = new WeakMap<PDFFont, Map<string, number>>();

/**
 * The width of `text` at `size` from each character's advance, remembered per font: pdf-lib's widthOfTextAtSize
 * encodes the whole string into glyph objects on every call, and wrapping measures each line word by word (a 2,000-row
 * T-D.4 spent most of its 6 s there). Kerning is left out, which only ever makes a line a little wider than drawn:
 * a wrap then breaks a word early, never lets text run past its cell.
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = CHAR_WIDTHS.get(font);
  if (!widths) CHAR_WIDTHS.set(font, (widths = new Map()));
  let total = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, 1)));
    total += w;
  }
  return total * size;
}

/** `text` cut into lines no wider than `width` at `size`: at spaces, and inside a word only when it alone is wider. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = textWidth(font, " ", size);
  for (const paragraph of text.split("\n")) {
    let line = "";
    let used = 0;
    for (const word of winAnsi(paragraph).split(" ").filter(Boolean)) {
      const wordWidth = textWidth(font, word, size);
      const candidate = line ? used + space + wordWidth : wordWidth;
      if (candidate <= width) {
        line = line ? `${line} ${word}` : word;
        used = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (textWidth(font, rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(font, rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
      used = textWidth(font, rest, size);
    }
    lines.push(line);
  }
  return lines;
}

export interface Letterhead {
  lines: readonly string[];
  logo: { contentType: "image/png" | "image/jpeg"; bytes: Uint8Array } | null;
}

export interface Column {
  header: string;
  width: number;
  align?: "left" | "right" | "center";
}

export type RowStyle = "normal" | "heading" | "total";

export interface TableRow {
  cells: readonly string[];
  style?: RowStyle;
  /** At least this tall (a signature needs room for ink). */
  minHeight?: number;
  /** Small grey text at the bottom of the last cell (an electronic sign-off under the space for the wet one). */
  footnote?: string;
  /** One cell across the whole table (a group's heading): its text in the first cell. */
  across?: true;
}

/** A document being drawn: the cursor moves down the page and a new page starts when the next block does not fit. */
export class Drawing {
  page!: PDFPage;
  y = 0;
  readonly margin = { top: 48, bottom: 48, left: 56, right: 48 };

  readonly lib: typeof import("pdf-lib");
  readonly doc: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly size: { width: number; height: number };
  private readonly pageFooter: string;

  private constructor(lib: typeof import("pdf-lib"), doc: PDFDocument, regular: PDFFont, bold: PDFFont, size: { width: number; height: number }, pageFooter: string) {
    this.lib = lib;
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.size = size;
    this.pageFooter = pageFooter;
  }

  static async create(options: { title: string; landscape?: boolean; footer: string; at: Date }): Promise<Drawing> {
    const lib = await import("pdf-lib");
    const doc = await lib.PDFDocument.create();
    // Fixed metadata: the same document twice gives the same bytes (exports compare files across paths).
    doc.setTitle(winAnsi(options.title));
    doc.setCreator("Musrenbang Sync");
    doc.setProducer("Musrenbang Sync (pdf-lib)");
    doc.setCreationDate(options.at);
    doc.setModificationDate(options.at);
    const size = options.landscape ? { width: A4.height, height: A4.width } : { width: A4.width, height: A4.height };
    const drawing = new Drawing(lib, doc, await doc.embedFont(lib.StandardFonts.Helvetica), await doc.embedFont(lib.StandardFonts.HelveticaBold), size, options.footer);
    drawing.newPage();
    return drawing;
  }

  get contentWidth(): number {
    return this.size.width - this.margin.left - this.margin.right;
  }

  newPage(): void {
    this.page = this.doc.addPage([this.size.width, this.size.height]);
    this.y = this.size.height - this.margin.top;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): boolean {
    if (this.y - height >= this.margin.bottom) return false;
    this.newPage();
    return true;
  }

  text(text: string, x: number, y: number, options: { size?: number; bold?: boolean; grey?: boolean } = {}): void {
    this.page.drawText(winAnsi(text), { x, y, size: options.size ?? 10, font: options.bold ? this.bold : this.regular, color: options.grey ? this.lib.rgb(0.35, 0.35, 0.35) : this.lib.rgb(0, 0, 0) });
  }

  /** Lines centred on the page, each with its own size and weight. */
  centred(lines: readonly { text: string; size: number; bold?: boolean }[], gap = 3): void {
    for (const line of lines) {
      const font = line.bold ? this.bold : this.regular;
      for (const part of wrap(line.text, font, line.size, this.contentWidth)) {
        this.ensure(line.size + gap);
        this.y -= line.size;
        this.text(part, this.margin.left + (this.contentWidth - font.widthOfTextAtSize(part, line.size)) / 2, this.y, { size: line.size, bold: line.bold ?? false });
        this.y -= gap;
      }
    }
  }

  /** A justified-left paragraph across the content width (or from `indent`). */
  paragraph(text: string, options: { size?: number; bold?: boolean; indent?: number; align?: "left" | "right"; after?: number } = {}): void {
    const size = options.size ?? 10.5;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    for (const line of wrap(text, font, size, this.contentWidth - indent)) {
      this.ensure(size * 1.45);
      this.y -= size * 1.45;
      const x = options.align === "right" ? this.margin.left + this.contentWidth - font.widthOfTextAtSize(line, size) : this.margin.left + indent;
      this.text(line, x, this.y + size * 0.3, { size, bold: options.bold ?? false });
    }
    this.y -= options.after ?? 4;
  }

  /** Logo at the left, the lines centred, then the double rule of an Indonesian kop surat. */
  async letterhead(head: Letterhead): Promise<void> {
    const top = this.y;
    const logoSize = 62;
    let image: PDFImage | undefined;
    if (head.logo) {
      try {
        image = head.logo.contentType === "image/png" ? await this.doc.embedPng(head.logo.bytes) : await this.doc.embedJpg(head.logo.bytes);
      } catch {
        // A logo pdf-lib cannot read (an interlaced PNG, say) leaves the letterhead as text rather than no document.
        image = undefined;
      }
    }
    if (image) {
      const scale = Math.min(logoSize / image.width, logoSize / image.height);
      this.page.drawImage(image, { x: this.margin.left, y: top - image.height * scale, width: image.width * scale, height: image.height * scale });
    }
    const sizes = head.lines.map((_, i) => (i === 0 ? 14 : i === 1 ? 13 : 9.5));
    this.centred(head.lines.map((text, i) => ({ text, size: sizes[i]!, bold: i < 2 })), 3);
    this.y = Math.min(this.y, top - (image ? logoSize : 0)) - 6;
    const black = this.lib.rgb(0, 0, 0);
    const x1 = this.margin.left;
    const x2 = this.size.width - this.margin.right;
    this.page.drawLine({ start: { x: x1, y: this.y }, end: { x: x2, y: this.y }, thickness: 2.2, color: black });
    this.page.drawLine({ start: { x: x1, y: this.y - 3 }, end: { x: x2, y: this.y - 3 }, thickness: 0.7, color: black });
    this.y -= 16;
  }

  /** A bordered table; rows that do not fit go to the next page under the header row again. */
  table(columns: readonly Column[], rows: readonly TableRow[], options: { size?: number } = {}): void {
    const size = options.size ?? 9;
    const pad = 3;
    const lineHeight = size * 1.25;
    const grey = this.lib.rgb(0.88, 0.88, 0.88);
    const light = this.lib.rgb(0.95, 0.95, 0.95);
    const black = this.lib.rgb(0, 0, 0);
    const scale = this.contentWidth / columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => c.width * scale);
    const layout = (cells: readonly string[], bold: boolean) => cells.map((cell, i) => wrap(cell, bold ? this.bold : this.regular, size, widths[i]! - 2 * pad));
    const draw = (lines: string[][], height: number, style: RowStyle, footnote?: string, cellWidths: readonly number[] = widths) => {
      const fill = style === "heading" ? light : style === "total" ? grey : undefined;
      let x = this.margin.left;
      const bold = style !== "normal";
      lines.forEach((cellLines, i) => {
        this.page.drawRectangle({ x, y: this.y - height, width: cellWidths[i]!, height, borderColor: black, borderWidth: 0.5, ...(fill ? { color: fill } : {}) });
        cellLines.forEach((line, n) => {
          const font = bold ? this.bold : this.regular;
          const align = cellWidths === widths ? (columns[i]!.align ?? "left") : "left";
          const w = font.widthOfTextAtSize(line, size);
          const tx = align === "right" ? x + cellWidths[i]! - pad - w : align === "center" ? x + (cellWidths[i]! - w) / 2 : x + pad;
          this.text(line, tx, this.y - pad - size - n * lineHeight + 1.5, { size, bold });
        });
        x += cellWidths[i]!;
      });
      if (footnote) {
        const note = wrap(footnote, this.regular, size - 2, widths.at(-1)! - 2 * pad);
        note.forEach((line, n) => this.text(line, x - widths.at(-1)! + pad, this.y - height + pad + (note.length - 1 - n) * (size - 1), { size: size - 2, grey: true }));
      }
      this.y -= height;
    };
    const headerLines = layout(columns.map((c) => c.header), true);
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 2 * pad;
    const header = () => draw(headerLines, headerHeight, "total");
    this.ensure(headerHeight + lineHeight * 2 + 2 * pad);
    header();
    for (const row of rows) {
      const bold = (row.style ?? "normal") !== "normal";
      const across = row.across ? [wrap(row.cells[0] ?? "", bold ? this.bold : this.regular, size, this.contentWidth - 2 * pad)] : null;
      const lines = across ?? layout(row.cells, bold);
      const height = Math.max(row.minHeight ?? 0, Math.max(...lines.map((l) => l.length)) * lineHeight + 2 * pad);
      if (this.ensure(height)) header();
      draw(lines, height, row.style ?? "normal", row.footnote, across ? [this.contentWidth] : widths);
    }
    this.y -= 10;
  }

  /** Page numbers ("Halaman 2 dari 5") and the footer line on every page, then the file. */
  async save(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const label = winAnsi(`${this.pageFooter} · Halaman ${i + 1} dari ${pages.length}`);
      page.drawText(label, { x: this.margin.left, y: 24, size: 7.5, font: this.regular, color: this.lib.rgb(0.35, 0.35, 0.35) });
    });
    return this.doc.save({ useObjectStreams: true });
  }
}
