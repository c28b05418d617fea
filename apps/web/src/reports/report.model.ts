import type { ReportAnswerStatus, RoomReport } from '@podroom/contracts';

/**
 * What the session report page shows, worked out from `GET /rooms/:id/report` and nothing else
 * (pure, so the numbers on the page are tested without a browser).
 */

export type ReportQuestion = RoomReport['questions'][number];
export type ReportParticipant = RoomReport['participants'][number];

export interface ReportSummary {
  lessonTitle: string;
  code: string;
  status: RoomReport['room']['status'];
  createdAt: string;
  endedAt: string | null;
  participants: number;
  questions: number;
  /** Mean points per participant, rounded to one decimal; null with no participants. */
  averagePoints: number | null;
  /**
   * `100 × right answers / (participants × questions asked)`, one decimal: the mean of the
   * participants' accuracies. Null with no participant or no question.
   */
  accuracyPercent: number | null;
  /** Mean over every answer given (late ones included), in ms; null with none. */
  averageResponseMs: number | null;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export function summarize(report: RoomReport): ReportSummary {
  const people = report.participants;
  const asked = report.questions.length;
  const correct = people.reduce((sum, p) => sum + p.correct, 0);
  const times = report.answers.map((a) => a.responseMs);
  return {
    lessonTitle: report.room.lessonTitle,
    code: report.room.code,
    status: report.room.status,
    createdAt: report.room.createdAt,
    endedAt: report.room.endedAt,
    participants: people.length,
    questions: asked,
    averagePoints:
      people.length === 0
        ? null
        : oneDecimal(people.reduce((sum, p) => sum + p.points, 0) / people.length),
    accuracyPercent:
      people.length === 0 || asked === 0
        ? null
        : oneDecimal((100 * correct) / (people.length * asked)),
    averageResponseMs:
      times.length === 0 ? null : Math.round(times.reduce((a, b) => a + b, 0) / times.length),
  };
}

/** The asked questions, hardest first (the server's order; any it left out follow, as asked). */
export function hardestFirst(report: RoomReport): ReportQuestion[] {
  const byId = new Map(report.questions.map((q) => [q.questionId, q]));
  const ordered = report.hardestFirst
    .map((id) => byId.get(id))
    .filter((q): q is ReportQuestion => q !== undefined);
  const rest = report.questions.filter((q) => !report.hardestFirst.includes(q.questionId));
  return [...ordered, ...rest];
}

/** `12.5 %`, or an en dash for "nothing to measure". */
export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${oneDecimal(value)} %`;
}

/** `4.2 s` (one decimal), or an en dash. */
export function formatSeconds(ms: number | null): string {
  return ms === null ? '–' : `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

/** `7 Dec 2026, 14:05` in the reader's locale and time zone. */
export function formatDate(iso: string | null, locale?: string): string {
  if (iso === null) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An answer as a person reads it: option texts rather than ids. */
export function answerText(
  value: unknown,
  question: Pick<ReportQuestion, 'type' | 'options'> | undefined,
): string {
  if (value === null || value === undefined) return '–';
  const text = (v: unknown) =>
    typeof v === 'string' ? (question?.options.find((o) => o.id === v)?.text ?? v) : String(v);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value))
    return value.map(text).join(question?.type === 'ordering' ? ' → ' : ', ');
  return text(value);
}

export const STATUS_LABEL: Record<ReportAnswerStatus, string> = {
  correct: 'Right',
  partial: 'Partly right',
  wrong: 'Wrong',
  late: 'Late',
  unanswered: 'No answer',
};

/** A short label for a question in the chart and tables: `Q2`. */
export const questionLabel = (q: Pick<ReportQuestion, 'ordinal'>) => `Q${q.ordinal}`;

/** One bar of the accuracy chart, in the chart's own units (0..100 wide). */
export interface AccuracyBar {
  questionId: string;
  label: string;
  prompt: string;
  /** 0..100; 0 when nobody could answer (null accuracy). */
  percent: number;
  text: string;
}

export function accuracyBars(questions: ReportQuestion[]): AccuracyBar[] {
  return questions.map((q) => ({
    questionId: q.questionId,
    label: questionLabel(q),
    prompt: q.prompt,
    percent: Math.max(0, Math.min(100, q.correctPercent ?? 0)),
    text: formatPercent(q.correctPercent),
  }));
}

/** What the chart says to a screen reader: every bar, in order. */
export function chartDescription(bars: AccuracyBar[]): string {
  if (bars.length === 0) return 'No question was asked.';
  return `Accuracy per question, hardest first: ${bars.map((b) => `${b.label} ${b.text}`).join('; ')}.`;
}

/** One bar of the score distribution: participants whose points are in `from..to`. */
export interface ScoreBin {
  from: number;
  to: number;
  count: number;
  /** `0–499`, or `0` for the single bin of a session where nobody scored. */
  label: string;
}

/** The smallest of 1, 2, 5, 10, 20, 50, … that is at least `n`. */
function niceStep(n: number): number {
  let step = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (step * m >= n) return step * m;
    step *= 10;
  }
}

/**
 * The participants' points as a histogram: about `bins` ranges of a round width from 0 up to the
 * top score (the last range holds it). Empty with no participant.
 */
export function scoreHistogram(points: number[], bins = 5): ScoreBin[] {
  if (points.length === 0) return [];
  const top = Math.max(0, ...points);
  if (top === 0) return [{ from: 0, to: 0, count: points.length, label: '0' }];
  const width = niceStep((top + 1) / bins);
  const count = Math.floor(top / width) + 1;
  return Array.from({ length: count }, (_, i) => {
    const from = i * width;
    const to = from + width - 1;
    return {
      from,
      to,
      count: points.filter((p) => Math.max(0, p) >= from && Math.max(0, p) <= to).length,
      label: `${from}–${to}`,
    };
  });
}

/** What the histogram says to a screen reader: every range and how many are in it. */
export function histogramDescription(bins: ScoreBin[]): string {
  if (bins.length === 0) return 'Nobody joined this session.';
  return `Participants by score: ${bins.map((b) => `${b.label} points: ${b.count}`).join('; ')}.`;
}
