import { chartDescription, type AccuracyBar } from './report.model.js';

const ROW = 34;
const LABEL_W = 56;
const VALUE_W = 76;
const BAR_W = 300;
const WIDTH = LABEL_W + BAR_W + VALUE_W;

/**
 * Accuracy per question as horizontal bars (hardest first). One picture for sighted readers,
 * described as a whole by its aria-label; the table beside it carries the same numbers.
 */
export function AccuracyChart({ bars }: { bars: AccuracyBar[] }) {
  const height = Math.max(1, bars.length) * ROW + 24;
  return (
    <svg
      class="accuracy-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={chartDescription(bars)}
      preserveAspectRatio="xMinYMin meet"
    >
      {[0, 50, 100].map((tick) => (
        <g key={tick} aria-hidden="true">
          <line
            class="accuracy-chart__grid"
            x1={LABEL_W + (tick / 100) * BAR_W}
            x2={LABEL_W + (tick / 100) * BAR_W}
            y1={0}
            y2={bars.length * ROW}
          />
          <text
            class="accuracy-chart__tick"
            x={LABEL_W + (tick / 100) * BAR_W}
            y={bars.length * ROW + 18}
            text-anchor={tick === 0 ? 'start' : tick === 100 ? 'end' : 'middle'}
          >
            {tick} %
          </text>
        </g>
      ))}
      {bars.map((bar, i) => (
        <g key={bar.questionId} class="accuracy-chart__row" data-question={bar.label}>
          <title>{`${bar.label}: ${bar.prompt} — ${bar.text} right`}</title>
          <text class="accuracy-chart__label" x={0} y={i * ROW + 22}>
            {bar.label}
          </text>
          <rect
            class={`accuracy-chart__bar${bar.percent < 50 ? ' is-low' : ''}`}
            x={LABEL_W}
            y={i * ROW + 6}
            width={Math.max(2, (bar.percent / 100) * BAR_W)}
            height={ROW - 12}
            rx={4}
            data-percent={bar.percent}
          />
          <text class="accuracy-chart__value" x={WIDTH} y={i * ROW + 22} text-anchor="end">
            {bar.text}
          </text>
        </g>
      ))}
    </svg>
  );
}
