import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { channels } from './socket-io.broadcaster.js';

/** Who a socket speaks for, once it joined, resumed or attached as host. */
export type SocketIdentity =
  | { role: 'student'; roomId: string; participantId: string }
  | { role: 'host'; roomId: string; instructorId: string };

/**
 * One client connection as the rooms service sees it: its identity (kept in `socket.data`, so
 * socket.io's connection-state recovery restores it) and the channels it listens on.
 */
export class RoomConnection {
  constructor(private readonly socket: Socket) {}

  /** The socket's id (unique across processes; kept by connection-state recovery). */
  get id(): string {
    return this.socket.id;
  }

  get identity(): SocketIdentity | undefined {
    return (this.socket.data as { identity?: SocketIdentity }).identity;
  }

  /** The connection's address and the X-Forwarded-For it came with (gateway/client-ip.ts). */
  get remote(): { address: string; forwardedFor: string | string[] | undefined } {
    const { address, headers } = this.socket.handshake;
    return { address, forwardedFor: headers['x-forwarded-for'] };
  }

  /** True when socket.io restored this connection (and its identity) after a short drop. */
  get recovered(): boolean {
    return this.socket.recovered;
  }

  bindStudent(roomId: string, participantId: string): void {
    this.unbind();
    void this.socket.join([channels.students(roomId), channels.participant(participantId)]);
    this.setIdentity({ role: 'student', roomId, participantId });
  }

  bindHost(roomId: string, instructorId: string): void {
    this.unbind();
    void this.socket.join(channels.hosts(roomId));
    this.setIdentity({ role: 'host', roomId, instructorId });
  }

  private unbind(): void {
    for (const room of this.socket.rooms) if (room !== this.socket.id) void this.socket.leave(room);
    this.setIdentity(undefined);
  }

  private setIdentity(identity: SocketIdentity | undefined): void {
    (this.socket.data as { identity?: SocketIdentity }).identity = identity;
  }
}

/** Handler parameter: the calling socket as a {@link RoomConnection}. */
export const Connection = createParamDecorator(
  (_: unknown, context: ExecutionContext) =>
    new RoomConnection(context.switchToWs().getClient<Socket>()),
);
