import type { DocumentNode } from 'graphql';
import { startTestApp, TestApp, uniqueHandle, collect, operationText } from '../helpers/app';
import { signUp, Person, SIGN_UP, follow as followPerson } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, SHARE, OPEN, PLACE, orderInput } from '../helpers/commerce';
import { FeedRepository } from '../../src/feeds/repository';
import {
  ApproveFraudFlagDocument,
  CancelOrderDocument,
  CommissionOrdersDocument,
  CommissionsOverDocument,
  CommissionSummaryOverDocument,
  ConversionByChannelOverDocument,
  CreateGroupDocument,
  CreateNoteForIdDocument,
  FriendsWhoBoughtDocument,
  GroupStatsOverDocument,
  KolReportOverDocument,
  LeaderboardOverDocument,
  LinearTouchpointsDocument,
  MyOrderCountDocument,
  MyPurchasePrivacyDocument,
  OrderFlagsDocument,
  OrderShareLinkDocument,
  ProductStockDocument,
  ReferralSalesDocument,
  ShowPurchasesToFriendsDocument,
  TopReferrersOverDocument,
  UpdateBioDocument,
  UserPurchasePrivacyDocument,
  VisibilityBlockDocument,
  type GroupVisibility,
  type OrderContextInput,
  type ShareTargetInput,
} from '../generated/graphql';

/**
 * The trust boundary around purchases: fraud reviews racing cancellations, which share links an
 * order may credit, who may learn who bought what, and how fine analytics periods may be.
 */
jest.setTimeout(120_000);

const ADMIN_EMAIL = `purchases-${process.pid}@admins.example.com`;
let t: TestApp;
let admin: Person;
let merchant: Person;
beforeAll(async () => {
  // One order per link per minute: every later order through the same link is flagged for velocity.
  t = await startTestApp({ FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE: '1' });
  admin = await signUpAdmin(t, ADMIN_EMAIL);
  merchant = await signUpMerchant(t, admin, 'trust_shop');
});
afterAll(() => t.close());

const COMMISSIONS = CommissionOrdersDocument;
const FLAGS_OF = OrderFlagsDocument;
const CANCEL = CancelOrderDocument;
const APPROVE = ApproveFraudFlagDocument;

describe('a fraud review racing a cancellation', () => {
  test('approving the flag of an order being cancelled never turns its reversed commission back to pending', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 10000, stock: 1000 });
    const [sharer, buyer] = [await signUp(t, 'rc_sharer'), await signUp(t, 'rc_buyer')];
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
    await t.ok(OPEN, { code }, buyer.token);
    // The first order through the link passes; each later one within the minute is held for review.
    const ROUNDS = 40;
    const BATCH = 4;
    const orders: string[] = [];
    for (let i = 0; i <= ROUNDS; i++) orders.push((await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, buyer.token)).placeOrder.order!.id);
    const held = orders.slice(1);

    const flags: string[] = [];
    for (const orderId of held) {
      const flag = (await t.ok(FLAGS_OF, { id: orderId }, admin.token)).order!.fraudFlags[0];
      expect(flag).toMatchObject({ status: 'OPEN' });
      flags.push(flag!.id);
    }
    // Rounds of the pair, a few rounds at a time; the approval starts 0 to 14 ms after the
    // cancellation, so that across the rounds it lands in every phase of the cancelling transaction.
    const later = <T>(ms: number, work: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => work().then(resolve, reject), ms));
    for (let i = 0; i < held.length; i += BATCH) {
      const results = await Promise.all(
        held.slice(i, i + BATCH).flatMap((orderId, j) => [
          later(((i + j) % 8) * 2, () => t.gql(APPROVE, { id: flags[i + j]! }, admin.token)),
          t.gql(CANCEL, { id: orderId }, buyer.token),
        ]),
      );
      expect(results.flatMap((r) => [...(r.errors ?? []), ...Object.values(r.data ?? {}).flatMap((p) => (p as { userErrors: unknown[] }).userErrors)])).toEqual([]);
    }

    const statuses = new Map((await t.ok(COMMISSIONS, {}, sharer.token)).commissions.nodes.map((c) => [c.orderId, c.status]));
    expect(statuses.get(orders[0]!)).toBe('PENDING');
    expect(held.map((id) => statuses.get(id))).toEqual(held.map(() => 'REVERSED'));
  });
});

