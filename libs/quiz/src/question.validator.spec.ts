import fc from 'fast-check';

import {
  newHotspot,
  newMulti,
  newNumeric,
  newOrdering,
  newSingle,
  newTrueFalse,
  oneOfEach,
} from '../test/quiz.fixtures.js';
import { questionArb, questionWithAnswerArb } from '../test/quiz.arbitraries.js';
import type { ValidationIssue, ValidationResult } from './question.types.js';
import { validateAnswer, validateQuestion, validateQuestions } from './question.validator.js';

const errorsOf = <T>(result: ValidationResult<T>): readonly ValidationIssue[] =>
  result.ok ? [] : result.errors;
const paths = <T>(result: ValidationResult<T>): string[] => errorsOf(result).map((e) => e.path);

describe('validateQuestion', () => {
  it.each(oneOfEach().map((q) => [q.type, q]))('accepts a valid %s question unchanged', (_, q) => {
    expect(validateQuestion(q)).toEqual({ ok: true, value: q });
  });

  it('drops unknown fields from the clean copy', () => {
    const result = validateQuestion({
      ...newSingle(),
      secret: 'x',
      options: [
        { id: 'a', text: 'A', extra: 1 },
        { id: 'b', text: 'B' },
      ],
      answer: 'a',
      misconceptions: undefined,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).not.toHaveProperty('secret');
    expect(result.value).not.toHaveProperty('misconceptions');
    expect(result.value.type === 'single' && result.value.options[0]).toEqual({
      id: 'a',
      text: 'A',
    });
  });

  it('rejects a non-object and an unknown type', () => {
    expect(errorsOf(validateQuestion('q1'))).toEqual([
      { path: '(question)', message: 'must be an object, got the string "q1"' },
    ]);
    expect(errorsOf(validateQuestion({ ...newSingle(), type: 'essay' }))[0]).toEqual({
      path: 'type',
      message:
        'must be one of "single", "multi", "true-false", "numeric", "ordering", "hotspot", got the string "essay"',
    });
  });

  it('checks the common fields, each with its path', () => {
    const result = validateQuestion({
      ...newSingle(),
      id: '',
      prompt: '   ',
      points: 500,
      timeLimitSec: 300,
      explanation: 3,
      concept: '',
      stepRef: -1,
    });
    expect(paths(result)).toEqual([
      'id',
      'prompt',
      'points',
      'timeLimitSec',
      'explanation',
      'concept',
      'stepRef',
    ]);
    expect(errorsOf(result).find((e) => e.path === 'points')?.message).toBe(
      'must be one of 0, 1000, 2000, got the number 500',
    );
    expect(errorsOf(result).find((e) => e.path === 'timeLimitSec')?.message).toBe(
      'must be a number of seconds from 5 to 240, got the number 300',
    );
  });

  it.each([
    [4, false],
    [5, true],
    [240, true],
    [241, false],
    [Number.NaN, false],
  ])('time limit %d s valid: %s', (timeLimitSec, ok) => {
    expect(validateQuestion(newSingle({ timeLimitSec })).ok).toBe(ok);
  });

  it.each([0, 1000, 2000])('accepts %d points', (points) => {
    expect(validateQuestion({ ...newSingle(), points }).ok).toBe(true);
  });

  it('prefixes paths when given one', () => {
    expect(paths(validateQuestion({ ...newSingle(), answer: 'z' }, 'questions[3]'))).toEqual([
      'questions[3].answer',
    ]);
  });

  describe('options', () => {
    it('must be unique, non-empty and at least two', () => {
      const result = validateQuestion({
        ...newSingle(),
        options: [{ id: 'a', text: 'A' }, { id: 'b', text: '' }, { id: 'a', text: 'again' }, 'c'],
        answer: 'a',
      });
      expect(errorsOf(result)).toEqual([
        { path: 'options[1].text', message: 'must be a non-empty string, got the string ""' },
        { path: 'options[2].id', message: 'duplicate option id "a" (also options[0].id)' },
        { path: 'options[3]', message: 'must be an object { id, text }, got the string "c"' },
      ]);
      expect(
        paths(
          validateQuestion({
            ...newSingle(),
            options: [{ id: 'c', text: 'C' }],
            misconceptions: {},
          }),
        ),
      ).toEqual(['options']);
    });

    it('are required for single, multi and ordering, optional for hotspot, refused for true-false and numeric', () => {
      expect(paths(validateQuestion({ ...newSingle(), options: undefined }))).toContain('options');
      expect(paths(validateQuestion({ ...newMulti(), options: undefined }))).toContain('options');
      expect(paths(validateQuestion({ ...newOrdering(), options: undefined }))).toContain(
        'options',
      );
      expect(validateQuestion({ ...newHotspot(), options: undefined }).ok).toBe(true);
      expect(paths(validateQuestion({ ...newTrueFalse(), options: [] }))).toEqual(['options']);
      expect(paths(validateQuestion({ ...newNumeric(), options: [] }))).toEqual(['options']);
    });
  });

  describe('answer key', () => {
    it('single: must be an existing option id', () => {
      expect(errorsOf(validateQuestion({ ...newSingle(), answer: 'z' }))).toEqual([
        { path: 'answer', message: '"z" is not an option id (options: "a", "b", "c", "d")' },
      ]);
      expect(paths(validateQuestion({ ...newSingle(), answer: ['c'] }))).toEqual(['answer']);
    });

    it('multi: at least one existing id, no repeats', () => {
      expect(paths(validateQuestion({ ...newMulti(), answer: [] }))).toEqual(['answer']);
      expect(errorsOf(validateQuestion({ ...newMulti(), answer: ['kp', 'kp', 'zz', 7] }))).toEqual([
        { path: 'answer[1]', message: 'repeats "kp"' },
        {
          path: 'answer[2]',
          message: '"zz" is not an option id (options: "kp", "ct", "br", "dns")',
        },
        { path: 'answer[3]', message: 'must be an option id, got the number 7' },
      ]);
    });

    it('ordering: must be a permutation of the option ids', () => {
      expect(
        errorsOf(validateQuestion({ ...newOrdering(), answer: ['pod', 'veth', 'bridge', 'dnat'] })),
      ).toEqual([
        { path: 'answer', message: 'must list every option exactly once; missing "dest"' },
      ]);
      expect(
        paths(
          validateQuestion({ ...newOrdering(), answer: ['pod', 'veth', 'bridge', 'dnat', 'pod'] }),
        ),
      ).toEqual(['answer[4]', 'answer']);
    });

    it('true-false: a boolean', () => {
      expect(errorsOf(validateQuestion({ ...newTrueFalse(), answer: 'false' }))).toEqual([
        { path: 'answer', message: 'must be true or false, got the string "false"' },
      ]);
    });

    it('numeric: a finite answer and a tolerance ≥ 0', () => {
      expect(
        paths(validateQuestion({ ...newNumeric(), answer: Number.POSITIVE_INFINITY })),
      ).toEqual(['answer']);
      expect(errorsOf(validateQuestion({ ...newNumeric(), tolerance: -0.5 }))).toEqual([
        { path: 'tolerance', message: 'must be a finite number ≥ 0, got the number -0.5' },
      ]);
      expect(validateQuestion({ ...newNumeric(), tolerance: undefined }).ok).toBe(true);
      expect(paths(validateQuestion({ ...newSingle(), tolerance: 1 }))).toEqual(['tolerance']);
    });

    it('hotspot: a component id, among the options when they are given', () => {
      expect(paths(validateQuestion({ ...newHotspot(), answer: 'node-2/cni0' }))).toEqual([
        'answer',
      ]);
      expect(
        validateQuestion({ ...newHotspot(), options: undefined, answer: 'node-2/cni0' }).ok,
      ).toBe(true);
      expect(paths(validateQuestion({ ...newHotspot(), options: undefined, answer: '' }))).toEqual([
        'answer',
      ]);
    });
  });

  it('partialCredit only on multi and ordering, as a boolean', () => {
    expect(validateQuestion({ ...newMulti(), partialCredit: false }).ok).toBe(true);
    expect(paths(validateQuestion({ ...newMulti(), partialCredit: 'no' }))).toEqual([
      'partialCredit',
    ]);
    expect(paths(validateQuestion({ ...newSingle(), partialCredit: true }))).toEqual([
      'partialCredit',
    ]);
  });

  it('misconception notes must be keyed by existing options', () => {
    expect(
      errorsOf(validateQuestion({ ...newSingle(), misconceptions: { z: 'no', a: 3 } })),
    ).toEqual([
      {
        path: 'misconceptions.z',
        message: '"z" is not an option id (allowed: "a", "b", "c", "d")',
      },
      { path: 'misconceptions.a', message: 'must be a string, got the number 3' },
    ]);
    expect(paths(validateQuestion({ ...newTrueFalse(), misconceptions: { yes: 'x' } }))).toEqual([
      'misconceptions.yes',
    ]);
    expect(paths(validateQuestion({ ...newNumeric(), misconceptions: {} }))).toEqual([
      'misconceptions',
    ]);
    expect(
      validateQuestion({ ...newHotspot(), options: undefined, misconceptions: { any: 'x' } }).ok,
    ).toBe(true);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateQuestion(input);
        expect(result.ok || result.errors.length > 0).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...oneOfEach()),
        fc.dictionary(
          fc.constantFrom('answer', 'options', 'points', 'misconceptions', 'tolerance', 'prompt'),
          fc.anything(),
        ),
        (q, patch) => {
          expect(() => validateQuestion({ ...q, ...patch })).not.toThrow();
        },
      ),
    );
  });

  it('accepts every generated valid question and returns it unchanged', () => {
    fc.assert(
      fc.property(questionArb, (q) => {
        expect(validateQuestion(q)).toEqual({ ok: true, value: q });
      }),
    );
  });
});

