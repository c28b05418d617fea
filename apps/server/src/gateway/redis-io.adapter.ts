import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

const CLOSE_TIMEOUT_MS = 10_000;

/**
 * socket.io over Redis streams, for running several server processes: broadcasts and room
 * membership reach clients on every process, and connection-state recovery keeps working across
 * them (which the pub/sub adapter cannot do). Used when REDIS_URL is set.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly redisLogger = new Logger(RedisIoAdapter.name);
  private client?: RedisClientType;
  private adapter?: ReturnType<typeof createAdapter>;

  constructor(
    app: INestApplicationContext,
    private readonly options: { url: string; keyPrefix: string },
  ) {
    super(app);
  }

  /** Connects to Redis; call before the app listens. Fails start-up when Redis does not answer. */
  async connect(): Promise<void> {
    const client: RedisClientType = createClient({ url: this.options.url });
    // node-redis reconnects by itself; log outages instead of crashing on the 'error' event.
    client.on('error', (error: Error) => this.redisLogger.warn(`Redis: ${error.message}`));
    await client.connect();
    this.client = client;
    this.adapter = createAdapter(client, {
      streamName: `${this.options.keyPrefix}:socket.io`,
      sessionKeyPrefix: `${this.options.keyPrefix}:sio:session:`,
      onlyPlaintext: true,
      // The adapter keeps one blocking XREAD in flight; closing the client waits for it. A 1 s block
      // (default 5 s) bounds shutdown for one extra idle round trip a second.
      blockTimeInMs: 1000,
    });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    const client = this.client;
    if (!client?.isOpen) return;
    // close() flushes the adapter's last writes (ADAPTER_CLOSE, the sessions of the sockets just
    // closed), but only over a live connection: on a client still reconnecting after a Redis outage
    // it would wait for good. So wait (bounded) for the connection to come back first.
    const ready = client.isReady || (await this.readyWithin(client, CLOSE_TIMEOUT_MS));
    if (ready && (await this.settlesWithin(client.close(), CLOSE_TIMEOUT_MS))) return;
    this.redisLogger.warn(`Redis did not close within ${CLOSE_TIMEOUT_MS} ms; disconnecting`);
    client.destroy();
  }

  private async readyWithin(client: RedisClientType, ms: number): Promise<boolean> {
    try {
      await once(client, 'ready', { signal: AbortSignal.timeout(ms) });
      return true;
    } catch {
      return false;
    }
  }

  private settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
    const settled = work.then(
      () => true,
      () => true,
    );
    const timedOut = new Promise<false>((resolve) => setTimeout(resolve, ms, false).unref());
    return Promise.race([settled, timedOut]);
  }
}
