import type { RoomReport } from '@podroom/contracts';
import { authorized, http } from '../teach/instructor.auth.js';
import { load, type Loaded } from '../teach/loaded.outcome.js';

/** `GET /rooms/:id/report` with the instructor's token (refreshed once after a 401). */
export function loadReport(roomId: string): Promise<Loaded<RoomReport>> {
  return load(async () => {
    const client = await http();
    return authorized((token) => client.report(token, roomId));
  });
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
