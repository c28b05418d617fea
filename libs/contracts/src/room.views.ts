import type {
  AnswerDistribution,
  AnswerValue,
  QuestionType,
  RevealedQuestion,
  StudentQuestion,
} from '@podroom/quiz';

/**
 * What the server sends about a room. The server builds every one of these in one place
 * (apps/server/src/rooms/room.views.ts); student-bound views never carry an answer key, an
 * explanation or anybody else's answers before the reveal.
 */

export type RoomRole = 'host' | 'student';
export type RoomStatus = 'lobby' | 'live' | 'ended';
export type DetailLevel = 'summary' | 'hops';

/** The cluster as drawn on the projector; `id`s are what {@link StepView.packetAt} refers to. */
export interface TopologyView {
  nodes: {
    id: string;
    name: string;
    ip: string;
    /** The node's pod range, its bridge's address, the overlay's VXLAN id (projector labels). */
    podCIDR?: string;
    bridgeIp?: string;
    vni?: number;
    /** False when the scenario's fault takes the node's network plugin down. */
    cniUp?: boolean;
  }[];
  pods: { id: string; name: string; namespace: string; node: string; ip: string }[];
  services: {
    id: string;
    name: string;
    namespace: string;
    clusterIP: string;
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    ports?: { port: number; targetPort: number | string; protocol: string; nodePort?: number }[];
    /** Ready endpoints: the pods the Service's traffic may go to. */
    endpoints?: { pod: string; ip: string }[];
  }[];
  /** Other drawable parts (bridges, overlay devices, kube-proxy, CoreDNS, …). */
  components: { id: string; name: string; node?: string }[];
}

/** A packet's headers, as the simulation computes them. */
export interface PacketView {
  protocol: string;
  src: { ip: string; port?: number };
  dst: { ip: string; port?: number };
  ttl: number;
  /** e.g. `HTTP GET /`, `DNS A? my-service.default.svc.cluster.local.` */
  payload: string;
  /** The outer header while VXLAN-encapsulated. */
  outer?: {
    protocol: string;
    src: { ip: string; port?: number };
    dst: { ip: string; port?: number };
    vni: number;
  };
}

/** One row of the simulation at the lesson's detail level. */
export interface StepRow {
  /** 1-based within its action, as the engine numbers it. */
  step: number;
  action: string;
  source: string;
  destination: string;
  /** The component's (or network plugin's) role. */
  role: string;
  result: string;
  component?: string;
}

/** The step every client shows. */
export interface StepView {
  /** 0-based position in the lesson's steps. */
  index: number;
  total: number;
  detail: DetailLevel;
  /** The script line this step belongs to. */
  action: { index: number; command: string; note?: string };
  row: StepRow;
  /** Tracked variables (Request Status, …) after this step. */
  tracker: { name: string; value: string }[];
  topology: TopologyView;
  /** Element id of where the packet is, or null. */
  packetAt: string | null;
  /** The packet's headers at this step (the projector's packet card), when there is a packet. */
  packet?: PacketView | null;
  /** The packet was dropped, refused or timed out at this step. */
  dropped?: boolean;
  /** What the command has printed so far. */
  output: string[];
}

/** When a question's timer runs. Instants are the server's epoch ms. */
export interface QuestionTiming {
  openedAt: number;
  /** Answers open (after the reading delay). */
  timerStartsAt: number;
  /** The last instant an answer counts, for this recipient (extra time included). */
  deadline: number;
  /** This recipient's timer length (extra time included). */
  timeLimitMs: number;
  /** The server's clock when this was sent, to correct for the client's clock. */
  serverNow: number;
  /** `deadline - serverNow`, never negative. */
  remainingMs: number;
}

/** An open question as a student sees it: never the key. */
export interface OpenQuestionView extends QuestionTiming {
  /** Send this id with the answer. */
  questionId: string;
  /** 1, 2, … in the order questions are asked. */
  ordinal: number;
  question: StudentQuestion;
}

