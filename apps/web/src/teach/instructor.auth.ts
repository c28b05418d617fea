import type { AuthResult, CreatedRoom, InstructorView } from '@podroom/contracts';

/**
 * The instructor's sign-in, kept in localStorage so the console survives a reload (it re-attaches
 * with `host:attach`), and what each created room showed (its QR code: the server returns it
 * only when the room is created). The access token lives 15 minutes: {@link currentAuth} trades
 * the refresh token for a new pair shortly before it expires, or after the server refused it.
 */
const AUTH_KEY = 'podroom.instructor';
const ROOM_KEY = (roomId: string) => `podroom.room.${roomId}`;

export interface SavedAuth {
  token: string;
  instructor: InstructorView;
  /** Absent in a sign-in saved before refresh tokens existed: it ends when its token does. */
  refreshToken?: string;
  /** When `token` expires (ms since the epoch). */
  expiresAt?: number;
}

/** Refresh this long before the access token expires. */
const EARLY_MS = 60_000;

function read<T>(key: string): T | undefined {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? undefined;
  } catch {
    return undefined;
  }
}

export function savedAuth(): SavedAuth | undefined {
  const auth = read<SavedAuth>(AUTH_KEY);
  return auth && typeof auth.token === 'string' ? auth : undefined;
}

export function saveAuth(result: AuthResult): SavedAuth {
  const auth: SavedAuth = {
    token: result.token,
    refreshToken: result.refreshToken,
    expiresAt: Date.now() + result.expiresIn * 1000,
    instructor: result.instructor,
  };
  localStorage.setItem(AUTH_KEY, JSON.stringify(auth));
  return auth;
}

/** Forgets the sign-in here and ends it on the server (its refresh token stops working). */
export async function signOut(): Promise<void> {
  const auth = savedAuth();
  localStorage.removeItem(AUTH_KEY);
  if (auth?.refreshToken) await (await http()).signOut(auth.refreshToken).catch(() => undefined);
}

let renewing: Promise<SavedAuth | undefined> | undefined;

/**
 * The sign-in with a usable access token: the saved one, or a refreshed one when it expires
 * within a minute or is the `refused` token. undefined: signed out (the refresh token was
 * refused too). One refresh at a time, across tabs too (a refresh token works once: two tabs
 * refreshing with the same one would revoke the sign-in); a tab that waited picks up the pair
 * another tab saved.
 */
export function currentAuth(refused?: string): Promise<SavedAuth | undefined> {
  const run = async (): Promise<SavedAuth | undefined> => {
    const auth = savedAuth();
    if (!auth) return undefined;
    const fresh = auth.token !== refused && (auth.expiresAt ?? Infinity) - Date.now() > EARLY_MS;
    if (fresh) return auth;
    if (!auth.refreshToken) return auth.token === refused ? forget() : auth;
    try {
      return saveAuth(await (await http()).refresh(auth.refreshToken));
    } catch (error) {
      if (statusOf(error) === 401) return forget();
      throw error; // unreachable: keep the sign-in
    }
  };
  renewing ??= (
    navigator.locks ? navigator.locks.request('podroom.instructor.refresh', run) : run()
  ).finally(() => (renewing = undefined));
  return renewing;
}

/** Calls the server with a current access token; after a 401, refreshes once and retries. */
export async function authorized<T>(call: (token: string) => Promise<T>): Promise<T> {
  const auth = await currentAuth();
  if (!auth) throw signedOut();
  try {
    return await call(auth.token);
  } catch (error) {
    if (statusOf(error) !== 401) throw error;
    const renewed = await currentAuth(auth.token);
    if (!renewed) throw signedOut();
    return call(renewed.token);
  }
}

/** A current access token (for `host:attach`), or an UNAUTHORIZED error. */
export async function accessToken(): Promise<string> {
  const auth = await currentAuth();
  if (!auth) throw signedOut();
  return auth.token;
}

function forget(): undefined {
  localStorage.removeItem(AUTH_KEY);
  return undefined;
}

const signedOut = () =>
  Object.assign(new Error('UNAUTHORIZED: Sign in again'), { code: 'UNAUTHORIZED', status: 401 });

const statusOf = (error: unknown) =>
  typeof error === 'object' && error !== null && 'status' in error
    ? (error as { status: unknown }).status
    : undefined;

export function saveRoom(room: CreatedRoom): void {
  localStorage.setItem(ROOM_KEY(room.roomId), JSON.stringify(room));
}

export function savedRoom(roomId: string): CreatedRoom | undefined {
  return read<CreatedRoom>(ROOM_KEY(roomId));
}

/** The HTTP client of @podroom/contracts for this server (loaded with the instructor screens). */
export async function http() {
  const { podroomHttp } = await import('@podroom/contracts');
  return podroomHttp(window.location.origin);
}

/** The code of an error thrown by the HTTP client, if any. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}
