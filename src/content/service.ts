import { randomUUID } from 'node:crypto';
import { requireIdempotencyKey } from '../db/idempotency';
import { badInput, forbidden, notFound } from '../common/errors';
import { connectionOf, keyedConnection } from '../common/connection';
import { decodeCursor, encodeCursor, pageRequest, pageSize, toPage, type Page } from '../common/pagination';
import { requireId, requireText, requireIntInRange } from '../common/validate';
import { END, NoteActivityEvent, SKIP, transform } from '../events/bus';
import { NO_RELATION } from '../social/types';
import type { CommentPageRow, ContentRepository } from './repository';
import { editNote } from './edit-note';
import { createNote, publishApprovedNote } from './create-note';
import { like, type LikeWriter } from './like';
import { collect } from './collect';
import { comment as postComment, publishApprovedComment } from './comment';
import { publishAfterCommit } from '../events/after-commit';
import { commentVisibility, LIMITS, mentionedHandles, noteVisibility, normaliseTopic, validateNewNote, validateNoteChanges, type NoteDraft, type Visibility } from './rules';
import { reviewLoaders } from '../reviews/loaders';
import { byIdLoader } from '../common/node';
import { CollectionRecord, CommentRecord, CreateNoteInput, UpdateNoteInput, NoteRecord, TrendWindow, topicOf, TOPIC_ID_PREFIX } from './types';
import { accountLoaders } from '../accounts/loaders';
import { liveScopeOf } from '../events/live';
import { socialLoaders } from '../social/loaders';
import { contentLoaders } from './loaders';
import type { TtlCache } from '../common/ttl-cache';
import type { Scope } from '../accounts/scope';
import type { EventBus } from '../events/bus';
import type { NotificationService } from '../notifications/service';
import type { GroupAccess, GroupLevelRightsCheck, GroupPosting } from '../groups/access';
import type { Premoderation } from '../moderation/access';
import type { GroupActivityPublisher } from '../events/group-activity';
import type { ApprovedContent, ContentVisibility, NotePosting } from './access';
import type { CacheInvalidation } from '../events/invalidation';
import { notePage } from '../feeds/pipeline';
import { groupLoaders } from '../groups/loaders';
import { canPost } from '../groups/permissions';
import { hydrateNotes } from '../feeds/hydration';

/** A comments page (Note.comments, Comment.replies) holds at most this many: "Default 20, at most 50." */
export const COMMENT_PAGE_MAX = 50;

/** A page of Query.collections holds at most this many: "Default 20, at most 100." */
export const COLLECTION_PAGE_MAX = 100;

/** first/after pages forwards (newer comments), last/before backwards (older ones); not both. */
export interface CommentPageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export const TREND_WINDOW_MS: Record<TrendWindow, number> = {
  DAY: 24 * 3600_000,
  WEEK: 7 * 24 * 3600_000,
  MONTH: 30 * 24 * 3600_000,
};

const NO_GROUP_ACCESS = 'You can no longer change notes in this group';

/** What ContentService needs, named one by one; wired once per process in src/app/services.ts. */
export interface ContentServiceDeps {
  repo: (scope: Scope) => ContentRepository;
  /** Hot topics are the same for every viewer: one per-process cache. */
  hotTopics: TtlCache<{ name: string; score: number; noteCount: number }[]>;
  events: EventBus;
  groups: GroupAccess & GroupPosting & GroupLevelRightsCheck;
  moderation: Pick<Premoderation, 'hold'>;
  activity: GroupActivityPublisher;
  notifications: Pick<NotificationService, 'published'>;
  /** An author's noteCount lives in the user records that instances cache, a note's counts and state in their note records. */
  invalidation: Pick<CacheInvalidation, 'usersChanged' | 'notesChanged' | 'discoverChanged'>;
  /** Likes of concurrent requests, written in batches (src/content/like.ts). */
  likes: Pick<LikeWriter, 'like'>;
}

export class ContentService implements ContentVisibility, NotePosting, ApprovedContent {
  constructor(private readonly deps: ContentServiceDeps) {}

  /** The note if the viewer may see it, else null (deleted, FOLLOWERS-only, or a block either way). */
  async visibleNote(scope: Scope, id: string): Promise<NoteRecord | null> {
    const note = await contentLoaders(scope).noteById.load(id);
    if (!note) return null;
    return (await this.visibilityOf(scope, note)) === 'visible' ? note : null;
  }

