import { randomUUID } from 'node:crypto';
import { collect, FILE_PREFIX, startTestApp, TestApp } from '../helpers/app';
import { follow, people, postNote, signUp, Person } from '../helpers/people';
import { listProduct, orderInput, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import {
  BlockWithRelationDocument,
  CommissionsDocument,
  CreateGroupDocument,
  DmCardOrderDocument,
  DmAcceptDocument,
  DmConversationDocument,
  DmConversationsDocument,
  DmConversationUpdatedDocument,
  DmDecideHeldDocument,
  DmHeldMessagesDocument,
  DmDeleteMessageDocument,
  DmDeleteRequestDocument,
  DmLeaveDocument,
  DmMarkReadDocument,
  DmMessageAddedDocument,
  DmPlatformQueueDocument,
  DmProductCardsDocument,
  DmReportDocument,
  DmSendDocument,
  DmSetTypingDocument,
  DmSettingsDocument,
  DmTypingUpdatesDocument,
  DmStartDocument,
  DmUnreadDocument,
  DmUpdateSettingsDocument,
  OrderAttributionDocument,
  SensitiveWordsDocument,
  SetCommissionRatesDocument,
  SetSensitiveWordsDocument,
  type MessagingAudience,
  type OrderContextInput,
  type SendMessageInput,
} from '../generated/graphql';

/**
 * Direct messages (issue 20 §1), against the real Neo4j: people sign up, follow, and message.
 * The rate limits are lowered for this file's app, so one test can reach them; the other tests
 * stay well under them (each uses its own people, and the per-minute limit is per sender).
 */

const MESSAGES_PER_MINUTE = 25;
const CONVERSATIONS_PER_DAY = 12;
const TYPING_PER_MINUTE = 6;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ MESSAGES_MAX_PER_USER_PER_MINUTE: String(MESSAGES_PER_MINUTE), CONVERSATIONS_MAX_PER_USER_PER_DAY: String(CONVERSATIONS_PER_DAY), TYPING_MAX_PER_USER_PER_MINUTE: String(TYPING_PER_MINUTE) });
});
afterAll(async () => {
  // The shared cleanup removes users and what they posted; conversations and messages are this file's own.
  // Selected by this file's handles: the run's PREFIX would take other files' conversations mid-test.
  await t.db.driver.executeQuery(
    `MATCH (u:User)-[:IN_CONVERSATION]->(c:Conversation) WHERE u.handleLower STARTS WITH $prefix
     WITH DISTINCT c OPTIONAL MATCH (m:Message {conversationId: c.id}) DETACH DELETE m, c`,
    { prefix: FILE_PREFIX.toLowerCase() },
    { database: t.db.name },
  );
  await t.close();
});

const run = Math.random().toString(36).slice(2, 8);

