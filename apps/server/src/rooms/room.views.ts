import type {
  AnswerResultView,
  HostQuestionView,
  HostSnapshot,
  LeaderboardEntry,
  LeaderboardView,
  LessonQuestionSummary,
  OpenQuestionView,
  QuestionProgress,
  RecordedAnswer,
  RevealView,
  RoomStateView,
  RosterEntry,
  StepView,
  StudentSnapshot,
} from '@podroom/contracts';
import {
  answerDistribution,
  compareLeaderboard,
  extraTimeFor,
  participantDeadline,
  rankLeaderboard,
  revealView as quizRevealView,
  studentView,
  type AnswerDistribution,
  type Ranked,
  type ScoringOptions,
} from '@podroom/quiz';
import {
  roomScoringOptions,
  type AnswerEntry,
  type AskedQuestion,
  type ParticipantEntry,
  type RoomModel,
} from './room.model.js';

/**
 * Every payload the server sends about a room is built here, per role, and nowhere else.
 * Student-bound views are built field by field from libs/quiz's `studentView` (never by deleting
 * from a question), so an answer key, explanation or another student's answer cannot reach a
 * student before the reveal. room.views.spec.ts checks this.
 */

/** How many leaderboard entries students see. */
export const LEADERBOARD_TOP = 5;
/** Places on the final podium. */
export const PODIUM_PLACES = 3;

export function stepView(room: RoomModel): StepView {
  const { hops: _, ...step } = room.plan.steps[room.state.step]!;
  return {
    ...step,
    index: room.state.step,
    total: room.plan.steps.length,
    detail: room.plan.detail,
  };
}

export function roomStateView(room: RoomModel): RoomStateView {
  return {
    version: room.version,
    status: room.status,
    locked: room.state.locked,
    leaderboardHidden: room.state.leaderboardHidden,
  };
}

/** A participant's timer for a question (extra time included). */
export function timingFor(room: RoomModel, asked: AskedQuestion, participantId: string | null) {
  const options = scoringOptions(room);
  return participantDeadline({
    openedAtMs: asked.timerStartsAt,
    timeLimitMs: asked.timeLimitMs,
    extraTime: participantId === null ? undefined : extraTimeFor(options, participantId),
  });
}

/** The open question for one student (their own deadline); null → the base timer. */
export function studentQuestionView(
  room: RoomModel,
  asked: AskedQuestion,
  participantId: string | null,
  now: number,
): OpenQuestionView {
  const timing = timingFor(room, asked, participantId);
  return {
    questionId: asked.id,
    ordinal: asked.ordinal,
    question: studentView(asked.question, { seed: room.id }),
    openedAt: asked.openedAt,
    timerStartsAt: asked.timerStartsAt,
    deadline: timing.deadlineMs,
    timeLimitMs: timing.effectiveTimeLimitMs,
    serverNow: now,
    remainingMs: Math.max(0, timing.deadlineMs - now),
  };
}

/** The participants who have extra time for `asked` (they get their own question view). */
export function participantsWithExtraTime(room: RoomModel): string[] {
  const options = scoringOptions(room);
  return Object.keys(options.extraTime).filter((id) => room.participants.has(id));
}

const committedAnswers = (asked: AskedQuestion): AnswerEntry[] =>
  [...asked.answers.values()].filter((a) => a.committed);

function distribution(asked: AskedQuestion): AnswerDistribution {
  return answerDistribution(
    asked.question,
    committedAnswers(asked).map((a) => ({ value: a.value, responseMs: a.responseMs })),
  );
}

/** Participants expected to answer: connected here and not kicked. */
export function expectedAnswerers(room: RoomModel): ParticipantEntry[] {
  return [...room.participants.values()].filter((p) => !p.kicked && p.connections > 0);
}

export function progressView(room: RoomModel, asked: AskedQuestion): QuestionProgress {
  const answered = committedAnswers(asked);
  return {
    questionId: asked.id,
    answered: answered.length,
    expected: expectedAnswerers(room).length,
    answeredBy: answered.map((a) => a.participantId),
    distribution: distribution(asked),
  };
}