  /** Whether the viewer may see this note; the check the schema's visibility guard runs on every Note it returns. */
  async canSeeNote(scope: Scope, note: NoteRecord): Promise<boolean> {
    return (await this.visibilityOf(scope, note)) === 'visible';
  }

  /** Whether the viewer may see this comment (and so its note); the guard's check on every Comment. */
  async canSeeComment(scope: Scope, comment: CommentRecord): Promise<boolean> {
    return (await this.commentVisibilityOf(scope, comment)) === 'visible';
  }

  /**
   * Answers are kept per record object for as long as the request's loaders live: a feed page
   * checks each note while presenting it, and the schema's guard asks again for the same record
   * when the edge and the node resolve, so the second ask costs a map lookup. Fresh loaders
   * (a subscription's next event, a reloaded note) bring fresh records and so fresh answers.
   */
  private remembered(scope: Scope, record: object, compute: () => Promise<Visibility>): Promise<Visibility> {
    const memo = scope.memo('content.visibility', () => new WeakMap<object, Promise<Visibility>>());
    let answer = memo.get(record);
    if (!answer) {
      answer = compute();
      memo.set(record, answer);
    }
    return answer;
  }

  private visibilityOf(scope: Scope, note: NoteRecord): Promise<Visibility> {
    return this.remembered(scope, note, async () => {
      const viewerId = await scope.viewerId();
      const [relation, groupAccess] = await Promise.all([
        viewerId && viewerId !== note.authorId ? socialLoaders(scope).relationToViewer.load(note.authorId) : NO_RELATION,
        note.groupId ? this.deps.groups.canReadContent(scope, note.groupId) : true,
      ]);
      return noteVisibility(note, viewerId, relation, groupAccess);
    });
  }

  private commentVisibilityOf(scope: Scope, comment: CommentRecord): Promise<Visibility> {
    return this.remembered(scope, comment, async () => {
      const [viewerId, note] = await Promise.all([scope.viewerId(), contentLoaders(scope).noteById.load(comment.noteId)]);
      const noteVisible = note ? await this.visibilityOf(scope, note) : 'missing';
      const askRelation = noteVisible === 'visible' && viewerId && viewerId !== comment.authorId && !comment.modState;
      const relation = askRelation ? await socialLoaders(scope).relationToViewer.load(comment.authorId) : NO_RELATION;
      return commentVisibility(comment, viewerId, noteVisible, relation);
    });
  }

  /** For interactions: NOT_FOUND when the viewer cannot see the note, FORBIDDEN across a block. */
  private async noteToActOn(scope: Scope, noteId: string, field = 'noteId'): Promise<NoteRecord> {
    const id = requireId(noteId, field);
    const note = await contentLoaders(scope).noteById.load(id);
    if (!note) throw notFound('Note', field);
    const visibility = await this.visibilityOf(scope, note);
    if (visibility === 'blocked') throw forbidden('You cannot interact with this user');
    if (visibility === 'missing') throw notFound('Note', field);
    return note;
  }

  /** The viewer's own note; `includeDeleted` lets a repeated delete find the note it deleted. */
  private async ownNote(scope: Scope, noteId: string, includeDeleted = false): Promise<NoteRecord> {
    const viewer = await scope.requireViewer();
    const note = await contentLoaders(scope).noteById.load(requireId(noteId, 'noteId'));
    if (!note) throw notFound('Note', 'noteId');
    if (note.deletedAt !== null && !(includeDeleted && note.authorId === viewer.id)) throw notFound('Note', 'noteId');
    // Someone else's note they may not even see (in a SECRET group, say) answers as a missing one.
    if (note.authorId !== viewer.id) throw (await this.canSeeNote(scope, note)) ? forbidden('Only the author can change this note') : notFound('Note', 'noteId');
    return note;
  }

  private async reloadNote(scope: Scope, id: string): Promise<NoteRecord> {
    contentLoaders(scope).noteById.clear(id);
    contentLoaders(scope).viewerNoteState.clear(id);
    const note = await contentLoaders(scope).noteById.load(id);
    if (!note) throw notFound('Note');
    return note;
  }

