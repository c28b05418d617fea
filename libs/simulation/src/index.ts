/**
 * @podroom/simulation — a pure Kubernetes pod-networking model: a scenario (cluster, manifests,
 * script) in, a step-by-step trace out. No framework, clock or `Math.random`: a seed makes every
 * run identical.
 *
 * ```ts
 * const loaded = loadScenario(yamlText);
 * if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
 * const trace = run(loaded.scenario);
 * const summary = summarize(trace);           // seed 000's table level
 * const questions = generateQuestions(trace); // answers computed from the trace
 * ```
 */
export { loadScenario } from './scenario.loader.js';
export { run } from './simulation.runner.js';
export { summarize, summarizeAction, trackerTable } from './trace.summarizer.js';
export { generateQuestions } from './question.generator.js';
export { formatTrace, formatAction, formatPacket, textTable } from './trace.formatter.js';
export { builtInScenarios, builtInScenario, type BuiltInScenario } from './built-in.scenarios.js';
export { DISPLAY_NAME_ANNOTATION } from './cluster.model.js';
export type * from './simulation.types.js';
export type * from './question.types.js';
