import { attribute, AttributionModel, creditRefusal, splitAmount, weights } from '../../src/referral/attribution';
import { commissionsFor, orderFindings, shareOf, signUpFindings, velocityLimit, MAX_RATE_BPS, MAX_REWARD_DEPTH } from '../../src/commissions/rules';
import { MAX_PRICE_MINOR } from '../../src/commerce/types';
import { MAX_ORDER_LINES, MAX_QTY } from '../../src/commerce/place-order';

describe('attribution models', () => {
  test.each([
    [AttributionModel.FIRST_TOUCH, [1, 0, 0, 0]],
    [AttributionModel.LAST_TOUCH, [0, 0, 0, 1]],
    [AttributionModel.LINEAR, [0.25, 0.25, 0.25, 0.25]],
    [AttributionModel.POSITION_BASED, [0.4, 0.1, 0.1, 0.4]],
  ])('%s weighs four touches as %p', (model, expected) => {
    weights(model, 4).forEach((w, i) => expect(w).toBeCloseTo(expected[i]!));
  });

  test('position-based gives two touches half each and one touch everything', () => {
    expect(weights(AttributionModel.POSITION_BASED, 2)).toEqual([0.5, 0.5]);
    expect(weights(AttributionModel.POSITION_BASED, 1)).toEqual([1]);
    expect(weights(AttributionModel.LINEAR, 0)).toEqual([]);
  });

  test('credits are whole minor units that add up exactly to the total', () => {
    for (const total of [1, 99, 100, 12345, 99999]) {
      for (const model of Object.values(AttributionModel)) {
        const parts = attribute(model, [1, 2, 3].map((at) => ({ kind: 'NOTE' as const, ref: `n${at}`, at })), total).map((t) => t.creditMinor);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p) => expect(Number.isInteger(p)).toBe(true));
      }
    }
    expect(splitAmount(100, [1 / 3, 1 / 3, 1 / 3])).toEqual([33, 33, 34]);
  });

  test('touches are ordered by time whatever order they come in', () => {
    const out = attribute(AttributionModel.FIRST_TOUCH, [{ kind: 'NOTE', ref: 'late', at: 9 }, { kind: 'SHARE_LINK', ref: 'early', at: 1 }], 10);
    expect(out.map((t) => [t.ref, t.creditMinor])).toEqual([['early', 10], ['late', 0]]);
  });
});

describe('commissions', () => {
  const chain = [
    { level: 1, code: 'L1', sharerId: 'e' },
    { level: 2, code: 'L2', sharerId: 'd' },
    { level: 3, code: 'L3', sharerId: 'c' },
    { level: 4, code: 'L4', sharerId: 'b' },
  ];

  test('pay only as many levels as the reward depth, never more than three', () => {
    expect(commissionsFor(chain, { id: 'r', levelRatesBps: [1000], rewardDepth: 1 }, 20000, 'buyer')).toEqual([
      { userId: 'e', level: 1, rateBps: 1000, amountMinor: 2000, linkCode: 'L1' },
    ]);
    const deep = commissionsFor(chain, { id: 'r', levelRatesBps: [1000, 500, 200, 100], rewardDepth: 9 }, 20000, 'buyer');
    expect(deep.map((c) => c.level)).toEqual([1, 2, 3]);
    expect(MAX_REWARD_DEPTH).toBe(3);
  });

  test('round down to whole minor units and never pay the buyer', () => {
    expect(commissionsFor(chain, { id: 'r', levelRatesBps: [333], rewardDepth: 1 }, 999, 'buyer')[0]!.amountMinor).toBe(33);
    expect(commissionsFor(chain, { id: 'r', levelRatesBps: [1000], rewardDepth: 1 }, 1000, 'e')).toEqual([]);
  });

  test('amounts above 2^31 and up to the largest order are paid exactly, to the fen', () => {
    // 999 × ¥30,000 is 2,997,000,000 fen: above GraphQL Int's 2,147,483,647.
    expect(commissionsFor(chain, { id: 'r', levelRatesBps: [1000], rewardDepth: 1 }, 2_997_000_000, 'buyer')[0]!.amountMinor).toBe(299_700_000);
    const largest = MAX_ORDER_LINES * MAX_QTY * MAX_PRICE_MINOR;
    expect(Number.isSafeInteger(largest)).toBe(true);
    // largest × 5000 is above 2^53: a float product would be off; the BigInt one is exact.
    expect(largest * MAX_RATE_BPS).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(BigInt(shareOf(largest, MAX_RATE_BPS))).toBe((BigInt(largest) * BigInt(MAX_RATE_BPS)) / 10_000n);
    expect(shareOf(largest - 1, 1)).toBe(Math.floor((largest - 1) / 10_000));
    expect(shareOf(9_999, 1)).toBe(0);
  });
});

