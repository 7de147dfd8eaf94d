import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLInputType,
  GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { returnsPayload } from '../../src/server/payloads';
import { signUp, postNote, Person } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, offerGroupBuy } from '../helpers/commerce';

/**
 * Every mutation of the schema, tried with bad input in one place at a time while everything
 * else is valid and the caller holds the role the mutation needs, so that validation, not
 * authorization, is what answers. Every attempt must be refused with BAD_USER_INPUT naming the
 * input (or NOT_FOUND for ids and share codes), never INTERNAL_SERVER_ERROR, and none may write.
 * A mutation of the new contract (a `*Payload` with userErrors) answers in its payload instead:
 * a userErrors entry whose `field` is the path from the input root.
 */
// Its documents are strings, not typed operations: each is generated from the schema for the
// mutation under test, with the bad input placed in code.
// Hundreds of attempts: generous, so a loaded machine slows the sweep without failing it.
jest.setTimeout(600_000);

// Garbage carries this run's tag, so a later scan finds it in the shared database if anything stored it.
const TAG = `garbage${crypto.randomBytes(4).toString('hex')}`;
// Fixtures get a different marker, so finding the garbage tag never means finding a fixture.
const FIXTURE = `sweep${crypto.randomBytes(4).toString('hex')}`;
const ADMIN_EMAIL = `${FIXTURE}@admins.example.com`;
const TOPIC = `${FIXTURE}topic`;

const OVERSIZE = TAG + 'x'.repeat(60_000); // above every field limit, below the 100 kB body limit
const NUL = `${TAG}\u0000`;
const LONE_SURROGATE = `${TAG}\uD800`;
const ZERO_WIDTH_ONLY = '\u200B\u200C\u200D\uFEFF';
const RTL_ONLY = '\u202E';
const RTL_SPOOF = `\u202Egpj.${TAG}`;
const INJECTIONS = [`"}) MATCH (n) DETACH DELETE n // ${TAG}`, `' OR 1=1 // ${TAG}`];
const UNKNOWN_ID = crypto.randomUUID();
const CURSORS = ['%%%', Buffer.from(`["${TAG}",5]`).toString('base64url')];
const WRONG_TYPES = [{ nested: TAG }, 42];

type Value = { label: string; value: unknown };
const v = (label: string, value: unknown): Value => ({ label, value });

const STRING_GARBAGE = [v('oversize', OVERSIZE), v('NUL', NUL), v('lone surrogate', LONE_SURROGATE), v('object', WRONG_TYPES[0]), v('number', WRONG_TYPES[1])];
const INVISIBLE = [v('zero-width only', ZERO_WIDTH_ONLY), v('RTL override only', RTL_ONLY)];
const STRUCTURED = [...STRING_GARBAGE, ...INVISIBLE, v('RTL spoof', RTL_SPOOF), ...INJECTIONS.map((s, i) => v(`injection ${i + 1}`, s))];

/**
 * String inputs by what they hold. Free text accepts any characters (Cypher-looking text is
 * data), so only garbage no text may contain is tried there; structured strings (handles,
 * codes, topics, URLs) get injection attempts and invisible-only text as well. A new String
 * input must be put in one of these lists before the sweep passes.
 */
const FREE_TEXT = ['title', 'body', 'text', 'name', 'description', 'rules', 'message', 'reason', 'details', 'location', 'displayName', 'bio', 'brand', 'category', 'idempotencyKey', 'words', 'deviceLabel'];
// A muted word (muteWord, unmuteWord) is text like any other: matched as data, never parsed.
FREE_TEXT.push('word');
/** Free text that may be left empty, so invisible-only text is valid there. */
const MAY_BE_BLANK = ['body', 'description', 'rules', 'message', 'details', 'bio', 'banMember.reason', 'reviewProduct.text'];
const PASSWORDS = ['password', 'currentPassword', 'newPassword'];
const NEW_PASSWORDS = ['signUp.password', 'updatePassword.newPassword'];
// A live room's cover and stream are URLs (scheduleLiveRoom).
const LIVE_URLS = ['coverUrl', 'streamUrl'];
const STRUCTURED_TEXT = [...LIVE_URLS, 'login', 'email', 'handle', 'code', 'visitorId', 'campaign', 'topics', 'interests', 'currency', 'url', 'images', 'avatarUrl', 'shareCode'];
// A privacy-policy version (acceptPolicy) is a short label compared with the one in force.
STRUCTURED_TEXT.push('version');
// A badge's icon key (createReward) names an icon asset.
STRUCTURED_TEXT.push('iconKey');
// The badges to show (setDisplayedBadges) are named by their rule's key.
STRUCTURED_TEXT.push('badgeKeys');
// A badge rule's key (createBadgeDefinition, updateBadgeDefinition) is an identifier.
STRUCTURED_TEXT.push('key');
/** Share codes are typed in by hand: a malformed one is NOT_FOUND, like an unknown one. */
const NOT_FOUND_IS_AN_ANSWER = ['code', 'shareCode'];
// Two-factor sign-in: a logIn's challenge and a recovery code are typed or passed back as given.
STRUCTURED_TEXT.push('challenge', 'recoveryCode');
/** Inputs that take exactly one of their fields: the broken field is sent alone. */
const ONE_OF = ['ShareTargetInput', 'ReportTargetInput'];

