import type { RoomReport } from '@podroom/contracts';
import { useState } from 'preact/hooks';
import { hrefOf } from '../routing/route.parser.js';
import { AccuracyChart } from './accuracy.chart.js';
import { outcomeOfError } from '../teach/loaded.outcome.js';
import { LoadProblemView, Loading, useLoaded } from '../teach/loaded.view.js';
import { fetchCsv, loadReport, saveBlob } from './report.api.js';
import {
  accuracyBars,
  answerText,
  formatDate,
  formatPercent,
  formatSeconds,
  hardestFirst,
  questionLabel,
  scoreHistogram,
  STATUS_LABEL,
  summarize,
} from './report.model.js';
import { ScoreHistogram } from './score.histogram.js';
import './report.css';

/**
 * A session's report (`#/teach/<roomId>/report`): the summary, the questions hardest first (a bar
 * chart and a table with the same numbers), the participants ranked, and each participant's
 * answers. Read with the instructor's token kept by the teach screens; the CSV is fetched with it
 * too and handed over as a Blob.
 */
export function ReportView({ roomId }: { roomId: string }) {
  const { outcome, retry } = useLoaded(() => loadReport(roomId), roomId);
  if (!outcome) return <Loading pageClass="report">Loading the report…</Loading>;
  if (outcome.kind === 'ok') return <Report roomId={roomId} report={outcome.value} />;
  return (
    <LoadProblemView
      problem={outcome}
      retry={retry}
      texts={{
        what: 'this report',
        notFoundTitle: 'No such session',
        notFoundBody: (
          <>
            There is no session <code>{roomId}</code> among yours. It may belong to another
            instructor, or the link is incomplete.
          </>
        ),
        backLabel: 'Back to your lessons',
        errorTitle: 'The report cannot be loaded',
      }}
    />
  );
}

