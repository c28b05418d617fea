import { check } from './answer.checker.js';
import { effectiveTimeLimitMs, type ExtraTime } from './deadline.calculator.js';
import type { Question, ValidationIssue, ValidationResult } from './question.types.js';

/**
 * Kahoot's published scoring rule ("How points work", support.kahoot.com article 115002303908):
 * a right answer earns `round((1 − (responseTime / timer) / 2) × pointsPossible)`, and the full
 * points when answered in under 0.5 s. So a right answer earns between half and all of the points.
 */
export const FULL_POINTS_UNDER_MS = 500;

/**
 * Kahoot's answer streak bonus (same article): streak 1 → +0, 2 → +100, 3 → +200, 4 → +300,
 * 5 → +400, 6 and beyond → +500. A wrong (or missing) answer resets the streak to 0. A 0-point
 * question still extends the streak but earns no bonus.
 */
export const STREAK_BONUS_STEP = 100;
/** The largest streak bonus, reached at a streak of 6. */
export const STREAK_BONUS_CAP = 500;

/** Per-lesson scoring options. */
export interface ScoringOptions {
  /** Kahoot's speed rule (default). Off: a right answer earns the flat `points × credit`. */
  readonly speedScoring: boolean;
  /** Answer streak bonus (default on). Off: streaks are still counted but earn nothing. */
  readonly streaks: boolean;
  /** Extra time per participant id (accessibility). */
  readonly extraTime: Readonly<Record<string, ExtraTime>>;
}

/** The defaults: Kahoot's rules, no extra time. */
export const DEFAULT_SCORING_OPTIONS: ScoringOptions = Object.freeze({
  speedScoring: true,
  streaks: true,
  extraTime: Object.freeze({}),
});

