import { LRUCache } from 'lru-cache';
import type { CacheInvalidation } from '../events/invalidation';
import type { NoteRecord } from './types';
import { CacheStats } from '../common/cache-stats';

export interface NoteCacheOptions {
  /** What a write outside the API (which publishes no event) can leave stale; 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
  /** Bound on the records' approximate size in bytes (bodies run to 5,000 characters, media lists to 18 items). */
  maxBytes: number;
  now?: () => number;
}

/** A read that started before an invalidation of its note ended must not be stored; loads end well within this. */
const TOMBSTONE_MS = 60_000;

/** About what a record takes in memory: its strings at two bytes a character, plus the fixed fields. */
function approximateBytes(note: NoteRecord): number {
  let chars = note.id.length + note.title.length + note.body.length + note.mediaJson.length + note.authorId.length + (note.groupId?.length ?? 0);
  for (const t of note.topics) chars += t.length;
  for (const p of note.productIds) chars += p.length;
  return 2 * chars + 300;
}

/**
 * Notes as stored (NoteRecord: content, counts, visibility, moderation and deletion state), by id,
 * for every request of this instance: the note loader answers from it and asks Neo4j only for the
 * rest. They are viewer-independent: who may see a note is still decided per viewer when it is
 * resolved, from the record, the viewer's relation to its author and the group's record and
 * standing, which are read fresh.
 *
 * Each write that changes a note record announces it (NOTES_CHANGED: like/unlike, collect/uncollect,
 * comment/deleteComment, updateNote, deleteNote, recordView, a share link, a moderation action or
 * appeal on it, an import), and CacheInvalidation drops the entry here at once and on every
 * instance through the bus. A read that raced an invalidation is not stored.
 */
export class NoteCache {
  private readonly entries: LRUCache<string, NoteRecord> | null;
  private readonly invalidatedAt: LRUCache<string, number>;
  /** When every note was last invalidated (an import); reads that started before it are not stored. */
  private allInvalidatedAt = 0;
  private readonly now: () => number;

  /** Hits and misses of get(), while the cache is on. */
  readonly stats = new CacheStats();

  constructor(options: NoteCacheOptions, invalidation: Pick<CacheInvalidation, 'onInvalidate'>) {
    this.now = options.now ?? Date.now;
    this.entries =
      options.ttlMs > 0
        ? new LRUCache<string, NoteRecord>({ max: options.maxEntries, maxSize: options.maxBytes, sizeCalculation: approximateBytes, ttl: options.ttlMs, perf: { now: this.now } })
        : null;
    this.invalidatedAt = new LRUCache<string, number>({ max: options.maxEntries, ttl: TOMBSTONE_MS, perf: { now: this.now } });
    invalidation.onInvalidate((change) => {
      if (change.kind !== 'notes') return;
      if (change.event.noteIds === null) this.dropAll();
      else for (const id of change.event.noteIds) this.drop(id);
    });
  }

  get(id: string): NoteRecord | undefined {
    return this.entries ? this.stats.record(this.entries.get(id)) : undefined;
  }

  /** Stores what a read that started at `readStartedAt` found, unless the note was invalidated since. */
  set(note: NoteRecord, readStartedAt: number): void {
    if (!this.entries) return;
    if (this.allInvalidatedAt >= readStartedAt) return;
    const invalidated = this.invalidatedAt.get(note.id);
    if (invalidated !== undefined && invalidated >= readStartedAt) return;
    this.entries.set(note.id, note);
  }

  private drop(id: string): void {
    this.invalidatedAt.set(id, this.now());
    this.entries?.delete(id);
  }

  private dropAll(): void {
    this.allInvalidatedAt = this.now();
    this.entries?.clear();
  }
}
