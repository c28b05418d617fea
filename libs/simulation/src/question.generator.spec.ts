import { builtInScenarios } from './built-in.scenarios.js';
import { generateQuestions } from './question.generator.js';
import type { Question } from './question.types.js';
import { runBuiltIn } from './scenario.test-helper.js';

const traces = builtInScenarios().map((s) => runBuiltIn(s.name));

function checkShape(q: Question): void {
  expect(q.id).toMatch(/^a\d+-[a-z-]+$/);
  expect(q.prompt.length).toBeGreaterThan(10);
  expect(q.explanation.length).toBeGreaterThan(5);
  switch (q.type) {
    case 'single':
    case 'hotspot':
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      expect(new Set(q.options).size).toBe(q.options.length);
      expect(Number.isInteger(q.answer) && q.answer >= 0 && q.answer < q.options.length).toBe(true);
      break;
    case 'multi':
      expect(q.answer.length).toBeGreaterThan(0);
      expect(q.answer.every((i) => i >= 0 && i < q.options.length)).toBe(true);
      break;
    case 'ordering':
      expect([...q.answer].sort()).toEqual(q.options.map((_, i) => i));
      break;
    case 'numeric':
      expect(Number.isFinite(q.answer)).toBe(true);
      break;
    case 'true-false':
      expect(typeof q.answer).toBe('boolean');
      break;
  }
}

describe('generateQuestions', () => {
  it.each(traces.map((t) => [t.scenario.name, t] as const))(
    'gives well-formed questions for %s',
    (_name, trace) => {
      const qs = generateQuestions(trace);
      expect(qs.length).toBeGreaterThan(5);
      qs.forEach(checkShape);
      expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
    },
  );

  it('covers every question type across the built-in scenarios', () => {
    const types = new Set(traces.flatMap((t) => generateQuestions(t).map((q) => q.type)));
    expect([...types].sort()).toEqual([
      'hotspot',
      'multi',
      'numeric',
      'ordering',
      'single',
      'true-false',
    ]);
  });

  it('is deterministic for a seed and filters by action, type and count', () => {
    const t = traces[0]!;
    expect(generateQuestions(t, { seed: 5 })).toEqual(generateQuestions(t, { seed: 5 }));
    const only = generateQuestions(t, { actions: [3], types: ['single'], perAction: 2 });
    expect(only).toHaveLength(2);
    expect(only.every((q) => q.id.startsWith('a3-') && q.type === 'single')).toBe(true);
  });

  it('answers the ordering question with the summary order', () => {
    const q = generateQuestions(traces[0]!).find((x) => x.id === 'a3-order-steps');
    if (q?.type !== 'ordering') throw new Error('no ordering question');
    expect(q.answer.map((i) => q.options[i])).toEqual([
      'Pod A initiates HTTP request',
      'Network plugin routes packet',
      'Pod B receives request',
      'Pod B sends HTTP response',
      'Network plugin routes response',
    ]);
  });

  it('answers the hotspot and multi questions from the hops', () => {
    const qs = generateQuestions(traces[0]!);
    const hot = qs.find((x) => x.id === 'a3-where-is-packet');
    if (hot?.type !== 'hotspot') throw new Error('no hotspot');
    expect(hot.options[hot.answer]).toBe('vxlan/node-1');
    const multi = qs.find((x) => x.id === 'a3-address-rewriters');
    if (multi?.type !== 'multi') throw new Error('no multi');
    expect(multi.answer.map((i) => multi.options[i]).sort()).toEqual([
      'conntrack',
      'kube-proxy (iptables DNAT)',
    ]);
  });
});
