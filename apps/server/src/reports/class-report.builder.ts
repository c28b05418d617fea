import type {
  ClassReport,
  ClassReportConcept,
  ClassReportConceptSession,
  ClassReportStudentSession,
  ClassReportWrongOption,
  RoomReport,
} from '@podroom/contracts';
import { compareCodeUnits, type Question, type ScoringOptions } from '@podroom/quiz';
import { buildSessionReport, percent, type SessionRecord } from './session-report.builder.js';

/** A class as the reports read it: its owner and roster. */
export interface ClassRecord {
  id: string;
  name: string;
  instructorId: string;
  /** In student id order. */
  roster: { studentId: string; displayName: string }[];
}

/** One session of the class, with what its report needs besides the stored rows. */
export interface ClassSessionInput {
  session: SessionRecord;
  lessonTitle: string;
  /** The room's scoring options (as for its session report). */
  scoring: ScoringOptions;
}

type SessionReportParticipant = RoomReport['participants'][number];

/**
 * A class across its sessions, computed from the stored answers alone: each session is scored
 * with {@link buildSessionReport} (so a class report never disagrees with a session report), then
 * combined. Only questions that have closed count (in a live session, the open question's answers
 * are still coming in). Pure.
 */
export function buildClassReport({
  klass,
  sessions,
}: {
  klass: ClassRecord;
  /** Oldest first. */
  sessions: ClassSessionInput[];
}): ClassReport {
  const played = sessions.map(({ session, lessonTitle, scoring }) => {
    const counted = countedQuestions(session);
    const ids = new Set(counted.map((q) => q.id));
    const only = {
      ...session,
      questions: counted,
      answers: session.answers.filter((a) => ids.has(a.questionId)),
    };
    return { session: only, report: buildSessionReport({ session: only, lessonTitle, scoring }) };
  });
  const onRoster = new Set(klass.roster.map((s) => s.studentId));

  const sessionViews = played.map(({ session, report }) => {
    const correct = report.participants.reduce((sum, p) => sum + p.correct, 0);
    return {
      roomId: session.id,
      code: session.code,
      lessonId: session.lessonId,
      lessonTitle: report.room.lessonTitle,
      status: session.status,
      createdAt: report.room.createdAt,
      endedAt: report.room.endedAt,
      questions: report.questions.length,
      participants: report.participants.length,
      rosterParticipants: report.participants.filter(
        (p) => p.rosterId !== null && onRoster.has(p.rosterId),
      ).length,
      accuracyPercent: percent(correct, report.questions.length * report.participants.length),
    };
  });

  const students = klass.roster.map((student) => {
    const trend = played.map(({ session, report }): ClassReportStudentSession => {
      const p = linkedParticipant(report.participants, student.studentId);
      const questions = report.questions.length;
      if (!p) {
        return {
          roomId: session.id,
          attended: false,
          participantId: null,
          nickname: null,
          rank: null,
          points: 0,
          questions,
          answered: 0,
          correct: 0,
          accuracyPercent: null,
        };
      }
      return {
        roomId: session.id,
        attended: true,
        participantId: p.participantId,
        nickname: p.nickname,
        rank: p.rank,
        points: p.points,
        questions,
        answered: p.answered,
        correct: p.correct,
        accuracyPercent: percent(p.correct, questions),
      };
    });
    const attended = trend.filter((t) => t.attended);
    const sum = (pick: (t: ClassReportStudentSession) => number) =>
      attended.reduce((total, t) => total + pick(t), 0);
    return {
      rosterId: student.studentId,
      displayName: student.displayName,
      sessionsAttended: attended.length,
      questions: sum((t) => t.questions),
      answered: sum((t) => t.answered),
      correct: sum((t) => t.correct),
      points: sum((t) => t.points),
      accuracyPercent: percent(
        sum((t) => t.correct),
        sum((t) => t.questions),
      ),
      trend,
    };
  });

  const unlinked = played.flatMap(({ session, report }) =>
    report.participants
      .filter((p) => p.rosterId === null || !onRoster.has(p.rosterId))
      .map((p) => ({
        roomId: session.id,
        participantId: p.participantId,
        nickname: p.nickname,
        rosterId: p.rosterId,
        points: p.points,
      })),
  );

  return {
    class: { id: klass.id, name: klass.name, rosterSize: klass.roster.length },
    sessions: sessionViews,
    students,
    unlinked,
    concepts: conceptsOf(played),
    wrongOptions: wrongOptionsOf(played),
  };
}

/** Questions that count: all of an ended session; the closed ones of a live one. */
function countedQuestions(session: SessionRecord): SessionRecord['questions'] {
  return session.status === 'ended'
    ? session.questions
    : session.questions.filter((q) => q.closedAt !== null);
}

/**
 * The participant who joined with this roster id. Should a roster id have joined twice (two
 * phones), the one who answered most counts (then the better ranked).
 */
function linkedParticipant(
  ranked: SessionReportParticipant[],
  rosterId: string,
): SessionReportParticipant | undefined {
  let best: SessionReportParticipant | undefined;
  for (const p of ranked) {
    if (p.rosterId !== rosterId) continue;
    if (!best || p.answered > best.answered) best = p;
  }
  return best;
}

