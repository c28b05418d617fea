import type { HostSnapshot, StepView } from '@podroom/contracts';
import { hostFromSnapshot, hostReducer, questionForStep } from './host.state.js';

const step = (index: number): StepView => ({
  index,
  total: 10,
  detail: 'summary',
  action: { index: 0, command: 'curl pod-b' },
  row: { step: index + 1, action: 'a', source: 's', destination: 'd', role: 'r', result: 'ok' },
  tracker: [],
  topology: { nodes: [], pods: [], services: [], components: [] },
  packetAt: null,
  output: [],
});

const snapshot: HostSnapshot = {
  role: 'host',
  roomId: 'r',
  code: '123456',
  lessonTitle: 'Pod to pod',
  status: 'lobby',
  version: 3,
  locked: false,
  leaderboardHidden: false,
  step: step(0),
  lastReveal: null,
  serverNow: 0,
  joinUrl: 'http://x/join/123456',
  question: null,
  questions: [
    { key: 'q0', type: 'single', prompt: 'p', atStep: 0, asked: true, source: 'generated' },
    { key: 'q1', type: 'numeric', prompt: 'p', atStep: 1, asked: false, source: 'lesson' },
    { key: 'q2', type: 'single', prompt: 'p', atStep: 1, asked: false, source: 'generated' },
  ],
  roster: [],
  leaderboard: { top: [], me: null, total: 0 },
};

describe('hostReducer', () => {
  it('follows the version of acknowledged moves and broadcasts, ignoring older ones', () => {
    let s = hostFromSnapshot(snapshot, 0);
    s = hostReducer(s, { type: 'version', version: 4 });
    s = hostReducer(s, { type: 'step', version: 4, step: step(1) });
    expect([s.version, s.step.index, s.status]).toEqual([4, 1, 'live']);
    s = hostReducer(s, { type: 'step', version: 2, step: step(0) });
    expect(s.step.index).toBe(1);
    s = hostReducer(s, {
      type: 'state',
      state: { version: 5, status: 'live', locked: true, leaderboardHidden: false },
    });
    expect([s.version, s.locked]).toEqual([5, true]);
  });

  it('offers the first question not yet asked at the current step', () => {
    let s = hostFromSnapshot(snapshot, 0);
    expect(questionForStep(s)).toBeUndefined(); // q0 was asked
    s = hostReducer(s, { type: 'step', version: 4, step: step(1) });
    expect(questionForStep(s)?.key).toBe('q1');
  });
});
