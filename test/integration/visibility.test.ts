import { startTestApp, TestApp, collect } from '../helpers/app';
import { follow, postNote, Person, people } from '../helpers/people';
import {
  BanMemberDocument,
  LikeNoteDocument,
  ModerateDocument,
  ModerationQueueDocument,
  NoteActivityKindDocument,
  VisibilityBlockDocument,
  VisibilityCommentIdsDocument,
  VisibilityNoteActivityAuthorsDocument,
  VisibilityNoteActivityDocument,
  VisibilityRemoveMemberDocument,
  VisibilityRepliesDocument,
  VisibilityCommentDocument,
  VisibilityCreateGroupDocument,
  VisibilityEditNoteDocument,
  VisibilityInviteDocument,
  VisibilityJoinGroupDocument,
  VisibilityNoteDocument,
  VisibilityNotificationsDocument,
  type CreateGroupInput,
  type VisibilityNotificationsQuery,
} from '../generated/graphql';

// Holes 3, 4 and 5 of the trust-boundary review: comments reached through notifications, replies
// and replyTo; live note activity across blocks; authors banned or removed from a group.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const COMMENT = VisibilityCommentDocument;
const NOTIFICATIONS = VisibilityNotificationsDocument;
const NOTE = VisibilityNoteDocument;
const BLOCK = VisibilityBlockDocument;
const CREATE_GROUP = VisibilityCreateGroupDocument;
const JOIN = VisibilityJoinGroupDocument;
const INVITE = VisibilityInviteDocument;
const EDIT = VisibilityEditNoteDocument;

type Notification = VisibilityNotificationsQuery['notifications']['nodes'][number];

async function notificationsOf(who: Person): Promise<Notification[]> {
  return (await t.ok(NOTIFICATIONS, {}, who.token)).notifications.nodes;
}

async function createGroup(owner: Person, fields: Partial<CreateGroupInput>): Promise<string> {
  const name = `Visibility circle ${Math.random().toString(36).slice(2, 8)}`;
  return (await t.ok(CREATE_GROUP, { input: { name, rules: 'Be kind.', ...fields } }, owner.token)).createGroup.group!.id;
}

/** Brings people into a group: OPEN groups they join, CLOSED and SECRET ones by the owner's invite. */
async function admit(owner: Person, groupId: string, ...people: Person[]) {
  for (const p of people) {
    await t.gql(INVITE, { g: groupId, u: p.id }, owner.token);
    expect((await t.ok(JOIN, { id: groupId }, p.token)).joinGroup.status).toBe('JOINED');
  }
}

const settle = () => new Promise((r) => setTimeout(r, 200));

