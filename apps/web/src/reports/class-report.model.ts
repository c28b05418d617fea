import type {
  ClassReport,
  ClassReportConcept,
  ClassReportSession,
  ClassReportStudent,
} from '@podroom/contracts';
import { formatPercent } from './report.model.js';

/**
 * What the class report page shows, worked out from `GET /classes/:id/report` and nothing else
 * (pure, so the numbers on the page are tested without a browser). Sessions are numbered S1, S2,
 * … oldest first, as the report orders them: the x axis of every trend.
 */

/** `S1` for the oldest session. */
export const sessionLabel = (index: number) => `S${index + 1}`;

/** The label of each session by room id. */
export function sessionLabels(report: Pick<ClassReport, 'sessions'>): Map<string, string> {
  return new Map(report.sessions.map((s, i) => [s.roomId, sessionLabel(i)]));
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export interface ClassSummary {
  rosterSize: number;
  sessions: number;
  /** Roster students who attended at least one session. */
  studentsAttended: number;
  /** Mean number of roster students per session, one decimal; null with no session. */
  averageAttendance: number | null;
  /**
   * `100 × right answers / questions asked` over every roster student's attended sessions, one
   * decimal; null when no roster student was asked anything.
   */
  rosterAccuracyPercent: number | null;
}

export function summarizeClass(report: ClassReport): ClassSummary {
  const questions = report.students.reduce((sum, s) => sum + s.questions, 0);
  const correct = report.students.reduce((sum, s) => sum + s.correct, 0);
  const sessions = report.sessions.length;
  return {
    rosterSize: report.class.rosterSize,
    sessions,
    studentsAttended: report.students.filter((s) => s.sessionsAttended > 0).length,
    averageAttendance:
      sessions === 0
        ? null
        : oneDecimal(report.sessions.reduce((sum, s) => sum + s.rosterParticipants, 0) / sessions),
    rosterAccuracyPercent: questions === 0 ? null : oneDecimal((100 * correct) / questions),
  };
}

/** One point of a trend: a session, and the value in it (null: absent, or nothing to measure). */
export interface TrendPoint {
  label: string;
  value: number | null;
  /** How the value reads: `1500`, `62.5 %`, or `absent`. */
  text: string;
}

/** A roster student's points per session (null where absent), oldest first. */
export function scoreTrend(student: Pick<ClassReportStudent, 'trend'>): TrendPoint[] {
  return student.trend.map((t, i) => ({
    label: sessionLabel(i),
    value: t.attended ? t.points : null,
    text: t.attended ? String(t.points) : 'absent',
  }));
}

/** A concept's accuracy in each session that asked about it, labelled as in the report. */
export function conceptTrend(
  concept: Pick<ClassReportConcept, 'trend'>,
  labels: Map<string, string>,
): TrendPoint[] {
  return concept.trend.map((t) => ({
    label: labels.get(t.roomId) ?? '?',
    value: t.accuracyPercent,
    text: formatPercent(t.accuracyPercent),
  }));
}

/** Each session's accuracy over all its participants. */
export function sessionAccuracyTrend(sessions: ClassReportSession[]): TrendPoint[] {
  return sessions.map((s, i) => ({
    label: sessionLabel(i),
    value: s.accuracyPercent,
    text: formatPercent(s.accuracyPercent),
  }));
}

/** What a trend chart says to a screen reader: every point, in order. */
export function trendDescription(title: string, points: TrendPoint[]): string {
  if (points.length === 0) return `${title}: no session yet.`;
  return `${title}: ${points.map((p) => `${p.label} ${p.text}`).join('; ')}.`;
}

/** A sparkline's geometry in its own units: lines broken where a value is missing, and dots. */
export interface SparklineShape {
  /** `points` attributes of polylines (one per run of values without a gap). */
  lines: string[];
  dots: { x: number; y: number; value: number }[];
}

/**
 * Lays `values` out left to right across `width`, 0 at the bottom and `max` (the largest value,
 * at least 1) at the top, `pad` units inside the box. A lone value between gaps is only a dot.
 */
export function sparkline(
  values: (number | null)[],
  { width, height, pad = 3 }: { width: number; height: number; pad?: number },
): SparklineShape {
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const at = (i: number, v: number) => ({
    x: round2(values.length > 1 ? pad + i * step : width / 2),
    y: round2(height - pad - (Math.max(0, v) / max) * (height - 2 * pad)),
  });
  const lines: string[] = [];
  const dots: SparklineShape['dots'] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 1) lines.push(run.join(' '));
      run = [];
      return;
    }
    const p = at(i, v);
    dots.push({ ...p, value: v });
    run.push(`${p.x},${p.y}`);
  });
  if (run.length > 1) lines.push(run.join(' '));
  return { lines, dots };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** `3 of 4`. */
export const attendanceText = (attended: number, sessions: number) => `${attended} of ${sessions}`;
