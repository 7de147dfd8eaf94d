import { randomUUID } from 'node:crypto';
import { isInterfaceType } from 'graphql';
import { startTestApp, TestApp } from '../helpers/app';
import { follow, people, postNote, type Person } from '../helpers/people';
import { listProduct, offerGroupBuy, orderInput, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import {
  CommentDocument,
  CreateGroupDocument,
  DmStartDocument,
  PlaceOrderDocument,
  RelayNodeDocument,
  RelayNodesDocument,
  ShareDocument,
  StartGroupBuyDocument,
  VisibilityBlockDocument,
} from '../generated/graphql';
import { kindsQuery } from '../../src/node/repository';
import { nodeTypes, type NodeLookups } from '../../src/app/nodes';

// Relay Global Object Identification (issue 21, section 1): every type that implements Node is
// refetched by node(id), and node(id) shows a viewer exactly what the type's own lookup shows.

let t: TestApp;
let admin: Person;
let merchant: Person;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, 'relay-admin@example.com');
  merchant = await signUpMerchant(t, admin, 'relay_merchant');
});
afterAll(() => t.close());

const nodeAs = async (id: string, who: Person | null) => (await t.ok(RelayNodeDocument, { id }, who?.token ?? null)).node;

async function placeOrder(buyer: Person, productId: string): Promise<string> {
  return (await t.ok(PlaceOrderDocument, { input: orderInput(productId) }, buyer.token)).placeOrder.order!.id;
}

async function createGroup(owner: Person, visibility: 'OPEN' | 'SECRET' = 'OPEN'): Promise<string> {
  const name = `Relay circle ${Math.random().toString(36).slice(2, 8)}`;
  return (await t.ok(CreateGroupDocument, { input: { name, visibility } }, owner.token)).createGroup.group!.id;
}

/** A merchant coupon on offer now, for the Coupon and CouponClaim fixtures. */
async function createCoupon(): Promise<string> {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const data = await t.ok<{ createCoupon: { coupon: { id: string } } }>(
    `mutation($input: CreateCouponInput!) { createCoupon(input: $input) { coupon { id } } }`,
    { input: { name: 'Relay coupon', kind: 'AMOUNT_OFF', scope: 'MERCHANT', amountOffMinor: 500, totalQuantity: 10, claimEndsAt: at(3_600_000), useEndsAt: at(7_200_000) } },
    merchant.token,
  );
  return data.createCoupon.coupon.id;
}

/** One object of each Node type, made through the API, with someone who may read it. */
type Fixture = () => Promise<{ id: string; viewer: Person }>;

