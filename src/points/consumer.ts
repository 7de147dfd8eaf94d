import type { Database } from '../db/database';
import { publishAfterCommit } from '../events/after-commit';
import type { EventBus } from '../events/bus';
import { PointEarnings } from './earnings';

export interface ReviewPointsConsumerDeps {
  db: Pick<Database, 'scope'>;
  events: EventBus;
  onError: (error: unknown) => void;
}

/**
 * The points and badges of reviews, settled by an event consumer: the reviews area publishes
 * REVIEW_CREATED, REVIEW_REMOVED and REVIEW_RESTORED after its own transaction commits, and this
 * settles the review in a transaction of its own, under its author's account lock, to what the
 * review rests on now (src/points/standing.ts): a shown review with media, its order live, holds
 * one REVIEW_WITH_MEDIA award; hidden or removed it gives it back; restored it earns again under
 * the next key. The dedupe key is the award's source key (REVIEW:<id>, then REVIEW:<id>:2 ...),
 * chosen from the review's state, not the event: every instance hears every event through Redis
 * and the bus may deliver one twice or out of order, and a replay finds the ledger settled already
 * and changes nothing. A verified review earns the VERIFIED_BUYER badge, kept after it is removed
 * as every badge is. A refund or cancellation of the reviewed order claws back in the order's own
 * transaction (src/commerce/end-order.ts).
 */
export class ReviewPointsConsumer {
  private readonly listeners: AsyncIterator<unknown>[] = [];
  private pending = new Set<Promise<void>>();

  constructor(private readonly deps: ReviewPointsConsumerDeps) {
    for (const topic of ['REVIEW_CREATED', 'REVIEW_REMOVED', 'REVIEW_RESTORED'] as const) {
      this.listen(deps.events.pubsub.subscribe(topic), (event) => this.settle(event));
    }
  }

  async settle(event: { reviewId: string; authorId: string }): Promise<void> {
    const events = await this.deps.db.scope().writeTx((tx) => PointEarnings.reviewsChanged(tx, [{ reviewId: event.reviewId, authorId: event.authorId }], Date.now()));
    publishAfterCommit(null, events, { events: this.deps.events });
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
