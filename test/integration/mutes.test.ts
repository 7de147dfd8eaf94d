import { collect, FILE_PREFIX, startTestApp, TestApp } from '../helpers/app';
import { follow, people, postNote, Person } from '../helpers/people';
import {
  DmConversationUpdatedDocument,
  DmSendDocument,
  DmStartDocument,
  DmUnreadDocument,
  LikeDocument,
  MuteConversationDocument,
  MutedUsersDocument,
  MutedWordsDocument,
  MuteDocument,
  MutesAuthorFeedDocument,
  MutesCommentsDocument,
  MutesConversationDocument,
  MutesDiscoverFeedDocument,
  MutesFollowingFeedDocument,
  MutesNoteDocument,
  MutesNotificationAddedDocument,
  MutesNotificationsDocument,
  MutesSearchNotesDocument,
  MutesUserDocument,
  MuteWordDocument,
  NotificationsCommentDocument,
  UnmuteConversationDocument,
  UnmuteDocument,
  UnmuteWordDocument,
  type MuteScope,
} from '../generated/graphql';

/**
 * Mutes (issue 20 §2), against the real Neo4j, surface by surface: the following and discover
 * feeds, note search, notifications (list, count, live), comments, muted words by scope, expiry,
 * unmuting, conversations, and what the muted user sees (nothing changes for them).
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SEARCH_MAX_PER_USER_PER_MINUTE: '100000', SEARCH_MAX_PER_IP_PER_MINUTE: '1000000' });
});
afterAll(async () => {
  // The shared cleanup removes users and what they posted; muted words and conversations are this file's own.
  await t.db.driver.executeQuery(
    `MATCH (u:User) WHERE u.handleLower STARTS WITH $prefix
     OPTIONAL MATCH (u)-[:MUTES_WORD]->(w:MutedWord)
     OPTIONAL MATCH (u)-[:IN_CONVERSATION]->(c:Conversation)
     OPTIONAL MATCH (m:Message {conversationId: c.id})
     DETACH DELETE w, m, c`,
    { prefix: FILE_PREFIX.toLowerCase() },
    { database: t.db.name },
  );
  await t.close();
});

const run = Math.random().toString(36).slice(2, 8);
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const mute = (who: Person, whom: Person, until?: string) => t.ok(MuteDocument, { input: { userId: whom.id, until } }, who.token);
const unmute = (who: Person, whom: Person) => t.ok(UnmuteDocument, { userId: whom.id }, who.token);
const muteWord = (who: Person, word: string, scope: MuteScope, until?: string) => t.ok(MuteWordDocument, { input: { word, scope, until } }, who.token);
async function muteCode(who: Person, input: { userId: string; until?: string }) {
  const result = await t.answer(MuteDocument, { input }, who.token);
  return result.mute.userErrors[0]?.code ?? 'OK';
}
async function muteWordCode(who: Person, word: string, until?: string) {
  const result = await t.answer(MuteWordDocument, { input: { word, scope: 'ALL', until } }, who.token);
  return result.muteWord.userErrors[0]?.code ?? 'OK';
}

async function followingIds(who: Person) {
  const feed = (await t.ok(MutesFollowingFeedDocument, {}, who.token)).followingFeed;
  return { ids: feed.nodes.map((n) => n.id), total: feed.totalCount };
}
/**
 * Every note of the viewer's discover ranking from a cursor on (other files write busily to the
 * same database), each with the cursor of the item before it.
 */
