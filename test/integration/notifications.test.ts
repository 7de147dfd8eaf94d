import { startTestApp, TestApp, collect } from '../helpers/app';
import { signUp, follow, postNote, people } from '../helpers/people';
import {
  CollectNoteDocument,
  LikeNoteDocument,
  MarkNotificationsReadDocument,
  NoteActivityCountsDocument,
  NoteActivityKindDocument,
  NotificationAddedTypesDocument,
  NotificationsCommentDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
  VisibilityBlockDocument,
} from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const LIST = NotificationsDocument;
const COMMENT = NotificationsCommentDocument;

describe('stored notifications', () => {
  test('a note author hears about follows, likes, collects, comments, replies and mentions', async () => {
    const { mei, lin, kai } = await people(t, ['mei', 'lin', 'kai']);
    await follow(t, lin, mei);
    const note = await postNote(t, mei, { body: `Made this with @${kai.handle} last weekend` });
    await t.ok(LikeNoteDocument, { id: note.id }, lin.token);
    await t.ok(LikeNoteDocument, { id: note.id }, lin.token); // idempotent: one notification
    await t.ok(CollectNoteDocument, { id: note.id }, lin.token);
    const c = (await t.ok(COMMENT, { id: note.id, text: 'So pretty!' }, lin.token)).comment.comment!;
    await t.ok(COMMENT, { id: note.id, text: `thanks! cc @${kai.handle}`, replyTo: c.id }, mei.token);
    await t.ok(LikeNoteDocument, { id: note.id }, mei.token); // your own like notifies nobody

    const forMei = (await t.ok(LIST, {}, mei.token)).notifications.nodes;
    expect(forMei.map((n) => n.type)).toEqual(['NOTE_COMMENTED', 'NOTE_COLLECTED', 'NOTE_LIKED', 'NEW_FOLLOWER']);
    expect(forMei.every((n) => n.actor?.id === lin.id && !n.isRead)).toBe(true);
    expect(forMei[0]!.comment).toEqual({ id: c.id, text: 'So pretty!' });

    const forLin = (await t.ok(LIST, {}, lin.token)).notifications.nodes;
    expect(forLin.map((n) => n.type)).toEqual(['COMMENT_REPLIED']);
    const forKai = (await t.ok(LIST, {}, kai.token)).notifications.nodes;
    expect(forKai.map((n) => n.type)).toEqual(['MENTION', 'MENTION']);
    expect(forKai[1]!.note).toEqual({ id: note.id });
  });

  test('markNotificationsRead marks up to a notification, or all; unreadOnly filters', async () => {
    const { star, a, b, c } = await people(t, ['star', 'a', 'b', 'c']);
    for (const fan of [a, b, c]) await follow(t, fan, star);
    const all = (await t.ok(LIST, {}, star.token)).notifications.nodes;
    expect(all).toHaveLength(3);
    const MARK = MarkNotificationsReadDocument;
    expect((await t.ok(MARK, { upTo: all[1]!.id }, star.token)).markNotificationsRead).toEqual({ marked: 2, unreadCount: 1, userErrors: [] });
    const unread = (await t.ok(LIST, { unread: true }, star.token)).notifications;
    expect(unread.totalCount).toBe(1);
    expect(unread.nodes[0]?.id).toBe(all[0]!.id);
    expect((await t.ok(UnreadNotificationCountDocument, {}, star.token)).unreadNotificationCount).toBe(1);
    expect((await t.ok(MARK, {}, star.token)).markNotificationsRead).toEqual({ marked: 1, unreadCount: 0, userErrors: [] });
    // Someone else's notification id is not yours to mark.
    const other = await signUp(t, 'mr_o');
    expect((await t.gql(MARK, { upTo: all[0]!.id }, other.token)).data?.markNotificationsRead).toMatchObject({ marked: null, userErrors: [{ code: 'NOT_FOUND', field: ['upTo'] }] });
    expect((await t.gql(LIST, {})).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  test('blocked users do not notify each other', async () => {
    const [a, b] = [await signUp(t, 'nb_a'), await signUp(t, 'nb_b')];
    const note = await postNote(t, a, { body: 'hello' });
    await t.ok(LikeNoteDocument, { id: note.id }, b.token);
    await t.ok(VisibilityBlockDocument, { id: b.id }, a.token);
    await postNote(t, b, { body: `hey @${a.handle}` });
    const types = (await t.ok(LIST, {}, a.token)).notifications.nodes.map((n) => n.type);
    expect(types).toEqual(['NOTE_LIKED']);
  });
});

describe('live notifications and note activity', () => {
  test('notificationAdded pushes the viewer\'s notifications as they are stored', async () => {
    const [star, fan] = [await signUp(t, 'ln_s'), await signUp(t, 'ln_f')];
    const note = await postNote(t, star);
    const client = t.ws(star.token);
    const { events, started } = collect(client, NotificationAddedTypesDocument, 2);
    await started;
    await new Promise((r) => setTimeout(r, 200));
    await follow(t, fan, star);
    await t.ok(LikeNoteDocument, { id: note.id }, fan.token);
    expect((await events).map((e) => e.notificationAdded)).toEqual([
      { type: 'NEW_FOLLOWER', actor: { id: fan.id } },
      { type: 'NOTE_LIKED', actor: { id: fan.id } },
    ]);
  });

  test('noteActivity pushes new comments and like counts for one note', async () => {
    const [author, fan, watcher] = [await signUp(t, 'na_a'), await signUp(t, 'na_f'), await signUp(t, 'na_w')];
    const note = await postNote(t, author);
    const client = t.ws(watcher.token);
    const { events, started } = collect(client, NoteActivityCountsDocument, 2, undefined, { id: note.id });
    await started;
    await new Promise((r) => setTimeout(r, 200));
    await t.ok(LikeNoteDocument, { id: note.id }, fan.token);
    await t.ok(COMMENT, { id: note.id, text: 'need this' }, fan.token);
    const got = (await events).map((e) => e.noteActivity);
    expect(got[0]).toMatchObject({ kind: 'LIKE_COUNT_CHANGED', likeCount: 1 });
    expect(got[1]).toMatchObject({ kind: 'COMMENT_ADDED', comment: { text: 'need this' } });
  });

  test('noteActivity refuses a note the viewer cannot see, and ends when the author blocks the viewer', async () => {
    const [author, watcher, fan] = [await signUp(t, 'nx_a'), await signUp(t, 'nx_w'), await signUp(t, 'nx_f')];
    const hidden = await postNote(t, author, { visibility: 'FOLLOWERS' });
    const refused = collect(t.ws(watcher.token), NoteActivityKindDocument, 1, undefined, { noteId: hidden.id });
    await expect(refused.events).rejects.toThrow(/NOT_FOUND/);

    const note = await postNote(t, author);
    const live = collect(t.ws(watcher.token), NoteActivityKindDocument, 5, 5000, { noteId: note.id });
    await live.started;
    await new Promise((r) => setTimeout(r, 200));
    await t.ok(VisibilityBlockDocument, { id: watcher.id }, author.token);
    await t.ok(LikeNoteDocument, { id: note.id }, fan.token);
    // The subscription completes without delivering the like.
    expect(await live.events).toEqual([]);
  });
});
