import { startTestApp, TestApp, collect } from '../helpers/app';
import { signUp, follow, postNote, people, type Person } from '../helpers/people';
import {
  CollectNoteDocument,
  DeleteNoteDocument,
  GroupsUnlikeDocument,
  LikeNoteDocument,
  LogOutDocument,
  MarkNotificationGroupReadDocument,
  MarkNotificationsSeenDocument,
  NotificationGroupsDocument,
  NotificationGroupUpdatedDocument,
  NotificationsCommentDocument,
  NotificationsDocument,
  UnseenNotificationCountDocument,
  UpdateNoteDocument,
  VisibilityBlockDocument,
} from '../generated/graphql';
import { DAY_MS } from '../../src/common/period';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const GROUPS = NotificationGroupsDocument;
const groupsOf = async (who: Person, variables: { first?: number; after?: string; unread?: boolean } = {}) => (await t.ok(GROUPS, variables, who.token)).notificationGroups;
const like = (who: Person, noteId: string) => t.ok(LikeNoteDocument, { id: noteId }, who.token);
const badge = async (who: Person) => (await t.ok(UnseenNotificationCountDocument, {}, who.token)).unseenNotificationCount;

describe('grouping', () => {
  test('likes, collects and comments group per note, followers per day; replies and mentions stay one per group', async () => {
    const { mei, a, b, c } = await people(t, ['mei', 'a', 'b', 'c']);
    const [first, second] = [await postNote(t, mei), await postNote(t, mei, { body: `with @${c.handle}` })];
    for (const fan of [a, b, c]) await like(fan, first.id);
    await like(a, second.id);
    await t.ok(CollectNoteDocument, { id: first.id }, b.token);
    const top = (await t.ok(NotificationsCommentDocument, { id: first.id, text: 'love it' }, a.token)).comment.comment!;
    await t.ok(NotificationsCommentDocument, { id: first.id, text: 'me too' }, b.token);
    for (const fan of [a, b]) await follow(t, fan, mei);
    await t.ok(NotificationsCommentDocument, { id: first.id, text: `thanks! @${c.handle}`, replyTo: top.id }, mei.token);

    const groups = (await groupsOf(mei)).nodes;
    expect(groups.map((g) => [g.kind, g.actorCount, g.subject])).toEqual([
      ['NEW_FOLLOWER', 2, { __typename: 'User', id: mei.id }],
      ['NOTE_COMMENTED', 2, { __typename: 'Note', id: first.id }],
      ['NOTE_COLLECTED', 1, { __typename: 'Note', id: first.id }],
      ['NOTE_LIKED', 1, { __typename: 'Note', id: second.id }],
      ['NOTE_LIKED', 3, { __typename: 'Note', id: first.id }],
    ]);
    expect(groups[4]!.latestActors.map((u) => u.id)).toEqual([c.id, b.id, a.id]);
    // Grouped kinds close at the next midnight UTC.
    const liked = groups[4]!;
    expect(Date.parse(liked.windowEndsAt!)).toBe(Math.floor(Date.parse(liked.createdAt) / DAY_MS) * DAY_MS + DAY_MS);
    // The flat list keeps every notification.
    expect((await t.ok(NotificationsDocument, { first: 100 }, mei.token)).notifications.totalCount).toBe(9);

    // The reply and the mention in it: one group each, about the reply.
    const forA = (await groupsOf(a)).nodes;
    expect(forA.map((g) => [g.kind, g.windowEndsAt, g.subject?.__typename])).toEqual([['COMMENT_REPLIED', null, 'Comment']]);
    const forC = (await groupsOf(c)).nodes;
    expect(forC.map((g) => [g.kind, g.actorCount, g.subject])).toEqual([
      ['MENTION', 1, { __typename: 'Comment', id: expect.any(String) }],
      ['MENTION', 1, { __typename: 'Note', id: second.id }],
    ]);
  });

  test('a like on the next day starts a new group; the old one stays as it was', async () => {
    const { mei, a, b } = await people(t, ['mei', 'a', 'b']);
    const note = await postNote(t, mei);
    await like(a, note.id);
    const [yesterday] = (await groupsOf(mei)).nodes;
    // The group as if it had been started a day earlier: its window (and so its key) is yesterday's.
    await t.db.driver.executeQuery(
      `MATCH (g:NotificationGroup {id: $id})
       SET g.key = replace(g.key, ':' + toString(g.windowStart), ':' + toString(g.windowStart - $day)),
           g.windowStart = g.windowStart - $day, g.windowEnd = g.windowEnd - $day, g.latestAt = g.latestAt - $day, g.createdAt = g.createdAt - $day`,
      { id: yesterday!.id, day: DAY_MS },
    );
    await like(b, note.id);
    const groups = (await groupsOf(mei)).nodes;
    expect(groups.map((g) => [g.id === yesterday!.id, g.actorCount, g.latestActors.map((u) => u.id)])).toEqual([
      [false, 1, [b.id]],
      [true, 1, [a.id]],
    ]);
  });
});

