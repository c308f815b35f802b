/**
 * Pictures a planner reads at a glance, drawn as SVG markup on the server: no script, no CDN, nothing the pages'
 * CSP would block (presentation attributes only, no style attribute). Pure functions from numbers to a string;
 * every text that comes from data is escaped here, so callers may embed the result as it is.
 */

export interface ChartText {
  /** Read by screen readers and shown as the picture's tooltip. */
  title: string;
  /** Said when there is nothing to draw, instead of an empty frame. */
  empty: string;
}

/** Text as SVG/XML content or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A label cut to `max` characters with an ellipsis; the full text stays in the bar's tooltip. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

/**
 * The length of `value` on a bar `width` long whose end stands for `max`. Negative and non-finite values draw
 * nothing; a zero or missing maximum draws nothing rather than dividing by zero; a value above the maximum is
 * drawn to the end.
 */
export function scale(value: number, max: number, width: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(max) || value <= 0 || max <= 0) return 0;
  return Math.round((Math.min(value, max) / max) * width * 10) / 10;
}

export const COLORS = { primary: "#166534", secondary: "#86efac", muted: "#e5e7eb", over: "#b91c1c", text: "#1b1b1b", soft: "#4b5563" } as const;

const FONT = 'font-family="system-ui,sans-serif" font-size="13"';

/** The `<svg>` frame with its accessible name; `body` is markup built by this module. */
export function frame(width: number, height: number, text: ChartText, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeXml(text.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${FONT}><title>${escapeXml(text.title)}</title>${body}</svg>`;
}

/** The frame with one line saying there is nothing to draw. */
export function emptyChart(width: number, text: ChartText): string {
  return frame(width, 32, text, `<text x="0" y="20" fill="${COLORS.soft}">${escapeXml(text.empty)}</text>`);
}

export const svgText = (x: number, y: number, text: string, attrs = "") => `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ""}>${escapeXml(text)}</text>`;

export const svgRect = (x: number, y: number, width: number, height: number, fill: string, tooltip?: string) =>
  `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${fill}">${tooltip === undefined ? "" : `<title>${escapeXml(tooltip)}</title>`}</rect>`;
