import crypto from 'node:crypto';
import { collect, startTestApp, TestApp } from '../helpers/app';
import { people, postNote, signUp, type Person } from '../helpers/people';
import { JOIN_GROUP_BUY, listProduct, offerGroupBuy, OPEN, orderInput, PLACE, SHARE, signUpAdmin, signUpMerchant, START_GROUP_BUY } from '../helpers/commerce';
import {
  ApproveFraudFlagDocument,
  AppealDocument,
  CancelOrderDocument,
  CheckInDocument,
  CreateGroupDocument,
  DecideAppealDocument,
  JoinGroupDocument,
  PointsLeaderboardDocument,
  ModerateDocument,
  MyOrdersDocument,
  OrderFlagsDocument,
  PlatformQueueDocument,
  RefundOrderDocument,
  RejectFraudFlagDocument,
  ReportReviewDocument,
  ReviewProductDocument,
  type PlatformQueueQuery,
  type BadgeDefinitionsQuery,
  type UpdateBadgeDefinitionInput,
  BadgeDefinitionsDocument,
  CreateBadgeDefinitionDocument,
  UpdateBadgeDefinitionDocument,
  BadgeAwardedDocument,
  SetDisplayedBadgesDocument,
  UserBadgesDocument,
  CollectDocument,
  CreateRewardDocument,
  RedeemPointsDocument,
  RewardsDocument,
  LikeDocument,
  MyPointsDocument,
  PointRulesDocument,
  PointRuleSetsDocument,
  PointsHistoryDocument,
  SetPointRulesDocument,
  UncollectDocument,
  UnlikeDocument,
  UserLevelDocument,
  UserPointsDocument,
  type PointRuleInput,
} from '../generated/graphql';

/**
 * The points ledger (issue 17 §2) against the real Neo4j: rules as versioned data, awards written
 * in the action's transaction with a source key (a retried like pays once, an unlike claws back,
 * liking again pays nothing), daily caps under concurrent awards, the daily check-in and its
 * streak, and me.points / pointsHistory.
 */

let t: TestApp;
let admin: Person;
beforeAll(async () => {
  // The second order through one link within a minute is flagged (VELOCITY): a fraud-flagged order.
  t = await startTestApp({ FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE: '1' });
  admin = await signUpAdmin(t, `points-${process.pid}@admins.example.com`);
  await setRules([
    { action: 'LIKE_RECEIVED', points: 3, dailyCap: 9 },
    { action: 'COLLECT_RECEIVED', points: 4, dailyCap: 40 },
    { action: 'NOTE_PUBLISHED', points: 10, dailyCap: 20 },
    { action: 'CHECK_IN', points: 5, dailyCap: 5 },
  ]);
});
afterAll(() => t.close());

async function setRules(rules: PointRuleInput[]) {
  return (await t.ok(SetPointRulesDocument, { input: { rules } }, admin.token)).setPointRules.ruleSet!;
}

const points = async (who: Person) => (await t.ok(MyPointsDocument, {}, who.token)).me!.points!;
const history = async (who: Person) => (await t.ok(PointsHistoryDocument, { first: 50 }, who.token)).pointsHistory;
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('point rules', () => {
  test('admins set a new version; the actions not sent keep their rule, and the version in force pays', async () => {
    const before = (await t.ok(PointRulesDocument, {})).pointRules;
    const set = await setRules([{ action: 'GROUP_BUY_COMPLETED', points: 7, dailyCap: 70 }]);
    expect(set.isCurrent).toBe(true);
    const after = (await t.ok(PointRulesDocument, {})).pointRules;
    expect(after.find((r) => r.action === 'GROUP_BUY_COMPLETED')).toEqual({ action: 'GROUP_BUY_COMPLETED', points: 7, dailyCap: 70 });
    expect(after.filter((r) => r.action !== 'GROUP_BUY_COMPLETED')).toEqual(before.filter((r) => r.action !== 'GROUP_BUY_COMPLETED'));
    const versions = (await t.ok(PointRuleSetsDocument, { first: 2 }, admin.token)).pointRuleSets.nodes;
    expect(versions[0]).toEqual({ id: set.id, version: set.version, isCurrent: true });
    expect(versions[1]!.version).toBe(set.version - 1);
    expect(versions[1]!.isCurrent).toBe(false);
  });

  test('only admins set or list them, and a rule past its limits is refused with its field', async () => {
    const someone = await signUp(t, 'pt_rules');
    expect((await t.gql(SetPointRulesDocument, { input: { rules: [{ action: 'CHECK_IN', points: 1, dailyCap: 1 }] } }, someone.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(PointRuleSetsDocument, {}, someone.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const refused = (await t.answer(SetPointRulesDocument, { input: { rules: [{ action: 'CHECK_IN', points: 10_001, dailyCap: 1 }] } }, admin.token)).setPointRules;
    expect(refused.ruleSet).toBeNull();
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['rules', '0', 'points'] })]);
    const twice = (await t.answer(SetPointRulesDocument, { input: { rules: [{ action: 'CHECK_IN', points: 1, dailyCap: 1 }, { action: 'CHECK_IN', points: 2, dailyCap: 2 }] } }, admin.token)).setPointRules;
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['rules', '1', 'action'] })]);
  });
});

