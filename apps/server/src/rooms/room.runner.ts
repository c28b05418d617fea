import { randomUUID } from 'node:crypto';
import {
  checkNickname,
  ErrorCode,
  nicknameKey,
  rosterIdKey,
  type AnswerAck,
  type HostQuestionView,
  type HostSnapshot,
  type LeaderboardEntry,
  type RevealView,
  type StepView,
  type StudentSnapshot,
} from '@podroom/contracts';
import {
  scoreAnswer,
  scoreSession,
  validateAnswer,
  type AnswerValue,
  type Question,
} from '@podroom/quiz';
import { DomainError } from '../errors/domain.errors.js';
import type { LessonPlan } from '../lessons/lesson.plan.js';
import type { AnswerBatcher } from './answer.batcher.js';
import { RoomErrors } from './room.errors.js';
import {
  askedDefinition,
  roomScoringOptions,
  type AnswerEntry,
  type AskedQuestion,
  type ParticipantEntry,
  type RoomModel,
} from './room.model.js';
import type {
  PersistedRoomState,
  RoomBroadcaster,
  RoomClock,
  RoomStatusValue,
  RoomStore,
  StateWrite,
  StoredParticipant,
  StoredRoom,
} from './room.ports.js';
import * as views from './room.views.js';

/** Answers received up to this long after a deadline still count (network latency). */
export const ANSWER_GRACE_MS = 1_000;
/** A close that failed (database down) is tried again this long after, not at once in a loop. */
export const CLOSE_RETRY_MS = 1_000;
/** Host progress and roster updates are sent at most this often (they list everyone). */
const PROGRESS_EVERY_MS = 250;
const ROSTER_EVERY_MS = 250;

export interface RoomRunnerDeps {
  store: RoomStore;
  clock: RoomClock;
  broadcaster: RoomBroadcaster;
  batcher: AnswerBatcher;
  /** Reports errors of work nobody waits for (timers). */
  onError?: (error: unknown) => void;
}

/** Called inside the room's queue to bind the caller's socket once its identity is known. */
export type Attach = (participantId: string) => void;

/** How often a join with an id not on the roster may re-read the roster. */
export const ROSTER_REFRESH_MS = 5_000;

type CloseReason = NonNullable<PersistedRoomState['lastCloseReason']>;

/**
 * Runs one room, like boardgame.io's master: every input goes through the room's one queue, each
 * state change is persisted with its version before it is broadcast, and every payload comes from
 * room.views.ts. It talks to the outside only through its store, clock and broadcaster.
 *
 * Answers are the exception to "one at a time": an answer is checked and scored in the queue, then
 * handed to the batcher, and the queue moves on; its acknowledgement waits for the commit.
 */
