import 'reflect-metadata'; // class-transformer's @Type reads decorator metadata
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import type { LessonScoring, LessonTimeline } from './lesson.types.js';
import { DETAIL_LEVELS, MAX_STEP_INDEX } from './room.dto.js';

/**
 * Bodies of the lesson endpoints (`POST /lessons`, `PUT /lessons/:id`). These check the shape;
 * the server then compiles the lesson (scenario through the simulation, questions through
 * libs/quiz, cues against the steps) and refuses it with INVALID_LESSON naming line and field.
 */

/** Bounds of a lesson (sanity limits, not product limits). */
export const LESSON_LIMITS = {
  title: 200,
  /** Characters of scenario YAML. */
  scenario: 200_000,
  questions: 200,
  cues: 200,
  actions: 100,
  /** Bytes of an imported lesson file (`POST /lessons/import`). */
  fileBytes: 512 * 1024,
} as const;

/** `generatedQuestions`: true (all), false (none) or a list of generated question ids. */
export function IsGeneratedQuestions(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isGeneratedQuestions',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `$property must be true, false or a list of at most ${LESSON_LIMITS.questions} generated question ids`,
        ...options,
      },
      validator: {
        validate: (value: unknown): boolean =>
          typeof value === 'boolean' ||
          (Array.isArray(value) &&
            value.length <= LESSON_LIMITS.questions &&
            value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 100)),
      },
    });
}

/** Ask a question at a step: `{ question: 'exchange-length', atStep: 6 }`. */
export class TimelineCueDto {
  /** The question's id (authored or generated). */
  @IsString()
  @Length(1, 100)
  question!: string;

  /** 0-based index in the lesson's steps. */
  @IsInt()
  @Min(0)
  @Max(MAX_STEP_INDEX)
  atStep!: number;
}

/** The lesson's timeline (see {@link LessonTimeline}). */
export class LessonTimelineDto implements LessonTimeline {
  @IsOptional()
  @IsIn(DETAIL_LEVELS)
  detail?: (typeof DETAIL_LEVELS)[number];

  /** Script actions (1-based) to step through; default: every action that moves a packet. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LESSON_LIMITS.actions)
  @IsInt({ each: true })
  @Min(1, { each: true })
  actions?: number[];

  @IsOptional()
  @IsGeneratedQuestions()
  generatedQuestions?: boolean | string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LESSON_LIMITS.cues)
  @ValidateNested({ each: true })
  @Type(() => TimelineCueDto)
  cues?: TimelineCueDto[];
}

/** A lesson's scoring options; a room's settings override them. */
export class LessonScoringDto implements LessonScoring {
  @IsOptional()
  @IsBoolean()
  speedScoring?: boolean;

  @IsOptional()
  @IsBoolean()
  streaks?: boolean;
}

/** `POST /lessons` — a new lesson of the signed-in instructor. */
export class CreateLessonDto {
  @IsString()
  @Length(1, LESSON_LIMITS.title)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  /** The simulation scenario (docs/lessons.md). */
  @IsString()
  @Length(1, LESSON_LIMITS.scenario)
  scenarioYaml!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => LessonTimelineDto)
  timeline?: LessonTimelineDto;

  /**
   * Authored questions (libs/quiz `Question`: `{ id, type, prompt, points, timeLimitSec, options?,
   * answer, concept?, misconceptions?, … }`), checked by libs/quiz with their path.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LESSON_LIMITS.questions)
  @IsObject({ each: true })
  questions?: Record<string, unknown>[];

  @IsOptional()
  @ValidateNested()
  @Type(() => LessonScoringDto)
  scoring?: LessonScoringDto;
}

/** `PUT /lessons/:id` — the whole lesson, replacing the stored one. */
export class ReplaceLessonDto extends CreateLessonDto {}
