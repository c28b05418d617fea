import { histogramDescription, type ScoreBin } from './report.model.js';

const COL = 72;
const PLOT_H = 110;
const AXIS_H = 26;
const TOP = 22;

/**
 * How many participants scored in each range, as vertical bars. Described as a whole by its
 * aria-label; the table beside it carries the same numbers.
 */
export function ScoreHistogram({ bins }: { bins: ScoreBin[] }) {
  const width = Math.max(1, bins.length) * COL;
  const height = TOP + PLOT_H + AXIS_H;
  const most = Math.max(1, ...bins.map((b) => b.count));
  return (
    <svg
      class="score-histogram"
      viewBox={`0 0 ${width} ${height}`}
      style={{ maxWidth: `${width * 1.25}px` }}
      role="img"
      aria-label={histogramDescription(bins)}
      preserveAspectRatio="xMinYMin meet"
    >
      <line
        class="score-histogram__floor"
        x1={0}
        x2={width}
        y1={TOP + PLOT_H}
        y2={TOP + PLOT_H}
        aria-hidden="true"
      />
      {bins.map((bin, i) => {
        const h = (bin.count / most) * PLOT_H;
        const x = i * COL + 6;
        return (
          <g key={bin.label} data-range={bin.label}>
            <title>{`${bin.label} points: ${bin.count}`}</title>
            <rect
              class="score-histogram__bar"
              x={x}
              y={TOP + PLOT_H - h}
              width={COL - 12}
              height={h}
              rx={3}
              data-count={bin.count}
            />
            <text
              class="score-histogram__count"
              x={x + (COL - 12) / 2}
              y={TOP + PLOT_H - h - 6}
              text-anchor="middle"
            >
              {bin.count}
            </text>
            <text
              class="score-histogram__label"
              x={x + (COL - 12) / 2}
              y={TOP + PLOT_H + 18}
              text-anchor="middle"
            >
              {bin.from}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
