import crypto from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { importFile } from '../../src/jobs/import';
import { signUp, people, Person, postNote } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, SHARE, OPEN, PLACE, orderInput, setRole } from '../helpers/commerce';
import {
  AppealDocument,
  DecideAppealDocument,
  CancelOrderDocument,
  CreateReviewNoteDocument,
  MarkReviewHelpfulDocument,
  MerchantRatingDocument,
  ModerateDocument,
  OrderFlagsDocument,
  OrderLineReviewsDocument,
  PlatformQueueDocument,
  ProductRatingDocument,
  ProductReviewsDocument,
  RefundOrderDocument,
  RejectFraudFlagDocument,
  ApproveFraudFlagDocument,
  ReplyToReviewDocument,
  ReportReviewDocument,
  ReviewByIdDocument,
  ReviewFraudFlagsDocument,
  ReviewNoteDocument,
  ReviewProductDocument,
  SensitiveWordsDocument,
  SetSensitiveWordsDocument,
  UnmarkReviewHelpfulDocument,
  type ReviewProductInput,
} from '../generated/graphql';

/**
 * Verified-purchase reviews (issue 17 §1): only a buyer reviews a line of their own live order,
 * once; ratings stay exact under concurrent writers and follow moderation, fraud flags and order
 * ends; helpful votes, the merchant's reply, 曬單 notes, and the events the points ledger reads.
 */
jest.setTimeout(120_000);

let t: TestApp;
let admin: Person;
let merchant: Person;
beforeAll(async () => {
  // The second order through one link within a minute gets an open VELOCITY flag: a fraud-flagged order.
  t = await startTestApp({ FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE: '1' });
  admin = await signUpAdmin(t, `reviews-${process.pid}@admins.example.com`);
  merchant = await signUpMerchant(t, admin, 'review_shop');
});
afterAll(() => t.close());

const buy = async (who: Person, productId: string) => (await t.ok(PLACE, { input: orderInput(productId) }, who.token)).placeOrder.order!.id;
const review = (who: Person, fields: Partial<ReviewProductInput> & { orderId: string; productId: string }) =>
  t.answer(ReviewProductDocument, { input: { rating: 5, ...fields } }, who.token).then((d) => d.reviewProduct);
const rating = async (productId: string) => (await t.ok(ProductRatingDocument, { id: productId })).product!.rating;

/** The open case about a review in the platform's queue, which other tests' cases share: paged through. */
async function caseOf(targetId: string) {
  for (let after: string | null = null; ; ) {
    const queue: Awaited<ReturnType<typeof platformQueue>> = await platformQueue(after);
    const found = queue.nodes.find((c) => c.targetId === targetId);
    if (found || !queue.pageInfo.hasNextPage) return found;
    after = queue.pageInfo.endCursor ?? null;
  }
}
const platformQueue = async (after: string | null) => (await t.ok(PlatformQueueDocument, { after }, admin.token)).moderationQueue;

/** The rating recounted by hand from the stored reviews that count, to compare the kept one with. */
async function recounted(productId: string) {
  const { records } = await t.db.driver.executeQuery(
    `MATCH (:Product {id: $productId})<-[:OF_PRODUCT]-(r:Review)-[:FROM_ORDER]->(o:Order)
     WHERE r.modState IS NULL AND o.status = 'PLACED' AND NOT EXISTS { (f:FraudFlag)-[:FLAGS]->(o) WHERE f.status IN ['OPEN', 'REJECTED'] }
     RETURN collect(r.rating) AS ratings`,
    { productId },
  );
  const ratings = records[0]!.get('ratings') as number[];
  const count = ratings.length;
  return {
    count,
    average: count === 0 ? null : Math.round((ratings.reduce((a, b) => a + b, 0) / count) * 100) / 100,
    distribution: [1, 2, 3, 4, 5].map((s) => ratings.filter((r) => r === s).length),
  };
}

