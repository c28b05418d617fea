import { createSecretKey } from 'node:crypto';
import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createClient, type RedisClientType } from 'redis';
import { AppConfig } from '../config/app-config.service.js';
import { AuthController } from './auth.controller.js';
import { InstructorGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { InstructorsRepository } from './instructors.repository.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { SignInLimiter, type SignInLimits } from './sign-in.limiter.js';
import { TokenService } from './token.service.js';

/** Sign-in limits in Redis when REDIS_URL is set (shared by every process), else in memory. */
async function createSignInLimiter(config: AppConfig): Promise<SignInLimiter> {
  const limits: SignInLimits = {
    maxFailures: config.get('SIGN_IN_MAX_FAILURES'),
    windowSec: config.get('SIGN_IN_WINDOW_SEC'),
    maxFailuresPerIp: config.get('SIGN_IN_MAX_FAILURES_PER_IP'),
    ipWindowSec: config.get('SIGN_IN_IP_WINDOW_SEC'),
  };
  const url = config.get('REDIS_URL');
  if (!url) return SignInLimiter.inMemory(limits);
  const logger = new Logger('SignInLimiter');
  // No offline queue: while Redis is down a sign-in must not wait for it (the limiter falls back).
  const client: RedisClientType = createClient({ url, disableOfflineQueue: true });
  client.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`)); // it reconnects
  await client.connect();
  return SignInLimiter.withRedis(client, config.get('REDIS_KEY_PREFIX'), limits, async () => {
    client.destroy();
  });
}

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, made once: given a string, jsonwebtoken parses it as a PEM private key
        // (which throws) then as a secret key on every sign and verify — ~1 ms of each join.
        secret: createSecretKey(Buffer.from(config.signingSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    InstructorsRepository,
    RefreshTokensRepository,
    TokenService,
    InstructorGuard,
    { provide: SignInLimiter, inject: [AppConfig], useFactory: createSignInLimiter },
  ],
  exports: [AuthService, TokenService, InstructorGuard],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(SignInLimiter) private readonly limiter: SignInLimiter) {}

  async onApplicationShutdown(): Promise<void> {
    await this.limiter.close();
  }
}
