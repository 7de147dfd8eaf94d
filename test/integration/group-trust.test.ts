import { collect, operationText, startTestApp, TestApp } from '../helpers/app';
import type { Person } from '../helpers/people';
import { randomUUID } from 'node:crypto';
import { postNote, people } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, offerGroupBuy } from '../helpers/commerce';
import {
  TrustBanMemberDocument,
  TrustCreateGroupDocument,
  TrustInviteDocument,
  TrustJoinGroupDocument,
  TrustMembersDocument,
  TrustModerationQueueDocument,
  TrustMuteMemberDocument,
  TrustSetGroupRoleDocument,
  TrustTransferOwnershipDocument,
  type CreateGroupInput,
} from '../generated/graphql';

const ADMIN_EMAIL = `trust-${process.pid}@admins.example.com`;
let t: TestApp;
let admin: Person;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, ADMIN_EMAIL);
});
afterAll(() => t.close());

const CREATE = TrustCreateGroupDocument;
const JOIN = TrustJoinGroupDocument;
const INVITE = TrustInviteDocument;
const SET_ROLE = TrustSetGroupRoleDocument;
const TRANSFER = TrustTransferOwnershipDocument;
const BAN = TrustBanMemberDocument;
const MUTE = TrustMuteMemberDocument;
const MEMBERS = TrustMembersDocument;

async function createGroup(owner: Person, fields: Partial<CreateGroupInput> = {}): Promise<string> {
  const data = await t.ok(CREATE, { input: { name: `Trust circle ${Math.random().toString(36).slice(2, 8)}`, rules: 'Be kind', ...fields } }, owner.token);
  return data.createGroup.group!.id;
}

async function rolesIn(groupId: string, asWho: Person): Promise<Record<string, string>> {
  const nodes = (await t.ok(MEMBERS, { id: groupId }, asWho.token)).group?.members.nodes ?? [];
  return Object.fromEntries(nodes.map((m) => [m.user.id, m.role]));
}

/**
 * Holds the group's write lock (as a concurrent membership change would), lets `request` start and
 * queue behind it, applies `meanwhile` under the lock, then lets go: the request acts on a world
 * that changed after it began, which is exactly the race a role check before the lock loses.
 */
async function whileLocked<T>(groupId: string, request: () => Promise<T>, meanwhile: string, params: Record<string, unknown>): Promise<T> {
  const session = t.db.driver.session();
  const tx = session.beginTransaction();
  try {
    await tx.run('MATCH (g:Group {id: $groupId}) SET g._lock = true REMOVE g._lock', { groupId });
    const pending = request();
    // Long enough for the request to read what it reads before locking and queue on the lock.
    await new Promise((r) => setTimeout(r, 800));
    await tx.run(meanwhile, { groupId, ...params });
    await tx.commit();
    return await pending;
  } finally {
    await session.close();
  }
}
const DEMOTE = 'MATCH (:User {id: $userId})-[m:MEMBER_OF]->(:Group {id: $groupId}) SET m.role = $role';