export class RoomRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private cancelClose: (() => void) | undefined;
  private cancelProgress: (() => void) | undefined;
  private cancelRoster: (() => void) | undefined;
  /** Set while a question is being closed: answers to it are refused from then on. */
  private closing: string | null = null;
  private disposed = false;
  /** Nicknames in use, as `nicknameKey`s (case- and accent-insensitive). */
  private readonly nicknameKeys: Set<string>;
  /** The class roster's student ids by `rosterIdKey`, read on the first join that needs it. */
  private roster: { ids: Map<string, string>; loadedAt: number } | undefined;
  /** Roster ids held by a participant not kicked, or by a join under way (as `rosterIdKey`s). */
  private readonly rosterKeys: Set<string>;

  private constructor(
    private readonly model: RoomModel,
    private readonly deps: RoomRunnerDeps,
  ) {
    this.nicknameKeys = new Set(
      [...model.participants.values()].map((p) => nicknameKey(p.nickname)),
    );
    this.rosterKeys = new Set(
      [...model.participants.values()].flatMap((p) =>
        !p.kicked && p.rosterId !== null ? [rosterIdKey(p.rosterId)] : [],
      ),
    );
  }

  /** Rebuilds a room from the store; scores are recomputed from the stored answers (libs/quiz). */
  static resume(stored: StoredRoom, plan: LessonPlan, deps: RoomRunnerDeps): RoomRunner {
    const participants = new Map<string, ParticipantEntry>(
      stored.participants.map((p) => [
        p.id,
        {
          id: p.id,
          nickname: p.nickname,
          kicked: p.kicked,
          rosterId: p.rosterId,
          connections: 0,
          points: 0,
          streak: 0,
          correct: 0,
          correctResponseMs: 0,
        },
      ]),
    );
    const options = roomScoringOptions(plan, stored.state.settings, stored.participants);
    const closed = stored.questions.filter((q) => q.closedAt !== null);
    const closedIds = new Set(closed.map((q) => q.id));
    const session = scoreSession({
      questions: closed.map((q) => askedDefinition(q.definition, q.id)),
      answers: stored.answers.filter((a) => closedIds.has(a.questionId)),
      participants: stored.participants.map((p) => ({ id: p.id, name: p.nickname })),
      options,
    });
    for (const total of session.participants) {
      const p = participants.get(total.participantId);
      if (!p) continue;
      p.points = total.points;
      p.streak = total.streak;
      p.correct = total.correct;
      p.correctResponseMs = total.correctResponseMs;
    }
    const asked: AskedQuestion[] = stored.questions.map((q) => ({
      id: q.id,
      key: q.key,
      ordinal: q.ordinal,
      question: askedDefinition(q.definition, q.id),
      timeLimitMs: q.timeLimitMs,
      openedAt: q.openedAt,
      timerStartsAt: q.deadline - q.timeLimitMs,
      deadline: q.deadline,
      closedAt: q.closedAt,
      answers: new Map(),
      committed: 0,
    }));
    const byId = new Map(asked.map((q) => [q.id, q]));
    const receivedAt = new Map(
      stored.answers.map((a) => [`${a.questionId}/${a.participantId}`, a.receivedAt]),
    );
    for (const scored of session.answers) {
      byId.get(scored.questionId)?.answers.set(scored.participantId, {
        participantId: scored.participantId,
        value: scored.value as AnswerValue,
        responseMs: scored.responseMs,
        receivedAt: receivedAt.get(`${scored.questionId}/${scored.participantId}`) ?? 0,
        score: scored,
        committed: true,
        commit: Promise.resolve(),
      });
    }
    for (const answer of stored.answers) {
      const q = byId.get(answer.questionId);
      if (!q || q.closedAt !== null) continue;
      // The open question: score as it was scored live, from the streak before it.
      q.answers.set(answer.participantId, {
        participantId: answer.participantId,
        value: answer.value as AnswerValue,
        responseMs: answer.responseMs,
        receivedAt: answer.receivedAt,
        score: scoreAnswer({
          question: q.question,
          value: answer.value,
          responseMs: answer.responseMs,
          streakBefore: participants.get(answer.participantId)?.streak ?? 0,
          participantId: answer.participantId,
          options,
        }),
        committed: true,
        commit: Promise.resolve(),
      });
    }
    for (const q of asked) q.committed = q.answers.size; // stored answers are committed
    const runner = new RoomRunner(
      {
        id: stored.id,
        code: stored.code,
        instructorId: stored.instructorId,
        classId: stored.classId,
        plan,
        status: stored.status,
        version: stored.version,
        state: stored.state,
        participants,
        asked,
        revision: 0,
        connectedActive: 0,
      },
      deps,
    );
    runner.scheduleClose();
    return runner;
  }

  get id(): string {
    return this.model.id;
  }

  get instructorId(): string {
    return this.model.instructorId;
  }

  /** Stops timers; later inputs are refused (UNAVAILABLE). */
  dispose(): void {
    this.disposed = true;
    this.cancelClose?.();
    this.cancelProgress?.();
    this.cancelRoster?.();
  }

  // ------------------------------------------------------------------ people

  /**
   * A student joins. The checks run in the room's queue and reserve the nickname (and roster id);
   * the insert runs outside it, so that the database round trips of many joins overlap (a room of
   * thousands fills at the database's pace, not one round trip at a time); the participant then
   * enters the room in the queue. A failed insert frees what was reserved.
   */
  async join(
    rawNickname: string,
    attach: Attach,
    rawRosterId?: string,
  ): Promise<{ participantId: string; snapshot: StudentSnapshot }> {
    const { nickname, key, rosterId } = await this.serial(async () => {
      if (this.model.status === 'ended') throw RoomErrors.ended();
      if (this.model.state.locked) throw RoomErrors.locked();
      const checked = checkNickname(rawNickname);
      if (!checked.ok) throw RoomErrors.nicknameInvalid(checked.reason);
      const key = nicknameKey(checked.nickname);
      if (this.nicknameKeys.has(key)) throw RoomErrors.nicknameTaken();
      const rosterId = await this.checkRosterId(rawRosterId);
      this.nicknameKeys.add(key);
      if (rosterId !== null) this.rosterKeys.add(rosterIdKey(rosterId));
      return { nickname: checked.nickname, key, rosterId };
    });
    const release = () => {
      this.nicknameKeys.delete(key);
      if (rosterId !== null) this.rosterKeys.delete(rosterIdKey(rosterId));
    };
    let stored: StoredParticipant | null;
    try {
      stored = await this.deps.store.addParticipant(this.model.id, nickname, rosterId);
    } catch (error) {
      release();
      throw error;
    }
    if (!stored) {
      release();
      throw RoomErrors.nicknameTaken();
    }
    const participant = stored;
    // The row is in: the student is in the room even if it was handed over meanwhile.
    return this.serial(() => this.admit(participant, attach), true);
  }

  /** Puts a stored participant into the room and attaches the joining socket (in the queue). */
  private admit(
    stored: StoredParticipant,
    attach: Attach,
  ): { participantId: string; snapshot: StudentSnapshot } {
    this.model.participants.set(stored.id, {
      id: stored.id,
      nickname: stored.nickname,
      kicked: false,
      rosterId: stored.rosterId,
      connections: 0,
      points: 0,
      streak: 0,
      correct: 0,
      correctResponseMs: 0,
    });
    this.model.revision += 1;
    if (this.model.state.settings.extraTime.length > 0) this.scheduleClose();
    return { participantId: stored.id, snapshot: this.attachStudent(stored.id, attach) };
  }

  /**
   * The roster id a student may join with: null when the room's class has no roster; else the id
   * as written on the roster (ids compare without case). A miss re-reads the roster (it may have
   * been fixed since the room opened), at most once per {@link ROSTER_REFRESH_MS}.
   */
  private async checkRosterId(raw: string | undefined): Promise<string | null> {
    const classId = this.model.classId;
    if (classId === null) return null;
    const key = raw === undefined ? '' : rosterIdKey(raw);
    const now = this.deps.clock.now();
    if (
      !this.roster ||
      (!this.roster.ids.has(key) && now - this.roster.loadedAt >= ROSTER_REFRESH_MS)
    ) {
      const ids = await this.deps.store.rosterIds(classId);
      this.roster = { ids: new Map(ids.map((id) => [rosterIdKey(id), id])), loadedAt: now };
    }
    if (this.roster.ids.size === 0) return null;
    if (key === '') throw RoomErrors.rosterIdRequired();
    const rosterId = this.roster.ids.get(key);
    if (rosterId === undefined) throw RoomErrors.rosterIdUnknown();
    if (this.rosterKeys.has(key)) throw RoomErrors.rosterIdTaken();
    return rosterId;
  }

  /** A student comes back with their token (reconnect, restart): a full snapshot. */
  resumeStudent(participantId: string, attach: Attach): Promise<StudentSnapshot> {
    return this.serial(() => {
      const participant = this.model.participants.get(participantId);
      if (!participant) throw RoomErrors.invalidToken();
      if (participant.kicked) throw RoomErrors.kicked();
      return this.attachStudent(participantId, attach);
    });
  }

  attachHost(instructorId: string, attach: () => void): Promise<HostSnapshot> {
    return this.serial(() => {
      if (instructorId !== this.model.instructorId) throw RoomErrors.notHost();
      attach();
      return views.hostSnapshot(this.model, this.deps.clock.now());
    });
  }

  /** A student's socket connected (or was recovered) in this process. */
  connected(participantId: string): void {
    const participant = this.model.participants.get(participantId);
    if (!participant) return;
    participant.connections += 1;
    if (participant.connections === 1 && !participant.kicked) this.model.connectedActive += 1;
    this.scheduleRoster();
  }

  disconnected(participantId: string): void {
    const participant = this.model.participants.get(participantId);
    if (!participant || participant.connections === 0) return;
    participant.connections -= 1;
    if (participant.connections === 0 && !participant.kicked) this.model.connectedActive -= 1;
    this.scheduleRoster();
  }

  kick(participantId: string): Promise<Record<never, never>> {
    return this.serial(async () => {
      const participant = this.model.participants.get(participantId);
      if (!participant) throw new DomainError(ErrorCode.NOT_FOUND, 'No such participant');
      if (!participant.kicked) {
        await this.deps.store.setKicked(participantId);
        if (participant.connections > 0) this.model.connectedActive -= 1;
        participant.kicked = true;
        // A kicked seat frees its roster id: the student may come back from another phone.
        if (participant.rosterId !== null)
          this.rosterKeys.delete(rosterIdKey(participant.rosterId));
        this.model.revision += 1;
        this.deps.broadcaster.toParticipant(participantId, 'room:kicked', {
          reason: 'The host removed you from the room',
        });
        this.deps.broadcaster.removeParticipant(this.model.id, participantId);
        this.scheduleRoster();
        this.closeIfAllAnswered();
      }
      return {};
    });
  }

  // ------------------------------------------------------------------ host moves

  move(
    to: 'next' | 'previous' | number,
    version: number,
  ): Promise<{ version: number; step: StepView }> {
    return this.serial(async () => {
      this.checkVersion(version);
      const current = this.model.state.step;
      const target = to === 'next' ? current + 1 : to === 'previous' ? current - 1 : to;
      const total = this.model.plan.steps.length;
      if (target < 0 || target >= total) throw RoomErrors.stepOutOfRange(total);
      await this.saveState({ ...this.model.state, step: target }, 'live');
      const step = views.stepView(this.model);
      this.deps.broadcaster.toRoom(this.model.id, 'everyone', 'step:changed', {
        version: this.model.version,
        step,
      });
      return { version: this.model.version, step };
    });
  }

  setLocked(locked: boolean): Promise<{ version: number }> {
    return this.changeFlags({ locked });
  }

  setLeaderboardHidden(hidden: boolean): Promise<{ version: number }> {
    return this.changeFlags({ leaderboardHidden: hidden });
  }

  openQuestion(input: {
    version: number;
    questionKey: string;
    timeLimitSec?: number;
    readingDelayMs?: number;
  }): Promise<{ version: number; question: HostQuestionView }> {
    return this.serial(async () => {
      this.checkVersion(input.version);
      if (this.model.state.openQuestion) throw RoomErrors.questionStillOpen();
      const planned = this.model.plan.questions.find((q) => q.key === input.questionKey);
      if (!planned) throw RoomErrors.questionNotFound();
      if (this.model.asked.some((q) => q.key === planned.key))
        throw RoomErrors.questionAlreadyAsked();
      const definition: Question = {
        ...planned.question,
        timeLimitSec: input.timeLimitSec ?? planned.question.timeLimitSec,
      };
      const id = randomUUID();
      const openedAt = this.deps.clock.now();
      const timerStartsAt = openedAt + (input.readingDelayMs ?? 0);
      const timeLimitMs = definition.timeLimitSec * 1000;
      const asked: AskedQuestion = {
        id,
        key: planned.key,
        ordinal: this.model.asked.length + 1,
        question: askedDefinition(definition, id),
        timeLimitMs,
        openedAt,
        timerStartsAt,
        deadline: timerStartsAt + timeLimitMs,
        closedAt: null,
        answers: new Map(),
        committed: 0,
      };
      const state: PersistedRoomState = {
        ...this.model.state,
        openQuestion: {
          questionId: id,
          key: asked.key,
          ordinal: asked.ordinal,
          openedAt,
          timerStartsAt,
          deadline: asked.deadline,
          timeLimitMs,
        },
        lastClosedQuestionId: null,
        lastCloseReason: null,
      };
      const write = this.nextWrite(state, 'live');
      await this.deps.store.openQuestion(write, {
        id,
        key: asked.key,
        ordinal: asked.ordinal,
        definition,
        timeLimitMs,
        openedAt,
        deadline: asked.deadline,
      });
      this.model.asked.push(asked);
      this.apply(write);
      this.scheduleClose();
      this.broadcastOpened(asked);
      return {
        version: this.model.version,
        question: views.hostQuestionView(this.model, asked, this.deps.clock.now()),
      };
    });
  }

  closeQuestion(
    questionId: string | null,
    reason: CloseReason,
  ): Promise<{ version: number; reveal: RevealView }> {
    return this.serial(async () => {
      const open = this.model.state.openQuestion;
      if (!open || (questionId !== null && open.questionId !== questionId))
        throw RoomErrors.questionClosed();
      const reveal = await this.close(reason);
      return { version: this.model.version, reveal };
    });
  }

  end(version: number): Promise<{ version: number; podium: LeaderboardEntry[] }> {
    return this.serial(async () => {
      this.checkVersion(version);
      if (this.model.state.openQuestion) await this.close('ended');
      const now = this.deps.clock.now();
      const write = this.nextWrite(this.model.state, 'ended');
      await this.deps.store.endRoom(write, now);
      this.apply(write);
      this.cancelClose?.();
      const podium = views.podiumView(views.ranking(this.model));
      this.deps.broadcaster.toRoom(this.model.id, 'everyone', 'room:ended', {
        version: this.model.version,
        podium,
      });
      return { version: this.model.version, podium };
    });
  }

  // ------------------------------------------------------------------ answers

  /** Acknowledged once the answer is committed; a repeat gets ALREADY_ANSWERED and the first. */
  async submitAnswer(
    participantId: string,
    questionId: string,
    value: unknown,
  ): Promise<AnswerAck> {
    const accepted = await this.serial(() => this.accept(participantId, questionId, value));
    const { asked, entry, repeat } = accepted;
    try {
      await entry.commit;
    } catch {
      throw RoomErrors.unavailable();
    }
    const answer = views.recordedAnswer(asked, entry);
    if (!repeat) return { ok: true, answer };
    return {
      ok: false,
      error: { code: ErrorCode.ALREADY_ANSWERED, message: 'You already answered this question' },
      answer,
    };
  }

  private accept(
    participantId: string,
    questionId: string,
    value: unknown,
  ): { asked: AskedQuestion; entry: AnswerEntry; repeat: boolean } {
    const participant = this.model.participants.get(participantId);
    if (!participant) throw RoomErrors.notJoined();
    if (participant.kicked) throw RoomErrors.kicked();
    const asked = this.model.asked.find((q) => q.id === questionId);
    if (!asked) throw RoomErrors.questionNotFound();
    const first = asked.answers.get(participantId);
    if (first) return { asked, entry: first, repeat: true };
    if (
      this.model.status === 'ended' ||
      asked.closedAt !== null ||
      this.closing === asked.id ||
      this.model.state.openQuestion?.questionId !== asked.id
    ) {
      throw RoomErrors.questionClosed();
    }
    const now = this.deps.clock.now();
    const timing = views.timingFor(this.model, asked, participantId);
    if (now < timing.timerStartsAtMs) throw RoomErrors.questionNotOpenYet();
    if (now > timing.deadlineMs + ANSWER_GRACE_MS) throw RoomErrors.questionClosed();
    const valid = validateAnswer(asked.question, value);
    if (!valid.ok) {
      const details = valid.errors.map((e) => `${e.path}: ${e.message}`);
      throw RoomErrors.invalidAnswer(
        `This answer does not fit the question: ${details[0]}`,
        details,
      );
    }
    // An answer within the grace period counts as given at the deadline.
    const responseMs = Math.min(now - timing.timerStartsAtMs, timing.effectiveTimeLimitMs);
    const score = scoreAnswer({
      question: asked.question,
      value: valid.value,
      responseMs,
      streakBefore: participant.streak,
      participantId,
      options: views.scoringOptions(this.model),
    });
    const entry: AnswerEntry = {
      participantId,
      value: valid.value as AnswerValue,
      responseMs,
      receivedAt: now,
      score,
      committed: false,
      commit: this.deps.batcher.add({
        roomId: this.model.id,
        questionId: asked.id,
        participantId,
        value: valid.value,
        responseMs,
        receivedAt: now,
        correct: score.correct,
        credit: score.credit,
        points: score.points,
      }),
    };
    asked.answers.set(participantId, entry);
    entry.commit.then(
      () => {
        entry.committed = true;
        asked.committed += 1;
        this.scheduleProgress();
        this.closeIfAllAnswered();
      },
      (error: unknown) => {
        if (asked.answers.get(participantId) === entry) asked.answers.delete(participantId);
        this.deps.onError?.(error);
      },
    );
    return { asked, entry, repeat: false };
  }

  // ------------------------------------------------------------------ internals

  private serial<T>(task: () => Promise<T> | T, evenIfDisposed = false): Promise<T> {
    const run = this.queue.then(() => {
      if (this.disposed && !evenIfDisposed) throw RoomErrors.unavailable();
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private checkVersion(version: number): void {
    if (this.model.status === 'ended') throw RoomErrors.ended();
    if (version !== this.model.version) throw RoomErrors.staleVersion(this.model.version);
  }

  private nextWrite(state: PersistedRoomState, status?: RoomStatusValue): StateWrite {
    return {
      roomId: this.model.id,
      expectedVersion: this.model.version,
      version: this.model.version + 1,
      status: status ?? this.model.status,
      state,
    };
  }

  private apply(write: StateWrite): void {
    this.model.version = write.version;
    this.model.status = write.status;
    this.model.state = write.state;
  }

  private async saveState(state: PersistedRoomState, status?: RoomStatusValue): Promise<void> {
    const write = this.nextWrite(state, status);
    await this.deps.store.saveState(write);
    this.apply(write);
  }

  private changeFlags(
    flags: Partial<Pick<PersistedRoomState, 'locked' | 'leaderboardHidden'>>,
  ): Promise<{ version: number }> {
    return this.serial(async () => {
      if (this.model.status === 'ended') throw RoomErrors.ended();
      await this.saveState({ ...this.model.state, ...flags });
      this.deps.broadcaster.toRoom(
        this.model.id,
        'everyone',
        'room:state',
        views.roomStateView(this.model),
      );
      return { version: this.model.version };
    });
  }

  private attachStudent(participantId: string, attach: Attach): StudentSnapshot {
    attach(participantId);
    this.connected(participantId);
    return views.studentSnapshot(this.model, participantId, this.deps.clock.now());
  }

  private broadcastOpened(asked: AskedQuestion): void {
    const now = this.deps.clock.now();
    const version = this.model.version;
    const withExtraTime = views.participantsWithExtraTime(this.model);
    this.deps.broadcaster.toRoom(
      this.model.id,
      'students',
      'question:opened',
      { ...views.studentQuestionView(this.model, asked, null, now), version },
      { exceptParticipants: withExtraTime },
    );
    for (const participantId of withExtraTime) {
      this.deps.broadcaster.toParticipant(participantId, 'question:opened', {
        ...views.studentQuestionView(this.model, asked, participantId, now),
        version,
      });
    }
    this.deps.broadcaster.toRoom(this.model.id, 'hosts', 'host:question-opened', {
      ...views.hostQuestionView(this.model, asked, now),
      version,
    });
  }

  /** Closes the open question (inside the queue): wait for its answers' commits, then score. */
  private async close(reason: CloseReason): Promise<RevealView> {
    const open = this.model.state.openQuestion!;
    const asked = this.model.asked.find((q) => q.id === open.questionId)!;
    this.closing = asked.id;
    this.cancelClose?.();
    try {
      await Promise.allSettled([...asked.answers.values()].map((a) => a.commit));
      const closedAt = this.deps.clock.now();
      const write = this.nextWrite({
        ...this.model.state,
        openQuestion: null,
        lastClosedQuestionId: asked.id,
        lastCloseReason: reason,
      });
      await this.deps.store.closeQuestion(write, asked.id, closedAt);
      asked.closedAt = closedAt;
      this.apply(write);
    } catch (error) {
      // Still open: try again at the deadline, or in a while if that has passed (not in a loop).
      this.scheduleClose(this.deps.clock.now() + CLOSE_RETRY_MS);
      throw error;
    } finally {
      this.closing = null;
    }
    for (const participant of this.model.participants.values()) {
      const answer = asked.answers.get(participant.id);
      if (!answer?.committed) {
        participant.streak = 0;
        continue;
      }
      participant.points += answer.score.points;
      participant.streak = answer.score.streak;
      if (answer.score.correct && !answer.score.late) {
        participant.correct += 1;
        participant.correctResponseMs += answer.responseMs;
      }
    }
    this.model.revision += 1;
    this.broadcastClosed(asked);
    return views.revealView(this.model, asked);
  }

  private broadcastClosed(asked: AskedQuestion): void {
    const { broadcaster } = this.deps;
    const reveal = views.revealView(this.model, asked);
    broadcaster.toRoom(this.model.id, 'everyone', 'question:closed', {
      ...reveal,
      version: this.model.version,
    });
    const ranked = views.ranking(this.model);
    const ranks = new Map(ranked.map((r) => [r.participantId, r.rank]));
    for (const participant of this.model.participants.values()) {
      if (participant.kicked) continue;
      const rank = ranks.get(participant.id)!;
      broadcaster.toParticipant(
        participant.id,
        'question:result',
        views.answerResultView(asked, participant, rank),
      );
    }
    // One message for all students (not one each): their own place is in their result.
    if (!this.model.state.leaderboardHidden) {
      broadcaster.toRoom(
        this.model.id,
        'students',
        'leaderboard',
        views.studentsLeaderboardView(this.model),
      );
    }
    broadcaster.toRoom(
      this.model.id,
      'hosts',
      'host:leaderboard',
      views.leaderboardView(this.model, null),
    );
    broadcaster.toRoom(this.model.id, 'hosts', 'host:roster', views.rosterView(this.model));
  }

  /** Closes the open question once everyone expected has a committed answer. */
  private closeIfAllAnswered(): void {
    const open = this.model.state.openQuestion;
    if (!open || this.closing === open.questionId) return;
    const asked = this.model.asked.find((q) => q.id === open.questionId);
    // Cheap test first: fewer answers than connected students means someone has not answered.
    if (!asked || this.model.connectedActive === 0) return;
    if (asked.committed < this.model.connectedActive) return;
    const expected = views.expectedAnswerers(this.model);
    if (expected.every((p) => asked.answers.get(p.id)?.committed)) {
      this.closeQuestion(open.questionId, 'all-answered').catch(() => undefined);
    }
  }

  /** The close timer: the latest deadline (extra time included) plus the grace period. */
  private scheduleClose(notBefore = 0): void {
    this.cancelClose?.();
    this.cancelClose = undefined;
    const open = this.model.state.openQuestion;
    if (!open || this.disposed) return;
    const asked = this.model.asked.find((q) => q.id === open.questionId);
    if (!asked) return;
    const latest = Math.max(
      asked.deadline,
      ...views
        .participantsWithExtraTime(this.model)
        .map((id) => views.timingFor(this.model, asked, id).deadlineMs),
    );
    const at = Math.max(latest + ANSWER_GRACE_MS, notBefore);
    this.cancelClose = this.deps.clock.schedule(at, () => {
      this.cancelClose = undefined;
      this.closeQuestion(open.questionId, 'deadline').catch((error: unknown) => {
        if (!(error instanceof DomainError)) this.deps.onError?.(error);
      });
    });
  }

  private scheduleProgress(): void {
    if (this.cancelProgress || this.disposed) return;
    this.cancelProgress = this.deps.clock.schedule(
      this.deps.clock.now() + PROGRESS_EVERY_MS,
      () => {
        this.cancelProgress = undefined;
        const open = this.model.state.openQuestion;
        const asked = open && this.model.asked.find((q) => q.id === open.questionId);
        if (asked) {
          this.deps.broadcaster.toRoom(
            this.model.id,
            'hosts',
            'host:progress',
            views.progressView(this.model, asked),
          );
        }
      },
    );
  }

  private scheduleRoster(): void {
    if (this.cancelRoster || this.disposed) return;
    this.cancelRoster = this.deps.clock.schedule(this.deps.clock.now() + ROSTER_EVERY_MS, () => {
      this.cancelRoster = undefined;
      this.deps.broadcaster.toRoom(
        this.model.id,
        'hosts',
        'host:roster',
        views.rosterView(this.model),
      );
    });
  }
}