describe('which share link an order credits', () => {
  const ORDER = OrderShareLinkDocument;
  const earned = async (p: Person) => (await t.ok(COMMISSIONS, {}, p.token)).commissions.nodes.map((c) => c.orderId);
  const share = async (who: Person, target: ShareTargetInput) => (await t.ok(SHARE, { target, channel: 'WECHAT' }, who.token)).share.shareLink!.code;
  const place = async (who: Person, product: string, context: OrderContextInput) => (await t.ok(PLACE, { input: orderInput(product, 1, context) }, who.token)).placeOrder.order!;

  test('a code the buyer never opened is not credited: the order goes through, crediting no one', async () => {
    const product = await listProduct(t, merchant);
    const [friend, buyer] = [await signUp(t, 'at_friend'), await signUp(t, 'at_buyer')];
    const code = await share(friend, { productId: product });
    const order = await place(buyer, product, { shareCode: code });
    expect(order).toMatchObject({ status: 'PLACED', shareLink: null, isFlagged: false });
    expect(await earned(friend)).toEqual([]);
  });

  test('a link opened before the attribution window is not credited, by code or by visit', async () => {
    const product = await listProduct(t, merchant);
    const [friend, buyer] = [await signUp(t, 'at_old_f'), await signUp(t, 'at_old_b')];
    const code = await share(friend, { productId: product });
    await t.ok(OPEN, { code }, buyer.token);
    // The visit was eight days ago; the window is seven.
    await t.db.driver.executeQuery(`MATCH (v:Visit)-[:OF_LINK]->(:ShareLink {code: $code}) SET v.at = v.at - 8 * 86400000`, { code });
    expect((await place(buyer, product, { shareCode: code })).shareLink).toBeNull();
    expect((await place(buyer, product, {})).shareLink).toBeNull();
    expect(await earned(friend)).toEqual([]);
    // Opened again today, the same link is credited.
    await t.ok(OPEN, { code }, buyer.token);
    const order = await place(buyer, product, { shareCode: code });
    expect(order.shareLink).toEqual({ code });
    expect(await earned(friend)).toEqual([order.id]);
  });

  test('a link to another product is not credited, even when the buyer opened it', async () => {
    const [product, other] = [await listProduct(t, merchant), await listProduct(t, merchant)];
    const [friend, buyer] = [await signUp(t, 'at_oth_f'), await signUp(t, 'at_oth_b')];
    const code = await share(friend, { productId: other });
    await t.ok(OPEN, { code }, buyer.token);
    expect((await place(buyer, product, { shareCode: code })).shareLink).toBeNull();
    expect(await earned(friend)).toEqual([]);
  });

  test('a link to a note featuring the product is credited; one to a note that does not feature it is not', async () => {
    const product = await listProduct(t, merchant);
    const [author, buyer] = [await signUp(t, 'at_note_a'), await signUp(t, 'at_note_b')];
    const featuring = (await t.ok(CreateNoteForIdDocument,
      { input: { title: 'My toner', body: 'Love it', format: 'IMAGE_TEXT', productIds: [product] } }, author.token)).createNote.note!.id;
    const unrelated = (await t.ok(CreateNoteForIdDocument,
      { input: { title: 'My cat', body: 'Meow', format: 'IMAGE_TEXT' } }, author.token)).createNote.note!.id;
    const [good, bad] = [await share(author, { noteId: featuring }), await share(author, { noteId: unrelated })];
    await t.ok(OPEN, { code: bad }, buyer.token);
    expect((await place(buyer, product, { shareCode: bad })).shareLink).toBeNull();
    await t.ok(OPEN, { code: good }, buyer.token);
    const order = await place(buyer, product, { shareCode: good });
    expect(order.shareLink).toEqual({ code: good });
    expect(await earned(author)).toEqual([order.id]);
  });

  test('a link to a group is credited for an order placed in that group, not for one placed elsewhere', async () => {
    const product = await listProduct(t, merchant);
    const [owner, buyer] = [await signUp(t, 'at_grp_o'), await signUp(t, 'at_grp_b')];
    const group = (await t.ok(CreateGroupDocument,
      { input: { name: `Toner fans ${process.pid}`, description: '', visibility: 'OPEN', rules: '', isPremoderated: false, topics: [] } }, owner.token)).createGroup.group!.id;
    const code = await share(owner, { groupId: group });
    await t.ok(OPEN, { code }, buyer.token);
    expect((await place(buyer, product, { shareCode: code })).shareLink).toBeNull();
    expect((await place(buyer, product, {})).shareLink).toBeNull();
    const inGroup = await place(buyer, product, { groupId: group });
    expect(inGroup.shareLink).toEqual({ code });
    expect(await earned(owner)).toEqual([inGroup.id]);
    const attribution = (await t.ok(LinearTouchpointsDocument, { id: inGroup.id }, buyer.token)).orderAttribution!;
    expect(attribution.touchpoints.nodes).toEqual([{ kind: 'SHARE_LINK', ref: code }, { kind: 'GROUP', ref: group }]);
  });

  test('a link opened anonymously counts under the visitor id given at checkout, or the one the buyer signed up with', async () => {
    const product = await listProduct(t, merchant);
    const [friend, buyer] = [await signUp(t, 'at_vis_f'), await signUp(t, 'at_vis_b')];
    const code = await share(friend, { productId: product });
    const visitor = `trust-visitor-${process.pid}-${Date.now()}`;
    await t.ok(OPEN, { code, visitor });
    expect((await place(buyer, product, { shareCode: code })).shareLink).toBeNull();
    const order = await place(buyer, product, { shareCode: code, visitorId: visitor });
    expect((await t.ok(ORDER, { id: order.id }, buyer.token)).order!.shareLink).toEqual({ code });
    expect((await t.gql(PLACE, { input: orderInput(product, 1, { visitorId: 'no spaces allowed' }) }, buyer.token)).data!.placeOrder)
      .toMatchObject({ order: null, userErrors: [{ code: 'INVALID', field: ['context', 'visitorId'] }] });

    // Someone who opened the link before having an account, and signed up with that visitor id.
    const laterVisitor = `${visitor}-signup`;
    await t.ok(OPEN, { code, visitor: laterVisitor });
    const handle = uniqueHandle('at_vis_new');
    const newcomer = (await t.ok(SIGN_UP, { input: { email: `${handle}@example.com`, handle, displayName: 'n', password: 'planting grass', visitorId: laterVisitor } })).signUp;
    expect((await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, newcomer.token)).placeOrder.order!.shareLink).toEqual({ code });
  });
});