describe('validateQuestions', () => {
  it('validates each question with its index and requires unique ids', () => {
    const result = validateQuestions([newSingle(), { ...newMulti(), answer: [] }, newSingle()]);
    expect(errorsOf(result)).toEqual([
      { path: '[1].answer', message: 'must list at least one right option' },
      { path: '[2].id', message: 'duplicate question id "q-single" (also [0].id)' },
    ]);
    expect(validateQuestions(oneOfEach())).toEqual({ ok: true, value: oneOfEach() });
    expect(paths(validateQuestions({}))).toEqual(['(questions)']);
  });
});

describe('validateAnswer', () => {
  it.each([
    [newSingle(), 'c'],
    [newMulti(), ['ct', 'kp']],
    [newTrueFalse(), true],
    [newNumeric(), 63.5],
    [newOrdering(), ['dest', 'pod', 'veth', 'bridge', 'dnat']],
    [newHotspot(), 'node-1/cni0'],
    [newHotspot({ options: undefined }), 'anything/at-all'],
  ])('accepts a well-formed answer to a %#. question', (q, value) => {
    expect(validateAnswer(q, value)).toEqual({ ok: true, value });
  });

  it.each([
    [newSingle(), ['c'], 'value', 'must be an option id (a string), got an array'],
    [
      newSingle(),
      'z',
      'value',
      '"z" is not an option of question "q-single" (expected one of "a", "b", "c", "d")',
    ],
    [newMulti(), 'kp', 'value', 'must be an array of option ids, got the string "kp"'],
    [newMulti(), [], 'value', 'must select at least one option'],
    [newMulti(), ['kp', 'kp'], 'value[1]', 'repeats "kp"'],
    [newMulti(), ['kp', null], 'value[1]', 'must be an option id (a string), got null'],
    [newTrueFalse(), 'true', 'value', 'must be true or false, got the string "true"'],
    [newNumeric(), '64', 'value', 'must be a finite number, got the string "64"'],
    [newNumeric(), Number.NaN, 'value', 'must be a finite number, got NaN'],
    [
      newOrdering(),
      ['pod', 'veth'],
      'value',
      'must list every option exactly once; missing "bridge", "dnat", "dest"',
    ],
    [
      newHotspot(),
      'node-9/x',
      'value',
      '"node-9/x" is not an option of question "q-hot" (expected one of "node-1/cni0", "node-1/kube-proxy", "netpol/deny-all")',
    ],
    [
      newHotspot({ options: undefined }),
      '',
      'value',
      'must be a component id (a string), got the string ""',
    ],
  ])('rejects a malformed answer (%#) with a clear error', (q, value, path, message) => {
    const result = validateAnswer(q, value);
    expect(result.ok).toBe(false);
    expect(errorsOf(result)).toContainEqual({ path, message });
  });

  it('never throws, whatever the value', () => {
    fc.assert(
      fc.property(questionArb, fc.anything(), (q, value) => {
        expect(() => validateAnswer(q, value)).not.toThrow();
      }),
    );
  });

  it('accepts every generated well-formed answer', () => {
    fc.assert(
      fc.property(questionWithAnswerArb, ({ question, value }) => {
        expect(validateAnswer(question, value).ok).toBe(true);
      }),
    );
  });
});
