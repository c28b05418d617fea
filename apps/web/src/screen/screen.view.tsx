import type { StepView } from '@podroom/contracts';
import type { AnswerDistribution, StudentQuestion } from '@podroom/quiz';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatRoomCode } from '../join/join.validation.js';
import { PacketCard } from '../projector/packet.card.js';
import { StatusTracker } from '../projector/status.tracker.js';
import { TerminalOutput } from '../projector/terminal.output.js';
import { TopologyDiagram } from '../projector/topology.diagram.js';
import { hrefOf } from '../routing/route.parser.js';
import { countdownAt } from '../student/countdown.js';
import { useHostAttach } from '../teach/host-attach.hook.js';
import type { HostSession } from '../teach/host.session.js';
import type { HostState } from '../teach/host.state.js';
import { savedRoom } from '../teach/instructor.auth.js';
import { packetOf, packetPathOf, packetStateOf, topologyOf, trackerOf } from './screen.frame.js';
import '../projector/projector.css';
import './screen.css';

/**
 * The room on the big screen (`#/teach/<roomId>/screen`): it attaches as the host (the
 * instructor's token kept by the teach screens) and follows the room — the step on the cluster
 * diagram, how to join while in the lobby, the open question with its countdown and answer count
 * (never the key), the reveal and the leaderboard. It sends nothing: the console drives.
 */
export function ScreenView({ roomId }: { roomId: string }) {
  const outcome = useHostAttach(roomId);
  if (!outcome) {
    return (
      <main class="page" aria-busy="true">
        <p role="status">Opening the projector…</p>
      </main>
    );
  }
  if (!outcome.ok) {
    const signIn = outcome.code === 'UNAUTHORIZED' || outcome.code === 'INVALID_TOKEN';
    return (
      <main class="page page--narrow">
        <h1>
          {outcome.code === 'ROOM_NOT_FOUND' ? 'No such session' : 'The projector cannot open'}
        </h1>
        <p role="alert">{outcome.message}</p>
        <a class="button button--primary" href={hrefOf({ name: 'teach' })}>
          {signIn ? 'Sign in' : 'Back to your lessons'}
        </a>
      </main>
    );
  }
  return <Screen session={outcome.session} />;
}

function Screen({ session }: { session: HostSession }) {
  const [, setTick] = useState(0);
  useEffect(() => session.subscribe(() => setTick((t) => t + 1)), [session]);
  const state = session.state;
  const { step } = state;

  // The step shown before this one: what changed, and where the packet comes from.
  const shown = useRef<{ current: StepView; previous: StepView | undefined }>({
    current: step,
    previous: undefined,
  });
  if (shown.current.current !== step) {
    shown.current = { current: step, previous: shown.current.current };
  }
  const previous = shown.current.previous;
  const topology = useMemo(() => topologyOf(step.topology), [step.topology]);
  const packet = packetOf(step);
  const frameKey = `room:${step.index}`;
  const tracker = trackerOf(step, previous);

  const panel = panelOf(state);
  return (
    <main
      class="projector screen"
      data-step={step.index}
      data-status={state.status}
      data-panel={panel}
    >
      <div role="status" aria-live="polite" class="screen__online">
        {!session.online && <p class="screen__offline">Reconnecting…</p>}
      </div>
      <header class="projector__head">
        <p class="projector__title">{state.lessonTitle}</p>
        <p class="projector__progress">
          <span class="projector__step">
            Step {step.index + 1} of {step.total}
          </span>
          {state.status !== 'lobby' && <> · join with code {formatRoomCode(state.code)}</>}
        </p>
        <h1 class="projector__command">
          <code>$ {step.action.command}</code>
        </h1>
      </header>

      <section class="projector__diagram" aria-label="Cluster">
        <TopologyDiagram
          topology={topology}
          {...(step.packetAt !== null && { at: step.packetAt })}
          packetPath={packetPathOf(step, previous)}
          {...(packet && { packet })}
          packetState={packetStateOf(step)}
          frameKey={frameKey}
        />
        <p class="projector__caption screen__caption" aria-live="polite">
          <strong>{step.row.action}</strong>
          {step.row.role && <> · {step.row.role}</>} → {step.row.result}
        </p>
      </section>

      <section class="projector__table screen__panel" aria-label="Class">
        <RoomPanel state={state} panel={panel} />
      </section>

      <aside class="projector__side" aria-label="Status">
        {panel === 'reveal' && !state.leaderboardHidden && (
          <Leaderboard entries={state.leaderboard.top.slice(0, 5)} title="Leaderboard" />
        )}
        <StatusTracker values={tracker} />
        <PacketCard packet={packet} state={packetStateOf(step)} />
        {step.output.length > 0 && (
          <TerminalOutput command={step.action.command} output={step.output} exitCode={0} />
        )}
      </aside>
    </main>
  );
}

type Panel = 'ended' | 'question' | 'lobby' | 'reveal' | 'join';

/** Lobby → how to join; a question open → prompt, timer, answers in; after → reveal; end → podium. */
function panelOf(state: HostState): Panel {
  if (state.status === 'ended') return 'ended';
  if (state.question) return 'question';
  if (state.status === 'lobby') return 'lobby';
  return state.reveal ? 'reveal' : 'join';
}

