import type { LeaderboardView, OpenQuestionView, StepView } from '@podroom/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatRoomCode } from '../join/join.validation.js';
import {
  answerRefusal,
  resumeRoom,
  type ResumeOutcome,
  type StudentSession,
} from '../join/student.session.js';
import { describeValue, draftValue, emptyDraft, type AnswerDraft } from './answer.value.js';
import { announcement, countdownAt, type Countdown } from './countdown.js';
import { QuestionInputs } from './question.inputs.js';
import { screenOf, stepCaption, type StudentState } from './student.state.js';
import './student.css';

/**
 * The student's room on the phone (`#/play`): lobby, the current step, the open question with
 * its countdown, the reveal with the student's result and rank, and the end. It comes from the
 * join screen, or after a reload resumes with the token kept in the tab.
 */
export function PlayView() {
  const [outcome, setOutcome] = useState<ResumeOutcome | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void resumeRoom().then((o) => live && setOutcome(o));
    return () => {
      live = false;
    };
  }, []);
  if (!outcome) {
    return (
      <main class="page page--narrow" aria-busy="true">
        <p role="status">Connecting to your class…</p>
      </main>
    );
  }
  if (!outcome.ok) {
    return (
      <main class="page page--narrow play">
        <h1>{outcome.reason === 'kicked' ? 'Removed from the class' : 'Not in a class'}</h1>
        <p class="lead">{outcome.message}</p>
        <a class="button button--primary button--block" href="#/join">
          Join a class
        </a>
      </main>
    );
  }
  return <Room session={outcome.session} />;
}

/** Re-renders on every change of the session (state or connection). */
function useSession(session: StudentSession) {
  const [, setTick] = useState(0);
  useEffect(() => session.subscribe(() => setTick((t) => t + 1)), [session]);
  return session;
}

function Room({ session }: { session: StudentSession }) {
  useSession(session);
  const { state, online } = session;
  const screen = screenOf(state);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the new screen's heading so a screen reader starts reading it.
  useEffect(() => {
    headingRef.current?.focus();
  }, [screen, state.question?.view.questionId]);
  return (
    <div class="play">
      <header class="play__bar">
        <span class="play__who">
          <span class="visually-hidden">Nickname </span>
          {state.me.nickname}
        </span>
        <span class="play__points">
          {state.me.points} <abbr title="points">pts</abbr>
        </span>
        <span class="play__code">
          <span class="visually-hidden">Room </span>
          {formatRoomCode(state.code)}
        </span>
      </header>
      <div role="status" aria-live="polite" class="play__connection">
        {!online && screen !== 'kicked' && screen !== 'ended' && (
          <p class="banner banner--warn">
            <span aria-hidden="true">⟳ </span>Reconnecting… your answers are kept.
          </p>
        )}
      </div>
      <main class="page page--narrow play__main">
        {screen !== 'kicked' && screen !== 'ended' && screen !== 'lobby' && (
          <StepCaption step={state.step} />
        )}
        {screen === 'lobby' && <Lobby state={state} headingRef={headingRef} />}
        {screen === 'step' && <Watching state={state} headingRef={headingRef} />}
        {screen === 'question' && state.question && (
          <QuestionScreen
            key={state.question.view.questionId}
            session={session}
            view={state.question.view}
            receivedAt={state.question.receivedAt}
            headingRef={headingRef}
          />
        )}
        {screen === 'reveal' && <Reveal state={state} headingRef={headingRef} />}
        {screen === 'ended' && <Ended state={state} headingRef={headingRef} />}
        {screen === 'kicked' && (
          <>
            <h1 tabIndex={-1} ref={headingRef}>
              Removed from the class
            </h1>
            <p class="lead">The instructor removed you from this class.</p>
            <a class="button button--block" href="#/join">
              Join a class
            </a>
          </>
        )}
      </main>
    </div>
  );
}

type HeadingRef = { current: HTMLHeadingElement | null };

function StepCaption({ step }: { step: StepView }) {
  return (
    <p class="step-caption" aria-label="Current step">
      {stepCaption(step)}
    </p>
  );
}

function Lobby({ state, headingRef }: { state: StudentState; headingRef: HeadingRef }) {
  return (
    <section class="lobby">
      <h1 tabIndex={-1} ref={headingRef}>
        You're in, {state.me.nickname}!
      </h1>
      <p class="lead">{state.lessonTitle}</p>
      <p class="waiting">
        <span class="waiting__dot" aria-hidden="true" />
        Waiting for the instructor to start.
      </p>
    </section>
  );
}

