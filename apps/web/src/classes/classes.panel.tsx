import type { ClassSummaryView } from '@podroom/contracts';
import type { TargetedEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { outcomeOfError } from '../teach/loaded.outcome.js';
import { hrefOf } from '../routing/route.parser.js';
import '../sessions/sessions.css';
import { createClass, listClasses } from './class.api.js';
import { appendPage, checkClassName, classMeta, type Paged } from './class.model.js';

const PAGE = 10;

/**
 * The instructor's classes on the teach screen: a page at a time ("Show more"), each opening its
 * class page, and a form creating one (which then opens, ready for its roster).
 */
export function ClassesPanel({ onSignedOut }: { onSignedOut(): void }) {
  const [classes, setClasses] = useState<Paged<ClassSummaryView> | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState('');
  const [creating, setCreating] = useState(false);

  const more = async (cursor?: string) => {
    setBusy(true);
    setProblem('');
    try {
      const page = await listClasses({ limit: PAGE, cursor });
      setClasses((shown) => appendPage(cursor ? shown : undefined, page));
    } catch (error) {
      if (outcomeOfError(error).kind === 'signed-out') return onSignedOut();
      setProblem('Your classes cannot be loaded. Reload the page.');
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void more();
  }, []);

  const create = async (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (creating) return;
    const checked = checkClassName(name);
    if (!checked.ok) return setNameError(checked.error);
    setNameError('');
    setCreating(true);
    try {
      const created = await createClass(checked.value);
      window.location.hash = hrefOf({ name: 'class', classId: created.id });
    } catch (error) {
      if (outcomeOfError(error).kind === 'signed-out') return onSignedOut();
      setNameError('The class could not be created. Try again.');
      setCreating(false);
    }
  };

  return (
    <section class="teach__section" aria-labelledby="classes-title">
      <h2 id="classes-title">Your classes</h2>
      <p>
        A class keeps a roster (a CSV file from your class list) and gathers its sessions into one
        report.
      </p>
      <form class="teach__inline-form" onSubmit={create} noValidate>
        <div class="field">
          <label for="class-name">New class name</label>
          <input
            id="class-name"
            class="input"
            value={name}
            maxLength={120}
            aria-invalid={nameError ? 'true' : undefined}
            aria-describedby={nameError ? 'class-name-error' : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          {nameError && (
            <p class="field__error" id="class-name-error" role="alert">
              {nameError}
            </p>
          )}
        </div>
        <button type="submit" class="button button--primary" disabled={creating}>
          {creating ? 'Creating…' : 'Create class'}
        </button>
      </form>
      {problem && (
        <p class="form__problem" role="alert">
          {problem}
        </p>
      )}
      {!classes && !problem && <p role="status">Loading classes…</p>}
      {classes?.items.length === 0 && <p>No class yet.</p>}
      {classes && classes.items.length > 0 && (
        <ul class="classes__list" aria-labelledby="classes-title">
          {classes.items.map((c) => (
            <li key={c.id} class="classes__item" data-class-id={c.id}>
              <p class="classes__name">
                <a href={hrefOf({ name: 'class', classId: c.id })}>{c.name}</a>
              </p>
              <p class="classes__meta">{classMeta(c)}</p>
            </li>
          ))}
        </ul>
      )}
      {classes?.nextCursor && (
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() => void more(classes.nextCursor ?? undefined)}
        >
          {busy ? 'Loading…' : 'Show more classes'}
        </button>
      )}
    </section>
  );
}
