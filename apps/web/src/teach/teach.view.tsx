import type { BuiltInLessonView, ClassSummaryView } from '@podroom/contracts';
import type { TargetedEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { listClasses } from '../classes/class.api.js';
import { ClassesPanel } from '../classes/classes.panel.js';
import { SessionsList } from '../sessions/sessions.list.js';
import {
  authorized,
  errorCode,
  http,
  saveAuth,
  savedAuth,
  saveRoom,
  signOut,
  type SavedAuth,
} from './instructor.auth.js';
import './teach.css';

/**
 * The instructor's start (`#/teach`): sign up or sign in, pick a lesson (and a class) and start a
 * session; the instructor's classes and past sessions below.
 */
export function TeachView() {
  const [auth, setAuth] = useState<SavedAuth | undefined>(() => savedAuth());
  return (
    <main class="page teach">
      <header class="brand brand--small">
        <a href="#/" class="brand__link">
          <span class="brand__mark" aria-hidden="true" />
          <span class="brand__name">podroom</span>
        </a>
      </header>
      {auth ? (
        <Lessons
          auth={auth}
          onSignOut={() => {
            void signOut();
            setAuth(undefined);
          }}
        />
      ) : (
        <SignIn onSignedIn={setAuth} />
      )}
    </main>
  );
}

function SignIn({ onSignedIn }: { onSignedIn(auth: SavedAuth): void }) {
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!email.includes('@')) return setProblem('Enter your e-mail address.');
    if (password.length < 8) return setProblem('The password has at least 8 characters.');
    if (mode === 'sign-up' && name.trim() === '') return setProblem('Enter your name.');
    setBusy(true);
    setProblem('');
    try {
      const api = await http();
      const result =
        mode === 'sign-up'
          ? await api.signUp({ email, password, displayName: name.trim() })
          : await api.signIn({ email, password });
      onSignedIn(saveAuth(result));
    } catch (error) {
      const code = errorCode(error);
      setProblem(
        code === 'BAD_CREDENTIALS'
          ? 'Wrong e-mail or password.'
          : code === 'EMAIL_TAKEN'
            ? 'An account already uses this e-mail: sign in instead.'
            : code === 'INVALID_PAYLOAD'
              ? String((error as Error).message).replace(/^INVALID_PAYLOAD: /, '')
              : 'The server cannot be reached. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="teach__panel">
      <h1>{mode === 'sign-in' ? 'Sign in to teach' : 'Create an instructor account'}</h1>
      <form class="form" onSubmit={submit} noValidate>
        {mode === 'sign-up' && (
          <div class="field">
            <label for="teach-name">Your name</label>
            <input
              id="teach-name"
              class="input"
              autocomplete="name"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
        )}
        <div class="field">
          <label for="teach-email">E-mail</label>
          <input
            id="teach-email"
            class="input"
            type="email"
            autocomplete="email"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="teach-password">Password</label>
          <input
            id="teach-password"
            class="input"
            type="password"
            autocomplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        {problem && (
          <p class="form__problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="button button--primary button--block">
          {busy ? 'Please wait…' : mode === 'sign-in' ? 'Sign in' : 'Create account'}
        </button>
      </form>
      <p>
        {mode === 'sign-in' ? 'New here? ' : 'Have an account? '}
        <button
          type="button"
          class="link-button"
          onClick={() => {
            setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in');
            setProblem('');
          }}
        >
          {mode === 'sign-in' ? 'Create an account' : 'Sign in'}
        </button>
      </p>
    </section>
  );
}

function Lessons({ auth, onSignOut }: { auth: SavedAuth; onSignOut(): void }) {
  const [lessons, setLessons] = useState<BuiltInLessonView[] | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState<string | undefined>(undefined);
  /** The classes a session may be started for (the first hundred, newest first). */
  const [classes, setClasses] = useState<ClassSummaryView[]>([]);
  const [classId, setClassId] = useState('');
  useEffect(() => {
    void http()
      .then((api) => api.builtInLessons())
      .then(setLessons, () => setProblem('The lessons cannot be loaded. Reload the page.'));
    // Without them the select offers "No class" only; the classes panel below says what failed.
    void listClasses({ limit: 100 }).then(
      (page) => setClasses(page.items),
      () => undefined,
    );
  }, []);

  const start = async (lessonKey: string) => {
    if (busy) return;
    setBusy(lessonKey);
    setProblem('');
    try {
      const api = await http();
      const room = await authorized((token) =>
        api.createRoom(token, { lessonKey, ...(classId && { classId }) }),
      );
      saveRoom(room);
      window.location.hash = `#/teach/${encodeURIComponent(room.roomId)}/console`;
    } catch (error) {
      if (errorCode(error) === 'UNAUTHORIZED') return onSignOut();
      setProblem('The session could not be started. Try again.');
      setBusy(undefined);
    }
  };

  return (
    <section>
      <div class="teach__who">
        <p>
          Signed in as <strong>{auth.instructor.displayName}</strong> ({auth.instructor.email})
        </p>
        <button type="button" class="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
      <h1>Start a session</h1>
      <p class="lead">Pick a lesson: students join with the code the next screen shows.</p>
      {problem && (
        <p class="form__problem" role="alert">
          {problem}
        </p>
      )}
      <div class="field teach__class">
        <label for="teach-class">Class</label>
        <select
          id="teach-class"
          class="input"
          value={classId}
          aria-describedby="teach-class-hint"
          onChange={(e) => setClassId(e.currentTarget.value)}
        >
          <option value="">No class</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <p class="field__hint" id="teach-class-hint">
          Students of a class with a roster join with their student ID from your class list.
        </p>
      </div>
      {!lessons && !problem && <p role="status">Loading lessons…</p>}
      <ul class="lessons">
        {lessons?.map((lesson) => (
          <li key={lesson.key} class="lesson">
            <h2 class="lesson__title">{lesson.title}</h2>
            <p class="lesson__about">{lesson.description}</p>
            <p class="lesson__meta">
              {lesson.steps} steps · {lesson.questions} questions
            </p>
            <button
              type="button"
              class="button button--primary"
              aria-label={`Start session: ${lesson.title}`}
              onClick={() => void start(lesson.key)}
            >
              {busy === lesson.key ? 'Starting…' : 'Start session'}
            </button>
          </li>
        ))}
      </ul>
      <ClassesPanel onSignedOut={onSignOut} />
      <section class="teach__section" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Your sessions</h2>
        <SessionsList headingId="sessions-title" onSignedOut={onSignOut} />
      </section>
    </section>
  );
}
