/**
 * What orders and reviews should hold in the ledger, as pure functions of what they rest on now:
 * the use cases that change an order or a review (placing it, a group buy filling, a refund or
 * cancellation, a fraud decision, moderation) settle the ledger to this, and the source keys make
 * settling twice, or from two instances, pay and claw back once.
 */
import { type Award, PointAction } from './rules';
import { groupBuySourceKey, referralSourceKey, reviewSourceKey } from './sources';

export interface OrderStanding {
  orderId: string;
  buyerId: string;
  merchantId: string;
  /** The sharer of the link the order came through (a share link, a DM card's link, a live host's link). */
  sharerId: string | null;
  groupBuyId: string | null;
  /** The order is live and no fraud flag on it is open or confirmed (fragments/order-counts). */
  counts: boolean;
}

/**
 * The awards a counted order pays: REFERRAL_CONVERTED to the sharer whose link it came through
 * (not to a buyer through their own link, nor to the merchant selling through theirs: neither is
 * a referral), and GROUP_BUY_COMPLETED to its buyer when the order is their part of a filled group buy.
 */
export function orderAwards(order: Omit<OrderStanding, 'counts'>): Award[] {
  const awards: Award[] = [];
  if (order.sharerId !== null && order.sharerId !== order.buyerId && order.sharerId !== order.merchantId) {
    awards.push({ userId: order.sharerId, action: PointAction.REFERRAL_CONVERTED, sourceKey: referralSourceKey(order.orderId) });
  }
  if (order.groupBuyId !== null) awards.push({ userId: order.buyerId, action: PointAction.GROUP_BUY_COMPLETED, sourceKey: groupBuySourceKey(order.groupBuyId, order.buyerId) });
  return awards;
}

/** An order that counts holds its awards; one that stopped counting (ended, or fraud open or confirmed) gives them back. */
export function orderSettlement(order: OrderStanding): { awards: Award[]; clawbacks: { sourceKey: string; userId: string }[] } {
  const awards = orderAwards(order);
  return order.counts ? { awards, clawbacks: [] } : { awards: [], clawbacks: awards.map((a) => ({ sourceKey: a.sourceKey, userId: a.userId })) };
}

export interface ReviewStanding {
  reviewId: string;
  authorId: string;
  isShown: boolean;
  hasMedia: boolean;
  isVerified: boolean;
  isOrderLive: boolean;
  /** The REVIEW_WITH_MEDIA awards the review earned so far, one per time it was shown. */
  awards: { sourceKey: string; reversed: boolean }[];
}

/**
 * A review with media holds one REVIEW_WITH_MEDIA award while it is shown and its order is live.
 * Hidden or removed, or its order refunded or cancelled, it gives the award back; shown again (a
 * reversed appeal, a moderator's restore) with its order still live, it earns again under a new key
 * (REVIEW:<id>:2, :3, ...), since a key stays taken after its clawback. Settled again with nothing
 * changed, it changes nothing.
 */
export function reviewSettlement(review: ReviewStanding): { awards: Award[]; clawbacks: { sourceKey: string; userId: string }[] } {
  const held = review.awards.find((a) => !a.reversed);
  const earns = review.isShown && review.hasMedia && review.isOrderLive;
  if (earns && !held) {
    const n = review.awards.length + 1;
    const sourceKey = n === 1 ? reviewSourceKey(review.reviewId) : `${reviewSourceKey(review.reviewId)}:${n}`;
    return { awards: [{ userId: review.authorId, action: PointAction.REVIEW_WITH_MEDIA, sourceKey }], clawbacks: [] };
  }
  if (!earns && held) return { awards: [], clawbacks: [{ sourceKey: held.sourceKey, userId: review.authorId }] };
  return { awards: [], clawbacks: [] };
}