describe('awards in the action\'s transaction', () => {
  test('a like pays its author once: a retried like pays nothing, an unlike claws back, liking again pays nothing', async () => {
    const { author, fan } = await people(t, ['author', 'fan']);
    const note = await postNote(t, author);
    const published = await points(author);
    expect(published.balance).toBe(10);
    await Promise.all([t.ok(LikeDocument, { id: note.id }, fan.token), t.ok(LikeDocument, { id: note.id }, fan.token)]);
    await t.ok(LikeDocument, { id: note.id }, fan.token);
    expect(await points(author)).toMatchObject({ balance: 13, lifetimePoints: 13, earnedToday: 13 });
    await t.ok(UnlikeDocument, { id: note.id }, fan.token);
    await t.ok(UnlikeDocument, { id: note.id }, fan.token);
    expect(await points(author)).toMatchObject({ balance: 10, lifetimePoints: 10, earnedToday: 10 });
    await t.ok(LikeDocument, { id: note.id }, fan.token);
    expect((await points(author)).balance).toBe(10);
    const entries = (await history(author)).nodes;
    expect(entries.map((e) => [e.action, e.points, e.isClawback, e.isReversed])).toEqual([
      ['LIKE_RECEIVED', -3, true, false],
      ['LIKE_RECEIVED', 3, false, true],
      ['NOTE_PUBLISHED', 10, false, false],
    ]);
    // The liker earns nothing for liking, nor does an author for liking their own note.
    expect((await points(fan)).balance).toBe(0);
    await t.ok(LikeDocument, { id: note.id }, author.token);
    expect((await points(author)).balance).toBe(10);
  });

  test('a daily cap holds under concurrent likes: the author earns the cap, and the awards past it are written for 0', async () => {
    const author = await signUp(t, 'pt_capped');
    const fans = await Promise.all(Array.from({ length: 10 }, (_, i) => signUp(t, `pt_fan${i}`)));
    const note = await postNote(t, author);
    await Promise.all(fans.map((fan) => t.ok(LikeDocument, { id: note.id }, fan.token)));
    expect(await points(author)).toMatchObject({ balance: 10 + 9, earnedToday: 19 });
    const likes = (await history(author)).nodes.filter((e) => e.action === 'LIKE_RECEIVED');
    expect(likes).toHaveLength(10);
    expect(likes.reduce((sum, e) => sum + e.points, 0)).toBe(9);
    expect(likes.filter((e) => e.isCapped)).toHaveLength(7);
    // An unlike of a paid like frees that much of the day's cap; one of an unpaid like takes nothing.
    const { edges } = await t.db.driver.executeQuery('MATCH (e:PointEntry {userId: $id, action: "LIKE_RECEIVED"}) RETURN e.sourceKey AS key, e.points AS points', { id: author.id }, { database: t.db.name }).then((r) => ({ edges: r.records.map((x) => ({ key: x.get('key') as string, points: x.get('points') as number })) }));
    const paidFan = fans.find((f) => edges.some((e) => e.key.endsWith(f.id) && e.points === 3))!;
    await t.ok(UnlikeDocument, { id: note.id }, paidFan.token);
    expect(await points(author)).toMatchObject({ balance: 16, earnedToday: 16 });
  });

  test('a collect pays its author once, and uncollecting it from every collection claws back', async () => {
    const { author, collector } = await people(t, ['author', 'collector']);
    const note = await postNote(t, author);
    await t.ok(CollectDocument, { id: note.id }, collector.token);
    await t.ok(CollectDocument, { id: note.id }, collector.token);
    expect((await points(author)).balance).toBe(14);
    await t.ok(UncollectDocument, { id: note.id }, collector.token);
    expect((await points(author)).balance).toBe(10);
    expect((await history(author)).nodes[0]).toMatchObject({ action: 'COLLECT_RECEIVED', points: -4, isClawback: true });
  });

  test('only the user reads their points', async () => {
    const { owner, other } = await people(t, ['owner', 'other']);
    await t.ok(CheckInDocument, {}, owner.token);
    for (const reader of [other, admin, null]) expect((await t.ok(UserPointsDocument, { id: owner.id }, reader?.token ?? null)).user?.points).toBeNull();
    expect((await t.ok(UserPointsDocument, { id: owner.id }, owner.token)).user?.points?.balance).toBe(5);
  });
});

