import { startTestApp, TestApp, collect } from '../helpers/app';
import { signUp, postNote, Person, SIGN_UP, people } from '../helpers/people';
import {
  ApproveFraudFlagDocument,
  CancelOrderDocument,
  CommissionLevelsDocument,
  CommissionRatesDocument,
  CommissionsDocument,
  CommissionSummaryDocument,
  ConversionByChannelDocument,
  FollowDocument,
  FriendsWhoBoughtDocument,
  InviteChainDocument,
  ListProductDocument,
  MyCommissionStatusesDocument,
  NoteCascadeDocument,
  OpenFraudFlagsDocument,
  OrderAttributionDocument,
  OrderStatusChangedDocument,
  PrivateOrderDocument,
  ProductCascadeDocument,
  ProductStockDocument,
  RecordViewDocument,
  ReferralActivityDocument,
  ReferralChainDocument,
  CampaignRateSetPageDocument,
  ReferralTreeOfNoteDocument,
  ReferralTreeOfProductDocument,
  ReferralTreeOfShareLinkDocument,
  ReferralTreeOfUserDocument,
  RefundOrderDocument,
  SetCampaignRatesDocument,
  SetCommissionRatesDocument,
  SetUserRoleDocument,
  ShareCampaignLinkDocument,
  TopReferrersDocument,
  KolReportOverDocument,
  UpdateProductDocument,
  VisibilityCreateGroupDocument,
  VisibilityInviteDocument,
  VisibilityJoinGroupDocument,
  VisibilityRemoveMemberDocument,
  type AttributionModel,
} from '../generated/graphql';
import { signUpAdmin, signUpMerchant, listProduct, setRole, SHARE, OPEN, PLACE, orderInput } from '../helpers/commerce';
import { uniqueHandle } from '../helpers/app';

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

const ADMIN_EMAIL = `boss-${process.pid}@admins.example.com`;
let t: TestApp;
let admin: Person;
let merchant: Person;
beforeAll(async () => {
  t = await startTestApp({ FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE: '2' });
  admin = await signUpAdmin(t, ADMIN_EMAIL);
  merchant = await signUpMerchant(t, admin, 'dewy_shop');
});
afterAll(() => t.close());


