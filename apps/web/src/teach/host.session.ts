import type { HostSnapshot, PodroomClient } from '@podroom/contracts';
import { hostFromSnapshot, hostReducer, type HostEvent, type HostState } from './host.state.js';

/**
 * The host console's connection: `host:attach` with a current instructor token (`token()`: access
 * tokens are short-lived, so each (re-)attach asks for one), the room's events
 * folded into a {@link HostState}, and re-attaching after every reconnection the socket could
 * not recover (the protocol client does that and hands over the fresh snapshot).
 */
export interface HostSession {
  readonly client: PodroomClient;
  readonly state: HostState;
  readonly online: boolean;
  subscribe(listener: () => void): () => void;
  dispatch(event: HostEvent): void;
  /** Fetches a fresh snapshot (after STALE_VERSION). */
  refresh(): Promise<void>;
  close(): void;
}

export type AttachOutcome =
  { ok: true; session: HostSession } | { ok: false; code: string; message: string };

export async function attachHost(
  token: () => Promise<string>,
  roomId: string,
): Promise<AttachOutcome> {
  let client: PodroomClient | undefined;
  let onSnapshot: (snapshot: HostSnapshot) => void = () => undefined;
  try {
    const { createPodroomClient } = await import('@podroom/contracts');
    client = await createPodroomClient(window.location.origin, {
      timeoutMs: 8_000,
      onSnapshot: (s) => s.role === 'host' && onSnapshot(s),
      hostToken: token,
    });
    const reply = await client.attachHost(await token(), roomId);
    if (!reply.ok) {
      client.close();
      return { ok: false, code: reply.error.code, message: reply.error.message };
    }
    const c = client;
    let state = hostFromSnapshot(reply.snapshot, performance.now());
    let online = true;
    const listeners = new Set<() => void>();
    const notify = () => listeners.forEach((l) => l());
    const dispatch = (event: HostEvent) => {
      state = hostReducer(state, event);
      notify();
    };
    onSnapshot = (snapshot) => dispatch({ type: 'snapshot', snapshot, at: performance.now() });
    const offs = [
      c.on('step:changed', (e) => dispatch({ type: 'step', version: e.version, step: e.step })),
      c.on('host:question-opened', (q) =>
        dispatch({ type: 'opened', question: q, at: performance.now() }),
      ),
      c.on('host:progress', (progress) => dispatch({ type: 'progress', progress })),
      c.on('question:closed', (reveal) => dispatch({ type: 'closed', reveal })),
      c.on('host:roster', (roster) => dispatch({ type: 'roster', roster })),
      c.on('host:leaderboard', (leaderboard) => dispatch({ type: 'leaderboard', leaderboard })),
      c.on('room:state', (s) => dispatch({ type: 'state', state: s })),
      c.on('room:ended', (ended) => dispatch({ type: 'ended', ended })),
    ];
    c.socket.on('disconnect', () => {
      online = false;
      notify();
    });
    c.socket.on('connect', () => {
      online = true;
      notify();
    });
    const session: HostSession = {
      client: c,
      get state() {
        return state;
      },
      get online() {
        return online;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      dispatch,
      async refresh() {
        const fresh = await c.attachHost(await token(), roomId);
        if (fresh.ok) onSnapshot(fresh.snapshot);
      },
      close() {
        offs.forEach((off) => off());
        c.close();
      },
    };
    return { ok: true, session };
  } catch (error) {
    client?.close();
    if ((error as { code?: unknown } | undefined)?.code === 'UNAUTHORIZED')
      return { ok: false, code: 'UNAUTHORIZED', message: 'Sign in again.' };
    return { ok: false, code: 'UNREACHABLE', message: 'The server cannot be reached.' };
  }
}
