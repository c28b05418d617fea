import fc from 'fast-check';

import {
  questionWithAnswerArb,
  multiArb,
  orderingArb,
  questionArb,
} from '../test/quiz.arbitraries.js';
import {
  newHotspot,
  newMulti,
  newNumeric,
  newOrdering,
  newSingle,
  newTrueFalse,
} from '../test/quiz.fixtures.js';
import { check, longestIncreasingSubsequence } from './answer.checker.js';
import type { MultiSelectQuestion, OrderingQuestion } from './question.types.js';

const RIGHT = { correct: true, credit: 1 };
const WRONG = { correct: false, credit: 0 };

describe('check', () => {
  it('single: the right option id only', () => {
    expect(check(newSingle(), 'c')).toEqual(RIGHT);
    expect(check(newSingle(), 'a')).toEqual(WRONG);
  });

  it('true-false: the right boolean only', () => {
    expect(check(newTrueFalse(), false)).toEqual(RIGHT);
    expect(check(newTrueFalse(), true)).toEqual(WRONG);
    expect(check(newTrueFalse({ answer: true }), true)).toEqual(RIGHT);
  });

  it('hotspot: the right component id only (case-sensitive)', () => {
    expect(check(newHotspot(), 'netpol/deny-all')).toEqual(RIGHT);
    expect(check(newHotspot(), 'node-1/cni0')).toEqual(WRONG);
    const free = newHotspot({ options: undefined, answer: 'bridge cni0' });
    expect(check(free, 'bridge cni0')).toEqual(RIGHT);
    expect(check(free, 'Bridge cni0')).toEqual(WRONG);
  });

  describe('numeric', () => {
    it('exact when the tolerance is 0 or absent', () => {
      expect(check(newNumeric(), 64)).toEqual(RIGHT);
      expect(check(newNumeric(), 63)).toEqual(WRONG);
      expect(check(newNumeric({ tolerance: undefined }), 64.001)).toEqual(WRONG);
    });

    it('within the tolerance, bounds included', () => {
      const q = newNumeric({ answer: 10, tolerance: 0.5 });
      expect(check(q, 10.5)).toEqual(RIGHT);
      expect(check(q, 9.5)).toEqual(RIGHT);
      expect(check(q, 10.51)).toEqual(WRONG);
      expect(check(q, 9.49)).toEqual(WRONG);
    });

    it('is not fooled by binary floating point at the bound', () => {
      // |0.4 − 0.3| is 0.10000000000000003 in binary floating point.
      expect(check(newNumeric({ answer: 0.3, tolerance: 0.1 }), 0.4)).toEqual(RIGHT);
      expect(check(newNumeric({ answer: 0.3, tolerance: 0.1 }), 0.4000001)).toEqual(WRONG);
    });
  });

  describe('multi: (right picks − wrong picks) / right options, floored at 0', () => {
    // Right options: a, b, c of a..e.
    const q = newMulti({
      options: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: id.toUpperCase() })),
      answer: ['a', 'b', 'c'],
    });
    it.each([
      [['a', 'b', 'c'], true, 1],
      [['c', 'a', 'b'], true, 1],
      [['a', 'b'], false, 2 / 3],
      [['a'], false, 1 / 3],
      [['a', 'b', 'c', 'd'], false, 2 / 3],
      [['a', 'b', 'd'], false, 1 / 3],
      [['a', 'd'], false, 0],
      [['a', 'b', 'c', 'd', 'e'], false, 1 / 3],
      [['d', 'e'], false, 0],
    ])('%j → correct %s, credit %d', (value, correct, credit) => {
      const result = check(q, value);
      expect(result.correct).toBe(correct);
      expect(result.credit).toBeCloseTo(credit, 12);
    });

    it('all or nothing with partialCredit: false', () => {
      const strict = { ...q, partialCredit: false };
      expect(check(strict, ['a', 'b'])).toEqual(WRONG);
      expect(check(strict, ['b', 'c', 'a'])).toEqual(RIGHT);
    });

    it('credit is within 0..1 and 1 exactly when the set is right', () => {
      fc.assert(
        fc.property(
          multiArb.chain((question) =>
            fc
              .shuffledSubarray(
                (question as MultiSelectQuestion).options.map((o) => o.id),
                { minLength: 1 },
              )
              .map((value) => ({ question: question as MultiSelectQuestion, value })),
          ),
          ({ question, value }) => {
            const { correct, credit } = check(question, value);
            const exact =
              value.length === question.answer.length &&
              question.answer.every((id) => value.includes(id));
            expect(correct).toBe(exact);
            expect(credit === 1).toBe(exact);
            expect(credit).toBeGreaterThanOrEqual(0);
            expect(credit).toBeLessThanOrEqual(1);
          },
        ),
      );
    });
  });

  describe('ordering: exact = right, else (longest in-order run − 1) / (n − 1)', () => {
    const q = newOrdering(); // pod, veth, bridge, dnat, dest
    it.each([
      [['pod', 'veth', 'bridge', 'dnat', 'dest'], true, 1],
      [['veth', 'pod', 'bridge', 'dnat', 'dest'], false, 3 / 4], // one swap: run of 4
      [['dest', 'pod', 'veth', 'bridge', 'dnat'], false, 3 / 4], // one item moved: run of 4
      [['pod', 'bridge', 'veth', 'dest', 'dnat'], false, 2 / 4], // two swaps: run of 3
      [['dest', 'dnat', 'bridge', 'veth', 'pod'], false, 0], // reversed: run of 1
    ])('%j → correct %s, credit %d', (value, correct, credit) => {
      expect(check(q, value)).toEqual({ correct, credit });
    });

    it('two items swapped earns nothing', () => {
      const two = newOrdering({
        options: [
          { id: 'x', text: 'X' },
          { id: 'y', text: 'Y' },
        ],
        answer: ['x', 'y'],
      });
      expect(check(two, ['y', 'x'])).toEqual(WRONG);
      expect(check(two, ['x', 'y'])).toEqual(RIGHT);
    });

    it('all or nothing with partialCredit: false', () => {
      expect(
        check({ ...q, partialCredit: false }, ['veth', 'pod', 'bridge', 'dnat', 'dest']),
      ).toEqual(WRONG);
    });

    it('credit is within 0..1, 1 exactly for the right order, 0 for the reverse', () => {
      fc.assert(
        fc.property(
          orderingArb.chain((question) => {
            const ids = (question as OrderingQuestion).options.map((o) => o.id);
            return fc
              .shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length })
              .map((value) => ({ question: question as OrderingQuestion, value }));
          }),
          ({ question, value }) => {
            const { correct, credit } = check(question, value);
            const exact = value.every((id, i) => question.answer[i] === id);
            expect(correct).toBe(exact);
            expect(credit === 1).toBe(exact);
            expect(credit).toBeGreaterThanOrEqual(0);
            expect(credit).toBeLessThanOrEqual(1);
            expect(check(question, [...question.answer].reverse()).credit).toBe(0);
          },
        ),
      );
    });
  });

  it('a malformed value is wrong with errors, never a throw', () => {
    const result = check(newMulti(), 'kp');
    expect(result).toMatchObject(WRONG);
    expect(result.errors).toEqual([
      { path: 'value', message: 'must be an array of option ids, got the string "kp"' },
    ]);
    fc.assert(
      fc.property(questionArb, fc.anything(), (q, value) => {
        const r = check(q, value);
        expect(r.credit >= 0 && r.credit <= 1).toBe(true);
        if (r.errors) expect(r).toMatchObject(WRONG);
      }),
    );
  });

  it('the key itself is always right', () => {
    fc.assert(
      fc.property(questionArb, (q) => {
        expect(check(q, q.answer)).toEqual(RIGHT);
      }),
    );
  });

  it('credit is 1 exactly when correct, for any well-formed answer', () => {
    fc.assert(
      fc.property(questionWithAnswerArb, ({ question, value }) => {
        const { correct, credit, errors } = check(question, value);
        expect(errors).toBeUndefined();
        expect(credit === 1).toBe(correct);
      }),
    );
  });
});

describe('longestIncreasingSubsequence', () => {
  const bruteForce = (xs: number[]): number => {
    let best = 0;
    for (let mask = 0; mask < 1 << xs.length; mask++) {
      const picked = xs.filter((_, i) => mask & (1 << i));
      if (picked.every((v, i) => i === 0 || picked[i - 1]! < v))
        best = Math.max(best, picked.length);
    }
    return best;
  };
  it('matches a brute force on small arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 10 }), (xs) => {
        expect(longestIncreasingSubsequence(xs)).toBe(bruteForce(xs));
      }),
    );
  });
});
