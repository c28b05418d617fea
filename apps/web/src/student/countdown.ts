import type { QuestionTiming } from '@podroom/contracts';

/**
 * The question's timer on the phone. The server owns the clock: a view carries `remainingMs`
 * (to this student's deadline) and `serverNow`, so the phone counts down from the instant the
 * view arrived (`receivedAt`, its own clock) and never compares clocks.
 */
export interface Countdown {
  /** `reading`: answers open in `startsInMs`; `running`: `leftMs` to answer; `over`. */
  phase: 'reading' | 'running' | 'over';
  startsInMs: number;
  leftMs: number;
  /** Whole seconds left, rounded up (what the big number shows). */
  seconds: number;
  /** 1 → 0 as the time runs out (the ring around the number). */
  fraction: number;
}

export function countdownAt(
  timing: Pick<QuestionTiming, 'timerStartsAt' | 'serverNow' | 'remainingMs' | 'timeLimitMs'>,
  receivedAt: number,
  now: number,
): Countdown {
  const elapsed = Math.max(0, now - receivedAt);
  const startsInMs = Math.max(0, timing.timerStartsAt - timing.serverNow - elapsed);
  const leftMs = Math.max(0, timing.remainingMs - elapsed);
  const seconds = Math.ceil(leftMs / 1000);
  const running = Math.min(leftMs, timing.timeLimitMs);
  const fraction = timing.timeLimitMs > 0 ? running / timing.timeLimitMs : 0;
  const phase = startsInMs > 0 ? 'reading' : leftMs > 0 ? 'running' : 'over';
  return {
    phase,
    startsInMs,
    leftMs,
    seconds: Math.min(seconds, Math.ceil(timing.timeLimitMs / 1000)),
    fraction,
  };
}

/** The moments a screen reader hears about the timer (not every second). */
const MARKS = [30, 10, 5];

/**
 * What to announce when the timer moves from `before` to `after` (both {@link Countdown}s, or
 * `undefined` for the first look), or '' to stay quiet: the start, 30 / 10 / 5 seconds left,
 * and the end.
 */
export function announcement(before: Countdown | undefined, after: Countdown): string {
  if (after.phase === 'reading') {
    return before?.phase === 'reading' ? '' : 'Read the question: answers open in a moment.';
  }
  if (after.phase === 'over') return before?.phase === 'over' ? '' : "Time's up.";
  if (before?.phase !== 'running') return `${after.seconds} seconds to answer.`;
  const mark = MARKS.find((m) => before.seconds > m && after.seconds <= m);
  return mark === undefined ? '' : `${mark} seconds left.`;
}
