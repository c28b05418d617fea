import type { Question } from '@podroom/quiz';
import type { SessionRecord } from './session-report.builder.js';

/** Small sessions for the report builders' specs. */

export const SINGLE: Question = {
  id: 'where-dnat',
  type: 'single',
  prompt: 'Where is the ClusterIP rewritten?',
  points: 1000,
  timeLimitSec: 20,
  concept: 'kube-proxy',
  options: [
    { id: 'iptables', text: 'iptables on the node' },
    { id: 'eth0', text: '=the pod eth0' },
    { id: 'dns', text: 'CoreDNS' },
  ],
  answer: 'iptables',
  misconceptions: { eth0: 'thinks a ClusterIP lives on an interface' },
};

export const MULTI: Question = {
  id: 'rewriters',
  type: 'multi',
  prompt: 'Which rewrite addresses?',
  points: 1000,
  timeLimitSec: 10,
  concept: 'kube-proxy',
  options: [
    { id: 'a', text: 'DNAT' },
    { id: 'b', text: 'SNAT' },
    { id: 'c', text: 'bridge' },
  ],
  answer: ['a', 'b'],
  misconceptions: { c: 'thinks the bridge rewrites' },
};

export const TRUE_FALSE: Question = {
  id: 'dns-first',
  type: 'true-false',
  prompt: 'DNS is asked first',
  points: 1000,
  timeLimitSec: 10,
  concept: 'dns',
  answer: true,
  misconceptions: { false: 'skips name resolution' },
};

/**
 * Three participants, two questions:
 * - Ana: right (2 s), right (4 s);
 * - Bo (roster S2): wrong `eth0` (5 s), partly right `[a]` (6 s);
 * - Cy (kicked): no answer, right but late (11 s of 10).
 */
export function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: 'room-1',
    code: '123456',
    lessonId: 'lesson-1',
    instructorId: 'teacher-1',
    classId: 'class-1',
    status: 'ended',
    createdAt: Date.UTC(2026, 0, 5, 9),
    endedAt: Date.UTC(2026, 0, 5, 10),
    settings: { detail: 'summary', extraTime: [] },
    participants: [
      { id: 'p-ana', nickname: 'Ana', kicked: false, rosterId: 'S1' },
      { id: 'p-bo', nickname: 'Bo', kicked: false, rosterId: 'S2' },
      { id: 'p-cy', nickname: 'Cy', kicked: true, rosterId: null },
    ],
    questions: [
      { id: 'q1', key: SINGLE.id, ordinal: 1, definition: SINGLE, closedAt: 1 },
      { id: 'q2', key: MULTI.id, ordinal: 2, definition: MULTI, closedAt: 2 },
    ],
    answers: [
      { questionId: 'q1', participantId: 'p-ana', value: 'iptables', responseMs: 2000 },
      { questionId: 'q2', participantId: 'p-ana', value: ['b', 'a'], responseMs: 4000 },
      { questionId: 'q1', participantId: 'p-bo', value: 'eth0', responseMs: 5000 },
      { questionId: 'q2', participantId: 'p-bo', value: ['a'], responseMs: 6000 },
      { questionId: 'q2', participantId: 'p-cy', value: ['a', 'b'], responseMs: 11_000 },
    ],
    ...overrides,
  };
}
