import { useEffect, useState } from 'preact/hooks';
import { formatRoomCode } from '../join/join.validation.js';
import { hrefOf } from '../routing/route.parser.js';
import { useHostAttach } from './host-attach.hook.js';
import type { HostSession } from './host.session.js';
import { questionForStep } from './host.state.js';
import { QuestionPanel } from './question.panel.js';
import { savedRoom } from './instructor.auth.js';
import './teach.css';

/**
 * The host console of a room (`#/teach/<roomId>/console`): how to join (code, link, QR), the
 * roster with kick and lock, and the step controls (buttons, → and ←). It attaches with the
 * instructor's token kept in localStorage, so a reload re-attaches.
 */
export function ConsoleView({ roomId }: { roomId: string }) {
  const outcome = useHostAttach(roomId);
  if (!outcome) {
    return (
      <main class="page" aria-busy="true">
        <p role="status">Opening the console…</p>
      </main>
    );
  }
  if (!outcome.ok) {
    return (
      <main class="page page--narrow">
        <h1>The console cannot open</h1>
        <p role="alert">{outcome.message}</p>
        <a class="button button--primary" href="#/teach">
          Back to your lessons
        </a>
      </main>
    );
  }
  return <Console session={outcome.session} />;
}

function Console({ session }: { session: HostSession }) {
  const [, setTick] = useState(0);
  useEffect(() => session.subscribe(() => setTick((t) => t + 1)), [session]);
  const [problem, setProblem] = useState('');
  const state = session.state;
  const qr = savedRoom(state.roomId)?.qrCode;

  const move = async (delta: 1 | -1) => {
    const reply =
      delta === 1
        ? await session.client.next(session.state.version)
        : await session.client.previous(session.state.version);
    if (reply.ok) {
      setProblem('');
      session.dispatch({ type: 'version', version: reply.version });
      session.dispatch({ type: 'step', version: reply.version, step: reply.step });
    } else if (reply.error.code === 'STALE_VERSION') {
      await session.refresh();
      setProblem('The room had moved on: the console is up to date now, try again.');
    } else if (reply.error.code !== 'STEP_OUT_OF_RANGE') {
      setProblem(reply.error.message);
    }
  };

  /** Runs a host event; refreshes after STALE_VERSION and says what went wrong. */
  const act = async (
    send: () => Promise<
      { ok: true; version?: number } | { ok: false; error: { code: string; message: string } }
    >,
  ) => {
    const reply = await send();
    if (reply.ok) {
      setProblem('');
      if (reply.version !== undefined)
        session.dispatch({ type: 'version', version: reply.version });
    } else if (reply.error.code === 'STALE_VERSION') {
      await session.refresh();
      setProblem('The room had moved on: the console is up to date now, try again.');
    } else {
      setProblem(reply.error.message);
    }
  };
  const openQuestion = (questionKey: string) =>
    act(() => session.client.openQuestion({ version: session.state.version, questionKey }));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select')) return;
      if (event.key === 'ArrowRight') {
        event.preventDefault();
        void move(1);
      } else if (event.key === 'ArrowLeft') {
        event.preventDefault();
        void move(-1);
      } else if (event.key === ' ' && !target?.closest('button, a')) {
        event.preventDefault();
        const open = session.state.question;
        if (open) void act(() => session.client.closeQuestion(open.view.questionId));
        else {
          const next = questionForStep(session.state);
          if (next) void openQuestion(next.key);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const { step } = state;
  return (
    <main class="page console">
      <div role="status" aria-live="polite">
        {!session.online && <p class="banner banner--warn">Reconnecting…</p>}
      </div>
      <header class="console__head">
        <p class="console__lesson">{state.lessonTitle}</p>
        <h1 class="visually-hidden">Host console</h1>
        <nav class="console__links" aria-label="This session">
          <a
            class="button button--small"
            href={hrefOf({ name: 'screen', roomId: state.roomId })}
            target="_blank"
            rel="noopener"
          >
            Open projector
          </a>
          <a
            class={`button button--small${state.status === 'ended' ? ' button--primary' : ''}`}
            href={hrefOf({ name: 'report', roomId: state.roomId })}
          >
            Report
          </a>
        </nav>
      </header>
      <div class="console__grid">
        <section class="card join-card" aria-labelledby="join-title">
          <h2 id="join-title">Join at</h2>
          <p class="join-card__url">{state.joinUrl}</p>
          <p class="join-card__code" aria-label={`Room code ${state.code.split('').join(' ')}`}>
            {formatRoomCode(state.code)}
          </p>
          {qr && <img class="join-card__qr" src={qr} alt={`QR code for ${state.joinUrl}`} />}
        </section>
        <section class="card" aria-labelledby="steps-title">
          <h2 id="steps-title">
            Step {step.index + 1} of {step.total}
          </h2>
          <p>
            <code>$ {step.action.command}</code>
          </p>
          <p class="console__row">
            {step.row.action} → {step.row.result}
          </p>
          <div class="console__controls">
            <button
              type="button"
              class="button"
              disabled={step.index === 0 || state.status === 'ended'}
              onClick={() => void move(-1)}
            >
              ← Previous
            </button>
            <button
              type="button"
              class="button button--primary"
              disabled={step.index + 1 >= step.total || state.status === 'ended'}
              onClick={() => void move(1)}
            >
              Next →
            </button>
          </div>
          <p class="field__hint">
            Keys: → next step, ← previous step, Space opens this step's question or closes the open
            one.
          </p>
          {problem && (
            <p class="form__problem" role="alert">
              {problem}
            </p>
          )}
        </section>
        <QuestionPanel
          state={state}
          onOpen={(key) => void openQuestion(key)}
          onClose={(id) => void act(() => session.client.closeQuestion(id))}
          onLeaderboard={(hidden) => void act(() => session.client.hideLeaderboard(hidden))}
          onEnd={() => void act(() => session.client.end(session.state.version))}
        />
        <section class="card" aria-labelledby="roster-title">
          <h2 id="roster-title">Students ({state.roster.filter((r) => !r.kicked).length})</h2>
          <label class="console__lock">
            <input
              type="checkbox"
              checked={state.locked}
              onChange={(e) => void session.client.lock(e.currentTarget.checked)}
            />{' '}
            Lock the room (no new students)
          </label>
          <ul class="roster">
            {state.roster
              .filter((r) => !r.kicked)
              .map((r) => (
                <li key={r.participantId} class="roster__entry">
                  <span class="roster__name">{r.nickname}</span>
                  <span class="roster__state">
                    {r.connected ? 'online' : 'offline'} · {r.points} pts
                  </span>
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={`Remove ${r.nickname}`}
                    onClick={() => void session.client.kick(r.participantId)}
                  >
                    Remove
                  </button>
                </li>
              ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
