import { notFound } from '../common/errors';
import { claimIdempotencyKey } from '../db/idempotency';
import { inTx, type InTx } from '../db/in-tx';
import type { AfterCommit } from '../events/after-commit';
import { NotificationRepository, type CreatedNotification, type NoteNotification } from '../notifications/repository';
import { NotificationType } from '../notifications/types';
import type { Scope } from '../accounts/scope';
import { ContentRepository } from './repository';
import type { NoteRecord } from './types';
import type { GroupLevelRightsCheck } from '../groups/access';

export interface NewComment {
  userId: string;
  id: string;
  text: string;
  replyTo: string | null;
  clientKey: string | null;
  /** Handles the comment mentions (not the commenter's own). */
  mentions: string[];
  /** Set when the group's pre-moderation holds the comment. */
  modState: string | null;
}

/**
 * Comment on a note, or reply to one of its comments: the comment and its notifications (the
 * note's author, the replied-to comment's author, the mentioned) commit together. A retry with the
 * same client key and the same comment answers the comment the first call made (`created: false`,
 * nothing announced); the same key with another comment is IDEMPOTENCY_KEY_REUSED.
 * A comment held by pre-moderation notifies nobody; `publishApprovedComment` does once it is
 * approved; the hold is dropped, in this transaction and under the group's lock, for a member whose
 * level posts without pre-moderation. Returns what to announce after commit and whether it is held.
 */
export async function comment(scope: Scope, note: NoteRecord, input: NewComment, levels: Pick<GroupLevelRightsCheck, 'holdUnderLock'>): Promise<{ id: string; created: boolean; held: boolean; events: AfterCommit[] }> {
  const now = Date.now();
  const done = await scope.db.writeTx(async (tx) => {
    const t = { content: inTx(tx, ContentRepository), notifications: inTx(tx, NotificationRepository) };
    const lock = await t.content.lockAuthor(input.userId, input.clientKey, 'Comment');
    const claim = input.clientKey === null ? null : await claimIdempotencyKey(tx, { actorId: input.userId, operation: 'comment', key: input.clientKey, input: { noteId: note.id, text: input.text, replyTo: input.replyTo } });
    if (claim && !claim.fresh) return { id: claim.resultId, created: false as const, held: false };
    // A comment its key made before keys were claimed: the key now claims it.
    if (lock?.existingId) {
      await claim?.complete(lock.existingId);
      return { id: lock.existingId, created: false as const, held: false };
    }
    if (!(await t.content.lockNote(note.id))) throw notFound('Note', 'noteId');
    const { mentions: _mentions, ...fields } = input;
    const modState = note.groupId ? await levels.holdUnderLock(tx, note.groupId, input.userId, input.modState) : input.modState;
    const row = await t.content.insertComment({ ...fields, modState, noteId: note.id, now });
    if (!row) throw notFound('Comment replied to', 'replyToId');
    await claim?.complete(row.id);
    const notified = modState ? [] : await notifyComment(t, { actorId: input.userId, noteId: note.id, commentId: input.id, now }, note.authorId, row.parentAuthorId, input.mentions);
    return { id: row.id, created: true as const, held: modState !== null, commentCount: row.commentCount, notified };
  });
  if (!done.created || done.held) return { id: done.id, created: done.created, held: done.held, events: [] };
  return { id: done.id, created: true, held: false, events: published(note.id, note.groupId, input.userId, done.id, done.commentCount, done.notified) };
}

/**
 * Publish a comment a moderator approved out of pre-moderation: the notifications and live events a
 * comment sends when it is posted, which were held with it. Nothing when it is no longer there to
 * publish (deleted meanwhile, or held again).
 */
export async function publishApprovedComment(scope: Scope, commentId: string, mentions: string[], groupOf: (noteId: string) => Promise<string | null>): Promise<AfterCommit[]> {
  const now = Date.now();
  const done = await scope.db.writeTx(async (tx) => {
    const t = { content: inTx(tx, ContentRepository), notifications: inTx(tx, NotificationRepository) };
    const row = await t.content.commentToPublish(commentId);
    if (!row) return null;
    const notified = await notifyComment(t, { actorId: row.commenterId, noteId: row.noteId, commentId: row.id, now }, row.noteAuthorId, row.parentAuthorId, mentions);
    return { ...row, notified };
  });
  if (!done) return [];
  return published(done.noteId, await groupOf(done.noteId), done.commenterId, commentId, done.commentCount, done.notified);
}

/** The notifications a published comment sends: the note's author, the replied-to comment's author, the mentioned. */
async function notifyComment(
  t: { notifications: InTx<typeof NotificationRepository> },
  cause: { actorId: string; noteId: string; commentId: string; now: number },
  noteAuthorId: string,
  parentAuthorId: string | null,
  mentions: string[],
): Promise<CreatedNotification[]> {
  // The note's author and the replied-to comment's author in one statement.
  const aboutNote: NoteNotification[] = [{ key: 0, recipientId: noteAuthorId, type: NotificationType.NOTE_COMMENTED, ...cause }];
  if (parentAuthorId && parentAuthorId !== noteAuthorId) aboutNote.push({ key: 1, recipientId: parentAuthorId, type: NotificationType.COMMENT_REPLIED, ...cause });
  const created = (await t.notifications.createAboutNotes(aboutNote)).sort((a, b) => a.key - b.key).map(({ id, recipientId, groupId }) => ({ id, recipientId, groupId }));
  return [...created, ...(await t.notifications.notifyMentions(mentions, cause))];
}

/** What a published comment announces: its notifications, the note's live count, the group's activity. */
function published(noteId: string, groupId: string | null, commenterId: string, commentId: string, commentCount: number, notified: CreatedNotification[]): AfterCommit[] {
  const events: AfterCommit[] = [
    { to: 'notifications', created: notified },
    { to: 'note', event: { kind: 'COMMENT_ADDED', noteId, commentId, commentCount } },
  ];
  if (groupId) events.push({ to: 'group', groupId, kind: 'COMMENT_ADDED', fields: { actorId: commenterId, noteId, commentId } });
  return events;
}
