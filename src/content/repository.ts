import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import type { DbScope, Tx } from '../db/database';
import type { Standing, Visibility as GroupVisibility } from '../groups/permissions';
import type { Position } from '../common/pagination';
import { notFound } from '../common/errors';
import type { NoteChanges, NoteDraft } from './rules';
import type { UserRecord } from '../accounts/types';
import type { ViewerRelation } from '../social/types';
import type { CollectionRecord, CommentRecord, NoteRecord } from './types';
import { claimIdempotencyKey } from '../db/idempotency';
import { PointsLedger } from '../points/ledger';
import { collectSourceKey, likeSourceKey } from '../points/sources';

const q = {
  lockAuthor: cypher('content/lock-author'),
  missingProducts: cypher('content/missing-products'),
  groupExists: cypher('content/group-exists'),
  createNote: cypher('content/create-note'),
  editNote: cypher('content/edit-note'),
  deleteNote: cypher('content/delete-note'),
  notesByIds: cypher('content/notes-by-ids'),
  viewerNoteStates: cypher('content/viewer-note-states'),
  likedByFollowees: cypher('content/liked-by-followees'),
  likeMany: cypher('content/like-many'),
  unlike: cypher('content/unlike'),
  lockCollector: cypher('content/lock-collector'),
  ensureDefaultCollection: cypher('content/ensure-default-collection'),
  ownedCollection: cypher('content/owned-collection'),
  collectInto: cypher('content/collect-into'),
  uncollect: cypher('content/uncollect'),
  createCollection: cypher('content/create-collection'),
  collectionById: cypher('content/collection-by-id'),
  collectionsByIds: cypher('content/collections-by-ids'),
  topicsByNames: cypher('content/topics-by-names'),
  collectionsOfUser: cypher('content/collections-of-user'),
  countCollections: cypher('content/count-collections'),
  collectionNotesPage: cypher('content/collection-notes-page'),
  lockNote: cypher('content/lock-note'),
  lockNoteGroup: cypher('content/lock-note-group'),
  commentToPublish: cypher('content/comment-to-publish'),
  comment: cypher('content/comment'),
  deleteComment: cypher('content/delete-comment'),
  commentsByIds: cypher('content/comments-by-ids'),
  commentsPage: cypher('content/comments-page'),
  commentsPageBefore: cypher('content/comments-page-before'),
  countComments: cypher('content/count-comments'),
  recordView: cypher('content/record-view'),
  hotTopics: cypher('content/hot-topics'),
};

export interface KeyedId {
  id: string;
  key: number;
}

/** A comment of a thread page with its record and its author's, to prime the DataLoaders. */
export interface CommentPageRow extends KeyedId {
  comment: CommentRecord;
  author: UserRecord;
  /** The author's relation to the viewer; null for anonymous pages. */
  relation: ViewerRelation | null;
}

export const DEFAULT_COLLECTION_NAME = 'Default';
export const VIEW_WINDOW_MS = 60 * 60 * 1000;

export class ContentRepository {
  constructor(private readonly db: DbScope) {}

  /**
   * Locks the author (so two posts with one client key queue) and finds the note or comment (as
   * `kind` says) that key made before keys were claimed. Null for an unknown author.
   */
  static async lockAuthor(tx: Tx, authorId: string, clientKey: string | null, kind: 'Note' | 'Comment'): Promise<{ existingId: string | null } | null> {
    const [lock] = await tx.run<{ existingId: string | null }>(q.lockAuthor, { authorId, clientKey, kind });
    return lock ?? null;
  }

  static async groupExists(tx: Tx, groupId: string): Promise<boolean> {
    return (await tx.run(q.groupExists, { groupId })).length > 0;
  }

  static async insertNote(tx: Tx, authorId: string, id: string, draft: NoteDraft, modState: string | null, isAnnouncement: boolean, now: number): Promise<void> {
    await tx.run(q.createNote, {
      authorId,
      id,
      title: draft.title,
      body: draft.body,
      format: draft.format,
      visibility: draft.visibility,
      mediaJson: JSON.stringify(draft.media),
      topics: draft.topics,
      productIds: draft.productIds,
      groupId: draft.groupId,
      clientKey: draft.clientKey,
      modState,
      isAnnouncement,
      now,
    });
  }

  /** Locks a group note's group and reads its author's standing there; null for a note outside groups. */
  static async lockNoteGroup(tx: Tx, noteId: string): Promise<(Standing & { visibility: GroupVisibility }) | null> {
    const [group] = await tx.run<Standing & { visibility: GroupVisibility }>(q.lockNoteGroup, { noteId });
    return group ?? null;
  }

  /** The first of these products that does not exist, or null. */
  static async missingProduct(tx: Tx, ids: string[]): Promise<string | null> {
    const [row] = await tx.run<{ missing: string[] }>(q.missingProducts, { ids });
    return row?.missing[0] ?? null;
  }