/** Who has answered so far and how (host only, while the question is open). */
export interface QuestionProgress {
  questionId: string;
  answered: number;
  /** Participants connected and not kicked: the question closes when all of them answered. */
  expected: number;
  /** Participant ids that answered. */
  answeredBy: string[];
  distribution: AnswerDistribution;
}

/** An open question as the host sees it: the key and the live distribution. */
export interface HostQuestionView extends OpenQuestionView {
  key: string;
  answer: AnswerValue;
  progress: QuestionProgress;
}

/** A question of the lesson, as listed for the host. */
export interface LessonQuestionSummary {
  key: string;
  type: QuestionType;
  prompt: string;
  /** The step the lesson suggests asking it at (0-based index), or null. */
  atStep: number | null;
  /** Already asked in this room. */
  asked: boolean;
  source: 'lesson' | 'generated';
}

export type CloseReason = 'deadline' | 'all-answered' | 'host' | 'ended';

/** The reveal, sent to everyone when a question closes. */
export interface RevealView {
  questionId: string;
  ordinal: number;
  closedAt: number;
  reason: CloseReason;
  /** Key, explanation, notes and the class's answer distribution. */
  question: RevealedQuestion;
  /** For trace questions: the step (0-based index) to replay, or null. */
  replayStep: number | null;
}

/** What one student got for a question, sent to that student only at the reveal. */
export interface AnswerResultView {
  questionId: string;
  answered: boolean;
  correct: boolean;
  credit: number;
  points: number;
  streak: number;
  totalPoints: number;
  rank: number;
  /** Fully right answers so far (with `rank` and `totalPoints`: the student's leaderboard place). */
  totalCorrect: number;
}

export interface LeaderboardEntry {
  rank: number;
  participantId: string;
  nickname: string;
  points: number;
  correct: number;
}

/** The top of the leaderboard plus the recipient's own place (null for the host). */
export interface LeaderboardView {
  top: LeaderboardEntry[];
  me: LeaderboardEntry | null;
  total: number;
}

export interface RosterEntry {
  participantId: string;
  nickname: string;
  connected: boolean;
  kicked: boolean;
  points: number;
}

/** An answer as recorded (acknowledged only once it is committed to the database). */
export interface RecordedAnswer {
  questionId: string;
  value: AnswerValue;
  /** From the timer's start, as scored. */
  responseMs: number;
  receivedAt: number;
}

/** Fields every snapshot has. */
export interface RoomSnapshotBase {
  roomId: string;
  code: string;
  lessonTitle: string;
  status: RoomStatus;
  version: number;
  locked: boolean;
  leaderboardHidden: boolean;
  step: StepView;
  /** The last reveal, while no other question has been opened since. */
  lastReveal: RevealView | null;
  serverNow: number;
}

/** Everything a student needs to draw the room, on join and on every reconnect. */
export interface StudentSnapshot extends RoomSnapshotBase {
  role: 'student';
  me: { participantId: string; nickname: string; points: number; streak: number };
  question: OpenQuestionView | null;
  /** The student's answer to the open question, if recorded. */
  myAnswer: RecordedAnswer | null;
  /** Null while hidden. */
  leaderboard: LeaderboardView | null;
}

/** Everything the host console needs. */
export interface HostSnapshot extends RoomSnapshotBase {
  role: 'host';
  joinUrl: string;
  question: HostQuestionView | null;
  questions: LessonQuestionSummary[];
  roster: RosterEntry[];
  leaderboard: LeaderboardView;
}

export type RoomSnapshot = StudentSnapshot | HostSnapshot;

/** Sent to everyone when the room ends. */
export interface RoomEndedView {
  version: number;
  podium: LeaderboardEntry[];
}

/** Room flags, sent to everyone when they change. */
export interface RoomStateView {
  version: number;
  status: RoomStatus;
  locked: boolean;
  leaderboardHidden: boolean;
}

