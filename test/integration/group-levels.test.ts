import { startTestApp, TestApp } from '../helpers/app';
import type { Person } from '../helpers/people';
import { people, postNote } from '../helpers/people';
import { listProduct, offerGroupBuy, signUpAdmin, signUpMerchant } from '../helpers/commerce';

/**
 * Group member levels (from each member's lifetime contribution score in the group) and the rights
 * a group's managers give by level: posting without pre-moderation and starting group buys.
 * Default thresholds (GROUP_LEVEL_THRESHOLDS): level 2 from a score of 10, level 3 from 30.
 */
let t: TestApp;
let admin: Person;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, `levels-${process.pid}@admins.example.com`);
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }`;
const JOIN = `mutation($id: ID!) { joinGroup(input: { groupId: $id, acceptRules: true }) { status } }`;
const LIKE = `mutation($id: ID!) { like(input: { noteId: $id }) { note { id } } }`;
const RIGHTS = `mutation($input: UpdateGroupLevelRightsInput!) {
  updateGroupLevelRights(input: $input) { group { id levelRights { postWithoutPremoderationFromLevel startGroupBuyFromLevel } } userErrors { field code message } }
}`;
const LEVELS = `query($id: ID!) { group(id: $id) { viewerLevel members(first: 50) { nodes { user { id } level } } } }`;
const VIEWER = `query($id: ID!) { group(id: $id) { viewerLevel levelRights { postWithoutPremoderationFromLevel startGroupBuyFromLevel } viewerCan { post startGroupBuy postWithoutPremoderation } } }`;
const NOTE = `query($id: ID!) { note(id: $id) { id } }`;
const QUEUE = `query($g: ID) { moderationQueue(groupId: $g) { nodes { targetId kind } } }`;
const COMMENT = `mutation($n: ID!, $text: String!) { comment(input: { noteId: $n, text: $text }) { comment { id } } }`;
const COMMENTS = `query($id: ID!) { note(id: $id) { comments(first: 20) { nodes { id } } } }`;
const START = `mutation($input: StartGroupBuyInput!) { startGroupBuy(input: $input) { groupBuy { id } userErrors { field code message } } }`;

async function createGroup(owner: Person, isPremoderated = false): Promise<string> {
  const data = await t.ok(CREATE, { input: { name: `Level circle ${Math.random().toString(36).slice(2, 8)}`, rules: 'Be kind', isPremoderated } }, owner.token);
  return data.createGroup.group.id;
}

async function levelsIn(groupId: string, asWho: Person): Promise<Record<string, number>> {
  const nodes: { user: { id: string }; level: number }[] = (await t.ok(LEVELS, { id: groupId }, asWho.token)).group.members.nodes;
  return Object.fromEntries(nodes.map((m) => [m.user.id, m.level]));
}

/** Three notes in the group (score 9) and a like on one of them (10): level 2. */
async function reachLevelTwo(groupId: string, member: Person, liker: Person): Promise<void> {
  const notes = [];
  for (let i = 0; i < 3; i++) notes.push(await postNote(t, member, { groupId, title: `Routine step ${i + 1}` }));
  await t.ok(LIKE, { id: notes[0]!.id }, liker.token);
}

describe('a member level comes from the contribution score in the group', () => {
  test('the level rises as soon as a contribution lands, on the member list, the viewer and the stats', async () => {
    const { owner, ann, bo } = await people(t, ['owner', 'ann', 'bo']);
    const g = await createGroup(owner);
    for (const p of [ann, bo]) await t.ok(JOIN, { id: g }, p.token);
    expect(await levelsIn(g, owner)).toEqual({ [owner.id]: 1, [ann.id]: 1, [bo.id]: 1 });

    const notes = [];
    for (let i = 0; i < 3; i++) notes.push(await postNote(t, ann, { groupId: g, title: `Routine step ${i + 1}` }));
    // 3 notes score 9: still below level 2 (10).
    expect((await levelsIn(g, owner))[ann.id]).toBe(1);
    await t.ok(LIKE, { id: notes[0]!.id }, bo.token);
    expect((await levelsIn(g, owner))[ann.id]).toBe(2);
    expect((await t.ok(LEVELS, { id: g }, ann.token)).group.viewerLevel).toBe(2);

    const stats = (await t.ok(`query($g: ID!) { groupStats(groupId: $g) { levelDistribution { level members } } }`, { g }, owner.token)).groupStats;
    expect(stats.levelDistribution).toHaveLength(10);
    expect(stats.levelDistribution.slice(0, 3)).toEqual([{ level: 1, members: 2 }, { level: 2, members: 1 }, { level: 3, members: 0 }]);

    // A note deleted no longer counts: the level follows the score down as well.
    await t.ok(`mutation($id: ID!) { deleteNote(input: { noteId: $id }) { deletedNoteId } }`, { id: notes[1]!.id }, ann.token);
    expect((await levelsIn(g, owner))[ann.id]).toBe(1);
  });

  test('a non-member has no level in the group', async () => {
    const { owner, outsider } = await people(t, ['owner', 'outsider']);
    const g = await createGroup(owner);
    expect((await t.ok(LEVELS, { id: g }, outsider.token)).group.viewerLevel).toBeNull();
    expect((await t.ok(LEVELS, { id: g }, owner.token)).group.viewerLevel).toBe(1);
  });
});

describe('updateGroupLevelRights', () => {
  test('admins and above set the rights, validated and audited; members are refused', async () => {
    const { owner, mod, member } = await people(t, ['owner', 'mod', 'member']);
    const g = await createGroup(owner);
    for (const p of [mod, member]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(`mutation($g: ID!, $u: ID!) { setGroupRole(input: { groupId: $g, userId: $u, role: MODERATOR }) { member { role } } }`, { g, u: mod.id }, owner.token);
    expect((await t.ok(VIEWER, { id: g }, member.token)).group.levelRights).toEqual({ postWithoutPremoderationFromLevel: null, startGroupBuyFromLevel: null });

    for (const who of [member, mod]) {
      const refused = await t.gql(RIGHTS, { input: { groupId: g, postWithoutPremoderationFromLevel: 1, startGroupBuyFromLevel: 1 } }, who.token);
      expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
    for (const bad of [0, 11]) {
      const answer = await t.answer(RIGHTS, { input: { groupId: g, postWithoutPremoderationFromLevel: bad, startGroupBuyFromLevel: null } }, owner.token);
      expect(answer.updateGroupLevelRights).toEqual({ group: null, userErrors: [expect.objectContaining({ field: ['postWithoutPremoderationFromLevel'], code: 'INVALID' })] });
    }

    const set = await t.ok(RIGHTS, { input: { groupId: g, postWithoutPremoderationFromLevel: 3, startGroupBuyFromLevel: 2 } }, owner.token);
    expect(set.updateGroupLevelRights.group.levelRights).toEqual({ postWithoutPremoderationFromLevel: 3, startGroupBuyFromLevel: 2 });
    expect((await t.ok(VIEWER, { id: g }, member.token)).group.levelRights).toEqual({ postWithoutPremoderationFromLevel: 3, startGroupBuyFromLevel: 2 });
    const audit = await t.db.driver.executeQuery(
      `MATCH (a:AuditEntry {action: 'SET_GROUP_LEVEL_RIGHTS', subjectId: $g}) RETURN a.actorId AS actorId, a.details AS details`, { g });
    expect(audit.records.map((r) => r.toObject())).toEqual([{ actorId: owner.id, details: 'postWithoutPremoderationFromLevel none -> 3, startGroupBuyFromLevel none -> 2' }]);
  });
});

describe('level rights change what a member may do in the group', () => {
  test('in a pre-moderated group, a low-level member is held and a member at the set level is not, until the setting changes', async () => {
    const { owner, low, high, reader } = await people(t, ['owner', 'low', 'high', 'reader']);
    const g = await createGroup(owner, true);
    for (const p of [low, high, reader]) await t.ok(JOIN, { id: g }, p.token);
    await reachLevelTwo(g, high, reader);
    await t.ok(RIGHTS, { input: { groupId: g, postWithoutPremoderationFromLevel: 2, startGroupBuyFromLevel: null } }, owner.token);
    expect((await t.ok(VIEWER, { id: g }, high.token)).group.viewerCan.postWithoutPremoderation).toBe(true);
    expect((await t.ok(VIEWER, { id: g }, low.token)).group.viewerCan.postWithoutPremoderation).toBe(false);

    const queued = async () => ((await t.ok(QUEUE, { g }, owner.token)).moderationQueue.nodes as { targetId: string }[]).map((c) => c.targetId);
    const heldNote = await postNote(t, low, { groupId: g, title: '全网最好的精华', body: 'really' });
    const freeNote = await postNote(t, high, { groupId: g, title: '全网最好的精华', body: 'really' });
    expect((await t.ok(NOTE, { id: heldNote.id }, reader.token)).note).toBeNull();
    expect((await t.ok(NOTE, { id: freeNote.id }, reader.token)).note).toEqual({ id: freeNote.id });
    expect(await queued()).toContain(heldNote.id);
    expect(await queued()).not.toContain(freeNote.id);

    // Comments follow the same right.
    const plain = await postNote(t, owner, { groupId: g, title: 'Weekly thread' });
    const heldComment = (await t.ok(COMMENT, { n: plain.id, text: '最好 serum ever' }, low.token)).comment.comment.id;
    const freeComment = (await t.ok(COMMENT, { n: plain.id, text: '最好 serum ever' }, high.token)).comment.comment.id;
    const shown = ((await t.ok(COMMENTS, { id: plain.id }, reader.token)).note.comments.nodes as { id: string }[]).map((c) => c.id);
    expect(shown).toContain(freeComment);
    expect(shown).not.toContain(heldComment);

    // Lowering the level to 1 lets the low-level member post without the hold...
    await t.ok(RIGHTS, { input: { groupId: g, postWithoutPremoderationFromLevel: 1, startGroupBuyFromLevel: null } }, owner.token);
    const nowFree = await postNote(t, low, { groupId: g, title: '最好 toner', body: 'yes' });
    expect((await t.ok(NOTE, { id: nowFree.id }, reader.token)).note).toEqual({ id: nowFree.id });
    // ...and taking the right away holds the high-level member again.
    await t.ok(RIGHTS, { input: { groupId: g, postWithoutPremoderationFromLevel: null, startGroupBuyFromLevel: null } }, owner.token);
    const heldAgain = await postNote(t, high, { groupId: g, title: '最好 cream', body: 'yes' });
    expect((await t.ok(NOTE, { id: heldAgain.id }, reader.token)).note).toBeNull();
    expect(await queued()).toContain(heldAgain.id);
  });

  test('a member below startGroupBuyFromLevel is refused starting a group buy in the group, one at it may, and lowering it lets the first', async () => {
    const { owner, low, high, liker } = await people(t, ['owner', 'low', 'high', 'liker']);
    const merchant = await signUpMerchant(t, admin, `lv_shop_${process.pid}`);
    const offer = await offerGroupBuy(t, merchant, await listProduct(t, merchant));
    const g = await createGroup(owner);
    for (const p of [low, high, liker]) await t.ok(JOIN, { id: g }, p.token);
    await reachLevelTwo(g, high, liker);
    await t.ok(RIGHTS, { input: { groupId: g, postWithoutPremoderationFromLevel: null, startGroupBuyFromLevel: 2 } }, owner.token);
    expect((await t.ok(VIEWER, { id: g }, low.token)).group.viewerCan).toEqual({ post: true, startGroupBuy: false, postWithoutPremoderation: true });
    expect((await t.ok(VIEWER, { id: g }, high.token)).group.viewerCan.startGroupBuy).toBe(true);

    const refused = await t.answer(START, { input: { offerId: offer, groupId: g } }, low.token);
    expect(refused.startGroupBuy).toEqual({ groupBuy: null, userErrors: [{ field: ['groupId'], code: 'LEVEL_TOO_LOW', message: expect.stringContaining('needs group level 2; yours is 1') }] });
    const started = await t.ok(START, { input: { offerId: offer, groupId: g } }, high.token);
    expect(started.startGroupBuy.groupBuy.id).toEqual(expect.any(String));
    // A start outside any group is not the group's to refuse.
    expect((await t.ok(START, { input: { offerId: await offerGroupBuy(t, merchant, await listProduct(t, merchant)) } }, low.token)).startGroupBuy.groupBuy.id).toEqual(expect.any(String));

    await t.ok(RIGHTS, { input: { groupId: g, postWithoutPremoderationFromLevel: null, startGroupBuyFromLevel: 1 } }, owner.token);
    expect((await t.ok(START, { input: { offerId: offer, groupId: g } }, low.token)).startGroupBuy.groupBuy.id).toEqual(expect.any(String));
  });

  test('the right is read under the group lock in the start transaction: a level raised while the start waits on the lock refuses it', async () => {
    const { owner, member } = await people(t, ['owner', 'member']);
    const merchant = await signUpMerchant(t, admin, `lv_lock_${process.pid}`);
    const offer = await offerGroupBuy(t, merchant, await listProduct(t, merchant));
    const g = await createGroup(owner);
    await t.ok(JOIN, { id: g }, member.token);

    const session = t.db.driver.session();
    const tx = session.beginTransaction();
    try {
      await tx.run('MATCH (g:Group {id: $g}) SET g._lock = true REMOVE g._lock', { g });
      const pending = t.answer(START, { input: { offerId: offer, groupId: g } }, member.token);
      await new Promise((r) => setTimeout(r, 800));
      await tx.run('MATCH (g:Group {id: $g}) SET g.startGroupBuyFromLevel = 2', { g });
      await tx.commit();
      expect((await pending).startGroupBuy).toEqual({ groupBuy: null, userErrors: [expect.objectContaining({ code: 'LEVEL_TOO_LOW' })] });
    } finally {
      await session.close();
    }
    // Nothing of the refused start stays: no group buy, the offer's place and the unit kept.
    const left = await t.db.driver.executeQuery('MATCH (o:GroupBuyOffer {id: $offer}) RETURN o.groupCount AS groups, COUNT { (:GroupBuy)-[:FROM_OFFER]->(o) } AS buys', { offer });
    expect(left.records[0]!.toObject()).toEqual({ groups: 0, buys: 0 });
  });
});