describe('group roles are checked under the lock that changes them (hole 8)', () => {
  test('an owner who hands the group to two members at once leaves exactly one owner', async () => {
    const { owner, ann, bo } = await people(t, ['owner', 'ann', 'bo']);
    const g = await createGroup(owner);
    for (const p of [ann, bo]) await t.ok(JOIN, { id: g }, p.token);
    const results = await Promise.all([ann, bo].map((p) => t.gql(TRANSFER, { g, u: p.id }, owner.token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)!.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const roles = await rolesIn(g, owner);
    expect(Object.values(roles).filter((r) => r === 'OWNER')).toHaveLength(1);
    expect(roles[owner.id]).toBe('ADMIN');
  });

  test('an admin demoted while promoting someone is refused, and the promotion never happens', async () => {
    const { owner, adminUser, member } = await people(t, ['owner', 'adminUser', 'member']);
    const g = await createGroup(owner);
    for (const p of [adminUser, member]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: adminUser.id, r: 'ADMIN' }, owner.token);
    const result = await whileLocked(g, () => t.gql(SET_ROLE, { g, u: member.id, r: 'MODERATOR' }, adminUser.token), DEMOTE, { userId: adminUser.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await rolesIn(g, owner))[member.id]).toBe('MEMBER');
  });

  test('a role change racing the demotion of its caller: whichever order, no change by a mere member', async () => {
    const { owner, adminUser, member } = await people(t, ['owner', 'adminUser', 'member']);
    const g = await createGroup(owner);
    for (const p of [adminUser, member]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: adminUser.id, r: 'ADMIN' }, owner.token);
    const [demotion, promotion] = await Promise.all([
      t.gql(SET_ROLE, { g, u: adminUser.id, r: 'MEMBER' }, owner.token),
      t.gql(SET_ROLE, { g, u: member.id, r: 'MODERATOR' }, adminUser.token),
    ]);
    expect(demotion.errors).toBeUndefined();
    const roles = await rolesIn(g, owner);
    expect(roles[adminUser.id]).toBe('MEMBER');
    expect(roles[member.id]).toBe(promotion.errors ? 'MEMBER' : 'MODERATOR');
  });

  test('an admin demoted while banning is refused: the member stays in', async () => {
    const { owner, adminUser, member } = await people(t, ['owner', 'adminUser', 'member']);
    const g = await createGroup(owner);
    for (const p of [adminUser, member]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: adminUser.id, r: 'ADMIN' }, owner.token);
    const result = await whileLocked(g, () => t.gql(BAN, { g, u: member.id }, adminUser.token), DEMOTE, { userId: adminUser.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await rolesIn(g, owner))[member.id]).toBe('MEMBER');
  });

  test('a moderator demoted while muting is refused: the member can still post', async () => {
    const { owner, mod, member } = await people(t, ['owner', 'mod', 'member']);
    const g = await createGroup(owner);
    for (const p of [mod, member]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: mod.id, r: 'MODERATOR' }, owner.token);
    const result = await whileLocked(g, () => t.gql(MUTE, { g, u: member.id }, mod.token), DEMOTE, { userId: mod.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const { records } = await t.db.driver.executeQuery('MATCH (:User {id: $u})-[m:MEMBER_OF]->(:Group {id: $g}) RETURN m.mutedUntil AS until', { u: member.id, g });
    expect(records[0]!.get('until')).toBeNull();
  });

  test('a moderator demoted while inviting is refused: no invitation is left behind', async () => {
    const { owner, mod, guest } = await people(t, ['owner', 'mod', 'guest']);
    const g = await createGroup(owner, { visibility: 'CLOSED' });
    await t.ok(INVITE, { g, u: mod.id }, owner.token);
    await t.ok(JOIN, { id: g }, mod.token);
    await t.ok(SET_ROLE, { g, u: mod.id, r: 'MODERATOR' }, owner.token);
    const result = await whileLocked(g, () => t.gql(INVITE, { g, u: guest.id }, mod.token), DEMOTE, { userId: mod.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(JOIN, { id: g }, guest.token)).joinGroup.status).toBe('REQUESTED');
  });

  test('a moderator demoted while hiding a reported note is refused: the note stays up and its case open', async () => {
    const { owner, mod, author, reader } = await people(t, ['owner', 'mod', 'author', 'reader']);
    const g = await createGroup(owner);
    for (const p of [mod, author, reader]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: mod.id, r: 'MODERATOR' }, owner.token);
    const note = await postNote(t, author, { groupId: g, title: 'Honest review' });
    await t.ok(`mutation($n: ID!) { report(input: { target: { noteId: $n }, reason: SPAM }) { received } }`, { n: note.id }, reader.token);
    const found = (await t.ok(`query($g: ID) { moderationQueue(groupId: $g) { nodes { id targetId } } }`, { g }, mod.token)).moderationQueue.nodes[0];
    const HIDE = `mutation($c: ID!) { moderate(input: { caseId: $c, action: HIDE, reason: "spam" }) { moderationAction { id } } }`;
    const result = await whileLocked(g, () => t.gql(HIDE, { c: found.id }, mod.token), DEMOTE, { userId: mod.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(`query($id: ID!) { note(id: $id) { id } }`, { id: note.id }, reader.token)).note).toEqual({ id: note.id });
    expect(await openCasesAbout(note.id)).toEqual([{ groupId: g, reportCount: 1 }]);
  });

  test('an admin demoted while renaming the group is refused: the name stays', async () => {
    const { owner, adminUser } = await people(t, ['owner', 'adminUser']);
    const g = await createGroup(owner, { name: 'Original name' });
    await t.ok(JOIN, { id: g }, adminUser.token);
    await t.ok(SET_ROLE, { g, u: adminUser.id, r: 'ADMIN' }, owner.token);
    const RENAME = `mutation($g: ID!) { updateGroup(input: { groupId: $g, name: "Taken over" }) { group { name } } }`;
    const result = await whileLocked(g, () => t.gql(RENAME, { g }, adminUser.token), DEMOTE, { userId: adminUser.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(`query($g: ID!) { group(id: $g) { name } }`, { g }, owner.token)).group.name).toBe('Original name');
  });
});