function Report({ roomId, report }: { roomId: string; report: RoomReport }) {
  const summary = summarize(report);
  const questions = hardestFirst(report);
  const byId = new Map(report.questions.map((q) => [q.questionId, q]));
  const [csvProblem, setCsvProblem] = useState('');
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setDownloading(true);
    setCsvProblem('');
    try {
      const { blob, filename } = await fetchCsv(roomId);
      saveBlob(blob, filename);
    } catch (error) {
      const o = outcomeOfError(error);
      setCsvProblem(
        o.kind === 'signed-out'
          ? 'Your sign-in has ended: sign in again to download.'
          : o.kind === 'not-found'
            ? 'This session is no longer there.'
            : o.message,
      );
    } finally {
      setDownloading(false);
    }
  };

  return (
    <main class="page report">
      <header class="report__head">
        <p class="report__kicker">Session report</p>
        <h1 class="report__title">{summary.lessonTitle}</h1>
        <p class="report__meta">
          Code <span class="report__code">{summary.code}</span> · {formatDate(summary.createdAt)} ·{' '}
          {summary.status === 'ended'
            ? 'ended'
            : summary.status === 'live'
              ? 'still live'
              : 'not started'}
        </p>
        <div class="report__actions">
          <button
            type="button"
            class="button button--primary"
            onClick={() => void download()}
            disabled={downloading}
          >
            {downloading ? 'Preparing CSV…' : 'Download CSV'}
          </button>
          <a class="button" href={hrefOf({ name: 'console', roomId })}>
            Console
          </a>
          <a class="button" href={hrefOf({ name: 'teach' })}>
            Your lessons
          </a>
        </div>
        {csvProblem && (
          <p class="form__problem" role="alert">
            {csvProblem}
          </p>
        )}
      </header>

      <section class="report__section" aria-labelledby="summary-title">
        <h2 id="summary-title">Summary</h2>
        <dl class="report__summary">
          <div data-stat="participants">
            <dt>Participants</dt>
            <dd>{summary.participants}</dd>
          </div>
          <div data-stat="questions">
            <dt>Questions asked</dt>
            <dd>{summary.questions}</dd>
          </div>
          <div data-stat="average-points">
            <dt>Average score</dt>
            <dd>{summary.averagePoints === null ? '–' : `${summary.averagePoints} pts`}</dd>
          </div>
          <div data-stat="accuracy">
            <dt>Accuracy</dt>
            <dd>{formatPercent(summary.accuracyPercent)}</dd>
          </div>
          <div data-stat="response">
            <dt>Average response</dt>
            <dd>{formatSeconds(summary.averageResponseMs)}</dd>
          </div>
        </dl>
      </section>

      {report.participants.length > 0 && (
        <ScoresSection points={report.participants.map((p) => p.points)} />
      )}

      <section class="report__section" aria-labelledby="questions-title">
        <h2 id="questions-title">Questions, hardest first</h2>
        {questions.length === 0 ? (
          <p>No question was asked in this session.</p>
        ) : (
          <>
            <AccuracyChart bars={accuracyBars(questions)} />
            <div class="table-scroll" role="region" aria-labelledby="questions-title" tabIndex={0}>
              <table class="report-table" id="questions-table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Question</th>
                    <th scope="col">Right</th>
                    <th scope="col">Accuracy</th>
                    <th scope="col">Avg time</th>
                    <th scope="col">No answer</th>
                    <th scope="col">Late</th>
                  </tr>
                </thead>
                <tbody>
                  {questions.map((q) => (
                    <tr key={q.questionId} data-question-id={q.questionId}>
                      <th scope="row">{questionLabel(q)}</th>
                      <td class="report-table__prompt">
                        {q.prompt}
                        <span class="report-table__type"> ({q.type})</span>
                      </td>
                      <td data-col="correct" class="num">
                        {q.correct}
                        {q.partial > 0 && ` (+${q.partial} partly)`}
                      </td>
                      <td data-col="accuracy" class="num">
                        {formatPercent(q.correctPercent)}
                      </td>
                      <td data-col="response" class="num">
                        {formatSeconds(q.averageResponseMs)}
                      </td>
                      <td data-col="unanswered" class="num">
                        {q.unanswered}
                      </td>
                      <td data-col="late" class="num">
                        {q.late}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section class="report__section" aria-labelledby="participants-title">
        <h2 id="participants-title">Participants</h2>
        {report.participants.length === 0 ? (
          <p>Nobody joined this session.</p>
        ) : (
          <div class="table-scroll" role="region" aria-labelledby="participants-title" tabIndex={0}>
            <table class="report-table" id="participants-table">
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Name</th>
                  <th scope="col">Score</th>
                  <th scope="col">Right</th>
                  <th scope="col">Accuracy</th>
                  <th scope="col">Avg time</th>
                </tr>
              </thead>
              <tbody>
                {report.participants.map((p) => (
                  <tr key={p.participantId} data-participant-id={p.participantId}>
                    <td data-col="rank" class="num">
                      {p.rank}
                    </td>
                    <th scope="row" data-col="nickname">
                      {p.nickname}
                      {p.kicked && <span class="report-table__type"> (removed)</span>}
                    </th>
                    <td data-col="points" class="num">
                      {p.points}
                    </td>
                    <td data-col="correct" class="num">
                      {p.correct} of {report.questions.length}
                    </td>
                    <td data-col="accuracy" class="num">
                      {formatPercent(p.accuracyPercent)}
                    </td>
                    <td data-col="response" class="num">
                      {formatSeconds(p.averageResponseMs)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {report.participants.length > 0 && report.questions.length > 0 && (
        <section class="report__section" aria-labelledby="answers-title">
          <h2 id="answers-title">Answers by participant</h2>
          {report.participants.map((p) => (
            <details
              key={p.participantId}
              class="report__person"
              data-participant-id={p.participantId}
            >
              <summary>
                <span class="report__person-name">{p.nickname}</span>{' '}
                <span class="report__person-meta">
                  {p.points} pts · {p.correct} of {report.questions.length} right
                </span>
              </summary>
              <ol class="report__answers">
                {p.answers.map((a) => {
                  const q = byId.get(a.questionId);
                  return (
                    <li
                      key={a.questionId}
                      class={`report__answer is-${a.status}`}
                      data-status={a.status}
                    >
                      <p class="report__answer-prompt">
                        <strong>Q{a.ordinal}.</strong> {q?.prompt ?? ''}
                      </p>
                      <p class="report__answer-line">
                        <span class="report__badge">{STATUS_LABEL[a.status]}</span>{' '}
                        {answerText(a.value, q)}
                        {a.responseMs !== null && ` · ${formatSeconds(a.responseMs)}`} · {a.points}{' '}
                        pts
                      </p>
                      {a.status !== 'correct' && q && (
                        <p class="report__answer-key">Right answer: {answerText(q.answer, q)}</p>
                      )}
                    </li>
                  );
                })}
              </ol>
            </details>
          ))}
        </section>
      )}
    </main>
  );
}

/** The participants' final scores as a histogram, and a table with the same counts. */
function ScoresSection({ points }: { points: number[] }) {
  const bins = scoreHistogram(points);
  return (
    <section class="report__section" aria-labelledby="scores-title">
      <h2 id="scores-title">Score distribution</h2>
      <ScoreHistogram bins={bins} />
      <div class="table-scroll" role="region" aria-labelledby="scores-title" tabIndex={0}>
        <table class="report-table" id="scores-table">
          <thead>
            <tr>
              <th scope="col">Points</th>
              <th scope="col" class="num">
                Participants
              </th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.label} data-range={b.label}>
                <th scope="row">{b.label}</th>
                <td data-col="count" class="num">
                  {b.count}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
