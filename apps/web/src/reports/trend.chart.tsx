import { sparkline, trendDescription, type TrendPoint } from './class-report.model.js';

const SPARK_W = 96;
const SPARK_H = 28;

/**
 * A small line of one value per session (a student's points), with a gap where it is missing.
 * Described as a whole by its aria-label; the table row beside it carries the same numbers.
 */
export function Sparkline({ title, points }: { title: string; points: TrendPoint[] }) {
  const shape = sparkline(
    points.map((p) => p.value),
    { width: SPARK_W, height: SPARK_H },
  );
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
      width={SPARK_W}
      height={SPARK_H}
      role="img"
      aria-label={trendDescription(title, points)}
    >
      <line
        class="sparkline__floor"
        x1={0}
        x2={SPARK_W}
        y1={SPARK_H - 3}
        y2={SPARK_H - 3}
        aria-hidden="true"
      />
      {shape.lines.map((line) => (
        <polyline key={line} class="sparkline__line" points={line} />
      ))}
      {shape.dots.map((dot, i) => (
        <circle key={i} class="sparkline__dot" cx={dot.x} cy={dot.y} r={2.5} />
      ))}
    </svg>
  );
}

const COL = 56;
const PLOT_H = 120;
const AXIS_W = 60;
const TOP = 22;

/**
 * A percentage per session as vertical bars on a 0–100 % scale (a concept's accuracy over time,
 * or each session's). Described by its aria-label; a table beside it has the same numbers.
 */
export function SessionBars({ title, points }: { title: string; points: TrendPoint[] }) {
  const width = AXIS_W + Math.max(1, points.length) * COL;
  const height = TOP + PLOT_H + 26;
  const y = (percent: number) =>
    TOP + PLOT_H - (Math.max(0, Math.min(100, percent)) / 100) * PLOT_H;
  return (
    <svg
      class="session-bars"
      viewBox={`0 0 ${width} ${height}`}
      style={{ maxWidth: `${width * 1.25}px` }}
      role="img"
      aria-label={trendDescription(title, points)}
      preserveAspectRatio="xMinYMin meet"
    >
      {[0, 50, 100].map((tick) => (
        <g key={tick} aria-hidden="true">
          <line class="session-bars__grid" x1={AXIS_W - 4} x2={width} y1={y(tick)} y2={y(tick)} />
          <text class="session-bars__tick" x={AXIS_W - 8} y={y(tick) + 5} text-anchor="end">
            {tick} %
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const x = AXIS_W + i * COL + 10;
        const percent = p.value ?? 0;
        return (
          <g key={`${p.label}-${i}`} data-session={p.label}>
            <title>{`${p.label}: ${p.text}`}</title>
            <rect
              class={`session-bars__bar${percent < 50 ? ' is-low' : ''}`}
              x={x}
              y={y(percent) - (percent > 0 ? 0 : 2)}
              width={COL - 20}
              height={Math.max(2, TOP + PLOT_H - y(percent))}
              rx={3}
              data-percent={p.value ?? ''}
            />
            <text
              class="session-bars__value"
              x={x + (COL - 20) / 2}
              y={y(percent) - 6}
              text-anchor="middle"
            >
              {p.value === null ? '–' : Math.round(p.value)}
            </text>
            <text
              class="session-bars__label"
              x={x + (COL - 20) / 2}
              y={TOP + PLOT_H + 20}
              text-anchor="middle"
            >
              {p.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
