import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Question } from '@podroom/quiz';
import { builtInScenario } from '@podroom/simulation';
import { parse } from 'yaml';
import { builtInLessons } from './built-in.lessons.js';
import { exportLessonFile, LESSON_FILE_FORMAT, parseLessonFile } from './lesson-file.codec.js';
import { checkLesson, type CheckedLesson } from './lesson.checker.js';

const lesson = (scenarioYaml: string, questions: Question[] = []): CheckedLesson => ({
  title: 'A lesson',
  scenarioYaml,
  timeline: { detail: 'summary' },
  questions,
  scoring: { streaks: false },
});

const reimport = (file: string) => {
  const parsed = parseLessonFile(file);
  if (!parsed.ok) throw new Error(parsed.details.join('\n'));
  return parsed.draft;
};

describe('lesson files', () => {
  it('write the scenario as a literal block, exactly as authored', () => {
    const file = exportLessonFile(lesson('name: x # a comment\nscript:\n  - kubectl get pods\n'));
    expect(file).toContain(
      'scenario: |\n  name: x # a comment\n  script:\n    - kubectl get pods\n',
    );
    expect(parse(file)).toMatchObject({ format: LESSON_FILE_FORMAT, title: 'A lesson' });
  });

  it.each([
    ['no final newline', 'a: 1\nb: 2'],
    ['several final newlines', 'a: 1\n\n\n'],
    ['a first line that is indented', '  a: 1\nb: 2\n'],
    ['trailing spaces and tabs', 'a: 1   \nb: "x"\t\n'],
    ['leading blank lines', '\n\na: 1\n'],
    ['a block scalar inside', 'm: |\n  inner\n\n'],
    ['non-ASCII text', 'é: ü ✓ — “quoted”\n'],
    ['a control character', 'a\u0007b\n'],
  ])('round-trip a scenario with %s', (_, scenarioYaml) => {
    const draft = reimport(exportLessonFile(lesson(scenarioYaml)));
    expect(draft.scenarioYaml).toBe(scenarioYaml);
  });

  it('round-trip every built-in lesson to an equal lesson', () => {
    for (const { title, scenarioYaml, timeline, questions } of builtInLessons()) {
      const checked = checkLesson({ title, scenarioYaml, timeline, questions, scoring: {} });
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      const file = exportLessonFile(checked.lesson);
      const again = checkLesson(reimport(file));
      expect(again).toEqual(checked);
      expect(exportLessonFile((again as { lesson: CheckedLesson }).lesson)).toBe(file);
    }
  });

  it('refuse a second document, unknown fields and another format, with lines', () => {
    expect(parseLessonFile('title: a\n---\ntitle: b\n')).toEqual({
      ok: false,
      details: [expect.stringMatching(/^line 2, column 1: /)],
    });
    expect(parseLessonFile('format: podroom-lesson/9\ntitle: a\nnotes: x\n')).toEqual({
      ok: false,
      details: [
        'line 3, notes: is not a field of a lesson file (fields: format, title, scenario, timeline, questions, scoring)',
        'line 1, format: must be "podroom-lesson/1", got "podroom-lesson/9"',
      ],
    });
    expect(parseLessonFile('- a list\n')).toEqual({
      ok: false,
      details: [expect.stringMatching(/^line 1: a lesson file is a YAML mapping/)],
    });
  });

  describe('describe', () => {
    const file = [
      'title: x', // 1
      'scenario: |', // 2
      '  name: a', // 3
      '  script:', // 4
      '    - kubectl get pods', // 5
      'questions:', // 6
      '  - id: q', // 7
      '    answer: 3', // 8
    ].join('\n');
    const parsed = parseLessonFile(file);
    if (!parsed.ok) throw new Error('unexpected');

    it('map a field path to its line', () => {
      expect(parsed.describe({ path: 'questions[0].answer', message: 'is wrong' })).toBe(
        'line 8, questions[0].answer: is wrong',
      );
      expect(parsed.describe({ path: 'questions[0].prompt', message: 'is required' })).toBe(
        'line 7, questions[0].prompt: is required',
      );
    });

    it('map a position inside the scenario to the line and column of the file', () => {
      expect(
        parsed.describe({
          path: 'scenarioYaml.script[0]',
          message: 'unknown command',
          at: { line: 3, column: 5 },
        }),
      ).toBe('line 5, column 7, scenario.script[0]: unknown command');
    });

    it('use the indentation indicator of the block when there is one', () => {
      const indented = parseLessonFile('title: x\nscenario: |2-\n    indented: 1\n  b: 2');
      if (!indented.ok) throw new Error('unexpected');
      expect(indented.draft.scenarioYaml).toBe('  indented: 1\nb: 2');
      expect(
        indented.describe({ path: 'scenarioYaml', message: 'bad', at: { line: 2, column: 1 } }),
      ).toBe('line 4, column 3, scenario: bad');
    });

    it('fall back to the scenario line when the scenario is not a literal block', () => {
      const quoted = parseLessonFile('title: x\nscenario: "name: a\\nscript: []\\n"\n');
      if (!quoted.ok) throw new Error('unexpected');
      expect(
        quoted.describe({ path: 'scenarioYaml', message: 'bad', at: { line: 2, column: 9 } }),
      ).toBe('line 2, scenario (its line 2, column 9): bad');
    });
  });
});

describe('the example in docs/lessons.md', () => {
  it('compiles once its elided scenario is the built-in pod-to-pod one', () => {
    const doc = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs', 'lessons.md'),
      'utf8',
    );
    const section = doc.slice(doc.indexOf('## The lesson file'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const draft = reimport(example);
    expect(draft.scenarioYaml).toContain('name: pod-to-pod');
    const checked = checkLesson({ ...draft, scenarioYaml: builtInScenario('pod-to-pod')!.source });
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    expect(checked.lesson.questions.map((q) => q.concept)).toEqual(['cni', 'kube-proxy']);
    expect(checked.lesson.questions[1]).toMatchObject({
      misconceptions: { true: 'thinks a ClusterIP lives on an interface' },
    });
  });
});
