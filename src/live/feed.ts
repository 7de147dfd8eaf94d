import type { LiveCommentData, LiveCountersPatch, LiveRoomStatusValue } from '../events/bus';
import type { LivePinRecord } from './types';

export type { LiveCommentData, LiveCountersPatch, LiveProductPinData, LiveRoomHappening, LiveRoomStatusValue } from '../events/bus';

/** One message a watcher receives. */
export type LiveRoomMessage =
  | { kind: 'COMMENTS'; comments: LiveCommentData[]; droppedCount: number }
  /** comment null: unpinned (or the pinned comment is gone). */
  | { kind: 'COMMENT_PINNED'; comment: LiveCommentData | null }
  /** pin: the room's current pin as stored (read once per room and instance); null: unpinned. */
  | { kind: 'PRODUCT_PINNED'; pin: LivePinRecord | null }
  /** countedAt: when the room's hub took these totals (epoch ms). */
  | { kind: 'COUNTERS'; counters: LiveCountersPatch; countedAt: number }
  | { kind: 'STATUS'; status: LiveRoomStatusValue };

/** What one pushed comments message carries at most; a longer backlog goes out in several. */
export const MAX_COMMENTS_PER_MESSAGE = 50;
/** Below this a full queue could hold nothing but the four state entries and never a comment. */
export const MIN_FEED_CAPACITY = 8;

type Queued = { kind: 'COMMENT'; comment: LiveCommentData } | Exclude<LiveRoomMessage, { kind: 'COMMENTS' }>;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * What one watcher of a live room is sent, and the bounded queue it waits in.
 *
 * A room with ten thousand watchers cannot hold an unbounded backlog per watcher: a phone on a bad
 * network would grow its queue until the server runs out of memory. Each watcher's queue holds at
 * most `capacity` messages. Only comments accumulate: a pin, a status and the counters are states,
 * so a newer one replaces the one still queued (the watcher needs the latest, not the history),
 * which keeps them to at most four entries. When the queue is full the oldest queued comment is
 * shed, never a pin or a status; the next comments message says how many were shed.
 */
export class LiveRoomFeed implements AsyncIterableIterator<LiveRoomMessage> {
  private queue: Queued[] = [];
  private dropped = 0;
  private waiting: { resolve: (r: IteratorResult<LiveRoomMessage>) => void; reject: (e: unknown) => void } | null = null;
  private finished = false;
  /** The room ended: what is queued still goes out, then the feed completes. */
  private ending = false;
  private failure: unknown = null;

  constructor(
    readonly userId: string,
    private readonly capacity: number,
    private readonly onClose: (feed: LiveRoomFeed) => void,
  ) {
    if (capacity < MIN_FEED_CAPACITY) throw new Error(`a live room feed holds at least ${MIN_FEED_CAPACITY} messages`);
  }

  /** Messages waiting to be sent (comments count one each). */
  get size(): number {
    return this.queue.length;
  }

  get isClosed(): boolean {
    return this.finished;
  }

  push(item: Queued): void {
    if (this.finished || this.ending) return;
    if (item.kind === 'COUNTERS') {
      const queued = this.queue.findIndex((q) => q.kind === 'COUNTERS');
      if (queued >= 0) {
        const [old] = this.queue.splice(queued, 1) as [Extract<Queued, { kind: 'COUNTERS' }>];
        item = { kind: 'COUNTERS', counters: { ...old.counters, ...item.counters }, countedAt: item.countedAt };
      }
    } else if (item.kind !== 'COMMENT') {
      const kind = item.kind;
      const queued = this.queue.findIndex((q) => q.kind === kind);
      if (queued >= 0) this.queue.splice(queued, 1);
    }
    if (this.queue.length >= this.capacity) this.shedOldestComment();
    this.queue.push(item);
    this.wake();
  }

  /** Completes the feed once what is queued has been sent (the room ended); nothing more is queued. */
  end(): void {
    if (this.finished || this.ending) return;
    this.ending = true;
    if (this.queue.length === 0) void this.return();
  }

  /** Ends the feed with an error (rights lost): a pending next() rejects with it. */
  fail(error: unknown): void {
    if (this.finished) return;
    this.failure = error;
    this.queue = [];
    this.finish();
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  next(): Promise<IteratorResult<LiveRoomMessage>> {
    if (this.failure) return Promise.reject(this.failure);
    const message = this.take();
    if (message) return Promise.resolve({ done: false, value: message });
    if (this.ending) void this.return();
    if (this.finished) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<LiveRoomMessage>> {
    this.queue = [];
    this.finish();
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(DONE);
    return Promise.resolve(DONE);
  }

  async throw(error: unknown): Promise<IteratorResult<LiveRoomMessage>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.onClose(this);
  }

  private shedOldestComment(): void {
    const oldest = this.queue.findIndex((q) => q.kind === 'COMMENT');
    // Unreachable while capacity >= MIN_FEED_CAPACITY: state entries are at most four.
    if (oldest < 0) return;
    this.queue.splice(oldest, 1);
    this.dropped++;
  }

  private wake(): void {
    if (!this.waiting) return;
    const message = this.take();
    if (!message) return;
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve({ done: false, value: message });
  }

  /** The next message: consecutive queued comments go out together, in order. */
  private take(): LiveRoomMessage | null {
    const head = this.queue[0];
    if (!head) return null;
    if (head.kind !== 'COMMENT') {
      this.queue.shift();
      return head;
    }
    let n = 0;
    while (n < this.queue.length && n < MAX_COMMENTS_PER_MESSAGE && this.queue[n]!.kind === 'COMMENT') n++;
    const comments = (this.queue.splice(0, n) as Extract<Queued, { kind: 'COMMENT' }>[]).map((q) => q.comment);
    const droppedCount = this.dropped;
    this.dropped = 0;
    return { kind: 'COMMENTS', comments, droppedCount };
  }
}
