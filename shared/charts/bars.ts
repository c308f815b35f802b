/**
 * The console's pictures: labelled horizontal bars, used-vs-remaining bars of envelopes, the stage funnel and
 * paired before/after bars (also what a budget scenario's comparison reuses). Each takes plain rows and a
 * `format` for its numbers (rupiah, counts) and returns SVG markup (see svg.ts).
 */
import { clip, COLORS, emptyChart, frame, scale, svgRect, svgText, type ChartText } from "./svg.ts";

export type Format = (value: number) => string;

const WIDTH = 760;
const LABEL = 270;
const VALUE = 170;
const BAR_X = LABEL + 8;
const BAR_W = WIDTH - BAR_X - VALUE;
const ROW = 26;
const BAR = 16;
const LABEL_CHARS = 36;

const label = (y: number, text: string) => svgText(0, y + BAR - 3, clip(text, LABEL_CHARS), `fill="${COLORS.text}"`);
const value = (x: number, y: number, text: string, fill: string = COLORS.text) => svgText(x + 6, y + BAR - 3, text, `fill="${fill}"`);

export interface Bar {
  label: string;
  value: number;
}

/** One bar per row, longest for the largest value, the value written after it. */
export function horizontalBars(rows: readonly Bar[], format: Format, text: ChartText): string {
  if (rows.length === 0) return emptyChart(WIDTH, text);
  const max = Math.max(...rows.map((r) => r.value));
  const body = rows
    .map((r, i) => {
      const y = i * ROW + 4;
      const w = scale(r.value, max, BAR_W);
      return `<g>${label(y, r.label)}${svgRect(BAR_X, y, w, BAR, COLORS.primary, `${r.label}: ${format(r.value)}`)}${value(BAR_X + w, y, format(r.value))}</g>`;
    })
    .join("");
  return frame(WIDTH, rows.length * ROW + 8, text, body);
}

export interface UsedOfTotal {
  label: string;
  used: number;
  total: number;
}

export interface UsedWords {
  used: string;
  remaining: string;
  over: string;
}

/**
 * An envelope per row: the used part dark, the room left light, all on one scale (the largest envelope or use),
 * so a small kecamatan's envelope looks small. Use beyond the envelope is drawn red past its end and said in words.
 */
export function usedRemainingBars(rows: readonly UsedOfTotal[], format: Format, words: UsedWords, text: ChartText): string {
  if (rows.length === 0) return emptyChart(WIDTH, text);
  const max = Math.max(...rows.map((r) => Math.max(r.used, r.total)));
  const body = rows
    .map((r, i) => {
      const y = i * ROW + 4;
      const within = Math.min(Math.max(r.used, 0), Math.max(r.total, 0));
      const usedW = scale(within, max, BAR_W);
      const totalW = scale(r.total, max, BAR_W);
      const over = r.used - r.total;
      const overW = over > 0 ? scale(r.used, max, BAR_W) - totalW : 0;
      const tip = `${r.label}: ${words.used} ${format(r.used)} / ${format(r.total)}`;
      const note = over > 0 ? value(totalW + overW + BAR_X, y, `${words.over} ${format(over)}`, COLORS.over) : value(BAR_X + Math.max(totalW, usedW), y, `${words.remaining} ${format(r.total - r.used)}`);
      return `<g>${label(y, r.label)}${svgRect(BAR_X, y, totalW, BAR, COLORS.secondary, `${tip}; ${words.remaining} ${format(Math.max(r.total - r.used, 0))}`)}${svgRect(BAR_X, y, usedW, BAR, COLORS.primary, tip)}${overW > 0 ? svgRect(BAR_X + totalW, y, overW, BAR, COLORS.over, tip) : ""}${note}</g>`;
    })
    .join("");
  const legendY = rows.length * ROW + 10;
  const legend = `${svgRect(BAR_X, legendY, 12, 12, COLORS.primary)}${svgText(BAR_X + 16, legendY + 11, words.used)}${svgRect(BAR_X + 120, legendY, 12, 12, COLORS.secondary)}${svgText(BAR_X + 136, legendY + 11, words.remaining)}`;
  return frame(WIDTH, legendY + 18, text, body + legend);
}

