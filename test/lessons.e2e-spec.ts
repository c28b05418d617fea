import { randomBytes } from 'node:crypto';
import {
  createPodroomClient,
  ok,
  type LessonSummaryView,
  type LessonView,
  type Page,
  type PodroomClient,
} from '@podroom/contracts';
import { builtInScenario } from '@podroom/simulation';
import request from 'supertest';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Lesson authoring over REST: CRUD, one instructor never seeing another's lessons, pagination,
 * the one-file YAML export/import (round trip, line-numbered errors), copies of built-in lessons,
 * and rooms picking up an edited lesson.
 */

const POD_TO_POD = builtInScenario('pod-to-pod')!.source;

/** A lesson with authored questions of three types, concept tags and misconception notes. */
const lessonBody = (title = 'Where does the request go?') => ({
  title,
  scenarioYaml: POD_TO_POD,
  timeline: {
    detail: 'summary',
    actions: [3],
    generatedQuestions: ['a3-receive-step'],
    cues: [
      { question: 'who-routes', atStep: 1 },
      { question: 'a3-receive-step', atStep: 2 },
    ],
  },
  questions: [
    {
      id: 'who-routes',
      type: 'single',
      concept: 'cni',
      prompt: 'Who moves the packet from node-1 to node-2?',
      options: [
        { id: 'cni', text: 'The network plugin (VXLAN overlay)' },
        { id: 'kube-proxy', text: 'kube-proxy' },
        { id: 'dns', text: 'CoreDNS' },
      ],
      answer: 'cni',
      misconceptions: {
        'kube-proxy': 'thinks kube-proxy forwards packets between nodes',
        dns: 'thinks DNS carries the traffic, not just names it',
      },
      explanation: 'The CNI plugin encapsulates the packet between the node IPs.',
      points: 1000,
      timeLimitSec: 20,
    },
    {
      id: 'clusterip-interface',
      type: 'true-false',
      concept: 'kube-proxy',
      prompt: "A Service's ClusterIP is configured on an interface of some node.",
      answer: false,
      misconceptions: { true: 'thinks a ClusterIP lives on an interface' },
      points: 2000,
      timeLimitSec: 15,
    },
    {
      id: 'steps',
      type: 'numeric',
      concept: 'request lifecycle',
      prompt: 'How many steps does the exchange take?',
      answer: 7,
      tolerance: 0,
      unit: 'steps',
      points: 1000,
      timeLimitSec: 30,
    },
  ],
  scoring: { speedScoring: false },
});

