/**
 * Coupon pricing as pure functions over integers of minor units: what a coupon takes off an
 * order, and how that discount is split across the order's lines. placeOrder runs them on the
 * prices read under the products' locks, and stores each line's share, so a refund and the
 * commissions read exactly what was paid (README, "Coupons").
 */

export enum CouponKind {
  AMOUNT_OFF = 'AMOUNT_OFF',
  PERCENT_OFF = 'PERCENT_OFF',
  THRESHOLD = 'THRESHOLD',
}

export enum CouponScope {
  PLATFORM = 'PLATFORM',
  MERCHANT = 'MERCHANT',
  PRODUCT = 'PRODUCT',
  GROUP_EXCLUSIVE = 'GROUP_EXCLUSIVE',
}

/**
 * The order several coupons of one order are applied in: the narrowest first, each on what its
 * lines still cost after the ones before it, so the platform's coupon comes last and no line is
 * ever discounted below zero.
 */
export const SCOPE_ORDER: readonly CouponScope[] = [CouponScope.PRODUCT, CouponScope.MERCHANT, CouponScope.GROUP_EXCLUSIVE, CouponScope.PLATFORM];

/** What pricing needs of a coupon. */
export interface CouponTerms {
  id: string;
  kind: CouponKind;
  scope: CouponScope;
  currency: string;
  /** AMOUNT_OFF and THRESHOLD: the amount taken off. */
  amountOffMinor: number | null;
  /** PERCENT_OFF: whole percent, 1 to 99. */
  percentOff: number | null;
  /** PERCENT_OFF: the most it takes off. */
  capMinor: number | null;
  /** THRESHOLD: what its lines must cost at least (满减: 30 off 200). */
  thresholdMinor: number | null;
  merchantId: string | null;
  productId: string | null;
}

export interface PricedLine {
  productId: string;
  /** qty × unit price: what the line costs before coupons. */
  amountMinor: number;
}

export type NotApplicable = 'CURRENCY' | 'MERCHANT' | 'PRODUCT' | 'THRESHOLD';

/** Which lines a coupon's scope reaches: every line, the merchant's, or its one product's. */
export function eligibleLines(coupon: CouponTerms, merchantId: string, lines: readonly PricedLine[]): boolean[] {
  switch (coupon.scope) {
    case CouponScope.PLATFORM:
      return lines.map(() => true);
    case CouponScope.MERCHANT:
    case CouponScope.GROUP_EXCLUSIVE:
      return lines.map(() => coupon.merchantId === merchantId);
    case CouponScope.PRODUCT:
      return lines.map((l) => coupon.merchantId === merchantId && l.productId === coupon.productId);
  }
}

/**
 * What the coupon takes off `baseMinor` (what its lines cost now): AMOUNT_OFF its amount,
 * PERCENT_OFF the percentage rounded down to a whole minor unit and capped, THRESHOLD its amount
 * once the base reaches the threshold (else nothing: null). Never more than the base.
 */
export function discountOn(coupon: CouponTerms, baseMinor: number): number | null {
  switch (coupon.kind) {
    case CouponKind.AMOUNT_OFF:
      return Math.min(coupon.amountOffMinor!, baseMinor);
    case CouponKind.PERCENT_OFF: {
      const off = Number((BigInt(baseMinor) * BigInt(coupon.percentOff!)) / 100n);
      return Math.min(off, coupon.capMinor ?? off, baseMinor);
    }
    case CouponKind.THRESHOLD:
      return baseMinor >= coupon.thresholdMinor! ? Math.min(coupon.amountOffMinor!, baseMinor) : null;
  }
}

/**
 * Splits `discountMinor` across lines in proportion to their amounts (largest remainder): each
 * line gets its share rounded down, and the minor units left over go one each to the lines with
 * the largest fractions cut off (ties to the larger line, then the earlier one). Each share is
 * at most its line's amount, and the shares add up to the discount exactly. Lines of amount 0
 * get nothing. Exact for any amounts MinorUnits carries (the products are BigInt).
 */
