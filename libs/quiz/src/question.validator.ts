import {
  POINTS_VALUES,
  QUESTION_TYPES,
  TIME_LIMIT_SEC,
  type AnswerValueFor,
  type MisconceptionNotes,
  type Points,
  type Question,
  type QuestionOption,
  type QuestionType,
  type ValidationIssue,
  type ValidationResult,
} from './question.types.js';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : String(v);
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
};
const quoteList = (ids: readonly string[]): string =>
  ids.map((id) => JSON.stringify(id)).join(', ');
const join = (prefix: string, key: string): string => (prefix === '' ? key : `${prefix}.${key}`);

/** Which question types have options, and whether they must. */
const OPTIONS_RULE: Record<QuestionType, 'required' | 'optional' | 'none'> = {
  single: 'required',
  multi: 'required',
  'true-false': 'none',
  numeric: 'none',
  ordering: 'required',
  hotspot: 'optional',
};

/**
 * Validate a question definition (e.g. from a lesson's JSON) and return a clean copy holding only
 * the known fields. Never throws; every problem is reported with its field path, prefixed with
 * `path` when given (e.g. `questions[3]`).
 *
 * Rules: `id`, `prompt` non-empty strings; `type` one of {@link QUESTION_TYPES}; `points` one of
 * {@link POINTS_VALUES}; `timeLimitSec` a number within {@link TIME_LIMIT_SEC}; options (single,
 * multi, ordering: at least 2; hotspot: optional, at least 2 when given) with unique non-empty ids
 * and non-empty texts; the answer key refers to existing options (multi: at least one, no repeats;
 * ordering: a permutation of the option ids); numeric `answer` finite and `tolerance` ≥ 0;
 * `stepRef` a non-negative integer; misconception notes keyed by existing option ids.
 */
