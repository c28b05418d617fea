import { randomBytes } from 'node:crypto';
import { ok } from '@podroom/contracts';
import { TestRedis } from './support/redis-server.js';
import { hostRoom, joinAs, newInstructor, type Student } from './support/rooms.fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// One room, two server processes (two Nest apps over one database and a private Redis): the room
// runs in one of them (its lease), and students connected to the other reach it through the
// socket.io adapter (docs/decisions/0040-room-ownership.md).

describe('a room across two processes', () => {
  let redis: TestRedis;
  let one: TestApp;
  let two: TestApp;
  const students: Student[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `t-${randomBytes(4).toString('hex')}` };
    one = await startTestApp({ env });
    two = await startTestApp({ db: one.db, env });
  });
  afterAll(async () => {
    students.forEach((s) => s.client.close());
    await two?.stop();
    await one?.close();
    await redis?.down();
  });

  it('students on both processes join, get the question and have every answer stored and scored', async () => {
    const instructor = await newInstructor(one.url);
    const host = await hostRoom(one.url, instructor); // the room now runs in process one
    for (let i = 0; i < 8; i++) {
      students.push(await joinAs(i % 2 === 0 ? one.url : two.url, host.room.code, `P${i}`));
    }
    const opened = Promise.all(students.map((s) => s.client.waitFor('question:opened')));
    const closed = host.client.waitFor('question:closed');
    const reply = ok(
      await host.client.openQuestion({
        version: host.snapshot.version,
        questionKey: host.snapshot.questions[0]!.key,
        timeLimitSec: 60,
      }),
    );
    const views = await opened;
    expect(views.every((v) => v.questionId === reply.question.questionId)).toBe(true);
    const right = reply.question.answer;
    const acks = await Promise.all(
      students.map((s) => s.client.answer(reply.question.questionId, right as never)),
    );
    for (const ack of acks) expect(ack).toMatchObject({ ok: true });
    // Everyone answered, on both processes: the owner closes the question by itself.
    expect(await closed).toMatchObject({ reason: 'all-answered' });
    const db = await one.db.open();
    try {
      const stored = await db.prisma.answer.count({ where: { sessionId: host.room.roomId } });
      expect(stored).toBe(students.length);
    } finally {
      await db.close();
    }
    // A host action from a console on the other process reaches the owner too.
    host.client.close();
    const second = await newInstructorHost(two.url, instructor.token, host.room.roomId);
    expect(second.snapshot.questions[0]!.key).toBe(reply.question.key);
  });
});

async function newInstructorHost(url: string, token: string, roomId: string) {
  const { createPodroomClient } = await import('@podroom/contracts');
  const client = await createPodroomClient(url);
  try {
    return ok(await client.attachHost(token, roomId));
  } finally {
    client.close();
  }
}
