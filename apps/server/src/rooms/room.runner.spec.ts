import { ErrorCode, type ServerToClientEvents } from '@podroom/contracts';
import { scoreSession } from '@podroom/quiz';
import { builtInLessons } from '../lessons/built-in.lessons.js';
import { planLesson, type LessonPlan } from '../lessons/lesson.plan.js';
import { AnswerBatcher } from './answer.batcher.js';
import { askedDefinition } from './room.model.js';
import type {
  Audience,
  NewAnswer,
  PersistedRoomState,
  RoomBroadcaster,
  RoomClock,
  RoomStore,
  StateWrite,
  StoredQuestion,
  StoredRoom,
} from './room.ports.js';
import { ANSWER_GRACE_MS, CLOSE_RETRY_MS, ROSTER_REFRESH_MS, RoomRunner } from './room.runner.js';

// The room runner against in-memory ports: a store that answers after random delays (to shake
// out races, as boardgame.io tests its master), a hand-driven clock, a recording broadcaster.

/** Mulberry32, seeded: the same delays on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class MemoryStore implements RoomStore {
  room: StoredRoom;
  failNextInsert = false;
  failNextClose = false;
  private readonly random = prng(42);

  constructor(room: StoredRoom) {
    this.room = room;
  }

  private async delay(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(this.random() * 4)));
  }

  private write(write: StateWrite): void {
    if (this.room.version !== write.expectedVersion) {
      throw Object.assign(new Error('stale'), { code: ErrorCode.STALE_VERSION });
    }
    this.room = { ...this.room, version: write.version, status: write.status, state: write.state };
  }

  async loadRoom(): Promise<StoredRoom> {
    return structuredClone(this.room);
  }
  async saveState(write: StateWrite): Promise<void> {
    await this.delay();
    this.write(write);
  }
  roster: string[] = [];
  rosterReads = 0;
  async rosterIds(): Promise<string[]> {
    this.rosterReads += 1;
    await this.delay();
    return [...this.roster];
  }
  async addParticipant(_: string, nickname: string, rosterId: string | null) {
    await this.delay();
    if (this.room.participants.some((p) => p.nickname === nickname)) return null;
    const id = `p-${this.room.participants.length + 1}`;
    const participant = { id, nickname, kicked: false, rosterId };
    this.room.participants.push(participant);
    return participant;
  }
  async setKicked(participantId: string): Promise<void> {
    this.room.participants.find((p) => p.id === participantId)!.kicked = true;
  }
  async openQuestion(write: StateWrite, question: Omit<StoredQuestion, 'closedAt'>) {
    await this.delay();
    this.write(write);
    this.room.questions.push({ ...question, closedAt: null });
  }
  async closeQuestion(write: StateWrite, questionId: string, closedAt: number) {
    await this.delay();
    if (this.failNextClose) {
      this.failNextClose = false;
      throw new Error('database unavailable');
    }
    this.write(write);
    this.room.questions.find((q) => q.id === questionId)!.closedAt = closedAt;
  }
  async endRoom(write: StateWrite, endedAt: number) {
    await this.delay();
    this.write(write);
    this.room.endedAt = endedAt;
  }
  async insertAnswers(answers: NewAnswer[]): Promise<void> {
    await this.delay();
    if (this.failNextInsert) {
      this.failNextInsert = false;
      throw new Error('database unavailable');
    }
    for (const { roomId: _, ...answer } of answers) {
      if (
        this.room.answers.some(
          (a) => a.questionId === answer.questionId && a.participantId === answer.participantId,
        )
      ) {
        throw new Error('unique violation');
      }
      this.room.answers.push(answer);
    }
  }
}

class ManualClock implements RoomClock {
  time = 1_800_000_000_000;
  private timers: { at: number; callback: () => void }[] = [];
  now(): number {
    return this.time;
  }
  schedule(atMs: number, callback: () => void): () => void {
    const timer = { at: atMs, callback };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.callback();
  }
}

interface Sent {
  to: string;
  event: keyof ServerToClientEvents;
  payload: unknown;
}

class RecordingBroadcaster implements RoomBroadcaster {
  sent: Sent[] = [];
  toRoom(_: string, audience: Audience, event: keyof ServerToClientEvents, payload: unknown) {
    this.sent.push({ to: audience, event, payload: structuredClone(payload) });
  }
  toParticipant(participantId: string, event: keyof ServerToClientEvents, payload: unknown) {
    this.sent.push({ to: participantId, event, payload: structuredClone(payload) });
  }
  removeParticipant(): void {}
}

let plan: LessonPlan;
beforeAll(() => {
  const lesson = builtInLessons().find((l) => l.key === 'pod-to-pod')!;
  plan = planLesson({
    id: 'lesson',
    instructorId: 'teacher',
    title: lesson.title,
    builtInKey: lesson.key,
    scenarioYaml: lesson.scenarioYaml,
    timeline: lesson.timeline,
    questions: lesson.questions,
    scoring: {},
  });
});

const emptyRoom = (): StoredRoom => {
  const state: PersistedRoomState = {
    step: 0,
    locked: false,
    leaderboardHidden: false,
    openQuestion: null,
    lastClosedQuestionId: null,
    lastCloseReason: null,
    joinUrl: 'http://podroom.test/join/123456',
    settings: { detail: 'summary', extraTime: [] },
  };
  return {
    id: 'room',
    code: '123456',
    lessonId: 'lesson',
    instructorId: 'teacher',
    classId: null,
    status: 'lobby',
    version: 0,
    state,
    createdAt: 0,
    endedAt: null,
    participants: [],
    questions: [],
    answers: [],
  };
};

function setUp() {
  const store = new MemoryStore(emptyRoom());
  const clock = new ManualClock();
  const broadcaster = new RecordingBroadcaster();
  const batcher = new AnswerBatcher((answers) => store.insertAnswers(answers), {
    maxDelayMs: 2,
    maxBatch: 7,
  });
  const deps = { store, clock, broadcaster, batcher };
  const runner = RoomRunner.resume(store.room, plan, deps);
  return { store, clock, broadcaster, batcher, runner, deps };
}

const noop = () => undefined;

/** Keys a student must never receive before the reveal. */
const SECRET = /"(answer|explanation|misconceptions|answeredBy|distribution|key)":/;

