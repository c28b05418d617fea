import { randomBytes } from 'node:crypto';
import { ok } from '@podroom/contracts';
import { TestRedis } from './support/redis-server.js';
import {
  connect,
  hostRoom,
  joinAs,
  newInstructor,
  reconnectWithToken,
  type Student,
} from './support/rooms.fixtures.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { TEST_JWT_SECRET } from './support/test-app.js';

// Two real server processes over one database and a private Redis; the one running the room is
// killed with SIGKILL mid-question (docs/decisions/0040-room-ownership.md).

describe('taking a room over after its process is killed', () => {
  let redis: TestRedis;
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  const students: Student[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
    db = await createTestDatabase();
    const env = {
      ...db.env,
      JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `t-${randomBytes(4).toString('hex')}`,
    } as Record<string, string>;
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 90_000);
  afterAll(async () => {
    students.forEach((s) => s.client.close());
    await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
    await db?.drop();
    await redis?.down();
  });

  it('students reconnect to the survivor within 5 s, keep their score, and no acked answer is lost', async () => {
    const instructor = await newInstructor(a.url);
    const host = await hostRoom(a.url, instructor); // the room runs in process a
    for (let i = 0; i < 8; i++) {
      students.push(await joinAs(i % 2 === 0 ? a.url : b.url, host.room.code, `K${i}`));
    }
    const opened = Promise.all(students.map((s) => s.client.waitFor('question:opened')));
    const { question, version } = ok(
      await host.client.openQuestion({
        version: host.snapshot.version,
        questionKey: host.snapshot.questions[0]!.key,
        timeLimitSec: 120,
      }),
    );
    await opened;
    const acked = new Set<string>();
    // Half of the class answers before the kill, half after.
    for (const s of students.slice(0, 4)) {
      expect(await s.client.answer(question.questionId, question.answer as never)).toMatchObject({
        ok: true,
      });
      acked.add(s.participantId);
    }

    host.client.close();
    const killedAt = Date.now();
    await a.kill('SIGKILL');
    const moved = students.filter((_, i) => i % 2 === 0);
    await Promise.all(moved.map((s) => reconnectWithToken(b.url, s)));
    expect(Date.now() - killedAt).toBeLessThan(5_000);

    const results = Promise.all(students.map((s) => s.client.waitFor('question:result')));
    for (const s of students.slice(4)) {
      const ack = await s.client.answer(question.questionId, question.answer as never);
      expect(ack).toMatchObject({ ok: true });
      acked.add(s.participantId);
    }
    // An answer acknowledged before the kill is still there: a repeat gets the first back.
    expect(
      await students[0]!.client.answer(question.questionId, question.answer as never),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_ANSWERED' } });

    // Everyone answered: the survivor, now running the room, closes the question and scores it.
    const console = await connect(b.url);
    const { snapshot } = ok(await console.client.attachHost(instructor.token, host.room.roomId));
    expect(snapshot.version).toBeGreaterThan(version);
    const client = await db.open();
    try {
      const stored = await client.prisma.answer.findMany({
        where: { sessionId: host.room.roomId },
        select: { participantId: true, points: true },
      });
      expect(new Set(stored.map((r) => r.participantId))).toEqual(acked);
      const points = new Map(stored.map((r) => [r.participantId, r.points]));
      for (const [i, result] of (await results).entries()) {
        expect(result.answered).toBe(true);
        expect(result.totalPoints).toBe(points.get(students[i]!.participantId));
      }
    } finally {
      await client.close();
      console.client.close();
    }
  }, 60_000);
});
