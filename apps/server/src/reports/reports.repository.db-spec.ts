import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import type { DatabaseClient } from '../database/database.client.js';
import { ReportsRepository } from './reports.repository.js';
import { SINGLE } from './report.fixtures.js';

/** The reports' reads against a real database: what they select, filter and order. */
describe('ReportsRepository', () => {
  let database: TestDatabase;
  let client: DatabaseClient;
  let repository: ReportsRepository;
  const ids = { instructor: randomUUID(), lesson: randomUUID(), klass: randomUUID() };
  const sessions = { lobby: randomUUID(), early: randomUUID(), late: randomUUID() };

  beforeAll(async () => {
    database = await createTestDatabase();
    client = await database.open();
    repository = new ReportsRepository(client);
    const prisma = client.prisma;
    await prisma.instructor.create({
      data: { id: ids.instructor, email: 'r@example.com', passwordHash: 'x', displayName: 'R' },
    });
    await prisma.lesson.create({
      data: {
        id: ids.lesson,
        instructorId: ids.instructor,
        title: 'L',
        scenarioYaml: '',
        timeline: {},
        questions: [],
        scoring: {},
      },
    });
    await prisma.class.create({
      data: {
        id: ids.klass,
        instructorId: ids.instructor,
        name: 'Class A',
        roster: {
          create: [
            { studentId: 'S2', displayName: 'Bo' },
            { studentId: 'S1', displayName: 'Ana' },
          ],
        },
      },
    });
    const session = (id: string, status: 'LOBBY' | 'LIVE' | 'ENDED', day: number) =>
      prisma.session.create({
        data: {
          id,
          lessonId: ids.lesson,
          instructorId: ids.instructor,
          classId: ids.klass,
          joinCode: String(day).padStart(6, '0'),
          status,
          state: { settings: { detail: 'hops', speedScoring: false, extraTime: [] } },
          createdAt: new Date(Date.UTC(2026, 0, day)),
        },
      });
    // Created out of order: the later session first.
    await session(sessions.late, 'LIVE', 20);
    await session(sessions.early, 'ENDED', 10);
    await session(sessions.lobby, 'LOBBY', 1);
    const participant = await prisma.participant.create({
      data: { sessionId: sessions.early, nickname: 'Ana', rosterId: 'S1' },
    });
    await prisma.participant.create({ data: { sessionId: sessions.early, nickname: 'Zed' } });
    const question = await prisma.question.create({
      data: {
        sessionId: sessions.early,
        key: SINGLE.id,
        ordinal: 1,
        definition: SINGLE as object,
        points: 1000,
        timeLimitMs: 20_000,
        openedAt: new Date(),
        deadline: new Date(),
        closedAt: new Date(Date.UTC(2026, 0, 10, 9)),
      },
    });
    await prisma.answer.create({
      data: {
        sessionId: sessions.early,
        questionId: question.id,
        participantId: participant.id,
        value: 'eth0',
        correct: false,
        credit: 0,
        points: 0,
        responseMs: 1234,
      },
    });
  });
  afterAll(async () => {
    await client?.close();
    await database?.drop();
  });

  it("reads a class with its roster in student id order, and no one else's", async () => {
    expect(await repository.findClass(ids.klass)).toEqual({
      id: ids.klass,
      name: 'Class A',
      instructorId: ids.instructor,
      roster: [
        { studentId: 'S1', displayName: 'Ana' },
        { studentId: 'S2', displayName: 'Bo' },
      ],
    });
    expect(await repository.findClass(randomUUID())).toBeNull();
  });

  it('lists the class sessions that started, oldest first', async () => {
    const found = await repository.findClassSessions(ids.klass);
    expect(found.map((s) => [s.id, s.status])).toEqual([
      [sessions.early, 'ended'],
      [sessions.late, 'live'],
    ]);
  });

  it('reads a session with roster ids, settings, questions as asked and raw answers', async () => {
    const session = (await repository.findSession(sessions.early))!;
    expect(session).toMatchObject({
      id: sessions.early,
      code: '000010',
      classId: ids.klass,
      instructorId: ids.instructor,
      status: 'ended',
      createdAt: Date.UTC(2026, 0, 10),
      endedAt: null,
      settings: { detail: 'hops', speedScoring: false, extraTime: [] },
    });
    expect(session.participants.map((p) => [p.nickname, p.rosterId, p.kicked])).toEqual([
      ['Ana', 'S1', false],
      ['Zed', null, false],
    ]);
    expect(session.questions).toEqual([
      expect.objectContaining({
        key: SINGLE.id,
        ordinal: 1,
        definition: SINGLE,
        closedAt: Date.UTC(2026, 0, 10, 9),
      }),
    ]);
    expect(session.answers).toEqual([
      {
        questionId: session.questions[0]!.id,
        participantId: session.participants[0]!.id,
        value: 'eth0',
        responseMs: 1234,
      },
    ]);
    expect(await repository.findSession(randomUUID())).toBeNull();
  });
});