describe('every Node implementer is refetched by node(id) (the Relay server specification)', () => {
  const fixtures: Record<string, Fixture> = {
    User: async () => {
      const { mei } = await people(t, ['mei']);
      return { id: mei.id, viewer: mei };
    },
    Note: async () => {
      const { author } = await people(t, ['author']);
      return { id: (await postNote(t, author)).id, viewer: author };
    },
    Comment: async () => {
      const { author } = await people(t, ['author']);
      const note = await postNote(t, author);
      return { id: (await t.ok(CommentDocument, { id: note.id, text: 'So glowy' }, author.token)).comment.comment!.id, viewer: author };
    },
    Product: async () => ({ id: await listProduct(t, merchant), viewer: merchant }),
    Order: async () => {
      const { buyer } = await people(t, ['buyer']);
      return { id: await placeOrder(buyer, await listProduct(t, merchant)), viewer: buyer };
    },
    Group: async () => {
      const { owner } = await people(t, ['owner']);
      return { id: await createGroup(owner), viewer: owner };
    },
    ShareLink: async () => {
      const { sharer } = await people(t, ['sharer']);
      const productId = await listProduct(t, merchant);
      const link = (await t.ok(ShareDocument, { target: { productId }, channel: 'WECHAT' }, sharer.token)).share.shareLink!;
      return { id: link.code, viewer: sharer };
    },
    Conversation: async () => {
      const { mei, lin } = await people(t, ['mei', 'lin']);
      return { id: (await t.ok(DmStartDocument, { userIds: [lin.id] }, mei.token)).startConversation.conversation!.id, viewer: mei };
    },
    GroupBuyOffer: async () => ({ id: await offerGroupBuy(t, merchant, await listProduct(t, merchant)), viewer: merchant }),
    GroupBuy: async () => {
      const { starter } = await people(t, ['starter']);
      const offerId = await offerGroupBuy(t, merchant, await listProduct(t, merchant));
      return { id: (await t.ok(StartGroupBuyDocument, { input: { offerId } }, starter.token)).startGroupBuy.groupBuy!.id, viewer: starter };
    },
    LiveRoom: async () => {
      // The merchant hosts a room selling their own product.
      const productId = await listProduct(t, merchant);
      const room = await t.ok<{ scheduleLiveRoom: { liveRoom: { id: string } } }>(
        `mutation($p: ID!, $at: DateTimeISO!) { scheduleLiveRoom(input: { title: "Relay live", coverUrl: "https://img.example.com/c.jpg", streamUrl: "https://live.example.com/s.m3u8", scheduledStartAt: $at, productIds: [$p] }) { liveRoom { id } } }`,
        { p: productId, at: new Date(Date.now() + 3_600_000).toISOString() },
        merchant.token,
      );
      return { id: room.scheduleLiveRoom.liveRoom.id, viewer: merchant };
    },
    Review: async () => {
      const { buyer } = await people(t, ['buyer']);
      const productId = await listProduct(t, merchant);
      const orderId = await placeOrder(buyer, productId);
      const review = await t.ok<{ reviewProduct: { review: { id: string } } }>(
        `mutation($o: ID!, $p: ID!) { reviewProduct(input: { orderId: $o, productId: $p, rating: 5, text: "Worth it" }) { review { id } } }`,
        { o: orderId, p: productId },
        buyer.token,
      );
      return { id: review.reviewProduct.review.id, viewer: buyer };
    },
    Coupon: async () => ({ id: await createCoupon(), viewer: merchant }),
    CouponClaim: async () => {
      const { holder } = await people(t, ['holder']);
      const claim = await t.ok<{ claimCoupon: { claim: { id: string } } }>(
        `mutation($c: ID!, $k: String!) { claimCoupon(input: { couponId: $c, idempotencyKey: $k }) { claim { id } } }`,
        { c: await createCoupon(), k: randomUUID() },
        holder.token,
      );
      return { id: claim.claimCoupon.claim.id, viewer: holder };
    },
  };

  const implementers = () => {
    const node = t.app.schema.getType('Node');
    if (!node || !isInterfaceType(node)) throw new Error('the schema has no Node interface');
    return t.app.schema.getImplementations(node).objects.map((type) => type.name).sort();
  };

  test('each implementer has a fixture here (a new Node type adds one)', () => {
    expect(Object.keys(fixtures).sort()).toEqual(implementers());
  });

  test.each(Object.keys(fixtures))('%s: node(id) answers the object, typed, to someone who may see it', async (type) => {
    const { id, viewer } = await fixtures[type]!();
    expect(await nodeAs(id, viewer)).toEqual({ __typename: type, id });
  });

  test('the registry covers every implementer, and the type lookup is one index seek per type', async () => {
    const registered = nodeTypes({} as NodeLookups);
    expect(registered.map((r) => r.type).sort()).toEqual(implementers());
    const query = kindsQuery(registered.map((r) => ({ label: r.label ?? r.type, key: r.key ?? 'id' })));
    const { summary } = await t.db.driver.executeQuery(`EXPLAIN ${query.text}`, { ids: ['x'] });
    const operators: string[] = [];
    const walk = (plan: { operatorType: string; children: unknown[] }) => {
      operators.push(plan.operatorType);
      for (const child of plan.children) walk(child as typeof plan);
    };
    walk(summary.plan as unknown as { operatorType: string; children: unknown[] });
    expect(operators.filter((o) => /UniqueIndexSeek/.test(o))).toHaveLength(registered.length);
    expect(operators.filter((o) => /Scan/.test(o))).toEqual([]);
  });
});

