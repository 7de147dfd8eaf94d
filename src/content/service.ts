import { randomUUID } from 'node:crypto';
import { badInput, forbidden, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage, Position } from '../common/pagination';
import { requireId, requireText, requireIntInRange } from '../common/validate';
import { END, NoteActivityEvent, SKIP, transform } from '../events/bus';
import { cachesOf, type Context } from '../server/context';
import type { Tx } from '../db/database';
import { NO_RELATION } from '../social/types';
import type { ContentRepository, KeyedId } from './repository';
import { commentVisibility, LIMITS, mentionedHandles, noteVisibility, normaliseTopic, validateNewNote, validateNoteChanges, type Visibility } from './rules';
import { CollectionRecord, CommentRecord, CreateNoteInput, EditNoteInput, NoteRecord, TrendWindow } from './types';

export const TREND_WINDOW_MS: Record<TrendWindow, number> = {
  DAY: 24 * 3600_000,
  WEEK: 7 * 24 * 3600_000,
  MONTH: 30 * 24 * 3600_000,
};

function positionOf(after: Position | null): Position | null {
  if (after && typeof after.k !== 'number') throw badInput('after', 'is not a valid cursor');
  return after;
}

const NO_GROUP_ACCESS = 'You can no longer change notes in this group';

export class ContentService {
  constructor(
    private readonly ctx: Context,
    private readonly repo: ContentRepository,
  ) {}

  /** The note if the viewer may see it, else null (deleted, FOLLOWERS-only, or a block either way). */
  async visibleNote(id: string): Promise<NoteRecord | null> {
    const note = await this.ctx.loaders.noteById.load(id);
    if (!note) return null;
    return (await this.visibilityOf(note)) === 'visible' ? note : null;
  }

  /** Whether the viewer may see this note; the check the schema's visibility guard runs on every Note it returns. */
  async canSeeNote(note: NoteRecord): Promise<boolean> {
    return (await this.visibilityOf(note)) === 'visible';
  }

  /** Whether the viewer may see this comment (and so its note); the guard's check on every Comment. */
  async canSeeComment(comment: CommentRecord): Promise<boolean> {
    return (await this.commentVisibilityOf(comment)) === 'visible';
  }

  /**
   * Answers are kept per record object for as long as the request's loaders live: a feed page
   * checks each note while presenting it, and the schema's guard asks again for the same record
   * when the edge and the node resolve, so the second ask costs a map lookup. Fresh loaders
   * (a subscription's next event, a reloaded note) bring fresh records and so fresh answers.
   */
  private memo = new WeakMap<object, Promise<Visibility>>();
  private memoLoaders: object | null = null;

  private remembered(record: object, compute: () => Promise<Visibility>): Promise<Visibility> {
    if (this.memoLoaders !== this.ctx.loaders) {
      this.memoLoaders = this.ctx.loaders;
      this.memo = new WeakMap();
    }
    let answer = this.memo.get(record);
    if (!answer) {
      answer = compute();
      this.memo.set(record, answer);
    }
    return answer;
  }

  private visibilityOf(note: NoteRecord): Promise<Visibility> {
    return this.remembered(note, async () => {
      const viewerId = await this.ctx.viewerId();
      const [relation, groupAccess] = await Promise.all([
        viewerId && viewerId !== note.authorId ? this.ctx.loaders.relationToViewer.load(note.authorId) : NO_RELATION,
        note.groupId ? this.ctx.groups.canReadContent(note.groupId) : true,
      ]);
      return noteVisibility(note, viewerId, relation, groupAccess);
    });
  }

  private commentVisibilityOf(comment: CommentRecord): Promise<Visibility> {
    return this.remembered(comment, async () => {
      const [viewerId, note] = await Promise.all([this.ctx.viewerId(), this.ctx.loaders.noteById.load(comment.noteId)]);
      const noteVisible = note ? await this.visibilityOf(note) : 'missing';
      const askRelation = noteVisible === 'visible' && viewerId && viewerId !== comment.authorId && !comment.modState;
      const relation = askRelation ? await this.ctx.loaders.relationToViewer.load(comment.authorId) : NO_RELATION;
      return commentVisibility(comment, viewerId, noteVisible, relation);
    });
  }