export interface FunnelStep {
  label: string;
  count: number;
}

/**
 * Stages in order, each a bar centred under the first (the widest: 100%), with its count and its share of the
 * first stage. A stage with more than the first is drawn full width; a first stage of zero draws no bars.
 */
export function funnel(steps: readonly FunnelStep[], format: Format, text: ChartText): string {
  if (steps.length === 0) return emptyChart(WIDTH, text);
  const first = steps[0]!.count;
  const row = 30;
  const body = steps
    .map((s, i) => {
      const y = i * row + 4;
      const w = scale(s.count, first, BAR_W);
      const percent = first > 0 ? (Math.max(s.count, 0) / first) * 100 : 0;
      // One in 306 is not nothing: a share that rounds to 0 but is not 0 reads "<1%".
      const share = first <= 0 ? "–" : percent > 0 && percent < 0.5 ? "<1%" : `${Math.round(percent)}%`;
      return `<g>${label(y + 2, s.label)}${svgRect(BAR_X + (BAR_W - w) / 2, y, w, row - 6, COLORS.primary, `${s.label}: ${format(s.count)}`)}${value(BAR_X + BAR_W, y + 2, `${format(s.count)} (${share})`)}</g>`;
    })
    .join("");
  return frame(WIDTH, steps.length * row + 8, text, body);
}

export interface Pair {
  label: string;
  before: number;
  after: number;
}

export interface Group {
  label: string;
  /** One value per series, in the series' order. */
  values: readonly number[];
}

/** Series colours in order: the first reads as "before", the second as "now", a third stands apart. */
const SERIES_COLORS = [COLORS.secondary, COLORS.primary, "#1d4ed8"] as const;

/**
 * Bars grouped per row on one scale, one per series (today and two scenarios; asked and agreed). `series` names
 * them; the legend and each bar's tooltip use the names.
 */
export function groupedBars(rows: readonly Group[], series: readonly string[], format: Format, text: ChartText): string {
  if (rows.length === 0) return emptyChart(WIDTH, text);
  const max = Math.max(...rows.flatMap((r) => r.values));
  const bar = 12;
  const row = bar * series.length + 10;
  const body = rows
    .map((r, i) => {
      const y = i * row + 4;
      const bars = series.map((name, s) => {
        const w = scale(r.values[s] ?? 0, max, BAR_W);
        const top = y + s * bar;
        const colour = SERIES_COLORS[s % SERIES_COLORS.length]!;
        return `${svgRect(BAR_X, top, w, bar, colour, `${r.label}, ${name}: ${format(r.values[s] ?? 0)}`)}${svgText(BAR_X + w + 6, top + bar - 2, format(r.values[s] ?? 0), `fill="${s === series.length - 1 ? COLORS.text : COLORS.soft}" font-size="11"`)}`;
      });
      return `<g>${label(y + 6, r.label)}${bars.join("")}</g>`;
    })
    .join("");
  const legendY = rows.length * row + 6;
  // One legend line per series: three long scenario names side by side ran past the frame.
  const legend = series.map((name, s) => `${svgRect(BAR_X, legendY + s * 16, 12, 12, SERIES_COLORS[s % SERIES_COLORS.length]!)}${svgText(BAR_X + 16, legendY + s * 16 + 11, name)}`).join("");
  return frame(WIDTH, legendY + series.length * 16 + 4, text, body + legend);
}

/** Two bars per row: "before" and "after" (asked and agreed, one scenario and another). */
export function pairedBars(rows: readonly Pair[], series: { before: string; after: string }, format: Format, text: ChartText): string {
  return groupedBars(
    rows.map((r) => ({ label: r.label, values: [r.before, r.after] })),
    [series.before, series.after],
    format,
    text,
  );
}
