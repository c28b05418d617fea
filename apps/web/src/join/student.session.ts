import type { PodroomClient, RecordedAnswer, StudentSnapshot } from '@podroom/contracts';
import type { SentValue as AnswerValue } from '../student/answer.value.js';
import {
  fromSnapshot,
  studentReducer,
  type StudentEvent,
  type StudentState,
} from '../student/student.state.js';

/**
 * The student's connection to a room, through the shared protocol client of @podroom/contracts
 * (loaded on first use, so the start page stays small). One per tab: the join screen creates it,
 * the room screen (`#/play`) draws its state; after a reload the room screen resumes it with the
 * token kept in the tab's sessionStorage.
 *
 * It folds the room's events into a {@link StudentState}, tracks whether the socket is up (the
 * "reconnecting…" banner) and never loses an answer the student gave: an answer that could not
 * be sent (no connection, no acknowledgement) is kept and sent again once the room is back,
 * for as long as its question is open.
 */
export interface StudentSession {
  readonly client: PodroomClient;
  readonly code: string;
  /** The current state and connection; `subscribe` is told about every change. */
  readonly state: StudentState;
  readonly online: boolean;
  /** The answer waiting to be sent again, if any. */
  readonly pending: { questionId: string; value: AnswerValue } | null;
  /** Why the last answer sent again in the background was refused (e.g. it came too late). */
  readonly refusal: { questionId: string; code: string; message: string } | null;
  subscribe(listener: () => void): () => void;
  submit(questionId: string, value: AnswerValue): Promise<SubmitOutcome>;
  /** Leaves for good: closes the socket and forgets the token. */
  leave(): void;
}

export type SubmitOutcome =
  | { status: 'received'; answer: RecordedAnswer }
  | { status: 'queued' }
  | { status: 'refused'; code: string; message: string };

export type JoinOutcome =
  | { ok: true; session: StudentSession }
  | { ok: false; field?: 'code' | 'nickname' | 'rosterId'; message: string };

export type ResumeOutcome =
  | { ok: true; session: StudentSession }
  | { ok: false; reason: 'none' | 'kicked' | 'gone' | 'unreachable'; message: string };

const TOKEN_KEY = 'podroom.student';
/** Set when this tab's student was removed, so a reload says so instead of "not in a class". */
const KICKED_KEY = 'podroom.student.kicked';
/** How long to wait for the server's answer before saying it cannot be reached. */
const TIMEOUT_MS = 6_000;
/** How long a join keeps retrying while the server asks to wait (a crowd joining at once). */
const JOIN_RETRY_FOR_MS = 60_000;

/**
 * How long to wait before sending again when the server asks to (RATE_LIMITED: a crowd joining or
 * answering at once; UNAVAILABLE: its database is briefly unreachable), plus up to half a second
 * so that a whole class does not come back in the same instant; null for any other refusal.
 */
