import type { TrackerValue } from './projector.frames.js';

/** The status tracker: each variable's value now; the ones the last step changed are marked. */
export function StatusTracker({ values }: { values: TrackerValue[] }) {
  if (values.length === 0) return null;
  return (
    <section class="tracker" aria-labelledby="tracker-title">
      <h2 id="tracker-title" class="panel-title">
        Status
      </h2>
      <dl>
        {values.map((v) => (
          <div key={v.name} class={`tracker__item${v.changed ? ' is-changed' : ''}`}>
            <dt>{v.name}</dt>
            <dd>
              {v.value}
              {v.changed && <span class="tracker__badge">changed</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
