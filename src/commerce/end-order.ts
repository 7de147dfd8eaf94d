import { inTx } from '../db/in-tx';
import { badInput } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { claimIdempotencyKey } from '../db/idempotency';
import { CommissionRepository } from '../commissions/repository';
import { ReviewRepository } from '../reviews/repository';
import type { AfterCommit } from '../events/after-commit';
import { PointEarnings } from '../points/earnings';
import { CouponRepository } from '../coupons/repository';
import type { Scope } from '../accounts/scope';
import { CommerceRepository } from './repository';
import type { OrderStatus } from './types';

/**
 * Cancel or refund an order: the order leaves PLACED (cancelled goods back in stock) and its
 * commissions are reversed in one transaction, and its coupons go back to the buyer while their
 * use window is open (an expired one stays used by the ended order). An order already in `status` is answered as done;
 * one in another end status is refused with INVALID_STATE, which rolls the idempotency key back.
 * Returns the id of the order the answer is about (the first use's, for a retried key), and what
 * to announce once committed: REVIEW_REMOVED for each published review of the order, which left
 * its product's rating with the line (the points ledger claws back what the review paid).
 */
export async function endOrder(
  scope: Scope,
  orderId: string,
  status: OrderStatus,
  restock: boolean,
  key: { actorId: string; operation: string; key: string } | null,
): Promise<{ orderId: string; events: AfterCommit[] }> {
  const now = Date.now();
  return scope.db.writeTx(async (tx) => {
    const events: AfterCommit[] = [];
    const t = { commerce: inTx(tx, CommerceRepository), commissions: inTx(tx, CommissionRepository), reviews: inTx(tx, ReviewRepository), coupons: inTx(tx, CouponRepository) };
    const claim = key ? await claimIdempotencyKey(tx, { ...key, input: { orderId } }) : null;
    if (claim && !claim.fresh) return { orderId: claim.resultId, events };
    if (await t.commerce.setStatus(orderId, status, restock, now)) {
      await t.commissions.setOrderCommissionsStatus(orderId, ['PENDING', 'HELD'], 'REVERSED', now);
      // A cancelled or refunded line's review leaves the product's rating with it, and the order's
      // points (its referral, its group-buy part, its reviews' media awards) are clawed back.
      const reviews = await t.reviews.settleOrderReviews(orderId);
      events.push(...(await PointEarnings.orderChanged(tx, orderId, now)), ...(await PointEarnings.reviewsChanged(tx, reviews.map((r) => ({ reviewId: r.id, authorId: r.authorId })), now)));
      for (const review of reviews) {
        if (review.shown) events.push({ to: 'review', topic: 'REVIEW_REMOVED', event: { reviewId: review.id, authorId: review.authorId, at: now } });
      }
      await t.coupons.returnFromOrder(orderId, now);
    } else {
      const current = await t.commerce.statusOf(orderId);
      if (current !== status) throw badInput('orderId', `the order is already ${current}`, UserErrorCode.INVALID_STATE);
    }
    await claim?.complete(orderId);
    return { orderId, events };
  });
}
