import type { RoomStatus } from './room.views.js';

/**
 * `GET /classes/:id/report` (and `/classes/:id/report.csv`): a class across its sessions,
 * recomputed from the stored answers on every request (docs/decisions/0053-reports.md).
 *
 * Sessions count once they have started (live or ended); in a live session only the questions
 * already closed count. "Accuracy" is always `100 × right answers / questions asked`, so a
 * question left unanswered counts as not right; late answers are never right.
 */
export interface ClassReport {
  class: { id: string; name: string; rosterSize: number };
  /** The class's sessions, oldest first: the x axis of every trend below. */
  sessions: ClassReportSession[];
  /** Every roster student, in roster (student id) order, attended or not. */
  students: ClassReportStudent[];
  /** Participants whose roster id is missing or not on the roster, per session. */
  unlinked: ClassReportUnlinked[];
  /** Per concept tag (questions without a tag are left out), by tag. */
  concepts: ClassReportConcept[];
  /** Wrong options picked, most picked first, with the lesson's misconception notes. */
  wrongOptions: ClassReportWrongOption[];
}

export interface ClassReportSession {
  roomId: string;
  code: string;
  lessonId: string;
  lessonTitle: string;
  status: RoomStatus;
  /** ISO-8601. */
  createdAt: string;
  endedAt: string | null;
  /** Questions that count (asked and closed). */
  questions: number;
  participants: number;
  /** Participants linked to a roster student. */
  rosterParticipants: number;
  /** Over every participant of the session; null with no questions or participants. */
  accuracyPercent: number | null;
}

/** One roster student in one session (every session has one entry, attended or not). */
export interface ClassReportStudentSession {
  roomId: string;
  attended: boolean;
  /** The participant who joined with this roster id (null when absent). */
  participantId: string | null;
  nickname: string | null;
  /** In the session's ranking; null when absent. */
  rank: number | null;
  points: number;
  questions: number;
  answered: number;
  correct: number;
  /** Null when absent or no question was asked. */
  accuracyPercent: number | null;
}

export interface ClassReportStudent {
  /** The school's student id (as on the roster, and as given on joining). */
  rosterId: string;
  displayName: string;
  sessionsAttended: number;
  /** Over the sessions attended. */
  questions: number;
  answered: number;
  correct: number;
  points: number;
  /** `100 × correct / questions` over the sessions attended; null when none. */
  accuracyPercent: number | null;
  /** One entry per session, oldest first (the score and accuracy trend). */
  trend: ClassReportStudentSession[];
}

export interface ClassReportUnlinked {
  roomId: string;
  participantId: string;
  nickname: string;
  /** The roster id given, if any (not on the roster). */
  rosterId: string | null;
  points: number;
}

export interface ClassReportConceptSession {
  roomId: string;
  /** Questions with this tag in the session. */
  questions: number;
  /** Questions × participants: every chance to answer right. */
  opportunities: number;
  answered: number;
  correct: number;
  /** `100 × correct / opportunities`; null when there were none. */
  accuracyPercent: number | null;
}

export interface ClassReportConcept {
  concept: string;
  questions: number;
  opportunities: number;
  answered: number;
  correct: number;
  accuracyPercent: number | null;
  /** Sessions that asked about this concept, oldest first. */
  trend: ClassReportConceptSession[];
}

export interface ClassReportWrongOption {
  lessonId: string;
  /** The lesson's question key (the same question asked in several sessions counts together). */
  questionKey: string;
  prompt: string;
  concept: string | null;
  /** Option id (`'true'` / `'false'` for true-false questions). */
  optionId: string;
  optionText: string;
  /** The lesson's misconception note for this option, or null. */
  note: string | null;
  /** How many answers picked it. */
  count: number;
  /** Answers to the question, in every session that asked it. */
  answered: number;
  /** `100 × count / answered`. */
  percentOfAnswers: number;
  /** Sessions in which it was picked. */
  sessions: number;
}
