import type { HostSnapshot, StudentSnapshot } from '@podroom/contracts';
import { RoomErrors } from './room.errors.js';
import type { RoomRunner } from './room.runner.js';

/**
 * What a client asks of a room, as plain data: the process that runs the room executes it,
 * whether the client is connected to that process or to another one (the intent then travels
 * through the socket.io adapter, room.relay.ts). Identity comes from the caller's socket, checked
 * by the process the socket is connected to, never from the payload.
 */
export type RoomIntent =
  | { kind: 'join'; socketId: string; nickname: string; rosterId?: string }
  | { kind: 'resume'; socketId: string; participantId: string }
  | { kind: 'attach-host'; socketId: string; instructorId: string }
  | { kind: 'host'; instructorId: string; action: HostAction }
  | { kind: 'answer'; participantId: string; questionId: string; value: unknown };

export type HostAction =
  | { op: 'move'; to: 'next' | 'previous' | number; version: number }
  | {
      op: 'open-question';
      input: {
        version: number;
        questionKey: string;
        timeLimitSec?: number;
        readingDelayMs?: number;
      };
    }
  | { op: 'close-question'; questionId: string }
  | { op: 'kick'; participantId: string }
  | { op: 'lock'; locked: boolean }
  | { op: 'leaderboard'; hidden: boolean }
  | { op: 'end'; version: number };

export interface JoinResult {
  participantId: string;
  snapshot: StudentSnapshot;
}

/** Binds the caller's socket to the room once its identity is known (inside the room's queue). */
export interface SocketBinder {
  student(socketId: string, participantId: string): void;
  host(socketId: string, instructorId: string): void;
}

/** Runs one intent on the room's runner. The result is plain data (it may cross processes). */
export async function executeIntent(
  runner: RoomRunner,
  intent: RoomIntent,
  bind: SocketBinder,
): Promise<unknown> {
  switch (intent.kind) {
    case 'join':
      return runner.join(
        intent.nickname,
        (id) => bind.student(intent.socketId, id),
        intent.rosterId,
      );
    case 'resume':
      return runner.resumeStudent(intent.participantId, (id) => bind.student(intent.socketId, id));
    case 'attach-host':
      return runner.attachHost(intent.instructorId, () =>
        bind.host(intent.socketId, intent.instructorId),
      );
    case 'answer':
      return runner.submitAnswer(intent.participantId, intent.questionId, intent.value);
    case 'host':
      if (runner.instructorId !== intent.instructorId) throw RoomErrors.notHost();
      return hostAction(runner, intent.action);
  }
}

function hostAction(runner: RoomRunner, action: HostAction): Promise<object> {
  switch (action.op) {
    case 'move':
      return runner.move(action.to, action.version);
    case 'open-question':
      return runner.openQuestion(action.input);
    case 'close-question':
      return runner.closeQuestion(action.questionId, 'host');
    case 'kick':
      return runner.kick(action.participantId);
    case 'lock':
      return runner.setLocked(action.locked);
    case 'leaderboard':
      return runner.setLeaderboardHidden(action.hidden);
    case 'end':
      return runner.end(action.version);
  }
}

export type ResumeResult = StudentSnapshot;
export type AttachHostResult = HostSnapshot;
