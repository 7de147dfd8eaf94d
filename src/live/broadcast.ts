import type { EventBus } from '../events/bus';
import {
  LiveRoomFeed,
  type LiveCommentData,
  type LiveCountersPatch,
  type LiveProductPinData,
  type LiveRoomHappening,
  type LiveRoomStatusValue,
} from './feed';
import type { LiveRoomPublisher } from './publisher';
import type { LivePinRecord } from './types';

export interface LiveBroadcastSettings {
  /** Counters reach watchers at most this often (LIVE_COUNTER_INTERVAL_MS). */
  counterIntervalMs: number;
  /** Messages one watcher's queue holds before comments are shed (LIVE_WATCHER_BUFFER). */
  watcherBuffer: number;
  /** How often every watcher's right to watch is read again (LIVE_RIGHTS_RECHECK_MS). */
  rightsRecheckMs: number;
}

/** What the fan-out reads of the room model, once per room and instance, never once per watcher. */
export interface LiveRoomReads {
  /**
   * Who of these watchers may no longer watch the room (a block with the host, a lost membership
   * of the room's CLOSED or SECRET group). One read for many watchers, so a periodic re-check
   * costs a room one query, not one per watcher.
   */
  lostWatchers(roomId: string, userIds: string[]): Promise<string[]>;
  /** A comment of the room, for a pin of one the hub has not seen (written before it listened); null when gone. */
  comment(roomId: string, commentId: string): Promise<LiveCommentData | null>;
  /** The room's current product pin as stored, read when one is pinned (the announcement lacks its id); null when none. */
  pin(roomId: string): Promise<LivePinRecord | null>;
}

/** Comments a hub remembers, so pinning a recent one needs no read. */
const RECENT_COMMENTS = 500;

/** How a watcher's feed is ended when its rights are gone (the subscription turns it into FORBIDDEN). */
export type RightsLost = (userId: string) => unknown;

/**
 * The watchers of one room on this instance. Every happening reaches it once (one bus listener
 * per room and instance, however many watch), and it fans out to the watchers' bounded feeds:
 * comments in the order they arrive, counters merged and pushed at most every counterIntervalMs.
 */
export class LiveRoomHub {
  private readonly feeds = new Set<LiveRoomFeed>();
  private pendingCounters: LiveCountersPatch | null = null;
  private counterTimer: NodeJS.Timeout | null = null;
  private lastCountersAt = -Infinity;
  private readonly highest: { likes?: number; purchases?: number } = {};
  private recheckTimer: NodeJS.Timeout | null = null;
  private rechecking: Promise<void> | null = null;
  private readonly recent = new Map<string, LiveCommentData>();
  /** Pins wait for their comment's read in order, so a later unpin cannot overtake an earlier pin. */
  private pinning: Promise<void> = Promise.resolve();

