/**
 * Timing helpers. All inputs are plain millisecond numbers supplied by the caller (epoch ms for
 * instants, durations in ms); nothing here reads the clock.
 */

/**
 * Extra time granted to one participant (accessibility accommodation). Their effective timer is
 * `timeLimitMs × factor + extraMs`, and speed points are computed against that longer timer, so
 * the accommodation does not cost them points.
 */
export interface ExtraTime {
  /** Multiplier on the question's timer, ≥ 1 (e.g. 1.5 for "time and a half"). Default 1. */
  readonly factor?: number;
  /** Milliseconds added after the multiplier, ≥ 0. Default 0. */
  readonly extraMs?: number;
}

/** A participant's timer for one question. */
export interface ParticipantDeadline {
  /** When the timer starts (answers open): `openedAtMs + readingDelayMs`. */
  readonly timerStartsAtMs: number;
  /** The participant's timer length, extra time included. */
  readonly effectiveTimeLimitMs: number;
  /** The last instant an answer counts: `timerStartsAtMs + effectiveTimeLimitMs`. */
  readonly deadlineMs: number;
}

/** The participant's timer length: `round(timeLimitMs × factor + extraMs)`. */
export function effectiveTimeLimitMs({
  timeLimitMs,
  extraTime,
}: {
  readonly timeLimitMs: number;
  readonly extraTime?: ExtraTime;
}): number {
  const factor = Math.max(1, extraTime?.factor ?? 1);
  const extraMs = Math.max(0, extraTime?.extraMs ?? 0);
  return Math.round(timeLimitMs * factor + extraMs);
}

/**
 * A participant's timer for one question: the question is shown at `openedAtMs`, answers open
 * after `readingDelayMs` (the same for everyone), and the participant's timer then runs for
 * {@link effectiveTimeLimitMs}.
 */
export function participantDeadline({
  openedAtMs,
  timeLimitMs,
  readingDelayMs = 0,
  extraTime,
}: {
  /** When the question was shown (epoch ms). */
  readonly openedAtMs: number;
  /** The question's timer (`timeLimitSec × 1000`). */
  readonly timeLimitMs: number;
  /** Time to read the question before answers open. Default 0. */
  readonly readingDelayMs?: number;
  readonly extraTime?: ExtraTime;
}): ParticipantDeadline {
  const timerStartsAtMs = openedAtMs + Math.max(0, readingDelayMs);
  const effective = effectiveTimeLimitMs({ timeLimitMs, extraTime });
  return {
    timerStartsAtMs,
    effectiveTimeLimitMs: effective,
    deadlineMs: timerStartsAtMs + effective,
  };
}

/**
 * The response time to score: milliseconds from the timer's start to when the answer was received,
 * never negative (an answer received during the reading delay counts as instant).
 */
export function responseTimeMs({
  timerStartsAtMs,
  receivedAtMs,
}: {
  readonly timerStartsAtMs: number;
  readonly receivedAtMs: number;
}): number {
  return Math.max(0, receivedAtMs - timerStartsAtMs);
}