function valuesFor(type: GraphQLNamedType, mutation: string, leaf: string): Value[] | string {
  if (isEnumType(type)) return [v('unknown enum value', 'NOT_A_VALUE'), v('injection as enum', INJECTIONS[0]), v('number as enum', 1)];
  if (!isScalarType(type)) return `no values for ${type.name}`;
  switch (type.name) {
    case 'ID':
      return [v('unknown id', UNKNOWN_ID), v('not-an-id', 'not-an-id'), ...CURSORS.map((c) => v(`cursor ${c}`, c)), v('negative number', -1), v('fraction', 1.5), ...STRUCTURED];
    case 'Int':
      return [v('-1', -1), v('2^53', 2 ** 53), v('1e308', 1e308), v('fraction', 1.5), v('numeric string', '12'), v('object', WRONG_TYPES[0])];
    case 'MinorUnits':
      // Amounts: beyond 2^53 - 1 is refused by the scalar, a negative or too large one by the business limit.
      return [v('-1', -1), v('2^53', 2 ** 53), v('1e308', 1e308), v('fraction', 1.5), v('numeric string', '12'), v('object', WRONG_TYPES[0])];
    case 'Float':
      return [v('-1', -1), v('1e308', 1e308), v('numeric string', '12'), v('object', WRONG_TYPES[0])];
    case 'Boolean':
      return [v('string', 'true'), v('number', 1), v('object', WRONG_TYPES[0])];
    case 'DateTimeISO':
      return [v('not a date', 'not-a-date'), v('injection', INJECTIONS[0]), v('the past', '1970-01-01T00:00:00Z'), v('number', 1e308), v('object', WRONG_TYPES[0])];
    case 'String': {
      if (PASSWORDS.includes(leaf)) return [...STRING_GARBAGE, ...(NEW_PASSWORDS.includes(`${mutation}.${leaf}`) ? [v('too short', 'short')] : [])];
      if (FREE_TEXT.includes(leaf)) return MAY_BE_BLANK.includes(leaf) || MAY_BE_BLANK.includes(`${mutation}.${leaf}`) ? STRING_GARBAGE : [...STRING_GARBAGE, ...INVISIBLE];
      if (STRUCTURED_TEXT.includes(leaf)) return STRUCTURED;
      return `String input ${mutation}.${leaf} is in none of FREE_TEXT, PASSWORDS and STRUCTURED_TEXT`;
    }
    default:
      return `no values for scalar ${type.name}`;
  }
}

type Path = (string | number)[];
interface Attempt {
  mutation: string;
  path: Path;
  label: string;
  namedType: string;
  query: string;
  /** The mutation returns a payload with userErrors (the new contract). */
  payload: boolean;
  variables: Record<string, unknown>;
  token: string | null;
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown, reset: Path | null): Record<string, unknown> {
  const copy = structuredClone(root);
  if (reset) {
    let parent: any = copy; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const key of reset.slice(0, -1)) parent = parent[key];
    parent[reset[reset.length - 1]!] = {};
  }
  let node: any = copy; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (node[key] === undefined || node[key] === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key];
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node == null ? undefined : (node as Record<string | number, unknown>)[key]), root);
}

/** Breaks every leaf, input object and list under one argument, one at a time. */
function* attemptsFor(mutation: string, baseline: Record<string, unknown>, type: GraphQLInputType, path: Path, reset: Path | null, problems: string[]): Generator<Omit<Attempt, 'query' | 'token' | 'payload'>> {
  const inner = isNonNullType(type) ? type.ofType : type;
  const attempt = (label: string, value: unknown) => ({ mutation, path, label, namedType: getNamedType(inner).name, variables: setAt(baseline, path, value, reset) });
  if (isListType(inner)) {
    const current = getAt(baseline, path);
    const element = Array.isArray(current) ? current[0] : undefined;
    if (element === undefined) {
      problems.push(`${mutation}: the baseline needs an element in ${path.join('.')}`);
      return;
    }
    yield attempt('too many items', Array.from({ length: isInputObjectType(getNamedType(inner)) ? 101 : 1001 }, () => element));
    yield* attemptsFor(mutation, baseline, inner.ofType, [...path, 0], reset, problems);
    return;
  }
  if (isInputObjectType(inner)) {
    yield attempt('string for an object', TAG);
    yield attempt('number for an object', 42);
    for (const field of Object.values(inner.getFields())) {
      const childReset = ONE_OF.includes(inner.name) ? path : reset;
      yield* attemptsFor(mutation, baseline, field.type, [...path, field.name], childReset, problems);
    }
    return;
  }
  const leaf = [...path].reverse().find((p): p is string => typeof p === 'string')!;
  const values = valuesFor(inner, mutation, leaf);
  if (typeof values === 'string') {
    problems.push(values);
    return;
  }
  for (const { label, value } of values) yield attempt(label, value);
}

/** "items[0].qty" and "input.items[0].qty" both name the path input.items.0.qty; so does "target" for target.noteId. */
function namesPath(field: unknown, path: Path): boolean {
  if (typeof field !== 'string' || field === '') return false;
  const names = (p: Path) => p.filter((s): s is string => typeof s === 'string');
  // List indices are dropped: "words[0]" and a payload's ["words", "0"] both name input.words.
  const given = field.replace(/\[\d+\]/g, '').split('.').filter((s) => !/^\d+$/.test(s));
  const sent = names(path);
  for (let end = sent.length; end >= Math.max(1, sent.length - 1); end--) {
    const candidate = sent.slice(0, end);
    if (end < sent.length && candidate.length === 1 && candidate[0] === 'input') break;
    const tail = candidate.slice(candidate.length - given.length);
    if (given.length <= candidate.length && tail.every((s, i) => s === given[i])) return true;
  }
  return false;
}

let t: TestApp;
beforeAll(async () => {
  // Failed password checks count against the account; the sweep makes many on purpose.
  t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000' });
});
afterAll(() => t.close());