describe('who may review what', () => {
  test('the buyer reviews a line of their own order as a verified purchase, and it counts in the rating at once', async () => {
    const product = await listProduct(t, merchant);
    const buyer = await signUp(t, 'rv_buyer');
    const orderId = await buy(buyer, product);
    const written = await review(buyer, { orderId, productId: product, rating: 4, dimensions: { quality: 5, value: 3 }, text: 'Soft and light.', media: [{ url: 'https://img.example.com/r.jpg', kind: 'IMAGE' }] });
    expect(written.userErrors).toEqual([]);
    expect(written.review).toMatchObject({ rating: 4, isVerifiedPurchase: true, hasMedia: true, dimensions: { quality: 5, value: 3, shipping: null }, author: { id: buyer.id }, product: { id: product }, isCountedInRating: null });
    expect(await rating(product)).toEqual({ average: 4, count: 1, distribution: [0, 0, 0, 1, 0] });
    const lines = (await t.ok(OrderLineReviewsDocument, { id: orderId }, buyer.token)).order!.items;
    expect(lines).toEqual([{ product: { id: product }, review: { id: written.review!.id, rating: 4 } }]);
  });

  test('someone else cannot review the order, and a product not in it is not a line', async () => {
    const [product, other] = [await listProduct(t, merchant), await listProduct(t, merchant)];
    const { buyer, stranger } = await people(t, ['buyer', 'stranger']);
    const orderId = await buy(buyer, product);
    expect((await review(stranger, { orderId, productId: product })).userErrors).toEqual([expect.objectContaining({ field: ['orderId'], code: 'NOT_FOUND' })]);
    expect((await review(merchant, { orderId, productId: product })).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await review(buyer, { orderId, productId: other })).userErrors).toEqual([expect.objectContaining({ field: ['productId'], code: 'NOT_FOUND' })]);
    expect(await rating(product)).toMatchObject({ count: 0 });
  });

  test('each line is reviewed once; a retry with its key answers the first review', async () => {
    const product = await listProduct(t, merchant);
    const buyer = await signUp(t, 'rv_once');
    const orderId = await buy(buyer, product);
    const first = await review(buyer, { orderId, productId: product, rating: 5, idempotencyKey: 'rv-1' });
    expect((await review(buyer, { orderId, productId: product, rating: 5, idempotencyKey: 'rv-1' })).review!.id).toBe(first.review!.id);
    expect((await review(buyer, { orderId, productId: product, rating: 1, idempotencyKey: 'rv-1' })).userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })]);
    expect((await review(buyer, { orderId, productId: product, rating: 1 })).userErrors).toEqual([expect.objectContaining({ field: ['productId'], code: 'ALREADY_REVIEWED' })]);
    // Two at once: one is stored.
    const orderTwo = await buy(buyer, product);
    const both = await Promise.all([review(buyer, { orderId: orderTwo, productId: product, rating: 2 }), review(buyer, { orderId: orderTwo, productId: product, rating: 2 })]);
    expect(both.filter((r) => r.review).length).toBe(1);
    expect(await rating(product)).toEqual({ average: 3.5, count: 2, distribution: [0, 1, 0, 0, 1] });
  });

  test('a cancelled or refunded order cannot be reviewed', async () => {
    const product = await listProduct(t, merchant);
    const buyer = await signUp(t, 'rv_ended');
    const cancelled = await buy(buyer, product);
    await t.ok(CancelOrderDocument, { id: cancelled }, buyer.token);
    const refunded = await buy(buyer, product);
    await t.ok(RefundOrderDocument, { id: refunded }, merchant.token);
    for (const orderId of [cancelled, refunded]) {
      expect((await review(buyer, { orderId, productId: product })).userErrors).toEqual([expect.objectContaining({ field: ['orderId'], code: 'INVALID_STATE' })]);
    }
  });

  test('a review whose order is refunded or cancelled later leaves the rating exactly, announcing REVIEW_REMOVED (the points ledger claws back)', async () => {
    const product = await listProduct(t, merchant);
    const { buyer, other, canceller } = await people(t, ['buyer', 'other', 'canceller']);
    const orderId = await buy(buyer, product);
    const refunded = (await review(buyer, { orderId, productId: product, rating: 1 })).review!.id;
    await review(other, { orderId: await buy(other, product), productId: product, rating: 4 });
    const cancelledOrder = await buy(canceller, product);
    const cancelled = (await review(canceller, { orderId: cancelledOrder, productId: product, rating: 5 })).review!.id;
    expect(await rating(product)).toEqual({ average: 3.33, count: 3, distribution: [1, 0, 0, 1, 1] });

    const removed: unknown[] = [];
    const listener = t.deps.events.pubsub.subscribe('REVIEW_REMOVED')[Symbol.asyncIterator]();
    const heard = async () => removed.push((await listener.next()).value);
    const first = heard();
    await t.ok(RefundOrderDocument, { id: orderId }, merchant.token);
    await first;
    expect(await rating(product)).toEqual({ average: 4.5, count: 2, distribution: [0, 0, 0, 1, 1] });
    const second = heard();
    await t.ok(CancelOrderDocument, { id: cancelledOrder }, canceller.token);
    await second;
    await listener.return?.();
    expect(removed).toEqual([expect.objectContaining({ reviewId: refunded, authorId: buyer.id }), expect.objectContaining({ reviewId: cancelled, authorId: canceller.id })]);
    expect(await rating(product)).toEqual({ average: 4, count: 1, distribution: [0, 0, 0, 1, 0] });
    expect(await rating(product)).toEqual(await recounted(product));
    // The review stays readable as what the buyer wrote, no longer counted.
    expect((await t.ok(ReviewByIdDocument, { id: refunded }, buyer.token)).review).toMatchObject({ id: refunded });
  });

  test('limits: rating 1-5, sub-ratings 1-5, text at most 2,000 characters, media at most 9', async () => {
    const product = await listProduct(t, merchant);
    const buyer = await signUp(t, 'rv_limits');
    const orderId = await buy(buyer, product);
    const image = { url: 'https://img.example.com/x.jpg', kind: 'IMAGE' as const };
    const refused = async (fields: Omit<Partial<ReviewProductInput>, 'orderId' | 'productId'>) => (await review(buyer, { orderId, productId: product, ...fields })).userErrors[0];
    expect(await refused({ rating: 0 })).toMatchObject({ field: ['rating'], code: 'INVALID' });
    expect(await refused({ rating: 6 })).toMatchObject({ field: ['rating'], code: 'INVALID' });
    expect(await refused({ dimensions: { shipping: 9 } })).toMatchObject({ field: ['dimensions', 'shipping'], code: 'INVALID' });
    expect(await refused({ text: 'x'.repeat(2001) })).toMatchObject({ field: ['text'], code: 'INVALID' });
    expect(await refused({ media: Array.from({ length: 10 }, () => image) })).toMatchObject({ field: ['media'], code: 'INVALID' });
    expect(await refused({ media: [{ url: 'javascript:alert(1)', kind: 'IMAGE' }] })).toMatchObject({ field: ['media', '0', 'url'], code: 'INVALID' });
    const ok = await review(buyer, { orderId, productId: product, text: '好'.repeat(2000), media: Array.from({ length: 9 }, () => image) });
    expect(ok.review).toMatchObject({ hasMedia: true });
    expect(ok.review!.media).toHaveLength(9);
  });
});