describe('RoomRunner', () => {
  it('keeps every acknowledged answer and scores that equal a recomputation, under racing inputs', async () => {
    const { store, broadcaster, runner, deps } = setUp();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await runner.join(`S${i}`, noop)).participantId);
    }
    let version = 0;
    const acked: string[] = [];
    for (const key of ['a3-receive-step', 'a3-address-rewriters', 'exchange-length']) {
      const opened = await runner.openQuestion({ version, questionKey: key });
      version = opened.version;
      const q = opened.question;
      const right = q.answer;
      const options = q.question.options?.map((o) => o.id) ?? [];
      const wrong = (i: number) =>
        q.question.type === 'numeric'
          ? 3
          : q.question.type === 'multi'
            ? [options[i % options.length]!]
            : options.find((o) => o !== right)!;
      // Answers, host moves and a second answer per student, all at once.
      const inputs = ids.flatMap((id, i) => [
        runner
          .submitAnswer(id, q.questionId, i % 3 === 0 ? wrong(i) : right)
          .then((ack) => ack.ok && acked.push(`${q.questionId}/${id}`))
          .catch(() => undefined),
        runner.submitAnswer(id, q.questionId, right).catch(() => undefined),
      ]);
      const moves = [
        runner.move('next', version).then((r) => (version = r.version)),
        runner.move('next', version).catch((e: { code: string }) => e.code),
      ];
      await Promise.all([...inputs, ...moves]);
      expect(await moves[1]).toBe(ErrorCode.STALE_VERSION);
      // Everyone answered: the question closes by itself.
      await waitFor(() => store.room.questions.every((x) => x.closedAt !== null));
      version = store.room.version;
    }
    // Every acknowledged answer is stored, once.
    const stored = store.room.answers.map((a) => `${a.questionId}/${a.participantId}`);
    expect(new Set(stored).size).toBe(stored.length);
    expect(acked).toHaveLength(60);
    expect(stored.sort()).toEqual(acked.sort());
    // The live totals (host leaderboard) equal scoreSession over the stored answers.
    const recomputed = scoreSession({
      questions: store.room.questions.map((q) => askedDefinition(q.definition, q.id)),
      answers: store.room.answers,
    });
    const board = [...broadcaster.sent].reverse().find((s) => s.event === 'host:leaderboard')!
      .payload as { top: { participantId: string; points: number }[] };
    for (const entry of board.top) {
      expect(entry.points).toBe(
        recomputed.participants.find((p) => p.participantId === entry.participantId)?.points ?? 0,
      );
    }
    // So does a runner rebuilt from the store (a restart).
    const again = RoomRunner.resume(await store.loadRoom(), plan, deps);
    const snapshot = await again.attachHost('teacher', noop);
    expect(snapshot.leaderboard.top).toEqual(board.top);
    expect(snapshot.version).toBe(store.room.version);
    // Versions only grow, and no student ever got a secret before a reveal.
    const versions = broadcaster.sent
      .map((s) => (s.payload as { version?: number }).version)
      .filter((v): v is number => typeof v === 'number');
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const s of broadcaster.sent) {
      if (s.to === 'hosts' || s.event === 'question:closed') continue;
      expect({ event: s.event, leaks: SECRET.test(JSON.stringify(s.payload)) }).toEqual({
        event: s.event,
        leaks: false,
      });
    }
    again.dispose();
    runner.dispose();
  });

  it('lets concurrent joins overlap their inserts, one seat per nickname, none half-made', async () => {
    const { store, runner } = setUp();
    let failOnce = true;
    const insert = store.addParticipant.bind(store);
    store.addParticipant = async (roomId, nickname, rosterId) => {
      if (nickname === 'Flaky' && failOnce) {
        failOnce = false;
        throw new Error('connection lost');
      }
      return insert(roomId, nickname, rosterId);
    };
    const names = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0 ? 'Ana' : i % 4 === 1 ? 'ANA' : `S${i}`,
    );
    const outcomes = await Promise.all(
      [...names, 'Flaky'].map((name) =>
        runner.join(name, noop).then(
          (joined) => joined.participantId,
          (error: { code?: string; message: string }) => error.code ?? error.message,
        ),
      ),
    );
    // "Ana" and "ANA" are one nickname: one of the 20 got it.
    const joined = outcomes.filter((o) => o.startsWith('p-'));
    expect(joined).toHaveLength(21);
    expect(outcomes.filter((o) => o === ErrorCode.NICKNAME_TAKEN)).toHaveLength(19);
    expect(outcomes.at(-1)).toBe('connection lost');
    // Every admitted participant is stored, and the failed insert freed its nickname.
    expect(store.room.participants.map((p) => p.id).sort()).toEqual([...joined].sort());
    await expect(runner.join('Flaky', noop)).resolves.toMatchObject({
      participantId: expect.any(String),
    });
  });

  it('closes at the deadline plus the grace, and refuses later answers', async () => {
    const { clock, runner, store } = setUp();
    const { participantId: a } = await runner.join('Ada', noop);
    await runner.join('Bob', noop);
    const { question } = await runner.openQuestion({
      version: 0,
      questionKey: 'a3-reply-source',
      timeLimitSec: 5,
    });
    clock.advance(5_000 + ANSWER_GRACE_MS / 2); // past the deadline, within the grace
    const ack = await runner.submitAnswer(a, question.questionId, question.answer);
    expect(ack).toMatchObject({ ok: true, answer: { responseMs: 5_000 } }); // scored at the deadline
    clock.advance(ANSWER_GRACE_MS);
    await waitFor(() => store.room.questions[0]!.closedAt !== null);
    expect(store.room.state.lastCloseReason).toBe('deadline');
    await expect(runner.submitAnswer('p-2', question.questionId, true)).rejects.toMatchObject({
      code: ErrorCode.QUESTION_CLOSED,
    });
    runner.dispose();
  });

  it('acknowledges a failed write with UNAVAILABLE and lets the student answer again', async () => {
    const { runner, store } = setUp();
    const { participantId } = await runner.join('Ada', noop);
    await runner.join('Bob', noop);
    const { question } = await runner.openQuestion({ version: 0, questionKey: 'exchange-length' });
    store.failNextInsert = true;
    await expect(runner.submitAnswer(participantId, question.questionId, 7)).rejects.toMatchObject({
      code: ErrorCode.UNAVAILABLE,
    });
    expect(await runner.submitAnswer(participantId, question.questionId, 7)).toMatchObject({
      ok: true,
    });
    expect(store.room.answers).toHaveLength(1);
    runner.dispose();
  });

  it('retries a deadline close that failed after a pause, not in a loop', async () => {
    const { runner, store, clock } = setUp();
    await runner.join('Ada', noop);
    const { question } = await runner.openQuestion({ version: 0, questionKey: 'exchange-length' });
    store.failNextClose = true;
    clock.advance(question.timeLimitMs + ANSWER_GRACE_MS);
    await waitFor(() => !store.failNextClose); // the close was tried and failed
    await new Promise((resolve) => setTimeout(resolve, 20));
    clock.advance(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.room.questions[0]!.closedAt).toBeNull();
    clock.advance(CLOSE_RETRY_MS);
    await waitFor(() => store.room.questions[0]!.closedAt !== null);
    expect(store.room.state.lastCloseReason).toBe('deadline');
    runner.dispose();
  });

  it('leaves the state untouched when a write is refused', async () => {
    const { runner, store } = setUp();
    store.room.version = 5; // another process moved on
    await expect(runner.move('next', 0)).rejects.toMatchObject({ code: ErrorCode.STALE_VERSION });
    store.room.version = 0;
    expect((await runner.move('next', 0)).step.index).toBe(1);
    runner.dispose();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('RoomRunner in a room of a class', () => {
  function classRoom(roster: string[]) {
    const store = new MemoryStore({ ...emptyRoom(), classId: 'class' });
    store.roster = roster;
    const clock = new ManualClock();
    const batcher = new AnswerBatcher((answers) => store.insertAnswers(answers), {
      maxDelayMs: 2,
      maxBatch: 7,
    });
    const deps = { store, clock, broadcaster: new RecordingBroadcaster(), batcher };
    return { store, clock, runner: RoomRunner.resume(store.room, plan, deps) };
  }
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'joined',
      (error: { code: string }) => error.code,
    );

  it('lets students in by roster id only, stored as written on the roster', async () => {
    const { store, runner } = classRoom(['S-01', 'S-02']);
    expect(await codeOf(runner.join('Ana', noop))).toBe(ErrorCode.ROSTER_ID_REQUIRED);
    expect(await codeOf(runner.join('Ana', noop, '  '))).toBe(ErrorCode.ROSTER_ID_REQUIRED);
    expect(await codeOf(runner.join('Ana', noop, 'S-03'))).toBe(ErrorCode.ROSTER_ID_UNKNOWN);
    await runner.join('Ana', noop, ' s-01 ');
    expect(store.room.participants).toEqual([
      expect.objectContaining({ nickname: 'Ana', rosterId: 'S-01' }),
    ]);
  });

  it('refuses a roster id already in the room, until its holder is kicked', async () => {
    const { runner } = classRoom(['S-01']);
    const ana = await runner.join('Ana', noop, 'S-01');
    expect(await codeOf(runner.join('Impostor', noop, 's-01'))).toBe(ErrorCode.ROSTER_ID_TAKEN);
    await runner.kick(ana.participantId);
    expect(await codeOf(runner.join('Ana again', noop, 'S-01'))).toBe('joined');
  });

  it('gives a roster id to one of two students joining with it at the same time', async () => {
    const { store, runner } = classRoom(['S-01']);
    const outcomes = await Promise.all([
      codeOf(runner.join('Ana', noop, 'S-01')),
      codeOf(runner.join('Impostor', noop, 's-01')),
    ]);
    expect(outcomes.sort()).toEqual([ErrorCode.ROSTER_ID_TAKEN, 'joined']);
    expect(store.room.participants).toHaveLength(1);
  });

  it('knows the roster ids taken before a restart (a kicked seat is free)', async () => {
    const store = new MemoryStore({
      ...emptyRoom(),
      classId: 'class',
      participants: [
        { id: 'p-1', nickname: 'Ana', kicked: false, rosterId: 'S-01' },
        { id: 'p-2', nickname: 'Bo', kicked: true, rosterId: 'S-02' },
      ],
    });
    store.roster = ['S-01', 'S-02'];
    const batcher = new AnswerBatcher((answers) => store.insertAnswers(answers));
    const deps = {
      store,
      clock: new ManualClock(),
      broadcaster: new RecordingBroadcaster(),
      batcher,
    };
    const runner = RoomRunner.resume(store.room, plan, deps);
    expect(await codeOf(runner.join('Other', noop, 's-01'))).toBe(ErrorCode.ROSTER_ID_TAKEN);
    expect(await codeOf(runner.join('Bo again', noop, 'S-02'))).toBe('joined');
  });

  it('re-reads the roster on an unknown id, at most once per interval', async () => {
    const { store, clock, runner } = classRoom(['S-01']);
    await runner.join('Ana', noop, 'S-01');
    store.roster = ['S-01', 'S-02'];
    expect(await codeOf(runner.join('Bo', noop, 'S-02'))).toBe(ErrorCode.ROSTER_ID_UNKNOWN);
    expect(await codeOf(runner.join('Bo', noop, 'S-02'))).toBe(ErrorCode.ROSTER_ID_UNKNOWN);
    expect(store.rosterReads).toBe(1);
    clock.advance(ROSTER_REFRESH_MS);
    expect(await codeOf(runner.join('Bo', noop, 'S-02'))).toBe('joined');
    expect(store.rosterReads).toBe(2);
  });

  it('lets anyone in when the class has no roster, ignoring a roster id', async () => {
    const { store, runner } = classRoom([]);
    await runner.join('Ana', noop);
    await runner.join('Bo', noop, 'whatever');
    expect(store.room.participants.map((p) => p.rosterId)).toEqual([null, null]);
  });
});