describe('fraud findings', () => {
  const base = { buyerId: 'buyer', buyerInvitedSharer: false, ordersThroughLinkLastMinute: 1, maxOrdersPerLinkPerMinute: 5 };
  const link = (level: number, sharerId: string) => ({ level, code: `c${level}`, sharerId });

  test('a clean order has none', () => {
    expect(orderFindings({ ...base, chain: [link(1, 'a'), link(2, 'b')] })).toEqual([]);
    expect(orderFindings({ ...base, chain: [] })).toEqual([]);
  });

  test('self-referral, cycles and velocity are named with their reason', () => {
    expect(orderFindings({ ...base, chain: [link(1, 'buyer')] }).map((f) => f.kind)).toEqual(['SELF_REFERRAL']);
    expect(orderFindings({ ...base, buyerInvitedSharer: true, chain: [link(1, 'a')] })[0]!.reason).toMatch(/invite chain/);
    expect(orderFindings({ ...base, chain: [link(1, 'a'), link(2, 'b'), link(3, 'a')] }).map((f) => f.kind)).toEqual(['REFERRAL_CYCLE']);
    expect(orderFindings({ ...base, ordersThroughLinkLastMinute: 6, chain: [link(1, 'a')] }).map((f) => f.kind)).toEqual(['VELOCITY']);
  });

  test("a live room's orders are judged against the people watching it, never against less than a share link's limit", () => {
    const room = { ...base, chain: [link(1, 'host')], liveOrdersPer100ViewersPerMinute: 50 };
    // A busy room: 400 watching take 200 orders a minute through the host's link.
    expect(orderFindings({ ...room, liveRoomViewers: 400, ordersThroughLinkLastMinute: 200 })).toEqual([]);
    expect(orderFindings({ ...room, liveRoomViewers: 400, ordersThroughLinkLastMinute: 201 })).toEqual([
      { kind: 'VELOCITY', reason: '201 orders through link c1 in a live room of 400 viewers within a minute (limit 200)' },
    ]);
    // An empty room is held to the share-link limit.
    expect(orderFindings({ ...room, liveRoomViewers: 0, ordersThroughLinkLastMinute: 5 })).toEqual([]);
    expect(orderFindings({ ...room, liveRoomViewers: 3, ordersThroughLinkLastMinute: 6 }).map((f) => f.kind)).toEqual(['VELOCITY']);
    // A share link's order, however many watch some room, keeps the share-link limit.
    expect(orderFindings({ ...base, ordersThroughLinkLastMinute: 6, liveRoomViewers: null, liveOrdersPer100ViewersPerMinute: 50, chain: [link(1, 'a')] }).map((f) => f.kind)).toEqual(['VELOCITY']);
    expect(velocityLimit({ maxOrdersPerLinkPerMinute: 5, liveRoomViewers: 1001, liveOrdersPer100ViewersPerMinute: 50 })).toBe(501);
  });

  test('sign-ups beyond the limit from one visitor are farming', () => {
    expect(signUpFindings(1, 1, 'c')).toEqual([]);
    expect(signUpFindings(2, 1, 'c')[0]!.kind).toBe('SIGN_UP_FARMING');
  });
});

describe('which share link an order may credit', () => {
  const order = { productIds: ['p1', 'p2'], groupId: 'g1', since: 1_000 };
  const link = (over: Partial<Parameters<typeof creditRefusal>[0]>) => ({ targetType: 'PRODUCT' as const, targetId: 'p1', lastOpenedAt: 2_000, noteFeaturesOrderedProduct: false, ...over });

  test('a link to an ordered product, a note featuring one, or the order\'s group, opened in the window, is credited', () => {
    expect(creditRefusal(link({}), order)).toBeNull();
    expect(creditRefusal(link({ targetType: 'NOTE', targetId: 'n1', noteFeaturesOrderedProduct: true }), order)).toBeNull();
    expect(creditRefusal(link({ targetType: 'GROUP', targetId: 'g1' }), order)).toBeNull();
    expect(creditRefusal(link({ lastOpenedAt: 1_000 }), order)).toBeNull();
  });

  test('anything else is refused, with the reason', () => {
    expect(creditRefusal(link({ lastOpenedAt: null }), order)).toBe('NOT_OPENED');
    expect(creditRefusal(link({ lastOpenedAt: 999 }), order)).toBe('OPENED_BEFORE_WINDOW');
    expect(creditRefusal(link({ targetId: 'p3' }), order)).toBe('OTHER_TARGET');
    expect(creditRefusal(link({ targetType: 'NOTE', targetId: 'n1' }), order)).toBe('OTHER_TARGET');
    expect(creditRefusal(link({ targetType: 'GROUP', targetId: 'g2' }), order)).toBe('OTHER_TARGET');
    expect(creditRefusal(link({ targetType: 'GROUP', targetId: 'g1' }), { ...order, groupId: null })).toBe('OTHER_TARGET');
  });
});