export function hostQuestionView(
  room: RoomModel,
  asked: AskedQuestion,
  now: number,
): HostQuestionView {
  return {
    ...studentQuestionView(room, asked, null, now),
    key: asked.key,
    answer: asked.question.answer,
    progress: progressView(room, asked),
  };
}

export function revealView(room: RoomModel, asked: AskedQuestion): RevealView {
  const question = quizRevealView(asked.question, distribution(asked), { seed: room.id });
  const replay = asked.question.stepRef;
  return {
    questionId: asked.id,
    ordinal: asked.ordinal,
    closedAt: asked.closedAt ?? 0,
    reason: room.state.lastCloseReason ?? 'host',
    question,
    replayStep: replay !== undefined && replay < room.plan.steps.length ? replay : null,
  };
}

export function recordedAnswer(asked: AskedQuestion, answer: AnswerEntry): RecordedAnswer {
  return {
    questionId: asked.id,
    value: answer.value,
    responseMs: answer.responseMs,
    receivedAt: answer.receivedAt,
  };
}

type RankInput = {
  participantId: string;
  name: string;
  points: number;
  correct: number;
  correctResponseMs: number;
};

interface Ranking {
  revision: number;
  ranked: Ranked<RankInput>[];
  byId: Map<string, Ranked<RankInput>>;
}

const rankings = new WeakMap<RoomModel, Ranking>();
const scorings = new WeakMap<RoomModel, { key: string; options: ScoringOptions }>();

/** The room's scoring options (cached until participants change). */
export function scoringOptions(room: RoomModel): ScoringOptions {
  const key = `${room.revision}:${room.participants.size}`;
  const cached = scorings.get(room);
  if (cached?.key === key) return cached.options;
  const options = roomScoringOptions(room.plan, room.state.settings, room.participants.values());
  scorings.set(room, { key, options });
  return options;
}

function rankInputs(room: RoomModel): RankInput[] {
  const inputs: RankInput[] = [];
  for (const p of room.participants.values()) {
    if (p.kicked) continue;
    inputs.push({
      participantId: p.id,
      name: p.nickname,
      points: p.points,
      correct: p.correct,
      correctResponseMs: p.correctResponseMs,
    });
  }
  return inputs;
}

/** Everyone not kicked, ranked (libs/quiz's total order); cached until the room's revision changes. */
export function ranking(room: RoomModel): Ranked<RankInput>[] {
  return fullRanking(room).ranked;
}

function fullRanking(room: RoomModel): Ranking {
  const cached = rankings.get(room);
  if (cached?.revision === room.revision) return cached;
  const ranked = rankLeaderboard(rankInputs(room));
  const fresh = {
    revision: room.revision,
    ranked,
    byId: new Map(ranked.map((r) => [r.participantId, r])),
  };
  rankings.set(room, fresh);
  return fresh;
}

const entry = (r: Ranked<RankInput>): LeaderboardEntry => ({
  rank: r.rank,
  participantId: r.participantId,
  nickname: r.name,
  points: r.points,
  correct: r.correct,
});

/**
 * Top 5 plus the student's own place; for the host (`participantId` null), everyone. When the
 * cached ranking is stale (students joined since), a student's view is computed in one pass
 * without sorting everyone, so that a join stays O(n).
 */
export function leaderboardView(room: RoomModel, participantId: string | null): LeaderboardView {
  const cached = rankings.get(room);
  if (participantId === null || cached?.revision === room.revision) {
    const { ranked, byId } = fullRanking(room);
    const top = participantId === null ? ranked : ranked.slice(0, LEADERBOARD_TOP);
    const me = participantId === null ? undefined : byId.get(participantId);
    return { top: top.map(entry), me: me ? entry(me) : null, total: ranked.length };
  }
  const inputs = rankInputs(room);
  const mine = inputs.find((r) => r.participantId === participantId);
  const top: RankInput[] = [];
  let before = 0;
  for (const input of inputs) {
    if (mine && compareLeaderboard(input, mine) < 0) before += 1;
    if (top.length < LEADERBOARD_TOP || compareLeaderboard(input, top[top.length - 1]!) < 0) {
      top.push(input);
      top.sort(compareLeaderboard);
      if (top.length > LEADERBOARD_TOP) top.pop();
    }
  }
  return {
    top: top.map((r, i) => entry({ ...r, rank: i + 1 })),
    me: mine ? entry({ ...mine, rank: before + 1 }) : null,
    total: inputs.length,
  };
}