  /** Edits a live note; `hold` puts it back under pre-moderation. Null when there is no live note; else whether it is now held. */
  static async editNote(tx: Tx, id: string, changes: NoteChanges, now: number, hold: boolean): Promise<{ held: boolean } | null> {
    const { media, ...rest } = changes;
    const rows = await tx.run<{ id: string; held: boolean }>(q.editNote, { id, ...rest, mediaJson: media === null ? null : JSON.stringify(media), now, hold });
    return rows[0] ? { held: rows[0].held } : null;
  }

  async deleteNote(id: string, now: number): Promise<boolean> {
    return (await this.db.write(q.deleteNote, { id, now })).length > 0;
  }

  async notesByIds(ids: readonly string[]): Promise<NoteRecord[]> {
    return (await this.db.read<{ note: NoteRecord }>(q.notesByIds, { ids })).map((r) => r.note);
  }

  async viewerNoteStates(viewerId: string, ids: readonly string[]) {
    return this.db.read<{ id: string; liked: boolean; collected: boolean }>(q.viewerNoteStates, { viewerId, ids });
  }

  async likedByFollowees(viewerId: string, ids: readonly string[], limit: number) {
    return this.db.read<{ id: string; total: number; userIds: string[] }>(q.likedByFollowees, { viewerId, ids, limit });
  }

  /** Several likes in one statement, in the order given; a like whose user or note does not exist has no row. */
  static async likeMany(tx: Tx, likes: { key: number; userId: string; noteId: string; now: number }[]): Promise<{ key: number; created: boolean; likeCount: number }[]> {
    return tx.run<{ key: number; created: boolean; likeCount: number }>(q.likeMany, { likes });
  }

  /** An unlike takes the author's points for the like back in its transaction. */
  async unlike(userId: string, noteId: string, authorId: string) {
    return this.db.writeTx(async (tx) => {
      const [row] = await tx.run<{ removed: boolean; likeCount: number }>(q.unlike, { userId, noteId });
      if (!row) throw notFound('Note', 'noteId');
      if (row.removed) await PointsLedger.apply(tx, { clawbacks: [{ sourceKey: likeSourceKey(noteId, userId), userId: authorId }] }, Date.now());
      return row;
    });
  }

  /** Locks the collector against the note; false when there is no such live note. */
  static async lockCollector(tx: Tx, userId: string, noteId: string): Promise<boolean> {
    return (await tx.run(q.lockCollector, { userId, noteId })).length > 0;
  }

  /** The user's default collection, made now if they have none yet. */
  static async ensureDefaultCollection(tx: Tx, userId: string, newId: string, now: number): Promise<string> {
    const [row] = await tx.run<{ id: string }>(q.ensureDefaultCollection, { userId, newId, name: DEFAULT_COLLECTION_NAME, now });
    return row!.id;
  }

  static async ownsCollection(tx: Tx, userId: string, collectionId: string): Promise<boolean> {
    return (await tx.run(q.ownedCollection, { userId, collectionId })).length > 0;
  }

  /** Whether this is the user's first collect of the note (in any collection), and the note's new count. */
  static async collectInto(tx: Tx, userId: string, noteId: string, collectionId: string, now: number): Promise<{ firstCollect: boolean; collectCount: number }> {
    const [row] = await tx.run<{ firstCollect: boolean; collectCount: number }>(q.collectInto, { userId, noteId, collectionId, now });
    return row!;
  }

  async uncollect(userId: string, noteId: string, collectionId: string | null) {
    return this.db.writeTx(async (tx) => {
      if ((await tx.run(q.lockCollector, { userId, noteId })).length === 0) throw notFound('Note', 'noteId');
      if (collectionId !== null && (await tx.run(q.ownedCollection, { userId, collectionId })).length === 0) throw notFound('Collection', 'collectionId');
      const [row] = await tx.run<{ collectCount: number; removed: boolean }>(q.uncollect, { userId, noteId, collectionId });
      // Out of every collection, the collect is undone, and the author's points for it with it.
      if (row!.removed) await PointsLedger.apply(tx, { clawbacks: [{ sourceKey: collectSourceKey(noteId, userId) }] }, Date.now());
      return row!.collectCount;
    });
  }