  /** For interactions: NOT_FOUND when the viewer cannot see the note, FORBIDDEN across a block. */
  private async noteToActOn(noteId: string, field = 'noteId'): Promise<NoteRecord> {
    const id = requireId(noteId, field);
    const note = await this.ctx.loaders.noteById.load(id);
    if (!note) throw notFound('Note');
    const visibility = await this.visibilityOf(note);
    if (visibility === 'blocked') throw forbidden('You cannot interact with this user');
    if (visibility === 'missing') throw notFound('Note');
    return note;
  }

  private async ownNote(noteId: string): Promise<NoteRecord> {
    const viewer = await this.ctx.requireViewer();
    const note = await this.ctx.loaders.noteById.load(requireId(noteId, 'id'));
    if (!note || note.deletedAt !== null) throw notFound('Note');
    // Someone else's note they may not even see (in a SECRET group, say) answers as a missing one.
    if (note.authorId !== viewer.id) throw (await this.canSeeNote(note)) ? forbidden('Only the author can change this note') : notFound('Note');
    return note;
  }

  private async reloadNote(id: string): Promise<NoteRecord> {
    this.ctx.loaders.noteById.clear(id);
    this.ctx.loaders.viewerNoteState.clear(id);
    const note = await this.ctx.loaders.noteById.load(id);
    if (!note) throw notFound('Note');
    return note;
  }

  async note(id: string): Promise<NoteRecord | null> {
    return this.visibleNote(requireId(id, 'id'));
  }

  async createNote(input: CreateNoteInput, isAnnouncement = false): Promise<NoteRecord> {
    const viewer = await this.ctx.requireViewer();
    const draft = validateNewNote(input);
    // Posting into a group needs a member who is not muted; pre-moderated groups hold matching notes.
    const modState = draft.groupId ? await this.ctx.groups.checkPost(draft.groupId, `${draft.title}\n${draft.body}`) : null;
    const mentions = modState ? [] : mentionedHandles(draft.title, draft.body).filter((h) => h.toLowerCase() !== viewer.handle.toLowerCase());
    const result = await this.repo.createNote(viewer.id, randomUUID(), draft, mentions, Date.now(), modState?.state ?? null, isAnnouncement);
    this.ctx.notifications.published(result.notifications);
    this.ctx.loaders.userById.clear(viewer.id);
    if (draft.groupId && result.created) {
      if (modState) await this.ctx.moderation.hold('NOTE', result.id, draft.groupId, viewer.id, modState.matched);
      else this.ctx.groups.publishActivity(draft.groupId, isAnnouncement ? 'ANNOUNCEMENT' : 'NOTE_POSTED', { actorId: viewer.id, noteId: result.id });
    }
    return this.reloadNote(result.id);
  }

  async editNote(id: string, input: EditNoteInput): Promise<NoteRecord> {
    const note = await this.ownNote(id);
    // An author banned from the note's group (or removed from a CLOSED/SECRET one) has lost the
    // note with the group; the edit checks again under the group's lock.
    if (note.groupId && !(await this.ctx.groups.canReadContent(note.groupId))) throw forbidden(NO_GROUP_ACCESS);
    const changes = validateNoteChanges(input, note);
    // An edit is checked like a new post: in a pre-moderated group, new text that matches the
    // word list is held again (hidden from others, its case back in the queue).
    const text = `${changes.title ?? note.title}\n${changes.body ?? note.body}`;
    const held = note.groupId && (changes.title !== null || changes.body !== null) ? await this.ctx.groups.premoderationHold(note.groupId, text) : null;
    const groupId = note.groupId;
    const hold = held && groupId ? (tx: Tx) => this.ctx.moderation.holdIn(tx, 'NOTE', note.id, groupId, note.authorId, held.matched) : null;
    const edited = await this.repo.editNote(note.id, changes, Date.now(), hold);
    if (edited === 'missing') throw notFound('Note');
    if (edited === 'no-group-access') throw forbidden(NO_GROUP_ACCESS);
    return this.reloadNote(note.id);
  }

