import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { DomainError } from '../errors/domain.errors.js';
import { LessonsService } from '../lessons/lessons.service.js';
import { isDatabaseUnavailable } from '../database/database.errors.js';
import { AnswerBatcher, DEFAULT_BATCHING } from './answer.batcher.js';
import { RoomConnection, type SocketIdentity } from './room.connection.js';
import { RoomErrors } from './room.errors.js';
import { executeIntent, type RoomIntent, type SocketBinder } from './room.intents.js';
import { LocalLeases, RedisLeases, type RoomLeases } from './room.lease.js';
import { RoomRelay, replyOf, unwrap, type PresenceNote, type RelayReply } from './room.relay.js';
import { RoomRunner } from './room.runner.js';
import { RoomsRepository } from './rooms.repository.js';
import { channels, SocketIoBroadcaster } from './socket-io.broadcaster.js';
import { SystemClock } from './system.clock.js';

/** A room lease lasts this long unless renewed; a dead owner's rooms are taken over after it. */
export const ROOM_LEASE_MS = 3_000;
const RENEW_EVERY_MS = 1_000;
/** How long a request waits for a room whose owner died, before UNAVAILABLE. */
const TAKEOVER_WAIT_MS = ROOM_LEASE_MS + 3_000;
const RETRY_MS = 150;
/**
 * A batch of answers whose insert failed because the database was unreachable is retried for this
 * long (a quick restart goes unnoticed); then its answers are acknowledged UNAVAILABLE.
 */
const ANSWER_RETRY_MS = 3_000;

/** Thrown inside the registry when another process got the room's lease first. */
class NotOwner extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The rooms this process runs, and the way to the others (docs/decisions/0040-room-ownership.md).
 *
 * One process, no Redis: every room runs here, loaded from PostgreSQL on first use and at start-up
 * when it has a question open. Several processes (REDIS_URL): a room runs in the one process that
 * holds its lease in Redis; an intent for a room run elsewhere travels to its owner through the
 * socket.io adapter (room.relay.ts); when no live process runs a room, the first process that
 * needs it takes the lease and resumes it from its stored state. Each process renews its leases;
 * when one dies, its leases expire and its rooms are taken over, by a request or by the sweep that
 * resumes rooms with an open question.
 *
 * The owner also counts each room's connected students (for "everyone answered" and the roster):
 * sockets by id, so that counting again after a takeover (socket.io's fetchSockets over every
 * process) cannot count one twice.
 */
