import type { ClassView as ClassData } from '@podroom/contracts';
import type { TargetedEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { load, outcomeOfError } from '../teach/loaded.outcome.js';
import { LoadProblemView, Loading, useLoaded } from '../teach/loaded.view.js';
import { formatDate } from '../reports/report.model.js';
import { hrefOf } from '../routing/route.parser.js';
import { SessionsList } from '../sessions/sessions.list.js';
import '../teach/teach.css';
import { deleteClass, getClass, renameClass, uploadRoster } from './class.api.js';
import {
  checkClassName,
  classMeta,
  rosterFileProblem,
  rosterRefusal,
  type RosterRefusal,
} from './class.model.js';
import './class.css';

/**
 * One of the instructor's classes (`#/teach/classes/<classId>`): its name (rename, delete), its
 * roster (a CSV file replaces it; a refused file lists its bad lines and changes nothing), its
 * sessions, and a link to the class report.
 */
export function ClassView({ classId }: { classId: string }) {
  const { outcome, setOutcome, retry } = useLoaded(() => load(() => getClass(classId)), classId);
  if (!outcome) return <Loading pageClass="teach">Loading the class…</Loading>;
  if (outcome.kind === 'ok')
    return (
      <ClassPage
        data={outcome.value}
        onChange={(data) => setOutcome({ kind: 'ok', value: data })}
      />
    );
  return (
    <LoadProblemView
      problem={outcome}
      retry={retry}
      texts={{
        what: 'this class',
        notFoundTitle: 'No such class',
        notFoundBody: (
          <>
            There is no class <code>{classId}</code> among yours. It may have been deleted, or the
            link is incomplete.
          </>
        ),
        backLabel: 'Back to your classes',
        errorTitle: 'The class cannot be loaded',
      }}
    />
  );
}

const problemOf = (error: unknown, what: string) => {
  const o = outcomeOfError(error);
  return o.kind === 'signed-out'
    ? `Your sign-in has ended: sign in again to ${what}.`
    : o.kind === 'not-found'
      ? 'This class is no longer there.'
      : o.message;
};

function ClassPage({ data, onChange }: { data: ClassData; onChange(data: ClassData): void }) {
  return (
    <main class="page teach class-page">
      <header class="brand brand--small">
        <a href="#/" class="brand__link">
          <span class="brand__mark" aria-hidden="true" />
          <span class="brand__name">podroom</span>
        </a>
      </header>
      <p class="class-page__kicker">Class</p>
      <h1 class="class-page__title">{data.name}</h1>
      <p class="class-page__meta">
        {classMeta(data)} · created {formatDate(data.createdAt)}
      </p>
      <div class="class-page__actions">
        <a class="button button--primary" href={hrefOf({ name: 'class-report', classId: data.id })}>
          Class report
        </a>
        <a class="button" href={hrefOf({ name: 'teach' })}>
          Your lessons and classes
        </a>
      </div>

      <RosterSection data={data} onChange={onChange} />

      <section class="card class-page__section" aria-labelledby="class-sessions-title">
        <h2 id="class-sessions-title">Sessions of this class</h2>
        <p>
          Start one from <a href={hrefOf({ name: 'teach' })}>your lessons</a>, choosing this class.
        </p>
        <SessionsList classId={data.id} headingId="class-sessions-title" />
      </section>

      <NameSection data={data} onChange={onChange} />
    </main>
  );
}

function RosterSection({ data, onChange }: { data: ClassData; onChange(data: ClassData): void }) {
  const [file, setFile] = useState<File | undefined>(undefined);
  const [refusal, setRefusal] = useState<RosterRefusal | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const upload = async (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setRefusal({ message: 'Choose the CSV file of your class list first.', lines: [] });
      return input.current?.focus();
    }
    const tooBig = rosterFileProblem(file);
    if (tooBig) return setRefusal(tooBig);
    setBusy(true);
    setRefusal(undefined);
    setStatus('Uploading…');
    try {
      const updated = await uploadRoster(data.id, await file.text());
      onChange(updated);
      setStatus(
        `Roster replaced: ${updated.rosterSize} ${updated.rosterSize === 1 ? 'student' : 'students'}.`,
      );
      setFile(undefined);
      if (input.current) input.current.value = '';
    } catch (error) {
      setStatus('');
      setRefusal(rosterRefusal(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card class-page__section" aria-labelledby="roster-title">
      <h2 id="roster-title">Roster</h2>
      <p>
        Students of this class join its sessions with their student ID from the roster.{' '}
        {data.rosterSize === 0 && 'With no roster, anyone with the code joins with a nickname.'}
      </p>
      <form class="roster-upload" onSubmit={upload} noValidate>
        <div class="field">
          <label for="roster-file">Roster file (CSV)</label>
          <p class="field__hint" id="roster-file-hint">
            A header line naming <code>student_id</code> and <code>display_name</code>, then one
            student per line. Uploading replaces the whole roster.
          </p>
          <input
            ref={input}
            id="roster-file"
            class="roster-upload__file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={refusal ? 'roster-file-hint roster-problems' : 'roster-file-hint'}
            aria-invalid={refusal ? 'true' : undefined}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setRefusal(undefined);
              setStatus('');
            }}
          />
        </div>
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload roster'}
        </button>
        {refusal && (
          <div class="form__problem roster-upload__problems" id="roster-problems" role="alert">
            <p>{refusal.message}</p>
            {refusal.lines.length > 0 && (
              <ul>
                {refusal.lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <p class="form__status" role="status">
          {status}
        </p>
      </form>

      {data.roster.length === 0 ? (
        <p>No roster yet.</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="roster-title" tabIndex={0}>
          <table class="class-table" id="roster-table">
            <caption class="visually-hidden">{data.roster.length} students, by student ID</caption>
            <thead>
              <tr>
                <th scope="col">Student ID</th>
                <th scope="col">Name</th>
              </tr>
            </thead>
            <tbody>
              {data.roster.map((s) => (
                <tr key={s.studentId}>
                  <td data-col="student-id" class="class-table__id">
                    {s.studentId}
                  </td>
                  <th scope="row" data-col="name">
                    {s.displayName}
                  </th>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NameSection({ data, onChange }: { data: ClassData; onChange(data: ClassData): void }) {
  const [name, setName] = useState(data.name);
  const [nameError, setNameError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState('');

  const rename = async (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkClassName(name);
    if (!checked.ok) return setNameError(checked.error);
    setNameError('');
    setStatus('');
    setBusy(true);
    try {
      onChange(await renameClass(data.id, checked.value));
      setStatus('Renamed.');
    } catch (error) {
      setNameError(problemOf(error, 'rename the class'));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    setDeleteProblem('');
    try {
      await deleteClass(data.id);
      window.location.hash = hrefOf({ name: 'teach' });
    } catch (error) {
      setDeleteProblem(problemOf(error, 'delete the class'));
      setBusy(false);
    }
  };

  return (
    <section class="card class-page__section" aria-labelledby="class-settings-title">
      <h2 id="class-settings-title">Name and deletion</h2>
      <form class="teach__inline-form" onSubmit={rename} noValidate>
        <div class="field">
          <label for="class-rename">Class name</label>
          <input
            id="class-rename"
            class="input"
            value={name}
            maxLength={120}
            aria-invalid={nameError ? 'true' : undefined}
            aria-describedby={nameError ? 'class-rename-error' : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          {nameError && (
            <p class="field__error" id="class-rename-error" role="alert">
              {nameError}
            </p>
          )}
        </div>
        <button type="submit" class="button" disabled={busy}>
          Rename
        </button>
      </form>
      <p class="form__status" role="status">
        {status}
      </p>
      {confirming ? (
        <div class="class-page__confirm" role="group" aria-labelledby="delete-question">
          <p id="delete-question">
            Delete <strong>{data.name}</strong> and its roster? Its sessions and their reports stay.
          </p>
          <div class="class-page__actions">
            <button
              type="button"
              class="button button--danger"
              disabled={busy}
              onClick={() => void remove()}
            >
              Yes, delete the class
            </button>
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="button button--danger" onClick={() => setConfirming(true)}>
          Delete class…
        </button>
      )}
      {deleteProblem && (
        <p class="form__problem" role="alert">
          {deleteProblem}
        </p>
      )}
    </section>
  );
}
