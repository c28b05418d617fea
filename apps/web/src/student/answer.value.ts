import type { StudentQuestion } from '@podroom/quiz';

/**
 * What a student has picked so far, per question type, and how it becomes the answer value the
 * server expects (libs/quiz `AnswerValueByType`). The server checks it again (INVALID_ANSWER).
 */
export type AnswerDraft =
  | { type: 'single'; choice: string | null }
  | { type: 'hotspot'; choice: string | null }
  | { type: 'multi'; choices: string[] }
  | { type: 'true-false'; choice: boolean | null }
  | { type: 'numeric'; text: string }
  | { type: 'ordering'; order: string[] };

export function emptyDraft(question: StudentQuestion): AnswerDraft {
  switch (question.type) {
    case 'single':
      return { type: 'single', choice: null };
    case 'hotspot':
      return { type: 'hotspot', choice: null };
    case 'multi':
      return { type: 'multi', choices: [] };
    case 'true-false':
      return { type: 'true-false', choice: null };
    case 'numeric':
      return { type: 'numeric', text: '' };
    case 'ordering':
      return { type: 'ordering', order: (question.options ?? []).map((o) => o.id) };
  }
}

/** An answer value as sent (`answer:submit`). */
export type SentValue = string | number | boolean | string[];

export type DraftCheck = { ok: true; value: SentValue } | { ok: false; error: string };

/** Parses a typed number: `7`, `-2.5`, `2,5` (decimal comma), spaces between digit groups. */
export function parseNumber(text: string): number | undefined {
  const clean = text
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(clean)) return undefined;
  const value = Number(clean);
  return Number.isFinite(value) ? value : undefined;
}

export function draftValue(draft: AnswerDraft): DraftCheck {
  switch (draft.type) {
    case 'single':
    case 'hotspot':
      return draft.choice === null
        ? { ok: false, error: 'Pick an answer first.' }
        : { ok: true, value: draft.choice };
    case 'multi':
      return draft.choices.length === 0
        ? { ok: false, error: 'Tick at least one answer.' }
        : { ok: true, value: [...draft.choices] };
    case 'true-false':
      return draft.choice === null
        ? { ok: false, error: 'Pick true or false.' }
        : { ok: true, value: draft.choice };
    case 'numeric': {
      if (draft.text.trim() === '') return { ok: false, error: 'Type a number first.' };
      const value = parseNumber(draft.text);
      return value === undefined
        ? { ok: false, error: 'That is not a number: use digits, e.g. 7 or 2.5.' }
        : { ok: true, value };
    }
    case 'ordering':
      return { ok: true, value: [...draft.order] };
  }
}

/** Moves the item at `from` to `to` (both clamped), e.g. for the ordering list's buttons. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item!);
  return out;
}

/** How an answer value reads to a person (the reveal and "you answered"). */
export function describeValue(question: StudentQuestion, value: unknown): string {
  const text = (id: unknown) =>
    question.options?.find((o) => o.id === id)?.text ?? (typeof id === 'string' ? id : '?');
  if (Array.isArray(value)) {
    return question.type === 'ordering'
      ? value.map((id, i) => `${i + 1}. ${text(id)}`).join(' ')
      : value.map(text).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return question.unit ? `${value} ${question.unit}` : String(value);
  return text(value);
}
