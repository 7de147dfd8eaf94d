import { LRUCache } from 'lru-cache';
import type { CacheInvalidation } from '../events/invalidation';
import type { UserRecord } from './types';
import { CacheStats } from '../common/cache-stats';

/** A session that counted when it was read, with its account as stored then. */
export interface CachedViewer {
  user: UserRecord;
  expiresAt: number;
  lastUsedAt: number;
}

export interface ViewerCacheOptions {
  /** At most 5 s (config): what a lost bus event can leave stale. 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/** A read that started before an invalidation of its user ended must not be stored; loads end well within this. */
const TOMBSTONE_MS = 60_000;

/**
 * The viewers of this instance, by session id, so an authenticated request costs no transaction
 * to find who it is. Keyed by session, never by user: a revoked session's entry is dropped by
 * its SESSION_REVOKED event, and a token of a session never read is never a hit. Every write that
 * changes what an entry holds (password, role, profile, counts; logout and revocations) invalidates
 * it through CacheInvalidation, here at once and on every instance through the bus; the TTL only
 * covers an event the bus lost.
 */
export class ViewerCache {
  private readonly entries: LRUCache<string, CachedViewer> | null;
  /** Session ids by user, so a user's change drops all their sessions' entries. */
  private readonly sessionsOf = new Map<string, Set<string>>();
  /** When each recently invalidated user was last invalidated, so a read that raced it is not stored. */
  private readonly invalidatedAt: LRUCache<string, number>;
  private readonly now: () => number;

  /** Hits and misses of get(), while the cache is on. */
  readonly stats = new CacheStats();

  constructor(options: ViewerCacheOptions, invalidation: Pick<CacheInvalidation, 'onInvalidate'>) {
    this.now = options.now ?? Date.now;
    this.entries =
      options.ttlMs > 0
        ? new LRUCache<string, CachedViewer>({
            max: options.maxEntries,
            ttl: options.ttlMs,
            perf: { now: this.now },
            dispose: (value, sessionId) => this.unindex(value.user.id, sessionId),
          })
        : null;
    this.invalidatedAt = new LRUCache<string, number>({ max: options.maxEntries, ttl: TOMBSTONE_MS, perf: { now: this.now } });
    invalidation.onInvalidate((change) => {
      if (change.kind === 'notes') return;
      if (change.kind === 'discover') return;
      if (change.kind === 'users') for (const id of change.event.userIds) this.dropUser(id);
      else if (change.event.passwordVersion !== null) this.dropUser(change.event.userId);
      else for (const sid of change.event.sessionIds) this.entries?.delete(sid);
    });
  }

  get(sessionId: string): CachedViewer | undefined {
    return this.entries ? this.stats.record(this.entries.get(sessionId)) : undefined;
  }

  /** Stores what a read that started at `readStartedAt` found, unless the user was invalidated since. */
  set(sessionId: string, viewer: CachedViewer, readStartedAt: number): void {
    if (!this.entries) return;
    const invalidated = this.invalidatedAt.get(viewer.user.id);
    if (invalidated !== undefined && invalidated >= readStartedAt) return;
    this.entries.set(sessionId, viewer);
    let sessions = this.sessionsOf.get(viewer.user.id);
    if (!sessions) this.sessionsOf.set(viewer.user.id, (sessions = new Set()));
    sessions.add(sessionId);
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  private dropUser(userId: string): void {
    this.invalidatedAt.set(userId, this.now());
    for (const sid of [...(this.sessionsOf.get(userId) ?? [])]) this.entries?.delete(sid);
  }

  private unindex(userId: string, sessionId: string): void {
    const sessions = this.sessionsOf.get(userId);
    if (!sessions) return;
    sessions.delete(sessionId);
    if (sessions.size === 0) this.sessionsOf.delete(userId);
  }
}
