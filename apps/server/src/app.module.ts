import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module.js';
import { ClassesModule } from './classes/classes.module.js';
import { ConfigModule } from './config/config.module.js';
import type { Env } from './config/env.dto.js';
import { DatabaseModule } from './database/database.module.js';
import { AppGateway } from './gateway/app.gateway.js';
import { HealthModule } from './health/health.module.js';
import { LessonsModule } from './lessons/lessons.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RoomsModule } from './rooms/rooms.module.js';

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        }),
        DatabaseModule,
        HealthModule,
        AuthModule,
        LessonsModule,
        ClassesModule,
        RoomsModule,
        ReportsModule,
      ],
      providers: [AppGateway],
    };
  }
}