  async deleteNote(id: string): Promise<boolean> {
    const note = await this.ownNote(id);
    if (!(await this.repo.deleteNote(note.id, Date.now()))) throw notFound('Note');
    this.ctx.loaders.noteById.clear(note.id);
    this.ctx.loaders.userById.clear(note.authorId);
    return true;
  }

  async like(noteId: string): Promise<NoteRecord> {
    const viewer = await this.ctx.requireViewer();
    const note = await this.noteToActOn(noteId);
    const result = await this.repo.like(viewer.id, note.id, note.authorId, Date.now());
    if (result.created) {
      this.ctx.notifications.published(result.notifications);
      this.activity({ kind: 'LIKE_COUNT_CHANGED', noteId: note.id, likeCount: result.likeCount });
    }
    return this.reloadNote(note.id);
  }

  async unlike(noteId: string): Promise<NoteRecord> {
    const viewer = await this.ctx.requireViewer();
    const note = await this.noteToActOn(noteId);
    const result = await this.repo.unlike(viewer.id, note.id);
    if (result.removed) this.activity({ kind: 'LIKE_COUNT_CHANGED', noteId: note.id, likeCount: result.likeCount });
    return this.reloadNote(note.id);
  }

  async collect(noteId: string, collectionId: string | null | undefined): Promise<NoteRecord> {
    const viewer = await this.ctx.requireViewer();
    const note = await this.noteToActOn(noteId);
    const collection = collectionId == null ? null : requireId(collectionId, 'collectionId');
    const result = await this.repo.collect(viewer.id, note.id, collection, note.authorId, randomUUID(), Date.now());
    this.ctx.notifications.published(result.notifications);
    return this.reloadNote(note.id);
  }

  async uncollect(noteId: string, collectionId: string | null | undefined): Promise<NoteRecord> {
    const viewer = await this.ctx.requireViewer();
    const id = requireId(noteId, 'noteId');
    // Taking a note out of your own collections is allowed even once you can no longer see it.
    const collection = collectionId == null ? null : requireId(collectionId, 'collectionId');
    await this.repo.uncollect(viewer.id, id, collection);
    return this.reloadNote(id);
  }

  async createCollection(name: string) {
    const viewer = await this.ctx.requireViewer();
    const clean = requireText(name, 'name', { min: 1, max: LIMITS.collectionName });
    return this.repo.createCollection(viewer.id, randomUUID(), clean, Date.now());
  }

  async collections() {
    const viewer = await this.ctx.requireViewer();
    return this.repo.collectionsOf(viewer.id);
  }

  async collectionNotes(collection: CollectionRecord, first?: number | null, after?: string | null) {
    const viewer = await this.ctx.requireViewer();
    if (viewer.id !== collection.ownerId) throw forbidden('Collections are private');
    const { limit, after: position } = pageRequest(first, after, 50);
    const page = toPage(await this.repo.collectionNotesPage(collection.id, positionOf(position), limit + 1), limit);
    return this.present(page.items, page.hasNextPage, collection.noteCount);
  }