async function start(who: Person, ...others: Person[]) {
  const { conversation } = (await t.ok(DmStartDocument, { userIds: others.map((o) => o.id) }, who.token)).startConversation;
  return conversation!;
}
async function send(who: Person, conversationId: string, text: string, extra: Partial<SendMessageInput> = {}) {
  return (await t.ok(DmSendDocument, { input: { conversationId, text, ...extra } }, who.token)).sendMessage.message!;
}
/** A send's user error code (or the top-level error's), 'OK' when it was sent. */
async function sendCode(who: Person, conversationId: string, text: string, extra: Partial<SendMessageInput> = {}) {
  const result = await t.gql(DmSendDocument, { input: { conversationId, text, ...extra } }, who.token);
  return result.errors?.[0]?.extensions.code ?? result.data?.sendMessage.userErrors[0]?.code ?? 'OK';
}
async function view(who: Person, id: string, page: { first?: number; after?: string; last?: number; before?: string } = {}) {
  return (await t.ok(DmConversationDocument, { id, ...page }, who.token)).conversation;
}
const texts = async (who: Person, id: string) => (await view(who, id))!.messages.edges.map((e) => e.node.text);
async function folderIds(who: Person, folder: 'INBOX' | 'REQUESTS') {
  return (await t.ok(DmConversationsDocument, { folder, first: 50 }, who.token)).conversations.edges.map((e) => e.node.id);
}
const setAudience = (who: Person, audience: MessagingAudience) => t.ok(DmUpdateSettingsDocument, { audience }, who.token);
const block = (who: Person, whom: Person) => t.ok(BlockWithRelationDocument, { id: whom.id }, who.token);
const unread = async (who: Person) => (await t.ok(DmUnreadDocument, {}, who.token)).unreadMessageCount;
async function stored(conversationId: string) {
  const { records } = await t.db.driver.executeQuery(
    'MATCH (c:Conversation {id: $id}) OPTIONAL MATCH (m:Message {conversationId: $id}) RETURN c.lastSeq AS lastSeq, count(m) AS messages',
    { id: conversationId },
    { database: t.db.name },
  );
  return { lastSeq: Number(records[0]!.get('lastSeq')), messages: Number(records[0]!.get('messages')) };
}
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('who may message whom: settings and requests', () => {
  test('the default is MUTUALS: a mutual lands in the inbox, a stranger in the requests', async () => {
    const { bea, mutual, stranger } = await people(t, ['bea', 'mutual', 'stranger']);
    expect((await t.ok(DmSettingsDocument, {}, bea.token)).messagingSettings.audience).toBe('MUTUALS');
    await follow(t, bea, mutual);
    await follow(t, mutual, bea);
    const fromMutual = await start(mutual, bea);
    const fromStranger = await start(stranger, bea);
    await send(mutual, fromMutual.id, 'hi Bea');
    await send(stranger, fromStranger.id, 'buy my stuff');
    expect(await folderIds(bea, 'INBOX')).toEqual([fromMutual.id]);
    expect(await folderIds(bea, 'REQUESTS')).toEqual([fromStranger.id]);
    // The starter's own copy is always in their inbox.
    expect(await folderIds(stranger, 'INBOX')).toEqual([fromStranger.id]);
    // Requests are not counted as unread until accepted.
    expect(await unread(bea)).toBe(1);
  });

  test('FOLLOWING lets in the people the user follows; EVERYONE anyone; NOBODY no one', async () => {
    const { bea, followed, stranger, mutual } = await people(t, ['bea', 'followed', 'stranger', 'mutual']);
    await follow(t, bea, followed);
    await follow(t, bea, mutual);
    await follow(t, mutual, bea);

    await setAudience(bea, 'FOLLOWING');
    const a = await start(followed, bea);
    await send(followed, a.id, 'you follow me');
    const b = await start(stranger, bea);
    await send(stranger, b.id, 'hello?');
    expect(await folderIds(bea, 'INBOX')).toEqual([a.id]);
    expect(await folderIds(bea, 'REQUESTS')).toEqual([b.id]);

    await setAudience(bea, 'EVERYONE');
    expect((await t.ok(DmSettingsDocument, {}, bea.token)).messagingSettings.audience).toBe('EVERYONE');
    const { stranger3 } = await people(t, ['stranger3']);
    const c = await start(stranger3, bea);
    await send(stranger3, c.id, 'anyone may');
    expect(await folderIds(bea, 'INBOX')).toContain(c.id);

    await setAudience(bea, 'NOBODY');
    const d = await start(mutual, bea);
    await send(mutual, d.id, 'even mutuals ask');
    expect(await folderIds(bea, 'REQUESTS')).toEqual([d.id, b.id]);
    // What was accepted before stays accepted.
    await send(followed, a.id, 'still here');
    expect(await folderIds(bea, 'INBOX')).toEqual(expect.arrayContaining([a.id, c.id]));
  });

  test('a request is accepted (or replied to) into the inbox, or deleted; a later message is a new request without the old history', async () => {
    const { bea, s1, s2 } = await people(t, ['bea', 's1', 's2']);
    const one = await start(s1, bea);
    await send(s1, one.id, 'first request');
    const two = await start(s2, bea);
    await send(s2, two.id, 'second request');
    expect((await view(bea, one.id))!.folder).toBe('REQUESTS');

    expect((await t.ok(DmAcceptDocument, { conversationId: one.id }, bea.token)).acceptMessageRequest.conversation!.folder).toBe('INBOX');
    expect(await folderIds(bea, 'INBOX')).toEqual([one.id]);

    await t.ok(DmDeleteRequestDocument, { conversationId: two.id }, bea.token);
    expect(await folderIds(bea, 'REQUESTS')).toEqual([]);
    expect(await view(bea, two.id)).toBeNull();
    // Only a request can be deleted as one.
    const notARequest = await t.gql(DmDeleteRequestDocument, { conversationId: one.id }, bea.token);
    expect(notARequest.data?.deleteMessageRequest.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['conversationId'] });

    await send(s2, two.id, 'asking again');
    expect(await folderIds(bea, 'REQUESTS')).toEqual([two.id]);
    expect(await texts(bea, two.id)).toEqual(['asking again']);
    expect(await texts(s2, two.id)).toEqual(['asking again', 'second request']);

    // Replying accepts.
    await send(bea, two.id, 'ok, what is it?');
    expect((await view(bea, two.id))!.folder).toBe('INBOX');
  });

  test('an invalid setting is refused as invalid input, and the setting is unchanged', async () => {
    const { bea } = await people(t, ['bea']);
    const result = await t.gql(DmUpdateSettingsDocument, { audience: 'FRIENDS' as MessagingAudience }, bea.token);
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.ok(DmSettingsDocument, {}, bea.token)).messagingSettings.audience).toBe('MUTUALS');
  });
});

describe('blocks stop messages both ways', () => {
  test('neither can start a conversation with the other', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    await block(ann, bob);
    for (const [from, to] of [[ann, bob], [bob, ann]] as const) {
      const result = await t.gql(DmStartDocument, { userIds: [to.id] }, from.token);
      expect(result.data?.startConversation).toMatchObject({ conversation: null, userErrors: [{ code: 'BLOCKED', field: ['userIds', '0'] }] });
    }
  });

  test('a block in an existing 1:1 refuses sends either way and hides the other side, writing nothing', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    await send(ann, c.id, 'from ann');
    await send(bob, c.id, 'from bob');
    await block(bob, ann);
    const before = await stored(c.id);
    expect(await sendCode(ann, c.id, 'are you there?')).toBe('BLOCKED');
    expect(await sendCode(bob, c.id, 'go away')).toBe('BLOCKED');
    expect(await stored(c.id)).toEqual(before);
    expect(await texts(ann, c.id)).toEqual(['from ann']);
    expect(await texts(bob, c.id)).toEqual(['from bob']);
  });

  test('in a group, a blocked member never sees the blocker’s messages, nor the blocker theirs', async () => {
    const { ann, bob, cat } = await people(t, ['ann', 'bob', 'cat']);
    const g = await start(ann, bob, cat);
    expect(g.kind).toBe('GROUP');
    await block(bob, ann);
    await send(ann, g.id, 'ann to all');
    await send(bob, g.id, 'bob to all');
    await send(cat, g.id, 'cat to all');
    expect(await texts(cat, g.id)).toEqual(['cat to all', 'bob to all', 'ann to all']);
    expect(await texts(bob, g.id)).toEqual(['cat to all', 'bob to all']);
    expect(await texts(ann, g.id)).toEqual(['cat to all', 'ann to all']);
  });
});

