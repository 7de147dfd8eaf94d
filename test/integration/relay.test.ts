import { randomUUID } from 'node:crypto';
import { isInterfaceType } from 'graphql';
import { startTestApp, TestApp } from '../helpers/app';
import { follow, people, postNote, type Person } from '../helpers/people';
import { listProduct, offerGroupBuy, orderInput, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import {
  CommentDocument,
  CreateGroupDocument,
  DmStartDocument,
  OpenShareLinkDocument,
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
  // One order per link per minute: a second order through a link is flagged (the FraudFlag fixture).
  t = await startTestApp({ FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE: '1' });
  admin = await signUpAdmin(t, 'relay-admin@example.com');
  merchant = await signUpMerchant(t, admin, 'relay_merchant');
});
afterAll(() => t.close());

async function createReward(): Promise<string> {
  const name = `Relay badge ${Math.random().toString(36).slice(2, 8)}`;
  return (await gql(`mutation($name: String!) { createReward(input: { name: $name, costPoints: 1, iconKey: "badge-relay" }) { reward { id } } }`, { name }, admin)).createReward.reward.id;
}

/**
 * A group's moderation history: a member's note reported by another member, hidden by the owner,
 * and appealed by its author.
 */
async function moderatedNote() {
  const { owner, author, reporter } = await people(t, ['owner', 'author', 'reporter']);
  const groupId = await createGroup(owner);
  for (const member of [author, reporter]) await gql(`mutation($g: ID!) { joinGroup(input: { groupId: $g, acceptRules: true }) { status } }`, { g: groupId }, member);
  const note = await postNote(t, author, { groupId, title: 'Cheap followers, DM me' });
  await gql(`mutation($n: ID!) { report(input: { target: { noteId: $n }, reason: SPAM, details: "ad" }) { received } }`, { n: note.id }, reporter);
  const { moderationQueue } = await gql(`query($g: ID!) { moderationQueue(groupId: $g, first: 1) { nodes { id } } }`, { g: groupId }, owner);
  const caseId: string = moderationQueue.nodes[0].id;
  const { moderate } = await gql(`mutation($c: ID!) { moderate(input: { caseId: $c, action: HIDE, reason: "spam" }) { moderationAction { id } } }`, { c: caseId }, owner);
  const actionId: string = moderate.moderationAction.id;
  const { appeal } = await gql(`mutation($a: ID!) { appeal(input: { actionId: $a, text: "not spam" }) { appeal { id } } }`, { a: actionId }, author);
  const { moderationLog } = await gql(`query($g: ID!) { moderationLog(groupId: $g, first: 1) { nodes { id } } }`, { g: groupId }, owner);
  return { owner, author, reporter, caseId, actionId, appealId: appeal.appeal.id as string, entryId: moderationLog.nodes[0].id as string };
}

/** A LIVE room of the merchant with a product pinned, a fan who watches it, and someone the host blocked. */
async function liveRoomWithPin() {
  const { fan, blocked } = await people(t, ['fan', 'blocked']);
  const productId = await listProduct(t, merchant);
  const { scheduleLiveRoom } = await gql(
    `mutation($p: ID!, $at: DateTimeISO!) { scheduleLiveRoom(input: { title: "Relay live", coverUrl: "https://img.example.com/c.jpg", streamUrl: "https://live.example.com/s.m3u8", scheduledStartAt: $at, productIds: [$p] }) { liveRoom { id } } }`,
    { p: productId, at: new Date(Date.now() + 3_600_000).toISOString() },
    merchant,
  );
  const roomId: string = scheduleLiveRoom.liveRoom.id;
  await gql(`mutation($r: ID!) { startLive(input: { roomId: $r }) { liveRoom { id } } }`, { r: roomId }, merchant);
  const { pinProduct } = await gql(`mutation($r: ID!, $p: ID!) { pinProduct(input: { roomId: $r, productId: $p }) { liveRoom { pinnedProduct { id } } } }`, { r: roomId, p: productId }, merchant);
  await t.ok(VisibilityBlockDocument, { id: blocked.id }, merchant.token);
  return { roomId, pinId: pinProduct.liveRoom.pinnedProduct.id as string, fan, blocked };
}

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

/**
 * One object of each Node type, made through the API, with someone who may read it and (`notTo`)
 * viewers its own query or field would not show it to: node(id) answers them null. Only the types
 * in PUBLIC have nobody to hide from.
 */
type Fixture = () => Promise<{ id: string; viewer: Person; notTo?: (Person | null)[] }>;
/**
 * Types whose fixture object every viewer may read, signed in or not (what hides a group's group
 * buy, a held review or a SECRET group's share link is tested with those features).
 */
const PUBLIC = ['Badge', 'Coupon', 'GroupBuy', 'GroupBuyOffer', 'Product', 'Review', 'ShareLink', 'Topic', 'User'];

