import crypto from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { people, signUp, type Person } from '../helpers/people';
import { listProduct, OPEN, setRole, SHARE, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import {
  CancelOrderDocument,
  ClaimCouponDocument,
  CommissionLevelsDocument,
  CouponDocument,
  CouponNodeDocument,
  CouponOrderDocument,
  CouponProposalsDocument,
  CouponsDocument,
  CreateCouponDocument,
  DecideCouponProposalDocument,
  MyCouponsDocument,
  PlaceCouponOrderDocument,
  RefundOrderDocument,
  SetCommissionRatesDocument,
  type CreateCouponInput,
  type PlaceOrderInput,
} from '../generated/graphql';

/**
 * Coupons (issue 18 §2) against the real Neo4j: who issues which scope, claiming under
 * concurrency (never past the quantity or the per-user limit), group-exclusive coupons for
 * members only, exact prices with coupons split across lines, commissions on what was paid,
 * one use of a claim however many orders race for it, and a cancelled order giving it back.
 */

let t: TestApp;
let admin: Person;
let merchant: Person;
let growth: Person;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, `coupons-${process.pid}@admins.example.com`);
  merchant = await signUpMerchant(t, admin, 'cp_shop');
  growth = await signUp(t, 'cp_growth');
  await setRole(t, admin, growth, 'GROWTH');
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const later = (ms: number) => new Date(Date.now() + ms).toISOString();
let keys = 0;
const key = () => `cp-${process.pid}-${++keys}-${crypto.randomBytes(3).toString('hex')}`;

function couponInput(over: Partial<CreateCouponInput>): CreateCouponInput {
  return { name: 'Welcome gift', kind: 'AMOUNT_OFF', scope: 'MERCHANT', currency: 'CNY', amountOffMinor: 1000, totalQuantity: 100, perUserLimit: 1, claimEndsAt: later(24 * HOUR), useEndsAt: later(48 * HOUR), ...over };
}

async function create(who: Person, over: Partial<CreateCouponInput>) {
  const { coupon, userErrors } = (await t.ok(CreateCouponDocument, { input: couponInput(over) }, who.token)).createCoupon;
  expect(userErrors).toEqual([]);
  return coupon!;
}

const claim = (who: Person, couponId: string, idempotencyKey = key()) => t.answer(ClaimCouponDocument, { input: { couponId, idempotencyKey } }, who.token).then((d) => d.claimCoupon);
const errorCode = async (promise: Promise<{ userErrors: { code: string }[] }>) => (await promise).userErrors[0]?.code;
const topCode = async (who: Person, input: CreateCouponInput) => (await t.gql(CreateCouponDocument, { input }, who.token)).errors?.[0]?.extensions.code;

async function createGroup(owner: Person, visibility: 'OPEN' | 'CLOSED' | 'SECRET') {
  const data = await t.ok(
    `mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }`,
    { input: { name: `Coupon club ${crypto.randomBytes(4).toString('hex')}`, description: 'members save', visibility, rules: 'be kind', isPremoderated: false, topics: ['savings'] } },
    owner.token,
  );
  return data.createGroup.group.id as string;
}

async function addMember(groupId: string, owner: Person, member: Person, role: 'MEMBER' | 'ADMIN' = 'MEMBER') {
  await t.ok(`mutation($g: ID!) { joinGroup(input: { groupId: $g, acceptRules: true }) { status } }`, { g: groupId }, member.token);
  await t.ok(`mutation($g: ID!, $u: ID!) { decideJoinRequest(input: { groupId: $g, userId: $u, decision: APPROVE }) { group { id } } }`, { g: groupId, u: member.id }, owner.token);
  if (role !== 'MEMBER') await t.ok(`mutation($g: ID!, $u: ID!, $r: GroupRole!) { setGroupRole(input: { groupId: $g, userId: $u, role: $r }) { member { role } } }`, { g: groupId, u: member.id, r: role }, owner.token);
}

const order = (items: { productId: string; qty: number }[], couponIds: string[]): { input: PlaceOrderInput } => ({ input: { items, couponIds, idempotencyKey: key() } });

