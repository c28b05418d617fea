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
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CreateLessonDto,
  PageQueryDto,
  ReplaceLessonDto,
  type BuiltInLessonView,
  type LessonSummaryView,
  type LessonView,
  type Page,
} from '@podroom/contracts';
import { CurrentInstructor, InstructorGuard } from '../auth/auth.guard.js';
import { documentDtos } from './dto-schema.openapi.js';
import type { Instructor } from '../auth/instructors.repository.js';
import { LessonsService, type LessonFile } from './lessons.service.js';
import { YAML_MEDIA_TYPES } from './yaml-body.middleware.js';

documentDtos([CreateLessonDto, ReplaceLessonDto, PageQueryDto], {
  'CreateLessonDto.scenarioYaml': {
    description: 'The simulation scenario, a YAML text (docs/lessons.md)',
  },
  'CreateLessonDto.questions': {
    description:
      'Authored questions (libs/quiz Question): { id, type: single|multi|true-false|numeric|ordering|hotspot, prompt, points: 0|1000|2000, timeLimitSec: 5–240, options?: [{ id, text }], answer, concept?, misconceptions?: { optionId: note }, explanation?, tolerance?, unit?, partialCredit?, stepRef? }',
  },
  'LessonTimelineDto.detail': { description: 'Detail level of the steps (default summary)' },
  'LessonTimelineDto.actions': {
    description: 'Script actions (1-based) to step through; default: every one that moves a packet',
  },
  'LessonTimelineDto.generatedQuestions': {
    type: undefined,
    oneOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
    description: 'Generated questions to offer: true (all, default), false (none) or their ids',
  },
  'TimelineCueDto.atStep': { description: 'Step (0-based) at which the question is suggested' },
  'PageQueryDto.limit': { description: 'Items per page (default 20)' },
  'PageQueryDto.cursor': { description: 'nextCursor of the previous page' },
});

const LessonId = () => Param('id', new ParseUUIDPipe());

/** A lesson file as a download (`text/yaml` attachment). */
const yamlAttachment = ({ filename, text }: LessonFile): StreamableFile =>
  new StreamableFile(Buffer.from(text, 'utf8'), {
    type: 'text/yaml; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });

@ApiTags('lessons')
@Controller('lessons')
export class LessonsController {
  constructor(private readonly lessons: LessonsService) {}

  /** The built-in lessons, usable with no authoring (`POST /rooms { lessonKey }`). */
  @Get('built-in')
  builtIn(): BuiltInLessonView[] {
    return this.lessons.listBuiltIn();
  }

  /** The instructor's own editable copy of a built-in lesson. */
  @Post('built-in/:key/copy')
  @ApiBearerAuth()
  @UseGuards(InstructorGuard)
  copy(
    @CurrentInstructor() instructor: Instructor,
    @Param('key') key: string,
  ): Promise<LessonView> {
    return this.lessons.copyBuiltIn(instructor.id, key);
  }

  /** The instructor's lessons, newest first: `?limit=&cursor=` → `{ items, nextCursor }`. */
  @Get()
  @ApiBearerAuth()
  @UseGuards(InstructorGuard)
  list(
    @CurrentInstructor() instructor: Instructor,
    @Query() query: PageQueryDto,
  ): Promise<Page<LessonSummaryView>> {
    return this.lessons.list(instructor.id, query);
  }

  /** A new lesson; refused with INVALID_LESSON (400) naming each problem's field and line. */
  @Post()
  @ApiBearerAuth()
  @UseGuards(InstructorGuard)
  create(
    @CurrentInstructor() instructor: Instructor,
    @Body() dto: CreateLessonDto,
  ): Promise<LessonView> {
    return this.lessons.create(instructor.id, dto);
  }

  /** A lesson from a lesson file (the body, `text/yaml`); problems name the file's lines. */
  @Post('import')
  @ApiBearerAuth()
  @UseGuards(InstructorGuard)
  @ApiConsumes(...YAML_MEDIA_TYPES)
  @ApiBody({ description: 'A lesson file (docs/lessons.md)', schema: { type: 'string' } })
  import(@CurrentInstructor() instructor: Instructor, @Body() file: unknown): Promise<LessonView> {
    return this.lessons.importFile(instructor.id, file);
  }

  @Get(':id')
  @ApiBearerAuth()
  @UseGuards(InstructorGuard)
  get(@CurrentInstructor() instructor: Instructor, @LessonId() id: string): Promise<LessonView> {
    return this.lessons.get(instructor.id, id);
  }

  /** The lesson as one YAML file (`text/yaml` attachment). */
  @Get(':id/export')
  @ApiBearerAuth()
  @UseGuards(InstructorGuard)
  @ApiProduces('text/yaml')
  async export(
    @CurrentInstructor() instructor: Instructor,
    @LessonId() id: string,
  ): Promise<StreamableFile> {
    return yamlAttachment(await this.lessons.exportFile(instructor.id, id));
  }

  /** Replaces the whole lesson; rooms created afterwards use the new version. */
  @Put(':id')
  @ApiBearerAuth()
  @UseGuards(InstructorGuard)
  replace(
    @CurrentInstructor() instructor: Instructor,
    @LessonId() id: string,
    @Body() dto: ReplaceLessonDto,
  ): Promise<LessonView> {
    return this.lessons.replace(instructor.id, id, dto);
  }

  /** Deletes a lesson that no session uses (LESSON_IN_USE, 409, otherwise). */
  @Delete(':id')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(InstructorGuard)
  remove(@CurrentInstructor() instructor: Instructor, @LessonId() id: string): Promise<void> {
    return this.lessons.remove(instructor.id, id);
  }
}
