import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import pLimit from 'p-limit';
import { ErrorCode } from '@podroom/contracts';
import type { Question } from '@podroom/quiz';
import type { DatabaseClient } from '../database/database.client.js';
import { DATABASE } from '../database/database.module.js';
import { DomainError } from '../errors/domain.errors.js';
import { Prisma, SessionStatus } from '../generated/prisma/client.js';
import type {
  NewAnswer,
  PersistedRoomState,
  RoomStatusValue,
  RoomStore,
  StateWrite,
  StoredParticipant,
  StoredQuestion,
  StoredRoom,
} from './room.ports.js';

const TO_DB: Record<RoomStatusValue, SessionStatus> = {
  lobby: SessionStatus.LOBBY,
  live: SessionStatus.LIVE,
  ended: SessionStatus.ENDED,
};
const FROM_DB: Record<SessionStatus, RoomStatusValue> = {
  LOBBY: 'lobby',
  LIVE: 'live',
  ENDED: 'ended',
};

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const changedElsewhere = () =>
  new DomainError(ErrorCode.STALE_VERSION, 'The room was changed elsewhere; refresh and try again');

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** Participant inserts in flight at once (the pool has 10 connections by default). */
const JOIN_INSERTS_AT_ONCE = 4;

/** Rooms in PostgreSQL (the `Session`, `LiveCode`, `Participant`, `Question`, `Answer` tables). */
@Injectable()
export class RoomsRepository implements RoomStore {
  /**
   * Joins insert outside their room's queue (room.runner.ts), so a crowd joining at once would
   * otherwise take every pooled connection and make answers and state writes wait for one: a few
   * at a time keeps the pool for them, and joins still overlap their round trips.
   */
  private readonly joinInserts = pLimit(JOIN_INSERTS_AT_ONCE);

  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}

  /** Creates a room with a live join code; null when the code is in use by another live room. */
  async createRoom(room: {
    lessonId: string;
    instructorId: string;
    classId: string | null;
    code: string;
    state: PersistedRoomState;
  }): Promise<{ id: string } | null> {
    try {
      return await this.db.prisma.session.create({
        data: {
          lessonId: room.lessonId,
          instructorId: room.instructorId,
          classId: room.classId,
          joinCode: room.code,
          state: json(room.state),
          liveCode: { create: { code: room.code } },
        },
        select: { id: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async findLiveRoomIdByCode(code: string): Promise<string | null> {
    const live = await this.db.prisma.liveCode.findUnique({
      where: { code },
      select: { sessionId: true },
    });
    return live?.sessionId ?? null;
  }

  /** Rooms that have a question open (their timers must run even if nobody reconnects). */
  async findRoomIdsWithOpenQuestion(): Promise<string[]> {
    const rows = await this.db.prisma.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM "Session"
      WHERE status <> 'ENDED' AND jsonb_typeof(state->'openQuestion') = 'object'`;
    return rows.map((r) => r.id);
  }

  async findOwner(roomId: string): Promise<{ instructorId: string; lessonId: string } | null> {
    return this.db.prisma.session.findUnique({
      where: { id: roomId },
      select: { instructorId: true, lessonId: true },
    });
  }

  async loadRoom(roomId: string): Promise<StoredRoom | null> {
    const row = await this.db.prisma.session.findUnique({
      where: { id: roomId },
      include: {
        participants: {
          select: { id: true, nickname: true, kicked: true, rosterId: true },
          orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }],
        },
        questions: { orderBy: { ordinal: 'asc' } },
        answers: {
          select: {
            questionId: true,
            participantId: true,
            value: true,
            responseMs: true,
            receivedAt: true,
            correct: true,
            credit: true,
            points: true,
          },
        },
      },
    });
    if (!row) return null;
    return {
      id: row.id,
      code: row.joinCode,
      lessonId: row.lessonId,
      instructorId: row.instructorId,
      classId: row.classId,
      status: FROM_DB[row.status],
      version: row.version,
      state: row.state as unknown as PersistedRoomState,
      createdAt: row.createdAt.getTime(),
      endedAt: row.endedAt?.getTime() ?? null,
      participants: row.participants,
      questions: row.questions.map((q): StoredQuestion => ({
        id: q.id,
        key: q.key,
        ordinal: q.ordinal,
        definition: q.definition as unknown as Question,
        timeLimitMs: q.timeLimitMs,
        openedAt: q.openedAt.getTime(),
        deadline: q.deadline.getTime(),
        closedAt: q.closedAt?.getTime() ?? null,
      })),
      answers: row.answers.map((a) => ({ ...a, receivedAt: a.receivedAt.getTime() })),
    };
  }

  async saveState(write: StateWrite): Promise<void> {
    await this.writeState(this.db.prisma, write);
  }

  async addParticipant(
    roomId: string,
    nickname: string,
    rosterId: string | null,
  ): Promise<StoredParticipant | null> {
    return this.joinInserts(async () => {
      try {
        return await this.db.prisma.participant.create({
          data: { sessionId: roomId, nickname, rosterId },
          select: { id: true, nickname: true, kicked: true, rosterId: true },
        });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    });
  }

  async rosterIds(classId: string): Promise<string[]> {
    const rows = await this.db.prisma.rosterStudent.findMany({
      where: { classId },
      select: { studentId: true },
    });
    return rows.map((r) => r.studentId);
  }

  async setKicked(participantId: string): Promise<void> {
    await this.db.prisma.participant.update({
      where: { id: participantId },
      data: { kicked: true },
    });
  }

  async openQuestion(write: StateWrite, question: Omit<StoredQuestion, 'closedAt'>): Promise<void> {
    await this.db.prisma.$transaction(async (tx) => {
      await this.writeState(tx, write);
      await tx.question.create({
        data: {
          id: question.id,
          sessionId: write.roomId,
          key: question.key,
          ordinal: question.ordinal,
          definition: json(question.definition),
          points: question.definition.points,
          timeLimitMs: question.timeLimitMs,
          openedAt: new Date(question.openedAt),
          deadline: new Date(question.deadline),
        },
      });
    });
  }

  async closeQuestion(write: StateWrite, questionId: string, closedAt: number): Promise<void> {
    await this.db.prisma.$transaction(async (tx) => {
      await this.writeState(tx, write);
      await tx.question.update({
        where: { id: questionId },
        data: { closedAt: new Date(closedAt) },
      });
    });
  }

  async endRoom(write: StateWrite, endedAt: number): Promise<void> {
    await this.db.prisma.$transaction(async (tx) => {
      await this.writeState(tx, write, new Date(endedAt));
      await tx.liveCode.deleteMany({ where: { sessionId: write.roomId } });
    });
  }

  /**
   * One statement for the whole batch: the rows travel as one array per column and `unnest`
   * turns them back into rows. (Prisma's createMany spends ~1 ms of CPU per row here.)
   *
   * Idempotent, so that a batch can be written again after a failure that may have committed
   * (the connection lost after COMMIT): a row for a (participant, question) that already has one
   * replaces its values, so the stored answer is the one last written — the one acknowledged.
   * A participant has at most one answer in flight per question (the room refuses repeats), so
   * a batch never holds the same pair twice.
   */
  async insertAnswers(answers: NewAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    const column = <T>(pick: (a: NewAnswer) => T) => answers.map(pick);
    await this.db.prisma.$executeRaw`
      INSERT INTO "Answer" ("id", "sessionId", "questionId", "participantId", "value", "correct",
                            "credit", "points", "responseMs", "receivedAt")
      SELECT * FROM unnest(
        ${column(() => randomUUID())}::uuid[],
        ${column((a) => a.roomId)}::uuid[],
        ${column((a) => a.questionId)}::uuid[],
        ${column((a) => a.participantId)}::uuid[],
        ${column((a) => JSON.stringify(a.value))}::text[]::jsonb[],
        ${column((a) => a.correct)}::boolean[],
        ${column((a) => a.credit)}::double precision[],
        ${column((a) => a.points)}::integer[],
        ${column((a) => a.responseMs)}::integer[],
        ${column((a) => new Date(a.receivedAt).toISOString())}::text[]::timestamptz[]
      )
      ON CONFLICT ("participantId", "questionId") DO UPDATE SET
        "value" = EXCLUDED."value", "correct" = EXCLUDED."correct", "credit" = EXCLUDED."credit",
        "points" = EXCLUDED."points", "responseMs" = EXCLUDED."responseMs",
        "receivedAt" = EXCLUDED."receivedAt"`;
  }

  /** Writes the state if the stored version is still the expected one. */
  private async writeState(
    client: Pick<Prisma.TransactionClient, 'session'>,
    write: StateWrite,
    endedAt?: Date,
  ): Promise<void> {
    const { count } = await client.session.updateMany({
      where: { id: write.roomId, version: write.expectedVersion },
      data: {
        state: json(write.state),
        version: write.version,
        status: TO_DB[write.status],
        ...(endedAt && { endedAt }),
      },
    });
    if (count === 0) throw changedElsewhere();
  }
}
