import { Injectable } from '@nestjs/common';
import type { RoomClock } from './room.ports.js';

/** The process clock and timers. */
@Injectable()
export class SystemClock implements RoomClock {
  now(): number {
    return Date.now();
  }

  schedule(atMs: number, callback: () => void): () => void {
    const timer = setTimeout(callback, Math.max(0, atMs - Date.now()));
    return () => clearTimeout(timer);
  }
}