async function discover(who: Person, from: string | null = null) {
  const items: { id: string; before: string | null }[] = [];
  let after = from;
  for (let page = 0; page < 10; page++) {
    const feed = (await t.ok(MutesDiscoverFeedDocument, { after }, who.token)).discoverFeed;
    feed.edges.forEach((e, i) => items.push({ id: e.node.id, before: i === 0 ? after : feed.edges[i - 1]!.cursor }));
    if (!feed.pageInfo.hasNextPage) break;
    after = feed.pageInfo.endCursor ?? null;
  }
  return items;
}
const discoverIds = async (who: Person) => (await discover(who)).map((i) => i.id);
/** Note hits, two a page, from a cursor on (by default the first page, a new ranking). */
async function searchIds(who: Person, q: string, topic: string, from: string | null = null) {
  const ids: string[] = [];
  let after = from;
  let total = 0;
  let firstPageEnd: string | null = null;
  for (let page = 0; page < 10; page++) {
    const result = (await t.ok(MutesSearchNotesDocument, { q, topic, after }, who.token)).search;
    total = result.totalCount;
    ids.push(...result.edges.map((e) => ('id' in e.node ? e.node.id : '')));
    if (page === 0) firstPageEnd = result.pageInfo.endCursor ?? null;
    if (!result.pageInfo.hasNextPage) break;
    after = result.pageInfo.endCursor ?? null;
  }
  return { ids, total, firstPageEnd };
}
async function notificationsOf(who: Person) {
  const data = await t.ok(MutesNotificationsDocument, {}, who.token);
  return { actors: data.notifications.nodes.map((n) => n.actor?.id), total: data.notifications.totalCount, unread: data.unreadNotificationCount };
}
async function comments(who: Person, noteId: string) {
  return (await t.ok(MutesCommentsDocument, { id: noteId }, who.token)).note!.comments.nodes.map((c) => ({ text: c.text, muted: c.isMutedByViewer }));
}
const comment = (who: Person, noteId: string, text: string) => t.ok(NotificationsCommentDocument, { id: noteId, text }, who.token);

describe('mute and unmute', () => {
  test('a muted user is listed with the mute’s end, and unmuting lifts it; the muted user sees no change', async () => {
    const { mei, loud, quiet } = await people(t, ['mei', 'loud', 'quiet']);
    const until = inMs(3600_000);
    expect((await mute(mei, loud, until)).mute.user).toEqual({ id: loud.id, isMuted: true });
    await mute(mei, quiet);
    const page = (await t.ok(MutedUsersDocument, { first: 1 }, mei.token)).mutedUsers;
    expect(page.totalCount).toBe(2);
    expect(page.edges.map((e) => e.node.id)).toEqual([quiet.id]);
    expect(page.edges[0]!.mutedUntil).toBeNull();
    const next = (await t.ok(MutedUsersDocument, { first: 1, after: page.pageInfo.endCursor }, mei.token)).mutedUsers;
    expect(next.edges.map((e) => ({ id: e.node.id, until: e.mutedUntil }))).toEqual([{ id: loud.id, until }]);
    expect(next.pageInfo.hasNextPage).toBe(false);

    // Nothing is visible to the muted user: not on Mei's profile, not in their own mutes, no notification.
    expect((await t.ok(MutesUserDocument, { id: mei.id }, loud.token)).user).toEqual({ id: mei.id, isMuted: false });
    expect((await t.ok(MutedUsersDocument, {}, loud.token)).mutedUsers.totalCount).toBe(0);
    expect((await notificationsOf(loud)).total).toBe(0);

    expect((await unmute(mei, loud)).unmute.user).toEqual({ id: loud.id, isMuted: false });
    expect((await t.ok(MutedUsersDocument, {}, mei.token)).mutedUsers.edges.map((e) => e.node.id)).toEqual([quiet.id]);
    // Unmuting again changes nothing and succeeds.
    expect((await unmute(mei, loud)).unmute.userErrors).toEqual([]);
  });

  test('refusals: oneself, an unknown user, an end in the past or more than a year ahead', async () => {
    const { mei, other } = await people(t, ['mei', 'other']);
    expect(await muteCode(mei, { userId: mei.id })).toBe('INVALID');
    expect(await muteCode(mei, { userId: '00000000-0000-4000-8000-000000000000' })).toBe('NOT_FOUND');
    expect(await muteCode(mei, { userId: other.id, until: inMs(-1000) })).toBe('INVALID');
    expect(await muteCode(mei, { userId: other.id, until: inMs(366 * 24 * 3600_000) })).toBe('INVALID');
    expect((await t.ok(MutedUsersDocument, {}, mei.token)).mutedUsers.totalCount).toBe(0);
  });
});

