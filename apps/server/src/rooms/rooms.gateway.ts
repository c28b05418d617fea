import { UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import {
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  AttachHostDto,
  CloseQuestionDto,
  EndRoomDto,
  GotoStepDto,
  JoinRoomDto,
  KickParticipantDto,
  LeaderboardVisibilityDto,
  LockRoomDto,
  OpenQuestionDto,
  ResumeRoomDto,
  StepMoveDto,
  SubmitAnswerDto,
} from '@podroom/contracts';
import type { Socket } from 'socket.io';
import { WsExceptionFilter } from '../errors/ws-exception.filter.js';
import { GATEWAY_OPTIONS } from '../gateway/gateway.options.js';
import { WsRateLimitGuard } from '../gateway/ws-rate-limit.guard.js';
import { wsValidationPipe } from '../gateway/ws-validation.pipe.js';
import { Connection, RoomConnection } from './room.connection.js';
import { RoomsService } from './rooms.service.js';
import { SocketIoBroadcaster, type PodroomServer } from './socket-io.broadcaster.js';

/** Room events (docs/protocol.md). Each handler validates its payload and hands it on. */
@UseFilters(WsExceptionFilter)
@UseGuards(WsRateLimitGuard)
@UsePipes(wsValidationPipe)
@WebSocketGateway(GATEWAY_OPTIONS)
export class RoomsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly rooms: RoomsService,
    private readonly broadcaster: SocketIoBroadcaster,
  ) {}

  afterInit(server: PodroomServer) {
    this.broadcaster.bind(server);
  }

  handleConnection(socket: Socket) {
    return this.rooms.connected(new RoomConnection(socket));
  }

  handleDisconnect(socket: Socket) {
    return this.rooms.disconnected(new RoomConnection(socket));
  }

  @SubscribeMessage('room:join')
  join(@Connection() connection: RoomConnection, @MessageBody() dto: JoinRoomDto) {
    return this.rooms.join(connection, dto);
  }

  @SubscribeMessage('room:resume')
  resume(@Connection() connection: RoomConnection, @MessageBody() dto: ResumeRoomDto) {
    return this.rooms.resume(connection, dto);
  }

  @SubscribeMessage('answer:submit')
  submitAnswer(@Connection() connection: RoomConnection, @MessageBody() dto: SubmitAnswerDto) {
    return this.rooms.submitAnswer(connection, dto);
  }

  @SubscribeMessage('host:attach')
  attachHost(@Connection() connection: RoomConnection, @MessageBody() dto: AttachHostDto) {
    return this.rooms.attachHost(connection, dto);
  }

  @SubscribeMessage('host:next')
  next(@Connection() connection: RoomConnection, @MessageBody() dto: StepMoveDto) {
    return this.rooms.next(connection, dto);
  }

  @SubscribeMessage('host:previous')
  previous(@Connection() connection: RoomConnection, @MessageBody() dto: StepMoveDto) {
    return this.rooms.previous(connection, dto);
  }

  @SubscribeMessage('host:goto')
  goto(@Connection() connection: RoomConnection, @MessageBody() dto: GotoStepDto) {
    return this.rooms.goto(connection, dto);
  }

  @SubscribeMessage('host:open-question')
  openQuestion(@Connection() connection: RoomConnection, @MessageBody() dto: OpenQuestionDto) {
    return this.rooms.openQuestion(connection, dto);
  }

  @SubscribeMessage('host:close-question')
  closeQuestion(@Connection() connection: RoomConnection, @MessageBody() dto: CloseQuestionDto) {
    return this.rooms.closeQuestion(connection, dto);
  }

  @SubscribeMessage('host:kick')
  kick(@Connection() connection: RoomConnection, @MessageBody() dto: KickParticipantDto) {
    return this.rooms.kick(connection, dto);
  }

  @SubscribeMessage('host:lock')
  lock(@Connection() connection: RoomConnection, @MessageBody() dto: LockRoomDto) {
    return this.rooms.lock(connection, dto);
  }

  @SubscribeMessage('host:leaderboard')
  leaderboard(
    @Connection() connection: RoomConnection,
    @MessageBody() dto: LeaderboardVisibilityDto,
  ) {
    return this.rooms.leaderboard(connection, dto);
  }

  @SubscribeMessage('host:end')
  end(@Connection() connection: RoomConnection, @MessageBody() dto: EndRoomDto) {
    return this.rooms.end(connection, dto);
  }
}
