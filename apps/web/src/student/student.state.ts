import type {
  AnswerResultView,
  LeaderboardEntry,
  LeaderboardView,
  OpenQuestionView,
  RecordedAnswer,
  RevealView,
  RoomEndedView,
  RoomStateView,
  RoomStatus,
  StepView,
  StudentSnapshot,
} from '@podroom/contracts';

/**
 * What a student's phone shows, as a pure function of what the server sent: the snapshot from
 * `room:join` / `room:resume` and the room events after it. Events older than the state (a
 * `version` at or below it, e.g. replayed after a resume) change nothing.
 */
export interface StudentState {
  roomId: string;
  code: string;
  lessonTitle: string;
  status: RoomStatus;
  version: number;
  locked: boolean;
  leaderboardHidden: boolean;
  me: StudentSnapshot['me'];
  step: StepView;
  /** The open question, and when (client clock, ms) its view arrived: the countdown's origin. */
  question: { view: OpenQuestionView; receivedAt: number } | null;
  /** The student's committed answer to the open question. */
  myAnswer: RecordedAnswer | null;
  /** The last reveal, until another question opens. */
  reveal: RevealView | null;
  /** The student's result for the revealed question (only sent live, not in snapshots). */
  result: AnswerResultView | null;
  leaderboard: LeaderboardView | null;
  ended: RoomEndedView | null;
  kicked: string | null;
}

export type StudentEvent =
  | { type: 'snapshot'; snapshot: StudentSnapshot; at: number }
  | { type: 'step'; version: number; step: StepView }
  | { type: 'opened'; question: OpenQuestionView & { version: number }; at: number }
  | { type: 'answered'; answer: RecordedAnswer }
  | { type: 'closed'; reveal: RevealView & { version: number } }
  | { type: 'result'; result: AnswerResultView }
  | { type: 'leaderboard'; leaderboard: LeaderboardView }
  | { type: 'state'; state: RoomStateView }
  | { type: 'ended'; ended: RoomEndedView }
  | { type: 'kicked'; reason: string };

export function fromSnapshot(snapshot: StudentSnapshot, at: number): StudentState {
  return {
    roomId: snapshot.roomId,
    code: snapshot.code,
    lessonTitle: snapshot.lessonTitle,
    status: snapshot.status,
    version: snapshot.version,
    locked: snapshot.locked,
    leaderboardHidden: snapshot.leaderboardHidden,
    me: snapshot.me,
    step: snapshot.step,
    question: snapshot.question ? { view: snapshot.question, receivedAt: at } : null,
    myAnswer: snapshot.myAnswer,
    reveal: snapshot.question ? null : snapshot.lastReveal,
    result: null,
    leaderboard: snapshot.leaderboard,
    ended: null,
    kicked: null,
  };
}

export function studentReducer(state: StudentState, event: StudentEvent): StudentState {
  switch (event.type) {
    case 'snapshot': {
      const next = fromSnapshot(event.snapshot, event.at);
      // Keep the live result when the snapshot still shows the same reveal.
      if (next.reveal && state.result?.questionId === next.reveal.questionId) {
        next.result = state.result;
      }
      if (next.status === 'ended')
        next.ended = state.ended ?? { version: next.version, podium: [] };
      return { ...next, kicked: state.kicked };
    }
    case 'step':
      if (event.version <= state.version) return state;
      return { ...state, version: event.version, step: event.step, status: 'live' };
    case 'opened':
      if (event.question.version <= state.version) return state;
      return {
        ...state,
        version: event.question.version,
        status: 'live',
        question: { view: event.question, receivedAt: event.at },
        myAnswer: null,
        reveal: null,
        result: null,
      };
    case 'answered':
      if (state.question?.view.questionId !== event.answer.questionId) return state;
      return { ...state, myAnswer: event.answer };
    case 'closed':
      if (event.reveal.version <= state.version) return state;
      return {
        ...state,
        version: event.reveal.version,
        question: null,
        myAnswer: null,
        reveal: event.reveal,
        result: state.result?.questionId === event.reveal.questionId ? state.result : null,
      };
    case 'result':
      return {
        ...state,
        result: event.result,
        me: { ...state.me, points: event.result.totalPoints, streak: event.result.streak },
        leaderboard: state.leaderboard && {
          ...state.leaderboard,
          me: ownEntry(state.me, event.result),
        },
      };
    case 'leaderboard':
      // The room's top 5 (one broadcast); the student's own place comes with their result.
      return {
        ...state,
        leaderboard: {
          ...event.leaderboard,
          me:
            event.leaderboard.me ??
            (state.result ? ownEntry(state.me, state.result) : (state.leaderboard?.me ?? null)),
        },
      };
    case 'state':
      if (event.state.version <= state.version) return state;
      return {
        ...state,
        version: event.state.version,
        status: event.state.status,
        locked: event.state.locked,
        leaderboardHidden: event.state.leaderboardHidden,
        leaderboard: event.state.leaderboardHidden ? null : state.leaderboard,
      };
    case 'ended':
      return {
        ...state,
        version: Math.max(state.version, event.ended.version),
        status: 'ended',
        question: null,
        ended: event.ended,
      };
    case 'kicked':
      return { ...state, kicked: event.reason, question: null };
  }
}

/** Which screen the phone shows. */
export type StudentScreen = 'kicked' | 'ended' | 'question' | 'reveal' | 'lobby' | 'step';

export function screenOf(state: StudentState): StudentScreen {
  if (state.kicked !== null) return 'kicked';
  if (state.status === 'ended') return 'ended';
  if (state.question) return 'question';
  if (state.reveal) return 'reveal';
  if (state.status === 'lobby') return 'lobby';
  return 'step';
}

/** The step in one line, for the top of the phone: "Step 3 of 10: Pod B receives request". */
export function stepCaption(step: StepView): string {
  const row = step.row;
  const what = row.result ? `${row.action} → ${row.result}` : row.action;
  return `Step ${step.index + 1} of ${step.total}: ${what}`;
}

/** The student's leaderboard entry, from their latest result. */
function ownEntry(me: StudentState['me'], result: AnswerResultView): LeaderboardEntry {
  return {
    rank: result.rank,
    participantId: me.participantId,
    nickname: me.nickname,
    points: result.totalPoints,
    correct: result.totalCorrect,
  };
}