describe('feeds and search', () => {
  test('the following feed leaves a muted author out (and its count), until unmuted; their profile and notes by link stay', async () => {
    const { viewer, muted, friend } = await people(t, ['viewer', 'muted', 'friend']);
    await follow(t, viewer, muted);
    await follow(t, viewer, friend);
    const loud = await postNote(t, muted, { title: 'Buy my serum' });
    const kept = await postNote(t, friend, { title: 'Honest review' });
    expect((await followingIds(viewer)).ids).toEqual([kept.id, loud.id]);

    await mute(viewer, muted);
    expect(await followingIds(viewer)).toEqual({ ids: [kept.id], total: 1 });
    expect((await t.ok(MutesNoteDocument, { id: loud.id }, viewer.token)).note).toEqual({ id: loud.id });
    expect((await t.ok(MutesAuthorFeedDocument, { id: muted.id }, viewer.token)).authorFeed.nodes.map((n) => n.id)).toEqual([loud.id]);
    // The muted user's own view is unchanged.
    await follow(t, muted, viewer);
    const mine = await postNote(t, viewer, { title: 'From the muter' });
    expect((await followingIds(muted)).ids).toEqual([mine.id]);

    await unmute(viewer, muted);
    expect(await followingIds(viewer)).toEqual({ ids: [kept.id, loud.id], total: 2 });
  });

  test('a mute with an end stops applying at once when it ends', async () => {
    const { viewer, muted } = await people(t, ['viewer', 'muted']);
    await follow(t, viewer, muted);
    const note = await postNote(t, muted);
    await mute(viewer, muted, inMs(1500));
    expect((await followingIds(viewer)).ids).toEqual([]);
    await sleep(1800);
    expect((await followingIds(viewer)).ids).toEqual([note.id]);
    expect((await t.ok(MutedUsersDocument, {}, viewer.token)).mutedUsers.totalCount).toBe(0);
    expect((await t.ok(MutesUserDocument, { id: muted.id }, viewer.token)).user!.isMuted).toBe(false);
  });

  test('the discover feed leaves a muted author and a muted word out, on a first page and on a later page of a ranking made before the mute', async () => {
    const { viewer, muted, other, fan } = await people(t, ['viewer', 'muted', 'other', 'fan']);
    const topic = `mutedisc${run}${viewer.id.slice(0, 4)}`;
    // A liked note of the topic makes it an interest, so the topic's notes are among the candidates.
    // It is by a fourth person: the ranking keeps at most two notes an author in a block, and a
    // third one, deferred past the ranking's last full block, is not shown at all.
    await t.ok(LikeDocument, { id: (await postNote(t, fan, { topics: [topic] })).id }, viewer.token);
    const fromMuted = await postNote(t, muted, { topics: [topic] });
    const fromOther = await postNote(t, other, { topics: [topic] });
    const word = `yy${run}`;
    const worded = await postNote(t, other, { topics: [topic], body: `about ${word}` });
    const ranking = await discover(viewer);
    expect(ranking.map((i) => i.id)).toEqual(expect.arrayContaining([fromMuted.id, fromOther.id, worded.id]));

    // The ranking was made before the mute: read again from just before the note, it leaves it out.
    const before = ranking.find((i) => i.id === fromMuted.id)!.before;
    const page = async () => (await t.ok(MutesDiscoverFeedDocument, { after: before }, viewer.token)).discoverFeed.edges.map((e) => e.node.id);
    expect((await page())[0]).toBe(fromMuted.id);
    await mute(viewer, muted);
    expect(await page()).not.toContain(fromMuted.id);
    const wordedBefore = ranking.find((i) => i.id === worded.id)!.before;
    await muteWord(viewer, word.toUpperCase(), 'FEEDS');
    expect((await t.ok(MutesDiscoverFeedDocument, { after: wordedBefore }, viewer.token)).discoverFeed.edges.map((e) => e.node.id)).not.toContain(worded.id);
    // A new ranking leaves both out from the start, and keeps the others.
    const fresh = await discoverIds(viewer);
    expect(fresh).not.toContain(fromMuted.id);
    expect(fresh).not.toContain(worded.id);
    expect(fresh).toContain(fromOther.id);
  });

  test('note search leaves out a muted author and notes with a muted word, on every page and in its count', async () => {
    const { viewer, muted, other } = await people(t, ['viewer', 'muted', 'other']);
    const topic = `mutesearch${run}${viewer.id.slice(0, 4)}`;
    const fromMuted = await postNote(t, muted, { title: 'glow serum review', topics: [topic] });
    const spoiler = await postNote(t, other, { title: 'glow serum, and the ending of the show', body: 'SPOILER ahead', topics: [topic] });
    const plain = await postNote(t, other, { title: 'glow serum again', topics: [topic] });
    const extra = await postNote(t, other, { title: 'glow serum third time', topics: [topic] });
    const before = await searchIds(viewer, 'glow serum', topic);
    expect(before.ids.sort()).toEqual([fromMuted.id, spoiler.id, plain.id, extra.id].sort());

    await mute(viewer, muted);
    await muteWord(viewer, 'ｓｐｏｉｌｅｒ', 'FEEDS');
    // Later pages of the ranking made before the mutes leave them out too.
    const rest = await searchIds(viewer, 'glow serum', topic, before.firstPageEnd);
    expect(rest.ids).not.toEqual(expect.arrayContaining([fromMuted.id]));
    expect(rest.ids).not.toEqual(expect.arrayContaining([spoiler.id]));
    const after = await searchIds(viewer, 'glow serum', topic);
    expect(after.ids.sort()).toEqual([plain.id, extra.id].sort());
    expect(after.total).toBe(2);
    // Someone else's search is untouched.
    expect((await searchIds(other, 'glow serum', topic)).total).toBe(4);
  });
});

