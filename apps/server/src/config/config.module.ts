import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config.service.js';
import type { Env } from './env.dto.js';
import { resolveSigningSecret } from './signing-secret.js';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: new AppConfig(env, resolveSigningSecret(env)) }],
      exports: [AppConfig],
    };
  }
}
