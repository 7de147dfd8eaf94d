import crypto from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { signUp, follow, postNote, createProduct, CREATE_NOTE, Person, people } from '../helpers/people';
import {
  CollectDocument,
  CollectionsDocument,
  CommentDocument,
  CommentPagesDocument,
  CommentTextsDocument,
  CommentThreadDocument,
  CreateCollectionDocument,
  CreateGroupDocument,
  JoinGroupDocument,
  MuteMemberHalfAnHourDocument,
  NoteViewerCanDocument,
  DeleteCommentDocument,
  DeleteNoteDocument,
  HotTopicsOfTheDayDocument,
  LikedByFolloweesDocument,
  LikeDocument,
  MyNoteCountDocument,
  NoteCountsDocument,
  NotePageDocument,
  UncollectDocument,
  UnlikeDocument,
  UpdateNoteDocument,
  ViewNoteDocument,
  VisibilityBlockDocument,
  type CreateNoteInput,
} from '../generated/graphql';
import { ContentRepository } from '../../src/content/repository';
import { fieldPath } from '../../src/common/user-error-code';
import { AccountRepository } from '../../src/accounts/repository';
import { SocialRepository } from '../../src/social/repository';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const NOTE = NoteCountsDocument;
const LIKE = LikeDocument;
const UNLIKE = UnlikeDocument;
const COMMENT = CommentDocument;

async function count(query: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await t.db.driver.executeQuery(query, params);
  return records[0]!.get('n') as number;
}

