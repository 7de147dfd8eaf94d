import { LRUCache } from 'lru-cache';
import type { CacheInvalidation } from '../events/invalidation';
import type { UserRecord } from './types';
import { CacheStats } from '../common/cache-stats';

export interface UserCacheOptions {
  /** What a write outside the API (which publishes no event) can leave stale; 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/** A read that started before an invalidation of its user ended must not be stored; loads end well within this. */
const TOMBSTONE_MS = 60_000;

/**
 * Users as stored (UserRecord: profile, role, counts), by id, for every request of this instance:
 * the user loader answers from it and asks Neo4j only for the rest. Each write that changes a user
 * record announces it (USER_CHANGED: profile, role, follow/unfollow/block counts, note counts;
 * SESSION_REVOKED with a password version), and CacheInvalidation drops the entry here at once and
 * on every instance through the bus. A read that raced an invalidation is not stored.
 */
export class UserCache {
  private readonly entries: LRUCache<string, UserRecord> | null;
  private readonly invalidatedAt: LRUCache<string, number>;
  private readonly now: () => number;

  /** Hits and misses of get(), while the cache is on. */
  readonly stats = new CacheStats();

  constructor(options: UserCacheOptions, invalidation: Pick<CacheInvalidation, 'onInvalidate'>) {
    this.now = options.now ?? Date.now;
    this.entries = options.ttlMs > 0 ? new LRUCache<string, UserRecord>({ max: options.maxEntries, ttl: options.ttlMs, perf: { now: this.now } }) : null;
    this.invalidatedAt = new LRUCache<string, number>({ max: options.maxEntries, ttl: TOMBSTONE_MS, perf: { now: this.now } });
    invalidation.onInvalidate((change) => {
      if (change.kind === 'discover') return;
      if (change.kind === 'users') for (const id of change.event.userIds) this.drop(id);
      else if (change.kind === 'sessions' && change.event.passwordVersion !== null) this.drop(change.event.userId);
    });
  }

  get(id: string): UserRecord | undefined {
    return this.entries ? this.stats.record(this.entries.get(id)) : undefined;
  }

  /** Stores what a read that started at `readStartedAt` found, unless the user was invalidated since. */
  set(user: UserRecord, readStartedAt: number): void {
    if (!this.entries) return;
    const invalidated = this.invalidatedAt.get(user.id);
    if (invalidated !== undefined && invalidated >= readStartedAt) return;
    this.entries.set(user.id, user);
  }

  private drop(id: string): void {
    this.invalidatedAt.set(id, this.now());
    this.entries?.delete(id);
  }
}