export function validateQuestion(input: unknown, path = ''): ValidationResult<Question> {
  const errors: ValidationIssue[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ path: join(path, field), message });
  };
  if (!isObject(input)) {
    errors.push({
      path: path === '' ? '(question)' : path,
      message: `must be an object, got ${describe(input)}`,
    });
    return { ok: false, errors };
  }

  const { type } = input;
  if (!(QUESTION_TYPES as readonly unknown[]).includes(type)) {
    fail('type', `must be one of ${quoteList(QUESTION_TYPES)}, got ${describe(type)}`);
    return { ok: false, errors };
  }
  const qType = type as QuestionType;

  if (!isNonEmptyString(input.id))
    fail('id', `must be a non-empty string, got ${describe(input.id)}`);
  if (!isNonEmptyString(input.prompt)) {
    fail('prompt', `must be a non-empty string, got ${describe(input.prompt)}`);
  }
  if (!(POINTS_VALUES as readonly unknown[]).includes(input.points)) {
    fail('points', `must be one of ${POINTS_VALUES.join(', ')}, got ${describe(input.points)}`);
  }
  const t = input.timeLimitSec;
  if (
    typeof t !== 'number' ||
    !Number.isFinite(t) ||
    t < TIME_LIMIT_SEC.min ||
    t > TIME_LIMIT_SEC.max
  ) {
    fail(
      'timeLimitSec',
      `must be a number of seconds from ${TIME_LIMIT_SEC.min} to ${TIME_LIMIT_SEC.max}, got ${describe(t)}`,
    );
  }
  for (const field of ['explanation', 'concept'] as const) {
    const v = input[field];
    if (v !== undefined && typeof v !== 'string')
      fail(field, `must be a string, got ${describe(v)}`);
  }
  if (
    input.concept !== undefined &&
    typeof input.concept === 'string' &&
    input.concept.trim() === ''
  ) {
    fail('concept', 'must not be empty when given');
  }
  const { stepRef } = input;
  if (stepRef !== undefined && !(Number.isInteger(stepRef) && (stepRef as number) >= 0)) {
    fail('stepRef', `must be a non-negative integer, got ${describe(stepRef)}`);
  }

  // Options.
  const optionsRule = OPTIONS_RULE[qType];
  let optionIds: string[] | undefined;
  let options: QuestionOption[] | undefined;
  if (optionsRule === 'none') {
    if (input.options !== undefined) fail('options', `are not used by ${qType} questions`);
  } else if (input.options === undefined && optionsRule === 'optional') {
    // Hotspot without a list of selectable components.
  } else if (!Array.isArray(input.options)) {
    fail('options', `must be an array of { id, text }, got ${describe(input.options)}`);
  } else {
    if (input.options.length < 2) {
      fail('options', `must have at least 2 options, got ${input.options.length}`);
    }
    const firstIndex = new Map<string, number>();
    const clean: QuestionOption[] = [];
    input.options.forEach((o: unknown, i: number) => {
      const at = `options[${i}]`;
      if (!isObject(o)) {
        fail(at, `must be an object { id, text }, got ${describe(o)}`);
        return;
      }
      if (!isNonEmptyString(o.id)) {
        fail(`${at}.id`, `must be a non-empty string, got ${describe(o.id)}`);
      } else if (firstIndex.has(o.id)) {
        fail(
          `${at}.id`,
          `duplicate option id ${JSON.stringify(o.id)} (also options[${firstIndex.get(o.id)}].id)`,
        );
      } else {
        firstIndex.set(o.id, i);
      }
      if (!isNonEmptyString(o.text))
        fail(`${at}.text`, `must be a non-empty string, got ${describe(o.text)}`);
      if (isNonEmptyString(o.id) && typeof o.text === 'string')
        clean.push({ id: o.id, text: o.text });
    });
    optionIds = [...firstIndex.keys()];
    options = clean;
  }
  const unknownOption = (id: string): string =>
    `${JSON.stringify(id)} is not an option id` +
    (optionIds ? ` (options: ${quoteList(optionIds)})` : '');

  // Answer key.
  const { answer } = input;
  let tolerance: number | undefined;
  switch (qType) {
    case 'single':
    case 'hotspot':
      if (!isNonEmptyString(answer)) {
        fail(
          'answer',
          `must be ${qType === 'single' ? 'an option id' : 'a component id'}, got ${describe(answer)}`,
        );
      } else if (optionIds && !optionIds.includes(answer)) {
        fail('answer', unknownOption(answer));
      }
      break;
    case 'multi':
    case 'ordering': {
      if (!Array.isArray(answer)) {
        fail('answer', `must be an array of option ids, got ${describe(answer)}`);
        break;
      }
      if (qType === 'multi' && answer.length === 0)
        fail('answer', 'must list at least one right option');
      const seen = new Set<string>();
      answer.forEach((id: unknown, i: number) => {
        if (typeof id !== 'string')
          fail(`answer[${i}]`, `must be an option id, got ${describe(id)}`);
        else if (seen.has(id)) fail(`answer[${i}]`, `repeats ${JSON.stringify(id)}`);
        else if (optionIds && !optionIds.includes(id)) fail(`answer[${i}]`, unknownOption(id));
        if (typeof id === 'string') seen.add(id);
      });
      if (qType === 'ordering' && optionIds) {
        const missing = optionIds.filter((id) => !seen.has(id));
        if (missing.length > 0) {
          fail('answer', `must list every option exactly once; missing ${quoteList(missing)}`);
        }
      }
      break;
    }
    case 'true-false':
      if (typeof answer !== 'boolean')
        fail('answer', `must be true or false, got ${describe(answer)}`);
      break;
    case 'numeric':
      if (typeof answer !== 'number' || !Number.isFinite(answer)) {
        fail('answer', `must be a finite number, got ${describe(answer)}`);
      }
      if (input.tolerance !== undefined) {
        if (
          typeof input.tolerance !== 'number' ||
          !Number.isFinite(input.tolerance) ||
          input.tolerance < 0
        ) {
          fail('tolerance', `must be a finite number ≥ 0, got ${describe(input.tolerance)}`);
        } else {
          tolerance = input.tolerance;
        }
      }
      if (input.unit !== undefined && typeof input.unit !== 'string') {
        fail('unit', `must be a string, got ${describe(input.unit)}`);
      }
      break;
  }
  if (qType !== 'numeric') {
    for (const field of ['tolerance', 'unit'] as const) {
      if (input[field] !== undefined) fail(field, `is only used by numeric questions`);
    }
  }
  const { partialCredit } = input;
  if (partialCredit !== undefined) {
    if (qType !== 'multi' && qType !== 'ordering') {
      fail('partialCredit', 'is only used by multi and ordering questions');
    } else if (typeof partialCredit !== 'boolean') {
      fail('partialCredit', `must be true or false, got ${describe(partialCredit)}`);
    }
  }

  // Misconception notes.
  let misconceptions: MisconceptionNotes | undefined;
  if (input.misconceptions !== undefined) {
    const allowed: readonly string[] | undefined =
      qType === 'true-false' ? ['true', 'false'] : optionIds;
    if (qType === 'numeric') {
      fail('misconceptions', 'are not used by numeric questions (put notes in the explanation)');
    } else if (!isObject(input.misconceptions)) {
      fail(
        'misconceptions',
        `must be an object keyed by option id, got ${describe(input.misconceptions)}`,
      );
    } else {
      const notes: Record<string, string> = {};
      for (const [key, note] of Object.entries(input.misconceptions)) {
        const at = `misconceptions.${key}`;
        if (allowed && !allowed.includes(key)) {
          fail(at, `${JSON.stringify(key)} is not an option id (allowed: ${quoteList(allowed)})`);
        } else if (typeof note !== 'string') {
          fail(at, `must be a string, got ${describe(note)}`);
        } else {
          notes[key] = note;
        }
      }
      misconceptions = notes;
    }
  }

  if (errors.length > 0) return { ok: false, errors };

  const base = {
    id: input.id as string,
    prompt: input.prompt as string,
    points: input.points as Points,
    timeLimitSec: t as number,
    ...(input.explanation !== undefined && { explanation: input.explanation as string }),
    ...(input.concept !== undefined && { concept: input.concept as string }),
    ...(stepRef !== undefined && { stepRef: stepRef as number }),
  };
  const notes = misconceptions !== undefined ? { misconceptions } : {};
  const pc = partialCredit !== undefined ? { partialCredit: partialCredit as boolean } : {};
  let question: Question;
  switch (qType) {
    case 'single':
      question = { ...base, type: qType, options: options!, answer: answer as string, ...notes };
      break;
    case 'multi':
      question = {
        ...base,
        type: qType,
        options: options!,
        answer: [...(answer as string[])],
        ...pc,
        ...notes,
      };
      break;
    case 'ordering':
      question = {
        ...base,
        type: qType,
        options: options!,
        answer: [...(answer as string[])],
        ...pc,
        ...notes,
      };
      break;
    case 'true-false':
      question = { ...base, type: qType, answer: answer as boolean, ...notes };
      break;
    case 'numeric':
      question = {
        ...base,
        type: qType,
        answer: answer as number,
        ...(tolerance !== undefined && { tolerance }),
        ...(input.unit !== undefined && { unit: input.unit as string }),
      };
      break;
    case 'hotspot':
      question = {
        ...base,
        type: qType,
        ...(options && { options }),
        answer: answer as string,
        ...notes,
      };
      break;
  }
  return { ok: true, value: question };
}

