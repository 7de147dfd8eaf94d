import { randomUUID } from 'node:crypto';
import { ReferralService } from '../../../src/referral/service';
import { TREE_PAGE } from '../../../src/referral/types';
import { referralRepository, type ReferralRepository, type ShareLinkRecord, type TreeRow } from '../../../src/referral/repository';
import { commerceRepository, type CommerceRepository } from '../../../src/commerce/repository';
import { AttributionModel, type LinkOpening, type Touch } from '../../../src/referral/attribution';
import { OrderStatus, type OrderRecord } from '../../../src/commerce/types';
import { Role, type UserRecord } from '../../../src/accounts/types';
import type { Scope } from '../../../src/accounts/scope';
import { asRepository, codeOf, provide, provideUsers, RecordingBus, scopeFor, user } from './fakes';
import { money } from '../../../src/common/money';

const cny = (amountMinor: number) => money(amountMinor, 'CNY');
const usd = (amountMinor: number) => money(amountMinor, 'USD');

/** Share links, their tree and the touches of orders, in memory. */
class FakeReferrals implements Pick<ReferralRepository, 'linksByCodes' | 'rootLinksOfUser' | 'tree' | 'orderTouchpoints' | 'linkOpening' | 'orderTouches' | 'chainLinks'> {
  links: ShareLinkRecord[] = [];
  chainAsked: string[] = [];
  rows: TreeRow[] = [];
  touchpoints: Touch[] = [];
  opening: LinkOpening | null = null;
  touchesOfOrder: Touch[] = [];
  treeAsked: { rootCodes: string[]; maxDepth: number }[] = [];

  async linksByCodes(codes: readonly string[]) {
    return this.links.filter((l) => codes.includes(l.code));
  }
  async rootLinksOfUser(userId: string) {
    return this.links.filter((l) => l.sharerId === userId && l.depth === 0).map((l) => l.code);
  }
  async tree(rootCodes: string[], maxDepth: number) {
    this.treeAsked.push({ rootCodes, maxDepth });
    return [...this.rows];
  }
  async orderTouchpoints() {
    return [...this.touchpoints];
  }
  async linkOpening() {
    return this.opening;
  }
  async orderTouches() {
    return this.touchesOfOrder;
  }
  /** The chain up from a link, the first sharer's link first, as chain-links.cypher reads it. */
  async chainLinks(code: string) {
    this.chainAsked.push(code);
    const chain: ShareLinkRecord[] = [];
    for (let hop = this.links.find((l) => l.code === code); hop; hop = this.links.find((l) => l.code === hop!.parentCode)) chain.unshift(hop);
    return chain.map(({ code, sharerId, channel, createdAt }) => ({ code, sharerId, channel, createdAt }));
  }
}

class FakeOrders implements Pick<CommerceRepository, 'ordersByIds'> {
  constructor(readonly orders: OrderRecord[]) {}
  async ordersByIds(ids: readonly string[]) {
    return this.orders.filter((o) => ids.includes(o.id));
  }
}

function link(sharer: UserRecord, code: string, fields: Partial<ShareLinkRecord> = {}): ShareLinkRecord {
  return { code, channel: 'WECHAT', targetType: 'PRODUCT', targetId: 'product-1', sharerId: sharer.id, createdAt: 0, depth: 0, rootCode: code, parentCode: null, campaign: null, ...fields };
}

function row(sharer: UserRecord, code: string, depth: number, fields: Partial<TreeRow> = {}): TreeRow {
  return { code, sharerId: sharer.id, channel: 'WECHAT', createdAt: 0, depth, parentCode: null, visits: 0, signUps: 0, buyers: 0, orders: 0, gmv: [], ...fields };
}

