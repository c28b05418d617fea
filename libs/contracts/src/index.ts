/** @podroom/contracts — the wire protocol shared by server, clients, tests and benchmarks. */
export * from './errors.js';
export * from './events.js';
export * from './room.dto.js';
export * from './auth.dto.js';
export * from './room.views.js';
export * from './report.views.js';
export * from './lesson.types.js';
export * from './lesson.dto.js';
export * from './pagination.dto.js';
export * from './class.dto.js';
export * from './nickname.rules.js';
export * from './podroom.client.js';