describe('cards are rendered for the recipient', () => {
  test('a note, product or group the recipient may not see is unavailable, never shown', async () => {
    const { author, sender, recipient } = await people(t, ['author', 'sender', 'recipient']);
    const admin = await signUpAdmin(t, `dm-${run}@example.com`);
    const merchant = await signUpMerchant(t, admin, 'card_merchant');
    const product = await listProduct(t, merchant, { title: `DM toner ${run}` });
    await follow(t, sender, author);
    const followersOnly = await postNote(t, author, { title: 'for my followers', body: 'secret recipe', visibility: 'FOLLOWERS' });
    const open = await postNote(t, author, { title: 'for everyone', body: 'public tips' });
    const secret = (await t.ok(CreateGroupDocument, { input: { name: `DM secret ${run}`, visibility: 'SECRET' } }, sender.token)).createGroup.group!.id;
    const c = await start(sender, recipient);
    const attachments = [
      { kind: 'NOTE' as const, id: followersOnly.id },
      { kind: 'NOTE' as const, id: open.id },
      { kind: 'PRODUCT' as const, id: product },
      { kind: 'GROUP_INVITE' as const, id: secret },
    ];
    const sent = await send(sender, c.id, 'look at these', { attachments });
    expect(sent.attachments.map((a) => a.__typename)).toEqual(['NoteCard', 'NoteCard', 'ProductCard', 'GroupInviteCard']);

    const bySender = (await view(sender, c.id))!.messages.edges[0]!.node.attachments;
    expect(bySender).toEqual([
      { __typename: 'NoteCard', isAvailable: true, note: { id: followersOnly.id, title: 'for my followers', body: 'secret recipe' } },
      { __typename: 'NoteCard', isAvailable: true, note: { id: open.id, title: 'for everyone', body: 'public tips' } },
      { __typename: 'ProductCard', isAvailable: true, product: { id: product, title: `DM toner ${run}` } },
      { __typename: 'GroupInviteCard', isAvailable: true, group: { id: secret, name: `DM secret ${run}` } },
    ]);
    const byRecipient = (await view(recipient, c.id))!.messages.edges[0]!.node.attachments;
    expect(byRecipient).toEqual([
      { __typename: 'NoteCard', isAvailable: false, note: null },
      { __typename: 'NoteCard', isAvailable: true, note: { id: open.id, title: 'for everyone', body: 'public tips' } },
      { __typename: 'ProductCard', isAvailable: true, product: { id: product, title: `DM toner ${run}` } },
      { __typename: 'GroupInviteCard', isAvailable: false, group: null },
    ]);
    expect(JSON.stringify(byRecipient)).not.toContain('secret recipe');

    // Once the recipient follows the author, the same card shows the note.
    await follow(t, recipient, author);
    expect((await view(recipient, c.id))!.messages.edges[0]!.node.attachments[0]).toMatchObject({ isAvailable: true, note: { id: followersOnly.id } });
  });

  test('the sender cannot attach what they cannot see, nor more than 4 cards; nothing is written', async () => {
    const { author, sender, recipient } = await people(t, ['author', 'sender', 'recipient']);
    const hidden = await postNote(t, author, { title: 'followers only', visibility: 'FOLLOWERS' });
    const c = await start(sender, recipient);
    const refused = await t.gql(DmSendDocument, { input: { conversationId: c.id, text: 'see', attachments: [{ kind: 'NOTE', id: hidden.id }] } }, sender.token);
    expect(refused.data?.sendMessage).toMatchObject({ message: null, userErrors: [{ code: 'NOT_FOUND', field: ['attachments', '0', 'id'] }] });
    const five = Array.from({ length: 5 }, () => ({ kind: 'PRODUCT' as const, id: randomUUID() }));
    const tooMany = await t.gql(DmSendDocument, { input: { conversationId: c.id, text: 'five', attachments: five } }, sender.token);
    expect(tooMany.data?.sendMessage.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['attachments'] });
    expect(await stored(c.id)).toEqual({ lastSeq: 0, messages: 0 });
  });
});

