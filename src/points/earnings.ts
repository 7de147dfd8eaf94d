import { cypher } from '../db/cypher';
import type { Tx } from '../db/database';
import type { AfterCommit } from '../events/after-commit';
import { BadgeAwards } from '../badges/awards';
import { BadgeMetric } from '../badges/rules';
import { type LedgerChange, PointsLedger } from './ledger';
import { orderAwards, orderSettlement, type OrderStanding, reviewSettlement, type ReviewStanding } from './standing';

const q = {
  orderStanding: cypher('points/order-standing'),
  reviewStanding: cypher('points/review-standing'),
};

/**
 * The points of orders and reviews, settled inside the transaction that changed what they rest on
 * (src/points/standing.ts says what each should hold). Returns what to announce after commit.
 */
export const PointEarnings = {
  /**
   * A new order whose fraud checks found nothing (placeOrder, a group buy filling): its awards, from
   * what the caller already knows. A flagged order earns nothing now; it earns once its flags are
   * all found legitimate (orderChanged).
   */
  async orderPlaced(tx: Tx, order: Omit<OrderStanding, 'counts'>, now: number): Promise<AfterCommit[]> {
    return PointEarnings.ordersPlaced(tx, [order], now);
  },

  /** Several new orders at once (a group buy's), in one ledger settlement. */
  async ordersPlaced(tx: Tx, orders: readonly Omit<OrderStanding, 'counts'>[], now: number): Promise<AfterCommit[]> {
    return (await PointsLedger.apply(tx, { awards: orders.flatMap(orderAwards) }, now)).events;
  },

  /** An order ended or had a fraud decision (the caller holds its lock): its awards follow whether it counts now. */
  async orderChanged(tx: Tx, orderId: string, now: number): Promise<AfterCommit[]> {
    const [standing] = await tx.run<OrderStanding>(q.orderStanding, { orderId });
    if (!standing) return [];
    return (await PointsLedger.apply(tx, orderSettlement(standing), now)).events;
  },

  /**
   * Reviews were published, moderated, or their order ended: each one's REVIEW_WITH_MEDIA award
   * follows whether it earns now, read under its author's lock; a shown, verified review of a live
   * order earns the VERIFIED_BUYER badge (once, and kept).
   */
  async reviewsChanged(tx: Tx, reviews: readonly { reviewId: string; authorId: string }[], now: number): Promise<AfterCommit[]> {
    if (reviews.length === 0) return [];
    const authorIds = [...new Set(reviews.map((r) => r.authorId))].sort();
    const standings = await tx.run<ReviewStanding>(q.reviewStanding, { authorIds, reviewIds: reviews.map((r) => r.reviewId), now });
    const change: Required<LedgerChange> = { awards: [], clawbacks: [] };
    for (const standing of standings) {
      const settled = reviewSettlement(standing);
      change.awards.push(...settled.awards);
      change.clawbacks.push(...settled.clawbacks);
    }
    const settled = await PointsLedger.apply(tx, change, now);
    const verified = standings.filter((s) => s.isShown && s.isVerified && s.isOrderLive).map((s) => ({ userId: s.authorId, values: { [BadgeMetric.VERIFIED_REVIEW]: 1 } }));
    const badges = await BadgeAwards.forMetrics(tx, [BadgeMetric.VERIFIED_REVIEW], verified, now);
    return [...settled.events, ...(badges.length ? [{ to: 'badges' as const, awarded: badges }] : [])];
  },
};
