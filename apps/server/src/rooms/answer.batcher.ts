import type { NewAnswer } from './room.ports.js';

/**
 * Where a batch goes: one multi-row insert, all or nothing. It must be idempotent (writing the
 * same batch again stores each answer once), since a failed write is retried.
 */
export type AnswerSink = (answers: NewAnswer[]) => Promise<void>;

export interface AnswerBatcherOptions {
  /** Flush at the latest this long after the first answer of a batch arrived. */
  maxDelayMs: number;
  /** Flush at once when a batch reaches this size. */
  maxBatch: number;
  /**
   * A write failing with an error `retryable` accepts (the database unreachable) is tried again,
   * with growing pauses, until this long after its first attempt; then its answers are rejected.
   */
  retryForMs?: number;
  retryable?: (error: unknown) => boolean;
}

export const DEFAULT_BATCHING: AnswerBatcherOptions = { maxDelayMs: 20, maxBatch: 200 };

const FIRST_RETRY_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Pending {
  answer: NewAnswer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Groups answers from every room into multi-row inserts: a batch is written when it is
 * `maxBatch` long or `maxDelayMs` after its first answer. Each `add` resolves only once its batch
 * is committed (so an answer is acknowledged after commit) and rejects if the batch failed.
 */
export class AnswerBatcher {
  private batch: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly sink: AnswerSink,
    private readonly options: AnswerBatcherOptions = DEFAULT_BATCHING,
  ) {}

  add(answer: NewAnswer): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.batch.push({ answer, resolve, reject });
      if (this.batch.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Writes the current batch now; resolves when every batch so far is settled. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    const write = this.write(batch.map((p) => p.answer)).then(
      () => batch.forEach((p) => p.resolve()),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
  }

  /** The sink, tried again on a retryable failure (a database restart) within `retryForMs`. */
  private async write(answers: NewAnswer[]): Promise<void> {
    const { retryForMs = 0, retryable = () => false } = this.options;
    const giveUpAt = Date.now() + retryForMs;
    for (let pause = FIRST_RETRY_MS; ; pause *= 2) {
      try {
        return await this.sink(answers);
      } catch (error) {
        const wait = Math.min(pause, giveUpAt - Date.now());
        if (wait <= 0 || !retryable(error)) throw error;
        await sleep(wait);
      }
    }
  }
}
