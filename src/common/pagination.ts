import { badInput } from './errors';
import { requireIntInRange } from './validate';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * A cursor is a position in a stable sort order: the sort key of the last row seen plus its id as a
 * tie-breaker. Because it names a position rather than an offset, rows inserted before it do not
 * shift the next page.
 */
export interface Position {
  k: number | string;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.k, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, field = 'after'): Position | null {
  if (cursor === null || cursor === undefined) return null;
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 512) throw badInput(field, 'is not a valid cursor');
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'number' || typeof parsed[0] === 'string') &&
      typeof parsed[1] === 'string' &&
      parsed[1].length <= 64
    ) {
      return { k: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'is not a valid cursor');
}

export function pageSize(first: number | null | undefined, field = 'first', max = MAX_PAGE_SIZE): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  return requireIntInRange(first, field, 1, max);
}

/** The type a list's sort key has in its cursors: a time or count ('number') or a handle ('string'). */
export type KeyKind = 'number' | 'string';
type KeyOf<K extends KeyKind> = K extends 'number' ? number : string;

export interface KeyedPosition<K extends number | string> {
  k: K;
  id: string;
}

export interface PageRequest<P extends Position = Position> {
  limit: number;
  after: P | null;
}

export interface PageOptions<K extends KeyKind> {
  /** A cursor whose key has another type was made by another list: it is refused as invalid. */
  key: K;
  max?: number;
}

/**
 * first and after, checked: the page size against max, and the cursor's key against the kind
 * the list sorts by, so a repository never compares a string key with a number.
 */
export function pageRequest(first: number | null | undefined, after: string | null | undefined, max?: number): PageRequest;
export function pageRequest<K extends KeyKind>(
  first: number | null | undefined,
  after: string | null | undefined,
  options: PageOptions<K>,
): PageRequest<KeyedPosition<KeyOf<K>>>;
export function pageRequest(first: number | null | undefined, after: string | null | undefined, options: number | PageOptions<KeyKind> = MAX_PAGE_SIZE): PageRequest {
  const { key, max = MAX_PAGE_SIZE } = typeof options === 'number' ? { key: undefined, max: options } : options;
  const limit = pageSize(first, 'first', max);
  const position = decodeCursor(after, 'after');
  if (position && key !== undefined && typeof position.k !== key) throw badInput('after', 'is not a valid cursor');
  return { limit, after: position };
}

/**
 * Lists ranked on the fly (a leaderboard, the moderation queue) page by offset: the cursor's key
 * is the index of the last row seen. Past maxOffset a client should narrow the list instead.
 */
export function offsetAfter(after: Position | null, maxOffset: number): number {
  const offset = after ? Number(after.k) + 1 : 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > maxOffset) throw badInput('after', 'is not a valid cursor');
  return offset;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

/** Repositories fetch limit + 1 rows; the extra row only tells whether another page exists. */
export function toPage<T>(rows: T[], limit: number): Page<T> {
  return { items: rows.slice(0, limit), hasNextPage: rows.length > limit };
}