describe('exact ratings', () => {
  test('concurrent reviews of one product: average, count and distribution equal a recount, and the merchant rating sums the products', async () => {
    const shop = await signUpMerchant(t, admin, 'race_shop');
    const [product, second] = [await listProduct(t, shop, { stock: 1000 }), await listProduct(t, shop)];
    const N = 12;
    const buyers = await Promise.all(Array.from({ length: N }, (_, i) => signUp(t, `race${i}`)));
    const orders = await Promise.all(buyers.map((b) => buy(b, product)));
    const results = await Promise.all(buyers.map((b, i) => review(b, { orderId: orders[i]!, productId: product, rating: (i % 5) + 1 })));
    expect(results.flatMap((r) => r.userErrors)).toEqual([]);
    const kept = await rating(product);
    expect(kept).toEqual(await recounted(product));
    expect(kept).toEqual({ count: N, average: Math.round((buyers.reduce((s, _, i) => s + (i % 5) + 1, 0) / N) * 100) / 100, distribution: [3, 3, 2, 2, 2] });

    const other = await signUp(t, 'race_other');
    await review(other, { orderId: await buy(other, second), productId: second, rating: 5 });
    const merchantRating = (await t.ok(MerchantRatingDocument, { id: shop.id })).user!.merchantRating;
    expect(merchantRating).toEqual({ count: N + 1, average: Math.round(((kept.average! * N + 5) / (N + 1)) * 100) / 100, distribution: [3, 3, 2, 2, 3] });
    expect((await t.ok(MerchantRatingDocument, { id: other.id })).user!.merchantRating).toBeNull();
  });
});

