import { Injectable } from '@nestjs/common';
import type { ClientToServerEvents, ServerToClientEvents } from '@podroom/contracts';
import type { Server } from 'socket.io';
import type { Audience, RoomBroadcaster } from './room.ports.js';

export type PodroomServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * socket.io room names. A room's students and hosts are separate channels, so a host never gets
 * a student payload and the reverse; each participant has a channel for personal events.
 * Broadcasting by channel works across processes once the Redis adapter is installed.
 */
export const channels = {
  students: (roomId: string) => `room:${roomId}:students`,
  hosts: (roomId: string) => `room:${roomId}:hosts`,
  participant: (participantId: string) => `participant:${participantId}`,
};

/** {@link RoomBroadcaster} over socket.io. The gateway hands it the server at start-up. */
@Injectable()
export class SocketIoBroadcaster implements RoomBroadcaster {
  private server: PodroomServer | undefined;

  bind(server: PodroomServer): void {
    this.server = server;
  }

  /** The socket.io server, once bound (the room registry relays requests through it). */
  get io(): PodroomServer | undefined {
    return this.server;
  }

  toRoom(
    roomId: string,
    audience: Audience,
    event: keyof ServerToClientEvents,
    payload: unknown,
    options?: { exceptParticipants?: readonly string[] },
  ): void {
    if (!this.server) return;
    const targets =
      audience === 'students'
        ? [channels.students(roomId)]
        : audience === 'hosts'
          ? [channels.hosts(roomId)]
          : [channels.students(roomId), channels.hosts(roomId)];
    let operator = this.server.to(targets);
    const except = options?.exceptParticipants ?? [];
    if (except.length > 0) operator = operator.except(except.map(channels.participant));
    (operator.emit as (event: string, payload: unknown) => boolean)(event, payload);
  }

  toParticipant(participantId: string, event: keyof ServerToClientEvents, payload: unknown): void {
    if (!this.server) return;
    const operator = this.server.to(channels.participant(participantId));
    (operator.emit as (event: string, payload: unknown) => boolean)(event, payload);
  }

  removeParticipant(roomId: string, participantId: string): void {
    this.server?.in(channels.participant(participantId)).socketsLeave(channels.students(roomId));
  }
}