  /** With a key, a retry returns the collection the first use made (see src/db/idempotency.ts). */
  async createCollection(userId: string, id: string, name: string, now: number, idempotencyKey: string | null): Promise<CollectionRecord> {
    return this.db.writeTx(async (tx) => {
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId: userId, operation: 'createCollection', key: idempotencyKey, input: { name } }) : null;
      if (claim && !claim.fresh) {
        const [first] = await tx.run<{ collection: CollectionRecord }>(q.collectionById, { userId, collectionId: claim.resultId });
        return first!.collection;
      }
      const [row] = await tx.run<{ collection: CollectionRecord }>(q.createCollection, { userId, id, name, now });
      await claim?.complete(id);
      return row!.collection;
    });
  }

  /** A page of a user's collections (default first, then oldest first), after a position. */
  async collectionsByIds(userId: string, ids: readonly string[]): Promise<CollectionRecord[]> {
    return (await this.db.read<{ collection: CollectionRecord }>(q.collectionsByIds, { userId, ids })).map((r) => r.collection);
  }

  async existingTopics(names: readonly string[]): Promise<string[]> {
    return (await this.db.read<{ name: string }>(q.topicsByNames, { names })).map((r) => r.name);
  }

  async collectionsOf(userId: string, after: Position | null, limit: number): Promise<{ id: string; key: number; collection: CollectionRecord }[]> {
    return this.db.read<{ id: string; key: number; collection: CollectionRecord }>(q.collectionsOfUser, { userId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countCollections(userId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countCollections, { userId });
    return row?.total ?? 0;
  }

  async collectionNotesPage(collectionId: string, after: Position | null, limit: number): Promise<KeyedId[]> {
    return this.db.read<KeyedId>(q.collectionNotesPage, { collectionId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  /** Locks a live note; false when there is none. */
  static async lockNote(tx: Tx, noteId: string): Promise<boolean> {
    return (await tx.run(q.lockNote, { noteId })).length > 0;
  }

  /** Null when the comment replied to is not there. */
  static async insertComment(
    tx: Tx,
    args: { userId: string; noteId: string; id: string; text: string; replyTo: string | null; clientKey: string | null; modState: string | null; now: number },
  ): Promise<{ id: string; commentCount: number; parentAuthorId: string | null } | null> {
    const [row] = await tx.run<{ id: string; commentCount: number; parentAuthorId: string | null }>(q.comment, args);
    return row ?? null;
  }

  /** A comment approved out of pre-moderation, with what its notifications need; null when it is no longer there to publish (deleted meanwhile, or held again). */
  static async commentToPublish(
    tx: Tx,
    commentId: string,
  ): Promise<{ id: string; commenterId: string; noteId: string; noteAuthorId: string; commentCount: number; parentAuthorId: string | null } | null> {
    const [row] = await tx.run<{ id: string; commenterId: string; noteId: string; noteAuthorId: string; commentCount: number; parentAuthorId: string | null }>(
      q.commentToPublish,
      { commentId },
    );
    return row ?? null;
  }

  async deleteComment(id: string, noteId: string, now: number) {
    return this.db.writeTx(async (tx) => {
      await tx.run(q.lockNote, { noteId });
      const [row] = await tx.run<{ noteId: string; commentCount: number }>(q.deleteComment, { id, now });
      return row ?? null;
    });
  }

  async commentsByIds(ids: readonly string[]): Promise<CommentRecord[]> {
    return (await this.db.read<{ comment: CommentRecord }>(q.commentsByIds, { ids })).map((r) => r.comment);
  }

  /** Oldest first, after a position (or, inclusive, from it on). */
  async commentsPage(noteId: string, parentId: string | null, viewerId: string | null, after: Position | null, limit: number, inclusive = false): Promise<CommentPageRow[]> {
    return this.db.read<CommentPageRow>(q.commentsPage, { noteId, parentId, viewerId, afterKey: after?.k ?? null, afterId: after?.id ?? null, inclusive, limit });
  }

  /** Those older than a position (or, inclusive, from it on), nearest it first: a backward page, reversed by the caller. */
  async commentsPageBefore(noteId: string, parentId: string | null, viewerId: string | null, before: Position | null, limit: number, inclusive = false): Promise<CommentPageRow[]> {
    return this.db.read<CommentPageRow>(q.commentsPageBefore, { noteId, parentId, viewerId, beforeKey: before?.k ?? null, beforeId: before?.id ?? null, inclusive, limit });
  }

  async countComments(noteId: string, parentId: string | null, viewerId: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countComments, { noteId, parentId, viewerId });
    return row?.total ?? 0;
  }

  async recordView(userId: string, noteId: string, now: number) {
    const [row] = await this.db.write<{ counted: boolean; viewCount: number }>(q.recordView, { userId, noteId, now, windowMs: VIEW_WINDOW_MS });
    if (!row) throw notFound('Note', 'noteId');
    return row;
  }

  async hotTopics(since: number, limit: number) {
    return this.db.read<{ name: string; score: number; noteCount: number }>(q.hotTopics, { since, limit });
  }
}

/** The content repository of a request, over its counted DbScope (made once per request). */
export function contentRepository(scope: RequestScope): ContentRepository {
  return scope.slot('content.repository', () => new ContentRepository(scope.db));
}
