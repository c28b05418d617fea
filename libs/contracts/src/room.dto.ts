import 'reflect-metadata'; // class-transformer's @Type reads decorator metadata
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsJWT,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';

/**
 * Payloads of the socket events (see events.ts), validated at the edge with class-validator: any
 * field not declared here, any wrong type or size is refused with INVALID_PAYLOAD.
 */

/** Largest step index a lesson may have (a sanity bound, not a product limit). */
export const MAX_STEP_INDEX = 10_000;
/** Bounds of the optional reading delay before answers open, ms. */
export const READING_DELAY_MS = { min: 0, max: 30_000 } as const;

const MAX_ANSWER_ITEMS = 50;
const MAX_ANSWER_TEXT = 200;

/**
 * An answer value of any question type: an id (string), a boolean, a finite number or a list of
 * ids. Its fit to the question is checked by the server (libs/quiz) → INVALID_ANSWER.
 */
export function IsAnswerValue(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAnswerValue',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `$property must be an option id, true/false, a number, or a list of at most ${MAX_ANSWER_ITEMS} ids`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          const isId = (v: unknown) =>
            typeof v === 'string' && v.length > 0 && v.length <= MAX_ANSWER_TEXT;
          if (typeof value === 'boolean') return true;
          if (typeof value === 'number') return Number.isFinite(value);
          if (Array.isArray(value)) return value.length <= MAX_ANSWER_ITEMS && value.every(isId);
          return isId(value);
        },
      },
    });
}

/** `room:join` — a student joins with the room's code. */
export class JoinRoomDto {
  @Matches(/^\d{6}$/, { message: 'code must be the 6-digit room code' })
  code!: string;

  /** Trimmed, 1–20 characters (see nickname.rules.ts); the raw string may be a little longer. */
  @IsString()
  @MaxLength(64)
  nickname!: string;

  /** The student's id on the class roster; needed when the room's class has one. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  rosterId?: string;
}

/** `room:resume` — a student comes back (reconnect, new tab, server restart) with their token. */
export class ResumeRoomDto {
  @IsJWT()
  @MaxLength(2048)
  token!: string;
}

/** `host:attach` — the instructor opens the host console of one of their rooms. */
export class AttachHostDto {
  @IsJWT()
  @MaxLength(2048)
  token!: string;

  @IsUUID()
  roomId!: string;
}

/** `host:next`, `host:previous` — move one step, based on the state version the host saw. */
export class StepMoveDto {
  @IsInt()
  @Min(0)
  version!: number;
}

/** `host:goto` — jump to a step (0-based index). */
export class GotoStepDto extends StepMoveDto {
  @IsInt()
  @Min(0)
  @Max(MAX_STEP_INDEX)
  index!: number;
}

/** `host:open-question` — ask one of the lesson's questions (by key). */
export class OpenQuestionDto {
  @IsInt()
  @Min(0)
  version!: number;

  @IsString()
  @Length(1, 100)
  questionKey!: string;

  /** Override the question's timer, 5–240 s. */
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(240)
  timeLimitSec?: number;

  /** Time to read before answers open. Default 0. */
  @IsOptional()
  @IsInt()
  @Min(READING_DELAY_MS.min)
  @Max(READING_DELAY_MS.max)
  readingDelayMs?: number;
}

/** `host:close-question` — close the open question now. */
export class CloseQuestionDto {
  @IsUUID()
  questionId!: string;
}

/** `host:kick` — remove a participant from the room. */
export class KickParticipantDto {
  @IsUUID()
  participantId!: string;
}

/** `host:lock` — refuse (or accept again) new joins. */
export class LockRoomDto {
  @IsBoolean()
  locked!: boolean;
}

/** `host:leaderboard` — hide or show the leaderboard. */
export class LeaderboardVisibilityDto {
  @IsBoolean()
  hidden!: boolean;
}

/** `host:end` — end the room: podium, read-only, report. */
export class EndRoomDto {
  @IsInt()
  @Min(0)
  version!: number;
}

/** `answer:submit` — a student answers the open question once. */
export class SubmitAnswerDto {
  @IsUUID()
  questionId!: string;

  @IsAnswerValue()
  value!: string | boolean | number | string[];
}

/** Payload of events that take no arguments (`ping`). */
export class EmptyDto {}

export const DETAIL_LEVELS = ['summary', 'hops'] as const;

/** Extra time for one participant, by nickname (accessibility). */
export class ExtraTimeDto {
  @IsString()
  @Length(1, 64)
  nickname!: string;

  /** Multiplier on every question's timer, 1–10. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(10)
  factor?: number;

  /** Milliseconds added, 0–3,600,000. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  extraMs?: number;
}

/** Options the host may set when creating a room. */
export class RoomSettingsDto {
  @IsOptional()
  @IsIn(DETAIL_LEVELS)
  detail?: (typeof DETAIL_LEVELS)[number];

  /** Kahoot speed scoring (default on). Off: flat points. */
  @IsOptional()
  @IsBoolean()
  speedScoring?: boolean;

  /** Answer streak bonus (default on). */
  @IsOptional()
  @IsBoolean()
  streaks?: boolean;

  /** Extra time for named participants (accessibility). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ExtraTimeDto)
  extraTime?: ExtraTimeDto[];
}

/** `POST /rooms` — a room from a built-in lesson (`lessonKey`) or a saved one (`lessonId`). */
export class CreateRoomDto {
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][-a-z0-9]{0,63}$/, { message: 'lessonKey must be a built-in lesson key' })
  lessonKey?: string;

  @IsOptional()
  @IsUUID()
  lessonId?: string;

  /** The class taught: students then join with their roster id, and the class report counts it. */
  @IsOptional()
  @IsUUID()
  classId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => RoomSettingsDto)
  settings?: RoomSettingsDto;
}