describe('lists, helpful votes and the merchant reply', () => {
  test('sorts by helpful votes, newest, rating high and low; withMedia; pages with cursors of their own sort', async () => {
    const product = await listProduct(t, merchant);
    const buyers = await Promise.all([1, 2, 3, 4].map((i) => signUp(t, `rv_list${i}`)));
    const ids: string[] = [];
    for (const [i, b] of buyers.entries()) {
      const media = i === 2 ? [{ url: 'https://img.example.com/m.jpg', kind: 'IMAGE' as const }] : [];
      ids.push((await review(b, { orderId: await buy(b, product), productId: product, rating: [3, 5, 1, 4][i]!, media })).review!.id);
    }
    const voter = await signUp(t, 'rv_voter');
    await t.ok(MarkReviewHelpfulDocument, { id: ids[0]! }, voter.token);
    await t.ok(MarkReviewHelpfulDocument, { id: ids[0]! }, buyers[1]!.token);
    await t.ok(MarkReviewHelpfulDocument, { id: ids[3]! }, voter.token);
    const list = async (sort: 'HELPFUL' | 'LATEST' | 'RATING_HIGH' | 'RATING_LOW', withMedia = false) =>
      (await t.ok(ProductReviewsDocument, { id: product, sort, withMedia })).product!.reviews.nodes.map((n) => n.id);
    expect(await list('HELPFUL')).toEqual([ids[0], ids[3], ids[2], ids[1]]);
    expect(await list('LATEST')).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(await list('RATING_HIGH')).toEqual([ids[1], ids[3], ids[0], ids[2]]);
    expect(await list('RATING_LOW')).toEqual([ids[2], ids[0], ids[3], ids[1]]);
    expect(await list('LATEST', true)).toEqual([ids[2]]);

    const firstPage = (await t.ok(ProductReviewsDocument, { id: product, sort: 'RATING_HIGH', first: 2 })).product!.reviews;
    expect(firstPage).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const next = (await t.ok(ProductReviewsDocument, { id: product, sort: 'RATING_HIGH', first: 2, after: firstPage.pageInfo.endCursor })).product!.reviews;
    expect(next.nodes.map((n) => n.id)).toEqual([ids[0], ids[2]]);
    const mixed = await t.gql(ProductReviewsDocument, { id: product, sort: 'LATEST', after: firstPage.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  test('markReviewHelpful is one vote per user and idempotent; unmark takes it back; not for the own review', async () => {
    const product = await listProduct(t, merchant);
    const { author, fan } = await people(t, ['author', 'fan']);
    const id = (await review(author, { orderId: await buy(author, product), productId: product })).review!.id;
    const votes = await Promise.all([1, 2, 3].map(() => t.ok(MarkReviewHelpfulDocument, { id }, fan.token)));
    expect(votes.map((v) => v.markReviewHelpful.review)).toEqual(votes.map(() => ({ id, helpfulCount: 1, viewerHasMarkedHelpful: true })));
    expect((await t.answer(MarkReviewHelpfulDocument, { id }, author.token)).markReviewHelpful.userErrors).toEqual([expect.objectContaining({ field: ['reviewId'], code: 'INVALID' })]);
    expect((await t.ok(UnmarkReviewHelpfulDocument, { id }, fan.token)).unmarkReviewHelpful.review).toEqual({ id, helpfulCount: 0, viewerHasMarkedHelpful: false });
    expect((await t.ok(UnmarkReviewHelpfulDocument, { id }, fan.token)).unmarkReviewHelpful.review).toMatchObject({ helpfulCount: 0 });
  });

  test('replyToReview is for the merchant of the product, once', async () => {
    const product = await listProduct(t, merchant);
    const rival = await signUpMerchant(t, admin, 'rival_shop');
    const buyer = await signUp(t, 'rv_reply');
    const id = (await review(buyer, { orderId: await buy(buyer, product), productId: product, rating: 2 })).review!.id;
    for (const who of [buyer, rival, admin]) {
      expect((await t.answer(ReplyToReviewDocument, { id, text: 'Sorry!' }, who.token)).replyToReview.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    }
    const replied = (await t.ok(ReplyToReviewDocument, { id, text: 'Sorry, a new one is on its way.' }, merchant.token)).replyToReview.review!;
    expect(replied.merchantReply).toMatchObject({ text: 'Sorry, a new one is on its way.', merchant: { id: merchant.id } });
    expect((await t.answer(ReplyToReviewDocument, { id, text: 'Again' }, merchant.token)).replyToReview.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_REPLIED' })]);
    expect((await t.ok(ReviewByIdDocument, { id })).review!.merchantReply).toMatchObject({ text: 'Sorry, a new one is on its way.' });
  });
});

describe('anonymous reviews', () => {
  test('name their author to no one but the author and staff, in the list, the lookup and the moderation queue', async () => {
    const product = await listProduct(t, merchant);
    const { shy, reader } = await people(t, ['shy', 'reader']);
    const growth = await signUp(t, 'rv_growth');
    await setRole(t, admin, growth, 'GROWTH');
    const id = (await review(shy, { orderId: await buy(shy, product), productId: product, anonymous: true, text: 'Fine.' })).review!.id;
    for (const who of [reader, merchant, null]) {
      expect((await t.ok(ReviewByIdDocument, { id }, who?.token)).review).toMatchObject({ isAnonymous: true, author: null });
      expect((await t.ok(ProductReviewsDocument, { id: product, sort: 'LATEST' }, who?.token)).product!.reviews.nodes).toEqual([{ id, rating: 5, helpfulCount: 0, author: null }]);
    }
    for (const who of [shy, growth, admin]) expect((await t.ok(ReviewByIdDocument, { id }, who.token)).review!.author).toEqual({ id: shy.id });
    // An anonymous review cannot be shown on a note, which names its author.
    const note = await t.answer(CreateReviewNoteDocument, { input: { title: 'My haul', body: '', format: 'IMAGE_TEXT', media: [{ url: 'https://img.example.com/n.jpg', kind: 'IMAGE' }], reviewId: id } }, shy.token);
    expect(note.createNote.userErrors).toEqual([expect.objectContaining({ field: ['reviewId'], code: 'INVALID' })]);
  });
});

describe('blocks', () => {
  test("a viewer in a block with a review's author, either way, does not see the review (unless it is anonymous); the rating counts it for everyone", async () => {
    const product = await listProduct(t, merchant);
    const { named, blocker, anon, viewer } = await people(t, ['named', 'blocker', 'anon', 'viewer']);
    const namedReview = (await review(named, { orderId: await buy(named, product), productId: product, rating: 2 })).review!.id;
    const blockerReview = (await review(blocker, { orderId: await buy(blocker, product), productId: product, rating: 3 })).review!.id;
    const anonReview = (await review(anon, { orderId: await buy(anon, product), productId: product, rating: 5, anonymous: true })).review!.id;
    const BLOCK = `mutation($u: ID!) { block(input: { userId: $u }) { userErrors { code } } }`;
    await t.ok(BLOCK, { u: named.id }, viewer.token);
    await t.ok(BLOCK, { u: viewer.id }, blocker.token);
    await t.ok(BLOCK, { u: anon.id }, viewer.token);

    const listFor = async (who: Person | null) => (await t.ok(ProductReviewsDocument, { id: product, sort: 'LATEST' }, who?.token)).product!.reviews;
    const seen = await listFor(viewer);
    // An anonymous review stays: hiding it would tell the viewer who wrote it.
    expect(seen.nodes.map((r) => r.id)).toEqual([anonReview]);
    expect(seen.totalCount).toBe(1);
    expect((await listFor(null)).nodes.map((r) => r.id).sort()).toEqual([namedReview, blockerReview, anonReview].sort());
    expect((await listFor(named)).totalCount).toBe(3);
    for (const id of [namedReview, blockerReview]) expect((await t.ok(ReviewByIdDocument, { id }, viewer.token)).review).toBeNull();
    expect((await t.ok(ReviewByIdDocument, { id: anonReview }, viewer.token)).review).toMatchObject({ id: anonReview, author: null });
    const shown = (await t.ok(ProductRatingDocument, { id: product }, viewer.token)).product!.rating;
    expect(shown).toEqual({ average: 3.33, count: 3, distribution: [0, 1, 1, 0, 1] });
  });
});

describe('moderation and the sensitive-word check', () => {
  test('a reported review goes to the platform queue and is moderated like a comment: hidden, it leaves the list and the rating (REVIEW_REMOVED), its author still sees it; reversed on appeal it is counted again (REVIEW_RESTORED)', async () => {
    const product = await listProduct(t, merchant);
    const { buyer, reporter } = await people(t, ['buyer', 'reporter']);
    const id = (await review(buyer, { orderId: await buy(buyer, product), productId: product, rating: 1 })).review!.id;
    expect((await t.ok(ReportReviewDocument, { id }, reporter.token)).report.received).toBe(true);
    const queued = (await caseOf(id))!;
    expect(queued).toMatchObject({ kind: 'REPORT', target: { __typename: 'Review', id, author: { id: buyer.id } } });
    const events: unknown[] = [];
    const listener = t.deps.events.pubsub.subscribe('REVIEW_REMOVED')[Symbol.asyncIterator]();
    const next = listener.next().then((e) => events.push(e.value));
    const action = (await t.ok(ModerateDocument, { input: { caseId: queued.id, action: 'HIDE', reason: 'Abusive' } }, admin.token)).moderate.moderationAction!;
    await next;
    await listener.return?.();
    expect(events).toEqual([expect.objectContaining({ reviewId: id, authorId: buyer.id })]);
    expect(await rating(product)).toMatchObject({ count: 0 });
    expect((await t.ok(ReviewByIdDocument, { id }, reporter.token)).review).toBeNull();
    expect((await t.ok(ReviewByIdDocument, { id }, buyer.token)).review).toMatchObject({ id });
    expect((await t.ok(ProductReviewsDocument, { id: product, sort: 'LATEST' })).product!.reviews.totalCount).toBe(0);
    expect(await rating(product)).toEqual(await recounted(product));

    // The author appeals; reversed, the review is shown and counted again (REVIEW_RESTORED).
    const restored = t.deps.events.pubsub.subscribe('REVIEW_RESTORED')[Symbol.asyncIterator]();
    const heard = restored.next();
    const appeal = (await t.ok(AppealDocument, { a: action.id, text: 'It is my honest opinion' }, buyer.token)).appeal.appeal!;
    await t.ok(DecideAppealDocument, { id: appeal.id, decision: 'REVERSE', reason: 'Harsh, not abusive' }, admin.token);
    expect((await heard).value).toMatchObject({ reviewId: id, authorId: buyer.id });
    await restored.return?.();
    expect(await rating(product)).toEqual({ average: 1, count: 1, distribution: [1, 0, 0, 0, 0] });
    expect((await t.ok(ReviewByIdDocument, { id }, reporter.token)).review).toMatchObject({ id });
  });

  test('a text with a sensitive word is held for the platform queue, shown to its author only, and counted once approved', async () => {
    // Other files share the word list: only this test's word is added and taken out again.
    const word = `bannedword${process.pid}${Date.now() % 100000}`;
    const listed = async () => (await t.ok(SensitiveWordsDocument, {}, admin.token)).sensitiveWords;
    await t.ok(SetSensitiveWordsDocument, { words: [...(await listed()), word] }, admin.token);
    try {
      const product = await listProduct(t, merchant);
      const { buyer, reader } = await people(t, ['buyer', 'reader']);
      const created: string[] = [];
      const listener = t.deps.events.pubsub.subscribe('REVIEW_CREATED')[Symbol.asyncIterator]();
      const heard = (async () => {
        for (;;) {
          const e = await listener.next();
          if (e.done) return;
          created.push(e.value.reviewId);
        }
      })();
      const id = (await review(buyer, { orderId: await buy(buyer, product), productId: product, rating: 4, text: `Great, ${word.toUpperCase()}!` })).review!.id;
      expect((await t.ok(ReviewByIdDocument, { id }, reader.token)).review).toBeNull();
      expect((await t.ok(ReviewByIdDocument, { id }, buyer.token)).review).toMatchObject({ id, rating: 4 });
      expect(await rating(product)).toMatchObject({ count: 0 });
      const held = (await caseOf(id))!;
      expect(held.kind).toBe('PREMODERATION');
      await t.ok(ModerateDocument, { input: { caseId: held.id, action: 'RESTORE', reason: 'Fine' } }, admin.token);
      expect(await rating(product)).toEqual({ average: 4, count: 1, distribution: [0, 0, 0, 1, 0] });
      expect((await t.ok(ReviewByIdDocument, { id }, reader.token)).review).toMatchObject({ id });
      await new Promise((r) => setTimeout(r, 100));
      await listener.return?.();
      await heard;
      expect(created).toEqual([id]);
    } finally {
      await t.ok(SetSensitiveWordsDocument, { words: (await listed()).filter((w) => w !== word) }, admin.token);
    }
  });
});

describe('fake-review signals', () => {
  test('a review of an order with an open fraud flag is shown but held from the rating; confirmed fraud keeps it out, a legitimate finding counts it', async () => {
    const product = await listProduct(t, merchant);
    const { sharer, buyer } = await people(t, ['sharer', 'buyer']);
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
    await t.ok(OPEN, { code }, buyer.token);
    const place = async () => (await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, buyer.token)).placeOrder.order!.id;
    const [clean, flaggedOnce, flaggedTwice] = [await place(), await place(), await place()];
    const flagOf = async (orderId: string) => (await t.ok(OrderFlagsDocument, { id: orderId }, admin.token)).order!.fraudFlags[0]!.id;
    await review(buyer, { orderId: clean, productId: product, rating: 5 });
    const held = (await review(buyer, { orderId: flaggedOnce, productId: product, rating: 1 })).review!.id;
    const fraud = (await review(buyer, { orderId: flaggedTwice, productId: product, rating: 1 })).review!.id;
    expect(await rating(product)).toEqual({ average: 5, count: 1, distribution: [0, 0, 0, 0, 1] });
    expect((await t.ok(ReviewByIdDocument, { id: held }, admin.token)).review).toMatchObject({ isCountedInRating: false });
    expect((await t.ok(ProductReviewsDocument, { id: product, sort: 'LATEST' })).product!.reviews.totalCount).toBe(3);

    await t.ok(RejectFraudFlagDocument, { id: await flagOf(flaggedTwice) }, admin.token);
    expect(await rating(product)).toMatchObject({ count: 1 });
    expect((await t.ok(ReviewByIdDocument, { id: fraud }, admin.token)).review).toMatchObject({ isCountedInRating: false });
    await t.ok(ApproveFraudFlagDocument, { id: await flagOf(flaggedOnce) }, admin.token);
    expect(await rating(product)).toEqual({ average: 3, count: 2, distribution: [1, 0, 0, 0, 1] });
    expect((await t.ok(ReviewByIdDocument, { id: held }, admin.token)).review).toMatchObject({ isCountedInRating: true });
    expect(await rating(product)).toEqual(await recounted(product));
  });

  test('a burst of reviews of one product from accounts created the same day is flagged REVIEW_BURST for staff, once', async () => {
    const product = await listProduct(t, merchant);
    const buyers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => signUp(t, `burst${i}`)));
    const flagsOfProduct = async () => (await t.ok(ReviewFraudFlagsDocument, {}, admin.token)).fraudFlags.nodes.filter((f) => f.subject?.__typename === 'Product' && f.subject.id === product);
    for (const [i, b] of buyers.entries()) {
      await review(b, { orderId: await buy(b, product), productId: product });
      if (i === 3) expect(await flagsOfProduct()).toEqual([]);
    }
    const flags = await flagsOfProduct();
    expect(flags).toEqual([expect.objectContaining({ kind: 'REVIEW_BURST', status: 'OPEN', details: expect.stringMatching(/^6 reviews of this product within 24 hours/) })]);
    // A flag for staff only: the rating still counts them.
    expect(await rating(product)).toMatchObject({ count: 6 });
  });
});

describe('曬單 notes', () => {
  test("a buyer shows their review on a note: it carries the verified-purchase badge and the product card; no one else's review", async () => {
    const product = await listProduct(t, merchant);
    const { buyer, other } = await people(t, ['buyer', 'other']);
    const id = (await review(buyer, { orderId: await buy(buyer, product), productId: product, rating: 5, text: 'Love it' })).review!.id;
    const input = { title: 'My haul', body: 'Look!', format: 'IMAGE_TEXT' as const, media: [{ url: 'https://img.example.com/n.jpg', kind: 'IMAGE' as const }], reviewId: id };
    const note = (await t.ok(CreateReviewNoteDocument, { input }, buyer.token)).createNote.note!;
    expect(note).toMatchObject({ isVerifiedPurchase: true, products: [{ id: product }], review: { id, rating: 5, product: { id: product } } });
    expect((await t.ok(ReviewNoteDocument, { id: note.id }, other.token)).note).toMatchObject({ isVerifiedPurchase: true, review: { id } });
    expect((await t.answer(CreateReviewNoteDocument, { input }, other.token)).createNote.userErrors).toEqual([expect.objectContaining({ field: ['reviewId'], code: 'NOT_FOUND' })]);
    const plain = await postNote(t, buyer);
    expect((await t.ok(ReviewNoteDocument, { id: plain.id })).note).toMatchObject({ isVerifiedPurchase: false, review: null });
  });
});

describe('the import', () => {
  test('recounts every rating from the reviews that count, whatever the stored figures said', async () => {
    const product = await listProduct(t, merchant);
    const { one, two } = await people(t, ['one', 'two']);
    await review(one, { orderId: await buy(one, product), productId: product, rating: 2 });
    const refunded = await buy(two, product);
    await review(two, { orderId: refunded, productId: product, rating: 5 });
    // Data written past the API: the order refunded and the stored rating made wrong by hand.
    await t.db.driver.executeQuery(`MATCH (o:Order {id: $refunded}) SET o.status = 'REFUNDED'`, { refunded });
    await t.db.driver.executeQuery(`MATCH (p:Product {id: $product}) SET p.ratingCount = 40, p.ratingSum = 7, p.ratingStars = [9, 9, 9, 9, 4]`, { product });
    const dir = mkdtempSync(join(tmpdir(), 'zhongcao-import-'));
    const path = join(dir, 'data.jsonl');
    writeFileSync(path, `${JSON.stringify({ type: 'user', id: crypto.randomUUID(), handle: uniqueHandle('rv_imp'), displayName: 'Imported', createdAt: 1767225600000 })}\n`);
    await importFile(path, { db: t.db, quiet: true });
    expect(await rating(product)).toEqual({ average: 2, count: 1, distribution: [0, 1, 0, 0, 0] });
    expect(await rating(product)).toEqual(await recounted(product));
    // Later writes move the rating from the recounted figures.
    const three = await signUp(t, 'rv_imp3');
    await review(three, { orderId: await buy(three, product), productId: product, rating: 4 });
    expect(await rating(product)).toEqual({ average: 3, count: 2, distribution: [0, 1, 0, 1, 0] });
  });
});
