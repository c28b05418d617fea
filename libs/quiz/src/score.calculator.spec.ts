import fc from 'fast-check';

import { answerArb, questionArb } from '../test/quiz.arbitraries.js';
import { newMulti, newSingle, newTrueFalse } from '../test/quiz.fixtures.js';
import type { Points } from './question.types.js';
import {
  DEFAULT_SCORING_OPTIONS,
  scoreAnswer,
  speedPoints,
  streakBonus,
  validateScoringOptions,
} from './score.calculator.js';

describe('speedPoints (Kahoot: round((1 − (t/T)/2) × P), full P under 0.5 s)', () => {
  it("reproduces Kahoot's worked example: 2 s into a 30 s timer, 1000 points → 967", () => {
    expect(speedPoints({ points: 1000, credit: 1, responseMs: 2_000, timeLimitMs: 30_000 })).toBe(
      967,
    );
  });

  it.each([
    [0, 1000],
    [499, 1000], // under 0.5 s: the formula is not applied
    [500, 992], // (1 − 0.5/30/2) × 1000 = 991.67
    [15_000, 750],
    [30_000, 500], // at the buzzer: half the points
  ])('%d ms of 30 s for 1000 points → %d', (responseMs, expected) => {
    expect(speedPoints({ points: 1000, credit: 1, responseMs, timeLimitMs: 30_000 })).toBe(
      expected,
    );
  });

  it('scales with the points possible', () => {
    expect(speedPoints({ points: 2000, credit: 1, responseMs: 2_000, timeLimitMs: 30_000 })).toBe(
      1933,
    );
    expect(speedPoints({ points: 0, credit: 1, responseMs: 2_000, timeLimitMs: 30_000 })).toBe(0);
  });

  it('scales with partial credit before rounding', () => {
    // 2/3 × 1000 × (1 − 6/20/2) = 566.67
    expect(
      speedPoints({ points: 1000, credit: 2 / 3, responseMs: 6_000, timeLimitMs: 20_000 }),
    ).toBe(567);
    expect(speedPoints({ points: 1000, credit: 0, responseMs: 100, timeLimitMs: 20_000 })).toBe(0);
  });

  it('is flat P × credit with speed scoring off', () => {
    expect(
      speedPoints({
        points: 1000,
        credit: 1,
        responseMs: 29_000,
        timeLimitMs: 30_000,
        speedScoring: false,
      }),
    ).toBe(1000);
    expect(
      speedPoints({
        points: 2000,
        credit: 1 / 3,
        responseMs: 29_000,
        timeLimitMs: 30_000,
        speedScoring: false,
      }),
    ).toBe(667);
  });

  it('never rises with a slower answer and stays within P/2 × credit .. P × credit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Points>(0, 1000, 2000),
        fc.integer({ min: 5_000, max: 240_000 }),
        fc.nat(),
        fc.nat(),
        (points, timeLimitMs, a, b) => {
          const [fast, slow] = [a % (timeLimitMs + 1), b % (timeLimitMs + 1)].sort((x, y) => x - y);
          const p = (responseMs: number): number =>
            speedPoints({ points, credit: 1, responseMs, timeLimitMs });
          expect(p(fast!)).toBeGreaterThanOrEqual(p(slow!));
          expect(p(slow!)).toBeGreaterThanOrEqual(points / 2);
          expect(p(fast!)).toBeLessThanOrEqual(points);
        },
      ),
    );
  });
});

describe('streakBonus (Kahoot: +100 per streak level above 1, capped at +500)', () => {
  // support.kahoot.com "How points work": Answer Streak 1: 0, 2: 100, 3: 200, 4: 300, 5: 400,
  // 6: 500; higher streaks stay at 500; a wrong answer resets the streak to 0.
  it.each([
    [0, 0],
    [1, 0],
    [2, 100],
    [3, 200],
    [4, 300],
    [5, 400],
    [6, 500],
    [7, 500],
    [20, 500],
  ])('streak %d → +%d', (streak, bonus) => {
    expect(streakBonus({ streak, points: 1000 })).toBe(bonus);
    expect(streakBonus({ streak, points: 2000 })).toBe(bonus);
  });

  it('is 0 on a 0-point question and with streaks off', () => {
    expect(streakBonus({ streak: 4, points: 0 })).toBe(0);
    expect(streakBonus({ streak: 4, points: 1000, streaks: false })).toBe(0);
  });
});

