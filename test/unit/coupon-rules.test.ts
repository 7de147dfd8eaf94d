import { CouponKind, CouponScope, discountOn, priceOrder, splitDiscount, type CouponTerms } from '../../src/coupons/rules';

const coupon = (over: Partial<CouponTerms>): CouponTerms => ({
  id: 'c',
  kind: CouponKind.AMOUNT_OFF,
  scope: CouponScope.PLATFORM,
  currency: 'CNY',
  amountOffMinor: 1000,
  percentOff: null,
  capMinor: null,
  thresholdMinor: null,
  merchantId: null,
  productId: null,
  ...over,
});

describe('splitting a discount across lines', () => {
  test('in proportion to the line amounts, adding up exactly', () => {
    expect(splitDiscount(3000, [10000, 20000])).toEqual([1000, 2000]);
    expect(splitDiscount(100, [100, 100, 100])).toEqual([34, 33, 33]);
  });

  test('the minor units left over go to the largest fractions, ties to the larger line, then the earlier', () => {
    // 1000 over 3333/3333/3334: exact shares 333.3/333.3/333.4 → the third line's fraction is largest.
    expect(splitDiscount(1000, [3333, 3333, 3334])).toEqual([333, 333, 334]);
    // Equal fractions: the larger line first.
    expect(splitDiscount(1, [100, 300])).toEqual([0, 1]);
    // Equal lines: the earlier one.
    expect(splitDiscount(1, [100, 100])).toEqual([1, 0]);
  });

  test('no line gets more than it costs, however the remainder falls', () => {
    expect(splitDiscount(2, [1, 1, 1])).toEqual([1, 1, 0]);
    const amounts = [1, 2, 3, 5, 8, 13, 21];
    for (let d = 0; d <= 53; d++) {
      const shares = splitDiscount(d, amounts);
      expect(shares.reduce((s, x) => s + x, 0)).toBe(d);
      shares.forEach((x, i) => expect(x).toBeLessThanOrEqual(amounts[i]!));
    }
  });

  test('is exact past 2^53 products: amounts of 10^14 minor units', () => {
    const shares = splitDiscount(99_999_999_999_999, [100_000_000_000_000, 100_000_000_000_000, 1]);
    // Shares of 49,999,999,999,999.25, the same and 0.4999...: the one unit left goes to the third line.
    expect(shares).toEqual([49_999_999_999_999, 49_999_999_999_999, 1]);
  });

  test('lines of 0 get nothing and a discount above the lines is a bug', () => {
    expect(splitDiscount(10, [0, 10])).toEqual([0, 10]);
    expect(() => splitDiscount(11, [10])).toThrow();
  });
});

describe('what a coupon takes off', () => {
  test('AMOUNT_OFF its amount, never more than the lines cost', () => {
    expect(discountOn(coupon({ amountOffMinor: 1000 }), 5000)).toBe(1000);
    expect(discountOn(coupon({ amountOffMinor: 1000 }), 600)).toBe(600);
  });

  test('PERCENT_OFF rounds down to a whole minor unit and stops at its cap', () => {
    const c = coupon({ kind: CouponKind.PERCENT_OFF, amountOffMinor: null, percentOff: 15, capMinor: 2000 });
    expect(discountOn(c, 999)).toBe(149); // 149.85
    expect(discountOn(c, 100_000)).toBe(2000);
  });

  test('THRESHOLD (满减) takes its amount once the lines reach the threshold, else does not apply', () => {
    const c = coupon({ kind: CouponKind.THRESHOLD, amountOffMinor: 3000, thresholdMinor: 20000 });
    expect(discountOn(c, 20000)).toBe(3000);
    expect(discountOn(c, 19999)).toBeNull();
  });
});

describe('pricing an order', () => {
  const lines = [
    { productId: 'p1', amountMinor: 12000 },
    { productId: 'p2', amountMinor: 8000 },
  ];

  test('the narrowest coupon first, the next on what the lines still cost', () => {
    const product = coupon({ id: 'prod', scope: CouponScope.PRODUCT, merchantId: 'm', productId: 'p2', amountOffMinor: 2000 });
    const platform = coupon({ id: 'plat', kind: CouponKind.THRESHOLD, amountOffMinor: 3000, thresholdMinor: 18000 });
    const out = priceOrder(lines, 'm', 'CNY', [platform, product]);
    if (!('pricing' in out)) throw new Error('refused');
    // The product coupon: p2 8000 → 6000. The platform's 3000 on 12000 + 6000, 2000 and 1000.
    expect(out.pricing).toEqual({
      subtotalMinor: 20000,
      discountMinor: 5000,
      totalMinor: 15000,
      lines: [
        { discountMinor: 2000, paidMinor: 10000 },
        { discountMinor: 3000, paidMinor: 5000 },
      ],
      coupons: [
        { couponId: 'plat', discountMinor: 3000, lineDiscounts: [2000, 1000] },
        { couponId: 'prod', discountMinor: 2000, lineDiscounts: [0, 2000] },
      ],
    });
  });

  test('a threshold is read after the narrower coupons: 20000 less 2000 misses a 20000 threshold', () => {
    const product = coupon({ id: 'prod', scope: CouponScope.PRODUCT, merchantId: 'm', productId: 'p2', amountOffMinor: 2000 });
    const platform = coupon({ id: 'plat', kind: CouponKind.THRESHOLD, amountOffMinor: 3000, thresholdMinor: 20000 });
    expect(priceOrder(lines, 'm', 'CNY', [platform, product])).toEqual({ refused: { couponId: 'plat', why: 'THRESHOLD' } });
  });

  test('another merchant, another product or another currency does not apply', () => {
    expect(priceOrder(lines, 'm', 'CNY', [coupon({ scope: CouponScope.MERCHANT, merchantId: 'other' })])).toEqual({ refused: { couponId: 'c', why: 'MERCHANT' } });
    expect(priceOrder(lines, 'm', 'CNY', [coupon({ scope: CouponScope.GROUP_EXCLUSIVE, merchantId: 'other' })])).toEqual({ refused: { couponId: 'c', why: 'MERCHANT' } });
    expect(priceOrder(lines, 'm', 'CNY', [coupon({ scope: CouponScope.PRODUCT, merchantId: 'm', productId: 'p3' })])).toEqual({ refused: { couponId: 'c', why: 'PRODUCT' } });
    expect(priceOrder(lines, 'm', 'CNY', [coupon({ currency: 'HKD' })])).toEqual({ refused: { couponId: 'c', why: 'CURRENCY' } });
  });

  test('a coupon worth more than the order makes it free, not negative', () => {
    const out = priceOrder(lines, 'm', 'CNY', [coupon({ amountOffMinor: 50000 })]);
    if (!('pricing' in out)) throw new Error('refused');
    expect(out.pricing.totalMinor).toBe(0);
    expect(out.pricing.lines.map((l) => l.paidMinor)).toEqual([0, 0]);
  });
});