export function retryDelayMs(
  error: { code: string; retryAfterMs?: number },
  random: () => number = Math.random,
): number | null {
  if (error.code !== 'RATE_LIMITED' && error.code !== 'UNAVAILABLE') return null;
  return (error.retryAfterMs ?? 1_000) + Math.floor(random() * 500);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let current: StudentSession | undefined;

export function currentSession(): StudentSession | undefined {
  return current;
}

/** What to tell a student for each refusal (the server's own message otherwise). */
function refusal(error: { code: string; message: string }): Extract<JoinOutcome, { ok: false }> {
  switch (error.code) {
    case 'ROOM_NOT_FOUND':
      return { ok: false, field: 'code', message: 'No class has this code. Check the projector.' };
    case 'ROOM_LOCKED':
      return { ok: false, field: 'code', message: 'This class is closed to new students.' };
    case 'ROOM_ENDED':
      return { ok: false, field: 'code', message: 'This class has ended.' };
    case 'NICKNAME_TAKEN':
      return { ok: false, field: 'nickname', message: 'Someone has this nickname: pick another.' };
    case 'NICKNAME_INVALID':
      return { ok: false, field: 'nickname', message: error.message };
    case 'ROSTER_ID_REQUIRED':
      return { ok: false, field: 'rosterId', message: 'This class needs your student ID.' };
    case 'ROSTER_ID_UNKNOWN':
      return {
        ok: false,
        field: 'rosterId',
        message: 'This student ID is not on the class list. Check it, or ask your instructor.',
      };
    case 'ROSTER_ID_TAKEN':
      return {
        ok: false,
        field: 'rosterId',
        message: 'Someone already joined with this student ID. Ask your instructor.',
      };
    default:
      return { ok: false, message: error.message };
  }
}

/** What a refused answer means to the student. */
export function answerRefusal(code: string, message: string): string {
  switch (code) {
    case 'INVALID_ANSWER':
      return `This answer does not fit the question: ${message}`;
    case 'QUESTION_CLOSED':
      return 'Too late: this question has closed.';
    case 'QUESTION_NOT_OPEN_YET':
      return 'Answers are not open yet: wait for the timer to start.';
    case 'QUESTION_NOT_FOUND':
      return 'This question is no longer open.';
    case 'KICKED':
      return 'You were removed from this class.';
    case 'RATE_LIMITED':
      return 'Too many taps at once: wait a second and send again.';
    default:
      return message;
  }
}

async function connect(onSnapshot: (snapshot: StudentSnapshot) => void): Promise<PodroomClient> {
  const { createPodroomClient } = await import('@podroom/contracts');
  return createPodroomClient(window.location.origin, {
    timeoutMs: TIMEOUT_MS,
    onSnapshot: (snapshot) => {
      if (snapshot.role === 'student') onSnapshot(snapshot);
    },
  });
}

function createSession(
  client: PodroomClient,
  code: string,
  snapshot: StudentSnapshot,
  hooks: { setSnapshotHandler(handler: (snapshot: StudentSnapshot) => void): void },
): StudentSession {
  let state = fromSnapshot(snapshot, performance.now());
  let online = client.socket.connected;
  let pending: StudentSession['pending'] = null;
  let refusal: StudentSession['refusal'] = null;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const dispatch = (event: StudentEvent) => {
    state = studentReducer(state, event);
    if (pending && state.question?.view.questionId !== pending.questionId) pending = null;
    notify();
  };
  const offs: (() => void)[] = [
    client.on('step:changed', (c) => dispatch({ type: 'step', version: c.version, step: c.step })),
    client.on('question:opened', (q) =>
      dispatch({ type: 'opened', question: q, at: performance.now() }),
    ),
    client.on('question:closed', (reveal) => dispatch({ type: 'closed', reveal })),
    client.on('question:result', (result) => dispatch({ type: 'result', result })),
    client.on('leaderboard', (leaderboard) => dispatch({ type: 'leaderboard', leaderboard })),
    client.on('room:state', (s) => dispatch({ type: 'state', state: s })),
    client.on('room:ended', (ended) => {
      dispatch({ type: 'ended', ended });
      forget();
    }),
    client.on('room:kicked', ({ reason }) => {
      dispatch({ type: 'kicked', reason });
      forget();
      sessionStorage.setItem(KICKED_KEY, code);
      client.close();
    }),
  ];
  const socket = client.socket;
  const onDisconnect = () => {
    online = false;
    notify();
  };
  const onConnect = () => {
    online = true;
    notify();
    // A recovered connection gets no snapshot (socket.io replays what it missed): send now.
    if (socket.recovered) void flush();
  };
  socket.on('disconnect', onDisconnect);
  socket.on('connect', onConnect);
  // A phone that loses its network often keeps a dead socket for many seconds: react at once.
  const onOffline = () => {
    if (socket.connected) socket.disconnect();
    onDisconnect();
  };
  const onOnline = () => {
    if (!socket.connected && state.kicked === null && state.status !== 'ended') socket.connect();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  hooks.setSnapshotHandler((fresh) => {
    dispatch({ type: 'snapshot', snapshot: fresh, at: performance.now() });
    void flush();
  });

  const send = async (questionId: string, value: AnswerValue): Promise<SubmitOutcome> => {
    pending = { questionId, value };
    refusal = null;
    notify();
    if (!socket.connected) return { status: 'queued' };
    let reply: Awaited<ReturnType<PodroomClient['answer']>>;
    try {
      reply = await client.answer(questionId, value);
    } catch {
      return { status: 'queued' }; // no acknowledgement: sent again when the room is back
    }
    if (reply.ok || (reply.error.code === 'ALREADY_ANSWERED' && reply.answer)) {
      const answer = reply.ok ? reply.answer : reply.answer!;
      pending = null;
      dispatch({ type: 'answered', answer });
      return { status: 'received', answer };
    }
    // Sent before the socket was a student again (reconnected, not yet resumed): retry later.
    if (reply.error.code === 'NOT_JOINED') return { status: 'queued' };
    // The server asks to wait (busy, or its database briefly away): send the same answer again
    // then, for as long as the question is open (an answer is stored once, whatever happens).
    const wait = retryDelayMs(reply.error);
    if (wait !== null) {
      setTimeout(() => void flush(), wait);
      return { status: 'queued' };
    }
    pending = null;
    notify();
    return { status: 'refused', code: reply.error.code, message: reply.error.message };
  };

  let flushing = false;
  async function flush() {
    if (!pending || flushing || !socket.connected) return;
    if (state.question?.view.questionId !== pending.questionId || state.myAnswer) {
      pending = null;
      return notify();
    }
    flushing = true;
    try {
      const { questionId } = pending;
      const outcome = await send(questionId, pending.value);
      if (outcome.status === 'refused') {
        refusal = { questionId, code: outcome.code, message: outcome.message };
        notify();
      }
    } finally {
      flushing = false;
    }
  }

  function forget() {
    sessionStorage.removeItem(TOKEN_KEY);
  }

  const session: StudentSession = {
    client,
    code,
    get state() {
      return state;
    },
    get online() {
      return online;
    },
    get pending() {
      return pending;
    },
    get refusal() {
      return refusal;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    submit: send,
    leave() {
      offs.forEach((off) => off());
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      forget();
      client.close();
      if (current === session) current = undefined;
    },
  };
  return session;
}

/** Connects and joins; keeps the token in the tab so a reload can resume. */
export async function joinRoom(
  code: string,
  nickname: string,
  rosterId?: string,
  /** Told what is going on while the server asks to wait (a crowd joining at once). */
  onWait?: (message: string) => void,
): Promise<JoinOutcome> {
  let client: PodroomClient | undefined;
  let handler: (snapshot: StudentSnapshot) => void = () => undefined;
  try {
    client = await connect((s) => handler(s));
    const started = performance.now();
    let reply = await client.join(code, nickname, rosterId);
    for (;;) {
      if (reply.ok) break;
      const wait = retryDelayMs(reply.error);
      if (wait === null || performance.now() - started + wait > JOIN_RETRY_FOR_MS) break;
      onWait?.(
        reply.error.code === 'RATE_LIMITED'
          ? 'Lots of people are joining — getting you in…'
          : 'The class is busy for a moment — retrying…',
      );
      await sleep(wait);
      reply = await client.join(code, nickname, rosterId);
    }
    if (!reply.ok) {
      client.close();
      return refusal(reply.error);
    }
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ code, token: reply.token }));
    sessionStorage.removeItem(KICKED_KEY);
    current?.leave();
    current = createSession(client, code, reply.snapshot, {
      setSnapshotHandler: (h) => (handler = h),
    });
    return { ok: true, session: current };
  } catch {
    client?.close();
    return {
      ok: false,
      message: 'The class cannot be reached right now. Check the Wi-Fi and try again.',
    };
  }
}