describe('a five-hop share chain, end to end', () => {
  test('share → open → re-share ×4 → sign up → buy: chain, tree, attribution, commissions', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 10000, stock: 10 });
    const { a, b, c, d, e } = await people(t, ['a', 'b', 'c', 'd', 'e']);
    const note = await postNote(t, a, { productIds: [product], title: 'This toner changed my skin' });

    // A seeds the note on WeChat; each next person opens the previous link and shares it on.
    const links: { code: string; depth: number; parent: { code: string } | null }[] = [];
    links.push((await t.ok(SHARE, { target: { noteId: note.id }, channel: 'WECHAT' }, a.token)).share.shareLink!);
    for (const [i, person] of [b, c, d, e].entries()) {
      await t.ok(OPEN, { code: links[i]!.code }, person.token);
      links.push((await t.ok(SHARE, { target: { noteId: note.id }, channel: i % 2 ? 'WEIBO' : 'WECHAT' }, person.token)).share.shareLink!);
    }
    expect(links.map((l) => l.depth)).toEqual([0, 1, 2, 3, 4]);
    expect(links.map((l) => l.parent?.code ?? null)).toEqual([null, ...links.slice(0, 4).map((l) => l.code)]);
    expect(links[0]!).toMatchObject({ code: expect.stringMatching(/^[A-Za-z0-9]{10}$/) });

    // F opens E's link before having an account, then signs up with the same visitor id.
    const visitor = `visitor-${Date.now()}`;
    await t.ok(OPEN, { code: links[4]!.code, visitor });
    const handle = uniqueHandle('ch_f');
    const fData = await t.ok(SIGN_UP, { input: { email: `${handle}@example.com`, handle, displayName: 'F', password: 'planting grass', visitorId: visitor } });
    const f = { id: fData.signUp.user!.id, token: fData.signUp.token! };
    const invite = await t.ok(InviteChainDocument, { id: f.id }, f.token);
    expect(invite.inviteChain).toEqual([{ user: { id: e.id }, shareCode: null }, { user: { id: f.id }, shareCode: links[4]!.code }]);

    // Signed in, F opens the link again, reads the note, and buys two from it.
    await t.ok(OPEN, { code: links[4]!.code }, f.token);
    await new Promise((r) => setTimeout(r, 5));
    await t.ok(RecordViewDocument, { id: note.id }, f.token);
    await new Promise((r) => setTimeout(r, 5));
    const order = (await t.ok(PLACE, { input: orderInput(product, 2, { noteId: note.id }) }, f.token)).placeOrder.order!;
    expect(order).toMatchObject({ status: 'PLACED', total: { amountMinor: 20000, currency: 'CNY' }, isFlagged: false, shareLink: { code: links[4]!.code } });
    expect(order.items).toEqual([{ qty: 2, unitPrice: { amountMinor: 10000, currency: 'CNY' }, lineTotal: { amountMinor: 20000, currency: 'CNY' }, product: { id: product, stock: 8 } }]);

    // The exact chain, from the first sharer to the buyer.
    const chain = (await t.ok(ReferralChainDocument, { id: order.id }, admin.token)).referralChain!;
    expect(chain.length).toBe(5);
    expect(chain.hops.totalCount).toBe(6);
    expect(chain.hops.nodes.map((h) => h.user.id)).toEqual([a.id, b.id, c.id, d.id, e.id, f.id]);
    expect(chain.hops.nodes.map((h) => h.shareLink?.code ?? null)).toEqual([...links.map((l) => l.code), null]);
    expect(chain.hops.nodes.map((h) => h.channel)).toEqual(['WECHAT', 'WECHAT', 'WEIBO', 'WECHAT', 'WEIBO', null]);
    // A page at a time, in hop order: the next page starts after the last hop read and ends with the buyer.
    const firstHops = (await t.ok(ReferralChainDocument, { id: order.id, first: 4 }, admin.token)).referralChain!.hops;
    expect(firstHops.nodes.map((h) => h.user.id)).toEqual([a.id, b.id, c.id, d.id]);
    expect(firstHops.pageInfo.hasNextPage).toBe(true);
    const lastHops = (await t.ok(ReferralChainDocument, { id: order.id, first: 4, after: firstHops.pageInfo.endCursor }, admin.token)).referralChain!.hops;
    expect(lastHops.nodes.map((h) => [h.user.id, h.shareLink?.code ?? null])).toEqual([[e.id, links[4]!.code], [f.id, null]]);
    expect(lastHops.pageInfo).toMatchObject({ hasNextPage: false });

    // The tree under A: one link per depth; E's link had two visits, one sign-up, one buyer.
    const tree = (await t.ok(ReferralTreeOfUserDocument, { id: a.id }, a.token)).referralTreeOfUser!;
    expect(tree.nodes.totalCount).toBe(5);
    expect(tree.nodes.nodes.map((n) => n.depth)).toEqual([0, 1, 2, 3, 4]);
    expect(tree.nodes.nodes[4]).toMatchObject({ visits: 2, signUps: 1, buyers: 1, orders: 1, gmv: [cny(20000)], parentShareCode: links[3]!.code });
    expect(tree.nodes.nodes.slice(0, 4).map((n) => n.visits)).toEqual([1, 1, 1, 1]);
    expect(tree.depths).toHaveLength(5);
    expect(tree.totals).toEqual({ links: 5, visits: 6, signUps: 1, buyers: 1, orders: 1, gmv: [cny(20000)] });

    // The same tree drawn from the note (every share of it), from the product it features and
    // from one link: the author, the merchant and the link's sharer may look; the people who only
    // re-shared it may not. An unknown root is null, not an error.
    const byNote = (await t.ok(ReferralTreeOfNoteDocument, { id: note.id }, a.token)).referralTreeOfNote!;
    expect(byNote.nodes.nodes.map((n) => n.shareLink.code)).toEqual(links.map((l) => l.code));
    expect(byNote.totals).toEqual({ links: 5, gmv: [cny(20000)] });
    expect((await t.ok(ReferralTreeOfProductDocument, { id: product }, merchant.token)).referralTreeOfProduct!.totals).toEqual({ links: 0, gmv: [] });
    expect((await t.gql(ReferralTreeOfNoteDocument, { id: note.id }, b.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(ReferralTreeOfProductDocument, { id: product }, a.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const byLink = (await t.ok(ReferralTreeOfShareLinkDocument, { code: links[3]!.code }, d.token)).referralTreeOfShareLink!;
    expect(byLink.nodes.nodes).toEqual([{ shareLink: { code: links[3]!.code }, parentShareCode: links[2]!.code }, { shareLink: { code: links[4]!.code }, parentShareCode: links[3]!.code }]);
    expect(byLink.totals).toEqual({ links: 2 });
    expect((await t.gql(ReferralTreeOfShareLinkDocument, { code: links[3]!.code }, e.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await t.ok(ReferralTreeOfNoteDocument, { id: nobody }, a.token)).referralTreeOfNote).toBeNull();
    expect((await t.ok(ReferralTreeOfProductDocument, { id: nobody }, merchant.token)).referralTreeOfProduct).toBeNull();
    expect((await t.ok(ReferralTreeOfShareLinkDocument, { code: 'NoSuchCode1' }, a.token)).referralTreeOfShareLink).toBeNull();

    // Attribution over the four touchpoints: E's link opened anonymously (under the visitor id F
    // signed up with) and again signed in, the note view, the note at checkout.
    const ATTR = OrderAttributionDocument;
    const credits = async (m: AttributionModel) => (await t.ok(ATTR, { id: order.id, m }, f.token)).orderAttribution!.touchpoints.nodes;
    const touches = await credits('LAST_TOUCH');
    expect(touches.map((x) => x.kind)).toEqual(['SHARE_LINK', 'SHARE_LINK', 'NOTE', 'NOTE']);
    expect(touches.map((x) => Date.parse(x.touchedAt))).toEqual(touches.map((x) => Date.parse(x.touchedAt)).sort((p, q) => p - q));
    expect(touches.slice(0, 2).map((x) => x.ref)).toEqual([links[4]!.code, links[4]!.code]);
    expect(touches.map((x) => x.credit)).toEqual([cny(0), cny(0), cny(0), cny(20000)]);
    expect((await credits('FIRST_TOUCH')).map((x) => x.credit.amountMinor)).toEqual([20000, 0, 0, 0]);
    expect((await credits('LINEAR')).map((x) => x.credit.amountMinor)).toEqual([5000, 5000, 5000, 5000]);
    expect((await credits('POSITION_BASED')).map((x) => x.credit.amountMinor)).toEqual([8000, 2000, 2000, 8000]);
    // A page of touchpoints keeps the credit split over all four: the last page holds the last 40%.
    const firstTouches = (await t.ok(ATTR, { id: order.id, m: 'POSITION_BASED', first: 3 }, f.token)).orderAttribution!.touchpoints;
    expect(firstTouches).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const lastTouch = (await t.ok(ATTR, { id: order.id, m: 'POSITION_BASED', first: 3, after: firstTouches.pageInfo.endCursor }, f.token)).orderAttribution!.touchpoints;
    expect(lastTouch.nodes.map((x) => [x.kind, x.weight, x.credit.amountMinor])).toEqual([['NOTE', 0.4, 8000]]);
    expect(lastTouch.pageInfo.hasNextPage).toBe(false);

    // Default rates pay 10% to the direct sharer only.
    const COMMISSIONS = CommissionsDocument;
    expect((await t.ok(COMMISSIONS, {}, e.token)).commissions).toEqual({
      totalCount: 1,
      nodes: [{ level: 1, amount: { amountMinor: 2000, currency: 'CNY' }, status: 'PENDING', shareCode: links[4]!.code, shareLink: { code: links[4]!.code }, orderId: order.id, order: null }],
    });
    // The sharer may not read the order (Commission.order is null for them); an admin may.
    expect((await t.ok(COMMISSIONS, { id: e.id }, admin.token)).commissions.nodes.map((c) => c.order)).toEqual([{ id: order.id }]);
    expect((await t.ok(COMMISSIONS, {}, d.token)).commissions.totalCount).toBe(0);

    // The cascade of the note: five hops from one seed sharer, who reached five people.
    const cascade = (await t.ok(NoteCascadeDocument, { id: note.id }, a.token)).cascadeOfNote!;
    expect(cascade).toMatchObject({ depth: 4, seedSharers: 1, reachedUsers: 5, fissionCoefficient: 5 });
    expect(cascade.hops.totalCount).toBe(5);
    expect(cascade.hops.nodes[4]).toMatchObject({ depth: 4, links: 1, sharers: 1, visits: 2, signUps: 1, orders: 1, conversionRate: 0.5 });
    // Its hops a page at a time, by depth; the figures above still cover every hop.
    const shallow = (await t.ok(NoteCascadeDocument, { id: note.id, first: 2 }, a.token)).cascadeOfNote!;
    expect(shallow).toMatchObject({ depth: 4, reachedUsers: 5, hops: { totalCount: 5, pageInfo: { hasNextPage: true } } });
    expect(shallow.hops.nodes.map((h) => h.depth)).toEqual([0, 1]);
    const deeper = (await t.ok(NoteCascadeDocument, { id: note.id, first: 2, after: shallow.hops.pageInfo.endCursor }, a.token)).cascadeOfNote!.hops;
    expect(deeper.nodes.map((h) => h.depth)).toEqual([2, 3]);
    // The product's own cascade counts links to the product, and nobody shared it directly; it is the merchant's to read.
    expect((await t.ok(ProductCascadeDocument, { id: product }, merchant.token)).cascadeOfProduct).toEqual({ depth: 0, seedSharers: 0, reachedUsers: 0, fissionCoefficient: 0 });
    expect((await t.gql(ProductCascadeDocument, { id: product }, a.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(NoteCascadeDocument, { id: '00000000-0000-4000-8000-000000000000' }, a.token)).cascadeOfNote).toBeNull();

    // A refund reverses the commission.
    await t.ok(RefundOrderDocument, { id: order.id }, merchant.token);
    expect((await t.ok(COMMISSIONS, {}, e.token)).commissions.nodes[0]?.status).toBe('REVERSED');
    const summary = await t.ok(CommissionSummaryDocument, {}, e.token);
    expect(summary.commissionSummary.nodes).toEqual([{ status: 'REVERSED', count: 1, amount: { amountMinor: 2000, currency: 'CNY' } }]);
  });

  test('admins set deeper rates (up to three levels) as a new version; deeper schemes are refused', async () => {
    const SET = SetCommissionRatesDocument;
    const m2 = await signUpMerchant(t, admin, 'three_level_shop');
    const rates = await t.ok(SET, { input: { scope: 'MERCHANT', merchantId: m2.id, levelRatesBps: [1000, 500, 200], rewardDepth: 3 } }, admin.token);
    expect(rates.setCommissionRates.rateSet).toEqual({ version: 1, levelRatesBps: [1000, 500, 200], rewardDepth: 3, merchant: { id: m2.id }, isCurrent: true });
    expect((await t.gql(SET, { input: { scope: 'GLOBAL', levelRatesBps: [100, 100, 100, 100], rewardDepth: 4 } }, admin.token)).data!.setCommissionRates).toMatchObject({ rateSet: null, userErrors: [{ code: 'INVALID', field: ['rewardDepth'] }] });
    expect((await t.gql(SET, { input: { scope: 'GLOBAL', levelRatesBps: [100], rewardDepth: 1 } }, m2.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const product = await listProduct(t, m2, { priceMinor: 5000 });
    const { p1, p2, p3, p4, buyer } = await people(t, ['p1', 'p2', 'p3', 'p4', 'buyer']);
    let code = (await t.ok(SHARE, { target: { productId: product }, channel: 'DOUYIN' }, p1.token)).share.shareLink!.code;
    for (const p of [p2, p3, p4]) {
      await t.ok(OPEN, { code }, p.token);
      code = (await t.ok(SHARE, { target: { productId: product }, channel: 'DOUYIN' }, p.token)).share.shareLink!.code;
    }
    await t.ok(OPEN, { code }, buyer.token);
    await t.ok(PLACE, { input: orderInput(product, 1) }, buyer.token);
    const earned = async (p: Person) => (await t.ok(CommissionLevelsDocument, {}, p.token)).commissions.nodes;
    expect(await earned(p4)).toEqual([{ level: 1, amount: { amountMinor: 500 } }]);
    expect(await earned(p3)).toEqual([{ level: 2, amount: { amountMinor: 250 } }]);
    expect(await earned(p2)).toEqual([{ level: 3, amount: { amountMinor: 100 } }]);
    expect(await earned(p1)).toEqual([]);
    const audit = await t.db.driver.executeQuery(`MATCH (a:AuditEntry {action: 'SET_COMMISSION_RATES', actorId: $id}) RETURN count(a) AS n`, { id: admin.id });
    expect(audit.records[0]!.get('n')).toBeGreaterThanOrEqual(1);
  });
});

describe('campaign rates', () => {
  test('links tagged with a campaign earn its rates; the link shows its target', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 10000 });
    const SET = SetCampaignRatesDocument;
    const tag = `double11-${process.pid}`;
    expect((await t.ok(SET, { input: { scope: 'CAMPAIGN', campaign: tag, levelRatesBps: [2000], rewardDepth: 1 } }, admin.token)).setCommissionRates.rateSet).toEqual({ campaign: tag, version: 1 });
    const [kol, fan] = [await signUp(t, 'cp_kol'), await signUp(t, 'cp_fan')];
    const link = (await t.ok(
      ShareCampaignLinkDocument,
      { id: product, c: tag },
      kol.token,
    )).share.shareLink!;
    expect(link).toMatchObject({ campaign: tag, target: { __typename: 'Product', id: product } });
    await t.ok(OPEN, { code: link.code }, fan.token);
    await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: link.code }) }, fan.token);
    expect((await t.ok(CommissionRatesDocument, {}, kol.token)).commissions.nodes).toEqual([{ amount: { amountMinor: 2000 }, rateBps: 2000 }]);
    expect((await t.gql(SET, { input: { scope: 'CAMPAIGN', campaign: 'Bad Tag!', levelRatesBps: [1], rewardDepth: 1 } }, admin.token)).data!.setCommissionRates).toMatchObject({ rateSet: null, userErrors: [{ code: 'INVALID', field: ['campaign'] }] });
  });
});

