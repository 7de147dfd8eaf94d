import { PointAction } from '../../src/points/rules';
import { orderSettlement, reviewSettlement, type ReviewStanding } from '../../src/points/standing';

const order = { orderId: 'o1', buyerId: 'buyer', merchantId: 'shop', sharerId: 'sharer', groupBuyId: null, counts: true };

describe('what an order holds', () => {
  test('a counted order through a link pays its sharer; a group-buy order pays its buyer too', () => {
    expect(orderSettlement(order)).toEqual({ awards: [{ userId: 'sharer', action: PointAction.REFERRAL_CONVERTED, sourceKey: 'ORDER:o1' }], clawbacks: [] });
    expect(orderSettlement({ ...order, groupBuyId: 'g1' }).awards.map((a) => [a.userId, a.sourceKey])).toEqual([['sharer', 'ORDER:o1'], ['buyer', 'GROUP_BUY:g1:buyer']]);
  });

  test("the buyer's own link and the merchant's own link are no referral", () => {
    expect(orderSettlement({ ...order, sharerId: 'buyer' }).awards).toEqual([]);
    expect(orderSettlement({ ...order, sharerId: 'shop' }).awards).toEqual([]);
    expect(orderSettlement({ ...order, sharerId: null }).awards).toEqual([]);
  });

  test('an order that stopped counting gives back every award it could have paid', () => {
    expect(orderSettlement({ ...order, groupBuyId: 'g1', counts: false })).toEqual({
      awards: [],
      clawbacks: [{ sourceKey: 'ORDER:o1', userId: 'sharer' }, { sourceKey: 'GROUP_BUY:g1:buyer', userId: 'buyer' }],
    });
  });
});

describe('what a review holds', () => {
  const review = (over: Partial<ReviewStanding>): ReviewStanding => ({ reviewId: 'r1', authorId: 'author', isShown: true, hasMedia: true, isVerified: true, isOrderLive: true, awards: [], ...over });

  test('a shown review with media on a live order earns under REVIEW:<id>, once', () => {
    expect(reviewSettlement(review({})).awards).toEqual([{ userId: 'author', action: PointAction.REVIEW_WITH_MEDIA, sourceKey: 'REVIEW:r1' }]);
    expect(reviewSettlement(review({ awards: [{ sourceKey: 'REVIEW:r1', reversed: false }] }))).toEqual({ awards: [], clawbacks: [] });
  });

  test('hidden, or its order ended, it gives back the award it holds; without one it changes nothing', () => {
    const holding = [{ sourceKey: 'REVIEW:r1', reversed: true }, { sourceKey: 'REVIEW:r1:2', reversed: false }];
    expect(reviewSettlement(review({ isShown: false, awards: holding })).clawbacks).toEqual([{ sourceKey: 'REVIEW:r1:2', userId: 'author' }]);
    expect(reviewSettlement(review({ isOrderLive: false, awards: holding })).clawbacks).toEqual([{ sourceKey: 'REVIEW:r1:2', userId: 'author' }]);
    expect(reviewSettlement(review({ isShown: false, awards: [{ sourceKey: 'REVIEW:r1', reversed: true }] }))).toEqual({ awards: [], clawbacks: [] });
  });

  test('shown again after a clawback, it earns under the next key; without media, never', () => {
    expect(reviewSettlement(review({ awards: [{ sourceKey: 'REVIEW:r1', reversed: true }, { sourceKey: 'REVIEW:r1:2', reversed: true }] })).awards.map((a) => a.sourceKey)).toEqual(['REVIEW:r1:3']);
    expect(reviewSettlement(review({ hasMedia: false }))).toEqual({ awards: [], clawbacks: [] });
  });
});
