import { builtInScenario } from '@podroom/simulation';
import type { LessonRecord } from './lesson.plan.js';
import type { LessonsRepository, StoredLesson } from './lessons.repository.js';
import { LessonsService, slug } from './lessons.service.js';

const SCENARIO = builtInScenario('pod-to-pod')!.source;

/** An in-memory stand-in for the Prisma repository (the e2e tests use the real one). */
function memoryRepository() {
  const rows = new Map<string, StoredLesson>();
  let clock = Date.UTC(2026, 10, 22);
  let ids = 0;
  const stamp = (row: Omit<StoredLesson, 'version' | 'updatedAt'>): StoredLesson => {
    const updatedAt = new Date((clock += 1000));
    return { ...row, updatedAt, version: updatedAt.getTime() };
  };
  const repository = {
    rows,
    reads: 0,
    async findById(id: string) {
      repository.reads++;
      return rows.get(id) ?? null;
    },
    async create(instructorId: string, lesson: Omit<LessonRecord, 'id' | 'instructorId'>) {
      const id = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
      const row = stamp({
        ...lesson,
        id,
        instructorId,
        builtInKey: null,
        createdAt: new Date(clock),
      });
      rows.set(id, row);
      return row;
    },
    async replace(id: string, lesson: Omit<LessonRecord, 'id' | 'instructorId'>) {
      const old = rows.get(id);
      if (!old) return null;
      const row = stamp({ ...old, ...lesson });
      rows.set(id, row);
      return row;
    },
  };
  return repository;
}

const body = (questionIds: string[] = []) => ({
  title: 'Lesson',
  scenarioYaml: SCENARIO,
  timeline: { actions: [3], generatedQuestions: false },
  questions: questionIds.map((id) => ({
    id,
    type: 'true-false',
    prompt: `Question ${id}?`,
    answer: true,
    points: 1000,
    timeLimitSec: 20,
  })),
});

describe('LessonsService plans', () => {
  it('plans a lesson once per version, and again after an edit', async () => {
    const repository = memoryRepository();
    const service = new LessonsService(repository as unknown as LessonsRepository);
    const lesson = await service.create('alice', body(['q1']));
    const first = await service.plan(lesson.id);
    expect(first.questions.map((q) => q.key)).toEqual(['q1']);
    expect(await service.plan(lesson.id)).toBe(first); // cached

    await service.replace('alice', lesson.id, body(['q1', 'q2']));
    const second = await service.plan(lesson.id);
    expect(second).not.toBe(first);
    expect(second.questions.map((q) => q.key)).toEqual(['q1', 'q2']);
  });

  it('never hands out a plan of an older version, even when another process made the edit', async () => {
    const repository = memoryRepository();
    const here = new LessonsService(repository as unknown as LessonsRepository);
    const there = new LessonsService(repository as unknown as LessonsRepository);
    const lesson = await here.create('alice', body(['q1']));
    expect((await here.plan(lesson.id, 'summary')).questions).toHaveLength(1);

    await there.replace('alice', lesson.id, body(['q1', 'q2', 'q3']));
    expect((await here.plan(lesson.id, 'summary')).questions).toHaveLength(3);
  });

  it("keeps another instructor's lesson out of reach", async () => {
    const repository = memoryRepository();
    const service = new LessonsService(repository as unknown as LessonsRepository);
    const lesson = await service.create('alice', body());
    await expect(service.get('bob', lesson.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.replace('bob', lesson.id, body(['x']))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(service.resolve('bob', { lessonId: lesson.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(repository.rows.get(lesson.id)!.questions).toEqual([]);
  });
});

describe('slug', () => {
  it.each([
    ['Pod-to-Pod communication in Kubernetes', 'pod-to-pod-communication-in-kubernetes'],
    ['  Ünïcödé & “quotes” ', 'unicode-quotes'],
    ['***', 'lesson'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('%j → %j', (title, expected) => expect(slug(title)).toBe(expected));
});
