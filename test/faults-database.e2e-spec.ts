import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorCode, ok, type OpenQuestionView } from '@podroom/contracts';
import pg from 'pg';
import { TestPostgres } from './support/postgres-server.js';
import {
  allReceive,
  hostRoom,
  joinMany,
  newInstructor,
  refusedJoin,
  type HostedRoom,
  type Student,
} from './support/rooms.fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { adminQuery } from './support/test-database.js';

/**
 * Fault suite, database outage: PostgreSQL stops in the middle of a question and starts again.
 * Answers acknowledged before stay stored; while it is down every request gets UNAVAILABLE with
 * `retryAfterMs` within seconds (not silence, not INTERNAL) and /health/ready says 503; once it is
 * back the same requests succeed and the room goes on; every acknowledged answer is stored
 * exactly once. Runs its own PostgreSQL server (test/support/postgres-server.ts), so it can stop
 * it; left out with the embedded database (jest.config.ts).
 */

/** How long a request may take to be refused while the database is down. */
const REFUSED_WITHIN_MS = 10_000;

/** A well-formed answer of the question's type (right or wrong does not matter here). */
function someAnswer(question: OpenQuestionView['question']): string | boolean | number | string[] {
  const ids = (question.options ?? []).map((option) => option.id);
  switch (question.type) {
    case 'multi':
      return ids.slice(0, 1);
    case 'ordering':
      return ids;
    case 'true-false':
      return true;
    case 'numeric':
      return 0;
    default:
      return ids[0]!;
  }
}

async function ready(url: string): Promise<number> {
  const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(15_000) });
  return response.status;
}

/** Sends `request` until it is acknowledged ok, waiting `retryAfterMs` between tries (bounded). */
async function retryUntilOk<T extends { ok: boolean }>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const reply = await request();
    const error = (reply as { error?: { code: string; retryAfterMs?: number } }).error;
    if (reply.ok || error?.code !== ErrorCode.UNAVAILABLE || attempt === 10) return reply;
    await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? 1_000));
  }
}

describe('fault suite: PostgreSQL restarts mid-session', () => {
  let server: TestPostgres | undefined;
  let app: TestApp | undefined;
  let dataDir: string | undefined;
  let host: HostedRoom;
  let students: Student[] = [];
  let databaseUrl: string;

  beforeAll(async () => {
    server = await TestPostgres.start();
    await adminQuery(server.url(), 'CREATE DATABASE podroom');
    databaseUrl = server.url('podroom');
    dataDir = mkdtempSync(path.join(tmpdir(), 'podroom-faults-db-'));
    // The app migrates the empty database at boot (MIGRATE_ON_BOOT).
    app = await startTestApp({
      db: {
        env: { DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
        open: () => Promise.reject(new Error('not used')),
        drop: async () => undefined,
      },
    });
  }, 60_000);

  afterAll(async () => {
    for (const s of students) s.client.close();
    host?.client.close();
    await app?.stop().catch(() => undefined);
    await server?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Answer rows per (participant, question) in the database. */
  async function storedAnswers(): Promise<Map<string, number>> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string; n: number }>(
        `SELECT "participantId" || '/' || "questionId" AS key, count(*)::int AS n
         FROM "Answer" GROUP BY 1`,
      );
      return new Map(rows.map((r) => [r.key, r.n]));
    } finally {
      await client.end();
    }
  }

  it('keeps acked answers, refuses with UNAVAILABLE while down, and carries on once back', async () => {
    const url = app!.url;
    const teacher = await newInstructor(url);
    host = await hostRoom(url, teacher);
    students = await joinMany(url, host.room.code, 4, { prefix: 'Db' });
    const [early1, early2, late, last] = students as [Student, Student, Student, Student];
    const acked = new Set<string>();
    const answer = async (student: Student, view: OpenQuestionView) => {
      const reply = await student.client.answer(view.questionId, someAnswer(view.question));
      if (reply.ok) acked.add(`${student.participantId}/${view.questionId}`);
      return reply;
    };

    let version = host.snapshot.version;
    const opened = allReceive(students, 'question:opened');
    version = ok(
      await host.client.openQuestion({
        version,
        questionKey: host.snapshot.questions[0]!.key,
        timeLimitSec: 240,
      }),
    ).version;
    const view = (await opened)[0]!;
    expect((await answer(early1, view)).ok).toBe(true);
    expect((await answer(early2, view)).ok).toBe(true);
    expect(await ready(url)).toBe(200);

    // ---- PostgreSQL stops.
    await server!.down();

    let started = performance.now();
    const refused = await answer(late, view);
    expect(performance.now() - started).toBeLessThan(REFUSED_WITHIN_MS);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: ErrorCode.UNAVAILABLE,
        message: expect.any(String),
        retryAfterMs: expect.any(Number),
      },
    });
    expect(!refused.ok && refused.error.retryAfterMs).toBeGreaterThan(0);

    // The host's move and a newcomer's join are refused the same way, not left unanswered.
    started = performance.now();
    const move = await host.client.next(version);
    expect(performance.now() - started).toBeLessThan(REFUSED_WITHIN_MS);
    expect(move).toMatchObject({
      ok: false,
      error: { code: ErrorCode.UNAVAILABLE, retryAfterMs: expect.any(Number) },
    });
    expect(await refusedJoin(url, host.room.code, 'Newcomer')).toBe(ErrorCode.UNAVAILABLE);
    expect(await ready(url)).toBe(503);

    // ---- PostgreSQL is back: the same student sends the same answer again.
    await server!.up();
    const retried = await retryUntilOk(() => answer(late, view));
    expect(retried.ok).toBe(true);
    expect(await ready(url)).toBe(200);

    // The last answer closes the question; the host moves on and asks the next one.
    const closed = host.client.waitFor('question:closed');
    expect((await retryUntilOk(() => answer(last, view))).ok).toBe(true);
    version = (await closed).version;
    const stepped = allReceive(students, 'step:changed');
    version = ok(await host.client.next(version)).version;
    expect((await stepped).map((s) => s.version)).toEqual(students.map(() => version));
    const reopened = allReceive(students, 'question:opened');
    version = ok(
      await host.client.openQuestion({
        version,
        questionKey: host.snapshot.questions[1]!.key,
        timeLimitSec: 240,
      }),
    ).version;
    const second = (await reopened)[0]!;
    const secondReplies = await Promise.all(students.map((s) => answer(s, second)));
    expect(secondReplies.map((r) => r.ok)).toEqual(students.map(() => true));

    // Every acknowledged answer is stored, exactly once, and nothing else is.
    expect(acked.size).toBe(8);
    const stored = await storedAnswers();
    expect(Object.fromEntries(stored)).toEqual(
      Object.fromEntries([...acked].map((key) => [key, 1])),
    );
  }, 90_000);
});