describe('placing an order in a group the buyer may not see', () => {
  const groupOf = async (owner: Person, visibility: GroupVisibility) =>
    (await t.ok(CreateGroupDocument, { input: { name: `${visibility} club ${process.pid}`, description: '', visibility, rules: '', isPremoderated: false, topics: [] } }, owner.token)).createGroup.group!.id;
  const place = async (who: Person, product: string, groupId: string) => (await t.ok(PLACE, { input: orderInput(product, 1, { groupId }) }, who.token)).placeOrder.order!;

  test('a secret or closed group answers exactly like an unknown id, and writes nothing; members buy there', async () => {
    const product = await listProduct(t, merchant, { stock: 10 });
    const [owner, outsider] = [await signUp(t, 'sg_owner'), await signUp(t, 'sg_out')];
    const [secret, closed] = [await groupOf(owner, 'SECRET'), await groupOf(owner, 'CLOSED')];
    const attempt = async (groupId: string) => {
      const r = await t.gql(PLACE, { input: orderInput(product, 1, { groupId }) }, outsider.token);
      return { data: r.data, errors: r.errors?.map((e) => ({ message: e.message, extensions: e.extensions })) };
    };
    const unknown = await attempt('00000000-0000-4000-8000-000000000000');
    expect(unknown.data?.placeOrder.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['context', 'groupId'], message: 'Group not found' }]);
    expect(await attempt(secret)).toEqual(unknown);
    expect(await attempt(closed)).toEqual(unknown);
    expect((await t.ok(MyOrderCountDocument, {}, outsider.token)).myOrders.totalCount).toBe(0);
    expect((await t.ok(ProductStockDocument, { id: product })).product?.stock).toBe(10);
    expect((await place(owner, product, secret)).status).toBe('PLACED');
  });
});