describe('lists with no cut', () => {
  test('a chain of 13 sharers (deeper than the 11 links it used to stop at) pages whole, from the first sharer to the buyer', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 1000 });
    const sharers = await Promise.all(Array.from({ length: 13 }, (_, i) => signUp(t, `deep${i}`)));
    const buyer = await signUp(t, 'deep_buyer');
    let code = (await t.ok(SHARE, { target: { productId: product }, channel: 'LINK' }, sharers[0]!.token)).share.shareLink!.code;
    for (const sharer of sharers.slice(1)) {
      await t.ok(OPEN, { code }, sharer.token);
      code = (await t.ok(SHARE, { target: { productId: product }, channel: 'LINK' }, sharer.token)).share.shareLink!.code;
    }
    await t.ok(OPEN, { code }, buyer.token);
    const order = (await t.ok(PLACE, { input: orderInput(product, 1) }, buyer.token)).placeOrder.order!;

    const pageAfter = async (after: string | null) => (await t.ok(ReferralChainDocument, { id: order.id, first: 5, after }, admin.token)).referralChain!;
    const hops: string[] = [];
    for (let after: string | null = null, pages = 0; pages < 5; pages++) {
      const chain = await pageAfter(after);
      expect({ length: chain.length, totalCount: chain.hops.totalCount }).toEqual({ length: 13, totalCount: 14 });
      hops.push(...chain.hops.nodes.map((h) => h.user.id));
      if (!chain.hops.pageInfo.hasNextPage) break;
      after = chain.hops.pageInfo.endCursor ?? null;
    }
    expect(hops).toEqual([...sharers.map((p) => p.id), buyer.id]);
  });

  test('every version of the rate sets pages, newest first, none cut (the list used to stop at 200)', async () => {
    const campaign = `versions-${process.pid}`;
    // 205 versions of one campaign's rates, as 205 setCommissionRates calls would leave them.
    await t.db.driver.executeQuery(
      `UNWIND range(1, 205) AS v
       CREATE (:CommissionRateSet {id: $campaign + '-v' + v, scope: 'CAMPAIGN', scopeId: $campaign, version: v, levelRatesBps: [100],
         rewardDepth: 1, createdAt: timestamp(), createdBy: $adminId, current: v = 205})`,
      { campaign, adminId: admin.id },
    );
    const pageAfter = async (after: string | null) => (await t.ok(CampaignRateSetPageDocument, { campaign, first: 100, after }, admin.token)).commissionRateSets;
    const versions: number[] = [];
    for (let after: string | null = null, pages = 0; pages < 4; pages++) {
      const page = await pageAfter(after);
      expect(page.totalCount).toBe(205);
      versions.push(...page.nodes.map((r) => r.version));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(versions).toEqual(Array.from({ length: 205 }, (_, i) => 205 - i));
    const first = await pageAfter(null);
    expect(first.nodes[0]).toEqual({ version: 205, campaign, isCurrent: true });
    expect(first.nodes[1]).toMatchObject({ version: 204, isCurrent: false });
    expect((await t.gql(CampaignRateSetPageDocument, { campaign, first: 101 }, admin.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('share links named by other objects', () => {
  test("a commission's link is shown by the shareLink lookup's rule: null once its sharer may no longer see the SECRET group it leads into", async () => {
    const product = await listProduct(t, merchant, { priceMinor: 5000 });
    const { owner, sharer, buyer } = await people(t, ['owner', 'sharer', 'buyer']);
    const group = (await t.ok(VisibilityCreateGroupDocument, { input: { name: `Secret shelf ${Date.now() % 100000}`, rules: 'Be kind.', visibility: 'SECRET' } }, owner.token)).createGroup.group!.id;
    for (const p of [sharer, buyer]) {
      await t.ok(VisibilityInviteDocument, { g: group, u: p.id }, owner.token);
      await t.ok(VisibilityJoinGroupDocument, { id: group }, p.token);
    }
    const note = await postNote(t, sharer, { groupId: group, productIds: [product], title: 'Only for the shelf' });
    const code = (await t.ok(SHARE, { target: { noteId: note.id }, channel: 'IN_APP' }, sharer.token)).share.shareLink!.code;
    await t.ok(OPEN, { code }, buyer.token);
    await t.ok(PLACE, { input: orderInput(product, 1, { noteId: note.id, shareCode: code }) }, buyer.token);
    const mine = async () => (await t.ok(CommissionsDocument, {}, sharer.token)).commissions.nodes;
    expect((await mine()).map((c) => [c.shareCode, c.shareLink])).toEqual([[code, { code }]]);

    await t.ok(VisibilityRemoveMemberDocument, { g: group, u: sharer.id }, owner.token);
    expect((await mine()).map((c) => [c.shareCode, c.shareLink])).toEqual([[code, null]]);
    // Admins still read the link, as the shareLink lookup shows it to staff.
    expect((await t.ok(CommissionsDocument, { id: sharer.id }, admin.token)).commissions.nodes.map((c) => c.shareLink)).toEqual([{ code }]);
  });
});

describe('orders', () => {
  test('two buyers racing for the last unit: exactly one succeeds', async () => {
    const product = await listProduct(t, merchant, { stock: 1 });
    const [x, y] = [await signUp(t, 'race_x'), await signUp(t, 'race_y')];
    const results = await Promise.all([x, y].map((p) => t.gql(PLACE, { input: orderInput(product, 1) }, p.token)));
    expect(results.filter((r) => r.data?.placeOrder.order).length).toBe(1);
    expect(results.find((r) => !r.data?.placeOrder.order)!.data!.placeOrder.userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_STOCK', field: ['items', '0', 'qty'] })]);
    expect((await t.ok(ProductStockDocument, { id: product })).product?.stock).toBe(0);
  });

  test('twelve buyers through one share link racing for four units: four orders, four commissions, no stock left over or oversold', async () => {
    const product = await listProduct(t, merchant, { stock: 4, priceMinor: 5000 });
    const sharer = await signUp(t, 'race_s');
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
    const buyers = await Promise.all(Array.from({ length: 12 }, (_, i) => signUp(t, `race_b${i}`)));
    for (const b of buyers) await t.ok(OPEN, { code }, b.token);
    const results = await Promise.all(buyers.map((b) => t.gql(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, b.token)));
    const placed = results.filter((r) => r.data?.placeOrder.order).map((r) => r.data!.placeOrder.order!.id);
    expect(placed).toHaveLength(4);
    for (const r of results.filter((x) => !x.data?.placeOrder.order)) expect(r.data!.placeOrder.userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_STOCK' })]);
    expect((await t.ok(ProductStockDocument, { id: product })).product?.stock).toBe(0);
    // Each order placed paid its sharer once (10% by the default rates), and no refused one did.
    const commissions = (await t.ok(CommissionsDocument, { id: sharer.id }, admin.token)).commissions;
    expect(commissions.totalCount).toBe(4);
    expect(commissions.nodes.map((c) => c.orderId).sort()).toEqual([...placed].sort());
    expect(commissions.nodes.map((c) => c.amount.amountMinor)).toEqual([500, 500, 500, 500]);
  });

  test('bad quantities change no stock; the same idempotency key returns the same order', async () => {
    const product = await listProduct(t, merchant, { stock: 5 });
    const buyer = await signUp(t, 'qty_b');
    for (const [qty, code] of [[0, 'INVALID'], [6, 'OUT_OF_STOCK'], [-1, 'INVALID']] as const) {
      const r = (await t.gql(PLACE, { input: orderInput(product, qty) }, buyer.token)).data!;
      expect(r.placeOrder).toMatchObject({ order: null, userErrors: [{ code, field: ['items', '0', 'qty'] }] });
    }
    const input = orderInput(product, 2, null, `retry-me-${Date.now()}`);
    const [o1, o2] = await Promise.all([t.ok(PLACE, { input }, buyer.token), t.ok(PLACE, { input }, buyer.token)]);
    expect(o1.placeOrder.order!.id).toBe(o2.placeOrder.order!.id);
    // The same key with another input is refused, and places nothing.
    const reused = (await t.gql(PLACE, { input: { ...input, items: [{ productId: product, qty: 1 }] } }, buyer.token)).data!;
    expect(reused.placeOrder).toMatchObject({ order: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['idempotencyKey'] }] });
    expect((await t.ok(ProductStockDocument, { id: product })).product?.stock).toBe(3);
  });

  test("orders are private; cancelling restocks; the buyer hears the status change", async () => {
    const product = await listProduct(t, merchant, { stock: 3, priceMinor: 1999 });
    const [buyer, stranger] = [await signUp(t, 'pv_b'), await signUp(t, 'pv_s')];
    const order = (await t.ok(PLACE, { input: orderInput(product, 3) }, buyer.token)).placeOrder.order!;
    expect(order.total).toEqual({ amountMinor: 5997, currency: 'CNY' });
    // The price snapshot survives a later price change.
    await t.ok(UpdateProductDocument, { input: { productId: product, priceMinor: 2999 } }, merchant.token);
    const ORDER = PrivateOrderDocument;
    expect((await t.ok(ORDER, { id: order.id }, buyer.token)).order).toEqual({ status: 'PLACED', total: { amountMinor: 5997 }, items: [{ unitPrice: { amountMinor: 1999 } }] });
    expect((await t.ok(ORDER, { id: order.id }, merchant.token)).order!.status).toBe('PLACED');
    expect((await t.ok(ORDER, { id: order.id }, stranger.token)).order).toBeNull();
    expect((await t.gql(RefundOrderDocument, { id: order.id }, buyer.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const live = collect(t.ws(buyer.token), OrderStatusChangedDocument, 1, undefined, { orderId: order.id });
    await live.started;
    await new Promise((r) => setTimeout(r, 200));
    await t.ok(CancelOrderDocument, { id: order.id }, buyer.token);
    expect((await live.events)[0]!.orderStatusChanged.status).toBe('CANCELLED');
    expect((await t.ok(ProductStockDocument, { id: product })).product?.stock).toBe(3);
    // Cancelling a cancelled order is done already: it answers the order; refunding it cannot be.
    expect((await t.ok(CancelOrderDocument, { id: order.id }, buyer.token)).cancelOrder).toEqual({ order: { status: 'CANCELLED' }, userErrors: [] });
    expect((await t.ok(ProductStockDocument, { id: product })).product?.stock).toBe(3);
    expect((await t.gql(RefundOrderDocument, { id: order.id }, merchant.token)).data!.refundOrder).toMatchObject({ order: null, userErrors: [{ code: 'INVALID_STATE', field: ['orderId'] }] });
  });

  test('only merchants list products, and only their own can they edit', async () => {
    const plain = await signUp(t, 'not_merchant');
    expect((await t.gql(ListProductDocument, { input: { title: 'x', priceMinor: 1, category: 'c', brand: 'b', stock: 1 } }, plain.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const other = await signUpMerchant(t, admin, 'other_shop');
    const product = await listProduct(t, merchant);
    expect((await t.gql(UpdateProductDocument, { input: { productId: product, stock: 0 } }, other.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(ListProductDocument, { input: { title: 'x', priceMinor: -5, category: 'c', brand: 'b', stock: 1 } }, other.token)).data!.createProduct).toMatchObject({ product: null, userErrors: [{ code: 'INVALID', field: ['priceMinor'] }] });
  });

  test('unknown share codes are NOT_FOUND; friendsWhoBought shows mutual follows who bought', async () => {
    expect((await t.gql(OPEN, { code: 'NoSuchCode1', visitor: 'visitor-zzzz' })).data?.openShareLink).toMatchObject({ shareLink: null, userErrors: [{ code: 'NOT_FOUND', field: ['shareCode'] }] });
    const product = await listProduct(t, merchant);
    const [me, friend] = [await signUp(t, 'fw_me'), await signUp(t, 'fw_fr')];
    await t.ok(FollowDocument, { id: friend.id }, me.token);
    await t.ok(FollowDocument, { id: me.id }, friend.token);
    await t.ok(PLACE, { input: orderInput(product, 1) }, friend.token);
    const data = await t.ok(FriendsWhoBoughtDocument, { id: product }, me.token);
    expect(data.friendsWhoBought).toEqual({ totalCount: 1, users: [{ id: friend.id }] });
  });
});

describe('fraud checks', () => {
  const FLAGS = OpenFraudFlagsDocument;
  const flagsFor = async (subjectId: string) => (await t.ok(FLAGS, {}, admin.token)).fraudFlags.nodes.filter((f) => f.subject?.id === subjectId);

  test('buying through your own link is a flagged self-referral', async () => {
    const product = await listProduct(t, merchant);
    const seller = await signUp(t, 'fr_self');
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'LINK' }, seller.token)).share.shareLink!.code;
    await t.ok(OPEN, { code }, seller.token);
    const order = (await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, seller.token)).placeOrder.order!;
    expect(order.isFlagged).toBe(true);
    const flags = await flagsFor(order.id);
    expect(flags.map((f) => f.kind)).toEqual(['SELF_REFERRAL']);
    // The subject is the order, shown by the order's own rule: admins read it, growth staff get null.
    expect(flags[0]!.subject).toEqual({ __typename: 'Order', id: order.id });
    expect(flags[0]).toMatchObject({ shareCode: code, shareLink: { code } });
    const growth = await signUp(t, 'fr_growth');
    await setRole(t, admin, growth, 'GROWTH');
    expect((await t.ok(FLAGS, {}, growth.token)).fraudFlags.nodes.find((f) => f.id === flags[0]!.id)).toMatchObject({ kind: 'SELF_REFERRAL', subject: null });
  });

  test('a loop through the invite chain holds the commission until an admin approves', async () => {
    const product = await listProduct(t, merchant);
    const inviter = await signUp(t, 'fr_inv');
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, inviter.token)).share.shareLink!.code;
    const visitor = `v-loop-${Date.now()}`;
    await t.ok(OPEN, { code, visitor });
    const handle = uniqueHandle('fr_invd');
    const invited = (await t.ok(SIGN_UP, { input: { email: `${handle}@example.com`, handle, displayName: 'i', password: 'planting grass', visitorId: visitor } })).signUp;
    const theirCode = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, invited.token)).share.shareLink!.code;
    await t.ok(OPEN, { code: theirCode }, inviter.token);
    const order = (await t.ok(PLACE, { input: orderInput(product, 1) }, inviter.token)).placeOrder.order!;
    expect(order.shareLink?.code).toBe(theirCode);
    const [flag] = await flagsFor(order.id);
    expect(flag).toMatchObject({ kind: 'SELF_REFERRAL', details: expect.stringMatching(/invite chain/) });
    const mine = MyCommissionStatusesDocument;
    expect((await t.ok(mine, {}, invited.token)).commissions.nodes).toEqual([{ status: 'HELD' }]);
    expect((await t.gql(ApproveFraudFlagDocument, { id: flag!.id }, invited.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(ApproveFraudFlagDocument, { id: flag!.id }, admin.token)).decideFraudFlag.fraudFlag?.status).toBe('APPROVED');
    expect((await t.ok(mine, {}, invited.token)).commissions.nodes).toEqual([{ status: 'PENDING' }]);
  });

  test('a referral cycle is flagged', async () => {
    const product = await listProduct(t, merchant);
    const [p, q, r] = [await signUp(t, 'cy_p'), await signUp(t, 'cy_q'), await signUp(t, 'cy_r')];
    const pCode = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, p.token)).share.shareLink!.code;
    await t.ok(OPEN, { code: pCode }, q.token);
    const qCode = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, q.token)).share.shareLink!.code;
    await t.ok(OPEN, { code: qCode }, p.token);
    // P's own first visit to this target came through Q's link, so P's new link continues Q's chain.
    const pAgain = (await t.ok(SHARE, { target: { productId: product }, channel: 'WEIBO' }, p.token)).share.shareLink!;
    expect(pAgain.parent?.code).toBe(qCode);
    await t.ok(OPEN, { code: pAgain.code }, r.token);
    const order = (await t.ok(PLACE, { input: orderInput(product, 1) }, r.token)).placeOrder.order!;
    expect((await flagsFor(order.id)).map((f) => f.kind)).toContain('REFERRAL_CYCLE');
  });

  test('more orders through one link per minute than allowed are flagged for velocity', async () => {
    const product = await listProduct(t, merchant);
    const sharer = await signUp(t, 'vel_s');
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'OTHER' }, sharer.token)).share.shareLink!.code;
    const buyers = await Promise.all([1, 2, 3].map((i) => signUp(t, `vel_b${i}`)));
    for (const b of buyers) await t.ok(OPEN, { code }, b.token);
    const orders = [];
    for (const b of buyers) orders.push((await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, b.token)).placeOrder.order!);
    expect(orders.map((o) => o.isFlagged)).toEqual([false, false, true]);
    expect((await flagsFor(orders[2]!.id))[0]).toMatchObject({ kind: 'VELOCITY', details: expect.stringContaining(code) });
  });

  test('many sign-ups through one link from one visitor id are flagged, never dropped', async () => {
    const sharer = await signUp(t, 'farm_s');
    const product = await listProduct(t, merchant);
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
    const visitor = `v-farm-${Date.now()}`;
    await t.ok(OPEN, { code, visitor });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const handle = uniqueHandle(`farm${i}`);
      ids.push((await t.ok(SIGN_UP, { input: { email: `${handle}@example.com`, handle, displayName: 'f', password: 'planting grass', visitorId: visitor } })).signUp.user!.id);
    }
    expect(await flagsFor(ids[0]!)).toEqual([]);
    expect((await flagsFor(ids[1]!)).map((f) => [f.kind, f.subject])).toEqual([['SIGN_UP_FARMING', { __typename: 'User', id: ids[1] }]]);
    expect((await t.gql(FLAGS, {}, sharer.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('growth dashboards', () => {
  test("a sharer's visits, sign-ups and orders stream live; staff see top referrers and channels", async () => {
    const product = await listProduct(t, merchant, { priceMinor: 3000 });
    const sharer = await signUp(t, 'gr_s');
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WEIBO' }, sharer.token)).share.shareLink!.code;
    const live = collect(t.ws(sharer.token), ReferralActivityDocument, 3, undefined, { userId: sharer.id });
    await live.started;
    await new Promise((r) => setTimeout(r, 200));
    const visitor = `v-live-${Date.now()}`;
    await t.ok(OPEN, { code, visitor });
    const handle = uniqueHandle('gr_new');
    const newbie = (await t.ok(SIGN_UP, { input: { email: `${handle}@example.com`, handle, displayName: 'n', password: 'planting grass', visitorId: visitor } })).signUp;
    await t.ok(PLACE, { input: orderInput(product, 2, { shareCode: code }) }, newbie.token);
    expect((await live.events).map((e) => e.referralActivity.kind)).toEqual(['VISIT', 'SIGN_UP', 'ORDER']);

    const growth = await signUp(t, 'gr_staff');
    await t.ok(SetUserRoleDocument, { id: growth.id, role: 'GROWTH' }, admin.token);
    const top = await t.ok(TopReferrersDocument, { first: 100 }, growth.token);
    expect(top.topReferrers).toContainEqual({ user: { id: sharer.id }, orders: 1, gmv: [cny(6000)] });
    const channels = await t.ok(ConversionByChannelDocument, {}, growth.token);
    const weibo = channels.conversionByChannel.find((c) => c.channel === 'WEIBO')!;
    expect(weibo.orders).toBeGreaterThanOrEqual(1);
    expect(weibo.visits).toBeGreaterThanOrEqual(1);
    expect((await t.gql(TopReferrersDocument, {}, sharer.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  test("an admin following a sharer's activity sees the order of an ORDER; the sharer sees only its id", async () => {
    const product = await listProduct(t, merchant, { priceMinor: 1500 });
    const [sharer, buyer] = [await signUp(t, 'ra_s'), await signUp(t, 'ra_b')];
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
    const follow = (who: Person) => collect(t.ws(who.token), ReferralActivityDocument, 2, undefined, { userId: sharer.id });
    const [bySharer, byAdmin] = [follow(sharer), follow(admin)];
    await Promise.all([bySharer.started, byAdmin.started]);
    await new Promise((r) => setTimeout(r, 200));
    await t.ok(OPEN, { code }, buyer.token);
    const order = (await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, buyer.token)).placeOrder.order!;
    const orderEvent = async (stream: typeof bySharer) => (await stream.events).map((e) => e.referralActivity).find((a) => a.kind === 'ORDER');
    expect(await orderEvent(byAdmin)).toMatchObject({ shareCode: code, orderId: order.id, order: { id: order.id }, user: null });
    expect(await orderEvent(bySharer)).toMatchObject({ shareCode: code, orderId: order.id, order: null, user: null });
  });
});

describe('GMV beyond 32 bits, in two currencies', () => {
  // placeOrder's own fields belong to the commerce area; this only needs the order placed.
  const PLACE_ID = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code message } } }`;

  test('999 × ¥30,000 (2,997,000,000 fen, above 2^31) serializes in the tree, top referrers, attribution and the KOL report; HKD is its own amount', async () => {
    const yuan = await listProduct(t, merchant, { priceMinor: 3_000_000, stock: 999 });
    const hkdProduct = await listProduct(t, merchant, { priceMinor: 12_345, currency: 'HKD', stock: 10 });
    const sharer = await signUp(t, 'big_s');
    const buyer = await signUp(t, 'big_b');
    const share = async (productId: string) => (await t.ok(SHARE, { target: { productId }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
    const codes = [await share(yuan), await share(hkdProduct)];
    for (const code of codes) await t.ok(OPEN, { code }, buyer.token);
    const big = (await t.ok(PLACE_ID, { input: orderInput(yuan, 999, { shareCode: codes[0] }) }, buyer.token)).placeOrder.order.id as string;
    await t.ok(PLACE_ID, { input: orderInput(hkdProduct, 2, { shareCode: codes[1] }) }, buyer.token);
    const total = 999 * 3_000_000;
    expect(total).toBeGreaterThan(2 ** 31);
    const hkd = { amountMinor: 24_690, currency: 'HKD' };
    const both = [cny(total), hkd];

    const tree = (await t.ok(ReferralTreeOfUserDocument, { id: sharer.id }, sharer.token)).referralTreeOfUser!;
    expect(tree.totals.gmv).toEqual(both);
    expect(tree.nodes.nodes.map((n) => n.gmv)).toEqual([[cny(total)], [hkd]]);
    expect(tree.depths).toEqual([expect.objectContaining({ depth: 0, links: 2, gmv: both })]);

    const growth = await signUp(t, 'big_staff');
    await t.ok(SetUserRoleDocument, { id: growth.id, role: 'GROWTH' }, admin.token);
    expect((await t.ok(TopReferrersDocument, { first: 100 }, growth.token)).topReferrers).toContainEqual({ user: { id: sharer.id }, orders: 2, gmv: both });
    const wechat = (await t.ok(ConversionByChannelDocument, {}, growth.token)).conversionByChannel.find((c) => c.channel === 'WECHAT')!;
    expect(wechat.gmv.find((m) => m.currency === 'CNY')!.amountMinor).toBeGreaterThanOrEqual(total);

    const touches = (await t.ok(OrderAttributionDocument, { id: big, m: 'LINEAR' }, buyer.token)).orderAttribution!.touchpoints.nodes;
    expect(touches.map((x) => x.credit.currency)).toEqual(touches.map(() => 'CNY'));
    expect(touches.reduce((sum, x) => sum + x.credit.amountMinor, 0)).toBe(total);

    expect((await t.ok(KolReportOverDocument, { u: sharer.id }, sharer.token)).kolReport).toEqual({ conversions: 2, gmv: both });
  });
});
