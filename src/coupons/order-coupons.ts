import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireId } from '../common/validate';
import type { Tx } from '../db/database';
import type { Scope } from '../accounts/scope';
import { CouponRepository, couponRepository } from './repository';
import { couponLoaders } from './loaders';
import { priceOrder, type CouponTerms, type NotApplicable, type OrderPricing } from './rules';
import { CouponStatus, type CouponRecord } from './types';
import type { CouponService } from './service';

/** One coupon of each scope at most, so an order takes at most four. */
export const MAX_ORDER_COUPONS = 4;

/** The coupons an order asked for, checked as far as they can be before the order's locks. */
export interface OrderCoupons {
  coupons: CouponRecord[];
  /** Each coupon's field in the input ("couponIds[1]"), to name a refusal. */
  fields: Map<string, string>;
}

const WHY: Record<NotApplicable, string> = {
  CURRENCY: "is in another currency than the order's",
  MERCHANT: "is for another merchant's products",
  PRODUCT: 'is for a product the order does not contain',
  THRESHOLD: 'needs the lines it applies to to cost more',
};

/**
 * Reads and checks placeOrder's couponIds: coupons the buyer may see, at most one per scope, in
 * their use window, each with an unused claim of the buyer's. What depends on the prices (scope
 * over the lines, threshold, currency) waits for the prices read under the products' locks.
 */
export async function orderCoupons(scope: Scope, coupons: Pick<CouponService, 'coupon'>, buyerId: string, couponIds: readonly string[] | null | undefined, now: number): Promise<OrderCoupons> {
  const ids = couponIds ?? [];
  if (ids.length > MAX_ORDER_COUPONS) throw badInput('couponIds', `at most ${MAX_ORDER_COUPONS} coupons, one of each scope`, UserErrorCode.COUPON_NOT_APPLICABLE);
  const fields = new Map<string, string>();
  const found: CouponRecord[] = [];
  for (const [i, given] of ids.entries()) {
    const field = `couponIds[${i}]`;
    const id = requireId(given, field);
    if (fields.has(id)) throw badInput(field, 'each coupon may be given once', UserErrorCode.COUPON_NOT_APPLICABLE);
    const coupon = await coupons.coupon(scope, id, field);
    if (!coupon || coupon.status !== CouponStatus.ACTIVE) throw notFound('Coupon', field);
    if (found.some((c) => c.scope === coupon.scope)) throw badInput(field, `an order takes one ${coupon.scope} coupon at most`, UserErrorCode.COUPON_NOT_APPLICABLE);
    if (coupon.useStartsAt > now || coupon.useEndsAt <= now) throw badInput(field, 'the coupon cannot be used now: outside its use window', UserErrorCode.COUPON_NOT_APPLICABLE);
    fields.set(id, field);
    found.push(coupon);
  }
  if (found.length) {
    const held = await couponRepository(scope).viewerClaims(buyerId, found.map((c) => c.id));
    for (const coupon of found) {
      if (!held.get(coupon.id)?.unusedClaimIds.length) throw badInput(fields.get(coupon.id)!, 'you hold no unused unit of this coupon: claim it first', UserErrorCode.COUPON_UNAVAILABLE);
    }
  }
  return { coupons: found, fields };
}

const terms = (c: CouponRecord): CouponTerms => ({
  id: c.id,
  kind: c.kind,
  scope: c.scope,
  currency: c.currency,
  amountOffMinor: c.amountOffMinor,
  percentOff: c.percentOff,
  capMinor: c.capMinor,
  thresholdMinor: c.thresholdMinor,
  merchantId: c.merchantId,
  productId: c.productId,
});

/**
 * Prices the placed order with its coupons on the lines' prices as the order statement read
 * them under the products' locks, and uses the buyer's claims in the order's transaction: a
 * claim already used by another order refuses this one (COUPON_UNAVAILABLE), and the refusal
 * rolls the whole order back. Answers the pricing (its totalMinor is what the buyer pays).
 */
export async function applyOrderCoupons(
  tx: Tx,
  asked: OrderCoupons,
  order: { id: string; buyerId: string; merchantId: string; currency: string; lines: { productId: string; qty: number; unitPriceMinor: number }[]; now: number },
): Promise<OrderPricing | null> {
  if (!asked.coupons.length) return null;
  const lines = order.lines.map((l) => ({ productId: l.productId, amountMinor: l.qty * l.unitPriceMinor }));
  const priced = priceOrder(lines, order.merchantId, order.currency, asked.coupons.map(terms));
  if ('refused' in priced) throw badInput(asked.fields.get(priced.refused.couponId)!, `the coupon ${WHY[priced.refused.why]}`, UserErrorCode.COUPON_NOT_APPLICABLE);
  const { pricing } = priced;
  const used = await CouponRepository.applyToOrder(tx, {
    orderId: order.id,
    buyerId: order.buyerId,
    uses: pricing.coupons.map((c) => ({ couponId: c.couponId, discountMinor: c.discountMinor })),
    lines: order.lines.map((l, i) => ({ productId: l.productId, ...pricing.lines[i]! })),
    subtotalMinor: pricing.subtotalMinor,
    discountMinor: pricing.discountMinor,
    totalMinor: pricing.totalMinor,
    now: order.now,
  });
  if (used !== pricing.coupons.length) throw badInput('couponIds', 'a coupon given was used by another order meanwhile', UserErrorCode.COUPON_UNAVAILABLE);
  return pricing;
}

/** The coupons an order used, for Order.coupons: each coupon as the viewer may see it. */
export async function appliedCoupons(scope: Scope, coupons: Pick<CouponService, 'canSee'>, used: { couponId: string; discountMinor: number }[], currency: string) {
  const loaded = await couponLoaders(scope).couponById.loadMany(used.map((u) => u.couponId));
  return Promise.all(
    used.map(async (u, i) => {
      const coupon = loaded[i];
      const visible = coupon && !(coupon instanceof Error) && (await coupons.canSee(scope, coupon)) ? coupon : null;
      return { coupon: visible, discount: { amountMinor: u.discountMinor, currency } };
    }),
  );
}
