/**
 * A small grouped bar chart for budget scenarios (funded rupiah per kecamatan: today, A, B), inline SVG with no
 * script; each row is labelled with its last series' value. Kept in its own module, named for scenarios, so it can be folded into the shared charts (shared/charts/,
 * built alongside) when those land: it takes plain rows and series and knows nothing of scenarios beyond that.
 */
import { rupiah } from "../../shared/format.ts";

const COLOURS = ["#9ca3af", "#166534", "#1d4ed8"];
const LABEL_WIDTH = 170;
const BAR = 9;
const GAP = 8;
const WIDTH = 1180;

export function ScenarioBars(props: { rows: readonly { label: string; values: readonly number[] }[]; series: readonly string[] }) {
  const max = Math.max(1, ...props.rows.flatMap((r) => r.values));
  const plot = WIDTH - LABEL_WIDTH - 150;
  const rowHeight = props.series.length * BAR + GAP;
  const top = 26;
  const height = top + props.rows.length * rowHeight + 4;
  return (
    <svg role="img" aria-label="Rupiah didanai per kecamatan" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" font-size="12" font-family="system-ui, sans-serif">
      {props.series.map((name, s) => (
        <g>
          <rect x={LABEL_WIDTH + s * 260} y="4" width="12" height="12" fill={COLOURS[s % COLOURS.length]} />
          <text x={LABEL_WIDTH + s * 260 + 18} y="15">
            {name}
          </text>
        </g>
      ))}
      {props.rows.map((row, r) => {
        const y = top + r * rowHeight;
        return (
          <g>
            <text x={LABEL_WIDTH - 8} y={y + (props.series.length * BAR) / 2 + 4} text-anchor="end">
              {row.label}
            </text>
            {row.values.map((value, s) => (
              <rect x={LABEL_WIDTH} y={y + s * BAR} width={Math.max(1, (value / max) * plot)} height={BAR - 1} fill={COLOURS[s % COLOURS.length]}>
                <title>{`${props.series[s]}: ${rupiah(value)}`}</title>
              </rect>
            ))}
            <text x={LABEL_WIDTH + (Math.max(...row.values) / max) * plot + 6} y={y + (props.series.length * BAR) / 2 + 4} fill="#374151">
              {`${props.series.at(-1)!.split(":")[0]}: ${rupiah(row.values.at(-1) ?? 0)}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