describe('posting notes', () => {
  test('a user posts a note featuring a product, with media and topics', async () => {
    const mei = await signUp(t, 'mei');
    const product = await createProduct(t);
    const data = await t.ok(
      CREATE_NOTE,
      {
        input: {
          title: '油皮亲妈 toner',
          body: 'Holy grail for oily skin #skincare',
          format: 'VIDEO',
          media: [{ url: 'https://cdn.example.com/v.mp4', kind: 'VIDEO', width: 720, height: 1280, durationSec: 31.5 }],
          topics: ['#SkinCare', 'oilyskin', 'skincare'],
          productIds: [product],
          visibility: 'PUBLIC',
        },
      },
      mei.token,
    );
    expect(data.createNote.note).toMatchObject({
      title: '油皮亲妈 toner',
      format: 'VIDEO',
      visibility: 'PUBLIC',
      topics: expect.arrayContaining([{ name: 'skincare' }, { name: 'oilyskin' }]),
      products: [{ id: product }],
      media: [{ url: 'https://cdn.example.com/v.mp4', kind: 'VIDEO', width: 720, height: 1280, durationSec: 31.5 }],
      likeCount: 0,
      editedAt: null,
      author: { id: mei.id },
    });
    expect(data.createNote.note!.topics).toHaveLength(2);
    const me = await t.ok(MyNoteCountDocument, {}, mei.token);
    expect(me.me?.noteCount).toBe(1);
  });

  test('retrying createNote with the same idempotency key creates one note', async () => {
    const kai = await signUp(t, 'kai');
    const input = { title: 'once', body: '', format: 'IMAGE_TEXT', idempotencyKey: 'note-key-1' } as const;
    const results = await Promise.all([1, 2, 3].map(() => t.ok(CREATE_NOTE, { input }, kai.token)));
    expect(new Set(results.map((r) => r.createNote.note!.id)).size).toBe(1);
    expect(await count('MATCH (:User {id: $id})-[:POSTED]->(n:Note) RETURN count(n) AS n', { id: kai.id })).toBe(1);
  });

  test('createNote: the same key with another note is IDEMPOTENCY_KEY_REUSED and writes nothing; with the same note it answers the first', async () => {
    const lin = await signUp(t, 'lin');
    const input: CreateNoteInput = { title: 'first draft', body: 'hello', format: 'IMAGE_TEXT', topics: ['skincare'], idempotencyKey: 'note-key-reused' };
    const first = (await t.ok(CREATE_NOTE, { input }, lin.token)).createNote.note!;
    for (const changed of [{ title: 'second draft' }, { body: 'hello again' }, { topics: ['makeup'] }, { visibility: 'FOLLOWERS' as const }]) {
      const reused = await t.answer(CREATE_NOTE, { input: { ...input, ...changed } }, lin.token);
      expect(reused.createNote).toEqual({ note: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
    }
    // The same note again, whitespace as the server trims it, answers the first one.
    expect((await t.ok(CREATE_NOTE, { input: { ...input, title: ' first draft ' } }, lin.token)).createNote.note!.id).toBe(first.id);
    expect(await count('MATCH (:User {id: $id})-[:POSTED]->(n:Note) RETURN count(n) AS n', { id: lin.id })).toBe(1);
    // Keys are per mutation: a comment may use the same key for a comment of its own.
    const comment = (await t.ok(COMMENT, { id: first.id, text: 'a comment', key: 'note-key-reused' }, lin.token)).comment.comment!;
    expect(comment).toMatchObject({ text: 'a comment' });
    // A retry whose first note was deleted since does not hand it back.
    await t.ok(DeleteNoteDocument, { id: first.id }, lin.token);
    expect((await t.answer(CREATE_NOTE, { input }, lin.token)).createNote).toEqual({ note: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'NOT_FOUND' })] });
  });

  test('comment: the same key with another comment is IDEMPOTENCY_KEY_REUSED and writes nothing; with the same comment it answers the first', async () => {
    const { author, reader } = await people(t, ['author', 'reader']);
    const note = await postNote(t, author);
    const other = await postNote(t, author, { title: 'Another note' });
    const key = `comment-key-${reader.id}`;
    const first = (await t.ok(COMMENT, { id: note.id, text: 'Where did you buy it?', key }, reader.token)).comment.comment!;
    const tries = await Promise.all([1, 2, 3].map(() => t.ok(COMMENT, { id: note.id, text: 'Where did you buy it?', key }, reader.token)));
    expect(tries.map((r) => r.comment.comment!.id)).toEqual([first.id, first.id, first.id]);
    for (const changed of [{ text: 'Where did you get it?' }, { id: other.id }, { replyTo: first.id }]) {
      const reused = await t.answer(COMMENT, { id: note.id, text: 'Where did you buy it?', key, ...changed }, reader.token);
      expect(reused.comment).toEqual({ comment: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
    }
    expect(await count('MATCH (:User {id: $id})-[:WROTE]->(c:Comment) RETURN count(c) AS n', { id: reader.id })).toBe(1);
    expect((await t.ok(NoteCountsDocument, { id: note.id })).note?.commentCount).toBe(1);
  });

  test.each<[string, Partial<CreateNoteInput>]>([
    ['title', { title: 'x'.repeat(101) }],
    ['title', { title: '  ' }],
    ['body', { body: 'x'.repeat(5001) }],
    ['media', { media: Array.from({ length: 19 }, () => ({ url: 'https://a.example/x.jpg', kind: 'IMAGE' })) }],
    ['media[0].url', { media: [{ url: 'ftp://a.example/x.jpg', kind: 'IMAGE' }] }],
    ['media', { format: 'VIDEO', media: [{ url: 'https://a.example/x.jpg', kind: 'IMAGE' }] }],
    ['topics', { topics: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
    ['topics', { topics: ['not a topic!'] }],
    ['productIds', { productIds: ['nope'] }],
  ])('bad %s is rejected and nothing is written', async (field, override) => {
    const jo = await signUp(t, 'jo');
    const result = await t.gql(CREATE_NOTE, { input: { title: 't', body: 'b', format: 'IMAGE_TEXT', ...override } }, jo.token);
    expect(result.data?.createNote).toMatchObject({ note: null, userErrors: [{ code: 'INVALID', field: fieldPath(field) }] });
    expect(await count('MATCH (:User {id: $id})-[:POSTED]->(n:Note) RETURN count(n) AS n', { id: jo.id })).toBe(0);
  });

  test('an unknown product or group is NOT_FOUND and nothing is written', async () => {
    const jo = await signUp(t, 'jo2');
    for (const extra of [{ productIds: [crypto.randomUUID()] }, { groupId: crypto.randomUUID() }]) {
      const result = await t.gql(CREATE_NOTE, { input: { title: 't', body: 'b', format: 'IMAGE_TEXT', ...extra } }, jo.token);
      expect(result.data?.createNote).toMatchObject({ note: null, userErrors: [{ code: 'NOT_FOUND', field: Object.keys(extra) }] });
    }
    expect(await count('MATCH (:User {id: $id})-[:POSTED]->(n:Note) RETURN count(n) AS n', { id: jo.id })).toBe(0);
  });

  test('only the author edits or deletes a note; a deleted note disappears but is kept', async () => {
    const [ann, bob] = [await signUp(t, 'ann'), await signUp(t, 'bob')];
    const note = await postNote(t, ann, { topics: ['travel'] });
    const EDIT = UpdateNoteDocument;
    expect((await t.gql(EDIT, { input: { noteId: note.id, title: 'hijack' } }, bob.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const edited = await t.ok(EDIT, { input: { noteId: note.id, title: 'Kyoto in autumn', topics: ['travel', 'japan'] } }, ann.token);
    expect(edited.updateNote.note).toMatchObject({ title: 'Kyoto in autumn', topics: expect.arrayContaining([{ name: 'japan' }]) });
    expect(edited.updateNote.note!.editedAt).not.toBeNull();

    const DELETE = DeleteNoteDocument;
    expect((await t.gql(DELETE, { id: note.id }, bob.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(DELETE, { id: note.id }, ann.token)).deleteNote.deletedNoteId).toBe(note.id);
    // Deleting it again (a retry) answers success; to anyone else it is an unknown note.
    expect((await t.ok(DELETE, { id: note.id }, ann.token)).deleteNote.deletedNoteId).toBe(note.id);
    expect((await t.gql(DELETE, { id: note.id }, bob.token)).data!.deleteNote.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['noteId'], message: 'Note not found' }]);
    expect((await t.gql(EDIT, { input: { noteId: note.id, title: 'too late' } }, ann.token)).data!.updateNote.userErrors[0]?.code).toBe('NOT_FOUND');
    expect((await t.ok(NOTE, { id: note.id }, ann.token)).note).toBeNull();
    expect((await t.ok(MyNoteCountDocument, {}, ann.token)).me?.noteCount).toBe(0);
    expect(await count('MATCH (n:Note {id: $id}) WHERE n.deletedAt IS NOT NULL RETURN count(n) AS n', { id: note.id })).toBe(1);
    expect((await t.gql(LIKE, { id: note.id }, bob.token)).data!.like.userErrors[0]?.code).toBe('NOT_FOUND');
  });

  test('a note deleted from several devices at once counts off the author once', async () => {
    const cy = await signUp(t, 'cy');
    const [kept, doomed] = [await postNote(t, cy), await postNote(t, cy)];
    const results = await Promise.all(Array.from({ length: 8 }, () => t.gql(DeleteNoteDocument, { id: doomed.id }, cy.token)));
    // One delete wins; the others find the note already gone, which is the same outcome: success.
    expect(results.map((r) => r.data?.deleteNote)).toEqual(Array.from({ length: 8 }, () => ({ deletedNoteId: doomed.id, userErrors: [] })));
    expect((await t.ok(MyNoteCountDocument, {}, cy.token)).me?.noteCount).toBe(1);
    expect((await t.ok(NOTE, { id: kept.id }, cy.token)).note).not.toBeNull();
  });
});

describe('interactions', () => {
  test('100 concurrent likes from distinct users count exactly 100, and likes are idempotent', async () => {
    const author = await signUp(t, 'popular');
    const note = await postNote(t, author);
    const fans: Person[] = [];
    for (let i = 0; i < 100; i += 25) fans.push(...(await Promise.all(Array.from({ length: 25 }, (_, j) => signUp(t, `lk${i + j}`)))));
    await Promise.all(fans.map((fan) => t.ok(LIKE, { id: note.id }, fan.token)));
    await Promise.all(fans.slice(0, 20).map((fan) => t.ok(LIKE, { id: note.id }, fan.token)));
    expect((await t.ok(NOTE, { id: note.id }, fans[0]!.token)).note).toMatchObject({ likeCount: 100, viewerHasLiked: true });
    expect(await count('MATCH (:Note {id: $id})<-[l:LIKED]-() RETURN count(l) AS n', { id: note.id })).toBe(100);

    await Promise.all(fans.slice(0, 30).map((fan) => t.ok(UNLIKE, { id: note.id }, fan.token)));
    await t.ok(UNLIKE, { id: note.id }, fans[0]!.token);
    expect((await t.ok(NOTE, { id: note.id }, fans[0]!.token)).note).toMatchObject({ likeCount: 70, viewerHasLiked: false });
  });

  test('collecting goes into the default collection or a named one, counted once per user', async () => {
    const [author, fan] = [await signUp(t, 'col_a'), await signUp(t, 'col_f')];
    const note = await postNote(t, author);
    const COLLECT = CollectDocument;
    expect((await t.ok(COLLECT, { id: note.id }, fan.token)).collect.note).toEqual({ collectCount: 1, viewerHasCollected: true });
    const created = (await t.ok(CreateCollectionDocument, { input: { name: 'Wishlist 想买' } }, fan.token)).createCollection;
    expect(created.userErrors).toEqual([]);
    const wishlist = created.collection!;
    expect(wishlist).toMatchObject({ name: 'Wishlist 想买', isDefault: false, noteCount: 0 });
    expect((await t.ok(COLLECT, { id: note.id, c: wishlist.id }, fan.token)).collect.note?.collectCount).toBe(1);
    await t.ok(COLLECT, { id: note.id, c: wishlist.id }, fan.token);

    const collections = await t.ok(CollectionsDocument, {}, fan.token);
    expect(collections.collections.nodes).toEqual([
      { name: 'Default', isDefault: true, noteCount: 1, notes: { totalCount: 1, nodes: [{ id: note.id }] } },
      { name: 'Wishlist 想买', isDefault: false, noteCount: 1, notes: { totalCount: 1, nodes: [{ id: note.id }] } },
    ]);
    // A page at a time, default first: the same cursor order the whole list has.
    const firstPage = (await t.ok(CollectionsDocument, { first: 1 }, fan.token)).collections;
    expect(firstPage).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ name: 'Default' }] });
    const secondPage = (await t.ok(CollectionsDocument, { first: 1, after: firstPage.pageInfo.endCursor }, fan.token)).collections;
    expect(secondPage).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ name: 'Wishlist 想买' }] });
    expect((await t.gql(CollectionsDocument, { first: 101 }, fan.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });

    const UNCOLLECT = UncollectDocument;
    expect((await t.ok(UNCOLLECT, { id: note.id, c: wishlist.id }, fan.token)).uncollect.note).toEqual({ collectCount: 1, viewerHasCollected: true });
    expect((await t.ok(UNCOLLECT, { id: note.id }, fan.token)).uncollect.note).toEqual({ collectCount: 0, viewerHasCollected: false });
    const other = await signUp(t, 'col_o');
    expect((await t.gql(COLLECT, { id: note.id, c: wishlist.id }, other.token)).data!.collect.userErrors[0]?.code).toBe('NOT_FOUND');
  });

  test('comments and replies page both ways: last/before from the newest end, with true boundary flags', async () => {
    const [author, reader] = [await signUp(t, 'pg_a'), await signUp(t, 'pg_r')];
    const note = await postNote(t, author);
    for (const text of ['c1', 'c2', 'c3', 'c4', 'c5']) await t.ok(COMMENT, { id: note.id, text }, reader.token);
    const all = (await t.ok(CommentPagesDocument, { id: note.id, first: 50 })).note!.comments;
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const texts = all.nodes.map((c) => c.text);
    expect(texts.slice().sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    const top = all.nodes[texts.length - 1]!;
    for (const text of ['r1', 'r2', 'r3']) await t.ok(COMMENT, { id: note.id, text, replyTo: top.id }, author.token);

    // From the newest end backwards: the last two, then the two before them, then the first one.
    const page = async (vars: { last?: number; before?: string | null; first?: number; after?: string | null }) =>
      (await t.ok(CommentPagesDocument, { id: note.id, ...vars })).note!.comments;
    const newest = await page({ last: 2 });
    expect(newest.nodes.map((c) => c.text)).toEqual(texts.slice(3));
    expect(newest.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const middle = await page({ last: 2, before: newest.pageInfo.startCursor });
    expect(middle.nodes.map((c) => c.text)).toEqual(texts.slice(1, 3));
    expect(middle.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const oldest = await page({ last: 2, before: middle.pageInfo.startCursor });
    expect(oldest.nodes.map((c) => c.text)).toEqual(texts.slice(0, 1));
    expect(oldest.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(oldest.totalCount).toBe(5);
    // The same cursors page forwards: after the middle page's end come the newest two, and a
    // forward page past the first comment knows one precedes it.
    const forward = await page({ first: 2, after: middle.pageInfo.endCursor });
    expect(forward.nodes.map((c) => c.text)).toEqual(texts.slice(3));
    expect(forward.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect((await page({ first: 2 })).pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });

    // Replies the same way.
    const replies = async (vars: { rLast?: number; rBefore?: string | null }) =>
      (await t.ok(CommentPagesDocument, { id: note.id, last: 1, ...vars })).note!.comments.nodes[0]!.replies;
    const lastReplies = await replies({ rLast: 2 });
    expect(lastReplies.nodes.map((r) => r.text)).toEqual(['r2', 'r3']);
    expect(lastReplies.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const firstReply = await replies({ rLast: 2, rBefore: lastReplies.pageInfo.startCursor });
    expect(firstReply.nodes.map((r) => r.text)).toEqual(['r1']);
    expect(firstReply.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });

    // first with last is refused, naming the field; so is a page size past the maximum.
    const both = await t.gql(CommentPagesDocument, { id: note.id, first: 2, last: 2 });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    const tooMany = await t.gql(CommentPagesDocument, { id: note.id, last: 51 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });

  test('comments thread as replies; the comment author or the note author may delete', async () => {
    const [author, c1, c2] = [await signUp(t, 'th_a'), await signUp(t, 'th_1'), await signUp(t, 'th_2')];
    const note = await postNote(t, author);
    const top = (await t.ok(COMMENT, { id: note.id, text: 'Where did you buy it?' }, c1.token)).comment.comment!;
    const reply = (await t.ok(COMMENT, { id: note.id, text: 'Tmall flagship', replyTo: top.id }, author.token)).comment.comment!;
    expect(reply.replyTo).toEqual({ id: top.id });
    await t.ok(COMMENT, { id: note.id, text: 'Thanks!', replyTo: top.id }, c1.token);

    const THREAD = CommentThreadDocument;
    let thread = (await t.ok(THREAD, { id: note.id })).note!;
    expect(thread.commentCount).toBe(3);
    expect(thread.comments.totalCount).toBe(1);
    expect(thread.comments.nodes[0]?.replies.nodes.map((r) => r.text)).toEqual(['Tmall flagship', 'Thanks!']);

    const DELETE = DeleteCommentDocument;
    expect((await t.gql(DELETE, { id: top.id }, c2.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(DELETE, { id: top.id }, author.token)).deleteComment.deletedCommentId).toBe(top.id);
    // Again, by the comment's author this time: already done, so success.
    expect((await t.ok(DELETE, { id: top.id }, c1.token)).deleteComment.deletedCommentId).toBe(top.id);
    expect((await t.gql(DELETE, { id: crypto.randomUUID() }, c1.token)).data!.deleteComment.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['commentId'] });
    thread = (await t.ok(THREAD, { id: note.id })).note!;
    expect(thread.commentCount).toBe(2);
    expect(thread.comments.nodes[0]).toMatchObject({ id: top.id, text: null, isDeleted: true, replyCount: 2 });
    expect((await t.gql(COMMENT, { id: note.id, text: 'late reply', replyTo: top.id }, c2.token)).data!.comment).toMatchObject({ comment: null, userErrors: [{ code: 'NOT_FOUND', field: ['replyToId'] }] });
    expect((await t.gql(COMMENT, { id: note.id, text: 'x'.repeat(1001) }, c2.token)).data!.comment).toMatchObject({ comment: null, userErrors: [{ code: 'INVALID', field: ['text'] }] });
  });

  test('viewerCan says what the viewer may do: the author edits and deletes, a muted member may not comment or reply', async () => {
    const { author, member, reader } = await people(t, ['author', 'member', 'reader']);
    const note = await postNote(t, author, { topics: ['Travel'] });
    const top = (await t.ok(COMMENT, { id: note.id, text: 'nice' }, reader.token)).comment.comment!;
    const can = async (who: Person | null) => (await t.ok(NoteViewerCanDocument, { id: note.id }, who?.token)).note!;
    expect(await can(author)).toEqual({
      viewerCan: { edit: true, delete: true, comment: true },
      topics: [{ id: 'topic:travel', name: 'travel' }],
      comments: { nodes: [{ isDeleted: false, viewerCan: { delete: true, reply: true } }] },
    });
    expect((await can(reader)).viewerCan).toEqual({ edit: false, delete: false, comment: true });
    expect((await can(reader)).comments.nodes[0]!.viewerCan).toEqual({ delete: true, reply: true });
    expect((await can(member)).comments.nodes[0]!.viewerCan).toEqual({ delete: false, reply: true });
    expect((await can(null)).viewerCan).toEqual({ edit: false, delete: false, comment: false });
    // A deleted comment with a reply stays as a placeholder: nobody may delete or reply to it any more.
    await t.ok(COMMENT, { id: note.id, text: 'thanks', replyTo: top.id }, author.token);
    await t.ok(DeleteCommentDocument, { id: top.id }, reader.token);
    expect((await can(author)).comments.nodes[0]).toEqual({ isDeleted: true, viewerCan: { delete: false, reply: false } });

    // In a group: a muted member sees the note but may not comment on it.
    const g = (await t.ok(CreateGroupDocument, { input: { name: `vc ${crypto.randomUUID().slice(0, 8)}`, visibility: 'OPEN' } }, author.token)).createGroup.group!.id;
    await t.ok(JoinGroupDocument, { id: g }, member.token);
    const inGroup = await postNote(t, author, { groupId: g });
    const groupCan = async (who: Person) => (await t.ok(NoteViewerCanDocument, { id: inGroup.id }, who.token)).note!.viewerCan;
    expect(await groupCan(member)).toEqual({ edit: false, delete: false, comment: true });
    expect(await groupCan(reader)).toEqual({ edit: false, delete: false, comment: false });
    await t.ok(MuteMemberHalfAnHourDocument, { g, u: member.id }, author.token);
    expect(await groupCan(member)).toEqual({ edit: false, delete: false, comment: false });
    expect((await t.gql(COMMENT, { id: inGroup.id, text: 'muted' }, member.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  test('a retried comment with the same idempotency key is stored once', async () => {
    const [author, fan] = [await signUp(t, 'ik_a'), await signUp(t, 'ik_f')];
    const note = await postNote(t, author);
    const results = await Promise.all([1, 2].map(() => t.ok(COMMENT, { id: note.id, text: 'love it', key: 'c-1' }, fan.token)));
    expect(results[0]?.comment.comment!.id).toBe(results[1]?.comment.comment!.id);
    expect((await t.ok(NOTE, { id: note.id })).note?.commentCount).toBe(1);
  });

  test('views count once per viewer per hour', async () => {
    const [author, fan] = [await signUp(t, 'vw_a'), await signUp(t, 'vw_f')];
    const note = await postNote(t, author);
    const VIEW = ViewNoteDocument;
    await Promise.all([1, 2, 3].map(() => t.ok(VIEW, { id: note.id }, fan.token)));
    expect((await t.ok(VIEW, { id: note.id }, author.token)).recordView.note?.viewCount).toBe(2);
    // An hour later the same viewer counts again.
    await t.db.driver.executeQuery('MATCH (:User {id: $u})-[v:VIEWED]->(:Note {id: $n}) SET v.at = v.at - 3600001', { u: fan.id, n: note.id });
    expect((await t.ok(VIEW, { id: note.id }, fan.token)).recordView.note?.viewCount).toBe(3);
  });

  test('likedByFollowees shows the people you follow who liked a note', async () => {
    const { viewer, author, f1, f2, stranger } = await people(t, ['viewer', 'author', 'f1', 'f2', 'stranger']);
    const note = await postNote(t, author);
    await follow(t, viewer, f1);
    await follow(t, viewer, f2);
    for (const p of [f1, f2, stranger]) await t.ok(LIKE, { id: note.id }, p.token);
    const data = await t.ok(LikedByFolloweesDocument, { id: note.id }, viewer.token);
    expect(data.note?.likedByFollowees?.totalCount).toBe(2);
    expect(data.note?.likedByFollowees?.users).toEqual([{ id: f2.id }]);
  });
});

describe('visibility and blocks', () => {
  test('a FOLLOWERS note reaches only followers', async () => {
    const [author, follower, stranger] = [await signUp(t, 'fo_a'), await signUp(t, 'fo_f'), await signUp(t, 'fo_s')];
    await follow(t, follower, author);
    const note = await postNote(t, author, { visibility: 'FOLLOWERS' });
    expect((await t.ok(NOTE, { id: note.id }, follower.token)).note?.id).toBe(note.id);
    expect((await t.ok(NOTE, { id: note.id }, stranger.token)).note).toBeNull();
    expect((await t.ok(NOTE, { id: note.id })).note).toBeNull();
    expect((await t.gql(LIKE, { id: note.id }, stranger.token)).data!.like.userErrors[0]?.code).toBe('NOT_FOUND');
  });

  test('a blocked user cannot see, like or comment on the blocker\'s notes', async () => {
    const [blocker, blocked] = [await signUp(t, 'bl_a'), await signUp(t, 'bl_b')];
    const note = await postNote(t, blocker);
    await t.ok(VisibilityBlockDocument, { id: blocked.id }, blocker.token);
    expect((await t.ok(NOTE, { id: note.id }, blocked.token)).note).toBeNull();
    expect((await t.gql(LIKE, { id: note.id }, blocked.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(COMMENT, { id: note.id, text: 'hi' }, blocked.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    // ...and the blocker does not see the blocked user's notes either.
    const theirs = await postNote(t, blocked);
    expect((await t.ok(NOTE, { id: theirs.id }, blocker.token)).note).toBeNull();
  });

  test('comments by someone you blocked are hidden from you', async () => {
    const [author, me, troll] = [await signUp(t, 'cb_a'), await signUp(t, 'cb_m'), await signUp(t, 'cb_t')];
    const note = await postNote(t, author);
    await t.ok(COMMENT, { id: note.id, text: 'spam spam' }, troll.token);
    await t.ok(COMMENT, { id: note.id, text: 'nice' }, me.token);
    await t.ok(VisibilityBlockDocument, { id: troll.id }, me.token);
    const data = await t.ok(CommentTextsDocument, { id: note.id }, me.token);
    expect(data.note?.comments).toEqual({ totalCount: 1, nodes: [{ text: 'nice' }] });
  });
});

describe('topics', () => {
  test('hotTopics ranks topics by recent engagement', async () => {
    const author = await signUp(t, 'ht_a');
    const fans = await Promise.all([1, 2, 3].map((i) => signUp(t, `ht_f${i}`)));
    // Topics are global and outlive a run whose cleanup did not happen: a suffix made from the
    // handle's tail ("0hta") repeats across runs, so a leftover note of another run counted here.
    const suffix = crypto.randomBytes(5).toString('hex');
    const hot = await postNote(t, author, { topics: [`hot${suffix}`] });
    await postNote(t, author, { topics: [`cold${suffix}`] });
    for (const fan of fans) await t.ok(LIKE, { id: hot.id }, fan.token);
    await t.ok(COMMENT, { id: hot.id, text: 'want!' }, fans[0]!.token);
    const data = await t.ok(HotTopicsOfTheDayDocument);
    const names = data.hotTopics.map((h) => h.topic.name);
    expect(names.indexOf(`hot${suffix}`)).toBeGreaterThanOrEqual(0);
    expect(names.indexOf(`hot${suffix}`)).toBeLessThan(names.indexOf(`cold${suffix}`) === -1 ? Infinity : names.indexOf(`cold${suffix}`));
    expect(data.hotTopics.find((h) => h.topic.name === `hot${suffix}`)).toMatchObject({ score: 1 + 3 + 4, noteCount: 1 });
  });
});

describe('batching', () => {
  test('a note page with its comments and their authors takes a constant number of round trips', async () => {
    const [author, reader] = [await signUp(t, 'np_a'), await signUp(t, 'np_r')];
    const note = await postNote(t, author);
    const commenters = await Promise.all(Array.from({ length: 12 }, (_, i) => signUp(t, `np_c${i}`)));
    for (const c of commenters) await t.ok(COMMENT, { id: note.id, text: `nice ${c.handle}` }, c.token);
    const PAGE = NotePageDocument;
    const trips = async (n: number) => {
      // Read once just before, as in steady use: the instance's caches then hold the viewer, the note and the author.
      await t.ok(PAGE, { id: note.id, n }, reader.token);
      // The fewer of two counted reads: the viewer's 5 s TTL may run out during one on a loaded machine.
      const counts: number[] = [];
      for (let i = 0; i < 2; i++) {
        const before = t.db.totals.roundTrips;
        const data = await t.ok(PAGE, { id: note.id, n }, reader.token);
        expect(data.note?.comments.nodes.map((c) => c.text)).toEqual(commenters.slice(0, n).map((c) => `nice ${c.handle}`));
        expect(data.note?.comments.nodes.map((c) => c.author?.handle)).toEqual(commenters.slice(0, n).map((c) => c.handle));
        counts.push(t.db.totals.roundTrips - before);
      }
      return Math.min(...counts);
    };
    const two = await trips(2);
    const twelve = await trips(12);
    expect(twelve).toBe(two);
    // The author's relation and the viewer's like (two loaders); the comments page with each
    // comment and its author; the total. The viewer, the note and the author come from the instance's caches.
    expect(twelve).toBe(4);
  });

  test('a comments page holds exactly what the comment and user batch queries return', async () => {
    const [author, replier] = [await signUp(t, 'np_pa'), await signUp(t, 'np_pr')];
    const note = await postNote(t, author);
    const top = (await t.ok(COMMENT, { id: note.id, text: 'first' }, replier.token)).comment.comment!;
    await t.ok(COMMENT, { id: note.id, text: 'a reply', replyTo: top.id }, author.token);
    const db = t.db.scope();
    const content = new ContentRepository(db);
    for (const parentId of [null, top.id]) {
      const rows = await content.commentsPage(note.id, parentId, null, null, 10);
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row!.comment).toEqual((await content.commentsByIds([row!.id]))[0]);
      expect(row!.author).toEqual((await new AccountRepository(db).usersByIds([row!.comment.authorId]))[0]);
      expect(row!.relation).toBeNull();
    }
    // For a signed-in reader each row also carries the author's relation to them, as the relation batch query has it.
    const reader = await signUp(t, 'np_prr');
    await follow(t, reader, replier);
    const [row] = await content.commentsPage(note.id, null, reader.id, null, 10);
    const relations = await new SocialRepository(db).relationsToViewer(reader.id, [replier.id]);
    expect(row!.relation).toEqual(relations.get(replier.id));
    expect(row!.relation).toMatchObject({ isFollowing: true });
  });
});