function setUp(viewer: UserRecord | null, people: UserRecord[] = []) {
  const referrals = new FakeReferrals();
  const bus = new RecordingBus();
  const service = new ReferralService({
    repo: () => asRepository<ReferralRepository>(referrals),
    events: bus.bus,
    content: { visibleNote: async () => null, canSeeNote: async () => false },
    groups: { isVisible: async () => false },
    invalidation: bus.invalidation,
  });
  const scope = scopeFor(viewer);
  provide(scope, referralRepository, 'referral.repository', referrals);
  provideUsers(scope, [...(viewer ? [viewer] : []), ...people]);
  return { service, referrals, scope };
}

describe('referralTree', () => {
  test("a sharer's own tree sums its links' visits, orders and GMV per depth and in total", async () => {
    const sharer = user();
    const friend = user();
    const { service, referrals, scope } = setUp(sharer, [friend]);
    referrals.links = [link(sharer, 'ROOT000001'), link(friend, 'CHILD00001', { depth: 1, parentCode: 'ROOT000001', rootCode: 'ROOT000001' })];
    referrals.rows = [
      row(sharer, 'ROOT000001', 0, { visits: 10, orders: 2, gmv: [cny(5000)] }),
      row(friend, 'CHILD00001', 1, { visits: 4, orders: 1, gmv: [cny(1200), usd(300)] }),
      row(friend, 'CHILD00002', 1, { visits: 1 }),
    ];

    const tree = await service.referralTree(scope, { userId: sharer.id }, 3);

    expect(referrals.treeAsked).toEqual([{ rootCodes: ['ROOT000001'], maxDepth: 3 }]);
    expect(tree.totals).toEqual({ links: 3, visits: 15, signUps: 0, buyers: 0, orders: 3, gmv: [cny(6200), usd(300)] });
    expect(tree.depths.map((d) => [d.depth, d.links, d.gmv])).toEqual([[0, 1, [cny(5000)]], [1, 2, [cny(1200), usd(300)]]]);
    const nodes = await service.treeNodes(scope, tree.rows, null, null);
    expect(nodes.edges.map((e) => e.node.sharer)).toEqual([sharer, friend, friend]);
    expect(nodes.edges.map((e) => e.node.gmv)).toEqual([[cny(5000)], [cny(1200), usd(300)], []]);
    expect(nodes.totalCount).toBe(3);
    expect(nodes.pageInfo.hasNextPage).toBe(false);
  });

  test('GMV beyond 32 bits adds up exactly, per currency', async () => {
    const sharer = user();
    const { service, referrals, scope } = setUp(sharer);
    referrals.links = [link(sharer, 'ROOT000001')];
    // 2^31 fen each: a 32-bit Int could not carry even one of them.
    referrals.rows = [row(sharer, 'ROOT000001', 0, { gmv: [cny(2 ** 31)] }), row(sharer, 'CHILD00001', 1, { gmv: [cny(2 ** 31 + 1)] })];
    const tree = await service.referralTree(scope, { userId: sharer.id }, 3);
    expect(tree.totals.gmv).toEqual([cny(2 ** 32 + 1)]);
  });

  test("another member's tree is refused to a regular user and shown to growth staff", async () => {
    const other = user();
    const regular = setUp(user(), [other]);
    expect(await codeOf(regular.service.referralTree(regular.scope, { userId: other.id }, 2))).toBe('FORBIDDEN');

    const staff = setUp(user({ role: Role.GROWTH }), [other]);
    staff.referrals.links = [link(other, 'OTHER00001')];
    staff.referrals.rows = [row(other, 'OTHER00001', 0, { gmv: [cny(999)] })];
    expect((await staff.service.referralTree(staff.scope, { userId: other.id }, 2)).totals.gmv).toEqual([cny(999)]);
  });

  test("a share code roots the tree at that link, and only its sharer (or staff) may ask", async () => {
    const sharer = user();
    const own = setUp(sharer);
    own.referrals.links = [link(sharer, 'CODE000001')];
    await own.service.referralTree(own.scope, { shareCode: 'CODE000001' }, 1);
    expect(own.referrals.treeAsked[0]?.rootCodes).toEqual(['CODE000001']);

    const stranger = setUp(user(), [sharer]);
    stranger.referrals.links = [link(sharer, 'CODE000001')];
    expect(await codeOf(stranger.service.referralTree(stranger.scope, { shareCode: 'CODE000001' }, 1))).toBe('FORBIDDEN');
    expect(await codeOf(stranger.service.referralTree(stranger.scope, { shareCode: 'NOSUCHCODE' }, 1))).toBe('NOT_FOUND');
  });

  test('a tree of more links than a page pages them all, and its figures cover the whole tree', async () => {
    const sharer = user();
    const { service, referrals, scope } = setUp(sharer);
    referrals.links = [link(sharer, 'ROOT000001')];
    const size = TREE_PAGE.max + 1;
    referrals.rows = Array.from({ length: size }, (_, i) => row(sharer, `C${String(i).padStart(9, '0')}`, i === 0 ? 0 : 1, { visits: 1 }));

    const tree = await service.referralTree(scope, { userId: sharer.id }, 10);
    // The totals are the whole tree's, not a page's (there used to be a silent cap at 1,000).
    expect(tree.totals.visits).toBe(size);

    const first = await service.treeNodes(scope, tree.rows, TREE_PAGE.max, null);
    expect(first.edges).toHaveLength(TREE_PAGE.max);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(size);
    const rest = await service.treeNodes(scope, tree.rows, TREE_PAGE.max, first.pageInfo.endCursor);
    expect(rest.edges.map((e) => e.node.code)).toEqual([`C${String(size - 1).padStart(9, '0')}`]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(await codeOf(service.treeNodes(scope, tree.rows, TREE_PAGE.max + 1, null))).toBe('BAD_USER_INPUT');
  });

  test('a member who shared nothing gets an empty tree without the tree being queried', async () => {
    const { service, referrals, scope } = setUp(user());
    const tree = await service.referralTree(scope, { userId: (await scope.requireViewer()).id }, 2);
    expect(tree).toEqual({ rows: [], depths: [], totals: { links: 0, visits: 0, signUps: 0, buyers: 0, orders: 0, gmv: [] } });
    expect(referrals.treeAsked).toEqual([]);
  });

  // One root per lookup field (referralTreeOfUser, ...OfShareLink, ...OfNote, ...OfProduct): TreeRoot holds exactly one key.
  test('the depth is 0 to 10, and the tree is for signed-in viewers', async () => {
    const viewer = user();
    const { service, scope } = setUp(viewer);
    expect(await codeOf(service.referralTree(scope, { userId: viewer.id }, 11))).toBe('BAD_USER_INPUT');
    expect(await codeOf(service.referralTree(scope, { userId: viewer.id }, -1))).toBe('BAD_USER_INPUT');
    expect(await codeOf(service.referralTree(scopeFor(null), { userId: viewer.id }, 1))).toBe('UNAUTHENTICATED');
  });
});

describe('orderTouchpoints: which share code an order may credit', () => {
  const now = 1_700_000_000_000;
  const since = now - 7 * 24 * 3600_000;
  const order = (scope: Scope, buyer: UserRecord, shareCode: string | null) =>
    ({ buyerId: buyer.id, visitorId: null, productIds: ['product-1'], groupId: null, shareCode, since, now });

  function withCode(opening: LinkOpening | null) {
    const buyer = user();
    const sharer = user();
    const env = setUp(buyer, [sharer]);
    env.referrals.links = [link(sharer, 'GIVEN00001')];
    env.referrals.touchpoints = [{ kind: 'NOTE', ref: 'note-1', at: since + 1000 }];
    env.referrals.opening = opening;
    return { ...env, buyer };
  }

  test('a code for the ordered product, opened inside the window, is the last touch, at the time of purchase', async () => {
    const { service, scope, buyer } = withCode({ targetType: 'PRODUCT', targetId: 'product-1', lastOpenedAt: now - 60_000, noteFeaturesOrderedProduct: false });
    const touches = await service.orderTouchpoints(scope, order(scope, buyer, 'GIVEN00001'));
    expect(touches).toEqual([{ kind: 'NOTE', ref: 'note-1', at: since + 1000 }, { kind: 'SHARE_LINK', ref: 'GIVEN00001', at: now }]);
  });

  test.each([
    ['a code for another product', { targetType: 'PRODUCT', targetId: 'product-2', lastOpenedAt: now - 60_000, noteFeaturesOrderedProduct: false }],
    ['a code the buyer never opened', { targetType: 'PRODUCT', targetId: 'product-1', lastOpenedAt: null, noteFeaturesOrderedProduct: false }],
    ['a code opened before the window', { targetType: 'PRODUCT', targetId: 'product-1', lastOpenedAt: since - 1, noteFeaturesOrderedProduct: false }],
    ['a note code whose note features none of the products', { targetType: 'NOTE', targetId: 'note-9', lastOpenedAt: now - 60_000, noteFeaturesOrderedProduct: false }],
  ] as [string, LinkOpening][])('%s is left out: the order is placed crediting nobody for it', async (_, opening) => {
    const { service, scope, buyer } = withCode(opening);
    const touches = await service.orderTouchpoints(scope, order(scope, buyer, 'GIVEN00001'));
    expect(touches.map((t) => t.kind)).toEqual(['NOTE']);
  });

  test('an unknown code at checkout is NOT_FOUND', async () => {
    const { service, scope, buyer } = withCode(null);
    expect(await codeOf(service.orderTouchpoints(scope, order(scope, buyer, 'NOSUCHCODE')))).toBe('NOT_FOUND');
  });
});

describe('orderAttribution', () => {
  const buyer = user();
  const merchant = user({ role: Role.MERCHANT });
  const placed: OrderRecord = { id: randomUUID(), status: OrderStatus.PLACED, totalMinor: 1000, currency: 'CNY', createdAt: 5000, updatedAt: 5000, flagged: false, buyerId: buyer.id, merchantId: merchant.id, viaCode: 'LINKB00001', items: [], subtotalMinor: 1000, discountMinor: 0, coupons: [] };

  function asViewer(viewer: UserRecord) {
    const env = setUp(viewer);
    provide(env.scope, commerceRepository, 'commerce.repository', new FakeOrders([placed]));
    env.referrals.touchesOfOrder = [
      { kind: 'SHARE_LINK', ref: 'LINKB00001', at: 3000 },
      { kind: 'SHARE_LINK', ref: 'LINKA00001', at: 1000 },
      { kind: 'NOTE', ref: 'note-1', at: 2000 },
    ];
    return env;
  }

  test('an order with two share links credits, under LAST_TOUCH, the last one before purchase', async () => {
    const { service, scope } = asViewer(buyer);
    const { touchpoints } = await service.orderAttribution(scope, placed.id, AttributionModel.LAST_TOUCH);
    expect(touchpoints.map((t) => [t.ref, t.credit])).toEqual([['LINKA00001', cny(0)], ['note-1', cny(0)], ['LINKB00001', cny(1000)]]);
  });

  test('POSITION_BASED gives the first and last touch 40% each and the middle 20%, adding up to the total', async () => {
    const { service, scope } = asViewer(merchant);
    const { touchpoints } = await service.orderAttribution(scope, placed.id, AttributionModel.POSITION_BASED);
    expect(touchpoints.map((t) => t.credit.amountMinor)).toEqual([400, 200, 400]);
  });

  test("someone else's order answers as an unknown one", async () => {
    const { service, scope } = asViewer(user());
    expect(await codeOf(service.orderAttribution(scope, placed.id, AttributionModel.LINEAR))).toBe('NOT_FOUND');
  });
});

describe('referral lists a page at a time', () => {
  const nodes = <T>(connection: { edges: { node: T }[] }) => connection.edges.map((e) => e.node);

  test("a chain's hops page from the first sharer to the buyer, each page after the last hop read", async () => {
    const sharers = Array.from({ length: 14 }, () => user());
    const buyer = user();
    const env = setUp(buyer, sharers);
    env.referrals.links = sharers.map((s, i) => link(s, `CHAIN${String(i).padStart(5, '0')}`, { depth: i, parentCode: i ? `CHAIN${String(i - 1).padStart(5, '0')}` : null, createdAt: 1000 + i }));
    const order: OrderRecord = { id: randomUUID(), status: OrderStatus.PLACED, totalMinor: 100, currency: 'CNY', createdAt: 9000, updatedAt: 9000, flagged: false, buyerId: buyer.id, merchantId: user().id, viaCode: 'CHAIN00013', items: [], subtotalMinor: 100, discountMinor: 0, coupons: [] };
    provide(env.scope, commerceRepository, 'commerce.repository', new FakeOrders([order]));
    const chain = await env.service.referralChain(env.scope, order.id);
    expect(chain.length).toBe(14);

    const first = await env.service.chainHops(env.scope, chain, 10, null);
    expect(first.totalCount).toBe(15);
    expect(nodes(first).map((h) => h.user.id)).toEqual(sharers.slice(0, 10).map((s) => s.id));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await env.service.chainHops(env.scope, chain, 10, first.pageInfo.endCursor);
    expect(nodes(rest).map((h) => h.user.id)).toEqual([...sharers.slice(10).map((s) => s.id), buyer.id]);
    expect(nodes(rest).map((h) => h.shareLink?.code ?? null)).toEqual(['CHAIN00010', 'CHAIN00011', 'CHAIN00012', 'CHAIN00013', null]);
    expect(nodes(rest)[4]).toMatchObject({ channel: null, createdAt: new Date(9000) });
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(await codeOf(env.service.chainHops(env.scope, chain, 101, null))).toBe('BAD_USER_INPUT');
  });

  test('an order that came through no link has one hop, its buyer, and reads no chain', async () => {
    const buyer = user();
    const env = setUp(buyer);
    const order: OrderRecord = { id: randomUUID(), status: OrderStatus.PLACED, totalMinor: 100, currency: 'CNY', createdAt: 9000, updatedAt: 9000, flagged: false, buyerId: buyer.id, merchantId: user().id, viaCode: null, items: [], subtotalMinor: 100, discountMinor: 0, coupons: [] };
    provide(env.scope, commerceRepository, 'commerce.repository', new FakeOrders([order]));
    const chain = await env.service.referralChain(env.scope, order.id);
    const hops = await env.service.chainHops(env.scope, chain, null, null);
    expect({ length: chain.length, totalCount: hops.totalCount, users: nodes(hops).map((h) => h.user.id) }).toEqual({ length: 0, totalCount: 1, users: [buyer.id] });
    expect(env.referrals.chainAsked).toEqual([]);
  });

  test("a cascade's hops page by depth, an order's touchpoints by position", async () => {
    const { service } = setUp(user());
    const hops = [0, 1, 2, 3, 4].map((depth) => ({ depth, links: 1 }));
    const shallow = service.cascadeHops(hops, 2, null);
    expect(nodes(shallow).map((h) => h.depth)).toEqual([0, 1]);
    expect(nodes(service.cascadeHops(hops, 2, shallow.pageInfo.endCursor)).map((h) => h.depth)).toEqual([2, 3]);
    expect(service.cascadeHops(hops, null, null)).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: false } });

    const touchpoints = ['a', 'b', 'c'].map((ref, i) => ({ ref, weight: i === 2 ? 1 : 0 }));
    const page = service.touchpointPage(touchpoints, 2, null);
    expect(nodes(page).map((t) => t.ref)).toEqual(['a', 'b']);
    expect(nodes(service.touchpointPage(touchpoints, 2, page.pageInfo.endCursor))).toEqual([{ ref: 'c', weight: 1 }]);
    expect(await codeOf(Promise.resolve().then(() => service.touchpointPage(touchpoints, 0, null)))).toBe('BAD_USER_INPUT');
  });
});
