import {
  ErrorCode,
  ok,
  type ClassReport,
  type HostQuestionView,
  type RoomReport,
} from '@podroom/contracts';
import { builtInScenario } from '@podroom/simulation';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { DatabaseClient } from '../apps/server/src/database/database.client.js';
import { DATABASE } from '../apps/server/src/database/database.module.js';
import {
  hostRoom,
  joinAs,
  newInstructor,
  type HostedRoom,
  type Instructor,
  type Student,
} from './support/rooms.fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Reports after sessions played over real sockets: every number of the JSON report is checked
 * against a recomputation, in this file, from the raw `Answer` rows read from PostgreSQL; the CSV
 * is parsed and checked cell by cell (byte-order mark, header, rows, a formula nickname
 * neutralised); another instructor gets 404 for all of it.
 */

const POD_TO_POD = builtInScenario('pod-to-pod')!.source;

/** A lesson with concept tags and misconception notes (flat points: no speed rule). */
const LESSON = {
  title: 'Reports lesson',
  scenarioYaml: POD_TO_POD,
  timeline: { detail: 'summary', actions: [3], generatedQuestions: false },
  questions: [
    {
      id: 'who-routes',
      type: 'single',
      concept: 'cni',
      prompt: 'Who moves the packet from node-1 to node-2?',
      options: [
        { id: 'cni', text: 'The network plugin (VXLAN overlay)' },
        { id: 'kube-proxy', text: 'kube-proxy' },
        { id: 'dns', text: '=CoreDNS' },
      ],
      answer: 'cni',
      misconceptions: {
        'kube-proxy': 'thinks kube-proxy forwards packets between nodes',
        dns: 'thinks DNS carries the traffic, not just names it',
      },
      points: 1000,
      timeLimitSec: 30,
    },
    {
      id: 'clusterip-interface',
      type: 'true-false',
      concept: 'kube-proxy',
      prompt: "A Service's ClusterIP is configured on an interface of some node.",
      answer: false,
      misconceptions: { true: 'thinks a ClusterIP lives on an interface' },
      points: 2000,
      timeLimitSec: 30,
    },
    {
      id: 'steps',
      type: 'numeric',
      concept: 'request lifecycle',
      prompt: 'How many steps does the exchange take?',
      answer: 7,
      points: 1000,
      timeLimitSec: 30,
    },
  ],
  scoring: { speedScoring: false },
};

const FORMULA_NICK = '=SUM(A1:A9)';

/** What a student does with a question: an answer, nothing, or an answer after the deadline. */
type Move = { value: unknown } | 'skip' | 'after-deadline';

interface Played {
  host: HostedRoom;
  students: Student[];
  /** The host's view of each question asked (keys included), by lesson key. */
  asked: Map<string, HostQuestionView>;
}

/**
 * Plays a session: `script` lists questions in order, with each student's move by nickname. A
 * question closes by itself when everyone answered, on its deadline when someone answers after
 * it (timer shortened to 5 s), or by the host otherwise. The room ends after the last one.
 */
async function playSession(
  url: string,
  instructor: Instructor,
  lessonId: string,
  nicknames: string[],
  script: { key: string; moves: Record<string, Move> }[],
): Promise<Played> {
  const host = await hostRoom(url, instructor, { lessonId });
  const students: Student[] = [];
  for (const nickname of nicknames) students.push(await joinAs(url, host.room.code, nickname));
  let version = host.snapshot.version;
  const asked = new Map<string, HostQuestionView>();
  for (const { key, moves } of script) {
    const waitsForDeadline = Object.values(moves).includes('after-deadline');
    const reply = ok(
      await host.client.openQuestion({
        version,
        questionKey: key,
        ...(waitsForDeadline && { timeLimitSec: 5 }),
      }),
    );
    asked.set(key, reply.question);
    const { questionId } = reply.question;
    const closed = host.client.waitFor(
      'question:closed',
      (r) => r.questionId === questionId,
      15_000,
    );
    const answering = students.filter((s) => typeof moves[s.nickname] === 'object');
    const acks = await Promise.all(
      answering.map((s) =>
        s.client.answer(questionId, (moves[s.nickname] as { value: never }).value),
      ),
    );
    for (const ack of acks) expect(ack.ok).toBe(true);
    const everyoneAnswered = answering.length === students.length;
    if (!everyoneAnswered && !waitsForDeadline) ok(await host.client.closeQuestion(questionId));
    const reveal = await closed;
    expect(reveal.reason).toBe(
      everyoneAnswered ? 'all-answered' : waitsForDeadline ? 'deadline' : 'host',
    );
    for (const s of students.filter((s) => moves[s.nickname] === 'after-deadline')) {
      const refused = await s.client.answer(questionId, true as never);
      expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.QUESTION_CLOSED } });
    }
    version = reveal.version;
  }
  ok(await host.client.end(version));
  return { host, students, asked };
}

