import { type TestApp } from '../helpers/app';
import { twoInstancesSharingRedis } from '../helpers/redis';
import { signUp, type Person } from '../helpers/people';
import { listProduct, orderInput, PLACE, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import { MyPointsDocument, PointsHistoryDocument, RefundOrderDocument, ReviewProductDocument, SetPointRulesDocument } from '../generated/graphql';

/**
 * The review points consumer on two API instances sharing a Redis bus (issue 17 §2): each instance
 * hears every review event and settles it, and the ledger pays and claws back once. Settling reads
 * the review as it is, so a replayed or stray event changes nothing.
 */
jest.setTimeout(120_000);

const pair = twoInstancesSharingRedis();
let a: TestApp;
let b: TestApp;
let admin: Person;
let merchant: Person;
beforeAll(async () => {
  ({ a, b } = pair);
  admin = await signUpAdmin(a, `points-events-${process.pid}@admins.example.com`);
  merchant = await signUpMerchant(a, admin, 'pe_shop');
  await a.ok(SetPointRulesDocument, { input: { rules: [{ action: 'REVIEW_WITH_MEDIA', points: 20, dailyCap: 200 }] } }, admin.token);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const points = async (who: Person) => (await b.ok(MyPointsDocument, {}, who.token)).me!.points!;
const ledger = async (who: Person) => (await a.ok(PointsHistoryDocument, { first: 50 }, who.token)).pointsHistory.nodes.map((e) => [e.action, e.points, e.isClawback]);
async function balanceBecomes(who: Person, expected: number) {
  for (let i = 0; i < 50 && (await points(who)).balance !== expected; i++) await sleep(100);
  expect((await points(who)).balance).toBe(expected);
}

test('both instances settle each review event, and the ledger pays once, claws back once, and ignores replays', async () => {
  const reviewer = await signUp(a, 'pe_reviewer');
  const productId = await listProduct(a, merchant);
  const orderId = (await a.ok(PLACE, { input: orderInput(productId) }, reviewer.token)).placeOrder.order!.id;
  const media = [{ url: 'https://img.example.com/haul.jpg', kind: 'IMAGE' as const }];
  const reviewId = (await a.ok(ReviewProductDocument, { input: { orderId, productId, rating: 5, media } }, reviewer.token)).reviewProduct.review!.id;
  await balanceBecomes(reviewer, 20);
  // The event again from the other instance, and a stray removal of a review still shown.
  b.deps.events.pubsub.publish('REVIEW_CREATED', { reviewId, productId, authorId: reviewer.id, hasMedia: true, verified: true, at: Date.now() });
  b.deps.events.pubsub.publish('REVIEW_REMOVED', { reviewId, authorId: reviewer.id, at: Date.now() });
  await sleep(800);
  expect(await ledger(reviewer)).toEqual([['REVIEW_WITH_MEDIA', 20, false]]);

  await b.ok(RefundOrderDocument, { id: orderId }, merchant.token);
  expect((await points(reviewer)).balance).toBe(0);
  a.deps.events.pubsub.publish('REVIEW_RESTORED', { reviewId, authorId: reviewer.id, at: Date.now() });
  b.deps.events.pubsub.publish('REVIEW_CREATED', { reviewId, productId, authorId: reviewer.id, hasMedia: true, verified: true, at: Date.now() });
  await sleep(800);
  expect(await points(reviewer)).toMatchObject({ balance: 0, lifetimePoints: 0 });
  expect(await ledger(reviewer)).toEqual([['REVIEW_WITH_MEDIA', -20, true], ['REVIEW_WITH_MEDIA', 20, false]]);
});