describe('issuing coupons', () => {
  test('growth staff issue platform coupons; merchants issue theirs on their own products; others are refused', async () => {
    const platform = await create(growth, { scope: 'PLATFORM', kind: 'THRESHOLD', amountOffMinor: 3000, thresholdMinor: 20000 });
    expect(platform).toMatchObject({ scope: 'PLATFORM', kind: 'THRESHOLD', status: 'ACTIVE', amountOff: { amountMinor: 3000, currency: 'CNY' }, threshold: { amountMinor: 20000 }, merchant: null, remainingQuantity: 100 });
    const own = await create(merchant, { scope: 'MERCHANT', kind: 'PERCENT_OFF', amountOffMinor: null, percentOff: 15, capMinor: 2000 });
    expect(own).toMatchObject({ scope: 'MERCHANT', percentOff: 15, cap: { amountMinor: 2000 }, merchant: { id: merchant.id } });

    const other = await signUpMerchant(t, admin, 'cp_other_shop');
    const theirProduct = await listProduct(t, other);
    const buyer = await signUp(t, 'cp_plain');
    expect(await topCode(buyer, couponInput({ scope: 'PLATFORM' }))).toBe('FORBIDDEN');
    expect(await topCode(merchant, couponInput({ scope: 'PLATFORM' }))).toBe('FORBIDDEN');
    expect(await topCode(buyer, couponInput({ scope: 'MERCHANT' }))).toBe('FORBIDDEN');
    expect(await topCode(merchant, couponInput({ scope: 'PRODUCT', productId: theirProduct }))).toBe('FORBIDDEN');
    expect(await topCode(merchant, couponInput({ scope: 'MERCHANT', merchantId: other.id }))).toBe('FORBIDDEN');
  });

  test('each kind takes exactly its own terms, within the limits', async () => {
    const refused = async (over: Partial<CreateCouponInput>) => (await t.answer(CreateCouponDocument, { input: couponInput(over) }, merchant.token)).createCoupon;
    expect((await refused({ kind: 'PERCENT_OFF', amountOffMinor: null, percentOff: 15 })).userErrors).toEqual([expect.objectContaining({ field: ['capMinor'], code: 'INVALID' })]);
    expect((await refused({ kind: 'AMOUNT_OFF', percentOff: 10 })).userErrors).toEqual([expect.objectContaining({ field: ['percentOff'], code: 'INVALID' })]);
    expect((await refused({ kind: 'THRESHOLD', amountOffMinor: 3000, thresholdMinor: 3000 })).userErrors).toEqual([expect.objectContaining({ field: ['amountOffMinor'], code: 'INVALID' })]);
    expect((await refused({ useEndsAt: later(HOUR) })).userErrors).toEqual([expect.objectContaining({ field: ['useEndsAt'], code: 'INVALID' })]);
    expect((await refused({ totalQuantity: 0 })).userErrors).toEqual([expect.objectContaining({ field: ['totalQuantity'], code: 'INVALID' })]);
    expect((await refused({ amountOffMinor: 100_000_001 })).userErrors).toEqual([expect.objectContaining({ field: ['amountOffMinor'], code: 'INVALID' })]);
  });
});

