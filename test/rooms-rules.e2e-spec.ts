import {
  createPodroomClient,
  ErrorCode,
  ok,
  podroomHttp,
  type ClientToServerEvents,
} from '@podroom/contracts';
import type { DatabaseClient } from '../apps/server/src/database/database.client.js';
import { DATABASE } from '../apps/server/src/database/database.module.js';
import {
  connect,
  hostRoom,
  joinAs,
  joinMany,
  newInstructor,
  type RecordingClient,
} from './support/rooms.fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The room's rules at its edges: the client helper, limits, bad input, settings. */
describe('room rules', () => {
  let app: TestApp;
  const open: RecordingClient['client'][] = [];

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterEach(() => open.splice(0).forEach((client) => client.close()));
  afterAll(() => app.close());

  it('plays a session in a few lines with the client helper (docs/protocol.md)', async () => {
    const http = podroomHttp(app.url);
    const { token } = await http.signUp({
      email: 'doc@example.com',
      password: 'a long password',
      displayName: 'T',
    });
    const room = await http.createRoom(token, { lessonKey: 'pod-to-pod' });
    const host = await createPodroomClient(app.url);
    const { snapshot } = ok(await host.attachHost(token, room.roomId));
    const ada = await createPodroomClient(app.url);
    open.push(host, ada);
    ok(await ada.join(room.code, 'Ada'));
    ada.on('question:opened', (q) => void ada.answer(q.questionId, q.question.options![0]!.id));
    const moved = ok(await host.next(snapshot.version));
    ok(await host.openQuestion({ version: moved.version, questionKey: 'a3-receive-step' }));
    const reveal = await ada.waitFor('question:closed');
    expect(reveal.reason).toBe('all-answered');
    expect((await http.builtInLessons()).map((l) => l.key)).toContain('pod-to-pod');
  });

  it('lets only the instructor who owns a room host it', async () => {
    const owner = await newInstructor(app.url);
    const other = await newInstructor(app.url);
    const host = await hostRoom(app.url, owner);
    const intruder = await connect(app.url);
    open.push(host.client, intruder.client);
    expect(await intruder.client.attachHost(other.token, host.room.roomId)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.NOT_HOST },
    });
    await expect(other.http.report(other.token, host.room.roomId)).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    await expect(
      owner.http.createRoom('not-a-token', { lessonKey: 'pod-to-pod' }),
    ).rejects.toMatchObject({
      status: 401,
    });
    await expect(
      owner.http.createRoom(owner.token, { lessonKey: 'no-such-lesson' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses malformed payloads on every event with INVALID_PAYLOAD, and keeps working', async () => {
    const owner = await newInstructor(app.url);
    const host = await hostRoom(app.url, owner);
    const [student] = await joinMany(app.url, host.room.code, 1);
    open.push(host.client, student!.client);
    const events: (keyof ClientToServerEvents)[] = [
      'room:join',
      'room:resume',
      'answer:submit',
      'host:attach',
      'host:next',
      'host:previous',
      'host:goto',
      'host:open-question',
      'host:close-question',
      'host:kick',
      'host:lock',
      'host:leaderboard',
      'host:end',
    ];
    const garbage: unknown[] = [
      null,
      42,
      'text',
      [],
      { version: 'one' },
      { questionId: 'x', value: { nested: true } },
      { token: 'x'.repeat(3000), roomId: 'nope' },
      { unexpected: true },
    ];
    for (const event of events) {
      const sender = await connect(app.url); // one socket per event: stay under the rate limit
      open.push(sender.client);
      for (const payload of garbage) {
        const reply = await sender.client.request(event, payload as never);
        expect({ event, payload, reply }).toMatchObject({
          reply: { ok: false, error: { code: ErrorCode.INVALID_PAYLOAD } },
        });
      }
    }
    // Sent without an acknowledgement callback: the error comes back as an `exception` event.
    const exception = student!.client.waitFor('exception');
    student!.client.socket.emit('answer:submit', null as never, undefined as never);
    expect(await exception).toMatchObject({
      ok: false,
      error: { code: ErrorCode.INVALID_PAYLOAD },
    });
    // The room still works.
    expect(ok(await host.client.next(host.snapshot.version)).version).toBe(1);
  }, 30_000);

  it('rate-limits a flooding socket without disconnecting it', async () => {
    const flooder = await connect(app.url);
    open.push(flooder.client);
    const replies = await Promise.all(
      Array.from({ length: 60 }, () => flooder.client.request('ping', {})),
    );
    const limited = replies.filter((r) => !r.ok && r.error.code === ErrorCode.RATE_LIMITED);
    expect(limited.length).toBeGreaterThan(20);
    expect(replies.filter((r) => r.ok).length).toBeGreaterThanOrEqual(30);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(flooder.client.socket.connected).toBe(true);
    expect(await flooder.client.request('ping', {})).toMatchObject({ ok: true });
  });

  it('applies room settings: flat points, extra time for a named student, a reading delay, a hidden leaderboard', async () => {
    const owner = await newInstructor(app.url);
    const host = await hostRoom(app.url, owner, {
      lessonKey: 'pod-to-pod',
      settings: { speedScoring: false, extraTime: [{ nickname: 'Slow', factor: 2 }] },
    });
    const quick = await joinAs(app.url, host.room.code, 'Quick');
    const slow = await joinAs(app.url, host.room.code, 'slow'); // extra time by nickname, any case
    open.push(host.client, quick.client, slow.client);
    const hidden = ok(await host.client.hideLeaderboard(true));
    const opened = [quick, slow].map((s) => s.client.waitFor('question:opened'));
    const reply = ok(
      await host.client.openQuestion({
        version: hidden.version,
        questionKey: 'a3-reply-source',
        timeLimitSec: 5,
        readingDelayMs: 400,
      }),
    );
    const [forQuick, forSlow] = await Promise.all(opened);
    expect(forQuick!.timerStartsAt - forQuick!.openedAt).toBe(400);
    expect(forQuick!.deadline - forQuick!.timerStartsAt).toBe(5_000);
    expect(forSlow!.deadline - forSlow!.timerStartsAt).toBe(10_000);
    expect(await quick.client.answer(reply.question.questionId, true)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.QUESTION_NOT_OPEN_YET },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const results = [quick, slow].map((s) => s.client.waitFor('question:result'));
    ok(await quick.client.answer(reply.question.questionId, reply.question.answer as boolean));
    ok(await slow.client.answer(reply.question.questionId, reply.question.answer as boolean));
    for (const result of await Promise.all(results)) {
      expect(result).toMatchObject({ correct: true, points: 1000 }); // flat: no speed factor
    }
    expect(quick.events.some((e) => e.event === 'leaderboard')).toBe(false);
    const again = ok(await quick.client.resume(quick.token)).snapshot;
    expect(again.leaderboard).toBeNull();
  });

  it('keeps exactly one answer when a student sends many at once', async () => {
    const owner = await newInstructor(app.url);
    const host = await hostRoom(app.url, owner);
    const [student, other] = await joinMany(app.url, host.room.code, 2);
    open.push(host.client, student!.client, other!.client);
    const { question } = ok(
      await host.client.openQuestion({ version: 0, questionKey: 'exchange-length' }),
    );
    const replies = await Promise.all(
      [7, 6, 5, 7, 8, 7, 1, 2].map((value) => student!.client.answer(question.questionId, value)),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    const first = replies.find((r) => r.ok)!;
    for (const r of replies.filter((x) => !x.ok)) {
      expect(r).toMatchObject({
        error: { code: ErrorCode.ALREADY_ANSWERED },
        answer: first.ok ? first.answer : undefined,
      });
    }
    const rows = await app.app
      .get<DatabaseClient>(DATABASE)
      .prisma.answer.findMany({ where: { questionId: question.questionId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toBe(first.ok ? first.answer.value : undefined);
  });
});
