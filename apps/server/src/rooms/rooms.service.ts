import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type {
  AnswerAck,
  AttachHostDto,
  CloseQuestionDto,
  CreatedRoom,
  CreateRoomDto,
  EndRoomDto,
  GotoStepDto,
  HostSnapshot,
  JoinRoomDto,
  KickParticipantDto,
  LeaderboardVisibilityDto,
  LockRoomDto,
  OpenQuestionDto,
  ResumeRoomDto,
  StepMoveDto,
  StudentSnapshot,
  SubmitAnswerDto,
} from '@podroom/contracts';
import QRCode from 'qrcode';
import type { Instructor } from '../auth/instructors.repository.js';
import { TokenService } from '../auth/token.service.js';
import { ClassesService } from '../classes/classes.service.js';
import { AppConfig } from '../config/app-config.service.js';
import { InvalidPayloadError } from '../errors/domain.errors.js';
import { clientIp, type TrustProxy } from '../gateway/client-ip.js';
import { LessonsService } from '../lessons/lessons.service.js';
import { JoinLimiter } from './join.limiter.js';
import type { RoomConnection } from './room.connection.js';
import { RoomErrors } from './room.errors.js';
import type { HostAction, JoinResult } from './room.intents.js';
import type { PersistedRoomState } from './room.ports.js';
import { RoomRegistry } from './room.registry.js';
import { RoomsRepository } from './rooms.repository.js';

const CODE_ATTEMPTS = 20;

/**
 * The rooms use cases: who may do what (tokens, roles), then one call to the room's runner.
 * Transport-neutral apart from {@link RoomConnection}, the caller's socket identity.
 */
@Injectable()
export class RoomsService {
  private readonly logger = new Logger(RoomsService.name);

  constructor(
    private readonly registry: RoomRegistry,
    private readonly repository: RoomsRepository,
    private readonly lessons: LessonsService,
    private readonly classes: ClassesService,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
    @Inject(JoinLimiter) private readonly joinLimiter: JoinLimiter,
    private readonly http: HttpAdapterHost,
  ) {}

  // ------------------------------------------------------------------ HTTP