@Injectable()
export class RoomRegistry implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RoomRegistry.name);
  private readonly rooms = new Map<string, Promise<RoomRunner>>();
  /** Rooms whose lease this process holds. */
  private readonly owned = new Set<string>();
  /** Rooms last seen run by another process (saves a Redis read per forwarded request). */
  private readonly elsewhere = new Set<string>();
  /** Per room run here: connected student sockets → participant. */
  private readonly presence = new Map<string, Map<string, string>>();
  private readonly batcher: AnswerBatcher;
  private readonly relay: RoomRelay;
  private leases: RoomLeases = new LocalLeases();
  private clustered = false;
  private timers: ReturnType<typeof setInterval>[] = [];
  private stopping = false;

  constructor(
    private readonly repository: RoomsRepository,
    private readonly lessons: LessonsService,
    private readonly broadcaster: SocketIoBroadcaster,
    private readonly clock: SystemClock,
    private readonly config: AppConfig,
  ) {
    this.batcher = new AnswerBatcher((answers) => this.repository.insertAnswers(answers), {
      ...DEFAULT_BATCHING,
      retryForMs: ANSWER_RETRY_MS,
      retryable: isDatabaseUnavailable,
    });
    this.relay = new RoomRelay(() => this.broadcaster.io);
  }

  async onModuleInit(): Promise<void> {
    const url = this.config.get('REDIS_URL');
    if (!url) return;
    this.leases = await RedisLeases.connect(
      url,
      this.config.get('REDIS_KEY_PREFIX'),
      ROOM_LEASE_MS,
      (error) => this.logger.warn(`Redis (room leases): ${error.message}`),
    );
    this.clustered = true;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.clustered) {
      this.relay.serve({
        requests: (batch) => Promise.all(batch.map((r) => this.serveRemote(r.roomId, r.intent))),
        presence: (notes) => notes.forEach((note) => this.applyPresence(note, false)),
      });
      this.timers.push(
        setInterval(() => void this.renew(), RENEW_EVERY_MS),
        setInterval(() => void this.sweep(), ROOM_LEASE_MS),
      );
    }
    await this.sweep();
  }

  /** Runs an intent on the room, here or in the process that runs it. */
  async run(roomId: string, intent: RoomIntent): Promise<unknown> {
    const giveUpAt = Date.now() + TAKEOVER_WAIT_MS;
    for (;;) {
      if (this.stopping) throw RoomErrors.unavailable();
      const local =
        this.rooms.get(roomId) ?? ((await this.claim(roomId)) && this.rooms.get(roomId));
      if (local) {
        const runner = await local.catch((error: unknown) => {
          if (error instanceof NotOwner) return undefined;
          throw error;
        });
        if (runner) return executeIntent(runner, intent, this.binder(roomId, runner));
      }
      const reply = await this.relay.send({ roomId, intent });
      if (reply) return unwrap(reply);
      this.elsewhere.delete(roomId);
      // Nobody runs the room: it is free now, or its owner died and its lease has yet to expire.
      if (Date.now() > giveUpAt) throw RoomErrors.unavailable();
      await sleep(RETRY_MS);
    }
  }

  /** A student's socket connected (recovered) or went away, wherever the room runs. */
  presenceChanged(identity: SocketIdentity, socketId: string, connected: boolean): void {
    if (identity.role !== 'student') return;
    const note = {
      roomId: identity.roomId,
      socketId,
      participantId: identity.participantId,
      connected,
    };
    if (!this.applyPresence(note, true) && this.clustered) this.relay.notify(note);
  }

  /** Stops the rooms, waits for answers already accepted to be committed, then frees the leases. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.timers.forEach(clearInterval);
    const runners = await Promise.allSettled([...this.rooms.values()]);
    for (const r of runners) if (r.status === 'fulfilled') r.value.dispose();
    await this.batcher.drain();
    await this.leases.release([...this.owned]).catch(() => undefined);
    await this.leases.close();
  }

  // ------------------------------------------------------------------ ownership

  /**
   * Starts loading the room here if this process may run it: always with one process; with
   * several, when nobody holds its lease. False when another process holds it.
   */
  private async claim(roomId: string, cached = true): Promise<boolean> {
    if (this.clustered) {
      if (cached && this.elsewhere.has(roomId)) return false;
      const holder = await this.leases.holderOf(roomId);
      if (holder !== null && holder !== this.leases.holder) {
        this.elsewhere.add(roomId);
        return false;
      }
    }
    if (!this.rooms.has(roomId)) this.take(roomId);
    return true;
  }

  /** Takes the lease and loads the room; the entry is in the map at once, so requests wait on it. */
  private take(roomId: string): Promise<RoomRunner> {
    const runner = (async () => {
      if (!(await this.leases.acquire(roomId))) throw new NotOwner();
      this.owned.add(roomId);
      try {
        return await this.load(roomId);
      } catch (error) {
        this.owned.delete(roomId);
        await this.leases.release([roomId]).catch(() => undefined);
        throw error;
      }
    })();
    this.rooms.set(roomId, runner);
    runner.then(
      (loaded) => {
        if (this.clustered) void this.recount(roomId, loaded);
      },
      () => {
        if (this.rooms.get(roomId) === runner) this.rooms.delete(roomId);
      },
    );
    return runner;
  }

  /** Extends this process's leases; a room whose lease went to another process stops here. */
  private async renew(): Promise<void> {
    const mine = [...this.owned];
    let held: Set<string>;
    try {
      held = await this.leases.renew(mine);
    } catch (error) {
      // Redis is unreachable: nobody else can take the lease either; keep running and retry.
      this.logger.warn(`Could not renew room leases: ${(error as Error).message}`);
      return;
    }
    for (const roomId of mine) {
      if (held.has(roomId) || this.stopping) continue;
      // Expired (a long pause, or Redis restarted empty): take it back if it is still free.
      if (await this.leases.acquire(roomId).catch(() => false)) continue;
      this.logger.warn(`Lost the lease of room ${roomId} to another process; stopping it here`);
      this.drop(roomId);
    }
  }

  private drop(roomId: string): void {
    const runner = this.rooms.get(roomId);
    this.rooms.delete(roomId);
    this.owned.delete(roomId);
    this.presence.delete(roomId);
    void runner?.then(
      (r) => r.dispose(),
      () => undefined,
    );
  }

  /** Resumes rooms with an open question that no live process runs, so their deadlines fire. */
  private async sweep(): Promise<void> {
    if (this.stopping) return;
    try {
      const ids = await this.repository.findRoomIdsWithOpenQuestion();
      let resumed = 0;
      for (const id of ids) {
        if (this.rooms.has(id)) continue;
        const pending = (await this.claim(id, false)) && this.rooms.get(id);
        if (!pending) continue;
        await pending.then(
          () => resumed++,
          (error: unknown) => {
            if (!(error instanceof NotOwner))
              this.logger.error(`Could not resume room ${id}: ${(error as Error).message}`);
          },
        );
      }
      if (resumed > 0) this.logger.log(`Resumed ${resumed} room(s) with an open question`);
    } catch (error) {
      this.logger.warn(`Room sweep failed: ${(error as Error).message}`);
    }
  }

  private async load(roomId: string): Promise<RoomRunner> {
    const stored = await this.repository.loadRoom(roomId);
    if (!stored) throw RoomErrors.notFound();
    const plan = await this.lessons.plan(stored.lessonId, stored.state.settings.detail);
    return RoomRunner.resume(stored, plan, {
      store: this.repository,
      clock: this.clock,
      broadcaster: this.broadcaster,
      batcher: this.batcher,
      onError: (error) => this.logger.error(error),
    });
  }

  // ------------------------------------------------------------------ requests from elsewhere

  private async serveRemote(roomId: string, intent: RoomIntent): Promise<RelayReply> {
    const local = this.rooms.get(roomId);
    if (!local || this.stopping) return { handled: false };
    try {
      const runner = await local;
      return {
        handled: true,
        ok: true,
        value: await executeIntent(runner, intent, this.binder(roomId, runner)),
      };
    } catch (error) {
      if (error instanceof NotOwner) return { handled: false };
      if (!(error instanceof DomainError)) this.logger.error(error);
      return replyOf(error);
    }
  }

  // ------------------------------------------------------------------ sockets and presence

  /**
   * Binds the caller's socket inside the room's queue: a socket of this process directly; one of
   * another process through the adapter (`socketsJoin`, which travels in order with the room's
   * broadcasts, so no broadcast made after the snapshot can miss it). Its own process sets its
   * identity when the reply arrives.
   */
  private binder(roomId: string, runner: RoomRunner): SocketBinder {
    const join = (socketId: string, rooms: string[], local: (c: RoomConnection) => void) => {
      const socket = this.broadcaster.io?.sockets.sockets.get(socketId);
      if (socket) local(new RoomConnection(socket));
      else this.broadcaster.io?.in(socketId).socketsJoin(rooms);
    };
    const forget = (socketId: string) => {
      const sockets = this.presence.get(roomId);
      const previous = sockets?.get(socketId);
      if (previous === undefined) return;
      sockets!.delete(socketId);
      runner.disconnected(previous);
    };
    return {
      student: (socketId, participantId) => {
        forget(socketId); // the runner counts the socket in itself, right after
        this.presenceOf(roomId).set(socketId, participantId);
        join(socketId, [channels.students(roomId), channels.participant(participantId)], (c) =>
          c.bindStudent(roomId, participantId),
        );
      },
      host: (socketId, instructorId) => {
        forget(socketId);
        join(socketId, [channels.hosts(roomId)], (c) => c.bindHost(roomId, instructorId));
      },
    };
  }

  private presenceOf(roomId: string): Map<string, string> {
    let sockets = this.presence.get(roomId);
    if (!sockets) this.presence.set(roomId, (sockets = new Map()));
    return sockets;
  }

  /** Applies a presence change if this process runs (or is loading) the room. */
  private applyPresence(note: PresenceNote, fromHere: boolean): boolean {
    const local = this.rooms.get(note.roomId);
    if (!local) return false;
    void local.then(
      (runner) => {
        const sockets = this.presenceOf(note.roomId);
        const current = sockets.get(note.socketId);
        if (note.connected && current === undefined) {
          sockets.set(note.socketId, note.participantId);
          runner.connected(note.participantId);
        } else if (!note.connected && current === note.participantId) {
          sockets.delete(note.socketId);
          runner.disconnected(note.participantId);
        }
      },
      () => {
        // Not ours after all (NotOwner): pass it on to whoever runs the room.
        if (fromHere && this.clustered) this.relay.notify(note);
      },
    );
    return true;
  }

  /** After a takeover: counts the room's students connected to any process. */
  private async recount(roomId: string, runner: RoomRunner): Promise<void> {
    try {
      const sockets = await this.broadcaster.io?.in(channels.students(roomId)).fetchSockets();
      for (const socket of sockets ?? []) {
        const identity = (socket.data as { identity?: SocketIdentity }).identity;
        if (identity?.role !== 'student' || identity.roomId !== roomId) continue;
        if (this.rooms.get(roomId) === undefined) return;
        const known = this.presenceOf(roomId);
        if (known.has(socket.id)) continue;
        known.set(socket.id, identity.participantId);
        runner.connected(identity.participantId);
      }
    } catch (error) {
      this.logger.warn(
        `Could not count the students of room ${roomId}: ${(error as Error).message}`,
      );
    }
  }
}
