import { performance } from 'node:perf_hooks';
import { processUsage } from './process-usage.js';
import { summarize, type Summary } from './stats.js';

/**
 * What the load generator needs from a server under test. The bare baseline and podroom implement
 * it with their own protocol; the measurement is the same for both.
 */
export interface BenchTarget {
  name: string;
  /** Starts the server process(es). */
  start(): Promise<RunningServer[]>;
  /** Prepares a room on them and returns how students and the host take part in it. */
  openRoom(servers: RunningServer[]): Promise<BenchRoom>;
}

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface BenchRoom {
  /** Connects and joins student `index`. */
  addStudent(index: number): Promise<BenchStudent>;
  /** The host opens question `round`; resolves when the server acknowledged. */
  open(round: number): Promise<void>;
  /** Called after every student's answer to question `round` was acknowledged. */
  afterRound?(round: number): Promise<void>;
  /** Answers the server has durably stored, when it stores any. */
  storedAnswers?(): Promise<number>;
  close(): Promise<void>;
}

export interface BenchStudent {
  /** Calls `handler` when the next question reaches this student. */
  onceQuestion(handler: (questionId: string, answer: unknown) => void): void;
  /** Sends an answer; resolves with true when it was acknowledged as accepted. */
  answer(questionId: string, value: unknown): Promise<boolean>;
  close(): void;
}

export interface LoadOptions {
  students: number;
  questions: number;
  /** Students answer at a random moment within this many ms of receiving the question. */
  spreadMs: number;
  /** Connections opened at once while joining. */
  joinConcurrency: number;
  seed: number;
}

export interface LoadResult {
  target: string;
  students: number;
  joinMs: number;
  fanout: Summary;
  ack: Summary;
  answersAcked: number;
  answersStored?: number;
  failures: number;
  rssBytes: number;
  /** Server RSS growth from before the joins to after them, per student (connected, in the room). */
  rssPerStudentBytes: number;
  cpuMs: number;
}

/** Small seeded PRNG (mulberry32): the same seed gives the same answer timings. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs one load test against one target: join, R questions with answers, then measure. */
export async function runLoad(target: BenchTarget, options: LoadOptions): Promise<LoadResult> {
  const servers = await target.start();
  const students: BenchStudent[] = [];
  const usage = () =>
    servers
      .map((server) => processUsage(server.pid))
      .reduce((a, b) => ({ rssBytes: a.rssBytes + b.rssBytes, cpuMs: a.cpuMs + b.cpuMs }));
  try {
    const room = await target.openRoom(servers);
    const before = usage();
    const joinStart = performance.now();
    for (let next = 0; next < options.students;) {
      const batch = Array.from(
        { length: Math.min(options.joinConcurrency, options.students - next) },
        (_, k) => next + k,
      );
      next += batch.length;
      await Promise.all(
        batch.map(async (index) => {
          students[index] = await room.addStudent(index);
        }),
      );
    }
    const joinMs = performance.now() - joinStart;
    const joined = usage();

    const rand = random(options.seed);
    const fanout: number[] = [];
    const ack: number[] = [];
    let answersAcked = 0;
    let failures = 0;
    for (let round = 0; round < options.questions; round++) {
      const answered: Promise<void>[] = [];
      const received = students.map(
        (student) =>
          new Promise<void>((resolve) => {
            student.onceQuestion((questionId, value) => {
              fanout.push(performance.now() - openedAt);
              const delay = rand() * options.spreadMs;
              answered.push(
                new Promise<void>((done) =>
                  setTimeout(() => {
                    const sent = performance.now();
                    student.answer(questionId, value).then(
                      (ok) => {
                        ack.push(performance.now() - sent);
                        if (ok) answersAcked++;
                        else failures++;
                        done();
                      },
                      () => {
                        failures++;
                        done();
                      },
                    );
                  }, delay),
                ),
              );
              resolve();
            });
          }),
      );
      const openedAt = performance.now();
      await room.open(round);
      await Promise.all(received);
      await Promise.all(answered);
      await room.afterRound?.(round);
    }
    const after = usage();
    const answersStored = room.storedAnswers ? await room.storedAnswers() : undefined;
    await room.close();
    return {
      target: target.name,
      students: options.students,
      joinMs,
      fanout: summarize(fanout),
      ack: summarize(ack),
      answersAcked,
      ...(answersStored === undefined ? {} : { answersStored }),
      failures,
      rssBytes: after.rssBytes,
      rssPerStudentBytes: (joined.rssBytes - before.rssBytes) / options.students,
      cpuMs: after.cpuMs - before.cpuMs,
    };
  } finally {
    for (const student of students) student?.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
}