describe('hole 3: comments through notifications, replies and replyTo', () => {
  test('a mention in a comment on a FOLLOWERS-only note reaches followers of its author only', async () => {
    const { author, fan, outsider } = await people(t, ['author', 'fan', 'outsider']);
    await follow(t, fan, author);
    const note = await postNote(t, author, { visibility: 'FOLLOWERS' });
    await t.ok(COMMENT, { id: note.id, text: `@${outsider.handle} you would love this, and @${author.handle} too` }, fan.token);
    // The outsider cannot open the note, so is not told about it.
    expect(await notificationsOf(outsider)).toEqual([]);
    expect((await notificationsOf(author)).map((n) => n.type).sort()).toEqual(['MENTION', 'NEW_FOLLOWER', 'NOTE_COMMENTED']);
  });

  test('a mention in a CLOSED group reaches members only, and a mention never crosses a block with the note author', async () => {
    const { owner, member, outsider, blocker, friend } = await people(t, ['owner', 'member', 'outsider', 'blocker', 'friend']);
    const closed = await createGroup(owner, { visibility: 'CLOSED' });
    await admit(owner, closed, member);
    const groupNote = await postNote(t, owner, { groupId: closed });
    await t.ok(COMMENT, { id: groupNote.id, text: `@${outsider.handle} and @${member.handle}, look` }, owner.token);
    expect(await notificationsOf(outsider)).toEqual([]);
    expect((await notificationsOf(member)).map((n) => n.type)).toEqual(['MENTION']);

    // The note's author blocked the mentioned user: a third person's mention does not reach them.
    const note = await postNote(t, owner);
    await t.ok(BLOCK, { id: blocker.id }, owner.token);
    await t.ok(COMMENT, { id: note.id, text: `@${blocker.handle} @${friend.handle} have a look` }, member.token);
    expect(await notificationsOf(blocker)).toEqual([]);
    expect((await notificationsOf(friend)).map((n) => n.type)).toEqual(['MENTION']);
  });

  test("a notification's subject resolves by the note's own rule: a FOLLOWERS-only note that mentioned a follower is null once they unfollow", async () => {
    const { author, fan } = await people(t, ['author', 'fan']);
    await follow(t, fan, author);
    const note = await postNote(t, author, { visibility: 'FOLLOWERS', body: `for @${fan.handle} only` });
    expect((await notificationsOf(fan)).map((n) => [n.type, n.subject])).toEqual([['MENTION', { __typename: 'Note', id: note.id }]]);
    // Who follows the author sees what the author did too: a NEW_FOLLOWER notification is about the follower.
    expect((await notificationsOf(author)).map((n) => [n.type, n.subject])).toEqual([['NEW_FOLLOWER', { __typename: 'User', id: fan.id }]]);
    await t.ok(`mutation($id: ID!) { unfollow(input: { userId: $id }) { user { id } } }`, { id: author.id }, fan.token);
    expect((await notificationsOf(fan)).map((n) => [n.type, n.note, n.subject])).toEqual([['MENTION', null, null]]);
  });

  test('a notification keeps no comment the recipient may not see: a blocked commenter, a blocked replyTo', async () => {
    const { author, first, replier } = await people(t, ['author', 'first', 'replier']);
    const note = await postNote(t, author);
    const top = (await t.ok(COMMENT, { id: note.id, text: 'first' }, first.token)).comment.comment!;
    const reply = (await t.ok(COMMENT, { id: note.id, text: 'agreed', replyTo: top.id }, replier.token)).comment.comment!;
    const before = await notificationsOf(author);
    expect(before.map((n) => n.comment)).toEqual([
      { id: reply.id, text: 'agreed', replyTo: { id: top.id } },
      { id: top.id, text: 'first', replyTo: null },
    ]);
    // The author blocks the first commenter: their comment leaves the notification, and the
    // reply that is still visible no longer leads to it through replyTo.
    await t.ok(BLOCK, { id: first.id }, author.token);
    const after = await notificationsOf(author);
    expect(after.map((n) => n.comment)).toEqual([{ id: reply.id, text: 'agreed', replyTo: null }, null]);
    // What each notification is about follows the same rule: the blocked commenter's comment resolves to null.
    expect(before.map((n) => n.subject)).toEqual([{ __typename: 'Comment', id: reply.id }, { __typename: 'Comment', id: top.id }]);
    expect(after.map((n) => n.subject)).toEqual([{ __typename: 'Comment', id: reply.id }, null]);
    // The reply's replies and the note's comments leave the blocked user out too.
    const thread = await t.ok(VisibilityCommentIdsDocument, { id: note.id }, author.token);
    expect(thread.note?.comments.nodes).toEqual([]);
  });

  test('replies by someone in a block with the viewer are left out of Comment.replies', async () => {
    const { author, reader, troll } = await people(t, ['author', 'reader', 'troll']);
    const note = await postNote(t, author);
    const top = (await t.ok(COMMENT, { id: note.id, text: 'question?' }, reader.token)).comment.comment!;
    await t.ok(COMMENT, { id: note.id, text: 'answer', replyTo: top.id }, author.token);
    await t.ok(COMMENT, { id: note.id, text: 'rude reply', replyTo: top.id }, troll.token);
    await t.ok(BLOCK, { id: troll.id }, reader.token);
    const [thread] = (await t.ok(VisibilityRepliesDocument, { id: note.id }, reader.token)).note?.comments.nodes ?? [];
    expect(thread?.replies).toEqual({ totalCount: 1, nodes: [{ text: 'answer' }], edges: [{ node: { text: 'answer' } }] });
  });

  test('a comment held by pre-moderation notifies nobody and reaches no live page until approved', async () => {
    const { owner, member, watcher, mentioned } = await people(t, ['owner', 'member', 'watcher', 'mentioned']);
    const group = await createGroup(owner, { visibility: 'OPEN', isPremoderated: true });
    for (const p of [member, watcher, mentioned]) await t.ok(JOIN, { id: group }, p.token);
    const note = await postNote(t, owner, { groupId: group, title: 'Routine check', body: 'what do you use?' });
    const live = collect(t.ws(watcher.token), VisibilityNoteActivityDocument, 1, undefined, { id: note.id });
    await live.started;
    await settle();

    const text = `全网最好 serum, ask @${mentioned.handle}`;
    const held = (await t.ok(COMMENT, { id: note.id, text }, member.token)).comment.comment!;
    await settle();
    expect(await notificationsOf(owner)).toEqual([]);
    expect(await notificationsOf(mentioned)).toEqual([]);
    expect((await t.ok(NOTE, { id: note.id }, watcher.token)).note?.comments.nodes).toEqual([]);

    const queue = (await t.ok(ModerationQueueDocument, { g: group }, owner.token)).moderationQueue.nodes;
    const pending = queue.find((c) => c.targetId === held.id);
    await t.ok(ModerateDocument, { input: { caseId: pending!.id, action: 'RESTORE', reason: 'fine' } }, owner.token);

    // Approved: the live page gets the comment, the note's author and the mentioned user hear of it.
    expect((await live.events).map((e) => e.noteActivity)).toEqual([{ kind: 'COMMENT_ADDED', comment: { text } }]);
    expect((await notificationsOf(owner)).filter((n) => n.type === 'NOTE_COMMENTED').map((n) => n.comment?.id)).toEqual([held.id]);
    expect((await notificationsOf(mentioned)).map((n) => [n.type, n.comment?.id])).toEqual([['MENTION', held.id]]);
  });

  test('a note held by pre-moderation mentions nobody until approved; then members it mentions hear of it', async () => {
    const { owner, member, mentioned } = await people(t, ['owner', 'member', 'mentioned']);
    const group = await createGroup(owner, { visibility: 'OPEN', isPremoderated: true });
    for (const p of [member, mentioned]) await t.ok(JOIN, { id: group }, p.token);
    const held = await postNote(t, member, { groupId: group, title: '全网最好 toner', body: `ask @${mentioned.handle}` });
    expect(await notificationsOf(mentioned)).toEqual([]);
    const queue = (await t.ok(ModerationQueueDocument, { g: group }, owner.token)).moderationQueue.nodes;
    const pending = queue.find((c) => c.targetId === held.id);
    await t.ok(ModerateDocument, { input: { caseId: pending!.id, action: 'RESTORE', reason: 'fine' } }, owner.token);
    expect((await notificationsOf(mentioned)).map((n) => [n.type, n.note?.id])).toEqual([['MENTION', held.id]]);
  });
});