  /**
   * What the viewer may do with a note they can see: the checks updateNote, deleteNote and comment
   * make, from the viewer's id and (for a group's note) their standing in the group, which one
   * batched loader answers for every note of a page.
   */
  async notePermissions(scope: Scope, note: NoteRecord): Promise<{ edit: boolean; delete: boolean; comment: boolean }> {
    const viewerId = await scope.viewerId();
    if (!viewerId) return { edit: false, delete: false, comment: false };
    const own = viewerId === note.authorId;
    return { edit: own, delete: own, comment: await this.mayComment(scope, note) };
  }

  /** What the viewer may do with a comment they can see: deleteComment's rule, and comment's for a reply. */
  async commentPermissions(scope: Scope, comment: CommentRecord): Promise<{ delete: boolean; reply: boolean }> {
    const viewerId = await scope.viewerId();
    if (!viewerId || comment.deletedAt !== null) return { delete: false, reply: false };
    const note = await contentLoaders(scope).noteById.load(comment.noteId);
    if (!note) return { delete: false, reply: false };
    return { delete: viewerId === comment.authorId || viewerId === note.authorId, reply: await this.mayComment(scope, note) };
  }

  /** A signed-in viewer comments on a note they see; in a group, only as a member allowed to post (groups.checkPost's rule). */
  private async mayComment(scope: Scope, note: NoteRecord): Promise<boolean> {
    if (!note.groupId) return true;
    const [group, standing] = await Promise.all([groupLoaders(scope).groupById.load(note.groupId), groupLoaders(scope).standing.load(note.groupId)]);
    return group !== null && group.archivedAt === null && canPost(standing, Date.now());
  }

  async note(scope: Scope, id: string): Promise<NoteRecord | null> {
    return this.visibleNote(scope, requireId(id, 'id'));
  }

  async createNote(scope: Scope, input: CreateNoteInput, isAnnouncement = false): Promise<NoteRecord> {
    const viewer = await scope.requireViewer();
    const draft = await this.withShownReview(scope, viewer.id, validateNewNote(input));
    // Posting into a group needs a member who is not muted; pre-moderated groups hold matching notes.
    const modState = draft.groupId ? await this.deps.groups.checkPost(scope, draft.groupId, `${draft.title}\n${draft.body}`) : null;
    // Mentions of a note that stays held notify no one (notify-mentions skips it) until it is approved.
    const mentions = mentionedHandles(draft.title, draft.body).filter((h) => h.toLowerCase() !== viewer.handle.toLowerCase());
    const result = await createNote(scope, { authorId: viewer.id, id: randomUUID(), draft, mentions, modState: modState?.state ?? null, isAnnouncement }, this.deps.groups);
    publishAfterCommit(scope, result.events, this.deps);
    accountLoaders(scope).userById.clear(viewer.id);
    if (result.created) this.deps.invalidation.usersChanged([viewer.id], 'COUNTS');
    if (draft.groupId && result.created) {
      if (modState && result.held) await this.deps.moderation.hold(scope, 'NOTE', result.id, draft.groupId, viewer.id, modState.matched);
      else this.deps.activity.publish(draft.groupId, isAnnouncement ? 'ANNOUNCEMENT' : 'NOTE_POSTED', { actorId: viewer.id, noteId: result.id });
    }
    const note = await this.reloadNote(scope, result.id);
    // A retry whose first note is gone for the author (deleted, or in a group they lost) does not hand it back.
    if (!result.created && !(await this.canSeeNote(scope, note))) throw notFound('Note', 'idempotencyKey');
    return note;
  }

  /** A 曬單 features the reviewed product (its product card): the review must be the author's own, shown and named. */
  private async withShownReview(scope: Scope, authorId: string, draft: NoteDraft): Promise<NoteDraft> {
    if (!draft.reviewId) return draft;
    const review = await reviewLoaders(scope).reviewById.load(draft.reviewId);
    if (!review || review.authorId !== authorId || review.modState !== null) throw notFound('Review', 'reviewId');
    if (review.isAnonymous) throw badInput('reviewId', 'an anonymous review cannot be shown on a note, which names its author');
    if (draft.productIds.includes(review.productId)) return draft;
    if (draft.productIds.length >= LIMITS.products) throw badInput('productIds', `at most ${LIMITS.products} products with the review's`);
    return { ...draft, productIds: [...draft.productIds, review.productId] };
  }

