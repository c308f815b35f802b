/**
 * Counts and rupiah per stage as an SVG drawn on the server: no script, no font or file from elsewhere, so it works
 * under the pages' CSP and on any phone. Each stage is a row with two bars scaled to the largest of their kind (how
 * many proposals, how much money) and the numbers written out, so the chart reads without colour and a screen
 * reader gets the same in the <title>/<desc> and the table beside it.
 */
import { escapeXml as escape, scale } from "../charts/svg.ts";
import { rupiah } from "../format.ts";

export interface ChartRow {
  label: string;
  count: number;
  rupiah: number;
}

export interface ChartText {
  title: string;
  /** Word after a count, e.g. "usulan". */
  countUnit: string;
}


const WIDTH = 340;
const ROW = 58;
const TOP = 8;
const BAR_HEIGHT = 12;
const BAR_WIDTH = WIDTH - 8;

/** Width of a bar of `value` against `max`; a non-zero value is at least 2 px so it is seen. */
export const barWidth = (value: number, max: number) => (value > 0 && max > 0 && Number.isFinite(value) ? Math.max(2, Math.round(scale(value, max, BAR_WIDTH))) : 0);

/** The chart as an <svg> element string (text escaped), scaled to its container's width by its viewBox. */
export function stageChartSvg(rows: readonly ChartRow[], text: ChartText): string {
  const maxCount = Math.max(0, ...rows.map((r) => r.count));
  const maxRupiah = Math.max(0, ...rows.map((r) => r.rupiah));
  const height = TOP + rows.length * ROW;
  const desc = rows.map((r) => `${r.label}: ${r.count} ${text.countUnit}, ${rupiah(r.rupiah)}`).join("; ");
  /** A bar's number just past its end, or inside it in white when it would run off the chart. */
  const bar = (y: number, width: number, fill: string, label: string) => {
    const outside = width + 4 + label.length * 6 <= BAR_WIDTH;
    return (
      `<rect x="0" y="${y}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="#e5e7eb"/><rect x="0" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${fill}"/>` +
      `<text x="${outside ? width + 4 : 4}" y="${y + 10}" font-size="10" fill="${outside ? "#1b1b1b" : "#fff"}">${escape(label)}</text>`
    );
  };
  const body = rows
    .map((r, i) => {
      const y = TOP + i * ROW;
      return (
        `<text x="0" y="${y + 12}" font-size="13" font-weight="600" fill="#1b1b1b">${escape(r.label)}</text>` +
        bar(y + 18, barWidth(r.count, maxCount), "#166534", `${r.count} ${text.countUnit}`) +
        bar(y + 33, barWidth(r.rupiah, maxRupiah), "#b45309", rupiah(r.rupiah))
      );
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui,sans-serif"><title id="chart-title">${escape(text.title)}</title><desc id="chart-desc">${escape(desc)}</desc>${body}</svg>`;
}
