import type { LessonPlan } from '../lessons/lesson.plan.js';
import type { ParticipantEntry, RoomModel } from './room.model.js';
import { leaderboardView, ranking } from './room.views.js';

const participant = (i: number, points: number, correct = 0): ParticipantEntry => ({
  id: `p${String(i).padStart(3, '0')}`,
  nickname: `N${(i * 7919) % 1000}`,
  kicked: i % 17 === 0,
  rosterId: null,
  connections: 1,
  points,
  streak: 0,
  correct,
  correctResponseMs: (i * 31) % 500,
});

const room = (participants: ParticipantEntry[]): RoomModel => ({
  id: 'room',
  code: '123456',
  instructorId: 't',
  classId: null,
  plan: {} as LessonPlan,
  status: 'live',
  version: 3,
  state: {} as RoomModel['state'],
  participants: new Map(participants.map((p) => [p.id, p])),
  asked: [],
  revision: 0,
  connectedActive: participants.length,
});

describe('leaderboardView', () => {
  it('gives a student the same view whether the ranking is cached or computed in one pass', () => {
    const model = room(
      Array.from({ length: 120 }, (_, i) =>
        participant(i, (i * 37) % 9 === 0 ? 0 : (i * 37) % 2500, i % 3),
      ),
    );
    const fresh = model.participants.size;
    ranking(model); // cache at revision 0
    const cached = [...model.participants.keys()].map((id) => leaderboardView(model, id));
    model.revision += 1; // the cache is stale: the one-pass path
    const onePass = [...model.participants.keys()].map((id) => leaderboardView(model, id));
    expect(onePass).toEqual(cached);
    expect(cached[1]!.top).toHaveLength(5);
    expect(cached[1]!.total).toBe(fresh - Math.ceil(120 / 17)); // kicked ones are not ranked
    expect(leaderboardView(model, 'p000').me).toBeNull(); // kicked
  });

  it('gives the host everyone, ranked', () => {
    const model = room([participant(1, 10), participant(2, 30), participant(3, 20)]);
    expect(leaderboardView(model, null).top.map((e) => [e.rank, e.points])).toEqual([
      [1, 30],
      [2, 20],
      [3, 10],
    ]);
  });
});
