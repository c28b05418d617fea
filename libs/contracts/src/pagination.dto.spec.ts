import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { decodePageCursor, encodePageCursor, PageQueryDto, toPage } from './pagination.dto.js';

const problems = (plain: unknown): string[] => {
  const dto = plainToInstance(PageQueryDto, plain) as object;
  return validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );
};

describe('PageQueryDto', () => {
  it('reads limit from a query string', () => {
    const dto = plainToInstance(PageQueryDto, { limit: '25' });
    expect(dto.limit).toBe(25);
    expect(problems({ limit: '25' })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it.each([[{ limit: '0' }], [{ limit: '101' }], [{ limit: 'ten' }], [{ limit: '2.5' }]])(
    'refuses %j',
    (plain) => expect(problems(plain)).not.toEqual([]),
  );

  it('refuses a cursor with characters a server cursor never has', () => {
    expect(problems({ cursor: 'a+b/c=' })).toEqual([
      'cursor must be a nextCursor given by the server',
    ]);
  });
});

describe('page cursors', () => {
  const at = { createdAt: '2026-11-22T09:00:00.123Z', id: '5b0f7d8e-6a55-4c3e-9d2a-0f5f0d4a1b2c' };

  it('round-trip, and are URL-safe', () => {
    const cursor = encodePageCursor(at);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageCursor(cursor)).toEqual(at);
  });

  it.each([['nonsense'], [''], ['!!'], [encodePageCursor({ createdAt: 'yesterday', id: 'x' })]])(
    'decode %j to null',
    (cursor) => expect(decodePageCursor(cursor)).toBeNull(),
  );

  it('toPage sets nextCursor exactly when more rows were fetched than the limit', () => {
    const rows = [1, 2, 3].map((n) => ({
      n,
      createdAt: `2026-11-22T09:00:0${n}.000Z`,
      id: `id-${n}`,
    }));
    const cursorOf = (r: (typeof rows)[number]) => ({ createdAt: r.createdAt, id: r.id });
    const first = toPage(rows, 2, cursorOf);
    expect(first.items.map((r) => r.n)).toEqual([1, 2]);
    expect(decodePageCursor(first.nextCursor!)).toEqual({
      createdAt: rows[1]!.createdAt,
      id: 'id-2',
    });
    expect(toPage(rows, 3, cursorOf).nextCursor).toBeNull();
    expect(toPage([], 3, cursorOf)).toEqual({ items: [], nextCursor: null });
  });
});
