import { LRUCache } from 'lru-cache';
import type { CacheInvalidation } from '../events/invalidation';
import type { Snapshot } from './snapshots';
import { CacheStats } from '../common/cache-stats';

export interface DiscoverCacheOptions {
  /** How long a viewer's first pages reuse one ranking (DISCOVER_CACHE_TTL_MS); 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/** A viewer's latest first-page ranking: the snapshot its cursors name. */
export interface CachedRanking {
  snapshotId: string;
  snapshot: Snapshot;
}

/** How long an invalidation is remembered against rankings still being computed; one takes far less. */
const TOMBSTONE_MS = 60_000;

/**
 * The discover feed's first page ranks a viewer's candidates: two reads (the viewer's signals,
 * then up to a thousand candidates with their counts) and the ranking in memory, the most
 * expensive first page of the API. A viewer who opens it again within the TTL (a pull to refresh,
 * a tab switch) gets the same ranking: the same snapshot, so no read and no new snapshot to
 * write. Each page is still hydrated and checked for the viewer when it is asked for, so a note
 * deleted, hidden or by someone in a block with the viewer never shows, cached or not.
 *
 * What changes the ranking itself drops the viewer's entry at once here and on every instance
 * through the bus (DISCOVER_CHANGED): a follow, an unfollow, a block or an unblock (for both
 * users), and the viewer's own like, unlike, collect, uncollect and search. What the TTL alone
 * covers: other people's activity (new notes, likes, what followees liked or bought) and the
 * viewer's note views, which weigh least among the signals.
 */
export class DiscoverCache {
  private readonly entries: LRUCache<string, CachedRanking> | null;
  /** The invalidation count at each viewer's last invalidation. */
  private readonly invalidatedAt: LRUCache<string, number>;
  private invalidations = 0;

  /** Hits and misses of get(), while the cache is on. */
  readonly stats = new CacheStats();

  constructor(options: DiscoverCacheOptions, invalidation: Pick<CacheInvalidation, 'onInvalidate'>) {
    const perf = { now: options.now ?? Date.now };
    this.entries = options.ttlMs > 0 ? new LRUCache<string, CachedRanking>({ max: options.maxEntries, ttl: options.ttlMs, ttlResolution: 0, perf }) : null;
    this.invalidatedAt = new LRUCache<string, number>({ max: options.maxEntries, ttl: TOMBSTONE_MS, perf });
    invalidation.onInvalidate((change) => {
      if (change.kind === 'discover') for (const id of change.event.userIds) this.drop(id);
    });
  }

  get(viewerId: string): CachedRanking | undefined {
    return this.entries ? this.stats.record(this.entries.get(viewerId)) : undefined;
  }

  /** Taken before the reads of a ranking, and handed to set(): an invalidation since then keeps it out. */
  ticket(): number {
    return this.invalidations;
  }

  set(viewerId: string, ranking: CachedRanking, ticket: number): void {
    if (!this.entries) return;
    if ((this.invalidatedAt.get(viewerId) ?? -1) > ticket) return;
    this.entries.set(viewerId, ranking);
  }

  private drop(viewerId: string): void {
    this.invalidatedAt.set(viewerId, ++this.invalidations);
    this.entries?.delete(viewerId);
  }
}
