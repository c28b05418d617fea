import fc from 'fast-check';

import {
  compareLeaderboard,
  leaderboardView,
  rankLeaderboard,
  type LeaderboardInput,
} from './leaderboard.ranker.js';

const e = (
  participantId: string,
  points: number,
  extra: Partial<LeaderboardInput> = {},
): LeaderboardInput => ({
  participantId,
  name: participantId.toUpperCase(),
  points,
  ...extra,
});

describe('rankLeaderboard', () => {
  it('ranks by points, most first, with positions 1, 2, 3, …', () => {
    const ranked = rankLeaderboard([e('a', 900), e('b', 2500), e('c', 1200)]);
    expect(ranked.map((r) => [r.participantId, r.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
  });

  it('breaks ties by more right answers, then less time on them, then name, then id', () => {
    const ranked = rankLeaderboard([
      e('p1', 2000, { name: 'Zoe', correct: 2, correctResponseMs: 9_000 }),
      e('p2', 2000, { name: 'Zoe', correct: 2, correctResponseMs: 4_000 }),
      e('p3', 2000, { name: 'Yan', correct: 3, correctResponseMs: 40_000 }),
      e('p4', 2000, { name: 'Amy', correct: 2, correctResponseMs: 9_000 }),
      e('p0', 2000, { name: 'Zoe', correct: 2, correctResponseMs: 9_000 }),
    ]);
    expect(ranked.map((r) => r.participantId)).toEqual(['p3', 'p2', 'p4', 'p0', 'p1']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('compares names by code units, not locale (uppercase before lowercase)', () => {
    expect(
      rankLeaderboard([e('1', 0, { name: 'alice' }), e('2', 0, { name: 'Bob' })]).map(
        (r) => r.name,
      ),
    ).toEqual(['Bob', 'alice']);
  });

  it('keeps extra fields and does not mutate its input', () => {
    const input = [
      { ...e('a', 1), streak: 3 },
      { ...e('b', 2), streak: 0 },
    ];
    const ranked = rankLeaderboard(input);
    expect(ranked[0]).toEqual({ ...input[1], rank: 1 });
    expect(input.map((x) => x.participantId)).toEqual(['a', 'b']);
  });

  it('gives the same order whatever the input order', () => {
    const entryArb = fc.record({
      participantId: fc.string({ maxLength: 3 }),
      name: fc.string({ maxLength: 3 }),
      points: fc.constantFrom(0, 500, 1000),
      correct: fc.nat({ max: 3 }),
      correctResponseMs: fc.constantFrom(0, 1_000),
    });
    fc.assert(
      fc.property(
        fc
          .uniqueArray(entryArb, { selector: (x) => x.participantId, maxLength: 12 })
          .chain((entries) =>
            fc
              .shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })
              .map((shuffled) => [entries, shuffled] as const),
          ),
        ([entries, shuffled]) => {
          const ranked = rankLeaderboard(entries);
          expect(rankLeaderboard(shuffled)).toEqual(ranked);
          for (let i = 1; i < ranked.length; i++) {
            expect(compareLeaderboard(ranked[i - 1]!, ranked[i]!)).toBeLessThan(0);
            expect(ranked[i - 1]!.points).toBeGreaterThanOrEqual(ranked[i]!.points);
          }
        },
      ),
    );
  });
});

describe('leaderboardView', () => {
  const ranked = rankLeaderboard([e('a', 500), e('b', 400), e('c', 300), e('d', 200), e('e', 100)]);

  it('returns the top N and the participant’s own entry', () => {
    const view = leaderboardView({ ranked, top: 3, participantId: 'e' });
    expect(view.top.map((r) => r.participantId)).toEqual(['a', 'b', 'c']);
    expect(view.me).toMatchObject({ participantId: 'e', rank: 5 });
    expect(view.total).toBe(5);
  });

  it('finds the participant in the top too, and null when unranked or not asked', () => {
    expect(leaderboardView({ ranked, top: 3, participantId: 'b' }).me?.rank).toBe(2);
    expect(leaderboardView({ ranked, top: 3, participantId: 'zz' }).me).toBeNull();
    expect(leaderboardView({ ranked, top: 3 }).me).toBeNull();
  });

  it('copes with N beyond the list or below 0', () => {
    expect(leaderboardView({ ranked, top: 10 }).top).toHaveLength(5);
    expect(leaderboardView({ ranked, top: -1 }).top).toHaveLength(0);
  });
});
