import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { LessonsController } from './lessons.controller.js';
import { LessonsRepository } from './lessons.repository.js';
import { LessonsService } from './lessons.service.js';
import { YamlBodyMiddleware } from './yaml-body.middleware.js';

@Module({
  imports: [AuthModule],
  controllers: [LessonsController],
  providers: [LessonsService, LessonsRepository],
  exports: [LessonsService],
})
export class LessonsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(YamlBodyMiddleware)
      .forRoutes({ path: 'lessons/import', method: RequestMethod.POST });
  }
}