describe('notifications', () => {
  test('a muted user’s notifications leave the list, the unread count and the live stream; unmuting brings the stored ones back', async () => {
    const { star, muted, fan } = await people(t, ['star', 'muted', 'fan']);
    const note = await postNote(t, star);
    await t.ok(LikeDocument, { id: note.id }, muted.token);
    expect((await notificationsOf(star)).actors).toEqual([muted.id]);
    await mute(star, muted);
    expect(await notificationsOf(star)).toEqual({ actors: [], total: 0, unread: 0 });

    const client = t.ws(star.token);
    const { events, started } = collect(client, MutesNotificationAddedDocument, 1);
    await started;
    await sleep(200);
    await comment(muted, note.id, 'first!');
    await t.ok(LikeDocument, { id: note.id }, fan.token);
    // The first event the stream delivers is the fan's like: the muted user's comment was not pushed.
    expect((await events).map((e) => e.notificationAdded.actor?.id)).toEqual([fan.id]);
    expect(await notificationsOf(star)).toEqual({ actors: [fan.id], total: 1, unread: 1 });

    // Unmuting shows what was stored before the mute again, in the list and the counts.
    await unmute(star, muted);
    const restored = await notificationsOf(star);
    expect(restored.actors).toEqual(expect.arrayContaining([fan.id, muted.id]));
    expect(restored.total).toBe(restored.actors.length);
    expect(restored.unread).toBe(restored.actors.length);
    // The muted user heard nothing of the mute.
    expect((await notificationsOf(muted)).total).toBe(0);
  });
});

describe('comments', () => {
  test('a muted user’s comments stay, collapsed (isMutedByViewer); the muted user and others see them as before', async () => {
    const { author, viewer, muted } = await people(t, ['author', 'viewer', 'muted']);
    const note = await postNote(t, author);
    await comment(muted, note.id, 'my shop has it cheaper');
    await comment(author, note.id, 'thanks all');
    await mute(viewer, muted);
    expect(await comments(viewer, note.id)).toEqual([
      { text: 'my shop has it cheaper', muted: true },
      { text: 'thanks all', muted: false },
    ]);
    expect((await comments(muted, note.id)).map((c) => c.muted)).toEqual([false, false]);
    expect((await comments(author, note.id)).map((c) => c.muted)).toEqual([false, false]);
    await unmute(viewer, muted);
    expect((await comments(viewer, note.id)).map((c) => c.muted)).toEqual([false, false]);
  });
});

