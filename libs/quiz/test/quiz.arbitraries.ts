/** fast-check arbitraries for quiz property tests: valid questions and valid answers to them. */
import fc from 'fast-check';

import type { AnswerValue, Points, Question, QuestionOption } from '../src/question.types.js';

export const idArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
export const textArb = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '');
export const pointsArb = fc.constantFrom<Points>(0, 1000, 2000);

/** Secret texts are tagged so a test can search serialized views for them. */
export const SECRET = 'SECRET\u2063';
const secretArb = fc.string({ maxLength: 10 }).map((s) => `${SECRET}${s}`);

export const optionsArb = (min = 2, max = 6): fc.Arbitrary<QuestionOption[]> =>
  fc
    .uniqueArray(idArb, { minLength: min, maxLength: max })
    .chain((ids) =>
      fc
        .array(textArb, { minLength: ids.length, maxLength: ids.length })
        .map((texts) => ids.map((id, i) => ({ id, text: texts[i]! }))),
    );

const baseArb = fc.record(
  {
    id: idArb,
    prompt: textArb,
    points: pointsArb,
    timeLimitSec: fc.integer({ min: 5, max: 240 }),
    explanation: secretArb,
    concept: secretArb,
    stepRef: fc.nat({ max: 50 }),
  },
  { requiredKeys: ['id', 'prompt', 'points', 'timeLimitSec'] },
);

const notesFor = (ids: readonly string[]): fc.Arbitrary<Record<string, string> | undefined> =>
  fc.option(
    fc
      .subarray([...ids])
      .chain((keys) =>
        fc
          .array(secretArb, { minLength: keys.length, maxLength: keys.length })
          .map((notes) => Object.fromEntries(keys.map((k, i) => [k, notes[i]!]))),
      ),
    { nil: undefined },
  );
const withNotes = <T extends object>(q: T, notes: Record<string, string> | undefined): T =>
  notes === undefined ? q : { ...q, misconceptions: notes };

const ids = (options: readonly QuestionOption[]): string[] => options.map((o) => o.id);

export const singleArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, optionsArb())
  .chain(([base, options]) =>
    fc
      .tuple(fc.constantFrom(...ids(options)), notesFor(ids(options)))
      .map(([answer, notes]) =>
        withNotes({ ...base, type: 'single' as const, options, answer }, notes),
      ),
  );

export const multiArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, optionsArb())
  .chain(([base, options]) =>
    fc
      .tuple(
        fc.shuffledSubarray(ids(options), { minLength: 1 }),
        fc.option(fc.boolean(), { nil: undefined }),
        notesFor(ids(options)),
      )
      .map(([answer, partialCredit, notes]) =>
        withNotes(
          {
            ...base,
            type: 'multi' as const,
            options,
            answer,
            ...(partialCredit !== undefined && { partialCredit }),
          },
          notes,
        ),
      ),
  );

export const orderingArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, optionsArb(2, 7))
  .chain(([base, options]) =>
    fc
      .tuple(
        fc.shuffledSubarray(ids(options), { minLength: options.length, maxLength: options.length }),
        fc.option(fc.boolean(), { nil: undefined }),
        notesFor(ids(options)),
      )
      .map(([answer, partialCredit, notes]) =>
        withNotes(
          {
            ...base,
            type: 'ordering' as const,
            options,
            answer,
            ...(partialCredit !== undefined && { partialCredit }),
          },
          notes,
        ),
      ),
  );

export const trueFalseArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, fc.boolean(), notesFor(['true', 'false']))
  .map(([base, answer, notes]) =>
    withNotes({ ...base, type: 'true-false' as const, answer }, notes),
  );

export const numericArb: fc.Arbitrary<Question> = fc
  .tuple(
    baseArb,
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
  )
  .map(([base, answer, tolerance]) => ({
    ...base,
    type: 'numeric' as const,
    answer,
    ...(tolerance !== undefined && { tolerance }),
  }));

export const hotspotArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, fc.option(optionsArb(), { nil: undefined }))
  .chain(([base, options]) =>
    options
      ? fc
          .tuple(fc.constantFrom(...ids(options)), notesFor(ids(options)))
          .map(([answer, notes]) =>
            withNotes({ ...base, type: 'hotspot' as const, options, answer }, notes),
          )
      : idArb.map((answer) => ({ ...base, type: 'hotspot' as const, answer })),
  );

/** Any valid question. */
export const questionArb: fc.Arbitrary<Question> = fc.oneof(
  singleArb,
  multiArb,
  trueFalseArb,
  numericArb,
  orderingArb,
  hotspotArb,
);

/** A well-formed answer to `q` (right or wrong). */
export function answerArb(q: Question): fc.Arbitrary<AnswerValue> {
  switch (q.type) {
    case 'single':
      return fc.constantFrom(...ids(q.options));
    case 'multi':
      return fc.shuffledSubarray(ids(q.options), { minLength: 1 });
    case 'true-false':
      return fc.boolean();
    case 'numeric':
      return fc.oneof(
        fc.constant(q.answer),
        fc.double({ min: q.answer - 200, max: q.answer + 200, noNaN: true }),
      );
    case 'ordering':
      return fc.oneof(
        fc.constant([...q.answer]),
        fc.shuffledSubarray(ids(q.options), {
          minLength: q.options.length,
          maxLength: q.options.length,
        }),
      );
    case 'hotspot':
      return q.options
        ? fc.constantFrom(...ids(q.options))
        : fc.oneof(fc.constant(q.answer), idArb);
  }
}

/** A question together with a well-formed answer to it. */
export const questionWithAnswerArb = questionArb.chain((q) =>
  answerArb(q).map((value) => ({ question: q, value })),
);
