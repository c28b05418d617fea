import { decodePageCursor, type PageCursor } from '@podroom/contracts';
import { InvalidPayloadError } from '../errors/domain.errors.js';

/** Where a list page starts: after this row of the `(createdAt desc, id desc)` order. */
export interface PageAfter {
  createdAt: Date;
  id: string;
}

/** The row a `?cursor=` stands for (null for the first page); a foreign cursor is a 400. */
export function pageAfter(cursor: string | undefined): PageAfter | null {
  if (cursor === undefined) return null;
  const decoded = decodePageCursor(cursor);
  if (!decoded)
    throw new InvalidPayloadError('cursor is not one this server gave; list again without it');
  return { createdAt: new Date(decoded.createdAt), id: decoded.id };
}

/** The cursor of a row, for `toPage`. */
export const cursorOf = (row: { createdAt: Date; id: string }): PageCursor => ({
  createdAt: row.createdAt.toISOString(),
  id: row.id,
});

/** The Prisma `where` part that keeps only rows after `after` in `(createdAt desc, id desc)`. */
export function afterWhere(after: PageAfter | null) {
  return after
    ? {
        OR: [
          { createdAt: { lt: after.createdAt } },
          { createdAt: after.createdAt, id: { lt: after.id } },
        ],
      }
    : {};
}