describe('exact counts', () => {
  test('50 distinct users liking one note at once make one group of exactly 50', async () => {
    const author = await signUp(t, 'gc_author');
    const note = await postNote(t, author);
    const fans = await Promise.all(Array.from({ length: 50 }, (_, i) => signUp(t, `gc_fan${i}`)));
    await Promise.all(fans.map((fan) => like(fan, note.id)));
    const groups = await groupsOf(author);
    expect(groups.totalCount).toBe(1);
    expect(groups.nodes[0]).toMatchObject({ kind: 'NOTE_LIKED', actorCount: 50, subject: { id: note.id } });
    expect(groups.nodes[0]!.latestActors).toHaveLength(3);
    const { records } = await t.db.driver.executeQuery(
      `MATCH (g:NotificationGroup {id: $id}) RETURN COUNT { (g)-[:GROUP_ACTOR]->() } AS actors, COUNT { (g)-[:GROUPS]->() } AS notifications`,
      { id: groups.nodes[0]!.id },
    );
    expect(records[0]!.toObject()).toEqual({ actors: 50, notifications: 50 });
  });

  test('like, unlike and like again counts once and leaves the group as it was', async () => {
    const { mei, lin } = await people(t, ['mei', 'lin']);
    const note = await postNote(t, mei);
    await like(lin, note.id);
    const [group] = (await groupsOf(mei)).nodes;
    await t.ok(MarkNotificationGroupReadDocument, { groupId: group!.id }, mei.token);
    await t.ok(MarkNotificationsSeenDocument, {}, mei.token);
    await t.ok(GroupsUnlikeDocument, { id: note.id }, lin.token);
    await like(lin, note.id);
    // Unliking does not take the actor out, and liking again is not news: same count, same time, still read, no badge.
    expect((await groupsOf(mei)).nodes).toEqual([{ ...group, isRead: true }]);
    expect(await badge(mei)).toBe(0);
    // The flat list is unchanged in behaviour: the second like is a second notification.
    expect((await t.ok(NotificationsDocument, {}, mei.token)).notifications.totalCount).toBe(2);
  });
});

describe('who the group shows', () => {
  test('latest actors are the newest three distinct ones, without people in a block with the viewer', async () => {
    const { mei, a, b, c, d } = await people(t, ['mei', 'a', 'b', 'c', 'd']);
    const note = await postNote(t, mei);
    for (const fan of [a, b, c, d]) await like(fan, note.id);
    const actors = async () => (await groupsOf(mei)).nodes[0]!;
    expect((await actors()).latestActors.map((u) => u.id)).toEqual([d.id, c.id, b.id]);
    await t.ok(VisibilityBlockDocument, { id: d.id }, mei.token);
    expect(await actors()).toMatchObject({ actorCount: 4, latestActors: [{ id: c.id }, { id: b.id }, { id: a.id }] });
  });

  test('the subject is null once the viewer may no longer see it', async () => {
    const { mei, lin, kai } = await people(t, ['mei', 'lin', 'kai']);
    const deleted = await postNote(t, mei);
    await like(lin, deleted.id);
    await t.ok(DeleteNoteDocument, { id: deleted.id }, mei.token);
    expect((await groupsOf(mei)).nodes.map((g) => [g.kind, g.actorCount, g.subject])).toEqual([['NOTE_LIKED', 1, null]]);

    // Kai is mentioned in a note that then turns followers-only: the mention's group keeps no note.
    const mention = await postNote(t, mei, { body: `hi @${kai.handle}` });
    expect((await groupsOf(kai)).nodes.map((g) => g.subject)).toEqual([{ __typename: 'Note', id: mention.id }]);
    await t.ok(UpdateNoteDocument, { input: { noteId: mention.id, visibility: 'FOLLOWERS' } }, mei.token);
    expect((await groupsOf(kai)).nodes.map((g) => [g.kind, g.subject])).toEqual([['MENTION', null]]);
  });

  test('a recipient who mutes the actor is not notified, in the flat list or in a group, while the mute lasts', async () => {
    const { mei, lin, kai, ren } = await people(t, ['mei', 'lin', 'kai', 'ren']);
    const note = await postNote(t, mei);
    const mute = (who: Person, until: string) =>
      t.db.driver.executeQuery(`MATCH (v:User {id: $v}), (m:User {id: $m}) CREATE (v)-[:MUTES {until: ${until}, createdAt: timestamp()}]->(m)`, { v: mei.id, m: who.id });
    await mute(lin, 'null');
    await mute(kai, 'datetime() + duration({hours: 1})');
    await mute(ren, 'timestamp() - 1000');
    for (const fan of [lin, kai, ren]) await like(fan, note.id);
    await follow(t, lin, mei);
    expect((await groupsOf(mei)).nodes.map((g) => [g.kind, g.actorCount, g.latestActors.map((u) => u.id)])).toEqual([['NOTE_LIKED', 1, [ren.id]]]);
    expect((await t.ok(NotificationsDocument, {}, mei.token)).notifications.nodes.map((n) => n.actor?.id)).toEqual([ren.id]);
  });
});

