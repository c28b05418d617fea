import { Logger, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import {
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import type { Ack } from '@podroom/contracts';
import type { Server, Socket } from 'socket.io';
import { WsExceptionFilter } from '../errors/ws-exception.filter.js';
import { GATEWAY_OPTIONS } from './gateway.options.js';
import { guardSocketEvents } from './unknown-event.middleware.js';
import { WsRateLimitGuard } from './ws-rate-limit.guard.js';
import { wsValidationPipe } from './ws-validation.pipe.js';

/**
 * Accepts socket connections, guards their events (unknown-event.middleware.ts) and answers
 * `ping`; room events live in rooms/rooms.gateway.ts.
 */
@UseFilters(WsExceptionFilter)
@UseGuards(WsRateLimitGuard)
@UsePipes(wsValidationPipe)
@WebSocketGateway(GATEWAY_OPTIONS)
export class AppGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(AppGateway.name);

  /** The socket.io server (shared by every gateway; spans processes when REDIS_URL is set). */
  @WebSocketServer()
  readonly server!: Server;

  handleConnection(client: Socket): void {
    guardSocketEvents(client, this.logger);
    this.logger.debug(`connected ${client.id}`);
  }

  handleDisconnect(client: Socket): void {
    this.logger.debug(`disconnected ${client.id}`);
  }

  @SubscribeMessage('ping')
  ping(): Ack<{ serverTime: number }> {
    return { ok: true, serverTime: Date.now() };
  }
}