  async updateNote(scope: Scope, input: UpdateNoteInput): Promise<NoteRecord> {
    const note = await this.ownNote(scope, input.noteId);
    // An author banned from the note's group (or removed from a CLOSED/SECRET one) has lost the
    // note with the group; the edit checks again under the group's lock.
    if (note.groupId && !(await this.deps.groups.canReadContent(scope, note.groupId))) throw forbidden(NO_GROUP_ACCESS);
    const changes = validateNoteChanges(input, note);
    // An edit is checked like a new post: in a pre-moderated group, new text that matches the
    // word list is held again (hidden from others, its case back in the queue).
    const text = `${changes.title ?? note.title}\n${changes.body ?? note.body}`;
    const held = note.groupId && (changes.title !== null || changes.body !== null) ? await this.deps.groups.premoderationHold(scope, note.groupId, text) : null;
    const edited = await editNote(scope, note, changes, held, this.deps.groups);
    if (edited === 'missing') throw notFound('Note', 'noteId');
    if (edited === 'no-group-access') throw forbidden(NO_GROUP_ACCESS);
    this.deps.invalidation.notesChanged([note.id], 'CONTENT');
    return this.reloadNote(scope, note.id);
  }

  /** Answers the deleted note's id; deleting one's own note again (a retry, a race) answers it too. */
  async deleteNote(scope: Scope, noteId: string): Promise<string> {
    const note = await this.ownNote(scope, noteId, true);
    if (note.deletedAt !== null) return note.id;
    // false: a concurrent delete got there first, which is the same outcome.
    await this.deps.repo(scope).deleteNote(note.id, Date.now());
    this.deps.invalidation.notesChanged([note.id], 'STATE');
    contentLoaders(scope).noteById.clear(note.id);
    accountLoaders(scope).userById.clear(note.authorId);
    this.deps.invalidation.usersChanged([note.authorId], 'COUNTS');
    return note.id;
  }

  async like(scope: Scope, noteId: string): Promise<NoteRecord> {
    const viewer = await scope.requireViewer();
    const note = await this.noteToActOn(scope, noteId);
    const liked = await like(this.deps.likes, viewer.id, note.id, note.authorId);
    publishAfterCommit(scope, liked, this.deps);
    const likeCount = liked.flatMap((e) => (e.to === 'note' && e.event.kind === 'LIKE_COUNT_CHANGED' ? [e.event.likeCount] : []))[0];
    contentLoaders(scope).viewerNoteState.clear(note.id);
    // Nothing announced: the viewer had liked it already, and the count stands.
    if (likeCount === undefined) return note;
    this.deps.invalidation.notesChanged([note.id], 'COUNTS');
    // A like teaches the discover feed the note's topics.
    this.deps.invalidation.discoverChanged([viewer.id], 'SIGNALS');
    // The like's statement answered the new count, exact under concurrent likes: no read again.
    const updated = { ...note, likeCount };
    contentLoaders(scope).noteById.clear(note.id).prime(note.id, updated);
    return updated;
  }

  async unlike(scope: Scope, noteId: string): Promise<NoteRecord> {
    const viewer = await scope.requireViewer();
    const note = await this.noteToActOn(scope, noteId);
    const result = await this.deps.repo(scope).unlike(viewer.id, note.id, note.authorId);
    if (result.removed) this.deps.invalidation.notesChanged([note.id], 'COUNTS');
    if (result.removed) this.activity({ kind: 'LIKE_COUNT_CHANGED', noteId: note.id, likeCount: result.likeCount });
    if (result.removed) this.deps.invalidation.discoverChanged([viewer.id], 'SIGNALS');
    return this.reloadNote(scope, note.id);
  }

  async collect(scope: Scope, noteId: string, collectionId: string | null | undefined): Promise<NoteRecord> {
    const viewer = await scope.requireViewer();
    const note = await this.noteToActOn(scope, noteId);
    const collection = collectionId == null ? null : requireId(collectionId, 'collectionId');
    publishAfterCommit(scope, await collect(scope, viewer.id, note.id, collection, note.authorId, randomUUID()), this.deps);
    this.deps.invalidation.notesChanged([note.id], 'COUNTS');
    this.deps.invalidation.discoverChanged([viewer.id], 'SIGNALS');
    return this.reloadNote(scope, note.id);
  }

