import { ErrorCode } from '@podroom/contracts';
import type { Server } from 'socket.io';
import { isDatabaseUnavailable } from '../database/database.errors.js';
import { DomainError, UnavailableError } from '../errors/domain.errors.js';
import { RoomErrors } from './room.errors.js';
import type { RoomIntent } from './room.intents.js';

/** An intent for a room that another process may be running. */
export interface RelayRequest {
  roomId: string;
  intent: RoomIntent;
}

/** A student's socket came or went, for the process that counts the room's connected students. */
export interface PresenceNote {
  roomId: string;
  socketId: string;
  participantId: string;
  connected: boolean;
}

/** What a process answers for one request: not mine, or the outcome of running it. */
export type RelayReply =
  | { handled: false }
  | { handled: true; ok: true; value: unknown }
  | {
      handled: true;
      ok: false;
      error: { code: string; message: string; details?: string[]; retryAfterMs?: number };
    };

export interface RelayHandlers {
  /** Runs the requests for rooms this process runs; `{ handled: false }` for the others. */
  requests(batch: RelayRequest[]): Promise<RelayReply[]>;
  presence(notes: PresenceNote[]): void;
}

const REQUESTS = 'podroom:room-requests';
const PRESENCE = 'podroom:room-presence';
/** Requests made within this window travel together (one adapter message each way). */
const BATCH_WINDOW_MS = 2;
const MAX_BATCH = 500;

type HandledReply = Extract<RelayReply, { handled: true }>;

interface Pending {
  request: RelayRequest;
  resolve: (reply: HandledReply | null) => void;
}

/** Serialises a thrown error for the process that asked. */
export function replyOf(error: unknown): HandledReply {
  if (!(error instanceof DomainError) && isDatabaseUnavailable(error))
    error = RoomErrors.unavailable();
  if (error instanceof DomainError) {
    return {
      handled: true,
      ok: false,
      error: {
        code: error.code,
        message: error.message,
        ...(error.details && { details: error.details }),
        ...(error instanceof UnavailableError && { retryAfterMs: error.retryAfterMs }),
      },
    };
  }
  return {
    handled: true,
    ok: false,
    error: { code: ErrorCode.INTERNAL, message: 'Something went wrong on the server' },
  };
}

/** The value of a handled reply, or its error thrown again as a DomainError. */
export function unwrap(reply: HandledReply): unknown {
  if (reply.ok) return reply.value;
  const { code, message, details, retryAfterMs } = reply.error;
  if (code === ErrorCode.UNAVAILABLE) throw new UnavailableError(message, retryAfterMs);
  throw new DomainError(code, message, details);
}

/**
 * Carries room intents to the process that runs the room, with socket.io's own server-to-server
 * messages (`serverSideEmit` with acknowledgements, through the Redis adapter): every other process
 * receives a batch and answers for the rooms it runs. No protocol of our own beyond the payloads.
 *
 * `send` resolves with the owner's reply, or null when no process runs the room (it is free, or
 * its owner died: the caller takes the room over once the lease allows). When a process did not
 * answer in time (socket.io's 5 s), nobody knows whether the request ran, so it fails with
 * UNAVAILABLE and the client retries (a repeated answer is refused with the first one).
 */
export class RoomRelay {
  private pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private notes: PresenceNote[] = [];
  private notesTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly server: () => Server | undefined) {}

  /** Starts answering other processes' requests. */
  serve(handlers: RelayHandlers): void {
    const server = this.server();
    if (!server) throw new Error('The socket.io server is not bound yet');
    server.on(REQUESTS, (batch: RelayRequest[], ack: (replies: RelayReply[]) => void) => {
      handlers
        .requests(batch)
        .then(ack, () => ack(batch.map(() => replyOf(RoomErrors.unavailable()))));
    });
    server.on(PRESENCE, (notes: PresenceNote[]) => handlers.presence(notes));
  }

  send(request: RelayRequest): Promise<HandledReply | null> {
    return new Promise((resolve) => {
      this.pending.push({ request, resolve });
      if (this.pending.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), BATCH_WINDOW_MS);
    });
  }

  notify(note: PresenceNote): void {
    this.notes.push(note);
    this.notesTimer ??= setTimeout(() => {
      this.notesTimer = undefined;
      const notes = this.notes;
      this.notes = [];
      this.server()?.serverSideEmit(PRESENCE, notes);
    }, BATCH_WINDOW_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const server = this.server();
    if (!server) {
      batch.forEach((p) => p.resolve(replyOf(RoomErrors.unavailable())));
      return;
    }
    server.serverSideEmit(
      REQUESTS,
      batch.map((p) => p.request),
      (error: Error | null, responses: RelayReply[][]) => {
        batch.forEach((p, i) => {
          const handled = responses.find((replies) => replies?.[i]?.handled)?.[i];
          if (handled?.handled) p.resolve(handled);
          else if (error) p.resolve(replyOf(RoomErrors.unavailable()));
          else p.resolve(null);
        });
      },
    );
  }
}
