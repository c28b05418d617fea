import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SessionsQueryDto, type Page, type SessionSummaryView } from '@podroom/contracts';
import { CurrentInstructor, InstructorGuard } from '../auth/auth.guard.js';
import type { Instructor } from '../auth/instructors.repository.js';
import { documentDtos } from '../lessons/dto-schema.openapi.js';
import { ClassesService } from './classes.service.js';

documentDtos([SessionsQueryDto], {
  'SessionsQueryDto.classId': { description: 'Only the sessions taught to this class' },
});

@ApiTags('sessions')
@ApiBearerAuth()
@UseGuards(InstructorGuard)
@Controller('sessions')
export class SessionsController {
  constructor(private readonly classes: ClassesService) {}

  /** The instructor's sessions (live and ended), newest first: `?classId=&limit=&cursor=`. */
  @Get()
  list(
    @CurrentInstructor() instructor: Instructor,
    @Query() query: SessionsQueryDto,
  ): Promise<Page<SessionSummaryView>> {
    return this.classes.sessions(instructor.id, query);
  }
}