/** The token kept by {@link joinRoom}, if this tab joined a room. */
export function storedSeat(): { code: string; token: string } | undefined {
  try {
    const seat = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null') as unknown;
    if (seat && typeof seat === 'object' && 'code' in seat && 'token' in seat) {
      const { code, token } = seat as { code: unknown; token: unknown };
      if (typeof code === 'string' && typeof token === 'string') return { code, token };
    }
  } catch {
    // not ours: ignore
  }
  return undefined;
}

/** Comes back to the room this tab joined (after a reload), with the kept token. */
export async function resumeRoom(): Promise<ResumeOutcome> {
  if (current) return { ok: true, session: current };
  const seat = storedSeat();
  if (!seat) {
    return sessionStorage.getItem(KICKED_KEY)
      ? { ok: false, reason: 'kicked', message: 'The instructor removed you from this class.' }
      : { ok: false, reason: 'none', message: 'You have not joined a class yet.' };
  }
  let client: PodroomClient | undefined;
  let handler: (snapshot: StudentSnapshot) => void = () => undefined;
  try {
    client = await connect((s) => handler(s));
    const reply = await client.resume(seat.token);
    if (!reply.ok) {
      client.close();
      sessionStorage.removeItem(TOKEN_KEY);
      if (reply.error.code === 'KICKED') sessionStorage.setItem(KICKED_KEY, seat.code);
      return reply.error.code === 'KICKED'
        ? { ok: false, reason: 'kicked', message: 'You were removed from this class.' }
        : { ok: false, reason: 'gone', message: 'This class has ended or is no longer open.' };
    }
    current = createSession(client, seat.code, reply.snapshot, {
      setSnapshotHandler: (h) => (handler = h),
    });
    return { ok: true, session: current };
  } catch {
    client?.close();
    return {
      ok: false,
      reason: 'unreachable',
      message: 'The class cannot be reached right now. Check the Wi-Fi and try again.',
    };
  }
}