export function splitDiscount(discountMinor: number, amounts: readonly number[]): number[] {
  const total = amounts.reduce((s, a) => s + a, 0);
  if (discountMinor <= 0 || total <= 0) return amounts.map(() => 0);
  if (discountMinor > total) throw new Error(`splitDiscount: ${discountMinor} is more than the lines' ${total}`);
  const d = BigInt(discountMinor);
  const t = BigInt(total);
  const shares = amounts.map((a) => {
    const scaled = d * BigInt(a);
    return { floor: Number(scaled / t), fraction: scaled % t };
  });
  let left = discountMinor - shares.reduce((s, x) => s + x.floor, 0);
  const byFraction = amounts
    .map((a, i) => i)
    .filter((i) => shares[i]!.fraction > 0n)
    .sort((i, j) => (shares[j]!.fraction > shares[i]!.fraction ? 1 : shares[j]!.fraction < shares[i]!.fraction ? -1 : amounts[j]! - amounts[i]! || i - j));
  const out = shares.map((x) => x.floor);
  for (const i of byFraction) {
    if (left === 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

export interface OrderPricing {
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  /** Per line, in order: its discount (all coupons) and what is paid for it. */
  lines: { discountMinor: number; paidMinor: number }[];
  /** Per coupon, in the order given: what it took off and its share on each line. */
  coupons: { couponId: string; discountMinor: number; lineDiscounts: number[] }[];
}

/**
 * Prices an order with its coupons (at most one per scope, checked by the caller): the
 * narrowest scope first (SCOPE_ORDER), each coupon on what its lines still cost. Answers the
 * first coupon that does not apply, with why, instead of a price.
 */
export function priceOrder(
  lines: readonly PricedLine[],
  merchantId: string,
  currency: string,
  coupons: readonly CouponTerms[],
): { pricing: OrderPricing } | { refused: { couponId: string; why: NotApplicable } } {
  const remaining = lines.map((l) => l.amountMinor);
  const applied = new Map<string, { discountMinor: number; lineDiscounts: number[] }>();
  const ordered = [...coupons].sort((a, b) => SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope));
  for (const coupon of ordered) {
    if (coupon.currency !== currency) return { refused: { couponId: coupon.id, why: 'CURRENCY' } };
    const eligible = eligibleLines(coupon, merchantId, lines);
    if (!eligible.some(Boolean)) return { refused: { couponId: coupon.id, why: coupon.scope === CouponScope.PRODUCT && coupon.merchantId === merchantId ? 'PRODUCT' : 'MERCHANT' } };
    const amounts = remaining.map((r, i) => (eligible[i] ? r : 0));
    const base = amounts.reduce((s, a) => s + a, 0);
    const off = discountOn(coupon, base);
    if (off === null) return { refused: { couponId: coupon.id, why: 'THRESHOLD' } };
    const lineDiscounts = splitDiscount(off, amounts);
    lineDiscounts.forEach((x, i) => (remaining[i]! -= x));
    applied.set(coupon.id, { discountMinor: off, lineDiscounts });
  }
  const subtotalMinor = lines.reduce((s, l) => s + l.amountMinor, 0);
  const totalMinor = remaining.reduce((s, r) => s + r, 0);
  return {
    pricing: {
      subtotalMinor,
      discountMinor: subtotalMinor - totalMinor,
      totalMinor,
      lines: lines.map((l, i) => ({ discountMinor: l.amountMinor - remaining[i]!, paidMinor: remaining[i]! })),
      coupons: coupons.map((c) => ({ couponId: c.id, ...applied.get(c.id)! })),
    },
  };
}

/** A coupon's status as its holder sees one claim of it: AVAILABLE while unused and its use window is open. */
export function claimStatus(claim: { usedAt: number | null }, useEndsAt: number, now: number): 'AVAILABLE' | 'USED' | 'EXPIRED' {
  if (claim.usedAt !== null) return 'USED';
  return useEndsAt > now ? 'AVAILABLE' : 'EXPIRED';
}