describe('analytics periods are whole UTC days', () => {
  const DAY = 86_400_000;
  const today = Math.floor(Date.now() / DAY) * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();

  test('every period-taking query refuses an hour, a mid-day start, an empty or over-long period, and answers whole days', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 4200 });
    const [kol, buyer, owner] = [await signUp(t, 'pd_kol'), await signUp(t, 'pd_buyer'), await signUp(t, 'pd_owner')];
    const group = (await t.ok(CreateGroupDocument,
      { input: { name: `Period club ${process.pid}`, description: '', visibility: 'OPEN', rules: '', isPremoderated: false, topics: [] } }, owner.token)).createGroup.group!.id;
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, kol.token)).share.shareLink!.code;
    await t.ok(OPEN, { code }, buyer.token);
    await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, buyer.token);

    // completedDaysOnly: figures about other people's orders, asked by someone not staff, end by
    // today's midnight (analytics-privacy.test.ts); the rest may include today.
    // One loop runs queries of different shapes, so it sends each as text with untyped variables.
    const queries: { name: string; query: DocumentNode; vars: Record<string, unknown>; who: Person; completedDaysOnly: boolean }[] = [
      { name: 'kolReport', query: KolReportOverDocument, vars: { u: kol.id }, who: buyer, completedDaysOnly: true },
      { name: 'leaderboard', query: LeaderboardOverDocument, vars: {}, who: buyer, completedDaysOnly: true },
      { name: 'groupStats', query: GroupStatsOverDocument, vars: { g: group }, who: owner, completedDaysOnly: true },
      { name: 'topReferrers', query: TopReferrersOverDocument, vars: {}, who: admin, completedDaysOnly: false },
      { name: 'conversionByChannel', query: ConversionByChannelOverDocument, vars: {}, who: admin, completedDaysOnly: false },
      { name: 'commissionSummary', query: CommissionSummaryOverDocument, vars: {}, who: kol, completedDaysOnly: false },
      { name: 'commissions', query: CommissionsOverDocument, vars: {}, who: kol, completedDaysOnly: false },
    ];
    const refused: [string, Record<string, string>, string][] = [
      ['one hour', { from: iso(today - DAY), to: iso(today - DAY + 3600_000) }, 'period.to'],
      ['a mid-day start', { from: iso(today - 1.5 * DAY), to: iso(today) }, 'period.from'],
      ['a millisecond off midnight', { from: iso(today - 2 * DAY + 1), to: iso(today) }, 'period.from'],
      ['no days', { from: iso(today), to: iso(today) }, 'period'],
      ['an end before the start', { from: iso(today), to: iso(today - DAY) }, 'period'],
      ['367 days', { from: iso(today - 367 * DAY), to: iso(today) }, 'period'],
    ];
    const withToday = [{ from: iso(today), to: iso(today + DAY) }, { from: iso(today - 365 * DAY), to: iso(today + DAY) }];
    for (const q of queries) {
      for (const [label, period, field] of refused) {
        const errors = (await t.gql(operationText(q.query), { ...q.vars, p: period }, q.who.token)).errors;
        expect({ query: q.name, label, error: errors?.[0]?.extensions }).toEqual({ query: q.name, label, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
      }
      // Yesterday as one whole day, the default, the last 366 completed days, and an open end all answer.
      for (const period of [{ from: iso(today - DAY), to: iso(today) }, null, { from: iso(today - 366 * DAY), to: iso(today) }, { from: iso(today - 6 * DAY) }]) {
        expect({ query: q.name, period, errors: (await t.gql(operationText(q.query), { ...q.vars, p: period }, q.who.token)).errors }).toEqual({ query: q.name, period, errors: undefined });
      }
      for (const period of withToday) {
        const error = (await t.gql(operationText(q.query), { ...q.vars, p: period }, q.who.token)).errors?.[0]?.extensions;
        expect({ query: q.name, period, error }).toEqual({ query: q.name, period, error: q.completedDaysOnly ? expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'period.to' }) : undefined });
      }
    }
    // Staff may read today as one whole day.
    const report = (await t.ok(KolReportOverDocument, { u: kol.id, p: withToday[0] }, admin.token)).kolReport;
    expect(report).toEqual({ conversions: 1, gmv: [{ amountMinor: 4200, currency: 'CNY' }] });
  });
});