  async create(instructor: Instructor, dto: CreateRoomDto, origin: string): Promise<CreatedRoom> {
    if ((dto.lessonKey === undefined) === (dto.lessonId === undefined))
      throw new InvalidPayloadError('Give either lessonKey (built-in lesson) or lessonId');
    const lesson = await this.lessons.resolve(instructor.id, dto);
    if (dto.classId !== undefined) await this.classes.owned(instructor.id, dto.classId);
    const settings = dto.settings ?? {};
    const detail = settings.detail ?? lesson.timeline.detail ?? 'summary';
    this.lessons.planOf(lesson, detail); // fails here, not in the room, if the lesson is broken
    const base = (this.config.get('PUBLIC_URL') ?? origin).replace(/\/+$/, '');
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const joinUrl = `${base}/join/${code}`;
      const state: PersistedRoomState = {
        step: 0,
        locked: false,
        leaderboardHidden: false,
        openQuestion: null,
        lastClosedQuestionId: null,
        lastCloseReason: null,
        joinUrl,
        settings: {
          detail,
          ...(settings.speedScoring !== undefined && { speedScoring: settings.speedScoring }),
          ...(settings.streaks !== undefined && { streaks: settings.streaks }),
          extraTime: (settings.extraTime ?? []).map((e) => ({ ...e })),
        },
      };
      const room = await this.repository.createRoom({
        lessonId: lesson.id,
        instructorId: instructor.id,
        classId: dto.classId ?? null,
        code,
        state,
      });
      if (!room) continue; // the code belongs to another live room: draw again
      const svg = await QRCode.toString(joinUrl, { type: 'svg', margin: 1 });
      return {
        roomId: room.id,
        code,
        joinUrl,
        qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
        lessonId: lesson.id,
        lessonTitle: lesson.title,
      };
    }
    this.logger.error('No free join code after several attempts');
    throw RoomErrors.unavailable();
  }

  // ------------------------------------------------------------------ sockets: who

  async join(
    connection: RoomConnection,
    dto: JoinRoomDto,
  ): Promise<{ ok: true; token: string; participantId: string; snapshot: StudentSnapshot }> {
    await this.joinLimiter.consume(dto.code, this.ipOf(connection)); // before any database work
    const roomId = await this.repository.findLiveRoomIdByCode(dto.code);
    if (!roomId) throw RoomErrors.notFound();
    this.leaveOtherRoom(connection, roomId);
    const { participantId, snapshot } = (await this.registry.run(roomId, {
      kind: 'join',
      socketId: connection.id,
      nickname: dto.nickname,
      ...(dto.rosterId !== undefined && { rosterId: dto.rosterId }),
    })) as JoinResult;
    connection.bindStudent(roomId, participantId);
    return {
      ok: true,
      token: this.tokens.signParticipant(participantId, roomId),
      participantId,
      snapshot,
    };
  }

  async resume(
    connection: RoomConnection,
    dto: ResumeRoomDto,
  ): Promise<{ ok: true; participantId: string; snapshot: StudentSnapshot }> {
    const claims = this.tokens.verifyParticipant(dto.token);
    this.leaveOtherRoom(connection, claims.room);
    const snapshot = (await this.registry.run(claims.room, {
      kind: 'resume',
      socketId: connection.id,
      participantId: claims.sub,
    })) as StudentSnapshot;
    connection.bindStudent(claims.room, claims.sub);
    return { ok: true, participantId: claims.sub, snapshot };
  }

  async attachHost(
    connection: RoomConnection,
    dto: AttachHostDto,
  ): Promise<{ ok: true; snapshot: HostSnapshot }> {
    const claims = this.tokens.verifyInstructor(dto.token);
    this.leaveOtherRoom(connection, dto.roomId);
    const snapshot = (await this.registry.run(dto.roomId, {
      kind: 'attach-host',
      socketId: connection.id,
      instructorId: claims.sub,
    })) as HostSnapshot;
    connection.bindHost(dto.roomId, claims.sub);
    return { ok: true, snapshot };
  }

  /** A socket connected; if socket.io recovered it, its identity is back: count it in again. */
  connected(connection: RoomConnection): void {
    const identity = connection.identity;
    if (!connection.recovered || !identity) return;
    this.registry.presenceChanged(identity, connection.id, true);
  }

  disconnected(connection: RoomConnection): void {
    const identity = connection.identity;
    if (identity) this.registry.presenceChanged(identity, connection.id, false);
  }

  // ------------------------------------------------------------------ sockets: host

  next(connection: RoomConnection, dto: StepMoveDto) {
    return this.host(connection, { op: 'move', to: 'next', version: dto.version });
  }

  previous(connection: RoomConnection, dto: StepMoveDto) {
    return this.host(connection, { op: 'move', to: 'previous', version: dto.version });
  }

  goto(connection: RoomConnection, dto: GotoStepDto) {
    return this.host(connection, { op: 'move', to: dto.index, version: dto.version });
  }

  openQuestion(connection: RoomConnection, dto: OpenQuestionDto) {
    const { version, questionKey, timeLimitSec, readingDelayMs } = dto;
    return this.host(connection, {
      op: 'open-question',
      input: {
        version,
        questionKey,
        ...(timeLimitSec !== undefined && { timeLimitSec }),
        ...(readingDelayMs !== undefined && { readingDelayMs }),
      },
    });
  }

  closeQuestion(connection: RoomConnection, dto: CloseQuestionDto) {
    return this.host(connection, { op: 'close-question', questionId: dto.questionId });
  }

  kick(connection: RoomConnection, dto: KickParticipantDto) {
    return this.host(connection, { op: 'kick', participantId: dto.participantId });
  }

  lock(connection: RoomConnection, dto: LockRoomDto) {
    return this.host(connection, { op: 'lock', locked: dto.locked });
  }

  leaderboard(connection: RoomConnection, dto: LeaderboardVisibilityDto) {
    return this.host(connection, { op: 'leaderboard', hidden: dto.hidden });
  }

  end(connection: RoomConnection, dto: EndRoomDto) {
    return this.host(connection, { op: 'end', version: dto.version });
  }

  // ------------------------------------------------------------------ sockets: students

  async submitAnswer(connection: RoomConnection, dto: SubmitAnswerDto): Promise<AnswerAck> {
    const identity = connection.identity;
    if (identity?.role !== 'student') throw RoomErrors.notJoined();
    return (await this.registry.run(identity.roomId, {
      kind: 'answer',
      participantId: identity.participantId,
      questionId: dto.questionId,
      value: dto.value,
    })) as AnswerAck;
  }

  // ------------------------------------------------------------------ internals

  /** The caller's IP, behind TRUST_PROXY's proxies as for HTTP (`req.ip`). */
  private ipOf(connection: RoomConnection): string {
    const express = this.http.httpAdapter?.getInstance<{ get(name: string): unknown }>();
    const trust = express?.get('trust proxy fn');
    const { address, forwardedFor } = connection.remote;
    return clientIp(address, forwardedFor, (trust as TrustProxy | undefined) ?? (() => false));
  }

  /** A host action, run by the room's owner, which checks the instructor owns the room. */
  private async host(connection: RoomConnection, action: HostAction): Promise<{ ok: true }> {
    const identity = connection.identity;
    if (identity?.role !== 'host') throw RoomErrors.notHost();
    const result = await this.registry.run(identity.roomId, {
      kind: 'host',
      instructorId: identity.instructorId,
      action,
    });
    return ok(result as object);
  }

  /**
   * A socket that speaks for someone in another room stops counting there (within the same room,
   * the room's owner replaces the socket's identity itself, in order).
   */
  private leaveOtherRoom(connection: RoomConnection, roomId: string): void {
    const identity = connection.identity;
    if (identity && identity.roomId !== roomId)
      this.registry.presenceChanged(identity, connection.id, false);
  }
}

const ok = <T extends object>(value: T): { ok: true } & T => ({ ok: true, ...value });