type Played = { session: SessionRecord; report: RoomReport }[];

function conceptsOf(played: Played): ClassReportConcept[] {
  const concepts = new Map<string, ClassReportConceptSession[]>();
  for (const { session, report } of played) {
    const here = new Map<string, ClassReportConceptSession>();
    for (const q of report.questions) {
      if (q.concept === null) continue;
      let entry = here.get(q.concept);
      if (!entry) {
        entry = {
          roomId: session.id,
          questions: 0,
          opportunities: 0,
          answered: 0,
          correct: 0,
          accuracyPercent: null,
        };
        here.set(q.concept, entry);
      }
      entry.questions += 1;
      entry.opportunities += report.participants.length;
      entry.answered += q.answered;
      entry.correct += q.correct;
    }
    for (const [concept, entry] of here) {
      entry.accuracyPercent = percent(entry.correct, entry.opportunities);
      const trend = concepts.get(concept);
      if (trend) trend.push(entry);
      else concepts.set(concept, [entry]);
    }
  }
  return [...concepts.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([concept, trend]) => {
      const sum = (pick: (t: ClassReportConceptSession) => number) =>
        trend.reduce((total, t) => total + pick(t), 0);
      return {
        concept,
        questions: sum((t) => t.questions),
        opportunities: sum((t) => t.opportunities),
        answered: sum((t) => t.answered),
        correct: sum((t) => t.correct),
        accuracyPercent: percent(
          sum((t) => t.correct),
          sum((t) => t.opportunities),
        ),
        trend,
      };
    });
}

/** Wrong options picked, grouped by lesson question (key) across the sessions that asked it. */
function wrongOptionsOf(played: Played): ClassReportWrongOption[] {
  const picks = new Map<
    string,
    Omit<ClassReportWrongOption, 'answered' | 'percentOfAnswers' | 'sessions'> & {
      questionGroup: string;
      sessions: Set<string>;
    }
  >();
  const answeredByGroup = new Map<string, number>();
  for (const { session, report } of played) {
    const definitions = new Map(session.questions.map((q) => [q.id, q.definition]));
    const answersTo = new Map<string, RoomReport['answers']>();
    for (const answer of report.answers) {
      const list = answersTo.get(answer.questionId);
      if (list) list.push(answer);
      else answersTo.set(answer.questionId, [answer]);
    }
    for (const q of report.questions) {
      const definition = definitions.get(q.questionId)!;
      const group = `${session.lessonId}\u0000${q.key}`;
      answeredByGroup.set(group, (answeredByGroup.get(group) ?? 0) + q.answered);
      for (const answer of answersTo.get(q.questionId) ?? []) {
        for (const optionId of wrongPicks(definition, answer.value)) {
          const id = `${group}\u0000${optionId}`;
          let pick = picks.get(id);
          if (!pick) {
            pick = {
              lessonId: session.lessonId,
              questionKey: q.key,
              prompt: q.prompt,
              concept: q.concept,
              optionId,
              optionText: optionText(definition, optionId),
              note: noteFor(definition, optionId),
              count: 0,
              questionGroup: group,
              sessions: new Set(),
            };
            picks.set(id, pick);
          }
          pick.count += 1;
          pick.sessions.add(session.id);
        }
      }
    }
  }
  return [...picks.values()]
    .map(({ questionGroup, sessions, ...pick }) => {
      const answered = answeredByGroup.get(questionGroup) ?? 0;
      return {
        ...pick,
        answered,
        percentOfAnswers: answered > 0 ? (100 * pick.count) / answered : 0,
        sessions: sessions.size,
      };
    })
    .sort(
      (a, b) =>
        b.count - a.count ||
        b.percentOfAnswers - a.percentOfAnswers ||
        compareCodeUnits(a.questionKey, b.questionKey) ||
        compareCodeUnits(a.optionId, b.optionId),
    );
}

/**
 * The wrong choices in an answer: the option picked when it is not the key (single, hotspot,
 * true-false), the options ticked that are not in the key (multi). Numeric and ordering answers
 * have no single wrong option, so none.
 */
export function wrongPicks(question: Question, value: unknown): string[] {
  switch (question.type) {
    case 'single':
    case 'hotspot':
      return typeof value === 'string' && value !== question.answer ? [value] : [];
    case 'true-false':
      return typeof value === 'boolean' && value !== question.answer ? [String(value)] : [];
    case 'multi':
      return Array.isArray(value)
        ? [...new Set(value.filter((v): v is string => typeof v === 'string'))].filter(
            (v) => !question.answer.includes(v),
          )
        : [];
    case 'numeric':
    case 'ordering':
      return [];
  }
}

function optionText(question: Question, optionId: string): string {
  if (question.type === 'true-false') return optionId === 'true' ? 'True' : 'False';
  if ('options' in question && question.options)
    return question.options.find((o) => o.id === optionId)?.text ?? optionId;
  return optionId;
}

function noteFor(question: Question, optionId: string): string | null {
  if (question.type === 'numeric' || !question.misconceptions) return null;
  const notes = question.misconceptions as Readonly<Record<string, string | undefined>>;
  return notes[optionId] ?? null;
}