// ---------------------------------------------------------------- HTTP

export interface InstructorView {
  id: string;
  email: string;
  displayName: string;
}

/** Answer of sign-up and sign-in. */
export interface AuthResult {
  /** The access token (`Authorization: Bearer …`, `host:attach`): short-lived. */
  token: string;
  /** Seconds until `token` expires. */
  expiresIn: number;
  /** Opaque, single use: `POST /auth/refresh` trades it for a new pair. */
  refreshToken: string;
  instructor: InstructorView;
}

export interface BuiltInLessonView {
  key: string;
  title: string;
  description: string;
  steps: number;
  questions: number;
}

/** Answer of `POST /rooms`. */
export interface CreatedRoom {
  roomId: string;
  code: string;
  joinUrl: string;
  /** The join URL as a QR code, an SVG data URL. */
  qrCode: string;
  lessonId: string;
  lessonTitle: string;
}

/** How one participant did on one asked question, in a report. */
export type ReportAnswerStatus = 'correct' | 'partial' | 'wrong' | 'late' | 'unanswered';

/** One participant's answer to one asked question (every asked question has one, answered or not). */
export interface ReportParticipantAnswer {
  questionId: string;
  ordinal: number;
  status: ReportAnswerStatus;
  /** The submitted value; null when unanswered. */
  value: AnswerValue | null;
  /** Fully right (late answers can be right but earn nothing). */
  correct: boolean;
  /** 0..1. */
  credit: number;
  late: boolean;
  /** From the timer's start; null when unanswered. */
  responseMs: number | null;
  points: number;
}

/**
 * `GET /rooms/:id/report` (and `/rooms/:id/report.csv`): everything derived from the stored
 * answers, recomputed on every request (docs/decisions/0053-reports.md).
 */
export interface RoomReport {
  room: {
    id: string;
    code: string;
    lessonTitle: string;
    status: RoomStatus;
    createdAt: string;
    endedAt: string | null;
    /** The class the session was taught to, or null. */
    classId: string | null;
  };
  /** In the order asked. */
  questions: {
    questionId: string;
    ordinal: number;
    key: string;
    type: QuestionType;
    prompt: string;
    points: number;
    /** The question's concept tag, or null. */
    concept: string | null;
    /** The choices (empty for true-false and numeric questions). */
    options: { id: string; text: string }[];
    /** The answer key (the report is for the instructor only). */
    answer: AnswerValue;
    answered: number;
    /** Participants with no answer (everyone in the room counts, kicked ones included). */
    unanswered: number;
    correct: number;
    partial: number;
    /** Answers given after the participant's timer ran out (never right, no points). */
    late: number;
    /** `100 × correct / participants`; null with no participants. */
    correctPercent: number | null;
    averageResponseMs: number | null;
    distribution: AnswerDistribution;
  }[];
  /**
   * Question ids, hardest first: lowest correct % first, then lowest average credit, then slowest
   * average response, then order asked.
   */
  hardestFirst: string[];
  /** Ranked; scores recomputed from the stored answers (libs/quiz scoreSession). */
  participants: {
    rank: number;
    participantId: string;
    nickname: string;
    /** The roster student id given on joining a class session, or null. */
    rosterId: string | null;
    kicked: boolean;
    points: number;
    correct: number;
    answered: number;
    /** Questions asked that this participant did not answer. */
    unanswered: number;
    /** `100 × correct / questions asked`; null when none was asked. */
    accuracyPercent: number | null;
    /** Mean response time over this participant's answers (right or not); null with none. */
    averageResponseMs: number | null;
    streak: number;
    bestStreak: number;
    /** One entry per asked question, in the order asked. */
    answers: ReportParticipantAnswer[];
  }[];
  /** Every counted answer (unanswered questions have none here). */
  answers: {
    questionId: string;
    participantId: string;
    value: unknown;
    responseMs: number;
    correct: boolean;
    credit: number;
    late: boolean;
    points: number;
  }[];
}