  constructor(
    readonly roomId: string,
    private readonly settings: LiveBroadcastSettings,
    private readonly reads: LiveRoomReads,
    private readonly rightsLost: RightsLost,
    private readonly onEmpty: (hub: LiveRoomHub) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  get watcherCount(): number {
    return this.feeds.size;
  }

  join(userId: string): LiveRoomFeed {
    const feed = new LiveRoomFeed(userId, this.settings.watcherBuffer, (f) => this.leave(f));
    this.feeds.add(feed);
    if (!this.recheckTimer) {
      this.recheckTimer = setInterval(() => void this.recheck(null), this.settings.rightsRecheckMs);
      this.recheckTimer.unref();
    }
    return feed;
  }

  receive(happening: LiveRoomHappening): void {
    switch (happening.kind) {
      case 'COMMENT':
        this.remember(happening.comment);
        for (const feed of this.feeds) feed.push(happening);
        return;
      case 'COMMENT_PINNED':
        this.pinComment(happening.commentId);
        return;
      case 'PRODUCT_PINNED':
        this.pinProduct(happening.pin !== null);
        return;
      case 'STATUS':
        this.changeStatus(happening.status);
        return;
      case 'COUNTERS':
        this.counters(happening.patch);
        return;
      case 'RIGHTS_CHANGED':
        void this.recheck(happening.userIds);
        return;
    }
  }

  /** Reads again whether watchers may watch (userIds null: all of them) and ends the feeds of those who may not. */
  recheck(userIds: string[] | null): Promise<void> {
    const run = async () => {
      const wanted = userIds ? new Set(userIds) : null;
      const watching = [...new Set([...this.feeds].map((f) => f.userId))].filter((id) => !wanted || wanted.has(id));
      if (watching.length === 0) return;
      const lost = new Set(await this.reads.lostWatchers(this.roomId, watching));
      if (lost.size === 0) return;
      for (const feed of [...this.feeds]) if (lost.has(feed.userId)) feed.fail(this.rightsLost(feed.userId));
    };
    // Checks of one room run one after another, so a slow periodic read cannot overtake a newer change.
    const next = (this.rechecking ?? Promise.resolve()).then(run).catch(this.onError);
    this.rechecking = next;
    return next;
  }

  private remember(comment: LiveCommentData): void {
    this.recent.set(comment.id, comment);
    if (this.recent.size > RECENT_COMMENTS) this.recent.delete(this.recent.keys().next().value as string);
  }

  private pinComment(commentId: string | null): void {
    const known = commentId === null ? null : this.recent.get(commentId);
    const read = known !== undefined ? Promise.resolve(known) : this.reads.comment(this.roomId, commentId!);
    this.pinning = this.pinning
      .then(() => read)
      .then((comment) => {
        for (const feed of this.feeds) feed.push({ kind: 'COMMENT_PINNED', comment });
      })
      .catch(this.onError);
  }

  private pinProduct(pinned: boolean): void {
    const read = pinned ? this.reads.pin(this.roomId) : Promise.resolve(null);
    this.pinning = this.pinning
      .then(() => read)
      .then((pin) => {
        for (const feed of this.feeds) feed.push({ kind: 'PRODUCT_PINNED', pin });
      })
      .catch(this.onError);
  }

  /** After the pins announced before it; an ENDED room then completes every watcher's stream (nothing more will happen in it). */
  private changeStatus(status: LiveRoomStatusValue): void {
    this.pinning = this.pinning
      .then(() => {
        for (const feed of this.feeds) feed.push({ kind: 'STATUS', status });
        if (status === 'ENDED') for (const feed of [...this.feeds]) feed.end();
      })
      .catch(this.onError);
  }

  private counters(announced: LiveCountersPatch): void {
    // Likes and purchases only grow: a total taken by a slower request (or instance) never moves a counter back.
    const patch = { ...announced };
    for (const key of ['likes', 'purchases'] as const) {
      const total = patch[key];
      if (total === undefined) continue;
      if (total < (this.highest[key] ?? -Infinity)) delete patch[key];
      else this.highest[key] = total;
    }
    if (Object.keys(patch).length === 0) return;
    this.pendingCounters = { ...this.pendingCounters, ...patch };
    if (this.counterTimer) return;
    const wait = this.lastCountersAt + this.settings.counterIntervalMs - Date.now();
    if (wait <= 0) {
      this.flushCounters();
      return;
    }
    this.counterTimer = setTimeout(() => this.flushCounters(), wait);
    this.counterTimer.unref();
  }

  private flushCounters(): void {
    this.counterTimer = null;
    const counters = this.pendingCounters;
    this.pendingCounters = null;
    if (!counters) return;
    this.lastCountersAt = Date.now();
    for (const feed of this.feeds) feed.push({ kind: 'COUNTERS', counters, countedAt: this.lastCountersAt });
  }

  private leave(feed: LiveRoomFeed): void {
    this.feeds.delete(feed);
    if (this.feeds.size > 0) return;
    this.close();
    this.onEmpty(this);
  }

  close(): void {
    if (this.counterTimer) clearTimeout(this.counterTimer);
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    this.counterTimer = null;
    this.recheckTimer = null;
    this.pendingCounters = null;
    for (const feed of [...this.feeds]) void feed.return();
  }
}

/**
 * The live rooms' fan-out (LiveRoomPublisher, src/live/publisher.ts): the room service reports
 * each happening here after its transaction commits. A happening travels once over the bus (through
 * Redis with REDIS_URL, so every instance hears it), and each instance's hub for the room hands it
 * to the watchers connected there. An instance listens to a room only while someone watches it.
 */
export class LiveRoomBroadcaster implements LiveRoomPublisher {
  private readonly hubs = new Map<string, { hub: LiveRoomHub; listener: AsyncIterator<LiveRoomHappening> }>();

