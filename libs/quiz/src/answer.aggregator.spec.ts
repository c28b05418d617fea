import fc from 'fast-check';

import { answerArb, questionArb } from '../test/quiz.arbitraries.js';
import {
  newHotspot,
  newMulti,
  newNumeric,
  newOrdering,
  newSingle,
  newTrueFalse,
} from '../test/quiz.fixtures.js';
import {
  answerDistribution,
  averageResponseMs,
  questionStats,
  type AnswerDistribution,
} from './answer.aggregator.js';

const v = (...values: unknown[]) => values.map((value) => ({ value }));
/** The counts as an object, for compact expectations (order checked separately). */
const asObject = (d: AnswerDistribution) =>
  Object.fromEntries(d.counts.map((e) => [e.key, e.count]));
const keys = (d: AnswerDistribution) => d.counts.map((e) => e.key);

describe('answerDistribution', () => {
  it('single: counts per option, every option listed, malformed answers apart', () => {
    expect(answerDistribution(newSingle(), v('c', 'a', 'c', 'zz', 3))).toEqual({
      questionId: 'q-single',
      type: 'single',
      answered: 3,
      correct: 2,
      partial: 0,
      incorrect: 1,
      invalid: 2,
      counts: [
        { key: 'a', count: 1 },
        { key: 'b', count: 0 },
        { key: 'c', count: 2 },
        { key: 'd', count: 0 },
      ],
    });
  });

  it('multi: counts each ticked option; partly right answers are "partial"', () => {
    const d = answerDistribution(newMulti(), v(['kp', 'ct'], ['kp'], ['br', 'dns']));
    expect(asObject(d)).toEqual({ kp: 2, ct: 1, br: 1, dns: 1 });
    expect(keys(d)).toEqual(['kp', 'ct', 'br', 'dns']);
    expect([d.correct, d.partial, d.incorrect]).toEqual([1, 1, 1]);
  });

  it("true-false: 'true' and 'false'", () => {
    expect(answerDistribution(newTrueFalse(), v(true, false, false)).counts).toEqual([
      { key: 'true', count: 1 },
      { key: 'false', count: 2 },
    ]);
  });

  it('numeric: counts per value, in increasing order', () => {
    const d = answerDistribution(newNumeric({ answer: 64, tolerance: 1 }), v(128, 64, 63.5, 64, 1));
    expect(d.counts).toEqual([
      { key: '1', count: 1 },
      { key: '63.5', count: 1 },
      { key: '64', count: 2 },
      { key: '128', count: 1 },
    ]);
    expect(d.correct).toBe(3);
  });

  it('ordering: counts how many put each item in its right place', () => {
    const d = answerDistribution(
      newOrdering(),
      v(['pod', 'veth', 'bridge', 'dnat', 'dest'], ['veth', 'pod', 'bridge', 'dnat', 'dest']),
    );
    expect(asObject(d)).toEqual({ pod: 1, veth: 1, bridge: 2, dnat: 2, dest: 2 });
    expect([d.correct, d.partial]).toEqual([1, 1]);
  });

  it('hotspot without options: counts every picked component, sorted', () => {
    const d = answerDistribution(
      newHotspot({ options: undefined }),
      v('node-2', 'netpol/deny-all', 'node-2'),
    );
    expect(d.counts).toEqual([
      { key: 'netpol/deny-all', count: 1 },
      { key: 'node-2', count: 2 },
    ]);
  });

  it('does not count late answers as right', () => {
    const d = answerDistribution(newSingle(), [{ value: 'c', late: true }, { value: 'c' }]);
    expect([d.answered, d.correct, d.incorrect]).toEqual([2, 1, 1]);
  });

  it('does not depend on the order of the answers, and its tallies add up', () => {
    fc.assert(
      fc.property(
        questionArb.chain((q) =>
          fc
            .array(fc.oneof(answerArb(q), fc.anything()), { maxLength: 20 })
            .chain((values) =>
              fc
                .shuffledSubarray(values, { minLength: values.length, maxLength: values.length })
                .map((shuffled) => ({ q, values, shuffled })),
            ),
        ),
        ({ q, values, shuffled }) => {
          const one = answerDistribution(q, v(...values));
          const two = answerDistribution(q, v(...shuffled));
          expect(two).toEqual(one);
          expect(one.answered + one.invalid).toBe(values.length);
          expect(one.correct + one.partial + one.incorrect).toBe(one.answered);
        },
      ),
    );
  });
});

describe('questionStats and averageResponseMs', () => {
  const answers = [
    { value: 'c', responseMs: 2_000 },
    { value: 'a', responseMs: 4_000 },
    { value: 'c', responseMs: 6_000 },
    { value: 'oops', responseMs: 100 },
  ];

  it('gives correct % of those who answered, or of all participants', () => {
    expect(questionStats({ question: newSingle(), answers })).toEqual({
      questionId: 'q-single',
      answered: 3,
      correct: 2,
      partial: 0,
      correctPercent: (100 * 2) / 3,
      averageResponseMs: 4_000,
    });
    expect(
      questionStats({ question: newSingle(), answers, participantCount: 8 }).correctPercent,
    ).toBe(25);
  });

  it('gives null rather than NaN with nobody to count', () => {
    expect(questionStats({ question: newSingle(), answers: [] })).toMatchObject({
      correctPercent: null,
      averageResponseMs: null,
    });
    expect(
      questionStats({ question: newSingle(), answers: [], participantCount: 0 }).correctPercent,
    ).toBeNull();
  });

  it('averages finite response times only', () => {
    expect(
      averageResponseMs([
        { responseMs: 1_000 },
        { responseMs: 3_000 },
        { responseMs: Number.NaN },
        {},
      ]),
    ).toBe(2_000);
    expect(averageResponseMs([])).toBeNull();
  });
});