describe('buying from a product card', () => {
  const PRICE = 10000;
  let admin: Person;
  let merchant: Person;
  beforeAll(async () => {
    admin = await signUpAdmin(t, `dmcards-${run}@example.com`);
    merchant = await signUpMerchant(t, admin, 'dm_card_shop');
    // The merchant's own rates, so what the sender earns does not hang on the global set other files may change.
    await t.ok(SetCommissionRatesDocument, { input: { scope: 'MERCHANT', merchantId: merchant.id, levelRatesBps: [1000], rewardDepth: 1 } }, admin.token);
  });

  const cardOf = (product: string) => ({ attachments: [{ kind: 'PRODUCT' as const, id: product }] });
  /** The order answer (userErrors included) of buying one unit with this context. */
  const buy = async (who: Person, product: string, context: OrderContextInput) => (await t.answer(DmCardOrderDocument, { input: orderInput(product, 1, context) }, who.token)).placeOrder;
  async function linksOf(sharer: Person, product: string) {
    const { records } = await t.db.driver.executeQuery(
      `MATCH (:User {id: $sharer})-[:SHARED]->(l:ShareLink {targetType: 'PRODUCT', targetId: $product}) RETURN l.code AS code, l.channel AS channel`,
      { sharer: sharer.id, product },
      { database: t.db.name },
    );
    return records.map((r) => ({ code: r.get('code') as string, channel: r.get('channel') as string }));
  }
  async function cardCodes(messageId: string) {
    const { records } = await t.db.driver.executeQuery('MATCH (m:Message {id: $id}) RETURN m.attachmentCodes AS codes', { id: messageId }, { database: t.db.name });
    return records[0]!.get('codes') as string[];
  }
  const earned = async (who: Person) => (await t.ok(CommissionsDocument, {}, who.token)).commissions;
  const touchpoints = async (who: Person, orderId: string) => (await t.ok(OrderAttributionDocument, { id: orderId, m: 'LAST_TOUCH' }, who.token)).orderAttribution!.touchpoints.nodes.map(({ touchedAt: _at, ...touchpoint }) => touchpoint);

  test('the card carries its sender’s DM link (one per sender and product); the recipient’s order records a DM touchpoint and pays the sender', async () => {
    const product = await listProduct(t, merchant, { priceMinor: PRICE, title: `DM serum ${run}` });
    const { sender, recipient } = await people(t, ['sender', 'recipient']);
    const c = await start(sender, recipient);
    const first = await send(sender, c.id, 'this one is great for oily skin', cardOf(product));
    const second = await send(sender, c.id, 'again, in case you missed it', { attachments: [{ kind: 'NOTE', id: (await postNote(t, sender)).id }, { kind: 'PRODUCT', id: product }] });
    const links = await linksOf(sender, product);
    expect(links).toEqual([{ code: expect.any(String), channel: 'DIRECT_MESSAGE' }]);
    const code = links[0]!.code;
    expect(await cardCodes(first.id)).toEqual([code]);
    expect(await cardCodes(second.id)).toEqual(['', code]);
    // The recipient reads the link on the card.
    const cards = (await t.ok(DmProductCardsDocument, { id: c.id }, recipient.token)).conversation!.messages.edges.map((e) => e.node.attachments);
    const carried = { __typename: 'ProductCard', isAvailable: true, shareLink: { code, channel: 'DIRECT_MESSAGE', sharer: { id: sender.id } } };
    expect(cards).toEqual([[{ __typename: 'NoteCard' }, carried], [carried]]);

    const { order } = await buy(recipient, product, { messageId: second.id });
    expect(order).toMatchObject({ isFlagged: false, shareLink: { code, channel: 'DIRECT_MESSAGE', sharer: { id: sender.id } } });
    expect(await touchpoints(recipient, order!.id)).toEqual([{ kind: 'DIRECT_MESSAGE', ref: code, weight: 1, credit: { amountMinor: PRICE, currency: 'CNY' } }]);
    expect(await earned(sender)).toEqual({
      totalCount: 1,
      nodes: [{ level: 1, amount: { amountMinor: PRICE / 10, currency: 'CNY' }, status: 'PENDING', shareCode: code, shareLink: { code }, orderId: order!.id, order: null }],
    });
  });

  test('a message id from a conversation the buyer is not in is refused as unknown, and nothing is ordered; the sender’s own card earns nothing', async () => {
    const product = await listProduct(t, merchant, { priceMinor: PRICE, stock: 10 });
    const { sender, recipient, outsider } = await people(t, ['sender', 'recipient', 'outsider']);
    const c = await start(sender, recipient);
    const m = await send(sender, c.id, 'look', cardOf(product));

    // Refused like an unknown note or share code in the same context: NOT_FOUND, the same answer as for an id that does not exist.
    const refused = await buy(outsider, product, { messageId: m.id });
    const unknown = await buy(outsider, product, { messageId: randomUUID() });
    expect(refused).toEqual({ order: null, userErrors: [{ field: ['context', 'messageId'], code: 'NOT_FOUND', message: expect.any(String) }] });
    expect(unknown).toEqual(refused);
    const { records } = await t.db.driver.executeQuery('MATCH (:User {id: $id})-[:PLACED]->(o:Order) RETURN count(o) AS n', { id: outsider.id }, { database: t.db.name });
    expect(Number(records[0]!.get('n'))).toBe(0);

    // The sender buying from their own card is served, crediting nobody, as with their own share link.
    const own = (await buy(sender, product, { messageId: m.id })).order!;
    expect(own).toMatchObject({ isFlagged: false, shareLink: null });
    expect(await touchpoints(sender, own.id)).toEqual([]);
    expect((await earned(sender)).totalCount).toBe(0);

    // A card for another product credits nothing either.
    const other = await listProduct(t, merchant, { priceMinor: PRICE });
    const elsewhere = (await buy(recipient, other, { messageId: m.id })).order!;
    expect(elsewhere.shareLink).toBeNull();
    expect((await earned(sender)).totalCount).toBe(0);
  });

  test('a deleted message keeps no card and credits nobody; a sender in a block with the buyer is unknown to them', async () => {
    const product = await listProduct(t, merchant, { priceMinor: PRICE, stock: 10 });
    const { sender, recipient, blocked } = await people(t, ['sender', 'recipient', 'blocked']);
    const c = await start(sender, recipient);
    const m = await send(sender, c.id, 'buy this', cardOf(product));
    await t.ok(DmDeleteMessageDocument, { messageId: m.id }, sender.token);
    expect(await cardCodes(m.id)).toEqual([]);
    // The tombstone is still the buyer's to name (they saw the message), so the order is served, crediting nobody.
    const afterDelete = (await buy(recipient, product, { messageId: m.id })).order!;
    expect(afterDelete.shareLink).toBeNull();
    expect(await touchpoints(recipient, afterDelete.id)).toEqual([]);
    expect((await earned(sender)).totalCount).toBe(0);

    const d = await start(blocked, recipient);
    const fromBlocked = await send(blocked, d.id, 'cheap, trust me', cardOf(product));
    await block(recipient, blocked);
    const refused = await buy(recipient, product, { messageId: fromBlocked.id });
    expect(refused).toMatchObject({ order: null, userErrors: [{ field: ['context', 'messageId'], code: 'NOT_FOUND' }] });
    expect((await earned(blocked)).totalCount).toBe(0);
  });
});

describe('messages: order, pages, text limit, deleting', () => {
  test('newest first, paged both ways by cursor', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    for (const n of [1, 2, 3, 4, 5]) await send(n % 2 ? ann : bob, c.id, `m${n}`);
    const first = (await view(bob, c.id, { first: 2 }))!.messages;
    expect(first.edges.map((e) => e.node.text)).toEqual(['m5', 'm4']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await view(bob, c.id, { first: 2, after: first.pageInfo.endCursor! }))!.messages;
    expect(second.edges.map((e) => e.node.text)).toEqual(['m3', 'm2']);
    const third = (await view(bob, c.id, { first: 2, after: second.pageInfo.endCursor! }))!.messages;
    expect(third.edges.map((e) => e.node.text)).toEqual(['m1']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = (await view(bob, c.id, { last: 2, before: second.pageInfo.startCursor! }))!.messages;
    expect(back.edges.map((e) => e.node.text)).toEqual(['m5', 'm4']);
    expect(back.pageInfo.hasPreviousPage).toBe(false);
    const oldest = (await view(bob, c.id, { last: 2 }))!.messages;
    expect(oldest.edges.map((e) => e.node.text)).toEqual(['m2', 'm1']);
    expect(oldest.pageInfo.hasPreviousPage).toBe(true);
  });

  test('text is at most 2,000 characters (INVALID naming text), counted as characters', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    const refused = await t.gql(DmSendDocument, { input: { conversationId: c.id, text: 'x'.repeat(2001) } }, ann.token);
    expect(refused.data?.sendMessage).toMatchObject({ message: null, userErrors: [{ code: 'INVALID', field: ['text'] }] });
    expect((await send(ann, c.id, '种'.repeat(2000))).text).toHaveLength(2000);
    expect((await send(ann, c.id, '😀'.repeat(2000))).text).toHaveLength(4000);
    expect(await stored(c.id)).toEqual({ lastSeq: 2, messages: 2 });
  });

  test('deleting removes a message for everyone: a tombstone without its text stays; only its sender may', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    const m = await send(ann, c.id, 'oops, wrong chat');
    await send(bob, c.id, 'what?');
    const byOther = await t.gql(DmDeleteMessageDocument, { messageId: m.id }, bob.token);
    expect(byOther.data?.deleteMessage.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['messageId'] });
    expect((await t.ok(DmDeleteMessageDocument, { messageId: m.id }, ann.token)).deleteMessage.deletedMessageId).toBe(m.id);
    const seen = (await view(bob, c.id))!.messages.edges.map((e) => e.node);
    expect(seen[1]).toMatchObject({ id: m.id, text: null, status: 'DELETED', attachments: [] });
    expect(seen[1]!.deletedAt).not.toBeNull();
    const { records } = await t.db.driver.executeQuery('MATCH (m:Message {id: $id}) RETURN properties(m) AS p', { id: m.id }, { database: t.db.name });
    const props = records[0]!.get('p') as Record<string, unknown>;
    expect(props.text).toBeUndefined();
    expect(JSON.stringify(props)).not.toContain('wrong chat');
  });
});

