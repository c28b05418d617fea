import type { SessionSummaryView } from '@podroom/contracts';
import { useEffect, useState } from 'preact/hooks';
import { listSessions } from '../classes/class.api.js';
import {
  appendPage,
  participantsText,
  SESSION_STATUS_LABEL,
  sessionLinks,
  type Paged,
} from '../classes/class.model.js';
import { outcomeOfError } from '../teach/loaded.outcome.js';
import { formatDate } from '../reports/report.model.js';
import './sessions.css';

const PAGE = 10;

/**
 * The instructor's past and running sessions (`GET /sessions`), newest first, a page at a time
 * ("Show more"); of one class when `classId` is given. Each links to its report, and to its
 * console while it is not over.
 */
export function SessionsList({
  classId,
  headingId,
  onSignedOut,
}: {
  classId?: string;
  /** The id of the heading that names the list. */
  headingId: string;
  onSignedOut?(): void;
}) {
  const [sessions, setSessions] = useState<Paged<SessionSummaryView> | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const more = async (cursor?: string) => {
    setBusy(true);
    setProblem('');
    try {
      const page = await listSessions({ classId, limit: PAGE, cursor });
      setSessions((shown) => appendPage(cursor ? shown : undefined, page));
    } catch (error) {
      const o = outcomeOfError(error);
      if (o.kind === 'signed-out' && onSignedOut) return onSignedOut();
      setProblem(
        o.kind === 'signed-out'
          ? 'Your sign-in has ended: sign in again to see your sessions.'
          : 'The sessions cannot be loaded. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void more();
  }, [classId]);

  return (
    <div class="sessions">
      {problem && (
        <p class="form__problem" role="alert">
          {problem}
        </p>
      )}
      {!sessions && !problem && <p role="status">Loading sessions…</p>}
      {sessions?.items.length === 0 && <p>No session yet.</p>}
      {sessions && sessions.items.length > 0 && (
        <ul class="sessions__list" aria-labelledby={headingId}>
          {sessions.items.map((s) => (
            <li key={s.id} class="sessions__item" data-session-id={s.id}>
              <p class="sessions__title">{s.lessonTitle}</p>
              <p class="sessions__meta">
                {formatDate(s.createdAt)} · code <span class="sessions__code">{s.code}</span> ·{' '}
                {participantsText(s.participantCount)}
                {s.className && !classId && <> · {s.className}</>} ·{' '}
                <span class={`sessions__status is-${s.status}`}>
                  {SESSION_STATUS_LABEL[s.status]}
                </span>
              </p>
              <p class="sessions__links">
                {sessionLinks(s).map((link) => (
                  <a
                    key={link.label}
                    class="button button--small"
                    href={link.href}
                    aria-label={`${link.label}: ${s.lessonTitle}, code ${s.code}`}
                  >
                    {link.label}
                  </a>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
      {sessions?.nextCursor && (
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() => void more(sessions.nextCursor ?? undefined)}
        >
          {busy ? 'Loading…' : 'Show more sessions'}
        </button>
      )}
    </div>
  );
}