/** Fill in the defaults for the options not given. */
export function resolveScoringOptions(options?: Partial<ScoringOptions>): ScoringOptions {
  return { ...DEFAULT_SCORING_OPTIONS, ...stripUndefined(options ?? {}) };
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Validate scoring options from JSON (e.g. a lesson's `scoring` column) and fill in the defaults.
 * `extraTime` entries need `factor` in 1..10 and/or `extraMs` in 0..3,600,000. Never throws.
 */
export function validateScoringOptions(input: unknown): ValidationResult<ScoringOptions> {
  if (input === undefined || input === null) return { ok: true, value: DEFAULT_SCORING_OPTIONS };
  const errors: ValidationIssue[] = [];
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '(scoring)', message: 'must be an object' }] };
  }
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['speedScoring', 'streaks', 'extraTime'].includes(key)) {
      errors.push({
        path: key,
        message: 'is not a scoring option (speedScoring, streaks, extraTime)',
      });
    }
  }
  for (const key of ['speedScoring', 'streaks'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') {
      errors.push({ path: key, message: 'must be true or false' });
    }
  }
  const extraTime: Record<string, ExtraTime> = {};
  if (o.extraTime !== undefined) {
    if (typeof o.extraTime !== 'object' || o.extraTime === null || Array.isArray(o.extraTime)) {
      errors.push({ path: 'extraTime', message: 'must be an object keyed by participant id' });
    } else {
      for (const [id, e] of Object.entries(o.extraTime)) {
        const at = `extraTime.${id}`;
        if (typeof e !== 'object' || e === null || Array.isArray(e)) {
          errors.push({ path: at, message: 'must be an object { factor?, extraMs? }' });
          continue;
        }
        const { factor, extraMs, ...rest } = e as Record<string, unknown>;
        for (const k of Object.keys(rest))
          errors.push({ path: `${at}.${k}`, message: 'is not allowed' });
        if (factor !== undefined && !(typeof factor === 'number' && factor >= 1 && factor <= 10)) {
          errors.push({ path: `${at}.factor`, message: 'must be a number from 1 to 10' });
        }
        if (
          extraMs !== undefined &&
          !(typeof extraMs === 'number' && extraMs >= 0 && extraMs <= 3_600_000)
        ) {
          errors.push({
            path: `${at}.extraMs`,
            message: 'must be a number of ms from 0 to 3600000',
          });
        }
        extraTime[id] = stripUndefined({ factor, extraMs }) as ExtraTime;
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: resolveScoringOptions({
      speedScoring: o.speedScoring as boolean | undefined,
      streaks: o.streaks as boolean | undefined,
      extraTime,
    }),
  };
}

/** The extra time granted to `participantId`, if any. */
export function extraTimeFor(
  options: Pick<ScoringOptions, 'extraTime'>,
  participantId: string | undefined,
): ExtraTime | undefined {
  if (participantId === undefined || !Object.hasOwn(options.extraTime, participantId))
    return undefined;
  return options.extraTime[participantId];
}

/**
 * Points for an answer before the streak bonus: `round(points × credit × speedFactor)` where
 * speedFactor is `1 − (responseMs / timeLimitMs) / 2` (Kahoot), 1 under 0.5 s or with speed
 * scoring off. `responseMs` is clamped to `0..timeLimitMs`, so the result is always within
 * `0..points`. Example (Kahoot's): 2 s into a 30 s timer for 1000 points → 967.
 */
export function speedPoints({
  points,
  credit,
  responseMs,
  timeLimitMs,
  speedScoring = true,
}: {
  readonly points: number;
  /** 0..1 (1 for a right answer; partial credit scales the points). */
  readonly credit: number;
  readonly responseMs: number;
  /** The participant's effective timer (extra time included). */
  readonly timeLimitMs: number;
  readonly speedScoring?: boolean;
}): number {
  const c = Number.isFinite(credit) ? Math.min(1, Math.max(0, credit)) : 0;
  if (points <= 0 || c === 0) return 0;
  const limit = Math.max(1, timeLimitMs);
  const t = Number.isFinite(responseMs) ? Math.min(limit, Math.max(0, responseMs)) : limit;
  if (!speedScoring || t < FULL_POINTS_UNDER_MS) return Math.round(points * c);
  // (1 − (t/T)/2) × P × c, written as P·c·(2T − t) / 2T to keep the integer part exact.
  return Math.round((points * c * (2 * limit - t)) / (2 * limit));
}

/**
 * The bonus for a right answer that makes a streak of `streak` consecutive right answers (this one
 * included): `min(100 × (streak − 1), 500)`, and 0 for a 0-point question or with streaks off.
 */
export function streakBonus({
  streak,
  points,
  streaks = true,
}: {
  readonly streak: number;
  readonly points: number;
  readonly streaks?: boolean;
}): number {
  if (!streaks || points <= 0 || !(streak > 1)) return 0;
  return Math.min(STREAK_BONUS_CAP, STREAK_BONUS_STEP * (Math.floor(streak) - 1));
}

/** The outcome of scoring one answer. */
export interface AnswerScore {
  /** Fully right (see `check`). */
  readonly correct: boolean;
  /** 0..1. */
  readonly credit: number;
  /** Received after the participant's effective timer ran out (or with a non-finite time): 0 points. */
  readonly late: boolean;
  /** Points before the bonus, 0..points. */
  readonly basePoints: number;
  /** The streak bonus, 0..500. */
  readonly streakBonus: number;
  /** `basePoints + streakBonus`, 0..points + 500. */
  readonly points: number;
  /** The participant's streak after this answer (0 unless it was right and on time). */
  readonly streak: number;
  /** Present when the value had the wrong shape (then wrong, 0 points). */
  readonly errors?: readonly ValidationIssue[];
}

/**
 * Check and score one answer. Pure: the response time and the participant's streak so far are
 * inputs. A right, on-time answer extends the streak; anything else (wrong, partly right, late, or
 * malformed) resets it to 0 — as should a missing answer when the question closes. Never throws.
 */
export function scoreAnswer({
  question,
  value,
  responseMs,
  streakBefore,
  participantId,
  options,
}: {
  readonly question: Question;
  readonly value: unknown;
  /** From the timer's start (see `responseTimeMs`). */
  readonly responseMs: number;
  /** Consecutive right answers before this question. */
  readonly streakBefore: number;
  /** Used to look up extra time in `options.extraTime`. */
  readonly participantId?: string;
  readonly options?: Partial<ScoringOptions>;
}): AnswerScore {
  const opts = resolveScoringOptions(options);
  const result = check(question, value);
  const timeLimitMs = effectiveTimeLimitMs({
    timeLimitMs: question.timeLimitSec * 1000,
    extraTime: extraTimeFor(opts, participantId),
  });
  const late = !Number.isFinite(responseMs) || responseMs > timeLimitMs;
  const basePoints = late
    ? 0
    : speedPoints({
        points: question.points,
        credit: result.credit,
        responseMs,
        timeLimitMs,
        speedScoring: opts.speedScoring,
      });
  const streak = result.correct && !late ? Math.max(0, Math.floor(streakBefore) || 0) + 1 : 0;
  const bonus =
    result.correct && !late
      ? streakBonus({ streak, points: question.points, streaks: opts.streaks })
      : 0;
  return {
    correct: result.correct,
    credit: result.credit,
    late,
    basePoints,
    streakBonus: bonus,
    points: basePoints + bonus,
    streak,
    ...(result.errors && { errors: result.errors }),
  };
}