describe('read state and unread counts', () => {
  test('per conversation and in total; a read position never moves back; members see each other’s receipts', async () => {
    const { ann, bob, cat } = await people(t, ['ann', 'bob', 'cat']);
    for (const [a, b] of [[ann, bob], [bob, ann], [cat, bob], [bob, cat]] as const) await follow(t, a, b);
    const ab = await start(ann, bob);
    const cb = await start(cat, bob);
    const m1 = await send(ann, ab.id, 'one');
    const m2 = await send(ann, ab.id, 'two');
    await send(ann, ab.id, 'three');
    await send(cat, cb.id, 'hi from cat');
    expect((await view(bob, ab.id))!.unreadCount).toBe(3);
    expect((await view(ann, ab.id))!.unreadCount).toBe(0);
    expect(await unread(bob)).toBe(4);

    expect((await t.ok(DmMarkReadDocument, { conversationId: ab.id, upToMessageId: m2.id }, bob.token)).markConversationRead.conversation!.unreadCount).toBe(1);
    expect(await unread(bob)).toBe(2);
    await t.ok(DmMarkReadDocument, { conversationId: ab.id, upToMessageId: m1.id }, bob.token);
    expect((await view(bob, ab.id))!.unreadCount).toBe(1);

    const receipts = (await view(ann, ab.id))!.members;
    expect(receipts.find((m) => m.user.id === bob.id)!.lastReadMessage).toEqual({ id: m2.id });
    // A message of another conversation is not a read position here.
    const cbMessage = (await view(bob, cb.id))!.messages.edges[0]!.node.id;
    const wrong = await t.gql(DmMarkReadDocument, { conversationId: ab.id, upToMessageId: cbMessage }, bob.token);
    expect(wrong.data?.markConversationRead.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['upToMessageId'] });
    // An outsider cannot read it at all.
    expect(await view(cat, ab.id)).toBeNull();
  });
});

describe('live delivery', () => {
  test('messageAdded and conversationUpdated reach the members', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    const messages = collect(t.ws(bob.token), DmMessageAddedDocument, 2, 10_000, { conversationId: c.id });
    const updates = collect(t.ws(ann.token), DmConversationUpdatedDocument, 2, 10_000);
    await Promise.all([messages.started, updates.started]);
    await settle();
    const m1 = await send(ann, c.id, 'live one');
    await send(bob, c.id, 'live two');
    expect((await messages.events).map((e) => [e.messageAdded.text, e.messageAdded.sender?.id])).toEqual([
      ['live one', ann.id],
      ['live two', bob.id],
    ]);
    await t.ok(DmMarkReadDocument, { conversationId: c.id, upToMessageId: m1.id }, bob.token);
    const got = (await updates.events).map((e) => e.conversationUpdated);
    expect(got[0]).toMatchObject({ reason: 'MESSAGE_ADDED', actor: { id: ann.id }, conversation: { id: c.id } });
    expect(got[1]).toMatchObject({ reason: 'MESSAGE_ADDED', actor: { id: bob.id }, conversation: { id: c.id, unreadCount: 1 } });
  });

  test('read receipts arrive live', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    const m = await send(ann, c.id, 'did you see this?');
    const updates = collect(t.ws(ann.token), DmConversationUpdatedDocument, 1, 10_000);
    await updates.started;
    await settle();
    await t.ok(DmMarkReadDocument, { conversationId: c.id, upToMessageId: m.id }, bob.token);
    expect((await updates.events)[0]!.conversationUpdated).toMatchObject({ reason: 'READ', actor: { id: bob.id } });
  });

  test('an outsider cannot subscribe; a member who leaves stops receiving', async () => {
    const { ann, bob, cat, eve } = await people(t, ['ann', 'bob', 'cat', 'eve']);
    const g = await start(ann, bob, cat);
    const outsider = collect(t.ws(eve.token), DmMessageAddedDocument, 1, 5000, { conversationId: g.id });
    await expect(outsider.events).rejects.toThrow(/not found/i);

    const leaver = collect(t.ws(cat.token), DmMessageAddedDocument, 2, 5000, { conversationId: g.id });
    const stayer = collect(t.ws(bob.token), DmMessageAddedDocument, 2, 10_000, { conversationId: g.id });
    await Promise.all([leaver.started, stayer.started]);
    await settle();
    await send(ann, g.id, 'before cat left');
    // Each event is checked when it is delivered: let the first one reach cat before cat leaves.
    await settle();
    await t.ok(DmLeaveDocument, { conversationId: g.id }, cat.token);
    await send(ann, g.id, 'after cat left');
    expect((await stayer.events).map((e) => e.messageAdded.text)).toEqual(['before cat left', 'after cat left']);
    // The stream ends at the first event after leaving, having delivered only what came before.
    expect((await leaver.events).map((e) => e.messageAdded.text)).toEqual(['before cat left']);
    expect(await view(cat, g.id)).toBeNull();
  });

  test('a block is re-checked per event: a blocked sender’s messages stop reaching the blocker live', async () => {
    const { ann, bob, cat } = await people(t, ['ann', 'bob', 'cat']);
    const g = await start(ann, bob, cat);
    // The stream opens before the block, so only the per-event check can keep ann's message out.
    const watcher = collect(t.ws(bob.token), DmMessageAddedDocument, 2, 10_000, { conversationId: g.id });
    await watcher.started;
    await settle();
    await block(bob, ann);
    await send(ann, g.id, 'ann after the block');
    await send(cat, g.id, 'cat after the block');
    await send(cat, g.id, 'cat again');
    expect((await watcher.events).map((e) => e.messageAdded.text)).toEqual(['cat after the block', 'cat again']);
  });
});

