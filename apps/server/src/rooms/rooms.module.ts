import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import { AuthModule } from '../auth/auth.module.js';
import { ClassesModule } from '../classes/classes.module.js';
import { AppConfig } from '../config/app-config.service.js';
import { LessonsModule } from '../lessons/lessons.module.js';
import { JoinLimiter, type JoinLimits } from './join.limiter.js';
import { RoomRegistry } from './room.registry.js';
import { RoomsController } from './rooms.controller.js';
import { RoomsGateway } from './rooms.gateway.js';
import { RoomsRepository } from './rooms.repository.js';
import { RoomsService } from './rooms.service.js';
import { SocketIoBroadcaster } from './socket-io.broadcaster.js';
import { SystemClock } from './system.clock.js';

/** Join limits in Redis when REDIS_URL is set (shared by every process), else in memory. */
async function createJoinLimiter(config: AppConfig): Promise<JoinLimiter> {
  const limits: JoinLimits = {
    perCode: config.get('JOIN_RATE_PER_CODE'),
    perIp: config.get('JOIN_RATE_PER_IP'),
  };
  const url = config.get('REDIS_URL');
  if (!url) return JoinLimiter.inMemory(limits);
  const logger = new Logger('JoinLimiter');
  // No offline queue: while Redis is down a join must not wait for it (the limiter falls back).
  const client: RedisClientType = createClient({ url, disableOfflineQueue: true });
  client.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`)); // it reconnects
  await client.connect();
  return JoinLimiter.withRedis(client, config.get('REDIS_KEY_PREFIX'), limits, async () => {
    client.destroy();
  });
}

@Module({
  imports: [AuthModule, LessonsModule, ClassesModule],
  controllers: [RoomsController],
  providers: [
    RoomsGateway,
    RoomsService,
    RoomsRepository,
    RoomRegistry,
    SocketIoBroadcaster,
    SystemClock,
    { provide: JoinLimiter, inject: [AppConfig], useFactory: createJoinLimiter },
  ],
})
export class RoomsModule implements OnApplicationShutdown {
  constructor(@Inject(JoinLimiter) private readonly joinLimiter: JoinLimiter) {}

  async onApplicationShutdown(): Promise<void> {
    await this.joinLimiter.close();
  }
}
