import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { follow, people, postNote, signUp } from '../helpers/people';
import { listProduct, OPEN, orderInput, PLACE, SHARE, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import { LikeDocument, PrivacyDeleteAccountDocument, PrivacySetConsentDocument } from '../generated/graphql';
import { sweepAccountDeletions } from '../../src/privacy/deletion-sweep';

/**
 * The deletion sweep (issue 23 §4) against the real Neo4j: a user with data of every kind asks for
 * deletion; a sweep before the grace period ends leaves them alone; the sweep after it erases them.
 * Then no node or relationship property anywhere holds their email, handle or display name, every
 * counter equals the relationships it counts, their orders and commissions remain under a
 * tombstone, search and sign-up treat the handle as gone (quarantined), and a second sweep does nothing.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SEARCH_MAX_PER_USER_PER_MINUTE: '100000', SEARCH_MAX_PER_IP_PER_MINUTE: '1000000' });
});
afterAll(async () => {
  await t.db.driver.executeQuery('MATCH (u:User) WHERE u.handle STARTS WITH "deleted_" AND u.sweepTest = $tag DETACH DELETE u', { tag }, { database: t.db.name });
  await t.close();
});

const tag = randomBytes(4).toString('hex');
const run = async (query: string, params: Record<string, unknown> = {}) => (await t.db.driver.executeQuery(query, params, { database: t.db.name })).records.map((r) => r.toObject());

const CREATE_GROUP = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } userErrors { code } } }`;
const JOIN_GROUP = `mutation($id: ID!) { joinGroup(input: { groupId: $id, acceptRules: true }) { status } }`;
const COMMENT = `mutation($n: ID!, $text: String!, $r: ID) { comment(input: { noteId: $n, text: $text, replyToId: $r }) { comment { id } userErrors { code } } }`;
const COLLECT = `mutation($id: ID!) { collect(input: { noteId: $id }) { note { id } userErrors { code } } }`;
const BLOCK = `mutation($id: ID!) { block(input: { userId: $id }) { user { id } } }`;
const MUTE = `mutation($id: ID!) { mute(input: { userId: $id }) { user { id } userErrors { code } } }`;
const MUTE_WORD = `mutation($w: String!) { muteWord(input: { word: $w }) { mutedWord { word } userErrors { code } } }`;
const SEARCH = `query($q: String!, $type: SearchType!) { search(query: $q, type: $type, first: 20) { edges { node { ... on User { id } ... on Note { id } } } } }`;
const START = `mutation($ids: [ID!]!) { startConversation(input: { userIds: $ids }) { conversation { id } userErrors { code } } }`;
const SEND = `mutation($c: ID!, $text: String!) { sendMessage(input: { conversationId: $c, text: $text }) { message { id } userErrors { code } } }`;
const PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id } userErrors { code } } }`;

/** Every node and relationship with a string (or list of strings) property containing one of the needles, ignoring case. */
async function propertiesHolding(needles: string[]) {
  const lowered = needles.map((n) => n.toLowerCase());
  const where = `any(k IN keys(x) WHERE any(needle IN $needles WHERE
      (x[k] IS :: STRING AND toLower(x[k]) CONTAINS needle) OR
      (x[k] IS :: LIST<STRING NOT NULL> AND any(s IN x[k] WHERE toLower(s) CONTAINS needle))))`;
  const nodes = await run(`MATCH (x) WHERE ${where} RETURN labels(x) AS kind, [k IN keys(x) WHERE x[k] IS :: STRING | k] AS keys`, { needles: lowered });
  const rels = await run(`MATCH ()-[x]->() WHERE ${where} RETURN type(x) AS kind, keys(x) AS keys`, { needles: lowered });
  return [...nodes, ...rels];
}

/** Every stored counter of these users and of what they are tied to, next to a count of its relationships; only the unequal ones. */
async function unequalCounts(userIds: string[]) {
  return run(
    `MATCH (u:User) WHERE u.id IN $ids
     CALL (u) {
       RETURN 'User.followerCount ' + u.id AS what, u.followerCount AS stored, COUNT { (u)<-[:FOLLOWS]-(:User) } AS actual
       UNION ALL RETURN 'User.followingCount ' + u.id AS what, u.followingCount AS stored, COUNT { (u)-[:FOLLOWS]->(:User) } AS actual
       UNION ALL RETURN 'User.noteCount ' + u.id AS what, coalesce(u.noteCount, 0) AS stored, COUNT { MATCH (u)-[:POSTED]->(n:Note) WHERE n.deletedAt IS NULL RETURN n } AS actual
       UNION ALL MATCH (u)-[:POSTED]->(n:Note)
         UNWIND [['likeCount', n.likeCount, COUNT { (n)<-[:LIKED]-(:User) }], ['collectCount', n.collectCount, COUNT { (n)<-[:COLLECTED]-(:User) }],
                 ['commentCount', n.commentCount, COUNT { MATCH (n)<-[:ON]-(c:Comment) WHERE c.deletedAt IS NULL RETURN c }]] AS c
         RETURN 'Note.' + c[0] + ' ' + n.id AS what, c[1] AS stored, c[2] AS actual
       UNION ALL MATCH (u)-[:WROTE]->(c:Comment)
         RETURN 'Comment.replyCount ' + c.id AS what, coalesce(c.replyCount, 0) AS stored, COUNT { MATCH (r:Comment)-[:REPLY_TO]->(c) WHERE r.deletedAt IS NULL RETURN r } AS actual
       UNION ALL MATCH (u)-[:MEMBER_OF]->(g:Group)
         RETURN 'Group.memberCount ' + g.id AS what, g.memberCount AS stored, COUNT { (:User)-[:MEMBER_OF]->(g) } AS actual
       UNION ALL MATCH (u)-[:HAS_NOTIFICATION_GROUP]->(g:NotificationGroup)
         RETURN 'NotificationGroup.actorCount ' + g.id AS what, g.actorCount AS stored, COUNT { (g)-[:GROUP_ACTOR]->(:User) } AS actual
     }
     WITH what, stored, actual WHERE stored <> actual
     RETURN what, stored, actual`,
    { ids: userIds },
  );
}

test('after the grace period the sweep erases the person and every trace, keeps the accounting, and every count still adds up', async () => {
  const admin = await signUpAdmin(t, `sweep-${tag}@admins.example.com`);
  const merchant = await signUpMerchant(t, admin, 'sw_merchant');
  const { friend, fan, other } = await people(t, ['friend', 'fan', 'other']);
  const gone = await signUp(t, `gone${tag}`);
  const displayName = `gone${tag}`;
  const productId = await listProduct(t, merchant);
  await t.ok(`mutation($input: SetCommissionRatesInput!) { setCommissionRates(input: $input) { rateSet { id } userErrors { code } } }`,
    { input: { scope: 'MERCHANT', merchantId: merchant.id, levelRatesBps: [500], rewardDepth: 1, idempotencyKey: `rates-${merchant.id}` } }, admin.token);

  // A profile, notes others engage with, comments and a reply, likes, collects, follows both ways.
  await t.ok(PROFILE, { input: { bio: `Hi, I am ${displayName}`, avatarUrl: 'https://img.example.com/gone.jpg', interests: [`sw${tag}`] } }, gone.token);
  const own = await postNote(t, gone, { title: `Notes by ${displayName}`, body: `Written by ${displayName}`, topics: [`sw${tag}`] });
  const second = await postNote(t, gone, { title: 'Second note' });
  const theirs = await postNote(t, friend, { title: `Friend note ${tag}` });
  for (const p of [friend, fan]) {
    await t.ok(LikeDocument, { id: own.id }, p.token);
    await t.ok(COLLECT, { id: own.id }, p.token);
  }
  await t.ok(COMMENT, { n: own.id, text: 'Lovely note' }, friend.token);
  const friendComment = (await t.ok(COMMENT, { n: theirs.id, text: 'My own note' }, friend.token)).comment.comment.id;
  await t.ok(COMMENT, { n: theirs.id, text: `Signed, ${displayName}` }, gone.token);
  await t.ok(COMMENT, { n: theirs.id, text: 'A reply', r: friendComment }, gone.token);
  await t.ok(LikeDocument, { id: theirs.id }, gone.token);
  await t.ok(COLLECT, { id: theirs.id }, gone.token);
  await t.ok(LikeDocument, { id: second.id }, fan.token);
  await follow(t, gone, friend);
  await follow(t, friend, gone);
  await follow(t, fan, gone);
  // Blocks, mutes, a muted word; a group owned, a group joined.
  await t.ok(BLOCK, { id: other.id }, gone.token);
  await t.ok(MUTE, { id: fan.id }, gone.token);
  await t.ok(MUTE_WORD, { w: `spoiler${tag}` }, gone.token);
  // A group's name and description belong to its community, which keeps them under its next owner, so they do not name the person here.
  const owned = (await t.ok(CREATE_GROUP, { input: { name: `Serum club ${tag}`, description: 'All about serums', visibility: 'OPEN', rules: 'Be kind.' } }, gone.token)).createGroup.group.id as string;
  await t.ok(JOIN_GROUP, { id: owned }, friend.token);
  await t.ok(JOIN_GROUP, { id: owned }, fan.token);
  const joined = (await t.ok(CREATE_GROUP, { input: { name: `Friend club ${tag}`, visibility: 'OPEN', rules: 'Be kind.' } }, friend.token)).createGroup.group.id as string;
  await t.ok(JOIN_GROUP, { id: joined }, gone.token);
  // An order, a share link another bought through (a commission), searches, consents, a message.
  const link = (await t.ok(SHARE, { target: { productId }, channel: 'WECHAT' }, gone.token)).share.shareLink!;
  await t.ok(OPEN, { code: link.code }, friend.token);
  const bought = (await t.ok(PLACE, { input: orderInput(productId, 1, { shareCode: link.code }) }, friend.token)).placeOrder.order!;
  const placed = (await t.ok(PLACE, { input: orderInput(productId) }, gone.token)).placeOrder.order!;
  await t.ok(SEARCH, { q: `serum ${tag}`, type: 'NOTE' }, gone.token);
  await t.ok(PrivacySetConsentDocument, { input: { purpose: 'MARKETING_MESSAGES', isGranted: true } }, gone.token);
  const conversation = (await t.ok(START, { ids: [friend.id] }, gone.token)).startConversation.conversation.id as string;
  await t.ok(SEND, { c: conversation, text: `This is ${displayName} writing` }, gone.token);
  await t.ok(SEND, { c: conversation, text: 'Hello back' }, friend.token);
  await run('MATCH (u:User {id: $id}) SET u.birthYear = 1990, u.sweepTest = $tag', { id: gone.id, tag });

  const commissions = async () => (await run('MATCH (:Order {id: $id})-[:GENERATED]->(c:Commission)-[:EARNED_BY]->(:User {id: $user}) RETURN count(c) AS n', { id: bought.id, user: gone.id }))[0]!.n;
  expect(await commissions()).toBe(1);
  const { accountDeletion } = (await t.ok(PrivacyDeleteAccountDocument, { input: { password: gone.password } }, gone.token)).deleteAccount;
  const dueAt = Date.parse(accountDeletion!.deletesAt);
  const needles = [gone.email, gone.handle, displayName];
  const sweep = (now: number) => sweepAccountDeletions(t.db, { now, quarantineDays: 90, batchSize: 2 });

  // Within the grace period the sweep leaves the account alone.
  expect(await sweep(dueAt - 1000)).not.toContain(gone.id);
  expect((await propertiesHolding(needles)).length).toBeGreaterThan(0);

  // Once it is over, the person is gone: small batches, so every step runs in several pages.
  expect(await sweep(dueAt + 1000)).toContain(gone.id);
  expect(await propertiesHolding(needles)).toEqual([]);
  expect(await unequalCounts([gone.id, friend.id, fan.id, other.id])).toEqual([]);

  // Their notes, comments, likes, collects, follows, blocks, mutes and memberships are gone.
  const [left] = await run(
    `MATCH (u:User {id: $id})
     RETURN COUNT { (u)-[:POSTED|WROTE|LIKED|COLLECTED|OWNS|FOLLOWS|BLOCKS|MUTES|MUTES_WORD|MEMBER_OF|INTERESTED_IN|SEARCHED|HAS_SESSION|CHANGED_CONSENT|IN_CONVERSATION|HAS_NOTIFICATION]-() } AS ties,
            COUNT { (:Note {id: $note}) } AS notes, u.displayName AS displayName, u.handle AS handle, u.deletedAt IS NOT NULL AS erased`,
    { id: gone.id, note: own.id },
  );
  expect(left).toMatchObject({ ties: 0, notes: 0, displayName: 'Deleted user', erased: true });
  expect(left!.handle).toMatch(/^deleted_/);
  // The group they owned passed on; its count is exact.
  const [group] = await run(`MATCH (g:Group {id: $id}) RETURN g.memberCount AS members, [(u:User)-[m:MEMBER_OF {role: 'OWNER'}]->(g) | u.id] AS owners`, { id: owned });
  expect(group).toEqual({ members: 2, owners: [friend.id] });

  // Orders and commissions stay for accounting, pointing at the tombstone.
  const [accounting] = await run(
    `MATCH (tomb:User {id: $id})
     RETURN EXISTS { (tomb)-[:PLACED]->(:Order {id: $placed}) } AS placed,
            EXISTS { (:Order {id: $bought})-[:GENERATED]->(:Commission)-[:EARNED_BY]->(tomb) } AS commission,
            EXISTS { (tomb)-[:SHARED]->(:ShareLink {code: $code}) } AS link`,
    { id: gone.id, placed: placed.id, bought: bought.id, code: link.code },
  );
  expect(accounting).toEqual({ placed: true, commission: true, link: true });

  // Nobody finds them, and their handle stays reserved; signing in is impossible.
  expect((await t.ok(SEARCH, { q: gone.handle, type: 'USER' }, friend.token)).search.edges).toEqual([]);
  const again = await t.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { user { id } userErrors { field code } } }`, {
    input: { email: `${uniqueHandle('x')}@example.com`, handle: gone.handle, displayName: 'Someone else', password: 'correct horse battery' },
  });
  expect((again.data as { signUp: { userErrors: unknown[] } }).signUp.userErrors).toEqual([{ field: ['handle'], code: 'TAKEN' }]);
  const login = await t.gql(`mutation($l: String!, $p: String!) { logIn(input: { login: $l, password: $p }) { token userErrors { code } } }`, { l: gone.email, p: gone.password });
  expect((login.data as { logIn: { userErrors: { code: string }[] } }).logIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');

  // A second sweep has nothing left to do.
  expect(await sweep(dueAt + 2000)).not.toContain(gone.id);
  expect(await unequalCounts([friend.id, fan.id])).toEqual([]);
});