function RoomPanel({ state, panel }: { state: HostState; panel: Panel }) {
  switch (panel) {
    case 'ended':
      return (
        <div class="screen__ended">
          <h2 class="screen__heading">Class over</h2>
          <Leaderboard
            entries={state.ended?.podium ?? state.leaderboard.top.slice(0, 3)}
            title="Podium"
          />
        </div>
      );
    case 'question':
      return <OpenQuestion state={state} />;
    case 'reveal':
      return <Reveal state={state} />;
    case 'lobby':
      return <JoinPanel state={state} />;
    case 'join':
      return <JoinPanel state={state} compact />;
  }
}

/** The join URL's QR code: the one kept when this browser created the room, else drawn here. */
function useQrCode(roomId: string, url: string): string | undefined {
  const kept = savedRoom(roomId)?.qrCode;
  const [drawn, setDrawn] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (kept) return;
    let live = true;
    void import('qrcode')
      .then((m) => m.default.toString(url, { type: 'svg', margin: 1 }))
      .then(
        (svg) => live && setDrawn(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [kept, url]);
  return kept ?? drawn;
}

function JoinPanel({ state, compact = false }: { state: HostState; compact?: boolean }) {
  const qr = useQrCode(state.roomId, state.joinUrl);
  const students = state.roster.filter((r) => !r.kicked).length;
  return (
    <div class={`screen__join${compact ? ' is-compact' : ''}`}>
      <div>
        <h2 class="screen__heading">Join at</h2>
        <p class="screen__url">{state.joinUrl}</p>
        <p class="screen__code" aria-label={`Room code ${state.code.split('').join(' ')}`}>
          {formatRoomCode(state.code)}
        </p>
        <p class="screen__count" data-students={students}>
          {students === 1 ? '1 student has joined' : `${students} students have joined`}
          {state.locked && ' · the room is locked'}
        </p>
      </div>
      {qr && !compact && <img class="screen__qr" src={qr} alt={`QR code for ${state.joinUrl}`} />}
    </div>
  );
}

function OpenQuestion({ state }: { state: HostState }) {
  const open = state.question!;
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [open.view.questionId]);
  const countdown = countdownAt(open.view, open.receivedAt, now);
  const question = open.view.question;
  const answered = state.progress?.answered ?? 0;
  const expected = state.progress?.expected ?? 0;
  return (
    <div class="screen__question" data-question-id={open.view.questionId}>
      <div class="screen__question-head">
        <h2 class="screen__heading">Question {open.view.ordinal}</h2>
        <p class={`screen__timer is-${countdown.phase}`} aria-label="Time left">
          {countdown.phase === 'reading'
            ? 'Read…'
            : countdown.phase === 'over'
              ? "Time's up"
              : `${countdown.seconds} s`}
        </p>
      </div>
      <p class="screen__prompt">{question.prompt}</p>
      {question.options && question.options.length > 0 && (
        <ol class="screen__options">
          {question.options.map((o) => (
            <li key={o.id}>{o.text}</li>
          ))}
        </ol>
      )}
      {question.type === 'true-false' && <p class="screen__hint">True or false?</p>}
      <p class="screen__answered" role="status">
        Answers: <strong>{answered}</strong> of {expected}
      </p>
    </div>
  );
}

function Distribution(props: { distribution: AnswerDistribution; question: StudentQuestion }) {
  const { distribution, question } = props;
  const label = (key: string) =>
    question.options?.find((o) => o.id === key)?.text ??
    (key === 'true' ? 'True' : key === 'false' ? 'False' : key);
  const most = Math.max(1, ...distribution.counts.map((c) => c.count));
  return (
    <ul class="screen__bars" aria-label="How the class answered">
      {distribution.counts.map((c) => (
        <li key={c.key}>
          <span class="screen__bar-label">{label(c.key)}</span>
          <span
            class="screen__bar"
            style={{ width: `${(c.count / most) * 100}%` }}
            aria-hidden="true"
          />
          <span class="screen__bar-count">{c.count}</span>
        </li>
      ))}
    </ul>
  );
}

function answerOf(question: HostState['reveal'] & object): string {
  const q = question.question;
  const text = (id: unknown) =>
    typeof id === 'string' ? (q.options?.find((o) => o.id === id)?.text ?? id) : String(id);
  const answer: unknown = q.answer;
  if (typeof answer === 'boolean') return answer ? 'True' : 'False';
  if (Array.isArray(answer)) return answer.map(text).join(q.type === 'ordering' ? ' → ' : ', ');
  return text(answer);
}

function Reveal({ state }: { state: HostState }) {
  const reveal = state.reveal!;
  const { distribution } = reveal.question;
  return (
    <div class="screen__reveal" data-question-id={reveal.questionId}>
      <h2 class="screen__heading">Question {reveal.ordinal}: the answer</h2>
      <p class="screen__prompt screen__prompt--small">{reveal.question.prompt}</p>
      <p class="screen__key">
        <strong>{answerOf(reveal)}</strong>
      </p>
      <p class="screen__right">
        {distribution.correct} of {distribution.answered} right
      </p>
      <Distribution distribution={distribution} question={reveal.question} />
      {reveal.question.explanation && (
        <p class="screen__explanation">{reveal.question.explanation}</p>
      )}
    </div>
  );
}

function Leaderboard(props: { entries: HostState['leaderboard']['top']; title: string }) {
  if (props.entries.length === 0) return null;
  return (
    <div class="screen__leaderboard">
      <h3>{props.title}</h3>
      <ol>
        {props.entries.map((e) => (
          <li key={e.participantId}>
            <span class="screen__rank">#{e.rank}</span> <span>{e.nickname}</span>{' '}
            <span class="screen__points">{e.points} pts</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
