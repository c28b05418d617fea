import { ErrorCode, ok, type HostQuestionView } from '@podroom/contracts';
import { scoreSession, type Question } from '@podroom/quiz';
import { DATABASE } from '../apps/server/src/database/database.module.js';
import type { DatabaseClient } from '../apps/server/src/database/database.client.js';
import {
  allReceive,
  findKeys,
  hostRoom,
  joinAs,
  joinMany,
  newInstructor,
  reconnectWithToken,
  refusedJoin,
  SECRET_KEYS,
  waitUntil,
  type HostedRoom,
  type Instructor,
  type Student,
} from './support/rooms.fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * A full live session of the built-in pod-to-pod lesson: a host and 30 students, steps forward
 * and back, three questions of different types, a late joiner, a phone that drops mid-question
 * and comes back, an answer after the deadline, a double answer, a kick, a student trying host
 * events, then the report, whose scores must equal a recomputation from the stored answers.
 * The tests run in order and share the room.
 */
describe('a live session (host + 30 students, pod-to-pod)', () => {
  let app: TestApp;
  let teacher: Instructor;
  let host: HostedRoom;
  let students: Student[];
  let version: number;
  const seen: { single?: HostQuestionView; multi?: HostQuestionView; numeric?: HostQuestionView } =
    {};

  beforeAll(async () => {
    app = await startTestApp();
    teacher = await newInstructor(app.url);
  });
  afterAll(async () => {
    for (const s of students ?? []) s.client.close();
    host?.client.close();
    await app.close();
  });

  const everyone = () => students.filter((s) => s.nickname !== 'Student27'); // 27 gets kicked

  it('creates a room with a 6-digit code, a join link and a QR code', async () => {
    host = await hostRoom(app.url, teacher);
    expect(host.room.code).toMatch(/^\d{6}$/);
    expect(host.room.joinUrl).toBe(`${app.url}/join/${host.room.code}`);
    expect(host.room.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(host.room.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg');
    expect(host.snapshot).toMatchObject({ role: 'host', status: 'lobby', version: 0, roster: [] });
    expect(host.snapshot.step).toMatchObject({ index: 0, total: 10, detail: 'summary' });
    version = host.snapshot.version;
  });

  it('lets 30 students join with a code and a nickname, each with a token and a snapshot', async () => {
    students = await joinMany(app.url, host.room.code, 30);
    expect(new Set(students.map((s) => s.participantId)).size).toBe(30);
    const roster = await host.client.waitFor('host:roster', (r) => r.length === 30);
    expect(roster.every((r) => r.connected && !r.kicked)).toBe(true);
  });

  it('refuses bad joins with stable codes', async () => {
    const code = host.room.code;
    expect(await refusedJoin(app.url, code, ' student01 ')).toBe(ErrorCode.NICKNAME_TAKEN);
    expect(await refusedJoin(app.url, code, 'sh1t')).toBe(ErrorCode.NICKNAME_INVALID);
    expect(await refusedJoin(app.url, code, 'x'.repeat(21))).toBe(ErrorCode.NICKNAME_INVALID);
    const unused = code === '000000' ? '000001' : '000000';
    expect(await refusedJoin(app.url, unused, 'Nobody')).toBe(ErrorCode.ROOM_NOT_FOUND);
    const probe = students[0]!.client;
    for (const bad of [null, 'x', [1], { code: 123456, nickname: 'A' }, { code: '1', extra: 1 }]) {
      const reply = await probe.request('room:join', bad as never);
      expect(reply).toEqual({
        ok: false,
        error: expect.objectContaining({ code: ErrorCode.INVALID_PAYLOAD }),
      });
    }
    // The probe is still student 01 and still connected.
    expect(probe.socket.connected).toBe(true);
  });

  it('moves every client forward and back through the steps, rejecting stale moves', async () => {
    const moves = [
      { move: () => host.client.next(version), index: 1 },
      { move: () => host.client.next(version), index: 2 },
      { move: () => host.client.previous(version), index: 1 },
      { move: () => host.client.goto(4, version), index: 4 },
    ];
    for (const { move, index } of moves) {
      const arrived = allReceive(students, 'step:changed', (c) => c.version === version + 1);
      const reply = ok(await move());
      expect(reply).toMatchObject({ version: version + 1, step: { index, total: 10 } });
      version = reply.version;
      for (const change of await arrived) expect(change.step.index).toBe(index);
    }
    expect(await host.client.next(version - 1)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.STALE_VERSION },
    });
    expect(await host.client.goto(10, version)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.STEP_OUT_OF_RANGE },
    });
    const last = await host.client.goto(4, version - 1); // based on an old state: refused
    expect(last.ok).toBe(false);
    const steps = students[0]!.events.filter((e) => e.event === 'step:changed');
    expect(steps.map((e) => (e.payload as { step: { index: number } }).step.index)).toEqual([
      1, 2, 1, 4,
    ]);
    expect(students[0]!.joined.step.row.action).toBe('Pod A initiates HTTP request');
  });

  it('refuses host events from a student', async () => {
    const student = students[3]!.client;
    for (const [event, payload] of [
      ['host:next', { version }],
      ['host:goto', { version, index: 0 }],
      ['host:open-question', { version, questionKey: 'a3-receive-step' }],
      ['host:kick', { participantId: students[4]!.participantId }],
      ['host:lock', { locked: true }],
      ['host:end', { version }],
    ] as const) {
      const reply = await student.request(event, payload as never);
      expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_HOST } });
    }
    const forged = await student.attachHost(students[3]!.token, host.room.roomId);
    expect(forged).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_TOKEN } });
  });

  it('question 1 (single choice): opens with no key for students, scores, closes when all answered', async () => {
    const opened = allReceive(students, 'question:opened');
    const closed = allReceive(students, 'question:closed');
    const results = Promise.all(students.map((s) => s.client.waitFor('question:result')));
    const boards = Promise.all(students.map((s) => s.client.waitFor('leaderboard')));
    const reply = ok(await host.client.openQuestion({ version, questionKey: 'a3-receive-step' }));
    version = reply.version;
    seen.single = reply.question;
    const question = reply.question;
    expect(question).toMatchObject({ key: 'a3-receive-step', question: { type: 'single' } });
    const views = await opened;
    for (const view of views) {
      expect(findKeys(view, SECRET_KEYS)).toEqual([]);
      expect(view.questionId).toBe(question.questionId);
      expect(view.remainingMs).toBeGreaterThan(15_000);
    }
    const right = question.answer as string;
    const wrong = question.question.options!.find((o) => o.id !== right)!.id;
    // A value of the wrong shape, and a question that does not exist, are refused.
    expect(await students[0]!.client.answer(question.questionId, true)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.INVALID_ANSWER },
    });
    expect(
      await students[0]!.client.answer('00000000-0000-4000-8000-000000000000', right),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.QUESTION_NOT_FOUND } });
    // Two thirds answer right, the rest wrong; every answer is acknowledged after commit.
    const acks = await Promise.all(
      students.map((s, i) => s.client.answer(question.questionId, i % 3 === 2 ? wrong : right)),
    );
    for (const ack of acks)
      expect(ack).toMatchObject({ ok: true, answer: { questionId: question.questionId } });
    const reveals = await closed;
    expect(reveals[0]).toMatchObject({
      reason: 'all-answered',
      question: { answer: right, distribution: { answered: 30, correct: 20 } },
    });
    const mine = await results;
    mine.forEach((result, i) => {
      expect(result).toMatchObject({ answered: true, correct: i % 3 !== 2 });
      if (i % 3 === 2) expect(result).toMatchObject({ points: 0, streak: 0 });
      else expect(result.points).toBeGreaterThanOrEqual(500);
    });
    // Every student gets the same top 5 (one broadcast); their own place is in their result, and
    // the places are the ranking of the points: 1…30, each once, better points never lower.
    const [board, ...others] = await boards;
    expect(board!.top.length).toBe(5);
    expect(board!.me).toBeNull();
    expect(board!.total).toBe(30);
    for (const other of others) expect(other).toEqual(board);
    expect(mine.map((r) => r.rank).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    const byRank = [...mine].sort((a, b) => a.rank - b.rank);
    for (let i = 1; i < byRank.length; i++)
      expect(byRank[i]!.totalPoints).toBeLessThanOrEqual(byRank[i - 1]!.totalPoints);
    expect(board!.top.map((e) => e.points)).toEqual(byRank.slice(0, 5).map((r) => r.totalPoints));
    mine.forEach((result, i) => expect(result.totalCorrect).toBe(i % 3 !== 2 ? 1 : 0));
    // A repeat gets ALREADY_ANSWERED with the first answer.
    const repeat = await students[0]!.client.answer(question.questionId, wrong);
    expect(repeat).toMatchObject({
      ok: false,
      error: { code: ErrorCode.ALREADY_ANSWERED },
      answer: { value: right },
    });
    version = reveals[0]!.version;
  });

  it('question 2 (multiple select): a phone drops and comes back, and an answer after the deadline is refused', async () => {
    const dropper = students[28]!; // transport dies; socket.io recovers the session
    const reloader = students[27]!; // page reloaded: a new connection resumes with the token
    const late = students[29]!;
    const others = students.slice(0, 27);
    const opened = allReceive(students, 'question:opened');
    const reply = ok(
      await host.client.openQuestion({
        version,
        questionKey: 'a3-address-rewriters',
        timeLimitSec: 5,
      }),
    );
    version = reply.version;
    seen.multi = reply.question;
    const q = reply.question;
    await opened;
    const right = q.answer as string[];
    const partial = right.slice(0, 1);

    // The dropper loses its transport mid-question…
    const back = dropper.client.waitFor('question:closed', undefined, 15_000);
    dropper.client.socket.io.engine.close();
    // …the reloader closes the page and opens it again.
    const reopened = await reconnectWithToken(app.url, reloader);
    expect(reopened.question).toMatchObject({ questionId: q.questionId });
    expect(reopened.myAnswer).toBeNull();
    expect(findKeys(reopened, SECRET_KEYS)).toEqual([]);

    const acks = await Promise.all(
      others.map((s, i) => s.client.answer(q.questionId, i % 2 === 0 ? right : partial)),
    );
    for (const ack of acks) expect(ack.ok).toBe(true);
    // The dropper is back (connection recovered) and answers.
    await waitUntil(() => dropper.client.socket.connected);
    expect(dropper.client.socket.recovered).toBe(true);
    expect(ok(await dropper.client.answer(q.questionId, right)).answer.value).toEqual(right);
    expect(ok(await reloader.client.answer(q.questionId, right)).answer.value).toEqual(right);

    // The late student waits past the deadline: the question closes on its timer.
    const reveal = await late.client.waitFor('question:closed', undefined, 15_000);
    expect(reveal.reason).toBe('deadline');
    expect(reveal.closedAt).toBeGreaterThanOrEqual(reply.question.deadline);
    const refused = await late.client.answer(q.questionId, right);
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.QUESTION_CLOSED } });
    expect(reveal.question.distribution).toMatchObject({ answered: 29 });
    expect(await back).toMatchObject({ questionId: q.questionId });
    version = reveal.version;
  });

  it('kicks a student, who can no longer answer or come back', async () => {
    const kicked = students[26]!;
    const notice = kicked.client.waitFor('room:kicked');
    ok(await host.client.kick(kicked.participantId));
    expect(await notice).toEqual({ reason: expect.any(String) });
    const roster = await host.client.waitFor('host:roster', (r) =>
      r.some((p) => p.participantId === kicked.participantId && p.kicked),
    );
    expect(roster.length).toBe(30);
    const again = await kicked.client.resume(kicked.token);
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.KICKED } });
  });

  it('locks the room against new players, then lets a late joiner in mid-question with the current state', async () => {
    const locked = allReceive(everyone(), 'room:state', (s) => s.locked);
    version = ok(await host.client.lock(true)).version;
    await locked;
    expect(await refusedJoin(app.url, host.room.code, 'Latecomer')).toBe(ErrorCode.ROOM_LOCKED);
    version = ok(await host.client.lock(false)).version;

    // Question 3 (numeric, authored in the lesson), with the kicked student trying to answer.
    const opened = allReceive(everyone(), 'question:opened');
    const reply = ok(await host.client.openQuestion({ version, questionKey: 'exchange-length' }));
    version = reply.version;
    seen.numeric = reply.question;
    const q = reply.question;
    expect(q.answer).toBe(7);
    await opened;
    const kickedTry = await students[26]!.client.answer(q.questionId, 7);
    expect(kickedTry).toMatchObject({ ok: false, error: { code: ErrorCode.KICKED } });

    const latecomer = await joinAs(app.url, host.room.code, 'Latecomer');
    expect(latecomer.joined).toMatchObject({
      role: 'student',
      status: 'live',
      version,
      step: { index: 4 },
      question: { questionId: q.questionId, question: { type: 'numeric' } },
      myAnswer: null,
      me: { nickname: 'Latecomer', points: 0, streak: 0 },
    });
    expect(latecomer.joined.leaderboard!.top).toHaveLength(5);
    expect(findKeys(latecomer.joined, SECRET_KEYS)).toEqual([]);
    students.push(latecomer);

    // Everyone but the late student answers (some wrong); the host closes the question.
    const answering = everyone().filter((s) => s.nickname !== 'Student30');
    const acks = await Promise.all(
      answering.map((s, i) => s.client.answer(q.questionId, i % 4 === 0 ? 6 : 7)),
    );
    for (const ack of acks) expect(ack.ok).toBe(true);
    const closed = allReceive(everyone(), 'question:closed');
    const closeReply = ok(await host.client.closeQuestion(q.questionId));
    version = closeReply.version;
    const reveals = await closed;
    expect(reveals[0]).toMatchObject({ reason: 'host', question: { answer: 7 } });
    expect(reveals[0]!.question.explanation).toMatch(/Request out/);
  });

  it('never sends a student an answer key, an explanation or others’ answers before the reveal', () => {
    for (const student of students) {
      for (const { event, payload } of student.events) {
        expect(event).not.toMatch(/^host:/);
        if (event === 'question:closed') continue; // the reveal
        expect({ event, keys: findKeys(payload, SECRET_KEYS) }).toEqual({ event, keys: [] });
      }
    }
  });

  it('ends the room with a podium; the room becomes read-only and its code is freed', async () => {
    const ended = allReceive(everyone(), 'room:ended');
    const reply = ok(await host.client.end(version));
    expect(reply.podium).toHaveLength(3);
    const views = await ended;
    expect(views[0]!.podium).toEqual(reply.podium);
    expect(await students[0]!.client.answer(seen.numeric!.questionId, 7)).toMatchObject({
      ok: false,
    });
    expect(await host.client.next(reply.version)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.ROOM_ENDED },
    });
    expect(await refusedJoin(app.url, host.room.code, 'TooLate')).toBe(ErrorCode.ROOM_NOT_FOUND);
    version = reply.version;
  });

  it('reports scores equal to a recomputation from the stored answers', async () => {
    const report = await teacher.http.report(teacher.token, host.room.roomId);
    expect(report.room.status).toBe('ended');
    expect(report.questions.map((q) => [q.key, q.type])).toEqual([
      ['a3-receive-step', 'single'],
      ['a3-address-rewriters', 'multi'],
      ['exchange-length', 'numeric'],
    ]);
    expect(report.participants).toHaveLength(31);

    // Straight from the database: the stored questions and answers, scored again.
    const prisma = app.app.get<DatabaseClient>(DATABASE).prisma;
    const questions = await prisma.question.findMany({
      where: { sessionId: host.room.roomId },
      orderBy: { ordinal: 'asc' },
    });
    const answers = await prisma.answer.findMany({ where: { sessionId: host.room.roomId } });
    const participants = await prisma.participant.findMany({
      where: { sessionId: host.room.roomId },
    });
    const recomputed = scoreSession({
      questions: questions.map((q) => ({ ...(q.definition as unknown as Question), id: q.id })),
      answers: answers.map((a) => ({ ...a, value: a.value })),
      participants: participants.map((p) => ({ id: p.id, name: p.nickname })),
    });
    const byId = new Map(recomputed.participants.map((p) => [p.participantId, p]));
    for (const p of report.participants) {
      expect({ who: p.nickname, points: p.points, streak: p.streak }).toEqual({
        who: p.nickname,
        points: byId.get(p.participantId)!.points,
        streak: byId.get(p.participantId)!.streak,
      });
      // The points stored with each answer when it was acknowledged add up to the same total.
      const stored = answers
        .filter((a) => a.participantId === p.participantId)
        .reduce((sum, a) => sum + a.points, 0);
      expect(stored).toBe(p.points);
    }
    expect(answers).toHaveLength(30 + 29 + 29);
    expect(recomputed.ignored).toEqual([]);
    // And the live leaderboard agreed: the podium is the report's top three.
    const podium = (
      students[0]!.events.find((e) => e.event === 'room:ended')!.payload as {
        podium: { participantId: string; points: number }[];
      }
    ).podium;
    expect(podium.map((p) => [p.participantId, p.points])).toEqual(
      report.participants
        .filter((p) => !p.kicked)
        .slice(0, 3)
        .map((p) => [p.participantId, p.points]),
    );
  });
});
