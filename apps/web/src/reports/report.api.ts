import type { RoomReport } from '@podroom/contracts';
import { authorized, errorCode, http } from '../teach/instructor.auth.js';

/** What asking for a report can come to; the page draws one screen per kind. */
export type ReportOutcome =
  | { kind: 'ok'; report: RoomReport }
  /** No sign-in here, or the server refused it (and its refresh). */
  | { kind: 'signed-out' }
  /** No such room, or not one of this instructor's. */
  | { kind: 'not-found' }
  | { kind: 'error'; message: string };

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined;

/** Sorts a failure into the page's outcomes. */
export function outcomeOfError(error: unknown): Exclude<ReportOutcome, { kind: 'ok' }> {
  const status = statusOf(error);
  const code = errorCode(error);
  if (status === 401 || code === 'UNAUTHORIZED' || code === 'INVALID_TOKEN') {
    return { kind: 'signed-out' };
  }
  // A malformed id is refused as invalid (400): for the reader it is "no such session" too.
  if (status === 404 || status === 400 || code === 'NOT_FOUND') return { kind: 'not-found' };
  if (status !== undefined && status >= 500) {
    return { kind: 'error', message: 'The server could not build the report. Try again.' };
  }
  return { kind: 'error', message: 'The server cannot be reached. Check the connection.' };
}

/** `GET /rooms/:id/report` with the instructor's token (refreshed once after a 401). */
export async function loadReport(roomId: string): Promise<ReportOutcome> {
  try {
    const client = await http();
    const report = await authorized((token) => client.report(token, roomId));
    return { kind: 'ok', report };
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

/** `GET /rooms/:id/report.csv`: it needs the bearer token, so a plain link cannot fetch it. */
export function fetchCsv(roomId: string): Promise<{ blob: Blob; filename: string }> {
  return fetchCsvAt(
    `/rooms/${encodeURIComponent(roomId)}/report.csv`,
    `podroom-session-${roomId}.csv`,
  );
}

/** A CSV attachment of the API (`path`), fetched with the instructor's bearer token. */
export async function fetchCsvAt(
  path: string,
  fallbackName: string,
): Promise<{ blob: Blob; filename: string }> {
  return authorized(async (token) => {
    const response = await fetch(path, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as
        { error?: { code?: string } } | undefined;
      throw Object.assign(new Error(`${path}: ${response.status}`), {
        status: response.status,
        code: body?.error?.code,
      });
    }
    return {
      blob: await response.blob(),
      filename: filenameOf(response.headers.get('content-disposition'), fallbackName),
    };
  });
}

/** Hands a file to the browser's downloads through a Blob URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
