import fc from 'fast-check';

import { fromGenerated } from './question.adapter.js';

const generated = {
  id: 'gen-1',
  type: 'single' as const,
  prompt: 'Looking at the execution table, at which step does Pod B process the request?',
  options: [
    { id: 'a', text: 'Step 5' },
    { id: 'b', text: 'Step 1' },
    { id: 'c', text: 'Step 3' },
    { id: 'd', text: 'Step 7' },
  ],
  answer: 'c',
  explanation: "Check the 'Result' column for when Pod B processes the request.",
  stepRef: 3,
};

describe('fromGenerated', () => {
  it('adds default points and timer to a generated question', () => {
    expect(fromGenerated(generated)).toEqual({
      ok: true,
      value: { ...generated, points: 1000, timeLimitSec: 30 },
    });
  });

  it('takes points and timer from the lesson', () => {
    const result = fromGenerated(generated, { points: 2000, timeLimitSec: 60 });
    expect(result.ok && [result.value.points, result.value.timeLimitSec]).toEqual([2000, 60]);
  });

  it('maps an answer given as option text to its id', () => {
    const result = fromGenerated({ ...generated, answer: 'Step 3' });
    expect(result.ok && result.value.answer).toBe('c');
    const ordering = fromGenerated({
      ...generated,
      type: 'ordering',
      answer: ['Step 1', 'c', 'Step 5', 'd'],
    });
    expect(ordering.ok && ordering.value.answer).toEqual(['b', 'c', 'a', 'd']);
  });

  it('normalises true-false keys given as strings or option ids, and drops the options', () => {
    const options = [
      { id: 't', text: 'True' },
      { id: 'f', text: 'False' },
    ];
    const tf = { ...generated, type: 'true-false' as const, options, misconceptions: { t: 'No.' } };
    expect(fromGenerated({ ...tf, answer: 'f' })).toMatchObject({
      ok: true,
      value: { answer: false, misconceptions: { true: 'No.' } },
    });
    const plain = fromGenerated({
      ...tf,
      options: undefined,
      misconceptions: undefined,
      answer: 'TRUE',
    });
    expect(plain.ok && plain.value).not.toHaveProperty('options');
    expect(plain.ok && plain.value.answer).toBe(true);
  });

  it('normalises numeric keys given as strings or { value, tolerance }', () => {
    const numeric = { ...generated, type: 'numeric' as const, options: undefined };
    expect(fromGenerated({ ...numeric, answer: '64' })).toMatchObject({
      ok: true,
      value: { answer: 64 },
    });
    expect(fromGenerated({ ...numeric, answer: { value: 10.5, tolerance: 0.5 } })).toMatchObject({
      ok: true,
      value: { answer: 10.5, tolerance: 0.5 },
    });
  });

  it('reports what is still wrong, with paths, and never throws', () => {
    const result = fromGenerated({ ...generated, answer: 'Step 9' });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'answer', message: '"Step 9" is not an option id (options: "a", "b", "c", "d")' },
      ],
    });
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => fromGenerated(input)).not.toThrow();
      }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('type', 'answer', 'options', 'misconceptions'),
          fc.anything(),
        ),
        (patch) => {
          expect(() => fromGenerated({ ...generated, ...patch })).not.toThrow();
        },
      ),
    );
  });
});
