import 'reflect-metadata'; // class-transformer's @Type reads decorator metadata
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/**
 * Pagination of every list of the HTTP API (lessons, classes, sessions, …): keyset ("cursor")
 * pagination, newest first. A client asks `?limit=20`, then `?limit=20&cursor=<nextCursor>` until
 * `nextCursor` is `null`. A cursor is opaque to clients; a row created or deleted between two
 * pages never makes another row appear twice or go missing (as `?page=` offsets would).
 */

/** Page sizes: used when `limit` is absent, and the largest accepted. */
export const PAGE_LIMIT = { default: 20, max: 100 } as const;

/** `?limit=&cursor=` — which page of a list to answer with. */
export class PageQueryDto {
  /** Items per page, 1–100 (default 20). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT.max)
  limit?: number;

  /** `nextCursor` of the previous page; absent for the first page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor given by the server' })
  cursor?: string;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}

/**
 * What a cursor stands for: the last item of the page, by its sort key (the ISO-8601 creation
 * time) and id (the tie-breaker). The server answers the items strictly after it, in
 * `(createdAt desc, id desc)` order.
 */
export interface PageCursor {
  createdAt: string;
  id: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ID = /^[A-Za-z0-9-]{1,64}$/;

/** The opaque cursor (base64url, no padding) for the item `after`. */
export function encodePageCursor(after: PageCursor): string {
  return btoa(`${after.createdAt}|${after.id}`)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The item a cursor stands for, or `null` when it is not one {@link encodePageCursor} made. */
export function decodePageCursor(cursor: string): PageCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const [createdAt, id, ...rest] = text.split('|');
  if (rest.length > 0 || !createdAt || !id || !ISO_INSTANT.test(createdAt) || !ID.test(id))
    return null;
  return { createdAt, id };
}

/**
 * Cuts one extra fetched row off: fetch `limit + 1` rows in order, and this answers the page
 * with `nextCursor` set exactly when there was more.
 */
export function toPage<T>(rows: T[], limit: number, cursorOf: (item: T) => PageCursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodePageCursor(cursorOf(last)) : null,
  };
}
