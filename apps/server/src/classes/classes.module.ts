import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ClassesController } from './classes.controller.js';
import { ClassesRepository } from './classes.repository.js';
import { ClassesService } from './classes.service.js';
import { RosterBodyMiddleware } from './roster-body.middleware.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [AuthModule],
  controllers: [ClassesController, SessionsController],
  providers: [ClassesService, ClassesRepository, SessionsRepository],
  exports: [ClassesService],
})
export class ClassesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RosterBodyMiddleware)
      .forRoutes({ path: 'classes/:id/roster', method: RequestMethod.PUT });
  }
}