/**
 * Puts played sessions into a new class of `instructor` with a roster, linking participants to
 * roster students by nickname.
 */
async function classOf(
  db: DatabaseClient['prisma'],
  instructor: Instructor,
  sessions: { played: Played; rosterIds: Record<string, string> }[],
): Promise<string> {
  const me = await db.instructor.findUniqueOrThrow({ where: { email: instructor.email } });
  const klass = await db.class.create({
    data: {
      instructorId: me.id,
      name: 'Networking 101',
      roster: {
        create: [
          { studentId: 'S1', displayName: 'Ana Alves' },
          { studentId: 'S2', displayName: 'Bo Berg' },
          { studentId: 'S3', displayName: 'Cy Cruz' },
          { studentId: 'S4', displayName: 'Formula Four' },
          { studentId: 'S5', displayName: '+Eve Formula' },
        ],
      },
    },
  });
  for (const { played, rosterIds } of sessions) {
    await db.session.update({
      where: { id: played.host.room.roomId },
      data: { classId: klass.id },
    });
    for (const s of played.students)
      if (rosterIds[s.nickname])
        await db.participant.update({
          where: { id: s.participantId },
          data: { rosterId: rosterIds[s.nickname]! },
        });
  }
  return klass.id;
}

describe('reports', () => {
  let app: TestApp;
  let db: DatabaseClient['prisma'];
  let alice: Instructor;
  let bob: Instructor;
  let lessonId: string;
  let first: Played;
  const opened: { close(): void }[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    db = app.app.get<DatabaseClient>(DATABASE).prisma;
    [alice, bob] = [await newInstructor(app.url), await newInstructor(app.url)];
    const created = await request(app.url)
      .post('/lessons')
      .set('authorization', `Bearer ${alice.token}`)
      .send(LESSON)
      .expect(201);
    lessonId = (created.body as { id: string }).id;
  });
  afterAll(async () => {
    for (const c of opened) c.close();
    await app.close();
  });

  const get = (token: string, path: string) =>
    fetch(new URL(path, app.url), { headers: { authorization: `Bearer ${token}` } });

  describe('a session report', () => {
    let report: RoomReport;

    beforeAll(async () => {
      first = await playSession(
        app.url,
        alice,
        lessonId,
        ['Ana', 'Bo', 'Cy', FORMULA_NICK],
        [
          {
            key: 'who-routes',
            moves: {
              Ana: { value: 'cni' },
              Bo: { value: 'kube-proxy' },
              Cy: 'skip',
              [FORMULA_NICK]: { value: 'dns' },
            },
          },
          {
            key: 'clusterip-interface',
            moves: {
              Ana: { value: false },
              Bo: { value: true },
              Cy: 'after-deadline',
              [FORMULA_NICK]: { value: false },
            },
          },
          {
            key: 'steps',
            moves: {
              Ana: { value: 7 },
              Bo: { value: 7 },
              Cy: { value: 6 },
              [FORMULA_NICK]: { value: 7 },
            },
          },
        ],
      );
      opened.push(first.host.client, ...first.students.map((s) => s.client));
      const response = await get(alice.token, `/rooms/${first.host.room.roomId}/report`);
      expect(response.status).toBe(200);
      report = (await response.json()) as RoomReport;
    });

    it('agrees with a recomputation from the raw answers in the database', async () => {
      const roomId = first.host.room.roomId;
      const questions = await db.question.findMany({
        where: { sessionId: roomId },
        orderBy: { ordinal: 'asc' },
      });
      const participants = await db.participant.findMany({ where: { sessionId: roomId } });
      const answers = await db.answer.findMany({ where: { sessionId: roomId } });
      // What was sent is what is stored: Cy has no answer to q1 nor (refused late) to q2.
      expect(answers).toHaveLength(3 + 3 + 4);
      const mean = (xs: number[]) =>
        xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

      // Per participant.
      const expected = participants.map((p) => {
        const mine = answers.filter((a) => a.participantId === p.id);
        const right = mine.filter((a) => a.correct);
        return {
          participantId: p.id,
          nickname: p.nickname,
          rosterId: p.rosterId,
          points: mine.reduce((s, a) => s + a.points, 0),
          correct: right.length,
          answered: mine.length,
          unanswered: questions.length - mine.length,
          accuracyPercent: (100 * right.length) / questions.length,
          averageResponseMs: mean(mine.map((a) => a.responseMs)),
          rightMs: right.reduce((s, a) => s + a.responseMs, 0),
        };
      });
      expected.sort(
        (a, b) =>
          b.points - a.points ||
          b.correct - a.correct ||
          a.rightMs - b.rightMs ||
          (a.nickname < b.nickname ? -1 : 1),
      );
      expect(
        report.participants.map((p) => ({
          participantId: p.participantId,
          nickname: p.nickname,
          rosterId: p.rosterId,
          points: p.points,
          correct: p.correct,
          answered: p.answered,
          unanswered: p.unanswered,
          accuracyPercent: p.accuracyPercent,
          averageResponseMs: p.averageResponseMs,
        })),
      ).toEqual(expected.map(({ rightMs: _, ...e }) => e));
      expect(report.participants.map((p) => p.rank)).toEqual([1, 2, 3, 4]);
      expect(report.participants[0]!.nickname).toBe('Ana');
      expect(
        report.participants.find((p) => p.nickname === 'Cy')!.answers.map((a) => a.status),
      ).toEqual(['unanswered', 'unanswered', 'wrong']);

      // Every answer of every participant, unanswered ones included.
      for (const p of report.participants) {
        expect(p.answers.map((a) => a.questionId)).toEqual(questions.map((q) => q.id));
        for (const a of p.answers) {
          const row = answers.find(
            (r) => r.participantId === p.participantId && r.questionId === a.questionId,
          );
          expect(a).toMatchObject(
            row
              ? {
                  value: row.value,
                  correct: row.correct,
                  credit: row.credit,
                  responseMs: row.responseMs,
                  points: row.points,
                  status: row.correct ? 'correct' : 'wrong',
                }
              : { status: 'unanswered', value: null, responseMs: null, points: 0 },
          );
        }
      }

      // Per question.
      const perQuestion = questions.map((q) => {
        const rows = answers.filter((a) => a.questionId === q.id);
        const right = rows.filter((a) => a.correct).length;
        return {
          questionId: q.id,
          key: q.key,
          answered: rows.length,
          unanswered: participants.length - rows.length,
          correct: right,
          correctPercent: (100 * right) / participants.length,
          averageResponseMs: mean(rows.map((a) => a.responseMs)),
          credit: rows.reduce((s, a) => s + a.credit, 0),
          values: rows.map((a) => JSON.stringify(a.value)),
        };
      });
      expect(report.questions.map((q) => q.key)).toEqual([
        'who-routes',
        'clusterip-interface',
        'steps',
      ]);
      for (const [i, q] of report.questions.entries()) {
        const e = perQuestion[i]!;
        expect(q).toMatchObject({
          questionId: e.questionId,
          answered: e.answered,
          unanswered: e.unanswered,
          correct: e.correct,
          correctPercent: e.correctPercent,
          averageResponseMs: e.averageResponseMs,
        });
        // The distribution counts each value given.
        for (const { key, count } of q.distribution.counts) {
          const asJson = q.type === 'single' ? JSON.stringify(key) : key;
          expect({ key, count }).toEqual({
            key,
            count: e.values.filter((v) => v === asJson).length,
          });
        }
      }
      expect(report.questions[0]!.distribution.counts).toEqual([
        { key: 'cni', count: 1 },
        { key: 'kube-proxy', count: 1 },
        { key: 'dns', count: 1 },
      ]);
      expect(report.questions.map((q) => q.concept)).toEqual([
        'cni',
        'kube-proxy',
        'request lifecycle',
      ]);

      // Hardest first: lowest correct %, then lowest mean credit, then slowest, then order asked.
      const hardest = [...perQuestion]
        .map((e, ordinal) => ({ ...e, ordinal }))
        .sort(
          (a, b) =>
            a.correctPercent - b.correctPercent ||
            a.credit - b.credit ||
            (b.averageResponseMs ?? 0) - (a.averageResponseMs ?? 0) ||
            a.ordinal - b.ordinal,
        )
        .map((e) => e.questionId);
      expect(report.hardestFirst).toEqual(hardest);
      expect(report.hardestFirst.at(-1)).toBe(perQuestion[2]!.questionId); // 3 of 4 right
    });

    it('exports the same as CSV: BOM, one header row, a row per participant × question', async () => {
      const roomId = first.host.room.roomId;
      const response = await get(alice.token, `/rooms/${roomId}/report.csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const day = report.room.createdAt.slice(0, 10);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="podroom-session-${first.host.room.code}-${day}.csv"`,
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      const [header] = parse(text, { bom: true, to_line: 1 }) as string[][];
      expect(header).toEqual([
        'session_id',
        'session_code',
        'lesson',
        'session_started_at',
        'class_id',
        'rank',
        'participant_id',
        'nickname',
        'roster_id',
        'kicked',
        'total_points',
        'total_correct',
        'total_answered',
        'total_unanswered',
        'accuracy_percent',
        'average_response_ms',
        'question_ordinal',
        'question_key',
        'concept',
        'question_type',
        'prompt',
        'status',
        'answer',
        'correct',
        'credit',
        'late',
        'response_ms',
        'points',
      ]);
      const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(4 * 3);
      for (const p of report.participants) {
        const mine = rows.filter((r) => r.participant_id === p.participantId);
        expect(mine.map((r) => r.question_ordinal)).toEqual(['1', '2', '3']);
        for (const [i, r] of mine.entries()) {
          const a = p.answers[i]!;
          expect(r).toMatchObject({
            rank: String(p.rank),
            total_points: String(p.points),
            total_correct: String(p.correct),
            status: a.status,
            points: String(a.points),
            response_ms: a.responseMs === null ? '' : String(a.responseMs),
          });
        }
      }
      // User text that a spreadsheet would run is neutralised; plain text is left alone.
      const formula = rows.filter((r) => r.participant_id === participantOf(FORMULA_NICK));
      expect(formula.map((r) => r.nickname)).toEqual(Array(3).fill(`'${FORMULA_NICK}`));
      expect(formula[0]!.answer).toBe("'=CoreDNS");
      expect(text).not.toMatch(/(^|,)=SUM/m);
      expect(rows.find((r) => r.nickname === 'Ana')!.answer).toBe(
        'The network plugin (VXLAN overlay)',
      );
    });

    it('is 404 for another instructor, JSON and CSV alike', async () => {
      const roomId = first.host.room.roomId;
      for (const path of [`/rooms/${roomId}/report`, `/rooms/${roomId}/report.csv`]) {
        const response = await get(bob.token, path);
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ error: { code: ErrorCode.NOT_FOUND } });
      }
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await get(alice.token, `/rooms/${unknown}/report.csv`)).status).toBe(404);
      expect((await get(alice.token, '/rooms/not-a-uuid/report')).status).toBe(400);
      expect((await fetch(new URL(`/rooms/${roomId}/report`, app.url))).status).toBe(401);
    });
  });

  describe('a class report over two sessions', () => {
    let second: Played;
    let classId: string;
    let report: ClassReport;

    beforeAll(async () => {
      second = await playSession(
        app.url,
        alice,
        lessonId,
        ['Bo', 'Cy', 'Dee'],
        [
          {
            key: 'who-routes',
            moves: {
              Bo: { value: 'cni' },
              Cy: { value: 'kube-proxy' },
              Dee: { value: 'kube-proxy' },
            },
          },
          {
            key: 'clusterip-interface',
            moves: { Bo: { value: false }, Cy: { value: true }, Dee: 'skip' },
          },
        ],
      );
      opened.push(second.host.client, ...second.students.map((s) => s.client));
      classId = await classOf(db, alice, [
        { played: first, rosterIds: { Ana: 'S1', Bo: 'S2', Cy: 'S3', [FORMULA_NICK]: 'S4' } },
        { played: second, rosterIds: { Bo: 'S2', Cy: 'S3' } },
      ]);
      const response = await get(alice.token, `/classes/${classId}/report`);
      expect(response.status).toBe(200);
      report = (await response.json()) as ClassReport;
    });

    it('agrees with a recomputation from the raw answers of every session', async () => {
      const sessions = await db.session.findMany({
        where: { classId },
        orderBy: { createdAt: 'asc' },
        include: { participants: true, questions: true, answers: true },
      });
      expect(sessions.map((s) => s.id)).toEqual([first.host.room.roomId, second.host.room.roomId]);
      const roster = await db.rosterStudent.findMany({
        where: { classId },
        orderBy: { studentId: 'asc' },
      });
      expect(report.sessions.map((s) => [s.roomId, s.questions, s.participants])).toEqual(
        sessions.map((s) => [s.id, s.questions.length, s.participants.length]),
      );

      // Per roster student: each session's figures, then the totals over those attended.
      const expected = roster.map((student) => {
        const trend = sessions.map((s) => {
          const p = s.participants.find((x) => x.rosterId === student.studentId);
          const rows = s.answers.filter((a) => p && a.participantId === p.id);
          const correct = rows.filter((a) => a.correct).length;
          return {
            roomId: s.id,
            attended: p !== undefined,
            nickname: p?.nickname ?? null,
            points: rows.reduce((sum, a) => sum + a.points, 0),
            questions: s.questions.length,
            answered: rows.length,
            correct,
            accuracyPercent: p ? (100 * correct) / s.questions.length : null,
          };
        });
        const attended = trend.filter((t) => t.attended);
        const sum = (pick: (t: (typeof trend)[number]) => number) =>
          attended.reduce((total, t) => total + pick(t), 0);
        return {
          rosterId: student.studentId,
          displayName: student.displayName,
          sessionsAttended: attended.length,
          questions: sum((t) => t.questions),
          answered: sum((t) => t.answered),
          correct: sum((t) => t.correct),
          points: sum((t) => t.points),
          accuracyPercent:
            attended.length === 0 ? null : (100 * sum((t) => t.correct)) / sum((t) => t.questions),
          trend,
        };
      });
      expect(
        report.students.map(({ trend, ...s }) => ({
          ...s,
          trend: trend.map(({ participantId: _, rank: __, ...t }) => t),
        })),
      ).toEqual(expected);
      expect(report.students.map((s) => s.sessionsAttended)).toEqual([1, 2, 2, 1, 0]);

      // The ranks in the trend are the session reports' ranks.
      const sessionReport = (await (
        await get(alice.token, `/rooms/${second.host.room.roomId}/report`)
      ).json()) as RoomReport;
      const bo = report.students.find((s) => s.rosterId === 'S2')!.trend[1]!;
      expect(bo.rank).toBe(
        sessionReport.participants.find((p) => p.participantId === bo.participantId)!.rank,
      );
      expect(report.unlinked.map((u) => u.nickname)).toEqual(['Dee']);

      // Per concept: right answers over questions × participants, session by session.
      for (const concept of report.concepts) {
        const trend = sessions.flatMap((s) => {
          const tagged = s.questions.filter(
            (q) => (q.definition as { concept?: string }).concept === concept.concept,
          );
          if (tagged.length === 0) return [];
          const rows = s.answers.filter((a) => tagged.some((q) => q.id === a.questionId));
          const correct = rows.filter((a) => a.correct).length;
          const opportunities = tagged.length * s.participants.length;
          return [
            {
              roomId: s.id,
              questions: tagged.length,
              opportunities,
              answered: rows.length,
              correct,
              accuracyPercent: (100 * correct) / opportunities,
            },
          ];
        });
        expect({ concept: concept.concept, trend: concept.trend }).toEqual({
          concept: concept.concept,
          trend,
        });
      }
      expect(report.concepts.map((c) => [c.concept, c.trend.length])).toEqual([
        ['cni', 2],
        ['kube-proxy', 2],
        ['request lifecycle', 1],
      ]);

      // Wrong options: the wrong values stored, counted per question and option.
      const picks = new Map<string, number>();
      for (const s of sessions)
        for (const a of s.answers.filter((x) => !x.correct)) {
          const q = s.questions.find((x) => x.id === a.questionId)!;
          if (q.key === 'steps') continue; // numeric: no option
          const id = `${q.key}/${String(a.value)}`;
          picks.set(id, (picks.get(id) ?? 0) + 1);
        }
      expect(report.wrongOptions.map((w) => [`${w.questionKey}/${w.optionId}`, w.count])).toEqual(
        [...picks.entries()].sort((a, b) => b[1] - a[1]),
      );
      expect(report.wrongOptions[0]).toMatchObject({
        questionKey: 'who-routes',
        optionId: 'kube-proxy',
        optionText: 'kube-proxy',
        note: 'thinks kube-proxy forwards packets between nodes',
        count: 3,
        answered: 6,
        percentOfAnswers: 50,
        sessions: 2,
      });
      expect(report.wrongOptions[1]).toMatchObject({
        questionKey: 'clusterip-interface',
        optionId: 'true',
        note: 'thinks a ClusterIP lives on an interface',
        count: 2,
      });
    });

    it('exports the students × sessions as CSV', async () => {
      const response = await get(alice.token, `/classes/${classId}/report.csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="podroom-class-networking-101.csv"',
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.slice(1, text.indexOf('\r\n'))).toBe(
        'class_id,class_name,student_id,display_name,sessions_attended,total_points,' +
          'overall_accuracy_percent,session_number,session_id,session_code,lesson,' +
          'session_started_at,attended,nickname,rank,points,questions,answered,correct,' +
          'accuracy_percent',
      );
      const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(report.students.length * 2);
      for (const student of report.students)
        for (const [i, t] of student.trend.entries()) {
          const row = rows.find(
            (r) => r.student_id === student.rosterId && r.session_number === String(i + 1),
          )!;
          expect(row).toMatchObject({
            session_id: t.roomId,
            attended: String(t.attended),
            total_points: String(student.points),
            points: t.attended ? String(t.points) : '',
            correct: t.attended ? String(t.correct) : '',
          });
        }
      expect(rows.find((r) => r.student_id === 'S5')!.display_name).toBe("'+Eve Formula");
    });

    it('is 404 for another instructor, JSON and CSV alike', async () => {
      for (const path of [`/classes/${classId}/report`, `/classes/${classId}/report.csv`]) {
        const response = await get(bob.token, path);
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ error: { code: ErrorCode.NOT_FOUND } });
      }
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await get(alice.token, `/classes/${unknown}/report`)).status).toBe(404);
    });
  });

  it('documents the four report endpoints and their JSON at /docs', async () => {
    const doc = (await request(app.url).get('/docs-json').expect(200)).body as {
      paths: Record<string, { get: { responses: Record<string, { content: object }> } }>;
    };
    const ok200 = (path: string) => doc.paths[path]!.get.responses['200']!.content;
    expect(ok200('/rooms/{id}/report')).toMatchObject({
      'application/json': {
        schema: {
          properties: { hardestFirst: { type: 'array' }, participants: { type: 'array' } },
        },
      },
    });
    expect(ok200('/classes/{id}/report')).toMatchObject({
      'application/json': { schema: { properties: { wrongOptions: { type: 'array' } } } },
    });
    expect(ok200('/rooms/{id}/report.csv')).toHaveProperty(['text/csv']);
    expect(ok200('/classes/{id}/report.csv')).toHaveProperty(['text/csv']);
  });

  const participantOf = (nickname: string) =>
    first.students.find((s) => s.nickname === nickname)!.participantId;
});