/**
 * The students' leaderboard after a reveal: the top 5, the same for everyone (one broadcast); each
 * student's own place comes with their `question:result`.
 */
export function studentsLeaderboardView(room: RoomModel): LeaderboardView {
  const { ranked } = fullRanking(room);
  return { top: ranked.slice(0, LEADERBOARD_TOP).map(entry), me: null, total: ranked.length };
}

export function podiumView(ranked: Ranked<RankInput>[]): LeaderboardEntry[] {
  return ranked.slice(0, PODIUM_PLACES).map(entry);
}

/** One student's result for a question that just closed. */
export function answerResultView(
  asked: AskedQuestion,
  participant: ParticipantEntry,
  rank: number,
): AnswerResultView {
  const answer = asked.answers.get(participant.id);
  const committed = answer?.committed === true;
  return {
    questionId: asked.id,
    answered: committed,
    correct: committed && answer.score.correct,
    credit: committed ? answer.score.credit : 0,
    points: committed ? answer.score.points : 0,
    streak: participant.streak,
    totalPoints: participant.points,
    rank,
    totalCorrect: participant.correct,
  };
}

export function rosterView(room: RoomModel): RosterEntry[] {
  return [...room.participants.values()].map((p) => ({
    participantId: p.id,
    nickname: p.nickname,
    connected: p.connections > 0,
    kicked: p.kicked,
    points: p.points,
  }));
}

function openQuestion(room: RoomModel): AskedQuestion | undefined {
  const open = room.state.openQuestion;
  return open ? room.asked.find((q) => q.id === open.questionId) : undefined;
}

function lastReveal(room: RoomModel): RevealView | null {
  const id = room.state.lastClosedQuestionId;
  const asked = id ? room.asked.find((q) => q.id === id) : undefined;
  return asked ? revealView(room, asked) : null;
}

function base(room: RoomModel, now: number) {
  return {
    roomId: room.id,
    code: room.code,
    lessonTitle: room.plan.title,
    status: room.status,
    version: room.version,
    locked: room.state.locked,
    leaderboardHidden: room.state.leaderboardHidden,
    step: stepView(room),
    lastReveal: lastReveal(room),
    serverNow: now,
  };
}

export function studentSnapshot(
  room: RoomModel,
  participantId: string,
  now: number,
): StudentSnapshot {
  const participant = room.participants.get(participantId)!;
  const open = openQuestion(room);
  const mine = open?.answers.get(participantId);
  return {
    ...base(room, now),
    role: 'student',
    me: {
      participantId,
      nickname: participant.nickname,
      points: participant.points,
      streak: participant.streak,
    },
    question: open ? studentQuestionView(room, open, participantId, now) : null,
    myAnswer: open && mine?.committed ? recordedAnswer(open, mine) : null,
    leaderboard: room.state.leaderboardHidden ? null : leaderboardView(room, participantId),
  };
}

export function hostSnapshot(room: RoomModel, now: number): HostSnapshot {
  const open = openQuestion(room);
  const asked = new Set(room.asked.map((q) => q.key));
  const questions: LessonQuestionSummary[] = room.plan.questions.map((q) => ({
    key: q.key,
    type: q.question.type,
    prompt: q.question.prompt,
    atStep: q.atStep,
    asked: asked.has(q.key),
    source: q.source,
  }));
  return {
    ...base(room, now),
    role: 'host',
    joinUrl: room.state.joinUrl,
    question: open ? hostQuestionView(room, open, now) : null,
    questions,
    roster: rosterView(room),
    leaderboard: leaderboardView(room, null),
  };
}
