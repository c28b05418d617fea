import { errorCode } from './instructor.auth.js';

/**
 * What loading an instructor page's data can come to (a report, a class, …); the page draws one
 * screen per kind (`loaded.view.tsx`).
 */
export type Loaded<T> =
  | { kind: 'ok'; value: T }
  /** No sign-in here, or the server refused it (and its refresh). */
  | { kind: 'signed-out' }
  /** No such thing, or not one of this instructor's. */
  | { kind: 'not-found' }
  | { kind: 'error'; message: string };

export type LoadProblem = Exclude<Loaded<never>, { kind: 'ok' }>;

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined;

/** Sorts a failed request into the page's outcomes. */
export function outcomeOfError(error: unknown): LoadProblem {
  const status = statusOf(error);
  const code = errorCode(error);
  if (status === 401 || code === 'UNAUTHORIZED' || code === 'INVALID_TOKEN') {
    return { kind: 'signed-out' };
  }
  // A malformed id is refused as invalid (400): for the reader it is "no such thing" too.
  if (status === 404 || status === 400 || code === 'NOT_FOUND') return { kind: 'not-found' };
  if (status !== undefined && status >= 500) {
    return { kind: 'error', message: 'The server could not answer. Try again.' };
  }
  return { kind: 'error', message: 'The server cannot be reached. Check the connection.' };
}

/** Runs a request, sorting a failure into the page's outcomes. */
export async function load<T>(call: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { kind: 'ok', value: await call() };
  } catch (error) {
    return outcomeOfError(error);
  }
}