interface World {
  admin: Person;
  merchant: Person;
  owner: Person;
  member: Person;
  requester: Person;
  outsider: Person;
  passwordUser: Person;
  productId: string;
  offerId: string;
  groupId: string;
  noteId: string;
  groupNoteId: string;
  commentId: string;
  collectionId: string;
  eventId: string;
  shareCode: string;
  openCaseId: string;
  actionId: string;
  appealId: string;
  orderId: string;
  conversationId: string;
  messageId: string;
  /** The member's review of their own order of the product (the owner's order stays unreviewed for reviewProduct). */
  reviewId: string;
  liveRoomId: string;
  liveCommentId: string;
  /** A coupon of the merchant's the owner claimed (placeOrder couponIds). */
  couponId: string;
}

/** The sweep's own users and what they own, built through the API as clients would. */
async function buildWorld(): Promise<World> {
  // Independent steps run together: the sweep has to stay fast on a busy two-core machine.
  const [admin, owner, member, requester, outsider, passwordUser] = await Promise.all([
    signUpAdmin(t, ADMIN_EMAIL),
    ...['sw_owner', 'sw_member', 'sw_requester', 'sw_outsider', 'sw_password'].map((n) => signUp(t, n)),
  ]) as [Person, Person, Person, Person, Person, Person];
  const REPORT = `mutation($n: ID!) { report(input: { target: { noteId: $n }, reason: SPAM, details: "sweep" }) { received } }`;
  // The reporter is not shown the case: its id is read where moderators would find it.
  const caseOf = async (noteId: string) => {
    const { records } = await t.db.driver.executeQuery(`MATCH (c:ModerationCase {targetId: $noteId, status: 'OPEN'}) RETURN c.id AS id`, { noteId });
    return records[0]!.get('id') as string;
  };
  const JOIN = `mutation($g: ID!) { joinGroup(input: { groupId: $g, acceptRules: true }) { status } }`;
  const [merchant, groupId, note, hidden, reported, collectionId] = await Promise.all([
    signUpMerchant(t, admin, 'sw_merchant'),
    t
      .ok(
        `mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }`,
        { input: { name: `Sweep ${FIXTURE}`, description: 'A group for the sweep', visibility: 'CLOSED', rules: 'Be kind', isPremoderated: false, topics: [TOPIC] } },
        owner.token,
      )
      .then((d) => d.createGroup.group.id as string),
    postNote(t, owner, { topics: [TOPIC] }),
    postNote(t, owner, { topics: [TOPIC] }),
    postNote(t, owner, { topics: [TOPIC] }),
    t.ok(`mutation { createCollection(input: { name: "Sweep saves" }) { collection { id } } }`, {}, owner.token).then((d) => d.createCollection.collection.id as string),
  ]);
  const noteId = note.id;
  const [productId, groupNote, commentId, eventId, shareCode, closedCase, openCase] = await Promise.all([
    listProduct(t, merchant),
    postNote(t, owner, { topics: [TOPIC], groupId }),
    t.ok(`mutation($n: ID!) { comment(input: { noteId: $n, text: "first!" }) { comment { id } } }`, { n: noteId }, owner.token).then((d) => d.comment.comment.id as string),
    t
      .ok(
        `mutation($g: ID!, $at: DateTimeISO!) { createGroupEvent(input: { groupId: $g, title: "Meet-up", description: "", mode: ONLINE, startsAt: $at }) { event { id } } }`,
        { g: groupId, at: new Date(Date.now() + 86_400_000).toISOString() },
        owner.token,
      )
      .then((d) => d.createGroupEvent.event.id as string),
    t.ok(`mutation($n: ID!) { share(input: { target: { noteId: $n }, channel: WECHAT }) { shareLink { code } } }`, { n: noteId }, owner.token).then((d) => d.share.shareLink.code as string),
    t.ok(REPORT, { n: hidden.id }, member.token).then(() => caseOf(hidden.id)),
    t.ok(REPORT, { n: reported.id }, member.token).then(() => caseOf(reported.id)),
    t.ok(JOIN, { g: groupId }, member.token),
    t.ok(JOIN, { g: groupId }, requester.token),
  ]);
  const [actionId, orderId] = await Promise.all([
    t.ok(`mutation($c: ID!) { moderate(input: { caseId: $c, action: HIDE, reason: "spam" }) { moderationAction { id } } }`, { c: closedCase }, admin.token).then((d) => d.moderate.moderationAction.id as string),
    t
      .ok(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`, { input: { items: [{ productId, qty: 1 }], idempotencyKey: `${FIXTURE}-order` } }, owner.token)
      .then((d) => d.placeOrder.order.id as string),
    t.ok(`mutation($g: ID!, $u: ID!) { decideJoinRequest(input: { groupId: $g, userId: $u, decision: APPROVE }) { group { id } } }`, { g: groupId, u: member.id }, owner.token),
  ]);
  const appealId = (await t.ok(`mutation($a: ID!) { appeal(input: { actionId: $a, text: "It is not spam" }) { appeal { id } } }`, { a: actionId }, owner.token)).appeal.appeal.id;
  const offerId = await offerGroupBuy(t, merchant, productId);
  // A direct conversation (issue 20): the member wrote to the owner.
  const conversationId = (await t.ok(`mutation($u: [ID!]!) { startConversation(input: { userIds: $u }) { conversation { id } } }`, { u: [owner.id] }, member.token)).startConversation.conversation.id as string;
  const messageId = (await t.ok(`mutation($c: ID!) { sendMessage(input: { conversationId: $c, text: "hello" }) { message { id } } }`, { c: conversationId }, member.token)).sendMessage.message.id as string;
  const memberOrderId = (await t.ok(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`, { input: { items: [{ productId, qty: 1 }], idempotencyKey: `${FIXTURE}-member-order` } }, member.token)).placeOrder.order.id as string;
  const reviewId = (await t.ok(`mutation($o: ID!, $p: ID!) { reviewProduct(input: { orderId: $o, productId: $p, rating: 4 }) { review { id } } }`, { o: memberOrderId, p: productId }, member.token)).reviewProduct.review.id as string;
  // A LIVE room the owner hosts (issue 16), featuring the merchant's product, with a comment of the member's.
  await t.ok(`mutation($h: ID!) { allowLiveHost(input: { hostId: $h }) { host { id } } }`, { h: owner.id }, merchant.token);
  const liveRoomId = (await t.ok(
    `mutation($p: ID!, $at: DateTimeISO!) { scheduleLiveRoom(input: { title: "Sweep live", coverUrl: "https://img.example.com/c.jpg", streamUrl: "https://live.example.com/s.m3u8", scheduledStartAt: $at, productIds: [$p] }) { liveRoom { id } } }`,
    { p: productId, at: new Date(Date.now() + 3_600_000).toISOString() },
    owner.token,
  )).scheduleLiveRoom.liveRoom.id as string;
  await t.ok(`mutation($r: ID!) { startLive(input: { roomId: $r }) { liveRoom { id } } }`, { r: liveRoomId }, owner.token);
  const liveCommentId = (await t.ok(`mutation($r: ID!) { sendLiveComment(input: { roomId: $r, body: "hello" }) { comment { id } } }`, { r: liveRoomId }, member.token)).sendLiveComment.comment.id as string;
  const couponId = (await t.ok(
    `mutation($input: CreateCouponInput!) { createCoupon(input: $input) { coupon { id } } }`,
    { input: { name: 'Sweep gift', kind: 'AMOUNT_OFF', scope: 'MERCHANT', amountOffMinor: 100, totalQuantity: 10, claimEndsAt: new Date(Date.now() + 3_600_000).toISOString(), useEndsAt: new Date(Date.now() + 7_200_000).toISOString() } },
    merchant.token,
  )).createCoupon.coupon.id as string;
  await t.ok(`mutation($c: ID!, $k: String!) { claimCoupon(input: { couponId: $c, idempotencyKey: $k }) { claim { id } } }`, { c: couponId, k: `${FIXTURE}-claimed` }, owner.token);
  return {
    admin, merchant, owner, member, requester, outsider, passwordUser, productId, offerId, groupId, noteId, groupNoteId: groupNote.id, commentId, collectionId, eventId, shareCode,
    openCaseId: openCase, actionId, appealId, orderId, conversationId, messageId, reviewId, liveRoomId, liveCommentId, couponId,
  };
}

/** For each mutation: who calls it (holding the role it needs) and a valid request to break. */
function casesFor(w: World): Record<string, { as: Person | null; baseline: Record<string, unknown> }> {
  const future = (ms: number) => new Date(Date.now() + ms).toISOString();
  const media = [{ url: 'https://img.example.com/sweep.jpg', kind: 'IMAGE', width: 1080, height: 1440, durationSec: 12.5 }];
  const product = { title: 'Sweep serum', priceMinor: 9900, currency: 'CNY', category: 'beauty', brand: 'Dewy', stock: 10, images: ['https://img.example.com/p.jpg'] };
  const group = { name: `Sweep two ${FIXTURE}`, description: 'about', visibility: 'OPEN', rules: 'none', isPremoderated: false, topics: [TOPIC] };
  const { owner, member, admin, merchant } = w;
  return {
    acceptMessageRequest: { as: owner, baseline: { input: { conversationId: w.conversationId } } },
    appeal: { as: owner, baseline: { input: { actionId: w.actionId, text: 'Please look again', idempotencyKey: `${FIXTURE}-appeal` } } },
    decideFraudFlag: { as: admin, baseline: { input: { flagId: UNKNOWN_ID, decision: 'APPROVE' } } },
    archiveGroup: { as: owner, baseline: { input: { groupId: w.groupId } } },
    banMember: { as: owner, baseline: { input: { groupId: w.groupId, userId: member.id, reason: 'spam' } } },
    block: { as: owner, baseline: { input: { userId: member.id } } },
    mute: { as: owner, baseline: { input: { userId: member.id, until: future(3_600_000) } } },
    unmute: { as: owner, baseline: { input: { userId: member.id } } },
    setConsent: { as: owner, baseline: { input: { purpose: 'ANALYTICS', isGranted: true } } },
    acceptPolicy: { as: owner, baseline: { input: { version: t.deps.config.privacyPolicyVersion } } },
    requestDataExport: { as: member, baseline: { input: { idempotencyKey: `${FIXTURE}-export` } } },
    deleteAccount: { as: w.passwordUser, baseline: { input: { password: w.passwordUser.password, code: '123456' } } },
    cancelAccountDeletion: { as: null, baseline: { input: { login: w.passwordUser.handle, password: w.passwordUser.password, code: '123456' } } },
    muteWord: { as: owner, baseline: { input: { word: 'spoiler', scope: 'FEEDS', until: future(3_600_000) } } },
    unmuteWord: { as: owner, baseline: { input: { word: 'spoiler' } } },
    muteConversation: { as: owner, baseline: { input: { conversationId: w.conversationId, until: future(3_600_000) } } },
    unmuteConversation: { as: owner, baseline: { input: { conversationId: w.conversationId } } },
    cancelOrder: { as: owner, baseline: { input: { orderId: w.orderId, idempotencyKey: `${FIXTURE}-cancel` } } },
    updatePassword: { as: w.passwordUser, baseline: { input: { currentPassword: w.passwordUser.password, newPassword: 'a brand new password' } } },
    collect: { as: owner, baseline: { input: { noteId: w.noteId, collectionId: w.collectionId } } },
    comment: { as: owner, baseline: { input: { noteId: w.noteId, text: 'Agreed', replyToId: w.commentId, idempotencyKey: `${FIXTURE}-comment` } } },
    createCollection: { as: owner, baseline: { input: { name: 'Wishlist', idempotencyKey: `${FIXTURE}-collection` } } },
    decideHeldMessage: { as: admin, baseline: { input: { messageId: w.messageId, decision: 'APPROVE' } } },
    deleteMessage: { as: member, baseline: { input: { messageId: w.messageId } } },
    deleteMessageRequest: { as: owner, baseline: { input: { conversationId: w.conversationId } } },
    leaveConversation: { as: owner, baseline: { input: { conversationId: w.conversationId } } },
    markConversationRead: { as: owner, baseline: { input: { conversationId: w.conversationId, upToMessageId: w.messageId } } },
    reportMessage: { as: owner, baseline: { input: { messageId: w.messageId, reason: 'SPAM', details: 'unsolicited', idempotencyKey: `${FIXTURE}-dm-report` } } },
    sendMessage: { as: owner, baseline: { input: { conversationId: w.conversationId, text: 'Hi there', attachments: [{ kind: 'PRODUCT', id: w.productId }], idempotencyKey: `${FIXTURE}-dm` } } },
    setTyping: { as: owner, baseline: { input: { conversationId: w.conversationId } } },
    reviewProduct: {
      as: owner,
      baseline: { input: { orderId: w.orderId, productId: w.productId, rating: 4, dimensions: { quality: 5, value: 4, shipping: 3 }, text: 'Works well', media, anonymous: false, idempotencyKey: `${FIXTURE}-review` } },
    },
    markReviewHelpful: { as: owner, baseline: { input: { reviewId: w.reviewId } } },
    unmarkReviewHelpful: { as: owner, baseline: { input: { reviewId: w.reviewId } } },
    replyToReview: { as: merchant, baseline: { input: { reviewId: w.reviewId, text: 'Thank you!' } } },
    startConversation: { as: owner, baseline: { input: { userIds: [member.id] } } },
    updateMessagingSettings: { as: owner, baseline: { input: { audience: 'EVERYONE' } } },
    createGroup: { as: owner, baseline: { input: { ...group, idempotencyKey: `${FIXTURE}-group` } } },
    createGroupBuyOffer: { as: merchant, baseline: { input: { productId: w.productId, groupPrice: 5000, requiredSize: 2, maxGroups: 5, windowHours: 24, endsAt: future(86_400_000) } } },
    closeGroupBuyOffer: { as: merchant, baseline: { input: { offerId: w.offerId } } },
    createGroupEvent: { as: owner, baseline: { input: { groupId: w.groupId, title: 'Live demo', description: '', mode: 'OFFLINE', startsAt: future(86_400_000), location: 'Shanghai', idempotencyKey: `${FIXTURE}-event` } } },
    createNote: {
      as: owner,
      baseline: {
        input: { title: 'Sweep note', body: 'Body', format: 'IMAGE_TEXT', visibility: 'PUBLIC', media, topics: [TOPIC], productIds: [w.productId], groupId: w.groupId, idempotencyKey: `${FIXTURE}-note` },
      },
    },
    createProduct: { as: merchant, baseline: { input: { ...product, idempotencyKey: `${FIXTURE}-product` } } },
    decideJoinRequest: { as: owner, baseline: { input: { groupId: w.groupId, userId: w.requester.id, decision: 'APPROVE' } } },
    deleteComment: { as: owner, baseline: { input: { commentId: w.commentId } } },
    deleteNote: { as: owner, baseline: { input: { noteId: w.noteId } } },
    follow: { as: owner, baseline: { input: { userId: member.id } } },
    inviteToGroup: { as: owner, baseline: { input: { groupId: w.groupId, userId: w.outsider.id } } },
    joinGroup: { as: w.outsider, baseline: { input: { groupId: w.groupId, acceptRules: true, message: 'Let me in' } } },
    joinGroupBuy: { as: owner, baseline: { input: { groupBuyId: UNKNOWN_ID } } },
    leaveGroup: { as: member, baseline: { input: { groupId: w.groupId } } },
    like: { as: owner, baseline: { input: { noteId: w.noteId } } },
    logIn: { as: null, baseline: { input: { login: w.passwordUser.handle, password: w.passwordUser.password, deviceLabel: 'Sweep phone' } } },
    // No arguments, so nothing to break; listed so that every mutation has a case.
    logOut: { as: w.outsider, baseline: {} },
    logOutEverywhere: { as: w.outsider, baseline: {} },
    enableTwoFactor: { as: w.passwordUser, baseline: { input: { password: w.passwordUser.password } } },
    confirmTwoFactor: { as: w.outsider, baseline: { input: { code: '123456' } } },
    disableTwoFactor: { as: w.passwordUser, baseline: { input: { password: w.passwordUser.password, code: '123456' } } },
    completeTwoFactorLogIn: { as: null, baseline: { input: { challenge: 'sweep-unknown-challenge', code: '123456' } } },
    clearSearchHistory: { as: w.outsider, baseline: {} },
    markNotificationsRead: { as: owner, baseline: { input: { upTo: UNKNOWN_ID } } },
    markNotificationGroupRead: { as: owner, baseline: { input: { groupId: UNKNOWN_ID } } },
    markNotificationsSeen: { as: w.outsider, baseline: {} },
    checkIn: { as: w.outsider, baseline: {} },
    createReward: { as: admin, baseline: { input: { name: 'Sweep badge', description: 'shiny', costPoints: 10, iconKey: 'badge-sweep', idempotencyKey: `${FIXTURE}-reward` } } },
    redeemPoints: { as: owner, baseline: { input: { rewardId: UNKNOWN_ID, idempotencyKey: `${FIXTURE}-redeem` } } },
    createCoupon: {
      as: admin,
      baseline: {
        input: { name: 'Sweep coupon', description: 'for the sweep', kind: 'AMOUNT_OFF', scope: 'MERCHANT', currency: 'CNY', amountOffMinor: 500, merchantId: merchant.id, totalQuantity: 10, perUserLimit: 1, claimStartsAt: future(60_000), claimEndsAt: future(3_600_000), useStartsAt: future(60_000), useEndsAt: future(7_200_000), idempotencyKey: `${FIXTURE}-coupon` },
      },
    },
    claimCoupon: { as: owner, baseline: { input: { couponId: w.couponId, idempotencyKey: `${FIXTURE}-claim` } } },
    decideCouponProposal: { as: merchant, baseline: { input: { couponId: UNKNOWN_ID, decision: 'APPROVE' } } },
    setPointRules: { as: admin, baseline: { input: { rules: [{ action: 'GROUP_BUY_COMPLETED', points: 20, dailyCap: 100 }], idempotencyKey: `${FIXTURE}-point-rules` } } },
    setDisplayedBadges: { as: owner, baseline: { input: { badgeKeys: ['FIRST_NOTE'] } } },
    createBadgeDefinition: { as: admin, baseline: { input: { key: `SWEEP_${FIXTURE.toUpperCase()}`, name: 'Sweep badge', description: 'Swept', iconKey: 'badge-sweep', metric: 'NOTE_PUBLISHED', threshold: 1000, idempotencyKey: `${FIXTURE}-badge-rule` } } },
    updateBadgeDefinition: { as: admin, baseline: { input: { key: 'FIRST_NOTE', name: 'First note', description: 'Published a first note.', iconKey: 'badge-first-note', threshold: 1 } } },
    moderate: { as: admin, baseline: { input: { caseId: w.openCaseId, action: 'DISMISS', reason: 'not spam', durationMinutes: 60 } } },
    muteMember: { as: owner, baseline: { input: { groupId: w.groupId, userId: member.id, durationMinutes: 60 } } },
    openShareLink: { as: owner, baseline: { input: { shareCode: w.shareCode, visitorId: `${FIXTURE}-visitor` } } },
    pinNote: { as: owner, baseline: { input: { groupId: w.groupId, noteId: w.groupNoteId, pinned: true } } },
    placeOrder: {
      as: owner,
      baseline: { input: { items: [{ productId: w.productId, qty: 1 }], couponIds: [w.couponId], idempotencyKey: `${FIXTURE}-order-2`, context: { noteId: w.noteId, shareCode: w.shareCode, groupId: w.groupId, liveRoomId: w.liveRoomId, ifFlashSoldOut: 'REFUSE' } } },
    },
    postAnnouncement: { as: owner, baseline: { input: { groupId: w.groupId, title: 'Welcome', body: 'Read the rules', pin: true, idempotencyKey: `${FIXTURE}-announcement` } } },
    recordView: { as: owner, baseline: { input: { noteId: w.noteId } } },
    refundOrder: { as: merchant, baseline: { input: { orderId: w.orderId, idempotencyKey: `${FIXTURE}-refund` } } },
    removeMember: { as: owner, baseline: { input: { groupId: w.groupId, userId: member.id } } },
    revokeSession: { as: owner, baseline: { input: { sessionId: UNKNOWN_ID } } },
    report: { as: owner, baseline: { input: { target: { userId: member.id }, reason: 'HARASSMENT', details: 'rude', groupId: w.groupId, idempotencyKey: `${FIXTURE}-report` } } },
    decideAppeal: { as: admin, baseline: { input: { appealId: w.appealId, decision: 'UPHOLD', reason: 'It is spam' } } },
    rsvp: { as: owner, baseline: { input: { eventId: w.eventId, status: 'GOING' } } },
    setCommissionRates: { as: admin, baseline: { input: { scope: 'MERCHANT', merchantId: merchant.id, levelRatesBps: [500, 200], rewardDepth: 2, campaign: null, idempotencyKey: `${FIXTURE}-rates` } } },
    setGroupRole: { as: owner, baseline: { input: { groupId: w.groupId, userId: member.id, role: 'MODERATOR' } } },
    setSensitiveWords: { as: admin, baseline: { input: { words: ['最好'] } } },
    setUserRole: { as: admin, baseline: { input: { userId: member.id, role: 'GROWTH' } } },
    share: { as: owner, baseline: { input: { target: { productId: w.productId }, channel: 'WEIBO', campaign: 'sweep-campaign' } } },
    signUp: {
      as: null,
      baseline: { input: { email: `${FIXTURE}new@example.com`, handle: uniqueHandle('sw_new'), displayName: 'New', password: 'long enough pw', visitorId: `${FIXTURE}-visitor`, deviceLabel: 'Sweep laptop' } },
    },
    startGroupBuy: { as: owner, baseline: { input: { offerId: w.offerId, groupId: w.groupId, idempotencyKey: `${FIXTURE}-group-buy` } } },
    transferOwnership: { as: owner, baseline: { input: { groupId: w.groupId, userId: member.id } } },
    unbanMember: { as: owner, baseline: { input: { groupId: w.groupId, userId: member.id } } },
    unblock: { as: owner, baseline: { input: { userId: member.id } } },
    uncollect: { as: owner, baseline: { input: { noteId: w.noteId, collectionId: w.collectionId } } },
    unfollow: { as: owner, baseline: { input: { userId: member.id } } },
    unlike: { as: owner, baseline: { input: { noteId: w.noteId } } },
    updateGroup: { as: owner, baseline: { input: { ...group, groupId: w.groupId, name: `Sweep renamed ${FIXTURE}` } } },
    updateGroupLevelRights: { as: owner, baseline: { input: { groupId: w.groupId, postWithoutPremoderationFromLevel: 3, startGroupBuyFromLevel: 1 } } },
    updateNote: {
      as: owner,
      baseline: { input: { noteId: w.noteId, title: 'Edited', body: 'Edited body', format: 'IMAGE_TEXT', visibility: 'PUBLIC', media, topics: [TOPIC], productIds: [w.productId] } },
    },
    updateProduct: { as: merchant, baseline: { input: { productId: w.productId, ...product } } },
    updateProfile: { as: owner, baseline: { input: { displayName: 'Sweeper', bio: 'hi', avatarUrl: 'https://img.example.com/me.jpg', interests: [TOPIC] } } },
    scheduleLiveRoom: {
      as: owner,
      baseline: { input: { title: 'Sweep room', coverUrl: 'https://img.example.com/c.jpg', streamUrl: 'https://live.example.com/s.m3u8', scheduledStartAt: future(3_600_000), groupId: w.groupId, productIds: [w.productId] } },
    },
    startLive: { as: owner, baseline: { input: { roomId: w.liveRoomId } } },
    endLive: { as: owner, baseline: { input: { roomId: w.liveRoomId } } },
    pinProduct: { as: owner, baseline: { input: { roomId: w.liveRoomId, productId: w.productId, flashPriceMinor: 5000, flashQuantity: 10, seconds: 60 } } },
    unpinProduct: { as: owner, baseline: { input: { roomId: w.liveRoomId } } },
    pinComment: { as: owner, baseline: { input: { roomId: w.liveRoomId, commentId: w.liveCommentId } } },
    muteInRoom: { as: owner, baseline: { input: { roomId: w.liveRoomId, userId: member.id, minutes: 10 } } },
    addRoomModerator: { as: owner, baseline: { input: { roomId: w.liveRoomId, userId: member.id } } },
    allowLiveHost: { as: merchant, baseline: { input: { hostId: owner.id } } },
    revokeLiveHost: { as: merchant, baseline: { input: { hostId: owner.id } } },
    joinRoom: { as: member, baseline: { input: { roomId: w.liveRoomId } } },
    leaveRoom: { as: member, baseline: { input: { roomId: w.liveRoomId } } },
    sendLiveComment: { as: member, baseline: { input: { roomId: w.liveRoomId, body: 'so good' } } },
    likeRoom: { as: member, baseline: { input: { roomId: w.liveRoomId, taps: 3 } } },
    updateLiveRecap: { as: owner, baseline: { input: { roomId: w.liveRoomId, title: 'Our recap', body: 'Thanks for watching' } } },
    publishLiveRecap: { as: owner, baseline: { input: { roomId: w.liveRoomId } } },
  };
}

/** Every relationship within two hops of the sweep's users, with both ends and all properties. */
async function snapshot(ids: string[]): Promise<string[]> {
  const { records } = await t.db.driver.executeQuery(
    `MATCH (u:User) WHERE u.id IN $ids
     MATCH (u)-[*0..1]-(m)
     MATCH (m)-[r]-()
     WITH DISTINCT r
     RETURN type(r) AS type, properties(r) AS props, labels(startNode(r)) AS fromLabels, properties(startNode(r)) AS from,
            labels(endNode(r)) AS toLabels, properties(endNode(r)) AS to`,
    { ids },
  );
  // A session's lastUsedAt records use (at most once a minute), which the sweep's requests are; it is not a write by a mutation.
  const used = (r: { toObject(): Record<string, unknown> }) => {
    const row = r.toObject() as { fromLabels: string[]; toLabels: string[]; from: Record<string, unknown>; to: Record<string, unknown> };
    if (row.toLabels.includes('Session')) delete row.to.lastUsedAt;
    if (row.fromLabels.includes('Session')) delete row.from.lastUsedAt;
    return row;
  };
  const stable = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, stable(x)])) : value;
  return records.map((r) => JSON.stringify(stable(used(r)))).sort();
}

