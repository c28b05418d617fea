import type { AnswerDistribution, StudentQuestion } from '@podroom/quiz';
import { useState } from 'preact/hooks';
import { questionForStep, type HostState } from './host.state.js';

/** A bar per answer: option text (or the number / true-false given) and how many chose it. */
function Distribution(props: { distribution: AnswerDistribution; question: StudentQuestion }) {
  const { distribution, question } = props;
  const label = (key: string) =>
    question.options?.find((o) => o.id === key)?.text ??
    (key === 'true' ? 'True' : key === 'false' ? 'False' : key);
  const most = Math.max(1, ...distribution.counts.map((c) => c.count));
  return (
    <ul class="bars" aria-label="Answers so far">
      {distribution.counts.map((c) => (
        <li key={c.key} class="bars__row">
          <span class="bars__label">{label(c.key)}</span>
          <span
            class="bars__bar"
            style={{ width: `${(c.count / most) * 100}%` }}
            aria-hidden="true"
          />
          <span class="bars__count">{c.count}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The question side of the console: the lesson's questions (those suggested at this step first)
 * with Open, the open one with answered / expected and the live distribution, the reveal, the
 * leaderboard with hide / show, and ending the session.
 */
export function QuestionPanel(props: {
  state: HostState;
  onOpen(key: string): void;
  onClose(questionId: string): void;
  onLeaderboard(hidden: boolean): void;
  onEnd(): void;
}) {
  const { state } = props;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const suggested = questionForStep(state);
  const open = state.question;
  if (state.status === 'ended') {
    return (
      <section class="card" aria-labelledby="ended-title">
        <h2 id="ended-title">Session ended</h2>
        <ol class="roster">
          {(state.ended?.podium ?? state.leaderboard.top.slice(0, 3)).map((e) => (
            <li key={e.participantId}>
              #{e.rank} {e.nickname} — {e.points} pts
            </li>
          ))}
        </ol>
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="question-title">
      <h2 id="question-title">{open ? `Question ${open.view.ordinal} is open` : 'Questions'}</h2>
      {open ? (
        <>
          <p class="console__prompt">{open.view.question.prompt}</p>
          <p class="console__answered" role="status">
            Answered: <strong>{state.progress?.answered ?? 0}</strong> of{' '}
            {state.progress?.expected ?? 0}
          </p>
          {state.progress && (
            <Distribution
              distribution={state.progress.distribution}
              question={open.view.question}
            />
          )}
          <button
            type="button"
            class="button button--primary"
            onClick={() => props.onClose(open.view.questionId)}
          >
            Close and reveal
          </button>
        </>
      ) : (
        <>
          {state.reveal && (
            <div class="console__reveal">
              <h3>Results of question {state.reveal.ordinal}</h3>
              <p>
                {state.reveal.question.distribution.correct} of{' '}
                {state.reveal.question.distribution.answered} right
              </p>
              <Distribution
                distribution={state.reveal.question.distribution}
                question={state.reveal.question}
              />
            </div>
          )}
          <ul class="questions">
            {state.questions
              .filter((q) => !q.asked)
              .sort((a, b) => Number(b === suggested) - Number(a === suggested))
              .map((q) => (
                <li
                  key={q.key}
                  class={
                    q === suggested ? 'questions__item questions__item--here' : 'questions__item'
                  }
                >
                  <span>
                    {q === suggested && <strong>This step: </strong>}
                    {q.prompt} <em>({q.type})</em>
                  </span>
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={`Open: ${q.prompt}`}
                    onClick={() => props.onOpen(q.key)}
                  >
                    Open
                  </button>
                </li>
              ))}
          </ul>
        </>
      )}
      <div class="console__leaderboard">
        <h3>Leaderboard</h3>
        <label class="console__lock">
          <input
            type="checkbox"
            checked={state.leaderboardHidden}
            onChange={(e) => props.onLeaderboard(e.currentTarget.checked)}
          />{' '}
          Hide the leaderboard from students
        </label>
        <ol class="roster">
          {state.leaderboard.top.map((e) => (
            <li key={e.participantId}>
              #{e.rank} {e.nickname} — {e.points} pts
            </li>
          ))}
        </ol>
      </div>
      {confirmEnd ? (
        <p>
          End the session for everyone?{' '}
          <button type="button" class="button button--primary" onClick={props.onEnd}>
            Yes, end it
          </button>{' '}
          <button type="button" class="button" onClick={() => setConfirmEnd(false)}>
            Cancel
          </button>
        </p>
      ) : (
        <button type="button" class="button" onClick={() => setConfirmEnd(true)}>
          End session
        </button>
      )}
    </section>
  );
}