describe('node(id) applies the type\'s own visibility rule', () => {
  test('a FOLLOWERS note is null to a stranger and a note to its author and their followers', async () => {
    const { author, fan, stranger } = await people(t, ['author', 'fan', 'stranger']);
    await follow(t, fan, author);
    const note = await postNote(t, author, { visibility: 'FOLLOWERS' });
    expect(await nodeAs(note.id, stranger)).toBeNull();
    expect(await nodeAs(note.id, null)).toBeNull();
    expect(await nodeAs(note.id, fan)).toEqual({ __typename: 'Note', id: note.id });
    expect(await nodeAs(note.id, author)).toEqual({ __typename: 'Note', id: note.id });
  });

  test('a SECRET group and its notes are null to non-members', async () => {
    const { owner, stranger } = await people(t, ['owner', 'stranger']);
    const groupId = await createGroup(owner, 'SECRET');
    const note = await postNote(t, owner, { groupId });
    expect(await nodeAs(groupId, stranger)).toBeNull();
    expect(await nodeAs(note.id, stranger)).toBeNull();
    expect(await nodeAs(groupId, owner)).toEqual({ __typename: 'Group', id: groupId });
    expect(await nodeAs(note.id, owner)).toEqual({ __typename: 'Note', id: note.id });
  });

  test('a block either way hides the notes and comments of the other', async () => {
    const { author, blocked } = await people(t, ['author', 'blocked']);
    const note = await postNote(t, author);
    const comment = (await t.ok(CommentDocument, { id: note.id, text: 'Mine too' }, author.token)).comment.comment!;
    await t.ok(VisibilityBlockDocument, { id: blocked.id }, author.token);
    expect(await nodeAs(note.id, blocked)).toBeNull();
    expect(await nodeAs(comment.id, blocked)).toBeNull();
    expect(await nodeAs(note.id, author)).toEqual({ __typename: 'Note', id: note.id });
  });

  test("someone else's order is null; its buyer, its merchant and admins read it", async () => {
    const { buyer, stranger } = await people(t, ['buyer', 'stranger']);
    const orderId = await placeOrder(buyer, await listProduct(t, merchant));
    expect(await nodeAs(orderId, stranger)).toBeNull();
    expect(await nodeAs(orderId, null)).toBeNull();
    for (const reader of [buyer, merchant, admin]) expect(await nodeAs(orderId, reader)).toEqual({ __typename: 'Order', id: orderId });
  });

  test('an unknown id, and one of no registered type, are null', async () => {
    const { mei } = await people(t, ['mei']);
    expect(await nodeAs(randomUUID(), mei)).toBeNull();
    expect(await nodeAs('not an id of anything', mei)).toBeNull();
  });
});

describe('nodes(ids)', () => {
  test('answers in the order of the ids, null where node(id) is null, and repeats a repeated id', async () => {
    const { buyer, author, fan } = await people(t, ['buyer', 'author', 'fan']);
    const orderId = await placeOrder(buyer, await listProduct(t, merchant));
    const open = await postNote(t, author, { title: 'Open to all' });
    const followersOnly = await postNote(t, author, { visibility: 'FOLLOWERS' });
    const unknown = randomUUID();
    const { nodes } = await t.ok(RelayNodesDocument, { ids: [orderId, open.id, unknown, followersOnly.id, orderId, author.id] }, buyer.token);
    expect(nodes).toEqual([
      { __typename: 'Order', id: orderId, status: 'PLACED' },
      { __typename: 'Note', id: open.id, title: 'Open to all' },
      null,
      null,
      { __typename: 'Order', id: orderId, status: 'PLACED' },
      { __typename: 'User', id: author.id },
    ]);
    await follow(t, fan, author);
    expect((await t.ok(RelayNodesDocument, { ids: [followersOnly.id, orderId] }, fan.token)).nodes).toEqual([{ __typename: 'Note', id: followersOnly.id, title: followersOnly.title }, null]);
  });

  test('finds the types of any number of ids in one round trip', async () => {
    const before = t.db.totals.roundTrips;
    const { nodes } = await t.ok(RelayNodesDocument, { ids: Array.from({ length: 100 }, () => randomUUID()) });
    expect(nodes).toEqual(Array(100).fill(null));
    expect(t.db.totals.roundTrips - before).toBe(1);
  });

  test('takes at most 100 ids of at most 100 characters', async () => {
    const tooMany = await t.gql(RelayNodesDocument, { ids: Array.from({ length: 101 }, () => randomUUID()) });
    expect(tooMany.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const tooLong = await t.gql(RelayNodeDocument, { id: 'x'.repeat(101) });
    expect(tooLong.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.ok(RelayNodesDocument, { ids: [] })).nodes).toEqual([]);
  });
});