describe('daily check-in', () => {
  test('pays once per UTC day, also when sent twice at once, and starts a streak', async () => {
    const me = await signUp(t, 'pt_checkin');
    const both = await Promise.all([t.ok(CheckInDocument, {}, me.token), t.ok(CheckInDocument, {}, me.token)]);
    expect(both.map((b) => b.checkIn.isFirstToday).sort()).toEqual([false, true]);
    expect(both.map((b) => b.checkIn.pointsEarned).sort()).toEqual([0, 5]);
    expect(await points(me)).toEqual({ balance: 5, earnedToday: 5, lifetimePoints: 5, streak: 1, hasCheckedInToday: true });
    expect((await history(me)).totalCount).toBe(1);
  });

  test("a check-in after yesterday's extends the streak; after a gap it starts again", async () => {
    const { steady, lapsed } = await people(t, ['steady', 'lapsed']);
    const setAccount = (who: Person, lastCheckInDay: string, streak: number) =>
      t.db.driver.executeQuery('MERGE (a:PointAccount {userId: $id}) ON CREATE SET a.balance = 0, a.lifetime = 0 SET a.lastCheckInDay = $day, a.streak = $streak', { id: who.id, day: lastCheckInDay, streak }, { database: t.db.name });
    await setAccount(steady, yesterday(), 3);
    await setAccount(lapsed, new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10), 3);
    expect((await points(lapsed)).streak).toBe(0);
    expect((await t.ok(CheckInDocument, {}, steady.token)).checkIn.points?.streak).toBe(4);
    expect((await t.ok(CheckInDocument, {}, lapsed.token)).checkIn.points?.streak).toBe(1);
  });
});

