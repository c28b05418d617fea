import fc from 'fast-check';

import { SECRET, orderingArb, questionArb } from '../test/quiz.arbitraries.js';
import { newNumeric, newOrdering, newSingle, newTrueFalse } from '../test/quiz.fixtures.js';
import { answerDistribution } from './answer.aggregator.js';
import type { OrderingQuestion } from './question.types.js';
import { revealView, studentView } from './question.views.js';

const FORBIDDEN_KEYS = [
  'answer',
  'explanation',
  'misconceptions',
  'concept',
  'stepRef',
  'tolerance',
  'partialCredit',
];

describe('studentView', () => {
  it('keeps only what a student may see before reveal', () => {
    expect(studentView(newSingle())).toEqual({
      id: 'q-single',
      type: 'single',
      prompt: 'At which step does Pod B process the request?',
      points: 1000,
      timeLimitSec: 30,
      options: newSingle().options,
    });
    expect(studentView(newTrueFalse())).toEqual({
      id: 'q-tf',
      type: 'true-false',
      prompt: 'A bare pod name resolves through cluster DNS.',
      points: 1000,
      timeLimitSec: 20,
    });
    expect(studentView(newNumeric({ unit: 'hops', tolerance: 2 }))).toEqual({
      id: 'q-num',
      type: 'numeric',
      prompt: 'What TTL does the reply from a pod on the same node carry?',
      points: 1000,
      timeLimitSec: 30,
      unit: 'hops',
    });
  });

  it('copies options field by field, so extra fields on an option never leak', () => {
    const q = newSingle({
      options: [{ id: 'a', text: 'A', correct: true } as never, { id: 'c', text: 'C' }],
    });
    expect(studentView(q).options).toEqual([
      { id: 'a', text: 'A' },
      { id: 'c', text: 'C' },
    ]);
  });

  it('shows ordering items shuffled, the same way every time for the same seed', () => {
    const q = newOrdering();
    const view = studentView(q);
    expect(view.options?.map((o) => o.id)).not.toEqual(q.answer);
    expect([...view.options!.map((o) => o.id)].sort()).toEqual([...q.answer].sort());
    expect(studentView(q)).toEqual(view);
    expect(studentView(q, { seed: 'room-42' })).toEqual(studentView(q, { seed: 'room-42' }));
  });

  it('never shows an ordering question in its right order, even with two items', () => {
    const two: OrderingQuestion = newOrdering({
      options: [
        { id: 'x', text: 'X' },
        { id: 'y', text: 'Y' },
      ],
      answer: ['x', 'y'],
    });
    for (const seed of ['', 'a', 'b', 'c', 'd', 'e', 'f']) {
      expect(studentView(two, { seed }).options?.map((o) => o.id)).toEqual(['y', 'x']);
    }
    fc.assert(
      fc.property(orderingArb, fc.string(), (q, seed) => {
        const ordering = q as OrderingQuestion;
        expect(studentView(ordering, { seed }).options?.map((o) => o.id)).not.toEqual(
          ordering.answer,
        );
      }),
    );
  });

  it('never contains the key, the explanation, the concept or misconception notes', () => {
    fc.assert(
      fc.property(questionArb, fc.string(), (q, seed) => {
        const view = studentView(q, { seed });
        for (const key of FORBIDDEN_KEYS) expect(view).not.toHaveProperty(key);
        expect(JSON.stringify(view)).not.toContain(SECRET);
      }),
    );
  });
});

describe('revealView', () => {
  it('adds the key, notes and distribution, with options where students saw them', () => {
    const q = newOrdering({
      explanation: 'Out through the veth, across the bridge…',
      concept: 'CNI',
    });
    const distribution = answerDistribution(q, [{ value: [...q.answer] }]);
    const view = revealView(q, distribution, { seed: 's' });
    expect(view).toEqual({
      ...studentView(q, { seed: 's' }),
      answer: q.answer,
      explanation: 'Out through the veth, across the bridge…',
      concept: 'CNI',
      distribution,
    });
  });

  it('includes misconceptions, step reference and numeric tolerance', () => {
    const single = newSingle();
    expect(revealView(single, answerDistribution(single, []))).toMatchObject({
      answer: 'c',
      stepRef: 3,
      misconceptions: { b: 'Step 1 is Pod A sending the request.' },
    });
    const numeric = newNumeric({ tolerance: undefined });
    expect(revealView(numeric, answerDistribution(numeric, []))).toMatchObject({
      answer: 64,
      tolerance: 0,
    });
  });

  it('does not hand out the question’s own arrays', () => {
    const q = newOrdering();
    const view = revealView(q, answerDistribution(q, []));
    expect(view.answer).toEqual(q.answer);
    expect(view.answer).not.toBe(q.answer);
  });
});
