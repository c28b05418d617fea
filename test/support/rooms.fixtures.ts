import { randomBytes } from 'node:crypto';
import {
  createPodroomClient,
  ok,
  podroomHttp,
  type CreatedRoom,
  type HostSnapshot,
  type PodroomClient,
  type PodroomClientOptions,
  type PodroomHttp,
  type ServerToClientEvents,
  type StudentSnapshot,
} from '@podroom/contracts';

/** Small factories for live-room tests (test/rooms*.e2e-spec.ts). */

export interface ReceivedEvent {
  event: keyof ServerToClientEvents | string;
  payload: unknown;
}

/** A connected client that records every event it receives. */
export interface RecordingClient {
  client: PodroomClient;
  events: ReceivedEvent[];
}

/** Connects a client that appends what it receives to `events`. */
export async function connect(
  url: string,
  events: ReceivedEvent[] = [],
  options: PodroomClientOptions = {},
): Promise<RecordingClient> {
  const client = await createPodroomClient(url, options);
  client.socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  return { client, events };
}

export interface Instructor {
  http: PodroomHttp;
  token: string;
  email: string;
}

export async function newInstructor(url: string): Promise<Instructor> {
  const http = podroomHttp(url);
  const email = `teacher-${randomBytes(4).toString('hex')}@example.com`;
  const { token } = await http.signUp({
    email,
    password: 'correct horse battery',
    displayName: 'T',
  });
  return { http, token, email };
}

export interface HostedRoom extends RecordingClient {
  room: CreatedRoom;
  snapshot: HostSnapshot;
}

/** Creates a room from a built-in lesson and attaches a host console to it. */
export async function hostRoom(
  url: string,
  instructor: Instructor,
  body: Parameters<PodroomHttp['createRoom']>[1] = { lessonKey: 'pod-to-pod' },
): Promise<HostedRoom> {
  const room = await instructor.http.createRoom(instructor.token, body);
  const host = await connect(url);
  const { snapshot } = ok(await host.client.attachHost(instructor.token, room.roomId));
  return { ...host, room, snapshot };
}

export interface Student extends RecordingClient {
  nickname: string;
  participantId: string;
  token: string;
  /** The snapshot the join was acknowledged with. */
  joined: StudentSnapshot;
}

export async function joinAs(
  url: string,
  code: string,
  nickname: string,
  options: PodroomClientOptions = {},
): Promise<Student> {
  const student = await connect(url, [], options);
  const joined = ok(await student.client.join(code, nickname));
  return {
    ...student,
    nickname,
    participantId: joined.participantId,
    token: joined.token,
    joined: joined.snapshot,
  };
}

/** The error code a join is refused with (the client is closed after). */
export async function refusedJoin(url: string, code: string, nickname: string): Promise<string> {
  const { client } = await connect(url);
  try {
    const reply = await client.join(code, nickname);
    return reply.ok ? 'joined' : reply.error.code;
  } finally {
    client.close();
  }
}

/** `student` reloads the page: a new connection resumes with the token. */
export async function reconnectWithToken(
  url: string,
  student: Student,
  options: PodroomClientOptions = {},
): Promise<StudentSnapshot> {
  student.client.close();
  const { client } = await connect(url, student.events, options);
  student.client = client;
  return ok(await client.resume(student.token)).snapshot;
}

/** `n` students joining at once, nicknamed `<prefix>01`, `<prefix>02`, … */
export function joinMany(
  url: string,
  code: string,
  n: number,
  { prefix = 'Student', ...options }: PodroomClientOptions & { prefix?: string } = {},
): Promise<Student[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      joinAs(url, code, `${prefix}${String(i + 1).padStart(2, '0')}`, options),
    ),
  );
}

/** Resolves when every client got `event` (matching `filter`). Call before triggering it. */
export function allReceive<E extends keyof ServerToClientEvents>(
  clients: { client: PodroomClient }[],
  event: E,
  filter?: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
  timeoutMs?: number,
): Promise<Parameters<ServerToClientEvents[E]>[0][]> {
  return Promise.all(clients.map(({ client }) => client.waitFor(event, filter, timeoutMs)));
}

/** Object keys that must never reach a student before a reveal. */
export const SECRET_KEYS = [
  'answer',
  'explanation',
  'misconceptions',
  'answeredBy',
  'distribution',
  'key',
];

/** Every path in `value` whose key is one of `keys`. */
export function findKeys(value: unknown, keys: readonly string[], at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findKeys(v, keys, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(keys.includes(k) ? [`${at}.${k}`] : []),
    ...findKeys(v, keys, `${at}.${k}`),
  ]);
}

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
