import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  CreateClassDto,
  PageQueryDto,
  UpdateClassDto,
  type ClassSummaryView,
  type ClassView,
  type Page,
} from '@podroom/contracts';
import { CurrentInstructor, InstructorGuard } from '../auth/auth.guard.js';
import type { Instructor } from '../auth/instructors.repository.js';
import { documentDtos } from '../lessons/dto-schema.openapi.js';
import { ClassesService } from './classes.service.js';
import { ROSTER_MEDIA_TYPES } from './roster-body.middleware.js';

documentDtos([CreateClassDto, UpdateClassDto], {
  'CreateClassDto.name': { description: 'The class name, e.g. "Networking 101, Tuesday group"' },
});

const ClassId = () => Param('id', new ParseUUIDPipe());

@ApiTags('classes')
@ApiBearerAuth()
@UseGuards(InstructorGuard)
@Controller('classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  /** The instructor's classes, newest first: `?limit=&cursor=` → `{ items, nextCursor }`. */
  @Get()
  list(
    @CurrentInstructor() instructor: Instructor,
    @Query() query: PageQueryDto,
  ): Promise<Page<ClassSummaryView>> {
    return this.classes.list(instructor.id, query);
  }

  @Post()
  create(
    @CurrentInstructor() instructor: Instructor,
    @Body() dto: CreateClassDto,
  ): Promise<ClassView> {
    return this.classes.create(instructor.id, dto);
  }

  /** The class with its roster. */
  @Get(':id')
  get(@CurrentInstructor() instructor: Instructor, @ClassId() id: string): Promise<ClassView> {
    return this.classes.get(instructor.id, id);
  }

  /** Renames the class. */
  @Put(':id')
  rename(
    @CurrentInstructor() instructor: Instructor,
    @ClassId() id: string,
    @Body() dto: UpdateClassDto,
  ): Promise<ClassView> {
    return this.classes.rename(instructor.id, id, dto);
  }

  /** Deletes the class and its roster; its sessions and their reports stay. */
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentInstructor() instructor: Instructor, @ClassId() id: string): Promise<void> {
    return this.classes.remove(instructor.id, id);
  }

  /**
   * Replaces the roster with a CSV file (`text/csv`): a header naming `student_id` and
   * `display_name`, then a student per line. All or nothing: INVALID_ROSTER names each bad line.
   */
  @Put(':id/roster')
  @ApiConsumes(...ROSTER_MEDIA_TYPES)
  @ApiBody({
    description: 'CSV: `student_id,display_name` then one student per line (docs/classes.md)',
    schema: { type: 'string' },
  })
  replaceRoster(
    @CurrentInstructor() instructor: Instructor,
    @ClassId() id: string,
    @Body() csv: unknown,
  ): Promise<ClassView> {
    return this.classes.replaceRoster(instructor.id, id, csv);
  }
}
