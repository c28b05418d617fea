/** The scenarios that ship with the library (the four seeds), for the server to list and run. */
import { loadScenario } from './scenario.loader.js';
import { EMBEDDED_SCENARIOS } from './scenarios.embedded.js';
import type { Scenario } from './simulation.types.js';

/** A built-in scenario: its name, title, description and YAML source. */
export interface BuiltInScenario {
  name: string;
  title: string;
  description: string;
  yaml: string;
}

/** Display order of the built-in scenarios. */
const ORDER = ['pod-to-pod', 'service-dns', 'service-types', 'nginx-deployment'];

function describe(name: string, yaml: string): BuiltInScenario {
  const loaded = loadScenario(yaml);
  if (!loaded.ok)
    throw new Error(`built-in scenario ${name} is invalid: ${loaded.errors[0]?.message}`);
  return { name, title: loaded.scenario.title, description: loaded.scenario.description, yaml };
}

/** Every built-in scenario, in teaching order. */
export function builtInScenarios(): BuiltInScenario[] {
  const names = Object.keys(EMBEDDED_SCENARIOS).sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : 1),
  );
  return names.map((n) => describe(n, EMBEDDED_SCENARIOS[n]!));
}

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
}

/** A built-in scenario, loaded; undefined if there is none by that name. */
export function builtInScenario(name: string): Scenario | undefined {
  const yaml = EMBEDDED_SCENARIOS[name];
  if (yaml === undefined) return undefined;
  const loaded = loadScenario(yaml);
  if (!loaded.ok)
    throw new Error(`built-in scenario ${name} is invalid: ${loaded.errors[0]?.message}`);
  return loaded.scenario;
}