describe('muted words', () => {
  test('FEEDS hides notes from the following feed and collapses comments, ignoring case and width; notifications stay', async () => {
    const { viewer, author } = await people(t, ['viewer', 'author']);
    await follow(t, viewer, author);
    const word = `zz${run}`;
    const hidden = await postNote(t, author, { title: `All about ${word.toUpperCase()} today` });
    const kept = await postNote(t, author, { title: 'Nothing to see' });
    const mine = await postNote(t, viewer, { title: `my own ${word}` });
    await comment(author, mine.id, `a ${word} comment`);

    const full = [...word].map((ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).join('');
    expect((await muteWord(viewer, full, 'FEEDS')).muteWord.mutedWord).toMatchObject({ word: full, scope: 'FEEDS', mutedUntil: null });
    expect((await followingIds(viewer)).ids).toEqual([kept.id]);
    expect(await comments(viewer, mine.id)).toEqual([{ text: `a ${word} comment`, muted: true }]);
    // NOTIFICATIONS is not in scope: the comment's notification stays.
    expect((await notificationsOf(viewer)).total).toBe(1);

    expect((await t.ok(UnmuteWordDocument, { word }, viewer.token)).unmuteWord.word).toBe(word);
    expect((await followingIds(viewer)).ids).toEqual([kept.id, hidden.id]);
  });

  test('NOTIFICATIONS hides notifications about a comment with the word, not feeds; ALL does both', async () => {
    const { star, fan } = await people(t, ['star', 'fan']);
    await follow(t, star, fan);
    const word = `qq${run}`;
    const note = await postNote(t, star);
    const fanNote = await postNote(t, fan, { title: `Fan talks ${word}` });
    await muteWord(star, word, 'NOTIFICATIONS');
    const client = t.ws(star.token);
    const { events, started } = collect(client, MutesNotificationAddedDocument, 1);
    await started;
    await sleep(200);
    await comment(fan, note.id, `${word.toUpperCase()}!!!`);
    const clean = (await comment(fan, note.id, 'lovely')).comment.comment!;
    // Live, the comment with the word (in any case) is not pushed: the first event is the other one's.
    expect((await events).map((e) => e.notificationAdded.comment?.id)).toEqual([clean.id]);
    // Star's notifications are the fan's two comments: the one with the word is left out, list and count.
    expect(await notificationsOf(star)).toMatchObject({ total: 1, unread: 1 });
    expect((await followingIds(star)).ids).toEqual([fanNote.id]);

    await muteWord(star, word, 'ALL');
    expect((await t.ok(MutedWordsDocument, {}, star.token)).mutedWords).toEqual([{ word, scope: 'ALL', mutedUntil: null }]);
    expect((await notificationsOf(star)).total).toBe(1);
    expect((await followingIds(star)).ids).toEqual([]);
  });

  test('limits: 1 to 50 characters, at most 100 words; an expired word stops at once and frees its place', async () => {
    const viewer = (await people(t, ['viewer'])).viewer;
    expect(await muteWordCode(viewer, '   ')).toBe('INVALID');
    expect(await muteWordCode(viewer, 'x'.repeat(51))).toBe('INVALID');
    expect(await muteWordCode(viewer, 'soon', inMs(-5))).toBe('INVALID');
    for (let i = 0; i < 99; i++) await muteWord(viewer, `w${i}`, 'FEEDS');
    const briefUntil = Date.now() + 3000;
    await muteWord(viewer, 'brief', 'ALL', new Date(briefUntil).toISOString());
    expect(await muteWordCode(viewer, 'one too many')).toBe('LIMIT_REACHED');
    // Muting a word already muted is a change, not a new word.
    expect(await muteWordCode(viewer, 'W1')).toBe('OK');
    await sleep(Math.max(0, briefUntil - Date.now()) + 300);
    expect((await t.ok(MutedWordsDocument, {}, viewer.token)).mutedWords.map((w) => w.word)).not.toContain('brief');
    expect(await muteWordCode(viewer, 'one too many')).toBe('OK');
    expect((await t.ok(MutedWordsDocument, {}, viewer.token)).mutedWords).toHaveLength(100);
  });
});

describe('conversations', () => {
  test('a muted conversation pushes no new-message update and leaves the unread badge; its messages still arrive', async () => {
    const { mei, bo, kai } = await people(t, ['mei', 'bo', 'kai']);
    for (const [a, b] of [[mei, bo], [bo, mei], [mei, kai], [kai, mei]] as const) await follow(t, a, b);
    const quiet = (await t.ok(DmStartDocument, { userIds: [bo.id] }, mei.token)).startConversation.conversation!;
    const loud = (await t.ok(DmStartDocument, { userIds: [kai.id] }, mei.token)).startConversation.conversation!;
    const muted = (await t.ok(MuteConversationDocument, { input: { conversationId: quiet.id } }, mei.token)).muteConversation.conversation;
    expect(muted).toEqual({ id: quiet.id, isMuted: true, mutedUntil: null });
    // Only members may mute it.
    const outsider = await t.answer(MuteConversationDocument, { input: { conversationId: quiet.id } }, kai.token);
    expect(outsider.muteConversation.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);

    const client = t.ws(mei.token);
    const { events, started } = collect(client, DmConversationUpdatedDocument, 1);
    await started;
    await sleep(200);
    await t.ok(DmSendDocument, { input: { conversationId: quiet.id, text: 'psst' } }, bo.token);
    await t.ok(DmSendDocument, { input: { conversationId: loud.id, text: 'hey!' } }, kai.token);
    expect((await events).map((e) => e.conversationUpdated.conversation?.id)).toEqual([loud.id]);
    expect((await t.ok(DmUnreadDocument, {}, mei.token)).unreadMessageCount).toBe(1);
    // The message is there, and the conversation's own count shows it.
    expect((await t.ok(MutesConversationDocument, { id: quiet.id }, mei.token)).conversation).toMatchObject({ isMuted: true, unreadCount: 1 });
    // Bo is not told.
    expect((await t.ok(MutesConversationDocument, { id: quiet.id }, bo.token)).conversation).toMatchObject({ isMuted: false });

    const unmuted = (await t.ok(UnmuteConversationDocument, { conversationId: quiet.id }, mei.token)).unmuteConversation.conversation;
    expect(unmuted).toEqual({ id: quiet.id, isMuted: false, mutedUntil: null });
    expect((await t.ok(DmUnreadDocument, {}, mei.token)).unreadMessageCount).toBe(2);
  });

  test('a conversation muted until a time shows it, and counts again once it ends', async () => {
    const { mei, bo } = await people(t, ['mei', 'bo']);
    await follow(t, mei, bo);
    await follow(t, bo, mei);
    const c = (await t.ok(DmStartDocument, { userIds: [bo.id] }, mei.token)).startConversation.conversation!;
    const until = inMs(1500);
    expect((await t.ok(MuteConversationDocument, { input: { conversationId: c.id, until } }, mei.token)).muteConversation.conversation?.mutedUntil).toBe(until);
    await t.ok(DmSendDocument, { input: { conversationId: c.id, text: 'later' } }, bo.token);
    expect((await t.ok(DmUnreadDocument, {}, mei.token)).unreadMessageCount).toBe(0);
    await sleep(1800);
    expect((await t.ok(DmUnreadDocument, {}, mei.token)).unreadMessageCount).toBe(1);
    expect((await t.ok(MutesConversationDocument, { id: c.id }, mei.token)).conversation?.isMuted).toBe(false);
  });
});