describe('purchases are private except to mutual follows who allow it', () => {
  const FRIENDS = FriendsWhoBoughtDocument;
  const PRIVACY = ShowPurchasesToFriendsDocument;
  const friendsWhoBought = async (viewer: Person, product: string) => (await t.ok(FRIENDS, { id: product }, viewer.token)).friendsWhoBought!;
  const follow = (who: Person, whom: Person) => followPerson(t, who, whom);

  test('friendsWhoBought shows only mutual follows who have not turned it off, and never across a block', async () => {
    const product = await listProduct(t, merchant);
    const [me, crush, fan, friend] = [await signUp(t, 'pp_me'), await signUp(t, 'pp_crush'), await signUp(t, 'pp_fan'), await signUp(t, 'pp_friend')];
    await follow(me, crush); // I follow them; they do not follow me
    await follow(fan, me); // they follow me; I do not follow them
    await follow(me, friend);
    await follow(friend, me);
    for (const buyer of [crush, fan, friend]) await t.ok(PLACE, { input: orderInput(product, 1) }, buyer.token);

    expect(await friendsWhoBought(me, product)).toEqual({ totalCount: 1, users: [{ id: friend.id }] });
    // The setting is on by default, only its owner reads it, and turning it off hides the purchase.
    expect((await t.ok(MyPurchasePrivacyDocument, {}, friend.token)).me?.showsPurchasesToFriends).toBe(true);
    expect((await t.ok(UserPurchasePrivacyDocument, { id: friend.id }, me.token)).user?.showsPurchasesToFriends).toBeNull();
    expect((await t.ok(PRIVACY, { show: false }, friend.token)).updateProfile.user?.showsPurchasesToFriends).toBe(false);
    expect(await friendsWhoBought(me, product)).toEqual({ totalCount: 0, users: [] });
    // Other profile edits leave it alone.
    await t.ok(UpdateBioDocument, { bio: 'still private' }, friend.token);
    expect((await t.ok(MyPurchasePrivacyDocument, {}, friend.token)).me?.showsPurchasesToFriends).toBe(false);
    await t.ok(PRIVACY, { show: true }, friend.token);
    expect((await friendsWhoBought(me, product)).totalCount).toBe(1);
    await t.ok(VisibilityBlockDocument, { id: me.id }, friend.token);
    expect(await friendsWhoBought(me, product)).toEqual({ totalCount: 0, users: [] });
    // A variable of the wrong type on purpose, which the typed document would not let through.
    expect((await t.gql(operationText(PRIVACY), { show: 'yes' }, friend.token)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  test('the discover feed says "bought by people you follow" only for mutual follows who allow it', async () => {
    const product = await listProduct(t, merchant);
    const [me, buyer, author] = [await signUp(t, 'pf_me'), await signUp(t, 'pf_buyer'), await signUp(t, 'pf_author')];
    const note = (await t.ok(CreateNoteForIdDocument,
      { input: { title: 'Sunscreen I re-buy', body: 'SPF 50', format: 'IMAGE_TEXT', productIds: [product] } }, author.token)).createNote.note!.id;
    await follow(me, buyer);
    await t.ok(PLACE, { input: orderInput(product, 1) }, buyer.token);
    const boughtBy = async () => {
      const candidates = await new FeedRepository(t.db.scope()).discoverCandidates(me.id, [], Date.now() - 86_400_000, Date.now() + 1000, 1000);
      return candidates.find((c) => c.id === note)?.boughtByFollowees ?? 0;
    };
    expect(await boughtBy()).toBe(0);
    await follow(buyer, me);
    expect(await boughtBy()).toBe(1);
    await t.ok(PRIVACY, { show: false }, buyer.token);
    expect(await boughtBy()).toBe(0);
  });

  test("a sharer hears that their link sold, not who bought", async () => {
    const product = await listProduct(t, merchant);
    const [sharer, buyer] = [await signUp(t, 'pa_sharer'), await signUp(t, 'pa_buyer')];
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
    const live = collect(t.ws(sharer.token), ReferralSalesDocument, 2, undefined, { userId: sharer.id });
    await live.started;
    await new Promise((r) => setTimeout(r, 200));
    await t.ok(OPEN, { code }, buyer.token);
    const order = (await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, buyer.token)).placeOrder.order!;
    const events = (await live.events).map((e) => e.referralActivity);
    // The sharer may not read the order: order is null for them, the id alone tells orders apart.
    expect(events).toEqual([{ kind: 'VISIT', user: { id: buyer.id }, orderId: null, order: null }, { kind: 'ORDER', user: null, orderId: order.id, order: null }]);
  });
});
