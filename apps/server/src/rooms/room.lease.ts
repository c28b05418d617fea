import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';

/**
 * Who runs a room. With several processes exactly one process holds a room's lease at a time and
 * runs its timers and state; the lease expires unless its holder renews it, so another process can
 * take the room over after its holder dies (docs/decisions/0040-room-ownership.md).
 */
export interface RoomLeases {
  /** This process, as written in the leases it holds. */
  readonly holder: string;
  /** Takes the room's lease if nobody holds it (or this process does): true when held now. */
  acquire(roomId: string): Promise<boolean>;
  /** Extends the leases this process holds; returns the rooms whose lease it still holds. */
  renew(roomIds: readonly string[]): Promise<Set<string>>;
  /** The process holding the room's lease, or null. */
  holderOf(roomId: string): Promise<string | null>;
  /** Gives the lease up (when the process stops), if this process holds it. */
  release(roomIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** One process, no Redis: it runs every room. */
export class LocalLeases implements RoomLeases {
  readonly holder = 'local';
  acquire = async () => true;
  renew = async (roomIds: readonly string[]) => new Set(roomIds);
  holderOf = async () => this.holder;
  release = async () => undefined;
  close = async () => undefined;
}

// Extends the lease only while this process still holds it (compare-and-set in one step).
const RENEW = `
local held = {}
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    held[#held + 1] = i
  end
end
return held`;
const RELEASE = `
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 0`;
// Takes a free lease, or refreshes one this process holds already.
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/** Leases as Redis keys `<prefix>:room-owner:<roomId>` holding the holder's id, with a TTL. */
export class RedisLeases implements RoomLeases {
  readonly holder = randomUUID();

  private constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  static async connect(
    url: string,
    prefix: string,
    ttlMs: number,
    onError: (error: Error) => void,
  ): Promise<RedisLeases> {
    const client: RedisClientType = createClient({ url });
    client.on('error', onError); // node-redis reconnects by itself
    await client.connect();
    return new RedisLeases(client, prefix, ttlMs);
  }

  private key(roomId: string): string {
    return `${this.prefix}:room-owner:${roomId}`;
  }

  async acquire(roomId: string): Promise<boolean> {
    const result = await this.client.eval(ACQUIRE, {
      keys: [this.key(roomId)],
      arguments: [this.holder, String(this.ttlMs)],
    });
    return result === 1;
  }

  async renew(roomIds: readonly string[]): Promise<Set<string>> {
    if (roomIds.length === 0) return new Set();
    const held = (await this.client.eval(RENEW, {
      keys: roomIds.map((id) => this.key(id)),
      arguments: [this.holder, String(this.ttlMs)],
    })) as number[];
    return new Set(held.map((i) => roomIds[i - 1]!));
  }

  async holderOf(roomId: string): Promise<string | null> {
    return this.client.get(this.key(roomId));
  }

  async release(roomIds: readonly string[]): Promise<void> {
    if (roomIds.length === 0) return;
    await this.client.eval(RELEASE, {
      keys: roomIds.map((id) => this.key(id)),
      arguments: [this.holder],
    });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
