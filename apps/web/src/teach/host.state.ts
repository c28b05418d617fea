import type {
  HostQuestionView,
  HostSnapshot,
  LeaderboardView,
  LessonQuestionSummary,
  QuestionProgress,
  RevealView,
  RoomEndedView,
  RoomStateView,
  RosterEntry,
  StepView,
} from '@podroom/contracts';

/**
 * The host console's state, a pure function of the `host:attach` snapshot and the room's events.
 * `version` is the room's state version that the next move must carry; events at or below it
 * (replays after a re-attach) change nothing.
 */
export interface HostState {
  roomId: string;
  code: string;
  joinUrl: string;
  lessonTitle: string;
  status: HostSnapshot['status'];
  version: number;
  locked: boolean;
  leaderboardHidden: boolean;
  step: StepView;
  question: { view: HostQuestionView; receivedAt: number } | null;
  progress: QuestionProgress | null;
  reveal: RevealView | null;
  questions: LessonQuestionSummary[];
  roster: RosterEntry[];
  leaderboard: LeaderboardView;
  ended: RoomEndedView | null;
}

export type HostEvent =
  | { type: 'snapshot'; snapshot: HostSnapshot; at: number }
  | { type: 'step'; version: number; step: StepView }
  | { type: 'opened'; question: HostQuestionView & { version: number }; at: number }
  | { type: 'progress'; progress: QuestionProgress }
  | { type: 'closed'; reveal: RevealView & { version: number } }
  | { type: 'roster'; roster: RosterEntry[] }
  | { type: 'leaderboard'; leaderboard: LeaderboardView }
  | { type: 'state'; state: RoomStateView }
  | { type: 'ended'; ended: RoomEndedView }
  /** An acknowledged move: the version it produced. */
  | { type: 'version'; version: number };

export function hostFromSnapshot(snapshot: HostSnapshot, at: number): HostState {
  return {
    roomId: snapshot.roomId,
    code: snapshot.code,
    joinUrl: snapshot.joinUrl,
    lessonTitle: snapshot.lessonTitle,
    status: snapshot.status,
    version: snapshot.version,
    locked: snapshot.locked,
    leaderboardHidden: snapshot.leaderboardHidden,
    step: snapshot.step,
    question: snapshot.question ? { view: snapshot.question, receivedAt: at } : null,
    progress: snapshot.question?.progress ?? null,
    reveal: snapshot.question ? null : snapshot.lastReveal,
    questions: snapshot.questions,
    roster: snapshot.roster,
    leaderboard: snapshot.leaderboard,
    ended: null,
  };
}

export function hostReducer(state: HostState, event: HostEvent): HostState {
  switch (event.type) {
    case 'snapshot':
      return { ...hostFromSnapshot(event.snapshot, event.at), ended: state.ended };
    case 'version':
      return event.version > state.version ? { ...state, version: event.version } : state;
    case 'step':
      if (event.version < state.version) return state;
      return { ...state, version: event.version, step: event.step, status: 'live' };
    case 'opened':
      if (event.question.version < state.version) return state;
      return {
        ...state,
        version: event.question.version,
        status: 'live',
        question: { view: event.question, receivedAt: event.at },
        progress: event.question.progress,
        reveal: null,
        questions: state.questions.map((q) =>
          q.key === event.question.key ? { ...q, asked: true } : q,
        ),
      };
    case 'progress':
      if (state.question?.view.questionId !== event.progress.questionId) return state;
      return { ...state, progress: event.progress };
    case 'closed':
      if (event.reveal.version < state.version) return state;
      return { ...state, version: event.reveal.version, question: null, reveal: event.reveal };
    case 'roster':
      return { ...state, roster: event.roster };
    case 'leaderboard':
      return { ...state, leaderboard: event.leaderboard };
    case 'state':
      if (event.state.version < state.version) return state;
      return {
        ...state,
        version: event.state.version,
        status: event.state.status,
        locked: event.state.locked,
        leaderboardHidden: event.state.leaderboardHidden,
      };
    case 'ended':
      return {
        ...state,
        version: Math.max(state.version, event.ended.version),
        status: 'ended',
        question: null,
        ended: event.ended,
      };
  }
}

/**
 * The question Space opens: the first one not yet asked that the lesson suggests at the current
 * step, or undefined.
 */
export function questionForStep(state: HostState): LessonQuestionSummary | undefined {
  return state.questions.find((q) => !q.asked && q.atStep === state.step.index);
}