  async comment(noteId: string, text: string, replyTo: string | null | undefined, idempotencyKey: string | null | undefined): Promise<CommentRecord> {
    const viewer = await this.ctx.requireViewer();
    const note = await this.noteToActOn(noteId);
    const clean = requireText(text, 'text', { min: 1, max: LIMITS.comment });
    const parent = replyTo == null ? null : requireId(replyTo, 'replyTo');
    // A comment the viewer may not see (its author is in a block with them, it is held or
    // removed) cannot be replied to: it answers as an unknown one, and its author hears nothing.
    if (parent !== null) {
      const replied = await this.ctx.loaders.commentById.load(parent);
      if (replied && !(await this.canSeeComment(replied))) throw notFound('Comment replied to');
    }
    const clientKey = idempotencyKey == null ? null : requireText(idempotencyKey, 'idempotencyKey', { min: 1, max: LIMITS.idempotencyKey });
    const modState = note.groupId ? await this.ctx.groups.checkPost(note.groupId, clean) : null;
    const mentions = modState ? [] : mentionedHandles(clean).filter((h) => h.toLowerCase() !== viewer.handle.toLowerCase());
    const result = await this.repo.comment({
      modState: modState?.state ?? null,
      userId: viewer.id,
      noteId: note.id,
      noteAuthorId: note.authorId,
      id: randomUUID(),
      text: clean,
      replyTo: parent,
      clientKey,
      mentions,
      now: Date.now(),
    });
    if (result.created && modState && note.groupId) {
      await this.ctx.moderation.hold('COMMENT', result.id, note.groupId, viewer.id, modState.matched);
    } else if (result.created) {
      this.ctx.notifications.published(result.notifications);
      this.activity({ kind: 'COMMENT_ADDED', noteId: note.id, commentId: result.id, commentCount: result.commentCount! });
      if (note.groupId) this.ctx.groups.publishActivity(note.groupId, 'COMMENT_ADDED', { actorId: viewer.id, noteId: note.id, commentId: result.id });
    }
    const comment = await this.ctx.loaders.commentById.load(result.id);
    if (!comment) throw notFound('Comment');
    return comment;
  }

  /** The comment's author or the note's author may delete it. */
  async deleteComment(id: string): Promise<boolean> {
    const viewer = await this.ctx.requireViewer();
    const comment = await this.ctx.loaders.commentById.load(requireId(id, 'id'));
    if (!comment || comment.deletedAt !== null) throw notFound('Comment');
    const note = await this.ctx.loaders.noteById.load(comment.noteId);
    if (comment.authorId !== viewer.id && note?.authorId !== viewer.id) {
      if (!(await this.canSeeComment(comment))) throw notFound('Comment');
      throw forbidden("Only the comment's author or the note's author can delete it");
    }
    const result = await this.repo.deleteComment(comment.id, comment.noteId, Date.now());
    if (!result) throw notFound('Comment');
    this.activity({ kind: 'COMMENT_DELETED', noteId: comment.noteId, commentId: comment.id, commentCount: result.commentCount });
    return true;
  }

  async comments(note: NoteRecord, parentId: string | null, first?: number | null, after?: string | null) {
    const { limit, after: position } = pageRequest(first, after, 50);
    const viewerId = await this.ctx.viewerId();
    const page = toPage(await this.repo.commentsPage(note.id, parentId, viewerId, positionOf(position), limit + 1), limit);
    // The page query brought each comment and its author: the loaders need no round trip of their own.
    for (const row of page.items) {
      this.ctx.loaders.commentById.prime(row.id, row.comment);
      this.ctx.loaders.userById.prime(row.author.id, row.author);
      // What the visibility guard asks of each comment's author: no round trip of its own.
      if (viewerId && row.relation) this.ctx.loaders.relationToViewer.prime(row.author.id, row.relation);
    }
    const comments = await this.ctx.loaders.commentById.loadMany(page.items.map((i) => i.id));
    const edges = page.items.flatMap((item, i) => {
      const comment = comments[i];
      return comment && !(comment instanceof Error) ? [{ cursor: encodeCursor({ k: item.key, id: item.id }), node: comment }] : [];
    });
    return connectionOf(edges, page.hasNextPage, () => this.repo.countComments(note.id, parentId, viewerId));
  }

  async recordView(noteId: string): Promise<NoteRecord> {
    const viewer = await this.ctx.requireViewer();
    const note = await this.noteToActOn(noteId);
    await this.repo.recordView(viewer.id, note.id, Date.now());
    return this.reloadNote(note.id);
  }

  async hotTopics(window: TrendWindow, first: number) {
    const limit = requireIntInRange(first, 'first', 1, 50);
    // The same for every viewer and costly to count: served from a cache for 30 seconds.
    const rows = await cachesOf(this.ctx.deps).hotTopics.get(`${window}:${limit}`, () => this.repo.hotTopics(Date.now() - TREND_WINDOW_MS[window], limit));
    return rows.map((r) => ({ topic: { name: r.name }, score: r.score, noteCount: r.noteCount }));
  }

