import { builtInScenarios } from '@podroom/simulation';
import { useMemo } from 'preact/hooks';
import { hrefOf } from '../routing/route.parser.js';

/** The built-in scenarios, each opening the projector demo. */
export function DemoListView() {
  const scenarios = useMemo(() => builtInScenarios(), []);
  return (
    <main class="page page--narrow">
      <header class="brand brand--small">
        <a href="#/" class="brand__link">
          <span class="brand__mark" aria-hidden="true" />
          <span class="brand__name">podroom</span>
        </a>
      </header>
      <h1>Projector demos</h1>
      <p class="lead">Step through a scenario with the arrow keys, as a class would see it.</p>
      <ul class="scenario-list">
        {scenarios.map((s) => (
          <li key={s.name}>
            <a
              class="scenario-list__link"
              href={hrefOf({ name: 'demo', scenario: s.name, detail: 'summary' })}
            >
              <span class="scenario-list__title">{s.title}</span>
              <span class="scenario-list__description">{s.description}</span>
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