describe('typing indicators', () => {
  test('setTyping reaches the other members only, as a TYPING update with an expiry; nothing is stored', async () => {
    const { ann, bob, cat } = await people(t, ['ann', 'bob', 'cat']);
    const g = await start(ann, bob, cat);
    const before = await stored(g.id);
    const forBob = collect(t.ws(bob.token), DmTypingUpdatesDocument, 1, 10_000);
    const forAnn = collect(t.ws(ann.token), DmTypingUpdatesDocument, 1, 10_000);
    await Promise.all([forBob.started, forAnn.started]);
    await settle();
    const sentAt = Date.now();
    const { setTyping } = await t.ok(DmSetTypingDocument, { conversationId: g.id }, ann.token);
    const expiresAt = Date.parse(setTyping.expiresAt!);
    expect(expiresAt).toBeGreaterThan(sentAt);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 10_000);
    expect((await forBob.events)[0]!.conversationUpdated).toEqual({ reason: 'TYPING', expiresAt: setTyping.expiresAt, actor: { id: ann.id }, conversation: { id: g.id } });
    // The typist hears nothing of their own typing: their first update is the message they then send.
    await send(ann, g.id, 'here it is');
    expect((await forAnn.events)[0]!.conversationUpdated).toMatchObject({ reason: 'MESSAGE_ADDED', expiresAt: null, actor: { id: ann.id } });
    expect(await stored(g.id)).toEqual({ lastSeq: before.lastSeq + 1, messages: before.messages + 1 });
  });

  test('rights are checked when typing and per event: non-members, blocks and a blocked member in a group', async () => {
    const { ann, bob, cat, eve } = await people(t, ['ann', 'bob', 'cat', 'eve']);
    const direct = await start(ann, bob);
    const notMember = await t.answer(DmSetTypingDocument, { conversationId: direct.id }, eve.token);
    expect(notMember.setTyping).toMatchObject({ conversation: null, expiresAt: null, userErrors: [{ code: 'NOT_FOUND', field: ['conversationId'] }] });
    await block(bob, ann);
    const blocked = await t.answer(DmSetTypingDocument, { conversationId: direct.id }, ann.token);
    expect(blocked.setTyping.userErrors).toMatchObject([{ code: 'BLOCKED', field: ['conversationId'] }]);

    // In a group, bob blocked ann: he never sees her typing, while cat does.
    const g = await start(cat, ann, bob);
    const forBob = collect(t.ws(bob.token), DmTypingUpdatesDocument, 1, 10_000);
    const forCat = collect(t.ws(cat.token), DmTypingUpdatesDocument, 1, 10_000);
    await Promise.all([forBob.started, forCat.started]);
    await settle();
    await t.ok(DmSetTypingDocument, { conversationId: g.id }, ann.token);
    expect((await forCat.events)[0]!.conversationUpdated).toMatchObject({ reason: 'TYPING', actor: { id: ann.id } });
    await t.ok(DmSetTypingDocument, { conversationId: g.id }, cat.token);
    expect((await forBob.events)[0]!.conversationUpdated).toMatchObject({ reason: 'TYPING', actor: { id: cat.id } });
  });

  test(`setTyping is rate-limited: ${TYPING_PER_MINUTE} a minute`, async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    for (let i = 0; i < TYPING_PER_MINUTE; i++) await t.ok(DmSetTypingDocument, { conversationId: c.id }, ann.token);
    const over = await t.gql(DmSetTypingDocument, { conversationId: c.id }, ann.token);
    expect(over.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
  });
});