describe('claiming', () => {
  test('a user claims up to the per-user limit; a retried key answers the first claim; claims are listed as AVAILABLE', async () => {
    const coupon = await create(merchant, { perUserLimit: 2, totalQuantity: 10 });
    const buyer = await signUp(t, 'cp_claimer');
    const k = key();
    const first = await claim(buyer, coupon.id, k);
    expect(first.userErrors).toEqual([]);
    expect(first.claim).toMatchObject({ status: 'AVAILABLE', usedAt: null, coupon: { id: coupon.id, remainingQuantity: 9 } });
    expect((await claim(buyer, coupon.id, k)).claim!.id).toBe(first.claim!.id);
    expect((await claim(buyer, coupon.id)).userErrors).toEqual([]);
    expect(await errorCode(claim(buyer, coupon.id))).toBe('LIMIT_REACHED');
    const mine = (await t.ok(MyCouponsDocument, { status: 'AVAILABLE' }, buyer.token)).myCoupons;
    expect(mine.totalCount).toBe(2);
    expect(mine.nodes.every((n) => n.coupon.id === coupon.id && n.status === 'AVAILABLE')).toBe(true);
    expect((await t.ok(CouponDocument, { id: coupon.id }, buyer.token)).coupon).toMatchObject({ viewerClaimCount: 2, remainingQuantity: 8 });
  });

  test('50 people claiming a coupon of 20 at once: exactly 20 get one', async () => {
    const coupon = await create(growth, { scope: 'PLATFORM', totalQuantity: 20 });
    const crowd = await Promise.all(Array.from({ length: 50 }, (_, i) => signUp(t, `cp_crowd${i}`)));
    const answers = await Promise.all(crowd.map((p) => claim(p, coupon.id)));
    expect(answers.filter((a) => a.claim !== null)).toHaveLength(20);
    expect(answers.filter((a) => a.userErrors[0]?.code === 'COUPON_EXHAUSTED')).toHaveLength(30);
    const stored = await t.db.driver.executeQuery('MATCH (cl:CouponClaim {couponId: $id}) RETURN count(cl) AS n', { id: coupon.id });
    expect(stored.records[0]!.get('n')).toBe(20);
    expect((await t.ok(CouponDocument, { id: coupon.id })).coupon!.remainingQuantity).toBe(0);
    // An exhausted coupon is not listed as claimable.
    expect((await t.ok(CouponsDocument, { filter: { scope: 'PLATFORM' }, first: 100 })).coupons.nodes.map((n) => n.id)).not.toContain(coupon.id);
  });

  test('the same user claiming many times at once never passes the per-user limit', async () => {
    const coupon = await create(merchant, { perUserLimit: 3, totalQuantity: 100 });
    const buyer = await signUp(t, 'cp_eager');
    const answers = await Promise.all(Array.from({ length: 10 }, () => claim(buyer, coupon.id)));
    expect(answers.filter((a) => a.claim !== null)).toHaveLength(3);
    expect(answers.filter((a) => a.userErrors[0]?.code === 'LIMIT_REACHED')).toHaveLength(7);
  });

  test('outside the claim window a coupon is not claimable', async () => {
    const coupon = await create(merchant, { claimStartsAt: later(HOUR), claimEndsAt: later(2 * HOUR), useEndsAt: later(3 * HOUR) });
    const buyer = await signUp(t, 'cp_early');
    expect(await errorCode(claim(buyer, coupon.id))).toBe('COUPON_NOT_CLAIMABLE');
    expect((await t.ok(CouponsDocument, { filter: { merchantId: merchant.id }, first: 100 })).coupons.nodes.map((n) => n.id)).not.toContain(coupon.id);
  });
});

