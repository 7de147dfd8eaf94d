import { LRUCache } from 'lru-cache';
import type { Logger } from '../common/logger';
import type { NoteEdgeReason } from './ranking';
/** One ranking of the discover feed: the ids in order, with each one's reason (code and text) and score. */
export interface Snapshot {
  ids: string[];
  reasonCodes: NoteEdgeReason[];
  reasons: string[];
  scores: number[];
}

/** A ranking as it is stored: whose, when, and the order. */
export interface SnapshotRow extends Snapshot {
  id: string;
  viewerId: string;
  createdAt: number;
}

/** Where snapshots live for good (Neo4j's FeedSnapshot nodes, through FeedRepository). */
export interface SnapshotPersistence {
  /** Stores these rows in one transaction, and drops their viewers' snapshots created before `expiredBefore`. */
  saveAll(rows: SnapshotRow[], expiredBefore: number): Promise<void>;
}

export interface SnapshotStoreOptions {
  persistence: SnapshotPersistence;
  logger: Logger;
  /** How long a snapshot answers its cursors (SNAPSHOT_TTL_MS). */
  ttlMs: number;
  /** How long a new snapshot waits to be written with the others made meanwhile. */
  flushMs?: number;
  /** Snapshots kept in memory; older ones are read back from Neo4j. */
  max?: number;
  now?: () => number;
}

/**
 * The discover feed's rankings, kept so later pages read the order the first page saw. A first
 * page used to write its snapshot to Neo4j before answering: a write transaction (and a commit)
 * on every first page. Now the snapshot is kept in this instance's memory at once, which answers
 * this instance's later pages without a round trip, and written to Neo4j shortly after, together
 * with every other snapshot made meanwhile, in one transaction: a later page that reaches
 * another instance (or this one after a restart, or after the snapshot left memory) reads it
 * from there. A snapshot is only ever an order of ids: what each page shows is hydrated and
 * checked for the viewer then, so a block or a deletion after the first page still applies.
 *
 * What remains: a cursor taken to another instance within flushMs of its first page (before the
 * write) is refused as expired; a failed write loses those snapshots' cursors on other instances
 * (logged). The app flushes what is pending as it closes (src/server/app.ts), so a restart loses none. Both ask the client to start again from the first page, as an expired one does.
 */
export class SnapshotStore {
  private readonly memory: LRUCache<string, SnapshotRow>;
  private pending: SnapshotRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SnapshotStoreOptions) {
    this.flushMs = options.flushMs ?? 50;
    this.now = options.now ?? Date.now;
    // A snapshot of 500 ids, reasons and scores is about 50 kB of heap: 500 of them, 25 MB.
    this.memory = new LRUCache({ max: options.max ?? 500 });
  }

  /** Keeps a new ranking for its cursors: in memory now, in Neo4j with the next batch. */
  put(row: SnapshotRow): void {
    this.memory.set(row.id, row);
    this.pending.push(row);
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    this.timer.unref?.();
  }

  /** This instance's copy of a viewer's snapshot, or undefined (then the caller reads Neo4j). */
  get(id: string, viewerId: string): Snapshot | null | undefined {
    const row = this.memory.get(id);
    if (!row) return undefined;
    if (this.now() - row.createdAt > this.options.ttlMs) {
      this.memory.delete(id);
      return undefined;
    }
    // Another viewer's snapshot is as good as none, and no read of Neo4j can change that.
    return row.viewerId === viewerId ? row : null;
  }

  /** Writes what is pending now (also what the timer does); resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return this.flushing;
    // One batch at a time, in order, so a viewer's older snapshots never overwrite newer ones.
    this.flushing = this.flushing.then(() =>
      this.options.persistence.saveAll(rows, this.now() - this.options.ttlMs).catch((error: unknown) => {
        this.options.logger.warn('discover snapshots not stored', { error: (error as Error).message, snapshots: rows.length });
      }),
    );
    return this.flushing;
  }
}
