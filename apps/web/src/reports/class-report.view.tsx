import type { ClassReport } from '@podroom/contracts';
import { useState } from 'preact/hooks';
import { hrefOf } from '../routing/route.parser.js';
import { fetchClassCsv, loadClassReport } from './class-report.api.js';
import {
  attendanceText,
  conceptTrend,
  scoreTrend,
  sessionAccuracyTrend,
  sessionLabel,
  sessionLabels,
  summarizeClass,
} from './class-report.model.js';
import { outcomeOfError } from '../teach/loaded.outcome.js';
import { LoadProblemView, Loading, useLoaded } from '../teach/loaded.view.js';
import { saveBlob } from './report.api.js';
import { formatDate, formatPercent } from './report.model.js';
import { SessionBars, Sparkline } from './trend.chart.js';
import './report.css';

/**
 * A class across its sessions (`#/teach/classes/<classId>/report`): the sessions, every roster
 * student (attendance, accuracy, a score trend), accuracy per concept over time, the wrong
 * options picked most with the lesson's misconception notes, and participants not on the roster.
 * Every chart has a table with the same numbers. The CSV is fetched with the token, as a Blob.
 */
export function ClassReportView({ classId }: { classId: string }) {
  const { outcome, retry } = useLoaded(() => loadClassReport(classId), classId);
  if (!outcome) return <Loading pageClass="report">Loading the class report…</Loading>;
  if (outcome.kind === 'ok') return <Report classId={classId} report={outcome.value} />;
  return (
    <LoadProblemView
      problem={outcome}
      retry={retry}
      texts={{
        what: 'this report',
        notFoundTitle: 'No such class',
        notFoundBody: (
          <>
            There is no class <code>{classId}</code> among yours. It may have been deleted, or the
            link is incomplete.
          </>
        ),
        backLabel: 'Back to your classes',
        errorTitle: 'The report cannot be loaded',
      }}
    />
  );
}