describe('group-exclusive coupons', () => {
  test("the merchant's coupon for a CLOSED group: members see and claim it; nobody else finds it on any path", async () => {
    const { owner, member, outsider } = await people(t, ['owner', 'member', 'outsider']);
    const groupId = await createGroup(owner, 'CLOSED');
    await addMember(groupId, owner, member);
    const coupon = await create(merchant, { scope: 'GROUP_EXCLUSIVE', groupId });
    expect(coupon).toMatchObject({ status: 'ACTIVE', group: { id: groupId }, merchant: { id: merchant.id } });

    expect((await t.ok(CouponDocument, { id: coupon.id }, outsider.token)).coupon).toBeNull();
    expect((await t.ok(CouponDocument, { id: coupon.id })).coupon).toBeNull();
    expect((await t.ok(CouponNodeDocument, { id: coupon.id }, outsider.token)).node).toBeNull();
    expect((await t.ok(CouponsDocument, { filter: { groupId }, first: 100 }, outsider.token)).coupons.totalCount).toBe(0);
    expect(await errorCode(claim(outsider, coupon.id))).toBe('NOT_FOUND');

    expect((await t.ok(CouponsDocument, { filter: { groupId }, first: 100 }, member.token)).coupons.nodes).toEqual([{ id: coupon.id, scope: 'GROUP_EXCLUSIVE' }]);
    expect((await t.ok(CouponNodeDocument, { id: coupon.id }, member.token)).node).toEqual({ id: coupon.id, __typename: 'Coupon' });
    const claimed = await claim(member, coupon.id);
    expect(claimed.userErrors).toEqual([]);
    // A claim is its holder's alone.
    expect((await t.ok(CouponNodeDocument, { id: claimed.claim!.id }, member.token)).node).toEqual({ id: claimed.claim!.id, __typename: 'CouponClaim' });
    expect((await t.ok(CouponNodeDocument, { id: claimed.claim!.id }, outsider.token)).node).toBeNull();
  });

  test("a group admin proposes one on a merchant's products; nobody claims it until the merchant approves", async () => {
    const { owner, groupAdmin, member } = await people(t, ['owner', 'groupAdmin', 'member']);
    const groupId = await createGroup(owner, 'OPEN');
    await addMember(groupId, owner, groupAdmin, 'ADMIN');
    await addMember(groupId, owner, member);
    expect(await topCode(member, couponInput({ scope: 'GROUP_EXCLUSIVE', groupId, merchantId: merchant.id }))).toBe('FORBIDDEN');

    const proposal = await create(groupAdmin, { scope: 'GROUP_EXCLUSIVE', groupId, merchantId: merchant.id });
    expect(proposal.status).toBe('PENDING_APPROVAL');
    expect(await errorCode(claim(member, proposal.id))).toBe('NOT_FOUND');
    expect((await t.ok(CouponDocument, { id: proposal.id }, member.token)).coupon).toBeNull();
    expect((await t.ok(CouponProposalsDocument, {}, merchant.token)).couponProposals.nodes).toContainEqual({ id: proposal.id, status: 'PENDING_APPROVAL' });

    const other = await signUpMerchant(t, admin, 'cp_not_theirs');
    // Another merchant is not shown the proposal at all.
    expect((await t.answer(DecideCouponProposalDocument, { input: { couponId: proposal.id, decision: 'APPROVE' } }, other.token)).decideCouponProposal.userErrors[0]?.code).toBe('NOT_FOUND');
    const decided = (await t.ok(DecideCouponProposalDocument, { input: { couponId: proposal.id, decision: 'APPROVE' } }, merchant.token)).decideCouponProposal;
    expect(decided.coupon).toEqual({ id: proposal.id, status: 'ACTIVE' });
    expect((await t.answer(DecideCouponProposalDocument, { input: { couponId: proposal.id, decision: 'REJECT' } }, merchant.token)).decideCouponProposal.userErrors[0]?.code).toBe('ALREADY_DECIDED');
    expect((await claim(member, proposal.id)).userErrors).toEqual([]);
    expect((await t.ok(CouponProposalsDocument, {}, merchant.token)).couponProposals.nodes.map((n) => n.id)).not.toContain(proposal.id);
  });
});

