import { ErrorCode, ok, podroomHttp, type AnswerAck } from '@podroom/contracts';
import { scoreSession, type Question } from '@podroom/quiz';
import type { DatabaseClient } from '../apps/server/src/database/database.client.js';
import { DATABASE } from '../apps/server/src/database/database.module.js';
import {
  connect,
  hostRoom,
  joinMany,
  newInstructor,
  reconnectWithToken,
  type HostedRoom,
  type Instructor,
  type Student,
} from './support/rooms.fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Restarts the Nest app on the same database in the middle of a question: the room continues
 * where it was (same step, same question, same deadline), every acknowledged answer is still
 * there, and the session completes with scores equal to a recomputation from the stored answers.
 */
describe('a room survives a server restart mid-question', () => {
  let first: TestApp;
  let second: TestApp | undefined;
  let third: TestApp | undefined;
  let teacher: Instructor;
  let host: HostedRoom;
  let students: Student[];
  const acked = new Map<string, AnswerAck>(); // participantId → the acknowledgement it got
  const quick = { timeoutMs: 3_000 };

  beforeAll(async () => {
    first = await startTestApp();
    teacher = await newInstructor(first.url);
  });
  afterAll(async () => {
    for (const s of students ?? []) s.client.close();
    host?.client.close();
    await third?.stop();
    await second?.stop();
    await first.stop();
    await first.db.drop();
  });

  const db = (app: TestApp) => app.app.get<DatabaseClient>(DATABASE).prisma;

  it('keeps the step, the open question, its deadline and every acknowledged answer', async () => {
    host = await hostRoom(first.url, teacher);
    students = await joinMany(first.url, host.room.code, 10, quick);
    const version = ok(await host.client.goto(2, host.snapshot.version)).version;
    const opened = ok(
      await host.client.openQuestion({ version, questionKey: 'a3-order-steps', timeLimitSec: 30 }),
    );
    const q = opened.question;
    const right = q.answer as string[];
    const wrong = [...right].reverse();

    // Six answers are acknowledged before the restart…
    for (const [i, s] of students.slice(0, 6).entries()) {
      const ack = await s.client.answer(q.questionId, i % 2 === 0 ? right : wrong);
      expect(ack.ok).toBe(true);
      acked.set(s.participantId, ack);
    }
    // …two more are sent as the server stops: each is either acknowledged (and then must
    // survive) or not acknowledged at all.
    const racing = students.slice(6, 8).map((s) =>
      s.client.answer(q.questionId, right).then(
        (ack) => ({ s, ack }),
        () => ({ s, ack: undefined }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 5)); // received, not yet committed
    await first.stop();
    for (const { s, ack } of await Promise.all(racing)) {
      if (ack?.ok) acked.set(s.participantId, ack);
    }

    second = await startTestApp({ db: first.db });
    const app = second;

    // The host comes back: same step, same question, same deadline.
    host.client.close();
    const newHost = await connect(app.url);
    host = { ...host, ...newHost };
    const { snapshot } = ok(await host.client.attachHost(teacher.token, host.room.roomId));
    expect(snapshot).toMatchObject({ version: opened.version, step: { index: 2 } });
    expect(snapshot.question).toMatchObject({
      questionId: q.questionId,
      deadline: q.deadline,
      timerStartsAt: q.timerStartsAt,
    });
    expect(snapshot.question!.progress.answeredBy.sort()).toEqual([...acked.keys()].sort());

    // Every student reconnects with their token and finds the question and their own answer
    // (an answer committed while the server stopped, but never acknowledged, shows up too).
    const recorded = new Map<string, unknown>();
    for (const s of students) {
      const resumed = await reconnectWithToken(app.url, s, quick);
      expect(resumed.question).toMatchObject({ questionId: q.questionId, deadline: q.deadline });
      const mine = acked.get(s.participantId);
      if (mine?.ok) expect(resumed.myAnswer).toEqual(mine.answer);
      if (resumed.myAnswer) recorded.set(s.participantId, resumed.myAnswer);
    }

    // Those who answered get their first answer back; the others answer now; then it closes.
    const closed = host.client.waitFor('question:closed');
    for (const s of students) {
      const ack = await s.client.answer(q.questionId, right);
      const first = recorded.get(s.participantId);
      if (first) {
        expect(ack).toMatchObject({
          ok: false,
          error: { code: ErrorCode.ALREADY_ANSWERED },
          answer: first,
        });
      } else {
        expect(ack.ok).toBe(true);
        acked.set(s.participantId, ack);
      }
    }
    const reveal = await closed;
    expect(reveal).toMatchObject({ reason: 'all-answered', question: { answer: right } });
    expect(reveal.question.distribution.answered).toBe(10);
    expect(reveal.version).toBe(opened.version + 1);

    // Every acknowledged answer is stored, exactly as acknowledged.
    const stored = await db(app).answer.findMany({ where: { questionId: q.questionId } });
    for (const [participantId, ack] of acked) {
      const row = stored.find((a) => a.participantId === participantId);
      expect({ participantId, value: row?.value, responseMs: row?.responseMs }).toEqual({
        participantId,
        value: ack.ok ? ack.answer.value : undefined,
        responseMs: ack.ok ? ack.answer.responseMs : undefined,
      });
    }
    expect(stored).toHaveLength(10);
  });

  it('closes an open question at its original deadline after a restart, with nobody connected', async () => {
    const app = second!;
    const version = ok(await host.client.attachHost(teacher.token, host.room.roomId)).snapshot
      .version;
    const opened = ok(
      await host.client.openQuestion({ version, questionKey: 'a3-reply-source', timeLimitSec: 5 }),
    );
    const answerer = students[0]!;
    expect(ok(await answerer.client.answer(opened.question.questionId, true)).answer.value).toBe(
      true,
    );
    for (const s of students) s.client.close();
    host.client.close();
    await app.stop();

    third = await startTestApp({ db: first.db });
    const prisma = db(third);
    const question = () =>
      prisma.question.findUniqueOrThrow({ where: { id: opened.question.questionId } });
    expect((await question()).closedAt).toBeNull();
    // Nobody reconnects: the question closes on the timer the new process resumed at boot.
    let closedAt: Date | null = null;
    for (let i = 0; i < 150 && closedAt === null; i++) {
      closedAt = (await question()).closedAt;
      if (closedAt === null) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(closedAt).not.toBeNull();
    expect(closedAt!.getTime()).toBeGreaterThanOrEqual(opened.question.deadline);
  });

  it('completes the session; its report equals a recomputation from the stored answers', async () => {
    const app = third!;
    const newHost = await connect(app.url);
    host = { ...host, ...newHost };
    const { snapshot } = ok(await host.client.attachHost(teacher.token, host.room.roomId));
    expect(snapshot.question).toBeNull();
    expect(snapshot.lastReveal).toMatchObject({ reason: 'deadline' });
    ok(await host.client.end(snapshot.version));

    const report = await podroomHttp(app.url).report(teacher.token, host.room.roomId);
    const prisma = db(app);
    const questions = await prisma.question.findMany({
      where: { sessionId: host.room.roomId },
      orderBy: { ordinal: 'asc' },
    });
    const answers = await prisma.answer.findMany({ where: { sessionId: host.room.roomId } });
    const recomputed = scoreSession({
      questions: questions.map((q) => ({ ...(q.definition as unknown as Question), id: q.id })),
      answers,
    });
    const points = new Map(recomputed.participants.map((p) => [p.participantId, p.points]));
    for (const p of report.participants) expect(p.points).toBe(points.get(p.participantId) ?? 0);
    expect(report.participants).toHaveLength(10);
    expect(answers).toHaveLength(11);
  });
});