async function run<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

test('every mutation refuses bad input with BAD_USER_INPUT or NOT_FOUND, and writes nothing', async () => {
  const world = await buildWorld();
  const cases = casesFor(world);
  const mutations = Object.values(t.app.schema.getMutationType()!.getFields());
  // The checked-in schema is what clients see; it must list the same mutations the app serves.
  const published = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  expect(Object.keys(published.getMutationType()!.getFields()).sort()).toEqual(mutations.map((m) => m.name).sort());
  expect(mutations.length).toBeGreaterThan(50);
  expect(mutations.map((m) => m.name).filter((name) => !cases[name])).toEqual([]);
  expect(Object.keys(cases).filter((name) => !mutations.some((m) => m.name === name))).toEqual([]);

  const problems: string[] = [];
  const attempts: Attempt[] = [];
  for (const field of mutations) {
    const { as, baseline } = cases[field.name]!;
    const signature = field.args.length ? `(${field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : '';
    const call = field.args.length ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    const payload = returnsPayload(field.type);
    const selection = payload ? ' { __typename userErrors { field code message } }' : isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
    const query = `mutation Sweep${signature} { ${field.name}${call}${selection} }`;
    for (const arg of field.args) {
      for (const a of attemptsFor(field.name, baseline, arg.type, [arg.name], null, problems)) attempts.push({ ...a, query, payload, token: as?.token ?? null });
    }
  }
  expect(problems).toEqual([]);

  const ids = [world.admin, world.merchant, world.owner, world.member, world.requester, world.outsider, world.passwordUser].map((p) => p.id);
  const before = await snapshot(ids);

  const failures: string[] = [];
  const codes = new Map<string, number>();
  await run(attempts, 12, async (a) => {
    const result = await t.gql(a.query, a.variables, a.token);
    const where = `${a.mutation} ${a.path.join('.')} = ${a.label}`;
    // A payload mutation answers a refused input in userErrors (the field as a path from the
    // input root, list indices as "0", which namesPath leaves out like "[0]"); a value of the
    // wrong type is still refused by GraphQL itself, top-level.
    const userError = a.payload && !result.errors ? (result.data?.[a.mutation] as { userErrors: { field: string[] | null; code: string }[] } | undefined)?.userErrors[0] : undefined;
    if (a.payload && !result.errors) {
      const code = userError ? `userErrors ${userError.code}` : 'OK';
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (!userError) return void failures.push(`${where}: accepted`);
      const leaf = [...a.path].reverse().find((p) => typeof p === 'string') as string;
      if (userError.code === 'NOT_FOUND') {
        if (a.namedType !== 'ID' && !NOT_FOUND_IS_AN_ANSWER.includes(leaf)) failures.push(`${where}: NOT_FOUND for a non-id input`);
      } else if (!namesPath(['input', ...(userError.field ?? []).filter((p) => !/^\d+$/.test(p))].join('.'), a.path)) {
        failures.push(`${where}: userErrors ${userError.code} names ${JSON.stringify(userError.field)}`);
      }
      return;
    }
    const error = result.errors?.[0];
    const code = error?.extensions.code ?? 'OK';
    codes.set(code, (codes.get(code) ?? 0) + 1);
    if (!error) return void failures.push(`${where}: accepted`);
    if (result.errors!.some((e) => e.extensions.code === 'INTERNAL_SERVER_ERROR')) return void failures.push(`${where}: INTERNAL_SERVER_ERROR`);
    if (code === 'BAD_USER_INPUT') {
      if (!namesPath(error.extensions.field, a.path)) failures.push(`${where}: BAD_USER_INPUT names ${JSON.stringify(error.extensions.field)} (${error.message.slice(0, 120)})`);
    } else if (code === 'NOT_FOUND') {
      const leaf = [...a.path].reverse().find((p) => typeof p === 'string') as string;
      if (a.namedType !== 'ID' && !NOT_FOUND_IS_AN_ANSWER.includes(leaf)) failures.push(`${where}: NOT_FOUND for a non-id input`);
    } else {
      failures.push(`${where}: ${code} ${error.message.slice(0, 120)}`);
    }
  });
  expect(failures).toEqual([]);
  expect((codes.get('BAD_USER_INPUT') ?? 0) + (codes.get('userErrors INVALID') ?? 0)).toBeGreaterThan(attempts.length / 2);

  expect(await snapshot(ids)).toEqual(before);
  const tagged = async (what: 'n' | 'r') =>
    (
      await t.db.driver.executeQuery(
        `MATCH ${what === 'n' ? '(x)' : '()-[x]->()'}
         WHERE any(k IN keys(x) WHERE (x[k] IS :: STRING AND x[k] CONTAINS $tag) OR (x[k] IS :: LIST<STRING NOT NULL> AND any(s IN x[k] WHERE s CONTAINS $tag)))
         RETURN ${what === 'n' ? 'labels(x)' : 'type(x)'} AS kind, keys(x) AS keys`,
        { tag: TAG },
      )
    ).records.map((r) => r.toObject());
  expect(await tagged('n')).toEqual([]);
  expect(await tagged('r')).toEqual([]);
});

test('emoji sequences, right-to-left scripts and CJK are content, stored and returned byte for byte', async () => {
  const writer = await signUp(t, 'sw_unicode');
  const family = '👩\u200D👩\u200D👧\u200D👦'; // one glyph from four emoji joined by zero-width joiners
  const texts = {
    title: `${family} 种草 toner 🧴🏽`,
    body: 'مرحبا بالعالم — שלום עולם — 油皮亲妈，真的好用！\n第二行 ⚠️ 🇨🇳',
    comment: `‏עברית with a right-to-left mark, ${family} and 漢字`,
    group: `نادي ${family} 护肤`,
  };
  const note = (await t.ok(`mutation($input: CreateNoteInput!) { createNote(input: $input) { note { id title body } } }`,
    { input: { title: texts.title, body: texts.body, format: 'IMAGE_TEXT' } }, writer.token)).createNote.note;
  const comment = (await t.ok(`mutation($n: ID!, $text: String!) { comment(input: { noteId: $n, text: $text }) { comment { id text } } }`, { n: note.id, text: texts.comment }, writer.token)).comment.comment;
  const group = (await t.ok(`mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id name } } }`,
    { input: { name: texts.group, description: '', visibility: 'OPEN', rules: '', isPremoderated: false, topics: [] } }, writer.token)).createGroup.group!;

  const read = await t.ok(
    `query($n: ID!, $g: ID!) { note(id: $n) { title body comments(first: 1) { edges { node { text } } } } group(id: $g) { name } }`,
    { n: note.id, g: group.id },
  );
  const { records } = await t.db.driver.executeQuery(
    `MATCH (n:Note {id: $n}), (c:Comment {id: $c}), (g:Group {id: $g}) RETURN n.title AS title, n.body AS body, c.text AS comment, g.name AS group`,
    { n: note.id, c: comment.id, g: group.id },
  );
  const bytes = (s: string) => Buffer.from(s, 'utf8').toString('hex');
  for (const returned of [
    { title: note.title, body: note.body, comment: comment.text, group: group.name },
    { title: read.note.title, body: read.note.body, comment: read.note.comments.edges[0].node.text, group: read.group.name },
    records[0]!.toObject(),
  ]) {
    for (const key of Object.keys(texts) as (keyof typeof texts)[]) expect(bytes(returned[key])).toBe(bytes(texts[key]));
  }
});
