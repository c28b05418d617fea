import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './events.js';
import type { ClassView, SessionSummaryView } from './class.dto.js';
import type { Page } from './pagination.dto.js';
import type { ClassReport } from './report.views.js';
import type { LessonTimeline } from './lesson.types.js';
import type {
  AuthResult,
  BuiltInLessonView,
  CreatedRoom,
  HostSnapshot,
  RoomReport,
  StudentSnapshot,
} from './room.views.js';

/**
 * A small typed client for scripts, tests, benchmarks and the web client:
 *
 * ```ts
 * const http = podroomHttp(url);
 * const { token } = await http.signUp({ email, password, displayName });
 * const room = await http.createRoom(token, { lessonKey: 'pod-to-pod' });
 * const host = await createPodroomClient(url);
 * const { snapshot } = ok(await host.attachHost(token, room.roomId));
 * const student = await createPodroomClient(url);
 * await student.join(room.code, 'Ada');
 * student.on('question:opened', (q) => student.answer(q.questionId, q.question.options![0]!.id));
 * await host.openQuestion({ version: snapshot.version, questionKey: snapshot.questions[0]!.key });
 * ```
 *
 * A student client remembers its token and resumes after every reconnection (a phone that
 * locks, a server restart); a host client re-attaches. `onSnapshot` receives the fresh state.
 */

export type PodroomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type EventName = keyof ClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type ReplyOf<E extends EventName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
type ServerEvent = keyof ServerToClientEvents;
type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

export interface PodroomClientOptions {
  /** Acknowledgement timeout, ms (default 10,000). */
  timeoutMs?: number;
  /** Reconnect automatically (default true). */
  reconnection?: boolean;
  /** Called with a full snapshot after each automatic resume / re-attach. */
  onSnapshot?: (snapshot: StudentSnapshot | HostSnapshot) => void;
  /**
   * A current instructor access token, for the automatic re-attach after a reconnection (access
   * tokens expire after minutes; a console stays open for hours). Without it, the token given to
   * `attachHost` is used again.
   */
  hostToken?: () => string | Promise<string>;
}

export interface PodroomClient {
  readonly socket: PodroomSocket;
  /** The student token from `join` (or given to `resume`). */
  readonly token: string | undefined;
  /** Sends any client event and resolves with its acknowledgement. */
  request<E extends EventName>(event: E, payload: PayloadOf<E>): Promise<ReplyOf<E>>;
  /** `rosterId`: the student id, in a room whose class has a roster (ROSTER_ID_REQUIRED). */
  join(code: string, nickname: string, rosterId?: string): Promise<ReplyOf<'room:join'>>;
  resume(token: string): Promise<ReplyOf<'room:resume'>>;
  answer(
    questionId: string,
    value: PayloadOf<'answer:submit'>['value'],
  ): Promise<ReplyOf<'answer:submit'>>;
  attachHost(token: string, roomId: string): Promise<ReplyOf<'host:attach'>>;
  next(version: number): Promise<ReplyOf<'host:next'>>;
  previous(version: number): Promise<ReplyOf<'host:previous'>>;
  goto(index: number, version: number): Promise<ReplyOf<'host:goto'>>;
  openQuestion(payload: PayloadOf<'host:open-question'>): Promise<ReplyOf<'host:open-question'>>;
  closeQuestion(questionId: string): Promise<ReplyOf<'host:close-question'>>;
  kick(participantId: string): Promise<ReplyOf<'host:kick'>>;
  lock(locked: boolean): Promise<ReplyOf<'host:lock'>>;
  hideLeaderboard(hidden: boolean): Promise<ReplyOf<'host:leaderboard'>>;
  end(version: number): Promise<ReplyOf<'host:end'>>;
  /** Subscribes to a server event; returns the unsubscribe function. */
  on<E extends ServerEvent>(event: E, handler: (payload: ServerPayload<E>) => void): () => void;
  /** The next `event` (matching `filter`), or a rejection after `timeoutMs`. */
  waitFor<E extends ServerEvent>(
    event: E,
    filter?: (payload: ServerPayload<E>) => boolean,
    timeoutMs?: number,
  ): Promise<ServerPayload<E>>;
  close(): void;
}

/** Unwraps a successful acknowledgement, or throws with the error's code and message. */
export function ok<T extends { ok: boolean }>(reply: T): Extract<T, { ok: true }> {
  if (!reply.ok) {
    const { error } = reply as unknown as { error: { code: string; message: string } };
    throw Object.assign(new Error(`${error.code}: ${error.message}`), { code: error.code });
  }
  return reply as Extract<T, { ok: true }>;
}

/**
 * Connects to a podroom server (socket.io over WebSocket). `socket.io-client` is loaded on first
 * use, so the server, which shares this package, never loads it.
 */
