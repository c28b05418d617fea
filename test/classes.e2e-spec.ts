import {
  CLASS_LIMITS,
  ErrorCode,
  type ClassSummaryView,
  type ClassView,
  type Page,
  type PodroomClient,
  type SessionSummaryView,
} from '@podroom/contracts';
import request from 'supertest';
import { connect, hostRoom, newInstructor, type Instructor } from './support/rooms.fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Classes over REST: CRUD with pagination, one instructor never reaching another's classes, roster
 * upload as CSV (all or nothing, line-numbered errors), rooms taught to a class (students join with
 * their roster id) and the list of sessions.
 */

const ROSTER = ['student_id,display_name', 'S-01,Ana Lee', 'S-02,"Bo, Jr."', 'S-03,Cy'].join('\n');

describe('classes over REST', () => {
  let app: TestApp;
  let alice: Instructor;
  let bob: Instructor;
  const clients: PodroomClient[] = [];

  const as = (who: Instructor) => ({
    get: (path: string) => request(app.url).get(path).set('authorization', `Bearer ${who.token}`),
    post: (path: string) => request(app.url).post(path).set('authorization', `Bearer ${who.token}`),
    put: (path: string) => request(app.url).put(path).set('authorization', `Bearer ${who.token}`),
    delete: (path: string) =>
      request(app.url).delete(path).set('authorization', `Bearer ${who.token}`),
  });
  const createClass = async (who: Instructor, name: string): Promise<ClassView> =>
    (await as(who).post('/classes').send({ name }).expect(201)).body as ClassView;
  const putRoster = (who: Instructor, classId: string, csv: string, type = 'text/csv') =>
    as(who).put(`/classes/${classId}/roster`).set('content-type', type).send(csv);
  /** Joins over a real socket; answers 'joined' or the refusal's error code. */
  const join = async (code: string, nickname: string, rosterId?: string): Promise<string> => {
    const { client } = await connect(app.url);
    clients.push(client);
    const reply = await client.join(code, nickname, rosterId);
    return reply.ok ? 'joined' : reply.error.code;
  };

  beforeAll(async () => {
    app = await startTestApp();
    [alice, bob] = await Promise.all([newInstructor(app.url), newInstructor(app.url)]);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await app?.close();
  });

  it('creates, lists page by page, renames and deletes classes', async () => {
    const names = ['Net 101 Monday', 'Net 101 Tuesday', 'Net 101 Friday'];
    const made: ClassView[] = [];
    for (const name of names) made.push(await createClass(alice, `  ${name} `));
    expect(made[0]).toEqual({
      id: expect.any(String),
      name: names[0],
      rosterSize: 0,
      sessionCount: 0,
      createdAt: expect.any(String),
      roster: [],
    });

    const first = (await as(alice).get('/classes').query({ limit: 2 }).expect(200))
      .body as Page<ClassSummaryView>;
    expect(first.items.map((c) => c.name)).toEqual([names[2], names[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await as(alice).get('/classes').query({ limit: 2, cursor: first.nextCursor }).expect(200)
    ).body as Page<ClassSummaryView>;
    expect(second).toEqual({
      items: [expect.objectContaining({ name: names[0] })],
      nextCursor: null,
    });

    const renamed = await as(alice)
      .put(`/classes/${made[1]!.id}`)
      .send({ name: 'Net 101 Wednesday' })
      .expect(200);
    expect(renamed.body).toMatchObject({ id: made[1]!.id, name: 'Net 101 Wednesday' });
    await as(alice).put(`/classes/${made[1]!.id}`).send({ name: '   ' }).expect(400);

    await as(alice).delete(`/classes/${made[2]!.id}`).expect(204);
    await as(alice).get(`/classes/${made[2]!.id}`).expect(404);
    const left = (await as(alice).get('/classes').expect(200)).body as Page<ClassSummaryView>;
    expect(left.items.map((c) => c.name)).toEqual(['Net 101 Wednesday', names[0]]);
  });

  it('refuses bad class input with a clear 400', async () => {
    const noName = await as(alice).post('/classes').send({}).expect(400);
    expect(noName.body.error.code).toBe(ErrorCode.INVALID_PAYLOAD);
    await as(alice)
      .post('/classes')
      .send({ name: 'x'.repeat(CLASS_LIMITS.name + 1) })
      .expect(400);
    await as(alice).get('/classes/not-a-uuid').expect(400);
    await as(alice).get('/classes').query({ cursor: 'bogus' }).expect(400);
    await request(app.url).get('/classes').expect(401);
  });

  it('replaces the roster from a CSV file and keeps it when the file is bad', async () => {
    const klass = await createClass(alice, 'Roster class');
    const uploaded = await putRoster(alice, klass.id, `\ufeff${ROSTER}\r\n`).expect(200);
    expect((uploaded.body as ClassView).roster).toEqual([
      { studentId: 'S-01', displayName: 'Ana Lee' },
      { studentId: 'S-02', displayName: 'Bo, Jr.' },
      { studentId: 'S-03', displayName: 'Cy' },
    ]);
    expect((uploaded.body as ClassView).rosterSize).toBe(3);

    const bad = await putRoster(
      alice,
      klass.id,
      ['student_id,display_name', 'S-09,Dee', ',No id', 'S-09,Dee twice'].join('\n'),
    ).expect(400);
    expect(bad.body.error).toEqual({
      code: ErrorCode.INVALID_ROSTER,
      message: expect.stringMatching(/nothing was changed/),
      details: ['line 3: student_id is empty', 'line 4: student_id "S-09" is already on line 2'],
    });
    const noHeader = await putRoster(alice, klass.id, 'S-01,Ana\n').expect(400);
    expect(noHeader.body.error.details).toEqual([expect.stringMatching(/^line 1: /)]);
    const asJson = await as(alice)
      .put(`/classes/${klass.id}/roster`)
      .send({ students: [] })
      .expect(400);
    expect(asJson.body.error.code).toBe(ErrorCode.INVALID_ROSTER);
    const huge = `student_id,display_name\n${'S,x\n'.repeat(CLASS_LIMITS.rosterBytes / 4 + 1)}`;
    await putRoster(alice, klass.id, huge).expect(413);

    // Nothing of the refused files went in.
    const kept = (await as(alice).get(`/classes/${klass.id}`).expect(200)).body as ClassView;
    expect(kept.roster.map((s) => s.studentId)).toEqual(['S-01', 'S-02', 'S-03']);

    // A new file replaces the whole roster.
    await putRoster(alice, klass.id, 'id,name\nS-04,Dee\n').expect(200);
    const replaced = (await as(alice).get(`/classes/${klass.id}`).expect(200)).body as ClassView;
    expect(replaced.roster).toEqual([{ studentId: 'S-04', displayName: 'Dee' }]);
  });

  it("never lets an instructor reach another's class, roster, sessions or rooms (404)", async () => {
    const klass = await createClass(alice, 'Private class');
    await putRoster(alice, klass.id, ROSTER).expect(200);
    const path = `/classes/${klass.id}`;
    await as(bob).get(path).expect(404);
    await as(bob).put(path).send({ name: 'Mine now' }).expect(404);
    await as(bob).delete(path).expect(404);
    await putRoster(bob, klass.id, ROSTER).expect(404);
    await as(bob).get(`${path}/report`).expect(404);
    await as(bob).get('/sessions').query({ classId: klass.id }).expect(404);
    await as(bob).post('/rooms').send({ lessonKey: 'pod-to-pod', classId: klass.id }).expect(404);
    const bobs = (await as(bob).get('/classes').expect(200)).body as Page<ClassSummaryView>;
    expect(bobs.items).toEqual([]);
    // Alice's class is as she left it.
    const still = (await as(alice).get(path).expect(200)).body as ClassView;
    expect(still).toMatchObject({ name: 'Private class', rosterSize: 3 });
  });

  it('lets students into a class room by roster id only, once each', async () => {
    const klass = await createClass(alice, 'Joining class');
    await putRoster(alice, klass.id, ROSTER).expect(200);
    const host = await hostRoom(app.url, alice, { lessonKey: 'pod-to-pod', classId: klass.id });
    clients.push(host.client);
    const { code } = host.room;

    expect(await join(code, 'Ana')).toBe(ErrorCode.ROSTER_ID_REQUIRED);
    expect(await join(code, 'Ana', 'S-99')).toBe(ErrorCode.ROSTER_ID_UNKNOWN);
    expect(await join(code, 'Ana', 's-01')).toBe('joined');
    expect(await join(code, 'Not Ana', 'S-01')).toBe(ErrorCode.ROSTER_ID_TAKEN);
    // A roster fixed while the room runs is read again for an id it did not know.
    await putRoster(alice, klass.id, `${ROSTER}\nS-04,Dee`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 5_100)); // ROSTER_REFRESH_MS
    expect(await join(code, 'Dee', 'S-04')).toBe('joined');

    const sessions = (await as(alice).get('/sessions').query({ classId: klass.id }).expect(200))
      .body as Page<SessionSummaryView>;
    expect(sessions).toEqual({
      items: [
        {
          id: host.room.roomId,
          code,
          status: 'lobby',
          lessonId: host.room.lessonId,
          lessonTitle: host.room.lessonTitle,
          classId: klass.id,
          className: 'Joining class',
          participantCount: 2,
          createdAt: expect.any(String),
          endedAt: null,
        },
      ],
      nextCursor: null,
    });
    const report = await alice.http.report(alice.token, host.room.roomId);
    expect(report.participants.map((p) => [p.nickname, p.rosterId]).sort()).toEqual([
      ['Ana', 'S-01'],
      ['Dee', 'S-04'],
    ]);
  });

  it('lists all the sessions of an instructor, with or without a class', async () => {
    const plain = await hostRoom(app.url, bob, { lessonKey: 'pod-to-pod' });
    clients.push(plain.client);
    const page = (await as(bob).get('/sessions').expect(200)).body as Page<SessionSummaryView>;
    expect(page.items).toEqual([
      expect.objectContaining({ id: plain.room.roomId, classId: null, className: null }),
    ]);
    await request(app.url).get('/sessions').expect(401);
  });

  it('documents the class and session endpoints and their DTOs at /docs', async () => {
    const doc = await request(app.url).get('/docs-json').expect(200);
    for (const path of ['/classes', '/classes/{id}', '/classes/{id}/roster', '/sessions'])
      expect(doc.body.paths).toHaveProperty([path]);
    expect(doc.body.components.schemas.CreateClassDto).toMatchObject({
      required: ['name'],
      properties: { name: { type: 'string', maxLength: CLASS_LIMITS.name } },
    });
    expect(Object.keys(doc.body.paths['/classes/{id}/roster'].put.requestBody.content)).toContain(
      'text/csv',
    );
    expect(doc.body.paths['/sessions'].get.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'classId', in: 'query', required: false }),
        expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      ]),
    );
  });
});