describe('the sensitive-word check and reports', () => {
  const word = `dmbad${run}`;
  let admin: Person;
  beforeAll(async () => {
    admin = await signUpAdmin(t, `dmwords-${run}@example.com`);
    const words = (await t.ok(SensitiveWordsDocument, {}, admin.token)).sensitiveWords as string[];
    await t.ok(SetSensitiveWordsDocument, { words: [...words, word] }, admin.token);
  });
  afterAll(async () => {
    // Other files share the word list: only this file's word is taken out again.
    const words = (await t.ok(SensitiveWordsDocument, {}, admin.token)).sensitiveWords as string[];
    await t.ok(SetSensitiveWordsDocument, { words: words.filter((w) => w !== word) }, admin.token);
  });

  test('a matching message to someone who does not follow the sender is held: only the sender sees it', async () => {
    const { ann, bob, fan } = await people(t, ['ann', 'bob', 'fan']);
    await follow(t, fan, ann);
    const toStranger = await start(ann, bob);
    const held = await send(ann, toStranger.id, `cheap ${word.toUpperCase()} here`);
    expect(held.status).toBe('HELD');
    expect(await texts(ann, toStranger.id)).toEqual([`cheap ${word.toUpperCase()} here`]);
    expect(await texts(bob, toStranger.id)).toEqual([]);
    expect(await folderIds(bob, 'REQUESTS')).toEqual([]);
    expect((await view(bob, toStranger.id))!.unreadCount).toBe(0);

    const toFan = await start(ann, fan);
    expect((await send(ann, toFan.id, `cheap ${word} here`)).status).toBe('DELIVERED');
    expect(await texts(fan, toFan.id)).toEqual([`cheap ${word} here`]);
  });

  test('platform admins deliver or reject held messages; nobody else may', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    const approved = await send(ann, c.id, `first ${word}`);
    const rejected = await send(ann, c.id, `second ${word}`);
    const heldIds: string[] = [];
    for (let after: string | null | undefined = undefined; ; ) {
      const page: { heldMessages: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } = await t.ok(DmHeldMessagesDocument, { first: 50, after }, admin.token);
      heldIds.push(...page.heldMessages.edges.map((e) => e.node.id));
      if (!page.heldMessages.pageInfo.hasNextPage) break;
      after = page.heldMessages.pageInfo.endCursor;
    }
    expect(heldIds).toEqual(expect.arrayContaining([approved.id, rejected.id]));
    expect((await t.gql(DmHeldMessagesDocument, {}, bob.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(DmDecideHeldDocument, { messageId: approved.id, decision: 'APPROVE' }, ann.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const updates = collect(t.ws(bob.token), DmConversationUpdatedDocument, 1, 10_000);
    await updates.started;
    await settle();
    expect((await t.ok(DmDecideHeldDocument, { messageId: approved.id, decision: 'APPROVE' }, admin.token)).decideHeldMessage.message).toMatchObject({ status: 'DELIVERED' });
    expect((await updates.events)[0]!.conversationUpdated).toMatchObject({ reason: 'MESSAGE_ADDED', conversation: { id: c.id, unreadCount: 1 } });
    expect((await t.ok(DmDecideHeldDocument, { messageId: rejected.id, decision: 'REJECT' }, admin.token)).decideHeldMessage.message).toMatchObject({ status: 'DELETED', text: null });
    // The rejected one is a tombstone, like a deleted message: its text never reached bob and is gone.
    expect(await texts(bob, c.id)).toEqual([null, `first ${word}`]);
    expect(await folderIds(bob, 'REQUESTS')).toEqual([c.id]);
    const again = await t.gql(DmDecideHeldDocument, { messageId: approved.id, decision: 'REJECT' }, admin.token);
    expect(again.data?.decideHeldMessage.userErrors[0]).toMatchObject({ code: 'ALREADY_DECIDED', field: ['messageId'] });
  });

  /** The platform case about a user, as admins read it in the platform queue. */
  async function platformCase(targetId: string) {
    for (let after: string | null | undefined = undefined, pages = 0; pages < 10; pages++) {
      const queue: { moderationQueue: { nodes: { targetId: string; reportCount: number; reportedMessages: { id: string; text?: string | null; status: string; sender?: { id: string } | null }[] }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } =
        await t.ok(DmPlatformQueueDocument, { after }, admin.token);
      const found = queue.moderationQueue.nodes.find((c) => c.targetId === targetId);
      if (found) return found;
      if (!queue.moderationQueue.pageInfo.hasNextPage) return null;
      after = queue.moderationQueue.pageInfo.endCursor;
    }
    return null;
  }

  test('reportMessage files a platform case about the sender that staff read the messages from; one’s own message cannot be reported', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    const m = await send(ann, c.id, 'send me your password');
    const own = await t.gql(DmReportDocument, { input: { messageId: m.id, reason: 'FRAUD' } }, ann.token);
    expect(own.data?.reportMessage.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['messageId'] });
    const key = randomUUID();
    expect((await t.ok(DmReportDocument, { input: { messageId: m.id, reason: 'FRAUD', idempotencyKey: key } }, bob.token)).reportMessage.received).toBe(true);
    expect((await t.ok(DmReportDocument, { input: { messageId: m.id, reason: 'FRAUD', idempotencyKey: key } }, bob.token)).reportMessage.received).toBe(true);
    // A second message bob reports about ann reaches the same case (one report per reporter and case) with its own quote.
    const m2 = await send(ann, c.id, 'or your bank card number');
    expect((await t.ok(DmReportDocument, { input: { messageId: m2.id, reason: 'FRAUD', details: 'again' } }, bob.token)).reportMessage.received).toBe(true);
    const { records } = await t.db.driver.executeQuery(
      `MATCH (r:Report {reporterId: $reporter})-[:IN_CASE]->(c:ModerationCase {targetType: 'USER', targetId: $sender}) RETURN r.details AS details, c.groupId AS groupId`,
      { reporter: bob.id, sender: ann.id },
      { database: t.db.name },
    );
    expect(records).toHaveLength(1);
    expect(records[0]!.get('groupId')).toBeNull();
    expect(records[0]!.get('details')).toContain(m.id);
    // Platform admins read the messages themselves from the case, newest first.
    expect(await platformCase(ann.id)).toMatchObject({
      reportCount: 1,
      reportedMessages: [
        { id: m2.id, text: 'or your bank card number', status: 'DELIVERED', sender: { id: ann.id } },
        { id: m.id, text: 'send me your password', status: 'DELIVERED', sender: { id: ann.id } },
      ],
    });
    // Someone who cannot see the message cannot report it.
    const { eve } = await people(t, ['eve']);
    const outsider = await t.gql(DmReportDocument, { input: { messageId: m.id, reason: 'SPAM' } }, eve.token);
    expect(outsider.data?.reportMessage.userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('a reported message its sender deletes leaves no text anywhere, the case included', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    const secret = `my number is ${randomUUID()}`;
    const m = await send(ann, c.id, secret);
    expect((await t.ok(DmReportDocument, { input: { messageId: m.id, reason: 'HARASSMENT', details: 'unwanted' } }, bob.token)).reportMessage.received).toBe(true);
    expect((await platformCase(ann.id))!.reportedMessages).toMatchObject([{ id: m.id, text: secret }]);
    await t.ok(DmDeleteMessageDocument, { messageId: m.id }, ann.token);
    expect((await platformCase(ann.id))!.reportedMessages).toEqual([{ id: m.id, text: null, status: 'DELETED', sender: { id: ann.id } }]);
    const { records } = await t.db.driver.executeQuery(
      `MATCH (n) WHERE (n:Message OR n:Report OR n:ModerationCase OR n:AuditEntry OR n:Notification) AND any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] CONTAINS $secret)
       RETURN count(n) AS n`,
      { secret },
      { database: t.db.name },
    );
    expect(Number(records[0]!.get('n'))).toBe(0);
  });
});

describe('idempotency, races and refusals', () => {
  test('a send retried with its key returns the first message and sends nothing more; another input with it is refused', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    const key = randomUUID();
    const tries = await Promise.all([1, 2, 3].map(() => t.ok(DmSendDocument, { input: { conversationId: c.id, text: 'only once', idempotencyKey: key } }, ann.token)));
    const ids = new Set(tries.map((r) => r.sendMessage.message!.id));
    expect(ids.size).toBe(1);
    expect(await stored(c.id)).toEqual({ lastSeq: 1, messages: 1 });
    const reused = await t.gql(DmSendDocument, { input: { conversationId: c.id, text: 'something else', idempotencyKey: key } }, ann.token);
    expect(reused.data?.sendMessage.userErrors[0]).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['idempotencyKey'] });
    expect(await stored(c.id)).toEqual({ lastSeq: 1, messages: 1 });
  });

  test('two users starting their 1:1 at the same moment get one conversation', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => start(i % 2 ? ann : bob, i % 2 ? bob : ann)));
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(results[0]!.kind).toBe('DIRECT');
    const { records } = await t.db.driver.executeQuery(
      'MATCH (:User {id: $a})-[:IN_CONVERSATION]->(c:Conversation)<-[:IN_CONVERSATION]-(:User {id: $b}) RETURN count(DISTINCT c) AS n, collect(DISTINCT c.pairKey) AS keys',
      { a: ann.id, b: bob.id },
      { database: t.db.name },
    );
    expect(Number(records[0]!.get('n'))).toBe(1);
    // And starting it again later finds the same one.
    expect((await start(ann, bob)).id).toBe(results[0]!.id);
  });

  test('concurrent sends get one order with no gaps', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    await Promise.all(Array.from({ length: 6 }, (_, i) => send(i % 2 ? ann : bob, c.id, `c${i}`)));
    const { records } = await t.db.driver.executeQuery('MATCH (m:Message {conversationId: $id}) RETURN m.seq AS seq ORDER BY seq', { id: c.id }, { database: t.db.name });
    expect(records.map((r) => Number(r.get('seq')))).toEqual([1, 2, 3, 4, 5, 6]);
    const { records: chain } = await t.db.driver.executeQuery(
      'MATCH (:Conversation {id: $id})-[:LAST_MESSAGE]->(last:Message) MATCH p = (last)-[:PREVIOUS*0..]->(first:Message) WHERE NOT (first)-[:PREVIOUS]->() RETURN length(p) AS hops',
      { id: c.id },
      { database: t.db.name },
    );
    expect(Number(chain[0]!.get('hops'))).toBe(5);
  });

  test('a refused send leaves nothing, not even its idempotency key', async () => {
    const { ann, bob, eve } = await people(t, ['ann', 'bob', 'eve']);
    const c = await start(ann, bob);
    expect(await sendCode(eve, c.id, 'let me in')).toBe('NOT_FOUND');
    expect(await sendCode(ann, c.id, '')).toBe('INVALID');
    const key = randomUUID();
    await block(bob, ann);
    expect(await sendCode(ann, c.id, 'hello', { idempotencyKey: key })).toBe('BLOCKED');
    expect(await stored(c.id)).toEqual({ lastSeq: 0, messages: 0 });
    await t.ok(`mutation($id: ID!) { unblock(input: { userId: $id }) { user { id } } }`, { id: ann.id }, bob.token);
    expect((await send(ann, c.id, 'hello', { idempotencyKey: key })).text).toBe('hello');
  });

  test('a conversation has at most 20 members; no one is named twice or is the viewer', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const tooMany = await t.gql(DmStartDocument, { userIds: ids }, ann.token);
    expect(tooMany.data?.startConversation.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['userIds'] });
    const twice = await t.gql(DmStartDocument, { userIds: [bob.id, bob.id] }, ann.token);
    expect(twice.data?.startConversation.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['userIds', '1'] });
    const self = await t.gql(DmStartDocument, { userIds: [ann.id] }, ann.token);
    expect(self.data?.startConversation.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['userIds', '0'] });
    const unknown = await t.gql(DmStartDocument, { userIds: [bob.id, randomUUID()] }, ann.token);
    expect(unknown.data?.startConversation.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['userIds', '1'] });
  });
});

