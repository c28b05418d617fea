import type { SchemaObject } from '@nestjs/swagger';

/**
 * OpenAPI schemas of the report responses. The reports are interfaces in libs/contracts (no
 * decorators there), so their schemas are written out here; report.openapi.spec.ts checks them
 * against reports actually built, so they cannot silently fall behind.
 */

const str: SchemaObject = { type: 'string' };
const strOrNull: SchemaObject = { type: 'string', nullable: true };
const int: SchemaObject = { type: 'integer' };
const num: SchemaObject = { type: 'number' };
const numOrNull: SchemaObject = { type: 'number', nullable: true };
const intOrNull: SchemaObject = { type: 'integer', nullable: true };
const bool: SchemaObject = { type: 'boolean' };
const any: SchemaObject = { description: 'An answer value (libs/quiz AnswerValue)' };
const anyOrNull: SchemaObject = { ...any, nullable: true };
const iso: SchemaObject = { type: 'string', format: 'date-time' };
const isoOrNull: SchemaObject = { ...iso, nullable: true };
const status: SchemaObject = { type: 'string', enum: ['lobby', 'live', 'ended'] };

/** An object whose listed properties are all required. */
const object = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
  type: 'object',
  ...(description && { description }),
  properties,
  required: Object.keys(properties),
});
const array = (items: SchemaObject, description?: string): SchemaObject => ({
  type: 'array',
  ...(description && { description }),
  items,
});

const distribution = object({
  questionId: str,
  type: str,
  answered: int,
  correct: int,
  partial: int,
  incorrect: int,
  invalid: int,
  counts: array(object({ key: str, count: int })),
});

const participantAnswer = object({
  questionId: str,
  ordinal: int,
  status: { type: 'string', enum: ['correct', 'partial', 'wrong', 'late', 'unanswered'] },
  value: anyOrNull,
  correct: bool,
  credit: num,
  late: bool,
  responseMs: intOrNull,
  points: int,
});

export const RoomReportSchema: SchemaObject = object(
  {
    room: object({
      id: str,
      code: str,
      lessonTitle: str,
      status,
      createdAt: iso,
      endedAt: isoOrNull,
      classId: strOrNull,
    }),
    questions: array(
      object({
        questionId: str,
        ordinal: int,
        key: str,
        type: str,
        prompt: str,
        points: int,
        concept: strOrNull,
        options: array(object({ id: str, text: str })),
        answer: any,
        answered: int,
        unanswered: int,
        correct: int,
        partial: int,
        late: int,
        correctPercent: numOrNull,
        averageResponseMs: numOrNull,
        distribution,
      }),
      'In the order asked',
    ),
    hardestFirst: array(
      str,
      'Question ids: lowest correct % first, then lowest mean credit, slowest, order asked',
    ),
    participants: array(
      object({
        rank: int,
        participantId: str,
        nickname: str,
        rosterId: strOrNull,
        kicked: bool,
        points: int,
        correct: int,
        answered: int,
        unanswered: int,
        accuracyPercent: numOrNull,
        averageResponseMs: numOrNull,
        streak: int,
        bestStreak: int,
        answers: array(participantAnswer, 'One per asked question, in the order asked'),
      }),
      'Ranked',
    ),
    answers: array(
      object({
        questionId: str,
        participantId: str,
        value: any,
        responseMs: int,
        correct: bool,
        credit: num,
        late: bool,
        points: int,
      }),
    ),
  },
  'A session report, recomputed from the stored answers (RoomReport in @podroom/contracts)',
);

const conceptSession = object({
  roomId: str,
  questions: int,
  opportunities: int,
  answered: int,
  correct: int,
  accuracyPercent: numOrNull,
});

export const ClassReportSchema: SchemaObject = object(
  {
    class: object({ id: str, name: str, rosterSize: int }),
    sessions: array(
      object({
        roomId: str,
        code: str,
        lessonId: str,
        lessonTitle: str,
        status,
        createdAt: iso,
        endedAt: isoOrNull,
        questions: int,
        participants: int,
        rosterParticipants: int,
        accuracyPercent: numOrNull,
      }),
      'Oldest first',
    ),
    students: array(
      object({
        rosterId: str,
        displayName: str,
        sessionsAttended: int,
        questions: int,
        answered: int,
        correct: int,
        points: int,
        accuracyPercent: numOrNull,
        trend: array(
          object({
            roomId: str,
            attended: bool,
            participantId: strOrNull,
            nickname: strOrNull,
            rank: intOrNull,
            points: int,
            questions: int,
            answered: int,
            correct: int,
            accuracyPercent: numOrNull,
          }),
          'One per session, oldest first',
        ),
      }),
    ),
    unlinked: array(
      object({ roomId: str, participantId: str, nickname: str, rosterId: strOrNull, points: int }),
    ),
    concepts: array(
      object({
        concept: str,
        questions: int,
        opportunities: int,
        answered: int,
        correct: int,
        accuracyPercent: numOrNull,
        trend: array(conceptSession),
      }),
    ),
    wrongOptions: array(
      object({
        lessonId: str,
        questionKey: str,
        prompt: str,
        concept: strOrNull,
        optionId: str,
        optionText: str,
        note: strOrNull,
        count: int,
        answered: int,
        percentOfAnswers: num,
        sessions: int,
      }),
      'Most picked first',
    ),
  },
  'A class report, recomputed from the stored answers (ClassReport in @podroom/contracts)',
);
