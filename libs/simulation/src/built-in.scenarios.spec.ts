import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtInScenario, builtInScenarios } from './built-in.scenarios.js';
import { EMBEDDED_SCENARIOS } from './scenarios.embedded.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');

describe('built-in scenarios', () => {
  it('embeds exactly the YAML files in libs/simulation/scenarios (run scripts/embed-scenarios.ts after editing one)', () => {
    const files = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => [f.replace(/\.yaml$/, ''), readFileSync(join(dir, f), 'utf8')]),
    );
    expect(EMBEDDED_SCENARIOS).toEqual(files);
  });

  it('lists the four seeds in teaching order, each loadable', () => {
    expect(builtInScenarios().map((s) => s.name)).toEqual([
      'pod-to-pod',
      'service-dns',
      'service-types',
      'nginx-deployment',
    ]);
    for (const s of builtInScenarios()) {
      expect(s.title.length).toBeGreaterThan(10);
      expect(builtInScenario(s.name)?.name).toBe(s.name);
    }
    expect(builtInScenario('nope')).toBeUndefined();
  });
});