  async uncollect(scope: Scope, noteId: string, collectionId: string | null | undefined): Promise<NoteRecord> {
    const viewer = await scope.requireViewer();
    const id = requireId(noteId, 'noteId');
    // Taking a note out of your own collections is allowed even once you can no longer see it.
    const collection = collectionId == null ? null : requireId(collectionId, 'collectionId');
    await this.deps.repo(scope).uncollect(viewer.id, id, collection);
    this.deps.invalidation.notesChanged([id], 'COUNTS');
    this.deps.invalidation.discoverChanged([viewer.id], 'SIGNALS');
    return this.reloadNote(scope, id);
  }

  async createCollection(scope: Scope, input: { name: string; idempotencyKey?: string | null }) {
    const viewer = await scope.requireViewer();
    const clean = requireText(input.name, 'name', { min: 1, max: LIMITS.collectionName });
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    return this.deps.repo(scope).createCollection(viewer.id, randomUUID(), clean, Date.now(), key);
  }

  /** One of the viewer's own collections (node(id)); null for anyone else's, as collections lists only the viewer's. */
  async collection(scope: Scope, id: string): Promise<CollectionRecord | null> {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    return byIdLoader(scope, 'content.collectionById', (ids) => this.deps.repo(scope).collectionsByIds(viewer.id, ids)).load(id);
  }

  /** A topic by its id, `topic:<name>` (node(id)): anyone reads a topic that something was tagged with. */
  async topic(scope: Scope, id: string) {
    const found = await byIdLoader(scope, 'content.topicById', async (ids) => {
      const names = await this.deps.repo(scope).existingTopics(ids.map((i) => i.slice(TOPIC_ID_PREFIX.length)));
      return names.map(topicOf);
    }).load(id);
    return found;
  }