describe('seen and read', () => {
  test('markNotificationsSeen clears the badge without reading; groups are read one by one or all at once', async () => {
    const { mei, a, b, other } = await people(t, ['mei', 'a', 'b', 'other']);
    const [first, second] = [await postNote(t, mei), await postNote(t, mei)];
    await like(a, first.id);
    await like(a, second.id);
    expect(await badge(mei)).toBe(2);

    const seen = (await t.ok(MarkNotificationsSeenDocument, {}, mei.token)).markNotificationsSeen;
    expect(seen.unseenNotificationCount).toBe(0);
    expect(Date.parse(seen.seenAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await badge(mei)).toBe(0);
    const groups = (await groupsOf(mei)).nodes;
    expect(groups.map((g) => g.isRead)).toEqual([false, false]);
    expect((await groupsOf(mei, { unread: true })).totalCount).toBe(2);

    const [newest, older] = groups as [(typeof groups)[number], (typeof groups)[number]];
    expect((await t.ok(MarkNotificationGroupReadDocument, { groupId: older.id }, mei.token)).markNotificationGroupRead).toEqual({
      notificationGroup: { id: older.id, isRead: true },
      marked: 1,
      unreadGroupCount: 1,
      userErrors: [],
    });
    expect((await groupsOf(mei, { unread: true })).nodes.map((g) => g.id)).toEqual([newest.id]);
    // The flat list keeps its own read state.
    expect((await t.ok(UnseenNotificationCountDocument, {}, mei.token)).unreadNotificationCount).toBe(2);

    // A read group that changes is unread again, moves to the top and counts on the badge.
    await like(b, first.id);
    expect((await groupsOf(mei)).nodes.map((g) => [g.id, g.isRead, g.actorCount])).toEqual([
      [older.id, false, 2],
      [newest.id, false, 1],
    ]);
    expect(await badge(mei)).toBe(1);

    expect((await t.ok(MarkNotificationGroupReadDocument, {}, mei.token)).markNotificationGroupRead).toEqual({ notificationGroup: null, marked: 2, unreadGroupCount: 0, userErrors: [] });
    expect((await groupsOf(mei, { unread: true })).totalCount).toBe(0);
    expect(await badge(mei)).toBe(1);

    // Someone else's group is not theirs to read, nor a group id that is not one.
    expect((await t.answer(MarkNotificationGroupReadDocument, { groupId: older.id }, other.token)).markNotificationGroupRead).toMatchObject({
      notificationGroup: null,
      marked: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['groupId'] }],
    });
    expect((await t.answer(MarkNotificationGroupReadDocument, { groupId: 'nope' }, mei.token)).markNotificationGroupRead.userErrors).toMatchObject([{ code: 'INVALID', field: ['groupId'] }]);
    expect((await t.gql(GROUPS, {})).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(MarkNotificationsSeenDocument, {})).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  test('groups page by their latest activity', async () => {
    const { mei, a } = await people(t, ['mei', 'a']);
    const notes = [await postNote(t, mei), await postNote(t, mei), await postNote(t, mei)];
    for (const note of notes) await like(a, note.id);
    const page = await groupsOf(mei, { first: 2 });
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(page.nodes.map((g) => g.subject)).toEqual([notes[2], notes[1]].map((n) => ({ __typename: 'Note', id: n!.id })));
    expect(page.edges.map((e) => e.node.id)).toEqual(page.nodes.map((g) => g.id));
    const rest = await groupsOf(mei, { first: 2, after: page.pageInfo.endCursor! });
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(rest.nodes.map((g) => g.subject)).toEqual([{ __typename: 'Note', id: notes[0]!.id }]);
    expect((await t.gql(GROUPS, { first: 101 }, mei.token)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('live', () => {
  test('notificationGroupUpdated pushes each change of a group, not a repeat, and ends with the session', async () => {
    const { mei, a, b } = await people(t, ['mei', 'a', 'b']);
    const note = await postNote(t, mei);
    const live = collect(t.ws(mei.token), NotificationGroupUpdatedDocument, 2);
    await live.started;
    await new Promise((r) => setTimeout(r, 200));
    await like(a, note.id);
    await t.ok(GroupsUnlikeDocument, { id: note.id }, a.token);
    await like(a, note.id); // the same fact again: nothing pushed
    await like(b, note.id);
    const events = (await live.events).map((e) => e.notificationGroupUpdated);
    expect(events.map((g) => [g.kind, g.actorCount, g.isRead, g.latestActors.map((u) => u.id)])).toEqual([
      ['NOTE_LIKED', 1, false, [a.id]],
      ['NOTE_LIKED', 2, false, [b.id, a.id]],
    ]);
    expect(events[0]!.id).toBe(events[1]!.id);

    // The stream lasts only as long as the session: logging out ends it with UNAUTHENTICATED.
    const ended = collect(t.ws(mei.token), NotificationGroupUpdatedDocument, 1, 5000);
    await ended.started;
    await new Promise((r) => setTimeout(r, 200));
    const refused = expect(ended.events).rejects.toThrow(/UNAUTHENTICATED/);
    await t.ok(LogOutDocument, {}, mei.token);
    await follow(t, b, mei);
    await refused;
  });
});