function Watching({ state, headingRef }: { state: StudentState; headingRef: HeadingRef }) {
  const { step } = state;
  return (
    <section>
      <h1 tabIndex={-1} ref={headingRef}>
        Watch the screen
      </h1>
      <p class="step-command">
        <code>$ {step.action.command}</code>
      </p>
      <dl class="step-row">
        <dt>From</dt>
        <dd>{step.row.source}</dd>
        <dt>To</dt>
        <dd>{step.row.destination}</dd>
        <dt>Result</dt>
        <dd>{step.row.result}</dd>
      </dl>
      {step.tracker.length > 0 && (
        <dl class="step-row step-row--tracker">
          {step.tracker.map((t) => (
            <div key={t.name}>
              <dt>{t.name}</dt>
              <dd>{t.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <p class="waiting">A question may appear at any moment.</p>
    </section>
  );
}

/** Ticks while mounted: the countdown's clock. */
function useNow(ms: number) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function QuestionScreen(props: {
  session: StudentSession;
  view: OpenQuestionView;
  receivedAt: number;
  headingRef: HeadingRef;
}) {
  const { session, view } = props;
  const question = view.question;
  const [draft, setDraft] = useState<AnswerDraft>(() => emptyDraft(question));
  const [problem, setProblem] = useState('');
  const [sending, setSending] = useState(false);
  const now = useNow(250);
  const clock = countdownAt(view, props.receivedAt, now);
  const spoken = useAnnouncement(clock);
  const answer = session.state.myAnswer;
  const pending = session.pending?.questionId === view.questionId;
  const refusal = session.refusal?.questionId === view.questionId ? session.refusal : null;
  const locked = answer !== null || pending || clock.phase === 'over';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending || locked) return;
    if (clock.phase === 'reading') return setProblem('Answers are not open yet: wait a moment.');
    const checked = draftValue(draft);
    if (!checked.ok) return setProblem(checked.error);
    setProblem('');
    setSending(true);
    const outcome = await session.submit(view.questionId, checked.value);
    setSending(false);
    if (outcome.status === 'refused') setProblem(answerRefusal(outcome.code, outcome.message));
  };

  return (
    <section class="question">
      <div class="question__head">
        <p class="question__meta">
          Question {view.ordinal} · {question.points} points
        </p>
        <Timer clock={clock} />
      </div>
      <h1 tabIndex={-1} ref={props.headingRef} class="question__prompt">
        {question.prompt}
      </h1>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {spoken}
      </p>
      <form class="form" onSubmit={submit} noValidate>
        <QuestionInputs
          question={question}
          draft={draft}
          onChange={(d) => {
            setDraft(d);
            setProblem('');
          }}
          disabled={locked}
          topology={session.state.step.topology}
        />
        {problem && (
          <p class="form__problem" role="alert">
            <span aria-hidden="true">⚠ </span>
            {problem}
          </p>
        )}
        {refusal && (
          <p class="form__problem" role="alert">
            <span aria-hidden="true">⚠ </span>
            {answerRefusal(refusal.code, refusal.message)}
          </p>
        )}
        {answer ? (
          <p class="received" role="status">
            <span aria-hidden="true">✓ </span>Answer received:{' '}
            {describeValue(question, answer.value)}
          </p>
        ) : pending ? (
          <p class="banner banner--warn" role="status">
            <span aria-hidden="true">⟳ </span>Not sent yet: your answer goes out as soon as you're
            back online.
          </p>
        ) : clock.phase === 'over' ? (
          <p class="received received--late" role="status">
            Time's up: waiting for the results.
          </p>
        ) : (
          <button
            type="submit"
            class="button button--primary button--block"
            aria-disabled={sending || clock.phase === 'reading' ? 'true' : 'false'}
          >
            {sending ? 'Sending…' : clock.phase === 'reading' ? 'Get ready…' : 'Send answer'}
          </button>
        )}
      </form>
    </section>
  );
}

/** The screen-reader announcement for the timer: changes only at the moments worth saying. */
function useAnnouncement(clock: Countdown): string {
  const last = useRef<Countdown | undefined>(undefined);
  const [text, setText] = useState('');
  useEffect(() => {
    const said = announcement(last.current, clock);
    last.current = clock;
    if (said) setText(said);
  });
  return text;
}

function Timer({ clock }: { clock: Countdown }) {
  const radius = 26;
  const length = 2 * Math.PI * radius;
  const urgent = clock.phase === 'running' && clock.seconds <= 5;
  return (
    <div class={`timer${urgent ? ' timer--urgent' : ''}`} aria-hidden="true">
      <svg viewBox="0 0 64 64" class="timer__ring">
        <circle cx="32" cy="32" r={radius} class="timer__track" />
        <circle
          cx="32"
          cy="32"
          r={radius}
          class="timer__left"
          stroke-dasharray={length}
          stroke-dashoffset={length * (1 - clock.fraction)}
        />
      </svg>
      <span class="timer__number">{clock.phase === 'reading' ? '…' : clock.seconds}</span>
    </div>
  );
}

function Reveal({ state, headingRef }: { state: StudentState; headingRef: HeadingRef }) {
  const reveal = state.reveal!;
  const result = state.result?.questionId === reveal.questionId ? state.result : null;
  const q = reveal.question;
  const verdict = !result
    ? null
    : !result.answered
      ? { cls: 'none', mark: '–', text: 'No answer' }
      : result.correct
        ? { cls: 'ok', mark: '✓', text: 'Correct!' }
        : result.credit > 0
          ? { cls: 'part', mark: '◐', text: 'Partly right' }
          : { cls: 'bad', mark: '✗', text: 'Not quite' };
  return (
    <section class="reveal">
      {verdict ? (
        <h1 tabIndex={-1} ref={headingRef} class={`verdict verdict--${verdict.cls}`}>
          <span aria-hidden="true" class="verdict__mark">
            {verdict.mark}
          </span>{' '}
          {verdict.text}
        </h1>
      ) : (
        <h1 tabIndex={-1} ref={headingRef}>
          Results
        </h1>
      )}
      {result && (
        <p class="reveal__score">
          <strong>+{result.points}</strong> points · total {result.totalPoints} · rank{' '}
          <strong>{result.rank}</strong>
          {result.streak > 1 && <> · streak {result.streak}</>}
        </p>
      )}
      <p class="reveal__prompt">{q.prompt}</p>
      <p class="reveal__key">
        Right answer: <strong>{describeValue(q, q.answer)}</strong>
        {q.type === 'numeric' && q.tolerance ? ` (± ${q.tolerance})` : ''}
      </p>
      {q.explanation && <p class="reveal__why">{q.explanation}</p>}
      {state.leaderboard && <Leaderboard board={state.leaderboard} />}
      <p class="waiting">Watch the screen for what comes next.</p>
    </section>
  );
}

function Leaderboard({ board }: { board: LeaderboardView }) {
  const meInTop = board.me && board.top.some((e) => e.participantId === board.me!.participantId);
  return (
    <section class="leaderboard" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Leaderboard</h2>
      <ol class="leaderboard__list">
        {board.top.map((e) => (
          <li
            key={e.participantId}
            class={e.participantId === board.me?.participantId ? 'leaderboard__me' : ''}
          >
            <span class="leaderboard__rank">{e.rank}</span>
            <span class="leaderboard__name">
              {e.nickname}
              {e.participantId === board.me?.participantId && ' (you)'}
            </span>
            <span class="leaderboard__points">{e.points}</span>
          </li>
        ))}
      </ol>
      {board.me && !meInTop && (
        <p class="leaderboard__own">
          You are <strong>#{board.me.rank}</strong> of {board.total} with {board.me.points} points.
        </p>
      )}
    </section>
  );
}

function Ended({ state, headingRef }: { state: StudentState; headingRef: HeadingRef }) {
  const podium = state.ended?.podium ?? [];
  const mine = state.leaderboard?.me;
  return (
    <section class="ended">
      <h1 tabIndex={-1} ref={headingRef}>
        Class over — thanks, {state.me.nickname}!
      </h1>
      <p class="lead">
        You scored <strong>{state.me.points}</strong> points
        {mine ? (
          <>
            {' '}
            and finished <strong>#{mine.rank}</strong> of {state.leaderboard!.total}
          </>
        ) : null}
        .
      </p>
      {podium.length > 0 && (
        <section aria-labelledby="podium-title">
          <h2 id="podium-title">Podium</h2>
          <ol class="leaderboard__list">
            {podium.map((e) => (
              <li key={e.participantId}>
                <span class="leaderboard__rank">{e.rank}</span>
                <span class="leaderboard__name">{e.nickname}</span>
                <span class="leaderboard__points">{e.points}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <a class="button button--block" href="#/">
        Back to the start
      </a>
    </section>
  );
}