const gql = <T = any>(query: string, variables: Record<string, unknown>, who: Person) => t.ok<T>(query, variables, who.token); // eslint-disable-line @typescript-eslint/no-explicit-any
const newcomer = async () => (await people(t, ['nobody'])).nobody;

describe('every Node implementer is refetched by node(id) (the Relay server specification)', () => {
  const fixtures: Record<string, Fixture> = {
    User: async () => {
      const { mei } = await people(t, ['mei']);
      return { id: mei.id, viewer: mei };
    },
    Note: async () => {
      const { author, stranger } = await people(t, ['author', 'stranger']);
      return { id: (await postNote(t, author, { visibility: 'FOLLOWERS' })).id, viewer: author, notTo: [stranger, null] };
    },
    Comment: async () => {
      const { author, blocked } = await people(t, ['author', 'blocked']);
      const note = await postNote(t, author);
      const id = (await t.ok(CommentDocument, { id: note.id, text: 'So glowy' }, author.token)).comment.comment!.id;
      await t.ok(VisibilityBlockDocument, { id: blocked.id }, author.token);
      return { id, viewer: author, notTo: [blocked] };
    },
    Product: async () => ({ id: await listProduct(t, merchant), viewer: merchant }),
    Order: async () => {
      const { buyer, stranger } = await people(t, ['buyer', 'stranger']);
      return { id: await placeOrder(buyer, await listProduct(t, merchant)), viewer: buyer, notTo: [stranger, null] };
    },
    Group: async () => {
      const { owner, stranger } = await people(t, ['owner', 'stranger']);
      return { id: await createGroup(owner, 'SECRET'), viewer: owner, notTo: [stranger, null] };
    },
    ShareLink: async () => {
      const { sharer } = await people(t, ['sharer']);
      const productId = await listProduct(t, merchant);
      const link = (await t.ok(ShareDocument, { target: { productId }, channel: 'WECHAT' }, sharer.token)).share.shareLink!;
      return { id: link.code, viewer: sharer };
    },
    Conversation: async () => {
      const { mei, lin, stranger } = await people(t, ['mei', 'lin', 'stranger']);
      return { id: (await t.ok(DmStartDocument, { userIds: [lin.id] }, mei.token)).startConversation.conversation!.id, viewer: mei, notTo: [stranger, admin, null] };
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
      // Someone the host blocked does not see the host's rooms.
      const blocked = await newcomer();
      await t.ok(VisibilityBlockDocument, { id: blocked.id }, merchant.token);
      return { id: room.scheduleLiveRoom.liveRoom.id, viewer: merchant, notTo: [blocked] };
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
    DataExport: async () => {
      const { owner } = await people(t, ['owner']);
      const requested = await t.ok<{ requestDataExport: { dataExport: { id: string } } }>(`mutation { requestDataExport(input: {}) { dataExport { id } userErrors { code } } }`, {}, owner.token);
      return { id: requested.requestDataExport.dataExport.id, viewer: owner, notTo: [await newcomer(), null] };
    },
    Badge: async () => {
      // A first note earns FIRST_NOTE; badges are public, so a stranger refetches it.
      const { author, stranger } = await people(t, ['author', 'stranger']);
      await postNote(t, author);
      const held = await t.ok<{ user: { badges: { nodes: { id: string }[] } } }>(`query($id: ID!) { user(id: $id) { badges(first: 1) { nodes { id } } } }`, { id: author.id }, stranger.token);
      return { id: held.user.badges.nodes[0]!.id, viewer: stranger };
    },
    Session: async () => {
      const { mei } = await people(t, ['mei']);
      const { sessions } = await gql(`query { sessions(first: 1) { nodes { id } } }`, {}, mei);
      return { id: sessions.nodes[0].id, viewer: mei, notTo: [await newcomer(), admin, null] };
    },
    SecurityEvent: async () => {
      const { mei } = await people(t, ['mei']);
      await t.answer(`mutation($l: String!) { logIn(input: { login: $l, password: "wrong password" }) { userErrors { code } } }`, { l: mei.handle });
      const { securityEvents } = await gql(`query { securityEvents(first: 1) { nodes { id } } }`, {}, mei);
      return { id: securityEvents.nodes[0].id, viewer: mei, notTo: [await newcomer(), admin, null] };
    },
    PointEntry: async () => {
      const { mei } = await people(t, ['mei']);
      await gql(`mutation { checkIn { pointsEarned } }`, {}, mei);
      const { pointsHistory } = await gql(`query { pointsHistory(first: 1) { nodes { id } } }`, {}, mei);
      return { id: pointsHistory.nodes[0].id, viewer: mei, notTo: [await newcomer(), admin, null] };
    },
    Reward: async () => ({ id: await createReward(), viewer: await newcomer(), notTo: [null] }),
    Redemption: async () => {
      const { mei } = await people(t, ['mei']);
      await gql(`mutation { checkIn { pointsEarned } }`, {}, mei);
      const rewardId = await createReward();
      const { redeemPoints } = await gql(`mutation($r: ID!) { redeemPoints(input: { rewardId: $r }) { redemption { id } } }`, { r: rewardId }, mei);
      return { id: redeemPoints.redemption.id, viewer: mei, notTo: [await newcomer(), admin, null] };
    },
    Commission: async () => {
      const { sharer, buyer, stranger } = await people(t, ['sharer', 'buyer', 'stranger']);
      const productId = await listProduct(t, merchant);
      const { code } = (await t.ok(ShareDocument, { target: { productId }, channel: 'WECHAT' }, sharer.token)).share.shareLink!;
      await t.ok(OpenShareLinkDocument, { code }, buyer.token);
      await t.ok(PlaceOrderDocument, { input: orderInput(productId, 1, { shareCode: code }) }, buyer.token);
      const { commissions } = await gql(`query { commissions(first: 1) { nodes { id } } }`, {}, sharer);
      return { id: commissions.nodes[0].id, viewer: sharer, notTo: [buyer, stranger, merchant, null] };
    },
    CommissionRateSet: async () => {
      const campaign = `relay${Math.random().toString(36).slice(2, 8)}`;
      const { setCommissionRates } = await gql(
        `mutation($input: SetCommissionRatesInput!) { setCommissionRates(input: $input) { rateSet { id } } }`,
        { input: { scope: 'CAMPAIGN', campaign, levelRatesBps: [500], rewardDepth: 1 } },
        admin,
      );
      return { id: setCommissionRates.rateSet.id, viewer: admin, notTo: [await newcomer(), merchant, null] };
    },
    FraudFlag: async () => {
      const { sharer, first, second } = await people(t, ['sharer', 'first', 'second']);
      const productId = await listProduct(t, merchant);
      const { code } = (await t.ok(ShareDocument, { target: { productId }, channel: 'WECHAT' }, sharer.token)).share.shareLink!;
      const orderIds: string[] = [];
      for (const buyer of [first, second]) {
        await t.ok(OpenShareLinkDocument, { code }, buyer.token);
        orderIds.push((await t.ok(PlaceOrderDocument, { input: orderInput(productId, 1, { shareCode: code }) }, buyer.token)).placeOrder.order!.id);
      }
      const { order } = await gql(`query($id: ID!) { order(id: $id) { fraudFlags { id } } }`, { id: orderIds[1] }, admin);
      return { id: order.fraudFlags[0].id, viewer: admin, notTo: [second, sharer, merchant, null] };
    },
    ModerationCase: async () => {
      const { owner, author, reporter, caseId } = await moderatedNote();
      return { id: caseId, viewer: owner, notTo: [author, reporter, null] };
    },
    ModerationAction: async () => {
      const { author, reporter, actionId } = await moderatedNote();
      return { id: actionId, viewer: author, notTo: [reporter, null] };
    },
    Appeal: async () => {
      const { owner, reporter, appealId } = await moderatedNote();
      return { id: appealId, viewer: owner, notTo: [reporter, null] };
    },
    AuditLogEntry: async () => {
      const { owner, author, entryId } = await moderatedNote();
      return { id: entryId, viewer: owner, notTo: [author, merchant, null] };
    },
    GroupEvent: async () => {
      const { owner, stranger } = await people(t, ['owner', 'stranger']);
      const groupId = await createGroup(owner, 'SECRET');
      const { createGroupEvent } = await gql(
        `mutation($g: ID!, $at: DateTimeISO!) { createGroupEvent(input: { groupId: $g, title: "Swatch night", startsAt: $at, mode: ONLINE }) { event { id } } }`,
        { g: groupId, at: new Date(Date.now() + 86_400_000).toISOString() },
        owner,
      );
      return { id: createGroupEvent.event.id, viewer: owner, notTo: [stranger, null] };
    },
    GroupMember: async () => {
      const { owner, stranger } = await people(t, ['owner', 'stranger']);
      const groupId = await createGroup(owner, 'SECRET');
      const { group } = await gql(`query($g: ID!) { group(id: $g) { members(first: 1) { nodes { id } } } }`, { g: groupId }, owner);
      expect(group.members.nodes[0].id).toBe(`${groupId}:${owner.id}`);
      return { id: group.members.nodes[0].id, viewer: owner, notTo: [stranger, null] };
    },
    LiveComment: async () => {
      const { roomId, fan, blocked } = await liveRoomWithPin();
      const { sendLiveComment } = await gql(`mutation($r: ID!) { sendLiveComment(input: { roomId: $r, body: "How long does it last?" }) { comment { id } } }`, { r: roomId }, fan);
      // Someone in a block with the comment's author, in a room they may watch, does not see it either.
      const other = await newcomer();
      await t.ok(VisibilityBlockDocument, { id: other.id }, fan.token);
      return { id: sendLiveComment.comment.id, viewer: fan, notTo: [blocked, other] };
    },
    LiveProductPin: async () => {
      const { pinId, fan, blocked } = await liveRoomWithPin();
      return { id: pinId, viewer: fan, notTo: [blocked] };
    },
    Message: async () => {
      const { mei, lin, stranger } = await people(t, ['mei', 'lin', 'stranger']);
      const conversationId = (await t.ok(DmStartDocument, { userIds: [lin.id] }, mei.token)).startConversation.conversation!.id;
      const { sendMessage } = await gql(`mutation($c: ID!) { sendMessage(input: { conversationId: $c, text: "Which shade?" }) { message { id } } }`, { c: conversationId }, mei);
      return { id: sendMessage.message.id, viewer: lin, notTo: [stranger, admin, null] };
    },
    Collection: async () => {
      const { mei, stranger } = await people(t, ['mei', 'stranger']);
      const { createCollection } = await gql(`mutation { createCollection(input: { name: "Summer kit" }) { collection { id } } }`, {}, mei);
      return { id: createCollection.collection.id, viewer: mei, notTo: [stranger, admin, null] };
    },
    Topic: async () => {
      const { author } = await people(t, ['author']);
      const topic = `relay${Math.random().toString(36).slice(2, 8)}`;
      const note = await postNote(t, author, { topics: [topic] });
      const { note: read } = await gql(`query($id: ID!) { note(id: $id) { topics { id name } } }`, { id: note.id }, author);
      expect(read.topics).toEqual([{ id: `topic:${topic}`, name: topic }]);
      expect(await nodeAs('topic:never-tagged', author)).toBeNull();
      return { id: `topic:${topic}`, viewer: author };
    },
    Notification: async () => {
      const { mei, fan } = await people(t, ['mei', 'fan']);
      await follow(t, fan, mei);
      const { notifications } = await gql(`query { notifications(first: 1) { nodes { id } } }`, {}, mei);
      return { id: notifications.nodes[0].id, viewer: mei, notTo: [fan, admin, null] };
    },
    NotificationGroup: async () => {
      const { mei, fan } = await people(t, ['mei', 'fan']);
      await follow(t, fan, mei);
      const { notificationGroups } = await gql(`query { notificationGroups(first: 1) { nodes { id } } }`, {}, mei);
      return { id: notificationGroups.nodes[0].id, viewer: mei, notTo: [fan, admin, null] };
    },
    PointRuleSet: async () => {
      const current = await gql(`query { pointRules { action points dailyCap } }`, {}, admin);
      const checkIn = current.pointRules.find((r: { action: string }) => r.action === 'CHECK_IN');
      // The rules as they are, set again: a new version that changes nothing for tests running beside this one.
      const { setPointRules } = await gql(`mutation($rules: [PointRuleInput!]!) { setPointRules(input: { rules: $rules }) { ruleSet { id } } }`, { rules: [checkIn] }, admin);
      return { id: setPointRules.ruleSet.id, viewer: admin, notTo: [await newcomer(), merchant, null] };
    },
    Coupon: async () => ({ id: await createCoupon(), viewer: merchant }),
    CouponClaim: async () => {
      const { holder } = await people(t, ['holder']);
      const claim = await t.ok<{ claimCoupon: { claim: { id: string } } }>(
        `mutation($c: ID!, $k: String!) { claimCoupon(input: { couponId: $c, idempotencyKey: $k }) { claim { id } } }`,
        { c: await createCoupon(), k: randomUUID() },
        holder.token,
      );
      return { id: claim.claimCoupon.claim.id, viewer: holder, notTo: [await newcomer(), null] };
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

  test.each(Object.keys(fixtures))('%s: node(id) answers the object, typed, to someone who may see it, and null to those who may not', async (type) => {
    const { id, viewer, notTo = [] } = await fixtures[type]!();
    expect(await nodeAs(id, viewer)).toEqual({ __typename: type, id });
    if (!PUBLIC.includes(type)) expect(notTo.length).toBeGreaterThan(0);
    for (const other of notTo) expect([other?.handle ?? 'anonymous', await nodeAs(id, other)]).toEqual([other?.handle ?? 'anonymous', null]);
  });

  test('the registry covers every implementer, and the type lookup is one index seek per type', async () => {
    const all = nodeTypes({} as NodeLookups);
    expect(all.map((r) => r.type).sort()).toEqual(implementers());
    // GroupMember's and Topic's ids are found by their shape, without the kinds query.
    expect(all.filter((r) => r.idShape).map((r) => r.type).sort()).toEqual(['GroupMember', 'Topic']);
    const registered = all.filter((r) => !r.idShape);
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
