import { AnswerBatcher } from './answer.batcher.js';
import type { NewAnswer } from './room.ports.js';

const answer = (participantId: string): NewAnswer => ({
  roomId: 'room',
  questionId: 'q',
  participantId,
  value: 'a',
  responseMs: 100,
  receivedAt: 0,
  correct: true,
  credit: 1,
  points: 1000,
});

describe('AnswerBatcher', () => {
  it('writes answers arriving together in one insert, and resolves each after it', async () => {
    const batches: string[][] = [];
    const batcher = new AnswerBatcher(
      async (answers) => {
        batches.push(answers.map((a) => a.participantId));
      },
      { maxDelayMs: 10, maxBatch: 100 },
    );
    await Promise.all(['a', 'b', 'c'].map((id) => batcher.add(answer(id))));
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('writes a full batch at once without waiting for the delay', async () => {
    const batches: number[] = [];
    const batcher = new AnswerBatcher(
      async (answers) => {
        batches.push(answers.length);
      },
      { maxDelayMs: 60_000, maxBatch: 2 },
    );
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => batcher.add(answer(id))));
    expect(batches).toEqual([2, 2]);
  });

  it('rejects every answer of a failed batch, and only those', async () => {
    let calls = 0;
    const batcher = new AnswerBatcher(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('down');
      },
      { maxDelayMs: 1, maxBatch: 100 },
    );
    const failed = await Promise.allSettled([batcher.add(answer('a')), batcher.add(answer('b'))]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.add(answer('c'))).resolves.toBeUndefined();
  });

  it('drains: writes what is pending and waits for writes in flight', async () => {
    let written = 0;
    const batcher = new AnswerBatcher(
      async (answers) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        written += answers.length;
      },
      { maxDelayMs: 60_000, maxBatch: 100 },
    );
    const pending = batcher.add(answer('a'));
    await batcher.drain();
    expect(written).toBe(1);
    await pending;
  });

  it('tries a write again while the database is unreachable, then gives up', async () => {
    let calls = 0;
    const unreachable = new Error('Connection terminated');
    const batcher = new AnswerBatcher(
      async () => {
        calls += 1;
        if (calls < 3) throw unreachable;
      },
      { maxDelayMs: 1, maxBatch: 10, retryForMs: 2_000, retryable: (e) => e === unreachable },
    );
    await batcher.add(answer('a')); // third attempt succeeds
    expect(calls).toBe(3);

    calls = -100; // never succeeds within the budget
    const started = Date.now();
    const short = new AnswerBatcher(
      async () => {
        calls += 1;
        throw unreachable;
      },
      { maxDelayMs: 1, maxBatch: 10, retryForMs: 300, retryable: (e) => e === unreachable },
    );
    await expect(short.add(answer('b'))).rejects.toBe(unreachable);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toBeGreaterThan(-100 + 1);
  });

  it('does not retry an error that is not about reaching the database', async () => {
    let calls = 0;
    const bug = new Error('bug');
    const batcher = new AnswerBatcher(
      async () => {
        calls += 1;
        throw bug;
      },
      { maxDelayMs: 1, maxBatch: 10, retryForMs: 2_000, retryable: () => false },
    );
    await expect(batcher.add(answer('a'))).rejects.toBe(bug);
    expect(calls).toBe(1);
  });
});
