import type { ClassSummaryView, ClassView, Page, SessionSummaryView } from '@podroom/contracts';
import { authorized, http } from '../teach/instructor.auth.js';

/**
 * The instructor's classes and sessions over HTTP, with the token kept by the teach screens
 * (refreshed once after a 401). The typed client of @podroom/contracts covers creating a class,
 * the roster and the sessions; the other class routes are called here the same way.
 */

/** An error the API answered with: `{ error: { code, message, details? } }` and the status. */
export interface ApiError extends Error {
  code?: string;
  status?: number;
  details?: string[];
}

/** `method path` with the bearer token; a non-2xx answer throws an {@link ApiError}. */
async function call<T>(
  method: string,
  path: string,
  body?: { json: unknown } | { text: string; type: string },
): Promise<T> {
  return authorized(async (token) => {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body && { 'content-type': 'json' in body ? 'application/json' : body.type }),
      },
      ...(body && { body: 'json' in body ? JSON.stringify(body.json) : body.text }),
    });
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; details?: unknown } })
        ?.error;
      throw Object.assign(new Error(`${error?.code ?? response.status}: ${error?.message ?? ''}`), {
        code: error?.code,
        status: response.status,
        details: Array.isArray(error?.details) ? error.details.map(String) : undefined,
      }) as ApiError;
    }
    return json as T;
  });
}

const classPath = (classId: string) => `/classes/${encodeURIComponent(classId)}`;

/** `GET /classes?limit=&cursor=`: the instructor's classes, newest first. */
export function listClasses(query: { limit?: number; cursor?: string } = {}) {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  return call<Page<ClassSummaryView>>('GET', `/classes?${params}`);
}

/** `POST /classes`. */
export async function createClass(name: string): Promise<ClassView> {
  const client = await http();
  return authorized((token) => client.createClass(token, name));
}

/** `GET /classes/:id`: the class with its roster. */
export const getClass = (classId: string) => call<ClassView>('GET', classPath(classId));

/** `PUT /classes/:id`: renames it. */
export const renameClass = (classId: string, name: string) =>
  call<ClassView>('PUT', classPath(classId), { json: { name } });

/** `DELETE /classes/:id`: the class and its roster go; its sessions and reports stay. */
export const deleteClass = (classId: string) => call<void>('DELETE', classPath(classId));

/**
 * `PUT /classes/:id/roster` with the file's text as `text/csv`: replaces the whole roster.
 * INVALID_ROSTER comes back as an {@link ApiError} whose `details` name each bad line.
 */
export const uploadRoster = (classId: string, csv: string) =>
  call<ClassView>('PUT', `${classPath(classId)}/roster`, { text: csv, type: 'text/csv' });

/** `GET /sessions?classId=&limit=&cursor=`: the instructor's sessions, newest first. */
export async function listSessions(
  query: { classId?: string; limit?: number; cursor?: string } = {},
): Promise<Page<SessionSummaryView>> {
  const client = await http();
  const given = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
  return authorized((token) => client.sessions(token, given));
}
