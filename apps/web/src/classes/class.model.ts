import { CLASS_LIMITS, type ClassSummaryView, type SessionSummaryView } from '@podroom/contracts';
import { hrefOf } from '../routing/route.parser.js';

/**
 * What the class and session screens show, worked out from the API's answers (pure, so it is
 * tested without a browser).
 */

/** A list read page by page ("Show more"): the items so far and the cursor of the next page. */
export interface Paged<T> {
  items: T[];
  /** null: the last page was read. */
  nextCursor: string | null;
}

/**
 * Adds a page to what is shown. An item already there (a class created since, which moved the
 * pages along) is not shown twice; the order stays the server's.
 */
export function appendPage<T extends { id: string }>(
  shown: Paged<T> | undefined,
  page: Paged<T>,
): Paged<T> {
  const items = [...(shown?.items ?? [])];
  const seen = new Set(items.map((i) => i.id));
  for (const item of page.items) if (!seen.has(item.id)) items.push(item);
  return { items, nextCursor: page.nextCursor };
}

/** A class name as the server takes it, or what is wrong with it. */
export function checkClassName(
  name: string,
): { ok: true; value: string } | { ok: false; error: string } {
  const value = name.trim();
  if (value === '') return { ok: false, error: 'Enter a name for the class.' };
  if (value.length > CLASS_LIMITS.name) {
    return { ok: false, error: `A class name has at most ${CLASS_LIMITS.name} characters.` };
  }
  return { ok: true, value };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `12 students · 3 sessions`, or `No roster · 1 session`. */
export function classMeta(c: Pick<ClassSummaryView, 'rosterSize' | 'sessionCount'>): string {
  const roster = c.rosterSize === 0 ? 'No roster' : plural(c.rosterSize, 'student', 'students');
  return `${roster} · ${plural(c.sessionCount, 'session', 'sessions')}`;
}

/** Why a roster upload was refused, as the page shows it next to the upload. */
export interface RosterRefusal {
  message: string;
  /** The server's problems, one per bad line (empty when the refusal names none). */
  lines: string[];
}

/** The refusal of a roster upload, from the error the API answered with. */
export function rosterRefusal(error: unknown): RosterRefusal {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    status?: unknown;
    details?: unknown;
  };
  const lines = Array.isArray(e.details) ? e.details.map(String) : [];
  if (e.code === 'INVALID_ROSTER') {
    return {
      message:
        lines.length === 0
          ? 'This file is not a roster: save the class list as CSV and upload it again.'
          : `The roster was not changed: fix ${lines.length === 1 ? 'this line' : 'these lines'} in the file and upload it again.`,
      lines,
    };
  }
  if (e.status === 413) {
    return {
      message: `The file is too large: a roster file has at most ${CLASS_LIMITS.rosterBytes / 1024} KiB.`,
      lines: [],
    };
  }
  if (e.status === 401 || e.code === 'UNAUTHORIZED') {
    return { message: 'Your sign-in has ended: sign in again, then upload the file.', lines: [] };
  }
  if (e.status === 404) return { message: 'This class is no longer there.', lines: [] };
  return { message: 'The roster could not be sent. Try again.', lines };
}

/** What is wrong with a chosen file before it is sent (the server would refuse it), if anything. */
export function rosterFileProblem(file: { size: number }): RosterRefusal | undefined {
  if (file.size > CLASS_LIMITS.rosterBytes) return rosterRefusal({ status: 413 });
  if (file.size === 0) {
    return { message: 'This file is empty: choose the CSV file of your class list.', lines: [] };
  }
  return undefined;
}

export const SESSION_STATUS_LABEL: Record<SessionSummaryView['status'], string> = {
  lobby: 'not started',
  live: 'live',
  ended: 'ended',
};

/** The links of a session in a list: its report, and its console while it is not over. */
export function sessionLinks(
  session: Pick<SessionSummaryView, 'id' | 'status'>,
): { label: 'Report' | 'Console'; href: string }[] {
  const links: { label: 'Report' | 'Console'; href: string }[] = [
    { label: 'Report', href: hrefOf({ name: 'report', roomId: session.id }) },
  ];
  if (session.status !== 'ended') {
    links.push({ label: 'Console', href: hrefOf({ name: 'console', roomId: session.id }) });
  }
  return links;
}

/** `3 students` / `1 student`. */
export const participantsText = (n: number) => plural(n, 'student', 'students');