describe('redeeming points', () => {
  /** A user holding `balance` points, earned by one check-in paying that much. */
  async function holding(name: string, balance: number): Promise<Person> {
    const who = await signUp(t, name);
    await setRules([{ action: 'CHECK_IN', points: balance, dailyCap: balance }]);
    try {
      expect((await t.ok(CheckInDocument, {}, who.token)).checkIn.pointsEarned).toBe(balance);
    } finally {
      await setRules([{ action: 'CHECK_IN', points: 5, dailyCap: 5 }]);
    }
    return who;
  }
  const reward = async (name: string, costPoints: number) =>
    (await t.ok(CreateRewardDocument, { input: { name, costPoints, iconKey: 'badge-gold', description: 'A gold badge' } }, admin.token)).createReward.reward!;

  test('20 concurrent redemptions against a balance for 5 spend exactly 5, and the balance never goes below zero', async () => {
    const buyer = await holding('pt_racer', 50);
    const rewards = await Promise.all(Array.from({ length: 20 }, (_, i) => reward(`Race badge ${i}`, 10)));
    const answers = await Promise.all(rewards.map((r) => t.answer(RedeemPointsDocument, { input: { rewardId: r.id } }, buyer.token)));
    const codes = answers.map((a) => a.redeemPoints.userErrors[0]?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
    expect(codes.filter((c) => c === 'INSUFFICIENT_POINTS')).toHaveLength(15);
    expect(await points(buyer)).toMatchObject({ balance: 0, lifetimePoints: 50 });
    const spent = (await history(buyer)).nodes.filter((e) => e.isRedemption);
    expect(spent.map((e) => e.points)).toEqual([-10, -10, -10, -10, -10]);
  });

  test('a badge reward is redeemed once, a retry with its key spends nothing more, and only admins create rewards', async () => {
    const buyer = await holding('pt_buyer', 30);
    const gold = await reward('Gold badge', 10);
    expect((await t.ok(RewardsDocument, { first: 100 }, buyer.token)).rewards.nodes).toContainEqual({ id: gold.id, name: 'Gold badge', costPoints: 10 });
    const first = (await t.ok(RedeemPointsDocument, { input: { rewardId: gold.id, idempotencyKey: 'gold-1' } }, buyer.token)).redeemPoints;
    expect(first).toMatchObject({ points: { balance: 20 }, redemption: { costPoints: 10, reward: { id: gold.id, name: 'Gold badge' } } });
    const retried = (await t.ok(RedeemPointsDocument, { input: { rewardId: gold.id, idempotencyKey: 'gold-1' } }, buyer.token)).redeemPoints;
    expect(retried.redemption?.id).toBe(first.redemption?.id);
    expect(retried.points?.balance).toBe(20);
    const again = (await t.answer(RedeemPointsDocument, { input: { rewardId: gold.id } }, buyer.token)).redeemPoints;
    expect(again.userErrors.map((e) => e.code)).toEqual(['ALREADY_REDEEMED']);
    const missing = (await t.answer(RedeemPointsDocument, { input: { rewardId: '00000000-0000-4000-8000-000000000000' } }, buyer.token)).redeemPoints;
    expect(missing.userErrors.map((e) => [e.code, e.field])).toEqual([['NOT_FOUND', ['rewardId']]]);
    expect((await points(buyer)).balance).toBe(20);
    expect((await t.gql(CreateRewardDocument, { input: { name: 'Mine', costPoints: 1, iconKey: 'x' } }, buyer.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const bad = (await t.answer(CreateRewardDocument, { input: { name: 'Bad', costPoints: 0, iconKey: 'x' } }, admin.token)).createReward;
    expect(bad.userErrors.map((e) => [e.code, e.field])).toEqual([['INVALID', ['costPoints']]]);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Reads the balance until it is `expected` (an event consumer settles after the bus delivers), failing after a while. */
async function balanceBecomes(who: Person, expected: number) {
  for (let i = 0; i < 50 && (await points(who)).balance !== expected; i++) await sleep(100);
  expect((await points(who)).balance).toBe(expected);
}
const ledger = async (who: Person) => (await history(who)).nodes.map((e) => [e.action, e.points, e.isClawback]);

describe('referrals and group buys, in the order\'s transaction', () => {
  let merchant: Person;
  beforeAll(async () => {
    merchant = await signUpMerchant(t, admin, 'pt_shop');
    await setRules([
      { action: 'REFERRAL_CONVERTED', points: 50, dailyCap: 500 },
      { action: 'GROUP_BUY_COMPLETED', points: 20, dailyCap: 100 },
    ]);
  });
  const shareLink = async (sharer: Person, productId: string) => (await t.ok(SHARE, { target: { productId }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
  const buyThrough = async (buyer: Person, productId: string, shareCode: string, idempotencyKey?: string) =>
    (await t.ok(PLACE, { input: orderInput(productId, 1, { shareCode }, idempotencyKey) }, buyer.token)).placeOrder.order!.id;
  const flagOf = async (orderId: string) => (await t.ok(OrderFlagsDocument, { id: orderId }, admin.token)).order!.fraudFlags[0]!.id;

  test('an order through a share link pays its sharer once, a retried order pays nothing more, and a refund claws back', async () => {
    const product = await listProduct(t, merchant);
    const { sharer, buyer } = await people(t, ['sharer', 'buyer']);
    const code = await shareLink(sharer, product);
    await t.ok(OPEN, { code }, buyer.token);
    const key = `pt-ref-${crypto.randomUUID()}`;
    const orderId = await buyThrough(buyer, product, code, key);
    expect(await buyThrough(buyer, product, code, key)).toBe(orderId);
    expect(await points(sharer)).toMatchObject({ balance: 50, lifetimePoints: 50 });
    expect(await ledger(sharer)).toEqual([['REFERRAL_CONVERTED', 50, false]]);
    // The buyer earns nothing for buying.
    expect((await points(buyer)).balance).toBe(0);
    await t.ok(RefundOrderDocument, { id: orderId }, merchant.token);
    await t.ok(RefundOrderDocument, { id: orderId }, merchant.token);
    expect(await points(sharer)).toMatchObject({ balance: 0, lifetimePoints: 0 });
    expect(await ledger(sharer)).toEqual([['REFERRAL_CONVERTED', -50, true], ['REFERRAL_CONVERTED', 50, false]]);
  });

  test('buying through your own link, or a merchant selling through theirs, is no referral', async () => {
    const product = await listProduct(t, merchant);
    const self = await signUp(t, 'pt_self');
    await buyThrough(self, product, await shareLink(self, product));
    const buyer = await signUp(t, 'pt_merchant_fan');
    const before = (await points(merchant)).balance;
    await buyThrough(buyer, product, await shareLink(merchant, product));
    expect((await points(self)).balance).toBe(0);
    expect((await points(merchant)).balance).toBe(before);
  });

  test('a fraud-flagged order pays once its flag is found legitimate, confirmed fraud pays nothing, and cancelling the paid one claws back', async () => {
    const product = await listProduct(t, merchant);
    const { sharer, buyer } = await people(t, ['sharer', 'buyer']);
    const code = await shareLink(sharer, product);
    await t.ok(OPEN, { code }, buyer.token);
    // FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE is 1 here: the second and third orders through the link are flagged.
    const [clean, legitimate, fraud] = [await buyThrough(buyer, product, code), await buyThrough(buyer, product, code), await buyThrough(buyer, product, code)];
    expect(clean).toBeTruthy();
    expect((await points(sharer)).balance).toBe(50);
    await t.ok(ApproveFraudFlagDocument, { id: await flagOf(legitimate) }, admin.token);
    expect((await points(sharer)).balance).toBe(100);
    await t.ok(RejectFraudFlagDocument, { id: await flagOf(fraud) }, admin.token);
    expect((await points(sharer)).balance).toBe(100);
    await t.ok(CancelOrderDocument, { id: legitimate }, buyer.token);
    expect(await points(sharer)).toMatchObject({ balance: 50, lifetimePoints: 50 });
    expect((await history(sharer)).nodes.filter((e) => e.action === 'REFERRAL_CONVERTED').map((e) => e.points)).toEqual([-50, 50, 50]);
  });

  test('a group buy filling pays each participant once and its starter for the orders through their link; cancelling a part claws back both', async () => {
    const product = await listProduct(t, merchant);
    const offer = await offerGroupBuy(t, merchant, product, { requiredSize: 3 });
    const { starter, joiner, friend } = await people(t, ['starter', 'joiner', 'friend']);
    const buy = (await t.ok(START_GROUP_BUY, { input: { offerId: offer } }, starter.token)).startGroupBuy.groupBuy!;
    await t.ok(JOIN_GROUP_BUY, { id: buy.id }, joiner.token);
    expect((await points(joiner)).balance).toBe(0);
    await t.ok(JOIN_GROUP_BUY, { id: buy.id }, friend.token);
    await t.answer(JOIN_GROUP_BUY, { id: buy.id }, friend.token);
    expect((await points(joiner)).balance).toBe(20);
    expect((await points(friend)).balance).toBe(20);
    expect(await points(starter)).toMatchObject({ balance: 20 + 2 * 50 });
    expect(await ledger(starter)).toEqual(expect.arrayContaining([['GROUP_BUY_COMPLETED', 20, false], ['REFERRAL_CONVERTED', 50, false], ['REFERRAL_CONVERTED', 50, false]]));
    const orderOf = async (who: Person) => (await t.ok(MyOrdersDocument, {}, who.token)).myOrders.nodes[0]!.id;
    await t.ok(CancelOrderDocument, { id: await orderOf(friend) }, friend.token);
    expect((await points(friend)).balance).toBe(0);
    expect((await points(joiner)).balance).toBe(20);
    expect((await points(starter)).balance).toBe(20 + 50);
  });
});

describe('reviews, by an event consumer', () => {
  let merchant: Person;
  beforeAll(async () => {
    merchant = await signUpMerchant(t, admin, 'pt_review_shop');
    await setRules([{ action: 'REVIEW_WITH_MEDIA', points: 20, dailyCap: 200 }]);
  });
  const media = [{ url: 'https://img.example.com/haul.jpg', kind: 'IMAGE' as const }];
  /** A buyer's order of a new product, and their review of it (with media unless told). */
  async function reviewed(who: Person, withMedia = true) {
    const productId = await listProduct(t, merchant);
    const orderId = (await t.ok(PLACE, { input: orderInput(productId) }, who.token)).placeOrder.order!.id;
    const review = (await t.ok(ReviewProductDocument, { input: { orderId, productId, rating: 4, media: withMedia ? media : [] } }, who.token)).reviewProduct.review!;
    return { orderId, productId, reviewId: review.id };
  }
  /** The open case about a review in the platform's queue (other tests' cases share it): paged through. */
  async function caseOf(targetId: string) {
    for (let after: string | null = null; ; ) {
      const queue: PlatformQueueQuery['moderationQueue'] = (await t.ok(PlatformQueueDocument, { after }, admin.token)).moderationQueue;
      const found = queue.nodes.find((c) => c.targetId === targetId);
      if (found || !queue.pageInfo.hasNextPage) return found!;
      after = queue.pageInfo.endCursor ?? null;
    }
  }
  const replay = (reviewId: string, authorId: string) => {
    const at = Date.now();
    t.deps.events.pubsub.publish('REVIEW_CREATED', { reviewId, productId: 'p', authorId, hasMedia: true, verified: true, at });
    t.deps.events.pubsub.publish('REVIEW_RESTORED', { reviewId, authorId, at });
    t.deps.events.pubsub.publish('REVIEW_REMOVED', { reviewId, authorId, at });
  };

  test('a review with media pays once however often its events are delivered; hidden it gives the points back, restored on appeal it earns again', async () => {
    const { reviewer, reporter } = await people(t, ['reviewer', 'reporter']);
    const { reviewId } = await reviewed(reviewer);
    await balanceBecomes(reviewer, 20);
    replay(reviewId, reviewer.id);
    await sleep(500);
    expect(await ledger(reviewer)).toEqual([['REVIEW_WITH_MEDIA', 20, false]]);

    await t.ok(ReportReviewDocument, { id: reviewId }, reporter.token);
    const action = (await t.ok(ModerateDocument, { input: { caseId: (await caseOf(reviewId)).id, action: 'HIDE', reason: 'Off topic' } }, admin.token)).moderate.moderationAction!;
    await balanceBecomes(reviewer, 0);
    replay(reviewId, reviewer.id);
    await sleep(500);
    expect(await ledger(reviewer)).toEqual([['REVIEW_WITH_MEDIA', -20, true], ['REVIEW_WITH_MEDIA', 20, false]]);

    const appeal = (await t.ok(AppealDocument, { a: action.id, text: 'It is about the product' }, reviewer.token)).appeal.appeal!;
    await t.ok(DecideAppealDocument, { id: appeal.id, decision: 'REVERSE', reason: 'On topic after all' }, admin.token);
    await balanceBecomes(reviewer, 20);
    replay(reviewId, reviewer.id);
    await sleep(500);
    expect(await points(reviewer)).toMatchObject({ balance: 20, lifetimePoints: 20 });
    expect(await ledger(reviewer)).toEqual([['REVIEW_WITH_MEDIA', 20, false], ['REVIEW_WITH_MEDIA', -20, true], ['REVIEW_WITH_MEDIA', 20, false]]);
  });

  test('refunding or cancelling the reviewed order claws the review\'s points back, and a later restore or replay pays nothing', async () => {
    const { refunded, cancelled, plain } = await people(t, ['refunded', 'cancelled', 'plain']);
    const a = await reviewed(refunded);
    const b = await reviewed(cancelled);
    await reviewed(plain, false);
    await balanceBecomes(refunded, 20);
    await balanceBecomes(cancelled, 20);
    await t.ok(RefundOrderDocument, { id: a.orderId }, merchant.token);
    await t.ok(CancelOrderDocument, { id: b.orderId }, cancelled.token);
    expect((await points(refunded)).balance).toBe(0);
    expect((await points(cancelled)).balance).toBe(0);
    replay(a.reviewId, refunded.id);
    t.deps.events.pubsub.publish('REVIEW_RESTORED', { reviewId: b.reviewId, authorId: cancelled.id, at: Date.now() });
    await sleep(500);
    expect(await ledger(refunded)).toEqual([['REVIEW_WITH_MEDIA', -20, true], ['REVIEW_WITH_MEDIA', 20, false]]);
    expect((await points(cancelled)).balance).toBe(0);
    // A review without media earns nothing.
    await sleep(200);
    expect((await points(plain)).balance).toBe(0);
  });
});

describe('the POINTS leaderboard', () => {
  test("ranks a group's members by the points they earned and kept in the period, leaving out clawed-back points, erased accounts and non-members", async () => {
    const { owner, top, second, erased, clawed, outsider, fan } = await people(t, ['owner', 'top', 'second', 'erased', 'clawed', 'outsider', 'fan']);
    const group = (await t.ok(CreateGroupDocument, { input: { name: `Points club ${process.pid} ${Date.now()}`, description: '', visibility: 'OPEN', rules: '', isPremoderated: false, topics: [] } }, owner.token)).createGroup.group!.id;
    for (const member of [top, second, erased, clawed]) await t.ok(JoinGroupDocument, { id: group }, member.token);
    await postNote(t, top);
    await postNote(t, top);
    await t.ok(CheckInDocument, {}, top.token);
    await postNote(t, second);
    await postNote(t, erased);
    await postNote(t, outsider);
    await postNote(t, outsider);
    await postNote(t, outsider);
    // A like paid and taken back: the author keeps their note's points only.
    const liked = await postNote(t, clawed);
    await t.ok(LikeDocument, { id: liked.id }, fan.token);
    await t.ok(UnlikeDocument, { id: liked.id }, fan.token);
    await t.db.driver.executeQuery('MATCH (u:User {id: $id}) SET u.deletedAt = timestamp()', { id: erased.id }, { database: t.db.name });
    const board = (await t.ok(PointsLeaderboardDocument, { groupId: group, first: 10 })).leaderboard;
    expect(board.nodes.map((n) => [n.position, n.user.id, n.value])).toEqual([
      [1, top.id, 25],
      [2, [second.id, clawed.id].sort()[0], 10],
      [3, [second.id, clawed.id].sort()[1], 10],
    ]);
    expect(board.totalCount).toBe(3);
    const page = (await t.ok(PointsLeaderboardDocument, { groupId: group, first: 1 })).leaderboard;
    expect(page.nodes.map((n) => n.user.id)).toEqual([top.id]);
  });
});

describe('user levels', () => {
  test('User.level follows lifetime points at the configured thresholds, for every reader, and spending does not lower it', async () => {
    const climber = await signUp(t, 'pt_climber');
    const levelAs = async (reader: Person | null) => (await t.ok(UserLevelDocument, { id: climber.id }, reader?.token ?? null)).user?.level;
    expect(await levelAs(null)).toBe(1);
    await setRules([{ action: 'CHECK_IN', points: 300, dailyCap: 300 }]);
    try {
      await t.ok(CheckInDocument, {}, climber.token);
    } finally {
      await setRules([{ action: 'CHECK_IN', points: 5, dailyCap: 5 }]);
    }
    expect(await levelAs(null)).toBe(3);
    expect(await levelAs(admin)).toBe(3);
    const badge = (await t.ok(CreateRewardDocument, { input: { name: 'Level badge', costPoints: 250, iconKey: 'badge-level' } }, admin.token)).createReward.reward!;
    await t.ok(RedeemPointsDocument, { input: { rewardId: badge.id } }, climber.token);
    expect(await points(climber)).toMatchObject({ balance: 50, lifetimePoints: 300 });
    expect(await levelAs(climber)).toBe(3);
  });
});

describe('badges', () => {
  const keysOf = async (who: Person, reader: Person | null = null) => (await t.ok(UserBadgesDocument, { id: who.id, first: 50 }, reader?.token ?? null)).user!.badges.nodes.map((b) => b.key).sort();

  test('a first note and a seventh check-in in a row award their badges once; a verified review awards VERIFIED_BUYER once', async () => {
    const fan = await signUp(t, 'pt_badges');
    await Promise.all([postNote(t, fan), postNote(t, fan)]);
    await t.db.driver.executeQuery('MATCH (a:PointAccount {userId: $id}) SET a.lastCheckInDay = $day, a.streak = 6', { id: fan.id, day: yesterday() }, { database: t.db.name });
    await Promise.all([t.ok(CheckInDocument, {}, fan.token), t.ok(CheckInDocument, {}, fan.token)]);
    // Two verified reviews, the first one's events delivered twice.
    const shop = await signUpMerchant(t, admin, 'pt_badge_shop');
    for (const productId of [await listProduct(t, shop), await listProduct(t, shop)]) {
      const orderId = (await t.ok(PLACE, { input: orderInput(productId) }, fan.token)).placeOrder.order!.id;
      const reviewId = (await t.ok(ReviewProductDocument, { input: { orderId, productId, rating: 5 } }, fan.token)).reviewProduct.review!.id;
      t.deps.events.pubsub.publish('REVIEW_CREATED', { reviewId, productId, authorId: fan.id, hasMedia: false, verified: true, at: Date.now() });
    }
    for (let i = 0; i < 50 && !(await keysOf(fan)).includes('VERIFIED_BUYER'); i++) await sleep(100);
    await sleep(300);
    // Badges are public: anyone reads them, signed in or not, with their rule's name and icon.
    expect(await keysOf(fan, null)).toEqual(['FIRST_NOTE', 'STREAK_7', 'VERIFIED_BUYER']);
    const badges = (await t.ok(UserBadgesDocument, { id: fan.id }, admin.token)).user!.badges;
    expect(badges.totalCount).toBe(3);
    expect(badges.nodes.find((b) => b.key === 'FIRST_NOTE')).toMatchObject({ name: 'First note', iconKey: 'badge-first-note', period: null, isDisplayed: false });
  });

  test('users pick up to 3 badges they hold to show, in order; everyone sees the pick', async () => {
    const { owner, stranger } = await people(t, ['owner', 'stranger']);
    await postNote(t, owner);
    const reward = (await t.ok(CreateRewardDocument, { input: { name: 'Shiny', costPoints: 5, iconKey: 'badge-shiny' } }, admin.token)).createReward.reward!;
    await t.ok(RedeemPointsDocument, { input: { rewardId: reward.id } }, owner.token);
    const rewardKey = (await keysOf(owner)).find((k) => k.startsWith('REWARD_'))!;
    const set = async (keys: string[]) => (await t.answer(SetDisplayedBadgesDocument, { keys }, owner.token)).setDisplayedBadges;
    expect((await set([rewardKey, 'FIRST_NOTE'])).displayedBadges).toEqual([{ key: rewardKey, isDisplayed: true }, { key: 'FIRST_NOTE', isDisplayed: true }]);
    const shown = async (reader: Person | null) => (await t.ok(UserBadgesDocument, { id: owner.id }, reader?.token ?? null)).user!.displayedBadges.map((b) => b.key);
    expect(await shown(stranger)).toEqual([rewardKey, 'FIRST_NOTE']);
    expect(await shown(null)).toEqual([rewardKey, 'FIRST_NOTE']);

    // Refused, the pick stays as it was.
    expect((await set(['FIRST_NOTE', 'STREAK_7'])).userErrors).toEqual([expect.objectContaining({ field: ['badgeKeys', '1'], code: 'NOT_FOUND' })]);
    expect((await set(['FIRST_NOTE', 'FIRST_NOTE'])).userErrors).toEqual([expect.objectContaining({ field: ['badgeKeys', '1'], code: 'INVALID' })]);
    expect((await set(['FIRST_NOTE', rewardKey, 'STREAK_7', 'LIKES_100'])).userErrors).toEqual([expect.objectContaining({ field: ['badgeKeys'], code: 'INVALID' })]);
    expect(await shown(stranger)).toEqual([rewardKey, 'FIRST_NOTE']);
    // Someone else's badge cannot be shown.
    expect((await t.answer(SetDisplayedBadgesDocument, { keys: [rewardKey] }, stranger.token)).setDisplayedBadges.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);

    expect((await set(['FIRST_NOTE'])).displayedBadges).toEqual([{ key: 'FIRST_NOTE', isDisplayed: true }]);
    expect((await set([])).displayedBadges).toEqual([]);
    expect(await shown(stranger)).toEqual([]);
    expect((await t.gql(SetDisplayedBadgesDocument, { keys: [] }, null)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  test('badgeAwarded pushes a new badge to its owner only', async () => {
    const { owner, other } = await people(t, ['owner', 'other']);
    const mine = collect(t.ws(owner.token), BadgeAwardedDocument, 1);
    const theirs = collect(t.ws(other.token), BadgeAwardedDocument, 1);
    await Promise.all([mine.started, theirs.started]);
    await postNote(t, owner);
    const [pushed] = await mine.events;
    expect(pushed!.badgeAwarded).toMatchObject({ key: 'FIRST_NOTE', name: 'First note', isDisplayed: false });
    expect(await keysOf(owner)).toEqual(['FIRST_NOTE']);
    // The other user's stream carried nothing of the owner's: its first event is their own badge.
    await postNote(t, other);
    const [own] = await theirs.events;
    expect(own!.badgeAwarded.id).not.toBe(pushed!.badgeAwarded.id);
    expect((await t.ok(UserBadgesDocument, { id: other.id }, other.token)).user!.badges.nodes.map((b) => b.id)).toEqual([own!.badgeAwarded.id]);
    expect((await collect(t.ws(null), BadgeAwardedDocument, 1).events.catch((e: Error) => e.message))).toMatch(/UNAUTHENTICATED|signed in/);
  });
});

describe('badge rules as data', () => {
  const key = `PT_NOTES_${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
  const rule = { key, name: 'Two notes', description: 'Published two notes.', iconKey: 'badge-two-notes', metric: 'NOTE_PUBLISHED' as const, threshold: 5 };
  const holds = async (who: Person) => (await t.ok(UserBadgesDocument, { id: who.id, first: 50 })).user!.badges.nodes.filter((b) => b.key === key).length;
  /** Every rule, paged through (each BADGE reward of every test run adds one). */
  const all = async () => {
    const rules = [];
    for (let after: string | null = null; ; ) {
      const page: BadgeDefinitionsQuery['badgeDefinitions'] = (await t.ok(BadgeDefinitionsDocument, { first: 100, after })).badgeDefinitions;
      rules.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return rules;
      after = page.pageInfo.endCursor ?? null;
    }
  };
  // The rule is shared by every test running against this database: it goes once this block is done.
  afterAll(async () => {
    await t.db.driver.executeQuery('MATCH (b:BadgeAward {badgeKey: $key}) DETACH DELETE b', { key }, { database: t.db.name });
    await t.db.driver.executeQuery('MATCH (d:BadgeDefinition {key: $key}) DETACH DELETE d', { key }, { database: t.db.name });
  });

  test('anyone reads the rules; admins add a count rule (audited) that awards at once whoever reaches it, and others as they do, once', async () => {
    const { prolific, newcomer, someone } = await people(t, ['prolific', 'newcomer', 'someone']);
    for (let i = 0; i < 2; i++) await postNote(t, prolific);
    await postNote(t, newcomer);
    expect(await all()).toContainEqual({ key: 'FIRST_NOTE', name: 'First note', description: 'Published a first note.', iconKey: 'badge-first-note', metric: 'NOTE_PUBLISHED', threshold: 1 });

    expect((await t.gql(CreateBadgeDefinitionDocument, { input: rule }, someone.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const created = (await t.ok(CreateBadgeDefinitionDocument, { input: { ...rule, threshold: 2 } }, admin.token)).createBadgeDefinition.badgeDefinition;
    expect(created).toEqual({ ...rule, threshold: 2 });
    expect(await all()).toContainEqual({ ...rule, threshold: 2 });
    expect(await holds(prolific)).toBe(1);
    expect(await holds(newcomer)).toBe(0);
    await postNote(t, newcomer);
    await postNote(t, newcomer);
    expect(await holds(newcomer)).toBe(1);
    const audit = await t.db.driver.executeQuery("MATCH (a:AuditEntry {action: 'CREATE_BADGE_DEFINITION', subjectId: $key}) RETURN a.actorId AS actor", { key }, { database: t.db.name });
    expect(audit.records.map((r) => r.get('actor'))).toEqual([admin.id]);

    const taken = (await t.answer(CreateBadgeDefinitionDocument, { input: rule }, admin.token)).createBadgeDefinition;
    expect(taken.userErrors).toEqual([expect.objectContaining({ field: ['key'], code: 'TAKEN' })]);
    const platformMetric = (await t.answer(CreateBadgeDefinitionDocument, { input: { ...rule, key: `${key}_X`, metric: 'TOP_REFERRER_MONTH' } }, admin.token)).createBadgeDefinition;
    expect(platformMetric.userErrors).toEqual([expect.objectContaining({ field: ['metric'], code: 'INVALID' })]);
  });

  test("admins change a rule: a lowered threshold awards who now reach it, a raised one takes nothing back, and a non-count rule's threshold is refused", async () => {
    const { writer } = await people(t, ['writer']);
    await postNote(t, writer);
    const update = async (input: UpdateBadgeDefinitionInput) => (await t.answer(UpdateBadgeDefinitionDocument, { input }, admin.token)).updateBadgeDefinition;
    expect((await update({ key, threshold: 1, name: 'One note' })).badgeDefinition).toMatchObject({ key, threshold: 1, name: 'One note' });
    expect(await holds(writer)).toBe(1);
    expect((await update({ key, threshold: 50 })).badgeDefinition).toMatchObject({ threshold: 50, name: 'One note' });
    expect(await holds(writer)).toBe(1);
    const refused = await update({ key: 'VERIFIED_BUYER', threshold: 2, name: 'Changed' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ['threshold'], code: 'INVALID' })]);
    expect((await all()).find((d) => d.key === 'VERIFIED_BUYER')).toMatchObject({ name: 'Verified buyer', threshold: 1 });
    expect((await update({ key: 'NO_SUCH_RULE', name: 'x' })).userErrors).toEqual([expect.objectContaining({ field: ['key'], code: 'NOT_FOUND' })]);
  });
});
