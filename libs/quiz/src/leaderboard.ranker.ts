import { compareCodeUnits } from './code-units.comparator.js';

/** What ranking needs from a participant's totals (a `ParticipantScore` fits). */
export interface LeaderboardInput {
  readonly participantId: string;
  readonly name: string;
  readonly points: number;
  /** Fully right answers (default 0). */
  readonly correct?: number;
  /** Sum of the response times of those right answers (default 0). */
  readonly correctResponseMs?: number;
}

/** A ranked entry: the input plus its 1-based rank. */
export type Ranked<T extends LeaderboardInput> = T & { readonly rank: number };

/**
 * The leaderboard order, a total order so every server and report agrees:
 * 1. more points;
 * 2. more fully right answers;
 * 3. less total time on those right answers (faster);
 * 4. name, by UTF-16 code units (locale-independent);
 * 5. participant id.
 */
export function compareLeaderboard(a: LeaderboardInput, b: LeaderboardInput): number {
  return (
    b.points - a.points ||
    (b.correct ?? 0) - (a.correct ?? 0) ||
    (a.correctResponseMs ?? 0) - (b.correctResponseMs ?? 0) ||
    compareCodeUnits(a.name, b.name) ||
    compareCodeUnits(a.participantId, b.participantId)
  );
}

/**
 * Rank participants by {@link compareLeaderboard}. Ranks are positions 1, 2, 3, … with no shared
 * places: the tie-breaks decide every tie, so a podium always has exactly three names.
 */
export function rankLeaderboard<T extends LeaderboardInput>(entries: readonly T[]): Ranked<T>[] {
  return [...entries].sort(compareLeaderboard).map((entry, i) => ({ ...entry, rank: i + 1 }));
}

/** The top of the leaderboard plus one participant's own entry. */
export interface LeaderboardView<T extends LeaderboardInput> {
  readonly top: readonly Ranked<T>[];
  /** The participant's entry (also when in the top), or null if not ranked. */
  readonly me: Ranked<T> | null;
  /** How many are ranked. */
  readonly total: number;
}

/** The first `top` entries of a ranked list, and `participantId`'s own entry with its rank. */
export function leaderboardView<T extends LeaderboardInput>({
  ranked,
  top,
  participantId,
}: {
  /** From {@link rankLeaderboard}. */
  readonly ranked: readonly Ranked<T>[];
  readonly top: number;
  readonly participantId?: string;
}): LeaderboardView<T> {
  const me =
    participantId === undefined
      ? null
      : (ranked.find((e) => e.participantId === participantId) ?? null);
  return { top: ranked.slice(0, Math.max(0, Math.floor(top))), me, total: ranked.length };
}