describe('scoreAnswer', () => {
  const q = newSingle({ timeLimitSec: 30 }); // right: 'c'

  it('scores a first right answer without bonus and starts a streak', () => {
    expect(scoreAnswer({ question: q, value: 'c', responseMs: 2_000, streakBefore: 0 })).toEqual({
      correct: true,
      credit: 1,
      late: false,
      basePoints: 967,
      streakBonus: 0,
      points: 967,
      streak: 1,
    });
  });

  it('adds the bonus for the streak this answer makes', () => {
    const third = scoreAnswer({ question: q, value: 'c', responseMs: 2_000, streakBefore: 2 });
    expect(third).toMatchObject({ basePoints: 967, streakBonus: 200, points: 1167, streak: 3 });
    const tenth = scoreAnswer({ question: q, value: 'c', responseMs: 0, streakBefore: 9 });
    expect(tenth).toMatchObject({ basePoints: 1000, streakBonus: 500, points: 1500, streak: 10 });
  });

  it('resets the streak on a wrong answer, with no points', () => {
    expect(
      scoreAnswer({ question: q, value: 'a', responseMs: 2_000, streakBefore: 5 }),
    ).toMatchObject({
      correct: false,
      points: 0,
      streak: 0,
    });
  });

  it('gives partial points for a partly right multi-select, with no bonus and a reset streak', () => {
    const multi = newMulti({ timeLimitSec: 20 }); // right: kp, ct
    expect(scoreAnswer({ question: multi, value: ['kp'], responseMs: 0, streakBefore: 3 })).toEqual(
      {
        correct: false,
        credit: 0.5,
        late: false,
        basePoints: 500,
        streakBonus: 0,
        points: 500,
        streak: 0,
      },
    );
  });

  it("follows Kahoot's 0-point example: the streak grows with no bonus, then pays on the next question", () => {
    const zero = scoreAnswer({
      question: newTrueFalse({ points: 0 }),
      value: false,
      responseMs: 1_000,
      streakBefore: 1,
    });
    expect(zero).toMatchObject({ points: 0, streakBonus: 0, streak: 2 });
    const next = scoreAnswer({ question: q, value: 'c', responseMs: 0, streakBefore: zero.streak });
    expect(next).toMatchObject({ basePoints: 1000, streakBonus: 200, points: 1200, streak: 3 });
  });

  it('honours speedScoring and streaks off', () => {
    const options = { speedScoring: false, streaks: false };
    expect(
      scoreAnswer({ question: q, value: 'c', responseMs: 29_000, streakBefore: 4, options }),
    ).toMatchObject({
      basePoints: 1000,
      streakBonus: 0,
      points: 1000,
      streak: 5,
    });
  });

  it('gives a late answer 0 points and resets the streak, even if right', () => {
    expect(
      scoreAnswer({ question: q, value: 'c', responseMs: 30_001, streakBefore: 3 }),
    ).toMatchObject({
      correct: true,
      late: true,
      points: 0,
      streak: 0,
    });
    expect(
      scoreAnswer({ question: q, value: 'c', responseMs: Number.NaN, streakBefore: 3 }),
    ).toMatchObject({
      late: true,
      points: 0,
    });
    expect(
      scoreAnswer({ question: q, value: 'c', responseMs: 30_000, streakBefore: 0 }),
    ).toMatchObject({
      late: false,
      points: 500,
    });
  });

  it('scores a participant with extra time against their longer timer', () => {
    const options = { extraTime: { alice: { factor: 2 } } };
    // 30 s into alice's 60 s: (1 − 0.5/2) × 1000 = 750, and not late.
    expect(
      scoreAnswer({
        question: q,
        value: 'c',
        responseMs: 30_000,
        streakBefore: 0,
        participantId: 'alice',
        options,
      }),
    ).toMatchObject({ late: false, points: 750 });
    expect(
      scoreAnswer({
        question: q,
        value: 'c',
        responseMs: 45_000,
        streakBefore: 0,
        participantId: 'alice',
        options,
      }),
    ).toMatchObject({ late: false, points: 625 });
    expect(
      scoreAnswer({
        question: q,
        value: 'c',
        responseMs: 45_000,
        streakBefore: 0,
        participantId: 'bob',
        options,
      }),
    ).toMatchObject({ late: true, points: 0 });
    expect(
      scoreAnswer({
        question: q,
        value: 'c',
        responseMs: 45_000,
        streakBefore: 0,
        participantId: 'toString',
        options,
      }),
    ).toMatchObject({ late: true });
  });

  it('reports a malformed value as wrong, with errors, without throwing', () => {
    const result = scoreAnswer({
      question: q,
      value: { pick: 'c' },
      responseMs: 1_000,
      streakBefore: 2,
    });
    expect(result).toMatchObject({ correct: false, points: 0, streak: 0 });
    expect(result.errors?.[0]?.path).toBe('value');
  });

  it('always lands within 0 .. P + 500', () => {
    fc.assert(
      fc.property(
        questionArb.chain((question) =>
          fc.record({
            question: fc.constant(question),
            value: fc.oneof(answerArb(question), fc.anything()),
            responseMs: fc.oneof(fc.integer({ min: -1_000, max: 300_000 }), fc.double()),
            streakBefore: fc.oneof(fc.nat({ max: 50 }), fc.double()),
            speedScoring: fc.boolean(),
            streaks: fc.boolean(),
          }),
        ),
        ({ question, value, responseMs, streakBefore, speedScoring, streaks }) => {
          const r = scoreAnswer({
            question,
            value,
            responseMs,
            streakBefore,
            options: { speedScoring, streaks },
          });
          expect(Number.isInteger(r.points)).toBe(true);
          expect(r.points).toBeGreaterThanOrEqual(0);
          expect(r.points).toBeLessThanOrEqual(question.points + (question.points > 0 ? 500 : 0));
          expect(r.basePoints).toBeLessThanOrEqual(question.points);
          expect(r.points).toBe(r.basePoints + r.streakBonus);
          expect(r.streak === 0 || r.correct).toBe(true);
        },
      ),
    );
  });
});