describe('lessons over REST', () => {
  let app: TestApp;
  let alice: string;
  let bob: string;
  const clients: PodroomClient[] = [];

  const signUp = async (name: string): Promise<string> => {
    const response = await request(app.url)
      .post('/auth/sign-up')
      .send({
        email: `${name}-${randomBytes(4).toString('hex')}@example.com`,
        password: 'correct horse battery',
        displayName: name,
      })
      .expect(201);
    return response.body.token as string;
  };
  const as = (token: string) => ({
    get: (path: string) => request(app.url).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string) => request(app.url).post(path).set('authorization', `Bearer ${token}`),
    put: (path: string) => request(app.url).put(path).set('authorization', `Bearer ${token}`),
    delete: (path: string) => request(app.url).delete(path).set('authorization', `Bearer ${token}`),
  });
  const importFile = (token: string, text: string, type = 'text/yaml') =>
    as(token).post('/lessons/import').set('content-type', type).send(text);
  const create = async (token: string, body: object = lessonBody()): Promise<LessonView> =>
    (await as(token).post('/lessons').send(body).expect(201)).body as LessonView;
  const listAll = async (token: string, limit: number): Promise<LessonSummaryView[]> => {
    const all: LessonSummaryView[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit, cursor } : { limit };
      const response = await as(token).get('/lessons').query(query).expect(200);
      const page = response.body as Page<LessonSummaryView>;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  };

  beforeAll(async () => {
    app = await startTestApp();
    alice = await signUp('alice');
    bob = await signUp('bob');
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await app.close();
  });

  describe('CRUD', () => {
    it('creates, reads, replaces and deletes a lesson', async () => {
      const created = await create(alice);
      expect(created).toMatchObject({
        id: expect.any(String),
        title: 'Where does the request go?',
        builtInKey: null,
        questionCount: 3,
        scenarioYaml: POD_TO_POD,
        timeline: lessonBody().timeline,
        scoring: { speedScoring: false },
      });
      expect(created.questions).toEqual(lessonBody().questions);

      const read = await as(alice).get(`/lessons/${created.id}`).expect(200);
      expect(read.body).toEqual(created);

      const edited = { ...lessonBody('Renamed'), questions: lessonBody().questions.slice(0, 2) };
      edited.timeline = { ...edited.timeline, cues: [edited.timeline.cues[0]!] };
      const replaced = await as(alice).put(`/lessons/${created.id}`).send(edited).expect(200);
      expect(replaced.body).toMatchObject({ id: created.id, title: 'Renamed', questionCount: 2 });
      expect(Date.parse(replaced.body.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(created.updatedAt),
      );
      expect((await as(alice).get(`/lessons/${created.id}`).expect(200)).body.title).toBe(
        'Renamed',
      );

      await as(alice).delete(`/lessons/${created.id}`).expect(204);
      const gone = await as(alice).get(`/lessons/${created.id}`).expect(404);
      expect(gone.body.error.code).toBe('NOT_FOUND');
    });

    it('needs a signed-in instructor', async () => {
      await request(app.url).get('/lessons').expect(401);
      await request(app.url).post('/lessons').send(lessonBody()).expect(401);
    });

    it('refuses a body of the wrong shape with INVALID_PAYLOAD', async () => {
      const response = await as(alice)
        .post('/lessons')
        .send({ ...lessonBody(), title: '', extra: 1 })
        .expect(400);
      expect(response.body.error.code).toBe('INVALID_PAYLOAD');
      expect(response.body.error.details.join('\n')).toMatch(/title/);
      expect(response.body.error.details.join('\n')).toMatch(/extra/);
    });

    it('refuses a lesson that does not compile, naming the field and the scenario line', async () => {
      const body = lessonBody();
      const broken = {
        ...body,
        // line 3 of the scenario: a field the loader does not know
        scenarioYaml: POD_TO_POD.replace('title:', 'titel:'),
        questions: [{ ...body.questions[0]!, answer: 'nope' }, ...body.questions.slice(1)],
      };
      const response = await as(alice).post('/lessons').send(broken).expect(400);
      expect(response.body.error.code).toBe('INVALID_LESSON');
      const details: string[] = response.body.error.details;
      const titleLine = POD_TO_POD.split('\n').findIndex((l) => l.startsWith('title:')) + 1;
      expect(details).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^scenarioYaml line ${titleLine}, column 1\\b.*titel`)),
          expect.stringMatching(/^questions\[0\]\.answer: "nope" is not an option id/),
        ]),
      );
    });

    it('refuses a cue for a question the lesson does not have, or past the last step', async () => {
      const body = lessonBody();
      body.timeline.cues = [
        { question: 'no-such-question', atStep: 0 },
        { question: 'who-routes', atStep: 7 },
      ];
      const response = await as(alice).post('/lessons').send(body).expect(400);
      expect(response.body.error.code).toBe('INVALID_LESSON');
      expect(response.body.error.details).toEqual([
        expect.stringMatching(/^timeline\.cues\[0\]\.question: no question "no-such-question"/),
        expect.stringMatching(/^timeline\.cues\[1\]\.atStep: the lesson has 7 steps/),
      ]);
    });
  });

  describe('isolation', () => {
    let lesson: LessonView;
    beforeAll(async () => {
      lesson = await create(alice, lessonBody("Alice's private lesson"));
    });

    it('answers 404 NOT_FOUND to another instructor, never the data', async () => {
      const attempts = [
        as(bob).get(`/lessons/${lesson.id}`),
        as(bob).put(`/lessons/${lesson.id}`).send(lessonBody('Stolen')),
        as(bob).delete(`/lessons/${lesson.id}`),
        as(bob).get(`/lessons/${lesson.id}/export`),
        as(bob).post('/rooms').send({ lessonId: lesson.id }),
      ];
      for (const attempt of attempts) {
        const response = await attempt;
        expect(response.status).toBe(404);
        expect(response.body).toEqual({
          error: { code: 'NOT_FOUND', message: 'Lesson not found' },
        });
        expect(JSON.stringify(response.body)).not.toContain('private');
      }
      const still = await as(alice).get(`/lessons/${lesson.id}`).expect(200);
      expect(still.body.title).toBe("Alice's private lesson");
    });

    it("never lists another instructor's lessons", async () => {
      const bobs = await listAll(bob, 100);
      expect(bobs.map((l) => l.id)).not.toContain(lesson.id);
      expect((await listAll(alice, 100)).map((l) => l.id)).toContain(lesson.id);
    });
  });

  describe('pagination', () => {
    it('pages through every lesson once, newest first, with limit and cursor', async () => {
      const carol = await signUp('carol');
      const made: string[] = [];
      for (let i = 0; i < 7; i++) made.push((await create(carol, lessonBody(`Lesson ${i}`))).id);

      const first = await as(carol).get('/lessons?limit=3').expect(200);
      expect(first.body.items.map((l: LessonSummaryView) => l.title)).toEqual([
        'Lesson 6',
        'Lesson 5',
        'Lesson 4',
      ]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      expect(first.body.items[0]).not.toHaveProperty('scenarioYaml');
      expect(first.body.items[0]).not.toHaveProperty('questions');

      const all = await listAll(carol, 3);
      expect(all.map((l) => l.id)).toEqual([...made].reverse());

      const exact = await as(carol).get('/lessons?limit=7').expect(200);
      expect(exact.body.items).toHaveLength(7);
      expect(exact.body.nextCursor).toBeNull();

      const byDefault = await as(carol).get('/lessons').expect(200);
      expect(byDefault.body.items).toHaveLength(7);
    });

    it('refuses a bad limit or cursor with INVALID_PAYLOAD', async () => {
      for (const query of ['limit=0', 'limit=101', 'limit=x', 'cursor=bm9wZQ', 'cursor=a%2Bb']) {
        const response = await as(alice).get(`/lessons?${query}`).expect(400);
        expect(response.body.error.code).toBe('INVALID_PAYLOAD');
      }
    });
  });

  describe('YAML export and import', () => {
    it('exports one text/yaml file that imports back to an equal lesson', async () => {
      const lesson = await create(alice, lessonBody('Round trip'));
      const exported = await as(alice).get(`/lessons/${lesson.id}/export`).expect(200);
      expect(exported.headers['content-type']).toMatch(/^text\/yaml/);
      expect(exported.headers['content-disposition']).toBe(
        'attachment; filename="round-trip.lesson.yaml"',
      );
      const text = exported.text;
      expect(text).toMatch(/^scenario: \|/m); // the scenario as a literal block, as written
      expect(text).toContain(`  ${POD_TO_POD.split('\n')[1]}`);

      const imported = await importFile(alice, text).expect(201);
      const copy = imported.body as LessonView;
      expect(copy.id).not.toBe(lesson.id);
      const content = (l: LessonView) => ({
        title: l.title,
        scenarioYaml: l.scenarioYaml,
        timeline: l.timeline,
        questions: l.questions,
        scoring: l.scoring,
      });
      expect(content(copy)).toEqual(content(lesson));
      expect(copy.scenarioYaml).toBe(POD_TO_POD); // byte for byte

      // and once more: export of the import is the same file
      const again = await as(alice).get(`/lessons/${copy.id}/export`).expect(200);
      expect(again.text).toBe(text);
    });

    it('keeps concept tags and misconception notes through the round trip', async () => {
      const lesson = await create(alice, lessonBody('Notes'));
      const text = (await as(alice).get(`/lessons/${lesson.id}/export`).expect(200)).text;
      const file = parse(text);
      expect(file.questions.map((q: { concept: string }) => q.concept)).toEqual([
        'cni',
        'kube-proxy',
        'request lifecycle',
      ]);
      expect(file.questions[1].misconceptions).toEqual({
        true: 'thinks a ClusterIP lives on an interface',
      });
      const imported = (await importFile(alice, text, 'application/yaml').expect(201))
        .body as LessonView;
      const [routes, clusterIp] = imported.questions;
      expect(routes).toMatchObject({
        concept: 'cni',
        misconceptions: {
          'kube-proxy': 'thinks kube-proxy forwards packets between nodes',
          dns: 'thinks DNS carries the traffic, not just names it',
        },
      });
      expect(clusterIp).toMatchObject({
        concept: 'kube-proxy',
        misconceptions: { true: 'thinks a ClusterIP lives on an interface' },
      });
    });

    it('points a bad question to its line and field in the file', async () => {
      const lesson = await create(alice, lessonBody('Bad file'));
      const lines = (await as(alice).get(`/lessons/${lesson.id}/export`).expect(200)).text.split(
        '\n',
      );
      // Break the second question's answer, and the first question's second option id.
      const answerLine = lines.findIndex((l) => l === '    answer: false') + 1;
      lines[answerLine - 1] = '    answer: maybe';
      const optionLine = lines.findIndex((l) => l === '      - id: kube-proxy') + 1;
      lines[optionLine - 1] = '      - id: ""';
      const response = await importFile(alice, lines.join('\n')).expect(400);
      expect(response.body.error.code).toBe('INVALID_LESSON');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([
          `line ${answerLine}, questions[1].answer: must be true or false, got the string "maybe"`,
          expect.stringMatching(
            new RegExp(`^line ${optionLine}, questions\\[0\\]\\.options\\[1\\]\\.id: `),
          ),
        ]),
      );
      expect(response.body.error.message).toMatch(/^The lesson does not compile: line \d+/);
    });

    it('points a scenario problem to its line in the file', async () => {
      const lesson = await create(alice, lessonBody('Bad scenario'));
      const lines = (await as(alice).get(`/lessons/${lesson.id}/export`).expect(200)).text.split(
        '\n',
      );
      const imageLine = lines.findIndex((l) => l.includes('image: curlimages/curl')) + 1;
      lines[imageLine - 1] = lines[imageLine - 1]!.replace('image:', 'imag:');
      const response = await importFile(alice, lines.join('\n')).expect(400);
      const details: string[] = response.body.error.details;
      // The loader reports the unknown field, and the container that now lacks an image.
      const unknown = details.find((d) => d.includes('unknown field'))!;
      expect(unknown).toMatch(
        new RegExp(
          `^line ${imageLine}, column \\d+, scenario\\.manifests\\.pods\\.yaml\\[0\\]\\.spec\\.containers\\[0\\]\\.imag: `,
        ),
      );
      const column = Number(/column (\d+)/.exec(unknown)![1]);
      expect(lines[imageLine - 1]!.slice(column - 1)).toMatch(/^imag:/);
    });

    it('reports YAML syntax errors and unknown fields with their line', async () => {
      const syntax = await importFile(alice, 'title: x\nscenario: [\n').expect(400);
      expect(syntax.body.error.code).toBe('INVALID_LESSON');
      expect(syntax.body.error.details[0]).toMatch(/^line \d+, column \d+: /);

      const typo = await importFile(
        alice,
        `title: x\nquestons: []\nscenario: |\n${POD_TO_POD.replace(/^/gm, '  ')}`,
      ).expect(400);
      expect(typo.body.error.details).toEqual([
        expect.stringMatching(/^line 2, questons: is not a field of a lesson file/),
      ]);

      const missing = await importFile(alice, 'title: Only a title\n').expect(400);
      expect(missing.body.error.details).toEqual(['line 1, scenario: is required']);
    });

    it('refuses a body that is not a YAML text, or too large', async () => {
      const json = await as(alice).post('/lessons/import').send({ title: 'x' }).expect(400);
      expect(json.body.error.code).toBe('INVALID_PAYLOAD');
      const large = await importFile(alice, `title: x\n#${'x'.repeat(600 * 1024)}\n`);
      expect(large.status).toBe(413);
      expect(large.body.error.code).toBe('INVALID_PAYLOAD');
    });
  });

  describe('built-in lessons', () => {
    it('copies a built-in lesson into an editable lesson of the instructor', async () => {
      const copy = await as(bob).post('/lessons/built-in/service-dns/copy').expect(201);
      expect(copy.body).toMatchObject({ builtInKey: null, title: expect.any(String) });
      expect(copy.body.scenarioYaml).toBe(builtInScenario('service-dns')!.source);
      const edited = await as(bob)
        .put(`/lessons/${copy.body.id}`)
        .send({ title: 'My DNS lesson', scenarioYaml: copy.body.scenarioYaml })
        .expect(200);
      expect(edited.body.title).toBe('My DNS lesson');
      await as(bob).post('/lessons/built-in/no-such-lesson/copy').expect(404);
    });

    it('keeps the implicit copy rooms use read-only, and rooms by lessonKey working', async () => {
      const room = await as(bob).post('/rooms').send({ lessonKey: 'pod-to-pod' }).expect(201);
      const implicit = await as(bob).get(`/lessons/${room.body.lessonId}`).expect(200);
      expect(implicit.body.builtInKey).toBe('pod-to-pod');
      const refused = await as(bob)
        .put(`/lessons/${room.body.lessonId}`)
        .send(lessonBody())
        .expect(409);
      expect(refused.body.error.code).toBe('LESSON_READ_ONLY');
      const deleted = await as(bob).delete(`/lessons/${room.body.lessonId}`).expect(409);
      expect(deleted.body.error.code).toBe('LESSON_IN_USE'); // its session needs it
    });
  });

  describe('rooms and edits', () => {
    const hostSnapshot = async (token: string, roomId: string) => {
      const client = await createPodroomClient(app.url, { reconnection: false });
      clients.push(client);
      return ok(await client.attachHost(token, roomId)).snapshot;
    };

    it('a room created after an edit uses the edited lesson; a running one keeps its plan', async () => {
      const lesson = await create(alice, lessonBody('Before the edit'));
      const before = await as(alice).post('/rooms').send({ lessonId: lesson.id }).expect(201);
      const running = await hostSnapshot(alice, before.body.roomId);
      expect(running.questions.map((q) => q.key)).toEqual([
        'who-routes',
        'clusterip-interface',
        'steps',
        'a3-receive-step',
      ]);
      expect(running.step.total).toBe(7);

      const body = lessonBody('After the edit');
      const edited = {
        ...body,
        timeline: { detail: 'hops', actions: [3], generatedQuestions: false },
        questions: [body.questions[2]!],
      };
      await as(alice).put(`/lessons/${lesson.id}`).send(edited).expect(200);

      const after = await as(alice).post('/rooms').send({ lessonId: lesson.id }).expect(201);
      expect(after.body.lessonTitle).toBe('After the edit');
      const fresh = await hostSnapshot(alice, after.body.roomId);
      expect(fresh.questions.map((q) => q.key)).toEqual(['steps']);
      expect(fresh.step.detail).toBe('hops');
      expect(fresh.step.total).toBeGreaterThan(7);

      const still = await hostSnapshot(alice, before.body.roomId);
      expect(still.questions.map((q) => q.key)).toEqual(running.questions.map((q) => q.key));
      expect(still.step.total).toBe(7);

      const inUse = await as(alice).delete(`/lessons/${lesson.id}`).expect(409);
      expect(inUse.body.error).toMatchObject({
        code: 'LESSON_IN_USE',
        message: expect.stringContaining('2 sessions'),
      });
    });
  });

  it('documents the lesson endpoints and their DTOs at /docs', async () => {
    const doc = await request(app.url).get('/docs-json').expect(200);
    for (const path of [
      '/lessons',
      '/lessons/{id}',
      '/lessons/{id}/export',
      '/lessons/import',
      '/lessons/built-in/{key}/copy',
    ])
      expect(doc.body.paths).toHaveProperty([path]);
    const { schemas } = doc.body.components;
    expect(schemas.CreateLessonDto.required).toEqual(['title', 'scenarioYaml']);
    expect(schemas.CreateLessonDto.properties).toMatchObject({
      title: { type: 'string', maxLength: 200 },
      timeline: { $ref: '#/components/schemas/LessonTimelineDto' },
      questions: { type: 'array', items: { type: 'object' } },
    });
    expect(schemas.LessonTimelineDto.properties.detail.enum).toEqual(['summary', 'hops']);
    expect(schemas.LessonTimelineDto.properties.cues.items).toEqual({
      $ref: '#/components/schemas/TimelineCueDto',
    });
    const listParameters = doc.body.paths['/lessons'].get.parameters;
    expect(listParameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'limit',
          in: 'query',
          required: false,
          schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100 }),
        }),
        expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
      ]),
    );
    expect(Object.keys(doc.body.paths['/lessons/import'].post.requestBody.content)).toContain(
      'text/yaml',
    );
  });
});