function Report({ classId, report }: { classId: string; report: ClassReport }) {
  const summary = summarizeClass(report);
  const labels = sessionLabels(report);
  const [csvProblem, setCsvProblem] = useState('');
  const [downloading, setDownloading] = useState(false);
  const count = report.sessions.length;

  const download = async () => {
    setDownloading(true);
    setCsvProblem('');
    try {
      const { blob, filename } = await fetchClassCsv(classId);
      saveBlob(blob, filename);
    } catch (error) {
      const o = outcomeOfError(error);
      setCsvProblem(
        o.kind === 'signed-out'
          ? 'Your sign-in has ended: sign in again to download.'
          : o.kind === 'not-found'
            ? 'This class is no longer there.'
            : o.message,
      );
    } finally {
      setDownloading(false);
    }
  };

  return (
    <main class="page report class-report">
      <header class="report__head">
        <p class="report__kicker">Class report</p>
        <h1 class="report__title">{report.class.name}</h1>
        <p class="report__meta">
          {summary.rosterSize} on the roster · {count} {count === 1 ? 'session' : 'sessions'}
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
          <a class="button" href={hrefOf({ name: 'class', classId })}>
            Class and roster
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

      <section class="report__section" aria-labelledby="class-summary-title">
        <h2 id="class-summary-title">Summary</h2>
        <dl class="report__summary">
          <div data-stat="sessions">
            <dt>Sessions</dt>
            <dd>{summary.sessions}</dd>
          </div>
          <div data-stat="roster">
            <dt>On the roster</dt>
            <dd>{summary.rosterSize}</dd>
          </div>
          <div data-stat="attended">
            <dt>Came at least once</dt>
            <dd>{summary.studentsAttended}</dd>
          </div>
          <div data-stat="attendance">
            <dt>Roster students per session</dt>
            <dd>{summary.averageAttendance ?? '–'}</dd>
          </div>
          <div data-stat="accuracy">
            <dt>Roster accuracy</dt>
            <dd>{formatPercent(summary.rosterAccuracyPercent)}</dd>
          </div>
        </dl>
      </section>

      <section class="report__section" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions, oldest first</h2>
        {count === 0 ? (
          <p>No session of this class has started yet.</p>
        ) : (
          <>
            <SessionBars
              title="Accuracy per session"
              points={sessionAccuracyTrend(report.sessions)}
            />
            <div class="table-scroll" role="region" aria-labelledby="sessions-title" tabIndex={0}>
              <table class="report-table" id="sessions-table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Lesson</th>
                    <th scope="col">Started</th>
                    <th scope="col" class="num">
                      Participants
                    </th>
                    <th scope="col" class="num">
                      From the roster
                    </th>
                    <th scope="col" class="num">
                      Questions
                    </th>
                    <th scope="col" class="num">
                      Accuracy
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.sessions.map((s, i) => (
                    <tr key={s.roomId} data-room-id={s.roomId}>
                      <th scope="row">
                        <a href={hrefOf({ name: 'report', roomId: s.roomId })}>{sessionLabel(i)}</a>
                      </th>
                      <td class="report-table__prompt">
                        {s.lessonTitle}
                        <span class="report-table__type">
                          {' '}
                          (code {s.code}
                          {s.status === 'live' ? ', still live' : ''})
                        </span>
                      </td>
                      <td>{formatDate(s.createdAt)}</td>
                      <td data-col="participants" class="num">
                        {s.participants}
                      </td>
                      <td data-col="roster-participants" class="num">
                        {s.rosterParticipants}
                      </td>
                      <td data-col="questions" class="num">
                        {s.questions}
                      </td>
                      <td data-col="accuracy" class="num">
                        {formatPercent(s.accuracyPercent)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section class="report__section" aria-labelledby="students-title">
        <h2 id="students-title">Students</h2>
        {report.students.length === 0 ? (
          <p>
            This class has no roster: upload one on the{' '}
            <a href={hrefOf({ name: 'class', classId })}>class page</a> to follow each student.
          </p>
        ) : (
          <div class="table-scroll" role="region" aria-labelledby="students-title" tabIndex={0}>
            <table class="report-table" id="students-table">
              <thead>
                <tr>
                  <th scope="col">Student ID</th>
                  <th scope="col">Name</th>
                  <th scope="col" class="num">
                    Sessions
                  </th>
                  <th scope="col" class="num">
                    Points
                  </th>
                  <th scope="col" class="num">
                    Right
                  </th>
                  <th scope="col" class="num">
                    Accuracy
                  </th>
                  <th scope="col">Score trend</th>
                  {report.sessions.map((_, i) => (
                    <th key={i} scope="col" class="num">
                      {sessionLabel(i)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.students.map((s) => {
                  const trend = scoreTrend(s);
                  return (
                    <tr key={s.rosterId} data-roster-id={s.rosterId}>
                      <td data-col="roster-id" class="class-report__id">
                        {s.rosterId}
                      </td>
                      <th scope="row" data-col="name">
                        {s.displayName}
                      </th>
                      <td data-col="attended" class="num">
                        {attendanceText(s.sessionsAttended, count)}
                      </td>
                      <td data-col="points" class="num">
                        {s.points}
                      </td>
                      <td data-col="correct" class="num">
                        {s.correct} of {s.questions}
                      </td>
                      <td data-col="accuracy" class="num">
                        {formatPercent(s.accuracyPercent)}
                      </td>
                      <td>
                        <Sparkline title={`Points per session, ${s.displayName}`} points={trend} />
                      </td>
                      {trend.map((t) => (
                        <td key={t.label} data-col={`points-${t.label}`} class="num">
                          {t.value === null ? (
                            <span class="class-report__absent">absent</span>
                          ) : (
                            t.text
                          )}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="report__section" aria-labelledby="concepts-title">
        <h2 id="concepts-title">Concepts over time</h2>
        {report.concepts.length === 0 ? (
          <p>No question with a concept tag has been asked yet.</p>
        ) : (
          report.concepts.map((c, ci) => {
            const points = conceptTrend(c, labels);
            const titleId = `concept-${ci}-title`;
            return (
              <div key={c.concept} class="class-report__concept" data-concept={c.concept}>
                <h3 id={titleId}>
                  {c.concept}{' '}
                  <span class="report-table__type">
                    {formatPercent(c.accuracyPercent)} right overall ({c.correct} of{' '}
                    {c.opportunities})
                  </span>
                </h3>
                <SessionBars title={`Accuracy on ${c.concept} per session`} points={points} />
                <div class="table-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
                  <table class="report-table concept-table">
                    <thead>
                      <tr>
                        <th scope="col">Session</th>
                        <th scope="col" class="num">
                          Questions
                        </th>
                        <th scope="col" class="num">
                          Chances
                        </th>
                        <th scope="col" class="num">
                          Answered
                        </th>
                        <th scope="col" class="num">
                          Right
                        </th>
                        <th scope="col" class="num">
                          Accuracy
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.trend.map((t) => (
                        <tr key={t.roomId} data-room-id={t.roomId}>
                          <th scope="row">{labels.get(t.roomId) ?? '?'}</th>
                          <td data-col="questions" class="num">
                            {t.questions}
                          </td>
                          <td data-col="opportunities" class="num">
                            {t.opportunities}
                          </td>
                          <td data-col="answered" class="num">
                            {t.answered}
                          </td>
                          <td data-col="correct" class="num">
                            {t.correct}
                          </td>
                          <td data-col="accuracy" class="num">
                            {formatPercent(t.accuracyPercent)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            );
          })
        )}
      </section>

      <section class="report__section" aria-labelledby="wrong-title">
        <h2 id="wrong-title">Most chosen wrong answers</h2>
        {report.wrongOptions.length === 0 ? (
          <p>No wrong option has been picked yet.</p>
        ) : (
          <div class="table-scroll" role="region" aria-labelledby="wrong-title" tabIndex={0}>
            <table class="report-table" id="wrong-table">
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Wrong answer</th>
                  <th scope="col" class="num">
                    Picked
                  </th>
                  <th scope="col" class="num">
                    Of answers
                  </th>
                  <th scope="col" class="num">
                    Sessions
                  </th>
                  <th scope="col">Misconception</th>
                </tr>
              </thead>
              <tbody>
                {report.wrongOptions.map((w) => (
                  <tr key={`${w.lessonId}/${w.questionKey}/${w.optionId}`}>
                    <td class="report-table__prompt">
                      {w.prompt}
                      {w.concept && <span class="report-table__type"> ({w.concept})</span>}
                    </td>
                    <th scope="row" data-col="option">
                      {w.optionText}
                    </th>
                    <td data-col="count" class="num">
                      {w.count} of {w.answered}
                    </td>
                    <td data-col="percent" class="num">
                      {formatPercent(w.percentOfAnswers)}
                    </td>
                    <td data-col="sessions" class="num">
                      {w.sessions}
                    </td>
                    <td data-col="note" class="class-report__note">
                      {w.note ?? '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {report.unlinked.length > 0 && (
        <section class="report__section" aria-labelledby="unlinked-title">
          <h2 id="unlinked-title">Not on the roster</h2>
          <p>
            Participants who joined without a student ID of this roster (before the roster was
            uploaded, or with an ID it does not have).
          </p>
          <div class="table-scroll" role="region" aria-labelledby="unlinked-title" tabIndex={0}>
            <table class="report-table" id="unlinked-table">
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Nickname</th>
                  <th scope="col">Student ID given</th>
                  <th scope="col" class="num">
                    Points
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.unlinked.map((u) => (
                  <tr key={u.participantId} data-participant-id={u.participantId}>
                    <td data-col="session">{labels.get(u.roomId) ?? '?'}</td>
                    <th scope="row" data-col="nickname">
                      {u.nickname}
                    </th>
                    <td data-col="roster-id">{u.rosterId ?? '–'}</td>
                    <td data-col="points" class="num">
                      {u.points}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </main>
  );
}