/**
 * Validate a lesson's list of questions: each question (paths like `[2].options[0].id`) and that
 * question ids are unique. Never throws.
 */
export function validateQuestions(input: unknown): ValidationResult<Question[]> {
  if (!Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ path: '(questions)', message: `must be an array, got ${describe(input)}` }],
    };
  }
  const errors: ValidationIssue[] = [];
  const questions: Question[] = [];
  const firstIndex = new Map<string, number>();
  input.forEach((q: unknown, i: number) => {
    const result = validateQuestion(q, `[${i}]`);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    const { id } = result.value;
    if (firstIndex.has(id)) {
      errors.push({
        path: `[${i}].id`,
        message: `duplicate question id ${JSON.stringify(id)} (also [${firstIndex.get(id)}].id)`,
      });
    } else {
      firstIndex.set(id, i);
    }
    questions.push(result.value);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: questions };
}

/**
 * Validate a submitted answer value against its question. Never throws: a value of the wrong shape
 * (a string for a multi-select, an unknown option id, a repeated id, a partial ordering, `NaN`, …)
 * comes back as errors with paths `value` / `value[i]`.
 */
export function validateAnswer<Q extends Question>(
  question: Q,
  value: unknown,
): ValidationResult<AnswerValueFor<Q>> {
  const errors: ValidationIssue[] = [];
  const fail = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  const q: Question = question;
  const optionIds =
    q.type === 'true-false' || q.type === 'numeric' ? undefined : q.options?.map((o) => o.id);
  const notAnOption = (id: string): string =>
    `${JSON.stringify(id)} is not an option of question ${JSON.stringify(q.id)}` +
    (optionIds ? ` (expected one of ${quoteList(optionIds)})` : '');

  switch (q.type) {
    case 'single':
    case 'hotspot':
      if (!isNonEmptyString(value)) {
        fail(
          'value',
          `must be ${q.type === 'single' ? 'an option id' : 'a component id'} (a string), got ${describe(value)}`,
        );
      } else if (optionIds && !optionIds.includes(value)) {
        fail('value', notAnOption(value));
      }
      break;
    case 'multi':
    case 'ordering': {
      if (!Array.isArray(value)) {
        fail('value', `must be an array of option ids, got ${describe(value)}`);
        break;
      }
      const seen = new Set<string>();
      value.forEach((id: unknown, i: number) => {
        if (typeof id !== 'string')
          fail(`value[${i}]`, `must be an option id (a string), got ${describe(id)}`);
        else if (seen.has(id)) fail(`value[${i}]`, `repeats ${JSON.stringify(id)}`);
        else if (optionIds && !optionIds.includes(id)) fail(`value[${i}]`, notAnOption(id));
        if (typeof id === 'string') seen.add(id);
      });
      if (q.type === 'multi' && value.length === 0)
        fail('value', 'must select at least one option');
      if (q.type === 'ordering' && optionIds) {
        const missing = optionIds.filter((id) => !seen.has(id));
        if (missing.length > 0)
          fail('value', `must list every option exactly once; missing ${quoteList(missing)}`);
      }
      break;
    }
    case 'true-false':
      if (typeof value !== 'boolean')
        fail('value', `must be true or false, got ${describe(value)}`);
      break;
    case 'numeric':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        fail('value', `must be a finite number, got ${describe(value)}`);
      }
      break;
    default:
      fail('question.type', `unknown question type ${describe((q as { type: unknown }).type)}`);
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, value: value as AnswerValueFor<Q> };
}
