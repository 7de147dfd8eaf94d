import type { Database } from '../db/database';
import { publishAfterCommit, type AfterCommit } from '../events/after-commit';
import type { EventBus, ReviewCreatedEvent, ReviewModeratedEvent } from '../events/bus';
import { BadgeAwards } from '../badges/awards';
import { BadgeMetric } from '../badges/rules';
import { PointsLedger } from './ledger';
import { PointAction } from './rules';
import { reviewSourceKey } from './sources';

export interface ReviewPointsConsumerDeps {
  db: Pick<Database, 'scope'>;
  events: EventBus;
  onError: (error: unknown) => void;
}

/**
 * The points and badges of reviews, settled by an event consumer: the reviews area publishes
 * REVIEW_CREATED and REVIEW_REMOVED after its own transaction commits, and this writes the
 * ledger in a transaction of its own, with the review id as the source key (the dedupe key).
 * Every instance hears every event through Redis, and the bus may deliver one twice; the key
 * makes each replay pay nothing, and a removal claws back exactly the award, once. A review with
 * media pays REVIEW_WITH_MEDIA; a verified one (its author bought the product) earns the
 * VERIFIED_BUYER badge, kept after the review is removed as every badge is.
 */
export class ReviewPointsConsumer {
  private readonly listeners: AsyncIterator<unknown>[] = [];
  private pending = new Set<Promise<void>>();

  constructor(private readonly deps: ReviewPointsConsumerDeps) {
    this.listen(deps.events.pubsub.subscribe('REVIEW_CREATED'), (event) => this.created(event));
    this.listen(deps.events.pubsub.subscribe('REVIEW_REMOVED'), (event) => this.removed(event));
  }

  async created(event: ReviewCreatedEvent): Promise<void> {
    const now = Date.now();
    const events = await this.deps.db.scope().writeTx(async (tx): Promise<AfterCommit[]> => {
      const awards = event.hasMedia ? [{ userId: event.authorId, action: PointAction.REVIEW_WITH_MEDIA, sourceKey: reviewSourceKey(event.reviewId) }] : [];
      const settled = await PointsLedger.apply(tx, { awards }, now);
      const badges = event.verified ? await BadgeAwards.forMetrics(tx, [BadgeMetric.VERIFIED_REVIEW], [{ userId: event.authorId, values: { [BadgeMetric.VERIFIED_REVIEW]: 1 } }], now) : [];
      return [...settled.events, ...(badges.length ? [{ to: 'badges' as const, awarded: badges }] : [])];
    });
    publishAfterCommit(null, events, { events: this.deps.events });
  }

  async removed(event: ReviewModeratedEvent): Promise<void> {
    await this.deps.db.scope().writeTx((tx) => PointsLedger.apply(tx, { clawbacks: [{ sourceKey: reviewSourceKey(event.reviewId), userId: event.authorId }] }, Date.now()));
  }

  /** Resolves when the events heard so far are settled (for tests and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private listen<T>(source: AsyncIterable<T>, handle: (event: T) => Promise<void>): void {
    const iterator = source[Symbol.asyncIterator]();
    this.listeners.push(iterator);
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const settling = handle(next.value).catch(this.deps.onError);
        this.pending.add(settling);
        void settling.finally(() => this.pending.delete(settling));
      }
    })().catch(this.deps.onError);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.listeners.map((l) => l.return?.()));
    await this.idle();
  }
}