const QUEUE = TrustModerationQueueDocument;
const MODERATE = `mutation($c: ID!, $a: ModerationActionKind!) { moderate(input: { caseId: $c, action: $a, reason: "checked" }) { moderationAction { id } userErrors { field code message } } }`;

async function openCasesAbout(targetId: string) {
  const { records } = await t.db.driver.executeQuery(
    `MATCH (c:ModerationCase {targetId: $targetId, status: 'OPEN'}) RETURN c.groupId AS groupId, c.reportCount AS reportCount ORDER BY c.groupId`,
    { targetId },
  );
  return records.map((r) => ({ groupId: r.get('groupId') as string | null, reportCount: r.get('reportCount') as number }));
}

describe('a moderation case belongs to a target and a group (hole 10)', () => {
  test('an owner who reports a user in their own group gets only that report: the platform case stays with staff', async () => {
    const { owner, target, bystander } = await people(t, ['owner', 'target', 'bystander']);
    const g = await createGroup(owner);
    const REPORT_USER = `mutation($u: ID!, $g: ID) { report(input: { target: { userId: $u }, groupId: $g, reason: HARASSMENT, details: "x" }) { received } }`;
    // The reporter hears only that the report arrived, never the case.
    expect((await t.ok(REPORT_USER, { u: target.id, g }, owner.token)).report.received).toBe(true);
    expect((await t.ok(REPORT_USER, { u: target.id, g: null }, bystander.token)).report.received).toBe(true);

    const mine = (await t.ok(QUEUE, { g }, owner.token)).moderationQueue.nodes.filter((c) => c.targetId === target.id);
    expect(mine).toEqual([expect.objectContaining({ reportCount: 1 })]);
    expect(await openCasesAbout(target.id)).toEqual([{ groupId: g, reportCount: 1 }, { groupId: null, reportCount: 1 }]);

    // Dismissing their own case leaves the platform's open, and the owner cannot reach that one.
    await t.ok(MODERATE, { c: mine[0]!.id, a: 'DISMISS' }, owner.token);
    expect(await openCasesAbout(target.id)).toEqual([{ groupId: null, reportCount: 1 }]);
    expect((await t.gql(QUEUE, { g: null }, owner.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const { records } = await t.db.driver.executeQuery(`MATCH (c:ModerationCase {targetId: $id, status: 'OPEN'}) RETURN c.id AS id`, { id: target.id });
    expect((await t.gql(MODERATE, { c: records[0]!.get('id'), a: 'DISMISS' }, owner.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    // A later report about them in the group opens a new group case, not the platform's.
    await t.ok(REPORT_USER, { u: target.id, g }, bystander.token);
    expect(await openCasesAbout(target.id)).toEqual([{ groupId: g, reportCount: 1 }, { groupId: null, reportCount: 1 }]);
    // Only a user report takes a group: a note goes to its own group's queue, whatever is claimed.
    const note = await postNote(t, target);
    const claimed = await t.gql(`mutation($n: ID!, $g: ID) { report(input: { target: { noteId: $n }, groupId: $g, reason: SPAM }) { received userErrors { field code } } }`, { n: note.id, g }, owner.token);
    expect(claimed.data?.report).toEqual({ received: null, userErrors: [{ code: 'INVALID', field: ['groupId'] }] });
    expect(await openCasesAbout(note.id)).toEqual([]);
  });
});

describe('the sensitive-word list stays with admins, and edits are checked like posts (hole 11)', () => {
  test("a group's moderators see that the word filter held a note, but only admins see the words", async () => {
    const { owner, member } = await people(t, ['owner', 'member']);
    const g = await createGroup(owner, { isPremoderated: true });
    await t.ok(JOIN, { id: g }, member.token);
    const held = await postNote(t, member, { groupId: g, title: '全网最好的精华', body: 'really' });
    const byOwner = (await t.ok(QUEUE, { g }, owner.token)).moderationQueue.nodes.find((c) => c.targetId === held.id);
    expect(byOwner).toMatchObject({ kind: 'PREMODERATION', matched: null });
    const byAdmin = (await t.ok(QUEUE, { g }, admin.token)).moderationQueue.nodes.find((c) => c.targetId === held.id);
    expect(byAdmin).toMatchObject({ kind: 'PREMODERATION', matched: ['最好'] });
  });

  test('an approved note edited to a banned claim is held again until a moderator approves it', async () => {
    const { owner, member, reader } = await people(t, ['owner', 'member', 'reader']);
    const g = await createGroup(owner, { isPremoderated: true });
    for (const p of [member, reader]) await t.ok(JOIN, { id: g }, p.token);
    const note = await postNote(t, member, { groupId: g, title: 'My routine', body: 'cleanser, toner, cream' });
    const NOTE = `query($id: ID!) { note(id: $id) { id title } }`;
    expect((await t.ok(NOTE, { id: note.id }, reader.token)).note).toEqual({ id: note.id, title: 'My routine' });

    const EDIT = `mutation($input: UpdateNoteInput!) { updateNote(input: $input) { note { id title } userErrors { code } } }`;
    // The author still sees their note; everyone else stops seeing it.
    expect((await t.ok(EDIT, { input: { noteId: note.id, body: '全网第一的面霜' } }, member.token)).updateNote.note).toMatchObject({ id: note.id });
    expect((await t.ok(NOTE, { id: note.id }, reader.token)).note).toBeNull();
    expect((await t.ok(`query($id: ID!) { groupFeed(groupId: $id) { nodes { id } } }`, { id: g }, reader.token)).groupFeed.nodes).toEqual([]);
    const held = (await t.ok(QUEUE, { g }, owner.token)).moderationQueue.nodes.filter((c) => c.targetId === note.id);
    expect(held).toEqual([expect.objectContaining({ kind: 'PREMODERATION', matched: null })]);

    // Held again while pending, the note keeps one case; approving it shows it again.
    await t.ok(EDIT, { input: { noteId: note.id, title: '最好 cream' } }, member.token);
    expect((await t.ok(QUEUE, { g }, owner.token)).moderationQueue.nodes.filter((c) => c.targetId === note.id)).toHaveLength(1);
    await t.ok(MODERATE, { c: held[0]!.id, a: 'RESTORE' }, owner.token);
    expect((await t.ok(NOTE, { id: note.id }, reader.token)).note).toMatchObject({ id: note.id });

    // A group without pre-moderation does not hold edits.
    const plain = await createGroup(owner);
    await t.ok(JOIN, { id: plain }, member.token);
    const free = await postNote(t, member, { groupId: plain, title: 'Plain' });
    await t.ok(JOIN, { id: plain }, reader.token);
    await t.ok(EDIT, { input: { noteId: free.id, title: '第一 choice' } }, member.token);
    expect((await t.ok(NOTE, { id: free.id }, reader.token)).note).toEqual({ id: free.id, title: '第一 choice' });
  });
});

describe('a SECRET group answers outsiders exactly as an unknown id does (hole 15)', () => {
  test('every operation that reaches a group gives an outsider the same error for a SECRET group and for no group', async () => {
    const { owner, member, outsider } = await people(t, ['owner', 'member', 'outsider']);
    const merchant = await signUpMerchant(t, admin, 'sg_shop');
    const product = await listProduct(t, merchant);
    const offer = await offerGroupBuy(t, merchant, product);
    const secret = await createGroup(owner, { visibility: 'SECRET' });
    await t.ok(INVITE, { g: secret, u: member.id }, owner.token);
    await t.ok(JOIN, { id: secret }, member.token);
    const note = await postNote(t, member, { groupId: secret, title: 'Members only' });
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const event = (await t.ok(`mutation($g: ID!, $s: DateTimeISO!) { createGroupEvent(input: { groupId: $g, title: "Meet", startsAt: $s, mode: ONLINE }) { event { id } } }`, { g: secret, s: startsAt }, owner.token)).createGroupEvent.event.id;
    await t.ok(`mutation($n: ID!) { report(input: { target: { noteId: $n }, reason: SPAM }) { received } }`, { n: note.id }, owner.token);
    const secretCase = (await t.ok(QUEUE, { g: secret }, owner.token)).moderationQueue.nodes.find((c) => c.targetId === note.id)!.id;
    // An action the member appeals, for decideAppeal.
    const hidden = await postNote(t, member, { groupId: secret, title: 'Hidden later' });
    await t.ok(`mutation($n: ID!) { report(input: { target: { noteId: $n }, reason: SPAM }) { received } }`, { n: hidden.id }, owner.token);
    const hiddenCase = (await t.ok(QUEUE, { g: secret }, owner.token)).moderationQueue.nodes.find((c) => c.targetId === hidden.id)!.id;
    const action = (await t.ok(MODERATE, { c: hiddenCase, a: 'HIDE' }, owner.token)).moderate.moderationAction.id;
    const appeal = (await t.ok(`mutation($a: ID!) { appeal(input: { actionId: $a, text: "not spam" }) { appeal { id } } }`, { a: action }, member.token)).appeal.appeal.id;
    const unknown = randomUUID();
    const buy = (await t.ok(`mutation($input: StartGroupBuyInput!) { startGroupBuy(input: $input) { groupBuy { id } } }`, { input: { groupId: secret, offerId: offer } }, member.token)).startGroupBuy.groupBuy.id;

    const byGroup: [string, string, (g: string) => Record<string, unknown>][] = [
      ['group', `query($g: ID!) { group(id: $g) { id } }`, (g) => ({ g })],
      ['groupFeed', `query($g: ID!) { groupFeed(groupId: $g) { totalCount } }`, (g) => ({ g })],
      ['groupStats', `query($g: ID!) { groupStats(groupId: $g) { totalMembers } }`, (g) => ({ g })],
      ['leaderboard', `query($g: ID) { leaderboard(kind: ENGAGEMENT, groupId: $g) { totalCount } }`, (g) => ({ g })],
      ['matchKols', `query($g: ID) { matchKols(topics: ["skincare"], groupId: $g) { score } }`, (g) => ({ g })],
      ['moderationQueue', `query($g: ID) { moderationQueue(groupId: $g) { totalCount } }`, (g) => ({ g })],
      ['openAppeals', `query($g: ID) { openAppeals(groupId: $g) { totalCount } }`, (g) => ({ g })],
      ['moderationLog', `query($g: ID) { moderationLog(groupId: $g) { totalCount } }`, (g) => ({ g })],
      ['joinGroup', operationText(JOIN), (g) => ({ id: g })],
      ['leaveGroup', `mutation($g: ID!) { leaveGroup(input: { groupId: $g }) { userErrors { code message } } }`, (g) => ({ g })],
      ['updateGroup', `mutation($g: ID!) { updateGroup(input: { groupId: $g, name: "Renamed group" }) { group { id } userErrors { code message } } }`, (g) => ({ g })],
      ['archiveGroup', `mutation($g: ID!) { archiveGroup(input: { groupId: $g }) { archivedGroupId userErrors { code message } } }`, (g) => ({ g })],
      ['decideJoinRequest', `mutation($g: ID!, $u: ID!) { decideJoinRequest(input: { groupId: $g, userId: $u, decision: APPROVE }) { group { id } userErrors { code message } } }`, (g) => ({ g, u: member.id })],
      ['inviteToGroup', operationText(INVITE), (g) => ({ g, u: member.id })],
      ['setGroupRole', operationText(SET_ROLE), (g) => ({ g, u: member.id, r: 'MODERATOR' })],
      ['transferOwnership', operationText(TRANSFER), (g) => ({ g, u: member.id })],
      ['muteMember', operationText(MUTE), (g) => ({ g, u: member.id })],
      ['banMember', operationText(BAN), (g) => ({ g, u: member.id })],
      ['unbanMember', `mutation($g: ID!, $u: ID!) { unbanMember(input: { groupId: $g, userId: $u }) { userErrors { code message } } }`, (g) => ({ g, u: member.id })],
      ['removeMember', `mutation($g: ID!, $u: ID!) { removeMember(input: { groupId: $g, userId: $u }) { userErrors { code message } } }`, (g) => ({ g, u: member.id })],
      ['postAnnouncement', `mutation($g: ID!) { postAnnouncement(input: { groupId: $g, title: "Hi", body: "all" }) { note { id } userErrors { code message } } }`, (g) => ({ g })],
      ['pinNote', `mutation($g: ID!, $n: ID!) { pinNote(input: { groupId: $g, noteId: $n, pinned: true }) { group { id } userErrors { code message } } }`, (g) => ({ g, n: note.id })],
      ['createGroupEvent', `mutation($g: ID!, $s: DateTimeISO!) { createGroupEvent(input: { groupId: $g, title: "x", startsAt: $s, mode: ONLINE }) { event { id } userErrors { code message } } }`, (g) => ({ g, s: startsAt })],
      ['createNote', `mutation($g: ID) { createNote(input: { title: "hi", body: "", format: IMAGE_TEXT, groupId: $g }) { note { id } userErrors { code message } } }`, (g) => ({ g })],
      ['startGroupBuy', `mutation($input: StartGroupBuyInput!) { startGroupBuy(input: $input) { groupBuy { id } userErrors { code message } } }`, (g) => ({ input: { groupId: g, offerId: offer } })],
      ['share', `mutation($g: ID!) { share(input: { target: { groupId: $g }, channel: WECHAT }) { shareLink { code } userErrors { code message } } }`, (g) => ({ g })],
      ['report a group', `mutation($g: ID!) { report(input: { target: { groupId: $g }, reason: SPAM }) { received userErrors { code message } } }`, (g) => ({ g })],
      ['report a user in a group', `mutation($g: ID!, $u: ID!) { report(input: { target: { userId: $u }, groupId: $g, reason: SPAM }) { received userErrors { code message } } }`, (g) => ({ g, u: member.id })],
    ];
    const byOther: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
      ['rsvp', `mutation($e: ID!) { rsvp(input: { eventId: $e, status: GOING }) { event { id } userErrors { code message } } }`, { e: event }, { e: unknown }],
      ['moderate', MODERATE, { c: secretCase, a: 'DISMISS' }, { c: unknown, a: 'DISMISS' }],
      ['groupBuy', `query($id: ID!) { groupBuy(id: $id) { id } }`, { id: buy }, { id: unknown }],
      ['joinGroupBuy', `mutation($id: ID!) { joinGroupBuy(input: { groupBuyId: $id }) { groupBuy { id } userErrors { code message } } }`, { id: buy }, { id: unknown }],
      ['decideAppeal', `mutation($a: ID!) { decideAppeal(input: { appealId: $a, decision: REVERSE, reason: "ok" }) { appeal { id } userErrors { code message } } }`, { a: appeal }, { a: unknown }],
    ];
    // A refusal is a top-level error, a payload's user error, or a lookup's null: each must read
    // the same for the SECRET group as for an unknown one.
    const answer = async (query: string, variables: Record<string, unknown>) => {
      const result = await t.gql(query, variables, outsider.token);
      const error = result.errors?.[0];
      if (error) return { code: error.extensions.code, message: error.message };
      // A payload mutation refuses in its userErrors; a lookup answers null for what it cannot show.
      const answers = Object.values(result.data ?? {}) as ({ userErrors?: { code: string; message: string }[] } | null)[];
      const userError = answers.map((a) => a?.userErrors?.[0]).find(Boolean);
      if (userError) return { code: userError.code, message: userError.message };
      return answers.every((a) => a === null) ? 'null' : 'answered';
    };
    const differences: string[] = [];
    for (const [name, query, vars] of byGroup) {
      const [forSecret, forUnknown] = [await answer(query, vars(secret)), await answer(query, vars(unknown))];
      if (JSON.stringify(forSecret) !== JSON.stringify(forUnknown) || forSecret === 'answered') differences.push(`${name}: ${JSON.stringify(forSecret)} vs ${JSON.stringify(forUnknown)}`);
    }
    for (const [name, query, secretVars, unknownVars] of byOther) {
      const [forSecret, forUnknown] = [await answer(query, secretVars), await answer(query, unknownVars)];
      if (JSON.stringify(forSecret) !== JSON.stringify(forUnknown) || forSecret === 'answered') differences.push(`${name}: ${JSON.stringify(forSecret)} vs ${JSON.stringify(forUnknown)}`);
    }
    // Live: subscribing to the group's activity.
    const live = (g: string) =>
      collect(t.ws(outsider.token), `subscription { groupActivity(groupId: "${g}") { kind } }`, 1, 5000).events.then(() => 'answered', (e: Error) => e.message);
    const [liveSecret, liveUnknown] = [await live(secret), await live(unknown)];
    if (liveSecret !== liveUnknown.replace(unknown, secret) || liveSecret === 'answered') differences.push(`groupActivity: ${liveSecret} vs ${liveUnknown}`);
    expect(liveSecret).toMatch(/NOT_FOUND/);
    expect(differences).toEqual([]);
    // Members still reach it.
    expect((await t.ok(`mutation($g: ID!) { share(input: { target: { groupId: $g }, channel: WECHAT }) { shareLink { code } } }`, { g: secret }, member.token)).share.shareLink!.code).toBeTruthy();
    expect((await t.ok(`mutation($e: ID!) { rsvp(input: { eventId: $e, status: GOING }) { event { going } } }`, { e: event }, member.token)).rsvp.event.going).toBe(1);
    // Platform admins still handle a SECRET group's cases, sanctions included.
    expect((await t.ok(MODERATE, { c: secretCase, a: 'HIDE' }, admin.token)).moderate.moderationAction.id).toBeTruthy();
    expect((await t.ok(BAN, { g: secret, u: member.id }, admin.token)).banMember.userErrors).toEqual([]);
  });
});