describe('validateScoringOptions', () => {
  it('fills in the defaults', () => {
    expect(validateScoringOptions(undefined)).toEqual({ ok: true, value: DEFAULT_SCORING_OPTIONS });
    expect(validateScoringOptions({ streaks: false })).toEqual({
      ok: true,
      value: { speedScoring: true, streaks: false, extraTime: {} },
    });
  });

  it('accepts extra time per participant', () => {
    expect(
      validateScoringOptions({ extraTime: { p1: { factor: 1.5 }, p2: { extraMs: 10_000 } } }),
    ).toEqual({
      ok: true,
      value: {
        speedScoring: true,
        streaks: true,
        extraTime: { p1: { factor: 1.5 }, p2: { extraMs: 10_000 } },
      },
    });
  });

  it('names each bad field', () => {
    const result = validateScoringOptions({
      speedScoring: 'yes',
      bonus: 1,
      extraTime: { p1: { factor: 0.5 }, p2: { extraMs: -1, minutes: 3 }, p3: 7 },
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      'bonus',
      'speedScoring',
      'extraTime.p1.factor',
      'extraTime.p2.minutes',
      'extraTime.p2.extraMs',
      'extraTime.p3',
    ]);
    expect(validateScoringOptions([]).ok).toBe(false);
  });
});