  /** The viewer's collections, a page at a time: the default one first, then by creation time. */
  async collections(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: COLLECTION_PAGE_MAX });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.collectionsOf(viewer.id, position, limit + 1), limit);
    const edges = page.items.map((row) => ({ cursor: encodeCursor({ k: row.key, id: row.id }), node: row.collection }));
    return connectionOf(edges, page.hasNextPage, () => repo.countCollections(viewer.id));
  }


  async collectionNotes(scope: Scope, collection: CollectionRecord, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    if (viewer.id !== collection.ownerId) throw forbidden('Collections are private');
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: 50 });
    const skeleton = toPage(await this.deps.repo(scope).collectionNotesPage(collection.id, position, limit + 1), limit);
    return notePage(scope, skeleton, (ids) => hydrateNotes(scope, ids), collection.noteCount);
  }

  async comment(scope: Scope, input: { noteId: string; text: string; replyToId?: string | null; idempotencyKey?: string | null }): Promise<CommentRecord> {
    const { noteId, text, replyToId: replyTo, idempotencyKey } = input;
    const viewer = await scope.requireViewer();
    const note = await this.noteToActOn(scope, noteId);
    const clean = requireText(text, 'text', { min: 1, max: LIMITS.comment });
    const parent = replyTo == null ? null : requireId(replyTo, 'replyToId');
    // A comment the viewer may not see (its author is in a block with them, it is held or
    // removed) cannot be replied to: it answers as an unknown one, and its author hears nothing.
    if (parent !== null) {
      const replied = await contentLoaders(scope).commentById.load(parent);
      if (replied && !(await this.canSeeComment(scope, replied))) throw notFound('Comment replied to', 'replyToId');
    }
    const clientKey = idempotencyKey == null ? null : requireText(idempotencyKey, 'idempotencyKey', { min: 1, max: LIMITS.idempotencyKey });
    const modState = note.groupId ? await this.deps.groups.checkPost(scope, note.groupId, clean) : null;
    // A comment that stays held notifies no one (comment.ts) until it is approved.
    const mentions = mentionedHandles(clean).filter((h) => h.toLowerCase() !== viewer.handle.toLowerCase());
    const result = await postComment(scope, note, { modState: modState?.state ?? null, userId: viewer.id, id: randomUUID(), text: clean, replyTo: parent, clientKey, mentions }, this.deps.groups);
    // A held comment counts too (comment.cypher): the note's count changed either way.
    if (result.created) this.deps.invalidation.notesChanged([note.id], 'COUNTS');
    if (result.created && result.held && modState && note.groupId) await this.deps.moderation.hold(scope, 'COMMENT', result.id, note.groupId, viewer.id, modState.matched);
    publishAfterCommit(scope, result.events, this.deps);
    const comment = await contentLoaders(scope).commentById.load(result.id);
    if (!comment) throw notFound('Comment', 'replyToId');
    // A retry whose first comment the viewer can no longer see does not hand it back.
    if (!result.created && !(await this.canSeeComment(scope, comment))) throw notFound('Comment', 'idempotencyKey');
    return comment;
  }

  /**
   * The comment's author or the note's author may delete it. Answers the deleted comment's id;
   * deleting it again (a retry, a race) answers it too, to those two.
   */
  async deleteComment(scope: Scope, commentId: string): Promise<string> {
    const viewer = await scope.requireViewer();
    const comment = await contentLoaders(scope).commentById.load(requireId(commentId, 'commentId'));
    if (!comment) throw notFound('Comment', 'commentId');
    const note = await contentLoaders(scope).noteById.load(comment.noteId);
    const mayDelete = comment.authorId === viewer.id || note?.authorId === viewer.id;
    if (comment.deletedAt !== null) {
      if (mayDelete && (await this.canSeeComment(scope, comment))) return comment.id;
      throw notFound('Comment', 'commentId');
    }
    if (!mayDelete) {
      if (!(await this.canSeeComment(scope, comment))) throw notFound('Comment', 'commentId');
      throw forbidden("Only the comment's author or the note's author can delete it");
    }
    const result = await this.deps.repo(scope).deleteComment(comment.id, comment.noteId, Date.now());
    // null: a concurrent delete got there first (or the note went with it); the first one announced it.
    if (result) this.deps.invalidation.notesChanged([comment.noteId], 'COUNTS');
    if (result) this.activity({ kind: 'COMMENT_DELETED', noteId: comment.noteId, commentId: comment.id, commentCount: result.commentCount });
    return comment.id;
  }

  /**
   * A thread level, oldest first, a page at a time either way: first/after reads newer comments,
   * last/before older ones (without before, the newest). The far side's flag is real: one more row
   * is read past the cursor to learn whether anything lies there.
   */
  async comments(scope: Scope, note: NoteRecord, parentId: string | null, args: CommentPageArgs) {
    const backward = args.last != null || args.before != null;
    if (backward && (args.first != null || args.after != null)) throw badInput('last', 'give first and after, or last and before, not both');
    const viewerId = await scope.viewerId();
    const repo = this.deps.repo(scope);
    let page: Page<CommentPageRow>;
    let hasPreviousPage: boolean;
    if (!backward) {
      const { limit, after: position } = pageRequest(args.first, args.after, { key: 'number', max: COMMENT_PAGE_MAX });
      page = toPage(await repo.commentsPage(note.id, parentId, viewerId, position, limit + 1), limit);
      hasPreviousPage = position !== null && (await repo.commentsPageBefore(note.id, parentId, viewerId, position, 1, true)).length > 0;
    } else {
      const limit = pageSize(args.last, 'last', COMMENT_PAGE_MAX);
      const position = decodeCursor(args.before, 'before');
      if (position && typeof position.k !== 'number') throw badInput('before', 'is not a valid cursor');
      const rows = await repo.commentsPageBefore(note.id, parentId, viewerId, position, limit + 1);
      hasPreviousPage = rows.length > limit;
      const hasNextPage = position !== null && (await repo.commentsPage(note.id, parentId, viewerId, position, 1, true)).length > 0;
      page = { items: rows.slice(0, limit).reverse(), hasNextPage };
    }
    // The page query brought each comment and its author: the loaders need no round trip of their own.
    for (const row of page.items) {
      contentLoaders(scope).commentById.prime(row.id, row.comment);
      accountLoaders(scope).userById.prime(row.author.id, row.author);
      // What the visibility guard asks of each comment's author: no round trip of its own.
      if (viewerId && row.relation) socialLoaders(scope).relationToViewer.prime(row.author.id, row.relation);
    }
    const connection = await keyedConnection(page, contentLoaders(scope).commentById, () => repo.countComments(note.id, parentId, viewerId));
    return { ...connection, pageInfo: { ...connection.pageInfo, hasPreviousPage } };
  }

  async recordView(scope: Scope, noteId: string): Promise<NoteRecord> {
    const viewer = await scope.requireViewer();
    const note = await this.noteToActOn(scope, noteId);
    if ((await this.deps.repo(scope).recordView(viewer.id, note.id, Date.now())).counted) this.deps.invalidation.notesChanged([note.id], 'COUNTS');
    return this.reloadNote(scope, note.id);
  }

  async hotTopics(scope: Scope, window: TrendWindow, first: number) {
    const limit = requireIntInRange(first, 'first', 1, 50);
    // The same for every viewer and costly to count: served from a cache for 30 seconds.
    const rows = await this.deps.hotTopics.get(`${window}:${limit}`, () => this.deps.repo(scope).hotTopics(Date.now() - TREND_WINDOW_MS[window], limit));
    return rows.map((r) => ({ topic: topicOf(r.name), score: r.score, noteCount: r.noteCount }));
  }

  topicName(scope: Scope, topic: string): string {
    return normaliseTopic(topic, 'topic');
  }

  /** Live activity on one note, while the viewer can still see it. */
  async noteActivity(scope: Scope, noteId: string): Promise<AsyncIterable<NoteActivityEvent>> {
    const id = requireId(noteId, 'noteId');
    const note = await this.visibleNote(scope, id);
    if (!note) throw notFound('Note');
    // A group note's stream is re-checked at once when the group's access changes (live guard).
    if (note.groupId) {
      const groupId = note.groupId;
      liveScopeOf(scope).watchGroup(groupId, () => this.deps.groups.canFollowLive(scope, groupId));
    }
    return transform(this.deps.events.pubsub.subscribe('NOTE_ACTIVITY', id), async (event) => {
      scope.resetLoaders();
      if (!(await this.visibleNote(scope, id))) return END;
      // A comment the viewer may not see (its author is in a block with them, it is held or
      // removed) is not news to them: the event is skipped, not delivered without its comment.
      if (event.kind !== 'LIKE_COUNT_CHANGED') {
        const comment = await contentLoaders(scope).commentById.load(event.commentId);
        if (!comment || !(await this.canSeeComment(scope, comment))) return SKIP;
      }
      return event;
    });
  }

  /** A note a moderator approved out of pre-moderation sends the mentions it held back. */
  async publishApprovedNote(scope: Scope, noteId: string): Promise<void> {
    contentLoaders(scope).noteById.clear(noteId);
    const note = await contentLoaders(scope).noteById.load(noteId);
    if (!note || note.deletedAt !== null || note.modState) return;
    const author = await accountLoaders(scope).userById.load(note.authorId);
    const mentions = mentionedHandles(note.title, note.body).filter((h) => h.toLowerCase() !== author?.handle.toLowerCase());
    publishAfterCommit(scope, await publishApprovedNote(scope, note, mentions), this.deps);
  }

  /**
   * A comment a moderator approved out of pre-moderation is published now: the notifications and
   * live events a comment sends when it is posted, which were held with it.
   */
  async publishApprovedComment(scope: Scope, commentId: string): Promise<void> {
    contentLoaders(scope).commentById.clear(commentId);
    const comment = await contentLoaders(scope).commentById.load(commentId);
    if (!comment || comment.deletedAt !== null || comment.modState) return;
    const commenter = await accountLoaders(scope).userById.load(comment.authorId);
    const mentions = mentionedHandles(comment.text).filter((h) => h.toLowerCase() !== commenter?.handle.toLowerCase());
    const groupOf = async (noteId: string) => (await contentLoaders(scope).noteById.load(noteId))?.groupId ?? null;
    publishAfterCommit(scope, await publishApprovedComment(scope, comment.id, mentions, groupOf), this.deps);
  }

  private activity(event: NoteActivityEvent): void {
    this.deps.events.pubsub.publish('NOTE_ACTIVITY', event.noteId, event);
  }
}