  constructor(
    private readonly events: EventBus,
    private readonly settings: LiveBroadcastSettings,
    private readonly reads: LiveRoomReads,
    private readonly rightsLost: RightsLost,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  comment(roomId: string, comment: LiveCommentData): void {
    this.publish(roomId, { kind: 'COMMENT', comment: { id: comment.id, authorId: comment.authorId, body: comment.body, createdAt: comment.createdAt } });
  }

  commentPinned(roomId: string, commentId: string | null): void {
    this.publish(roomId, { kind: 'COMMENT_PINNED', commentId });
  }

  productPinned(roomId: string, pin: LiveProductPinData | null): void {
    this.publish(roomId, { kind: 'PRODUCT_PINNED', pin });
  }

  counters(roomId: string, patch: LiveCountersPatch): void {
    this.publish(roomId, { kind: 'COUNTERS', patch });
  }

  status(roomId: string, status: LiveRoomStatusValue): void {
    this.publish(roomId, { kind: 'STATUS', status });
  }

  rightsChanged(roomId: string, userIds: string[] | null): void {
    this.publish(roomId, { kind: 'RIGHTS_CHANGED', userIds });
  }

  /** Reads again whether these watchers of the room on this instance may watch it (a block they took part in). */
  recheck(roomId: string, userIds: string[] | null): Promise<void> {
    return this.hubs.get(roomId)?.hub.recheck(userIds) ?? Promise.resolve();
  }

  /** Watchers of the room on this instance. */
  watchers(roomId: string): number {
    return this.hubs.get(roomId)?.hub.watcherCount ?? 0;
  }

  /**
   * A feed of the room's happenings for this watcher, from the moment the room's bus listener is
   * attached: await it before telling the client it is subscribed.
   */
  async watch(roomId: string, userId: string): Promise<LiveRoomFeed> {
    let entry = this.hubs.get(roomId);
    if (!entry) {
      const hub = new LiveRoomHub(roomId, this.settings, this.reads, this.rightsLost, (h) => this.drop(h), this.onError);
      const listener = this.events.pubsub.subscribe('LIVE_ROOM', roomId)[Symbol.asyncIterator]();
      entry = { hub, listener };
      this.hubs.set(roomId, entry);
      this.pump(entry);
    }
    return entry.hub.join(userId);
  }

  async close(): Promise<void> {
    const entries = [...this.hubs.values()];
    this.hubs.clear();
    for (const { hub } of entries) hub.close();
    await Promise.allSettled(entries.map(({ listener }) => listener.return?.()));
  }

  private publish(roomId: string, happening: LiveRoomHappening): void {
    this.events.pubsub.publish('LIVE_ROOM', roomId, happening);
  }

  private pump(entry: { hub: LiveRoomHub; listener: AsyncIterator<LiveRoomHappening> }): void {
    void (async () => {
      for (;;) {
        const next = await entry.listener.next();
        if (next.done) return;
        try {
          entry.hub.receive(next.value);
        } catch (error) {
          this.onError(error);
        }
      }
    })().catch(this.onError);
  }

  private drop(hub: LiveRoomHub): void {
    const entry = this.hubs.get(hub.roomId);
    if (!entry || entry.hub !== hub) return;
    this.hubs.delete(hub.roomId);
    void Promise.resolve(entry.listener.return?.()).catch(this.onError);
  }
}

/** Announces to both: tests keep a recording publisher beside the real fan-out. */
export function bothPublishers(first: LiveRoomPublisher, second: LiveRoomPublisher): LiveRoomPublisher {
  return {
    comment: (roomId, comment) => (first.comment(roomId, comment), second.comment(roomId, comment)),
    commentPinned: (roomId, commentId) => (first.commentPinned(roomId, commentId), second.commentPinned(roomId, commentId)),
    productPinned: (roomId, pin) => (first.productPinned(roomId, pin), second.productPinned(roomId, pin)),
    counters: (roomId, patch) => (first.counters(roomId, patch), second.counters(roomId, patch)),
    status: (roomId, status) => (first.status(roomId, status), second.status(roomId, status)),
    rightsChanged: (roomId, userIds) => (first.rightsChanged(roomId, userIds), second.rightsChanged(roomId, userIds)),
  };
}
