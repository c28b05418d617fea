import { builtInScenario } from '@podroom/simulation';
import { checkLesson, describeProblem, type LessonDraft } from './lesson.checker.js';

const SCENARIO = builtInScenario('pod-to-pod')!.source;

const single = {
  id: 'who-routes',
  type: 'single',
  concept: 'cni',
  prompt: 'Who moves the packet between nodes?',
  options: [
    { id: 'cni', text: 'The network plugin' },
    { id: 'kube-proxy', text: 'kube-proxy' },
  ],
  answer: 'cni',
  misconceptions: { 'kube-proxy': 'thinks kube-proxy forwards packets' },
  points: 1000,
  timeLimitSec: 20,
};

const draft = (over: Partial<LessonDraft> = {}): LessonDraft => ({
  title: 'Lesson',
  scenarioYaml: SCENARIO,
  timeline: { actions: [3], cues: [{ question: 'who-routes', atStep: 1 }] },
  questions: [single],
  ...over,
});

const problems = (d: LessonDraft): string[] => {
  const result = checkLesson(d);
  return result.ok ? [] : result.problems.map(describeProblem);
};

describe('checkLesson', () => {
  it('accepts a lesson that compiles, keeping concept tags and misconception notes', () => {
    const result = checkLesson(draft({ scoring: { streaks: false } }));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.lesson.questions).toEqual([single]);
    expect(Object.keys(result.lesson.questions[0]!)).toEqual([
      'id',
      'type',
      'concept',
      'prompt',
      'options',
      'answer',
      'misconceptions',
      'points',
      'timeLimitSec',
    ]);
    expect(result.lesson.timeline).toEqual({
      actions: [3],
      cues: [{ question: 'who-routes', atStep: 1 }],
    });
    expect(result.lesson.scoring).toEqual({ streaks: false });
  });

  it('stores the scenario with \\n line ends', () => {
    const result = checkLesson(draft({ scenarioYaml: SCENARIO.replace(/\n/g, '\r\n') }));
    expect(result.ok && result.lesson.scenarioYaml).toBe(SCENARIO);
  });

  it('names the field of a wrong shape', () => {
    expect(
      problems(
        draft({
          title: undefined,
          timeline: { detail: 'everything', cues: [{ question: 'x', atStep: -1 }] },
        }),
      ),
    ).toEqual([
      'title: is required',
      'timeline.detail: must be one of the following values: summary, hops',
      'timeline.cues[0].atStep: must not be less than 0',
    ]);
  });

  it('names each bad question field, unknown fields and repeated ids', () => {
    const { misconceptions: _, ...rest } = single;
    expect(
      problems(
        draft({
          questions: [
            { ...rest, misconception: { x: 'typo' } },
            { ...single, options: [single.options[0]], answer: 'nope' },
            single,
          ],
        }),
      ),
    ).toEqual([
      'questions[0].misconception: is not a field of single questions',
      'questions[1].options: must have at least 2 options, got 1',
      'questions[1].answer: "nope" is not an option id (options: "cni")',
      'questions[1].misconceptions.kube-proxy: "kube-proxy" is not an option id (allowed: "cni")',
      'questions[2].id: duplicate question id "who-routes" (also questions[0].id)',
    ]);
  });

  it('gives the line and column of a scenario problem', () => {
    const broken = SCENARIO.replace('kubectl get pods -o wide', 'kubectl frobnicate');
    const line = broken.split('\n').findIndex((l) => l.includes('frobnicate')) + 1;
    const [problem] = problems(draft({ scenarioYaml: broken }));
    expect(problem).toMatch(
      new RegExp(`^scenarioYaml line ${line}, column \\d+ \\(script\\[1\\]\\): `),
    );
  });

  it('checks the timeline against the scenario: actions, generated questions, cues', () => {
    expect(
      problems(
        draft({
          timeline: {
            actions: [3, 9],
            generatedQuestions: ['a3-receive-step'],
            cues: [{ question: 'who-routes', atStep: 0 }],
          },
        }),
      ),
    ).toEqual(["timeline.actions[1]: the scenario's script has 5 commands; there is no action 9"]);
    expect(
      problems(
        draft({
          timeline: {
            actions: [3],
            generatedQuestions: ['a3-receive-step', 'made-up'],
            cues: [
              { question: 'a3-receive-step', atStep: 0 },
              { question: 'a5-receive-step', atStep: 0 },
              { question: 'who-routes', atStep: 99 },
            ],
          },
        }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^timeline\.generatedQuestions\[1\]: no generated question "made-up" \(generated: "a3-/,
      ),
      expect.stringMatching(
        /^timeline\.cues\[1\]\.question: no question "a5-receive-step" in this lesson/,
      ),
      'timeline.cues[2].atStep: the lesson has 7 steps (0–6) at the summary level; there is no step 99',
    ]);
  });

  it('refuses a timeline with nothing to show', () => {
    expect(problems(draft({ timeline: { actions: [1] } }))).toEqual([
      'timeline.actions: The lesson has no steps to show',
    ]);
  });
});
