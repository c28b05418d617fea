import { builtInScenario, run, summarize, type DetailLevel } from '@podroom/simulation';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { hrefOf } from '../routing/route.parser.js';
import {
  buildFrame,
  clampPosition,
  firstPacketPosition,
  stepPosition,
  type FramePosition,
} from './projector.frames.js';
import { ProjectorView } from './projector.view.js';

/**
 * The projector driven locally: a built-in scenario run in the browser, stepped with the keyboard
 * (→ / Space next, ← back, Home / End, D for the detail level) or the buttons.
 */
export function DemoView(props: { scenario: string; detail: DetailLevel }) {
  const simulated = useMemo(() => {
    const scenario = builtInScenario(props.scenario);
    if (!scenario) return undefined;
    const trace = run(scenario);
    return { trace, summary: summarize(trace) };
  }, [props.scenario]);
  const [position, setPosition] = useState<FramePosition>(() =>
    simulated ? firstPacketPosition(simulated.trace) : { action: 0, step: 0 },
  );
  const detail = props.detail;

  useEffect(() => {
    if (!simulated) return;
    const { trace, summary } = simulated;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('button, a, input, select, textarea') && event.key === ' ') return;
      const move = (delta: number) =>
        setPosition((p) => stepPosition(trace, summary, detail, p, delta));
      switch (event.key) {
        case 'ArrowRight':
        case 'PageDown':
        case ' ':
          move(1);
          break;
        case 'ArrowLeft':
        case 'PageUp':
          move(-1);
          break;
        case 'Home':
          setPosition({ action: 0, step: 0 });
          break;
        case 'End':
          setPosition(() => stepPosition(trace, summary, detail, { action: 0, step: 0 }, 1e6));
          break;
        case 'd':
        case 'D':
          window.location.hash = hrefOf({
            name: 'demo',
            scenario: props.scenario,
            detail: detail === 'hops' ? 'summary' : 'hops',
          });
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [simulated, detail, props.scenario]);

  if (!simulated) {
    return (
      <main class="page page--narrow">
        <h1>No scenario “{props.scenario}”</h1>
        <p>
          <a href="#/demo">See the built-in scenarios</a>
        </p>
      </main>
    );
  }

  const { trace, summary } = simulated;
  const here = clampPosition(trace, summary, detail, position);
  const frame = buildFrame(trace, summary, detail, here);
  const go = (delta: number) => setPosition(stepPosition(trace, summary, detail, here, delta));
  const other: DetailLevel = detail === 'hops' ? 'summary' : 'hops';

  return (
    <ProjectorView
      frame={frame}
      title={trace.scenario.title}
      controls={
        <>
          <button type="button" class="button" onClick={() => go(-1)} disabled={frame.isFirst}>
            <span aria-hidden="true">←</span> Back
          </button>
          <button
            type="button"
            class="button button--primary"
            onClick={() => go(1)}
            disabled={frame.isLast}
          >
            Next <span aria-hidden="true">→</span>
          </button>
          <a
            class="button"
            href={hrefOf({ name: 'demo', scenario: props.scenario, detail: other })}
          >
            {other === 'hops' ? 'Every hop' : 'Summary'}
          </a>
          <p class="projector__keys">
            Keys: <kbd>←</kbd> <kbd>→</kbd> step · <kbd>D</kbd> detail
          </p>
        </>
      }
    />
  );
}