export async function createPodroomClient(
  url: string,
  options: PodroomClientOptions = {},
): Promise<PodroomClient> {
  const { io } = await import('socket.io-client');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const socket: PodroomSocket = io(url, {
    transports: ['websocket'],
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 2_000,
    forceNew: true,
  });
  let token: string | undefined;
  let host: { token: string; roomId: string } | undefined;
  let connectedOnce = false;

  const request = <E extends EventName>(event: E, payload: PayloadOf<E>): Promise<ReplyOf<E>> =>
    (
      socket.timeout(timeoutMs) as unknown as {
        emitWithAck(event: string, payload: unknown): Promise<unknown>;
      }
    ).emitWithAck(event, payload) as Promise<ReplyOf<E>>;

  // Resume after every reconnection that socket.io could not recover by itself.
  socket.on('connect', () => {
    const first = !connectedOnce;
    connectedOnce = true;
    if (first || socket.recovered) return;
    const resumed = token
      ? request('room:resume', { token }).then((r) => (r.ok ? r.snapshot : undefined))
      : host
        ? Promise.resolve(options.hostToken ? options.hostToken() : host.token)
            .then((fresh) => request('host:attach', { token: fresh, roomId: host!.roomId }))
            .then((r) => (r.ok ? r.snapshot : undefined))
        : Promise.resolve(undefined);
    resumed.then(
      (snapshot) => snapshot && options.onSnapshot?.(snapshot),
      () => undefined,
    );
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });

  const client: PodroomClient = {
    socket,
    get token() {
      return token;
    },
    request,
    async join(code, nickname, rosterId) {
      const reply = await request('room:join', {
        code,
        nickname,
        ...(rosterId !== undefined && { rosterId }),
      });
      if (reply.ok) token = reply.token;
      return reply;
    },
    async resume(given) {
      const reply = await request('room:resume', { token: given });
      if (reply.ok) token = given;
      return reply;
    },
    answer: (questionId, value) => request('answer:submit', { questionId, value }),
    async attachHost(given, roomId) {
      const reply = await request('host:attach', { token: given, roomId });
      if (reply.ok) host = { token: given, roomId };
      return reply;
    },
    next: (version) => request('host:next', { version }),
    previous: (version) => request('host:previous', { version }),
    goto: (index, version) => request('host:goto', { index, version }),
    openQuestion: (payload) => request('host:open-question', payload),
    closeQuestion: (questionId) => request('host:close-question', { questionId }),
    kick: (participantId) => request('host:kick', { participantId }),
    lock: (locked) => request('host:lock', { locked }),
    hideLeaderboard: (hidden) => request('host:leaderboard', { hidden }),
    end: (version) => request('host:end', { version }),
    on(event, handler) {
      const listener = handler as (...args: unknown[]) => void;
      (socket.on as (e: string, l: (...args: unknown[]) => void) => void)(event, listener);
      return () =>
        (socket.off as (e: string, l: (...args: unknown[]) => void) => void)(event, listener);
    },
    waitFor(event, filter, ms = timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`Timed out waiting for ${event}`));
        }, ms);
        const off = client.on(event, (payload) => {
          if (filter && !filter(payload)) return;
          clearTimeout(timer);
          off();
          resolve(payload);
        });
      });
    },
    close: () => void socket.disconnect(),
  };
  return client;
}

/** The HTTP side: accounts, lessons, rooms, reports. Throws on non-2xx with the error body. */
export function podroomHttp(url: string) {
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    /** Sends `body` (a string) as is, with this media type, instead of as JSON. */
    contentType?: string,
  ) => {
    const response = await fetch(new URL(path, url), {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': contentType ?? 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
      },
      ...(body !== undefined && {
        body: contentType ? String(body) : JSON.stringify(body),
      }),
    });
    if (response.status === 204) return undefined as T;
    const json = (await response.json()) as T | { error: { code: string; message: string } };
    if (!response.ok) {
      const { error } = json as { error: { code: string; message: string } };
      throw Object.assign(new Error(`${error.code}: ${error.message}`), {
        code: error.code,
        status: response.status,
      });
    }
    return json as T;
  };
  return {
    signUp: (body: { email: string; password: string; displayName: string }) =>
      call<AuthResult>('POST', '/auth/sign-up', body),
    signIn: (body: { email: string; password: string }) =>
      call<AuthResult>('POST', '/auth/sign-in', body),
    /** A new token pair; the given refresh token is used up (reusing it revokes the sign-in). */
    refresh: (refreshToken: string) => call<AuthResult>('POST', '/auth/refresh', { refreshToken }),
    /** Revokes the sign-in of this refresh token. */
    signOut: (refreshToken: string) => call<void>('POST', '/auth/sign-out', { refreshToken }),
    builtInLessons: () => call<BuiltInLessonView[]>('GET', '/lessons/built-in'),
    createRoom: (
      token: string,
      body: {
        lessonKey?: string;
        lessonId?: string;
        classId?: string;
        settings?: {
          detail?: NonNullable<LessonTimeline['detail']>;
          speedScoring?: boolean;
          streaks?: boolean;
          extraTime?: { nickname: string; factor?: number; extraMs?: number }[];
        };
      },
    ) => call<CreatedRoom>('POST', '/rooms', body, token),
    report: (token: string, roomId: string) =>
      call<RoomReport>('GET', `/rooms/${roomId}/report`, undefined, token),
    classReport: (token: string, classId: string) =>
      call<ClassReport>('GET', `/classes/${classId}/report`, undefined, token),
    createClass: (token: string, name: string) =>
      call<ClassView>('POST', '/classes', { name }, token),
    /** Replaces the class roster with a CSV text (`student_id,display_name` header). */
    uploadRoster: (token: string, classId: string, csv: string) =>
      call<ClassView>('PUT', `/classes/${classId}/roster`, csv, token, 'text/csv'),
    sessions: (token: string, query: { classId?: string; limit?: number; cursor?: string } = {}) =>
      call<Page<SessionSummaryView>>(
        'GET',
        `/sessions?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
        undefined,
        token,
      ),
  };
}

/** What {@link podroomHttp} returns. */
export type PodroomHttp = ReturnType<typeof podroomHttp>;
