import fc from 'fast-check';

import { answerArb, questionArb } from '../test/quiz.arbitraries.js';
import { newMulti, newNumeric, newSingle, newTrueFalse } from '../test/quiz.fixtures.js';
import type { Question } from './question.types.js';
import { scoreAnswer } from './score.calculator.js';
import { scoreSession, type StoredAnswer } from './session.scorer.js';

const q1 = newSingle({ id: 'q1', timeLimitSec: 30 }); // right: 'c'
const q2 = newTrueFalse({ id: 'q2', timeLimitSec: 20 }); // right: false
const q3 = newMulti({ id: 'q3', timeLimitSec: 20 }); // right: kp, ct
const q4 = newNumeric({ id: 'q4', timeLimitSec: 30 }); // right: 64
const questions = [q1, q2, q3, q4];

const a = (
  questionId: string,
  participantId: string,
  value: unknown,
  responseMs: number,
): StoredAnswer => ({
  questionId,
  participantId,
  value,
  responseMs,
});

describe('scoreSession', () => {
  const answers = [
    a('q1', 'ann', 'c', 2_000), // 967, streak 1
    a('q2', 'ann', false, 0), // 1000 + 100, streak 2
    a('q3', 'ann', ['kp', 'ct'], 0), // 1000 + 200, streak 3
    a('q4', 'ann', 64, 0), // 1000 + 300, streak 4
    a('q1', 'bob', 'c', 0), // 1000, streak 1
    a('q2', 'bob', true, 0), // wrong, streak 0
    a('q3', 'bob', ['kp'], 0), // partial: 500, streak 0
    a('q4', 'bob', 64, 10_000), // round(1000 × (1 − 1/6)) = 833, streak 1
    // cat misses q2: the streak resets
    a('q1', 'cat', 'c', 0), // 1000, streak 1
    a('q3', 'cat', ['ct', 'kp'], 0), // 1000, streak 1
    a('q4', 'cat', 64, 0), // 1000 + 100, streak 2
  ];

  it('recomputes points, streaks and counts from the stored answers', () => {
    const result = scoreSession({ questions, answers, participants: [{ id: 'ann', name: 'Ann' }] });
    expect(result.participants).toEqual([
      {
        participantId: 'ann',
        name: 'Ann',
        points: 967 + 1100 + 1200 + 1300,
        streak: 4,
        bestStreak: 4,
        answered: 4,
        correct: 4,
        correctResponseMs: 2_000,
      },
      {
        participantId: 'bob',
        name: 'bob',
        points: 1000 + 0 + 500 + 833,
        streak: 1,
        bestStreak: 1,
        answered: 4,
        correct: 2,
        correctResponseMs: 10_000,
      },
      {
        participantId: 'cat',
        name: 'cat',
        points: 1000 + 1000 + 1100,
        streak: 2,
        bestStreak: 2,
        answered: 3,
        correct: 3,
        correctResponseMs: 0,
      },
    ]);
    expect(result.ignored).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('lists scored answers in question order, then participant id', () => {
    const result = scoreSession({ questions, answers: [...answers].reverse() });
    expect(result.answers.map((s) => `${s.questionId}/${s.participantId}`)).toEqual([
      'q1/ann',
      'q1/bob',
      'q1/cat',
      'q2/ann',
      'q2/bob',
      'q3/ann',
      'q3/bob',
      'q3/cat',
      'q4/ann',
      'q4/bob',
      'q4/cat',
    ]);
    expect(
      result.answers.find((s) => s.questionId === 'q3' && s.participantId === 'bob'),
    ).toMatchObject({
      correct: false,
      credit: 0.5,
      points: 500,
      streak: 0,
    });
  });

  it('takes questions in the order asked: the streak follows that order', () => {
    const reordered = scoreSession({ questions: [q2, q1, q3, q4], answers });
    // cat's missed question now comes first, so her three right answers make a streak of 3.
    expect(reordered.participants.find((p) => p.participantId === 'cat')).toMatchObject({
      points: 1000 + 1100 + 1200,
      streak: 3,
    });
    // ann: q2 first, then q1 at 2 s with a streak of 2.
    expect(reordered.participants.find((p) => p.participantId === 'ann')?.points).toBe(
      1000 + (967 + 100) + 1200 + 1300,
    );
  });

  it('includes listed participants who never answered', () => {
    const result = scoreSession({
      questions,
      answers: [],
      participants: [{ id: 'dan', name: 'Dan' }],
    });
    expect(result.participants).toEqual([
      {
        participantId: 'dan',
        name: 'Dan',
        points: 0,
        streak: 0,
        bestStreak: 0,
        answered: 0,
        correct: 0,
        correctResponseMs: 0,
      },
    ]);
  });

  it('counts the fastest of duplicate answers and ignores answers to unknown questions', () => {
    const result = scoreSession({
      questions: [q1],
      answers: [a('q1', 'ann', 'a', 5_000), a('q1', 'ann', 'c', 1_000), a('q9', 'ann', 'c', 1_000)],
    });
    expect(result.participants[0]?.points).toBe(983);
    expect(result.ignored).toEqual([
      { answer: a('q1', 'ann', 'a', 5_000), reason: 'another answer to the same question counts' },
      { answer: a('q9', 'ann', 'c', 1_000), reason: 'unknown question "q9"' },
    ]);
  });

  it('scores a stored malformed value as wrong instead of failing', () => {
    const result = scoreSession({
      questions: [q1, q2],
      answers: [a('q1', 'ann', 'c', 0), a('q2', 'ann', 'no', 0)],
    });
    expect(result.participants[0]).toMatchObject({
      points: 1000,
      streak: 0,
      answered: 2,
      correct: 1,
    });
    expect(result.answers[1]?.errors?.[0]?.path).toBe('value');
  });

  it('warns about a repeated question id and scores the first', () => {
    const result = scoreSession({
      questions: [q1, { ...q1, answer: 'a' }],
      answers: [a('q1', 'ann', 'c', 0)],
    });
    expect(result.warnings).toEqual(['questions[1]: repeated question id "q1" ignored']);
    expect(result.participants[0]?.points).toBe(1000);
  });

  it('applies the options: extra time, speed scoring and streaks off', () => {
    const late = scoreSession({ questions: [q1], answers: [a('q1', 'ann', 'c', 45_000)] });
    expect(late.participants[0]?.points).toBe(0);
    const extra = scoreSession({
      questions: [q1],
      answers: [a('q1', 'ann', 'c', 45_000)],
      options: { extraTime: { ann: { extraMs: 30_000 } } },
    });
    expect(extra.participants[0]?.points).toBe(625); // 45 s of 60 s
    const flat = scoreSession({
      questions,
      answers,
      options: { speedScoring: false, streaks: false },
    });
    expect(flat.participants.find((p) => p.participantId === 'ann')?.points).toBe(4000);
  });

  describe('properties', () => {
    const sessionArb = fc
      .array(questionArb, { minLength: 1, maxLength: 5 })
      .map((qs) => qs.map((q, i): Question => ({ ...q, id: `q${i}` })))
      .chain((qs) =>
        fc.record({
          questions: fc.constant(qs),
          answers: fc.array(
            fc
              .tuple(fc.nat({ max: qs.length - 1 }), fc.constantFrom('p1', 'p2', 'p3', 'p4'))
              .chain(([qi, participantId]) =>
                fc.record({
                  questionId: fc.constant(qs[qi]!.id),
                  participantId: fc.constant(participantId),
                  value: answerArb(qs[qi]!),
                  responseMs: fc.integer({ min: 0, max: 250_000 }),
                }),
              ),
            { maxLength: 30 },
          ),
          speedScoring: fc.boolean(),
          streaks: fc.boolean(),
        }),
      );

    it('does not depend on the order of the stored answers', () => {
      fc.assert(
        fc.property(
          sessionArb.chain((s) =>
            fc
              .shuffledSubarray(s.answers, {
                minLength: s.answers.length,
                maxLength: s.answers.length,
              })
              .map((shuffled) => ({ ...s, shuffled })),
          ),
          ({ questions: qs, answers: as, shuffled, speedScoring, streaks }) => {
            const options = { speedScoring, streaks };
            const one = scoreSession({ questions: qs, answers: as, options });
            const two = scoreSession({ questions: qs, answers: shuffled, options });
            expect(two.participants).toEqual(one.participants);
            expect(two.answers.map((x) => x.points)).toEqual(one.answers.map((x) => x.points));
          },
        ),
      );
    });

    it('totals equal the sum of answer points, and replaying scoreAnswer gives the same', () => {
      fc.assert(
        fc.property(sessionArb, ({ questions: qs, answers: as, speedScoring, streaks }) => {
          const options = { speedScoring, streaks };
          const result = scoreSession({ questions: qs, answers: as, options });
          for (const p of result.participants) {
            const mine = result.answers.filter((x) => x.participantId === p.participantId);
            expect(p.points).toBe(mine.reduce((sum, x) => sum + x.points, 0));
            // Replay question by question, as the live room does.
            let streak = 0;
            let points = 0;
            for (const question of qs) {
              const answer = mine.find((x) => x.questionId === question.id);
              if (!answer) {
                streak = 0;
                continue;
              }
              const live = scoreAnswer({
                question,
                value: answer.value,
                responseMs: answer.responseMs,
                streakBefore: streak,
                participantId: p.participantId,
                options,
              });
              streak = live.streak;
              points += live.points;
            }
            expect(p.points).toBe(points);
            expect(p.streak).toBe(streak);
          }
        }),
      );
    });
  });
});