  topicName(topic: string): string {
    return normaliseTopic(topic, 'topic');
  }

  /** Live activity on one note, while the viewer can still see it. */
  async noteActivity(noteId: string): Promise<AsyncIterable<NoteActivityEvent>> {
    const id = requireId(noteId, 'noteId');
    const note = await this.visibleNote(id);
    if (!note) throw notFound('Note');
    // A group note's stream is re-checked at once when the group's access changes (live guard).
    if (note.groupId) {
      const groupId = note.groupId;
      this.ctx.live.watchGroup(groupId, () => this.ctx.groups.canFollowLive(groupId));
    }
    return transform(this.ctx.deps.events.pubsub.subscribe('NOTE_ACTIVITY', id), async (event) => {
      this.ctx.resetLoaders();
      if (!(await this.visibleNote(id))) return END;
      // A comment the viewer may not see (its author is in a block with them, it is held or
      // removed) is not news to them: the event is skipped, not delivered without its comment.
      if (event.kind !== 'LIKE_COUNT_CHANGED') {
        const comment = await this.ctx.loaders.commentById.load(event.commentId);
        if (!comment || !(await this.canSeeComment(comment))) return SKIP;
      }
      return event;
    });
  }

  /** A note a moderator approved out of pre-moderation sends the mentions it held back. */
  async publishApprovedNote(noteId: string): Promise<void> {
    this.ctx.loaders.noteById.clear(noteId);
    const note = await this.ctx.loaders.noteById.load(noteId);
    if (!note || note.deletedAt !== null || note.modState) return;
    const author = await this.ctx.loaders.userById.load(note.authorId);
    const mentions = mentionedHandles(note.title, note.body).filter((h) => h.toLowerCase() !== author?.handle.toLowerCase());
    this.ctx.notifications.published(await this.repo.publishedNote(note.id, note.authorId, mentions, Date.now()));
  }

  /**
   * A comment a moderator approved out of pre-moderation is published now: the notifications and
   * live events a comment sends when it is posted, which were held with it.
   */
  async publishApprovedComment(commentId: string): Promise<void> {
    this.ctx.loaders.commentById.clear(commentId);
    const comment = await this.ctx.loaders.commentById.load(commentId);
    if (!comment || comment.deletedAt !== null || comment.modState) return;
    const commenter = await this.ctx.loaders.userById.load(comment.authorId);
    const mentions = mentionedHandles(comment.text).filter((h) => h.toLowerCase() !== commenter?.handle.toLowerCase());
    const published = await this.repo.publishedComment(comment.id, mentions, Date.now());
    if (!published) return;
    this.ctx.notifications.published(published.notifications);
    this.activity({ kind: 'COMMENT_ADDED', noteId: published.noteId, commentId: comment.id, commentCount: published.commentCount });
    const note = await this.ctx.loaders.noteById.load(published.noteId);
    if (note?.groupId) this.ctx.groups.publishActivity(note.groupId, 'COMMENT_ADDED', { actorId: published.commenterId, noteId: note.id, commentId: comment.id });
  }

  private activity(event: NoteActivityEvent): void {
    this.ctx.deps.events.pubsub.publish('NOTE_ACTIVITY', event.noteId, event);
  }

  /**
   * Hydrates note ids into a connection, dropping what the viewer may not see: the hydrate and
   * rules steps shared by every list of notes.
   */
  async present(items: KeyedId[], hasNextPage: boolean, count: number | (() => Promise<number>)) {
    const notes = await Promise.all(items.map((item) => this.visibleNote(item.id)));
    const edges = items.flatMap((item, i) => {
      const note = notes[i];
      return note ? [{ cursor: encodeCursor({ k: item.key, id: item.id }), node: note, reason: null, score: null }] : [];
    });
    const last = items[items.length - 1];
    return connectionOf(edges, hasNextPage, count, last ? encodeCursor({ k: last.key, id: last.id }) : null);
  }
}
