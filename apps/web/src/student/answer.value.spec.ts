import type { StudentQuestion } from '@podroom/quiz';
import { describeValue, draftValue, emptyDraft, moveItem, parseNumber } from './answer.value.js';

const q = (
  type: StudentQuestion['type'],
  extra: Partial<StudentQuestion> = {},
): StudentQuestion => ({
  id: 'q',
  type,
  prompt: 'p',
  points: 1000,
  timeLimitSec: 20,
  options: [
    { id: 'a', text: 'Alpha' },
    { id: 'b', text: 'Beta' },
    { id: 'c', text: 'Gamma' },
  ],
  ...extra,
});

describe('answer drafts', () => {
  it('needs a choice before sending, for every type that has one', () => {
    for (const type of ['single', 'hotspot', 'multi', 'true-false', 'numeric'] as const) {
      expect(draftValue(emptyDraft(q(type)))).toMatchObject({ ok: false });
    }
  });

  it('turns each draft into the value the server expects', () => {
    expect(draftValue({ type: 'single', choice: 'b' })).toEqual({ ok: true, value: 'b' });
    expect(draftValue({ type: 'hotspot', choice: 'pod/x' })).toEqual({ ok: true, value: 'pod/x' });
    expect(draftValue({ type: 'multi', choices: ['c', 'a'] })).toEqual({
      ok: true,
      value: ['c', 'a'],
    });
    expect(draftValue({ type: 'true-false', choice: false })).toEqual({ ok: true, value: false });
    expect(draftValue({ type: 'numeric', text: ' 2,5 ' })).toEqual({ ok: true, value: 2.5 });
    // An ordering starts in the order shown, and can be sent as is.
    expect(draftValue(emptyDraft(q('ordering')))).toEqual({ ok: true, value: ['a', 'b', 'c'] });
  });

  it('refuses what is not a number', () => {
    for (const text of ['abc', '1e3', '--1', '1.2.3', 'Infinity', '.']) {
      expect(parseNumber(text)).toBeUndefined();
    }
    expect(draftValue({ type: 'numeric', text: 'seven' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a number'),
    });
    expect(parseNumber('-7')).toBe(-7);
    expect(parseNumber('1 000')).toBe(1000);
  });

  it('moves items within bounds', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
  });

  it('describes values in words', () => {
    expect(describeValue(q('single'), 'b')).toBe('Beta');
    expect(describeValue(q('multi'), ['a', 'c'])).toBe('Alpha, Gamma');
    expect(describeValue(q('ordering'), ['c', 'a', 'b'])).toBe('1. Gamma 2. Alpha 3. Beta');
    expect(describeValue(q('true-false'), true)).toBe('True');
    expect(describeValue(q('numeric', { unit: 'steps' }), 7)).toBe('7 steps');
  });
});