describe('hole 4: noteActivity and blocks', () => {
  test('a comment by someone in a block with the subscriber is never delivered; the next visible one is', async () => {
    const { author, watcher, blocked, blocker, fan } = await people(t, ['author', 'watcher', 'blocked', 'blocker', 'fan']);
    const note = await postNote(t, author);
    await t.ok(BLOCK, { id: blocked.id }, watcher.token);
    await t.ok(BLOCK, { id: watcher.id }, blocker.token);
    const live = collect(t.ws(watcher.token), VisibilityNoteActivityAuthorsDocument, 1, undefined, { id: note.id });
    await live.started;
    await settle();
    await t.ok(COMMENT, { id: note.id, text: 'from someone you blocked' }, blocked.token);
    await t.ok(COMMENT, { id: note.id, text: 'from someone who blocked you' }, blocker.token);
    await settle();
    await t.ok(COMMENT, { id: note.id, text: 'from a fan' }, fan.token);
    expect((await live.events).map((e) => e.noteActivity)).toEqual([
      { kind: 'COMMENT_ADDED', commentCount: 3, comment: { text: 'from a fan', author: { id: fan.id } } },
    ]);
  });
});

describe('hole 5: authors banned or removed from a group', () => {
  test('an author removed from a CLOSED group no longer reads their note, its new comments, or its live page, and cannot edit it', async () => {
    const { owner, author, member } = await people(t, ['owner', 'author', 'member']);
    const closed = await createGroup(owner, { visibility: 'CLOSED' });
    await admit(owner, closed, author, member);
    const note = await postNote(t, author, { groupId: closed, title: 'Members only tips' });
    expect((await t.ok(NOTE, { id: note.id }, author.token)).note).toMatchObject({ id: note.id });

    const own = (await t.ok(COMMENT, { id: note.id, text: 'ask me anything' }, author.token)).comment.comment!;

    await t.ok(VisibilityRemoveMemberDocument, { g: closed, u: author.id }, owner.token);
    await t.ok(COMMENT, { id: note.id, text: 'said after they left' }, member.token);
    await t.ok(COMMENT, { id: note.id, text: 'a reply after they left', replyTo: own.id }, member.token);
    await t.ok(LikeNoteDocument, { id: note.id }, member.token);
    // No notification tells them of the note's new comments, replies or likes either.
    expect(await notificationsOf(author)).toEqual([]);
    expect((await t.ok(NOTE, { id: note.id }, author.token)).note).toBeNull();
    const edit = await t.gql(EDIT, { id: note.id, title: 'Edited from outside' }, author.token);
    expect(edit.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(NOTE, { id: note.id }, owner.token)).note?.title).toBe('Members only tips');
    const refused = collect(t.ws(author.token), NoteActivityKindDocument, 1, undefined, { noteId: note.id });
    await expect(refused.events).rejects.toThrow(/NOT_FOUND/);
  });

  test('an author banned from a SECRET group loses a live page they had open', async () => {
    const { owner, author, member } = await people(t, ['owner', 'author', 'member']);
    const secret = await createGroup(owner, { visibility: 'SECRET' });
    await admit(owner, secret, author, member);
    const note = await postNote(t, author, { groupId: secret });
    const live = collect(t.ws(author.token), VisibilityNoteActivityDocument, 5, 4000, { id: note.id });
    await live.started;
    await settle();
    await t.ok(BanMemberDocument, { g: secret, u: author.id, reason: 'spam' }, owner.token);
    await t.ok(COMMENT, { id: note.id, text: 'after the ban' }, member.token);
    // The subscription ends without delivering the comment.
    expect(await live.events).toEqual([]);
  });

  test('editNote refuses an author banned from an OPEN group, and leaves the note as it was', async () => {
    const { owner, author } = await people(t, ['owner', 'author']);
    const open = await createGroup(owner, { visibility: 'OPEN' });
    await t.ok(JOIN, { id: open }, author.token);
    const note = await postNote(t, author, { groupId: open, title: 'Before the ban' });
    expect((await t.ok(EDIT, { id: note.id, title: 'Still a member' }, author.token)).updateNote.note!.title).toBe('Still a member');
    await t.ok(BanMemberDocument, { g: open, u: author.id, reason: 'spam' }, owner.token);
    const edit = await t.gql(EDIT, { id: note.id, title: 'Sneaky edit' }, author.token);
    expect(edit.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(NOTE, { id: note.id }, owner.token)).note?.title).toBe('Still a member');
  });
});