describe('rate limits', () => {
  test('sending is limited per minute (a top-level RATE_LIMITED), and the refused send writes nothing', async () => {
    const { ann, bob } = await people(t, ['ann', 'bob']);
    const c = await start(ann, bob);
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) await send(ann, c.id, `spam ${i}`);
    const refused = await t.gql(DmSendDocument, { input: { conversationId: c.id, text: 'one too many' } }, ann.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await stored(c.id)).toEqual({ lastSeq: MESSAGES_PER_MINUTE, messages: MESSAGES_PER_MINUTE });
    // The limit is the sender's: bob still writes.
    expect((await send(bob, c.id, 'stop it')).text).toBe('stop it');
  });

  test('new conversations are limited per day; finding an existing 1:1 does not count', async () => {
    const { ann } = await people(t, ['ann']);
    const others = await Promise.all(Array.from({ length: CONVERSATIONS_PER_DAY }, (_, i) => signUp(t, `daily${i}`)));
    const [nearest, ...rest] = others as [Person, ...Person[]];
    const first = await start(ann, nearest);
    for (let i = 0; i < 3; i++) expect((await start(ann, nearest)).id).toBe(first.id);
    for (const other of rest) await start(ann, other);
    const { extra } = await people(t, ['extra']);
    const refused = await t.gql(DmStartDocument, { userIds: [extra.id] }, ann.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // The existing ones are still found.
    expect((await start(ann, nearest)).id).toBe(first.id);
  });
});