describe('placing orders with coupons', () => {
  let setUp: Promise<{ p1: string; p2: string }> | null = null;
  const products = () =>
    (setUp ??= (async () => {
      // 10% to the sharer, to check commissions are on what was paid.
      await t.ok(SetCommissionRatesDocument, { input: { scope: 'MERCHANT', merchantId: merchant.id, levelRatesBps: [1000], rewardDepth: 1 } }, admin.token);
      return { p1: await listProduct(t, merchant, { priceMinor: 6000, stock: 1000 }), p2: await listProduct(t, merchant, { priceMinor: 8000, stock: 1000 }) };
    })());

  test('exact prices: a product coupon first, then a platform 满减 on what the lines still cost, split by line; commission on the paid total', async () => {
    const { p1, p2 } = await products();
    const { buyer, sharer } = await people(t, ['buyer', 'sharer']);
    const productCoupon = await create(merchant, { scope: 'PRODUCT', productId: p2, amountOffMinor: 2000 });
    const platform = await create(growth, { scope: 'PLATFORM', kind: 'THRESHOLD', amountOffMinor: 3000, thresholdMinor: 18000 });
    await claim(buyer, productCoupon.id);
    await claim(buyer, platform.id);
    const code = (await t.ok(SHARE, { target: { productId: p1 }, channel: 'WECHAT' }, sharer.token)).share.shareLink!.code;
    await t.ok(OPEN, { code }, buyer.token);

    const placed = (await t.ok(PlaceCouponOrderDocument, { input: { ...order([{ productId: p1, qty: 2 }, { productId: p2, qty: 1 }], [platform.id, productCoupon.id]).input, context: { shareCode: code } } }, buyer.token)).placeOrder.order!;
    // 12000 + 8000; the product coupon takes 2000 off p2 (6000 left); the platform's 3000 splits 12000:6000 → 2000 and 1000.
    // Lines in no promised order: compare them product by product.
    const lines = <T extends { product: { id: string } }>(items: readonly T[]) => [...items].sort((a, b) => (a.product.id === p1 ? -1 : b.product.id === p1 ? 1 : 0));
    expect({ ...placed, items: lines(placed.items) }).toMatchObject({
      subtotal: { amountMinor: 20000, currency: 'CNY' },
      discount: { amountMinor: 5000 },
      total: { amountMinor: 15000 },
      items: [
        { product: { id: p1 }, lineTotal: { amountMinor: 12000 }, discount: { amountMinor: 2000 }, paid: { amountMinor: 10000 } },
        { product: { id: p2 }, lineTotal: { amountMinor: 8000 }, discount: { amountMinor: 3000 }, paid: { amountMinor: 5000 } },
      ],
    });
    expect(placed.coupons).toEqual(expect.arrayContaining([
      { coupon: { id: platform.id }, discount: { amountMinor: 3000 } },
      { coupon: { id: productCoupon.id }, discount: { amountMinor: 2000 } },
    ]));
    expect((await t.ok(CommissionLevelsDocument, {}, sharer.token)).commissions.nodes).toEqual([{ level: 1, amount: { amountMinor: 1500 } }]);
    const used = (await t.ok(MyCouponsDocument, { status: 'USED' }, buyer.token)).myCoupons.nodes;
    expect(used.map((n) => n.order?.id)).toEqual([placed.id, placed.id]);
    // The merchant sees the same order, priced the same.
    const seen = (await t.ok(CouponOrderDocument, { id: placed.id }, merchant.token)).order!;
    expect({ ...seen, items: lines(seen.items) }).toEqual({ ...placed, items: lines(placed.items) });
  });

  test('a coupon that does not apply refuses the order and writes nothing', async () => {
    const { p1, p2 } = await products();
    const buyer = await signUp(t, 'cp_refused');
    const threshold = await create(growth, { scope: 'PLATFORM', kind: 'THRESHOLD', amountOffMinor: 3000, thresholdMinor: 20000 });
    const secondPlatform = await create(growth, { scope: 'PLATFORM' });
    const otherShop = await signUpMerchant(t, admin, 'cp_elsewhere');
    const elsewhere = await create(otherShop, { scope: 'MERCHANT' });
    const unclaimed = await create(merchant, { scope: 'PRODUCT', productId: p1 });
    await Promise.all([threshold, secondPlatform, elsewhere].map((c) => claim(buyer, c.id)));
    const refusal = async (items: { productId: string; qty: number }[], couponIds: string[]) => (await t.answer(PlaceCouponOrderDocument, order(items, couponIds), buyer.token)).placeOrder;

    expect(await refusal([{ productId: p2, qty: 2 }], [threshold.id])).toMatchObject({ order: null, userErrors: [{ field: ['couponIds', '0'], code: 'COUPON_NOT_APPLICABLE' }] });
    expect((await refusal([{ productId: p1, qty: 5 }], [threshold.id, secondPlatform.id])).userErrors).toEqual([expect.objectContaining({ field: ['couponIds', '1'], code: 'COUPON_NOT_APPLICABLE' })]);
    expect((await refusal([{ productId: p1, qty: 1 }], [elsewhere.id])).userErrors).toEqual([expect.objectContaining({ field: ['couponIds', '0'], code: 'COUPON_NOT_APPLICABLE' })]);
    expect((await refusal([{ productId: p1, qty: 1 }], [unclaimed.id])).userErrors).toEqual([expect.objectContaining({ field: ['couponIds', '0'], code: 'COUPON_UNAVAILABLE' })]);
    expect((await t.ok(MyCouponsDocument, { status: 'AVAILABLE' }, buyer.token)).myCoupons.totalCount).toBe(3);
    const orders = await t.db.driver.executeQuery('MATCH (:User {id: $id})-[:PLACED]->(o:Order) RETURN count(o) AS n', { id: buyer.id });
    expect(orders.records[0]!.get('n')).toBe(0);
  });

  test('one claimed coupon in 10 concurrent orders: one order uses it, the others are refused and take no stock', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 5000, stock: 50 });
    const buyer = await signUp(t, 'cp_racer');
    const coupon = await create(merchant, { scope: 'MERCHANT', amountOffMinor: 500 });
    await claim(buyer, coupon.id);
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.answer(PlaceCouponOrderDocument, order([{ productId: product, qty: 1 }], [coupon.id]), buyer.token)));
    const placed = answers.filter((a) => a.placeOrder.order !== null);
    expect(placed).toHaveLength(1);
    expect(placed[0]!.placeOrder.order!.total.amountMinor).toBe(4500);
    expect(answers.filter((a) => a.placeOrder.userErrors[0]?.code === 'COUPON_UNAVAILABLE')).toHaveLength(9);
    const stock = await t.db.driver.executeQuery('MATCH (p:Product {id: $id}) RETURN p.stock AS stock', { id: product });
    expect(stock.records[0]!.get('stock')).toBe(49);
  });

  test('a cancelled order gives its coupon back to use again; a refund after the use window keeps it used', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 9999, stock: 50 });
    const buyer = await signUp(t, 'cp_canceller');
    const coupon = await create(merchant, { scope: 'MERCHANT', kind: 'PERCENT_OFF', amountOffMinor: null, percentOff: 15, capMinor: 5000, perUserLimit: 1 });
    await claim(buyer, coupon.id);
    const first = (await t.ok(PlaceCouponOrderDocument, order([{ productId: product, qty: 1 }], [coupon.id]), buyer.token)).placeOrder.order!;
    expect(first).toMatchObject({ subtotal: { amountMinor: 9999 }, discount: { amountMinor: 1499 }, total: { amountMinor: 8500 } });
    expect((await t.ok(MyCouponsDocument, { status: 'AVAILABLE' }, buyer.token)).myCoupons.totalCount).toBe(0);

    await t.ok(CancelOrderDocument, { id: first.id }, buyer.token);
    expect((await t.ok(MyCouponsDocument, { status: 'AVAILABLE' }, buyer.token)).myCoupons.nodes).toEqual([expect.objectContaining({ status: 'AVAILABLE', usedAt: null, order: null })]);
    // The cancelled order still shows what it took off.
    expect((await t.ok(CouponOrderDocument, { id: first.id }, buyer.token)).order).toMatchObject({ status: 'CANCELLED', discount: { amountMinor: 1499 }, coupons: [{ coupon: { id: coupon.id } }] });

    const second = (await t.ok(PlaceCouponOrderDocument, order([{ productId: product, qty: 2 }], [coupon.id]), buyer.token)).placeOrder.order!;
    expect(second).toMatchObject({ discount: { amountMinor: 2999 }, total: { amountMinor: 16999 } });
    // The use window closes; the refund gives back what was paid, and the coupon stays used.
    await t.db.driver.executeQuery('MATCH (c:Coupon {id: $id}) SET c.useEndsAt = timestamp() - 1', { id: coupon.id });
    expect((await t.ok(RefundOrderDocument, { id: second.id }, merchant.token)).refundOrder.order!.status).toBe('REFUNDED');
    expect((await t.ok(CouponOrderDocument, { id: second.id }, buyer.token)).order).toMatchObject({ status: 'REFUNDED', total: { amountMinor: 16999 } });
    expect((await t.ok(MyCouponsDocument, { status: 'USED' }, buyer.token)).myCoupons.nodes).toEqual([expect.objectContaining({ order: { id: second.id } })]);
    expect((await t.ok(MyCouponsDocument, { status: 'EXPIRED' }, buyer.token)).myCoupons.totalCount).toBe(0);
  });

  test('a group-exclusive coupon prices its merchant\'s order for the member who claimed it', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 20000, stock: 10 });
    const { owner, member } = await people(t, ['owner', 'member']);
    const groupId = await createGroup(owner, 'CLOSED');
    await addMember(groupId, owner, member);
    const coupon = await create(merchant, { scope: 'GROUP_EXCLUSIVE', groupId, kind: 'THRESHOLD', amountOffMinor: 3000, thresholdMinor: 20000 });
    expect((await claim(member, coupon.id)).userErrors).toEqual([]);
    const placed = (await t.ok(PlaceCouponOrderDocument, order([{ productId: product, qty: 1 }], [coupon.id]), member.token)).placeOrder.order!;
    expect(placed).toMatchObject({ total: { amountMinor: 17000 }, coupons: [{ coupon: { id: coupon.id }, discount: { amountMinor: 3000 } }] });
  });
});
