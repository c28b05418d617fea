import { builtInLessons } from './built-in.lessons.js';
import { planLesson, type LessonRecord } from './lesson.plan.js';

const podToPod = (): LessonRecord => {
  const lesson = builtInLessons().find((l) => l.key === 'pod-to-pod')!;
  return {
    id: 'lesson-1',
    instructorId: 'instructor-1',
    title: lesson.title,
    builtInKey: lesson.key,
    scenarioYaml: lesson.scenarioYaml,
    timeline: lesson.timeline,
    questions: lesson.questions,
    scoring: {},
  };
};

describe('planLesson (built-in pod-to-pod)', () => {
  it("keeps the simulation's concept tag on every generated question (the class report groups by it)", () => {
    const generated = planLesson(podToPod()).questions.filter((q) => q.source === 'generated');
    expect(generated.length).toBeGreaterThan(0);
    for (const q of generated) expect(q.question.concept).toEqual(expect.any(String));
    expect(generated.find((q) => q.key === 'a3-receive-step')?.question.concept).toBe(
      'request path',
    );
  });

  it('carries what the projector draws: address ranges, Service ports and endpoints, packets', () => {
    const plan = planLesson(podToPod());
    const { nodes, services, pods } = plan.steps[0]!.topology;
    expect(nodes.map((n) => [n.podCIDR, n.bridgeIp, n.vni, n.cniUp])).toEqual([
      ['10.244.0.0/24', '10.244.0.1', 1, true],
      ['10.244.1.0/24', '10.244.1.1', 1, true],
    ]);
    const podB = pods.find((p) => p.name === 'Pod B')!;
    expect(services.find((s) => s.name === 'pod-b')).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
      endpoints: [{ pod: podB.id, ip: podB.ip }],
    });
    // The request leaves Pod A for Pod B's address; the reply comes back from the Service's.
    expect(plan.steps[0]!.packet).toMatchObject({
      protocol: 'TCP',
      dst: { ip: podB.ip, port: 80 },
    });
    expect(plan.steps[5]!.packet?.src.ip).toBe(services.find((s) => s.name === 'pod-b')!.clusterIP);
    // The failing request (action 5) is dropped; the working one never is.
    expect(plan.steps.map((s) => s.dropped)).toEqual([
      ...Array<boolean>(7).fill(false),
      false,
      ...Array<boolean>(plan.steps.length - 8).fill(true),
    ]);
  });

  it("walks seed 000's table, then the failing request, at summary level", () => {
    const plan = planLesson(podToPod());
    expect(plan.detail).toBe('summary');
    expect(plan.steps.map((s) => `${s.action.index}.${s.row.step} ${s.row.action}`)).toEqual([
      '3.1 Pod A initiates HTTP request',
      '3.2 Network plugin routes packet',
      '3.3 Pod B receives request',
      '3.4 Pod B sends HTTP response',
      '3.5 Network plugin routes response',
      '3.6 Pod A receives response',
      '3.7 Connection closed',
      ...plan.steps.slice(7).map((s) => `5.${s.row.step} ${s.row.action}`),
    ]);
    expect(plan.steps[2]!.tracker).toEqual([
      { name: 'Request Status', value: 'Received by Pod B' },
      { name: 'Response Status', value: 'Not sent' },
    ]);
    expect(plan.steps[6]!.output.length).toBeGreaterThan(0);
    expect(plan.steps[0]!.packetAt).toMatch(/\//);
    expect(plan.steps[0]!.topology.pods.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Pod A', 'Pod B']),
    );
  });

  it('offers the authored question and the generated ones, of every type', () => {
    const plan = planLesson(podToPod());
    expect(plan.questions[0]).toMatchObject({
      key: 'exchange-length',
      source: 'lesson',
      atStep: 6,
    });
    expect(new Set(plan.questions.map((q) => q.question.type))).toEqual(
      new Set(['numeric', 'single', 'multi', 'true-false', 'ordering', 'hotspot']),
    );
    const receive = plan.questions.find((q) => q.key === 'a3-receive-step')!;
    expect(receive.source).toBe('generated');
    expect(receive.question.type).toBe('single');
    const right =
      receive.question.type === 'single' &&
      receive.question.options.find((o) => o.id === receive.question.answer);
    expect(right && right.text).toBe('Step 3');
  });

  it('honours the detail level and the generated-question list', () => {
    const plan = planLesson(
      { ...podToPod(), timeline: { detail: 'summary', generatedQuestions: ['a3-order-steps'] } },
      'hops',
    );
    expect(plan.detail).toBe('hops');
    expect(plan.steps.length).toBeGreaterThan(20);
    expect(plan.questions.map((q) => q.key)).toEqual(['exchange-length', 'a3-order-steps']);
  });

  it('refuses a broken scenario or question, naming the problem', () => {
    expect(() => planLesson({ ...podToPod(), scenarioYaml: 'name: [' })).toThrow(/line \d+/);
    expect(() => planLesson({ ...podToPod(), questions: [{ id: 'x', type: 'single' }] })).toThrow(
      /invalid question/,
    );
  });
});
