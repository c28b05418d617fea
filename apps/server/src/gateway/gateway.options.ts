import type { ServerOptions } from 'socket.io';

/** socket.io options shared by every gateway. */
export const GATEWAY_OPTIONS: Partial<ServerOptions> = {
  // Every podroom payload is small; refuse anything bigger before parsing it.
  maxHttpBufferSize: 16 * 1024,
  // A phone that drops for a moment gets its missed events and rooms back on reconnect.
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  pingInterval: 10_000,
  pingTimeout: 10_000,
};
