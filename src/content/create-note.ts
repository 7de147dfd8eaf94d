import { notFound } from '../common/errors';
import { claimIdempotencyKey } from '../db/idempotency';
import { inTx } from '../db/in-tx';
import type { AfterCommit } from '../events/after-commit';
import { NotificationRepository } from '../notifications/repository';
import type { Scope } from '../accounts/scope';
import { PointsLedger } from '../points/ledger';
import { PointAction } from '../points/rules';
import { noteSourceKey } from '../points/sources';
import { ContentRepository } from './repository';
import { ReviewRepository } from '../reviews/repository';
import type { NoteDraft } from './rules';
import type { GroupLevelRightsCheck } from '../groups/access';

/**
 * Create a note: the note and its mentions' notifications commit together. A retry with the same
 * client key and the same note answers the note the first call made (`created: false`, nothing
 * announced); the same key with another note is IDEMPOTENCY_KEY_REUSED. Returns the notifications
 * to announce after commit, and whether the note is held: a pre-moderation hold is dropped, in
 * this transaction and under the group's lock, for a member whose level posts without it.
 */
export async function createNote(
  scope: Scope,
  post: { authorId: string; id: string; draft: NoteDraft; mentions: string[]; modState: string | null; isAnnouncement: boolean },
  levels: Pick<GroupLevelRightsCheck, 'holdUnderLock'>,
): Promise<{ id: string; created: boolean; held: boolean; events: AfterCommit[] }> {
  const { authorId, id, draft } = post;
  const now = Date.now();
  return scope.db.writeTx(async (tx) => {
    const t = { content: inTx(tx, ContentRepository), notifications: inTx(tx, NotificationRepository) };
    const lock = await t.content.lockAuthor(authorId, draft.clientKey, 'Note');
    if (!lock) throw notFound('User');
    // The note as validated is what a retry must send again (an announcement's key lives in a space of its own).
    const { clientKey, ...note } = draft;
    const claim = clientKey === null ? null : await claimIdempotencyKey(tx, { actorId: authorId, operation: post.isAnnouncement ? 'postAnnouncement' : 'createNote', key: clientKey, input: note });
    if (claim && !claim.fresh) return { id: claim.resultId, created: false, held: false, events: [] };
    // A note its key made before keys were claimed: the key now claims it.
    if (lock.existingId) {
      await claim?.complete(lock.existingId);
      return { id: lock.existingId, created: false, held: false, events: [] };
    }
    if (draft.productIds.length) {
      const missing = await t.content.missingProduct(draft.productIds);
      if (missing) throw notFound(`Product ${missing}`, 'productIds');
    }
    if (draft.groupId && !(await t.content.groupExists(draft.groupId))) throw notFound('Group', 'groupId');
    const modState = draft.groupId ? await levels.holdUnderLock(tx, draft.groupId, authorId, post.modState) : post.modState;
    await t.content.insertNote(authorId, id, draft, modState, post.isAnnouncement, now);
    if (draft.reviewId && !(await ReviewRepository.showOnNote(tx, authorId, id, draft.reviewId))) throw notFound('Review', 'reviewId');
    await claim?.complete(id);
    const created = await t.notifications.notifyMentions(post.mentions, { actorId: authorId, noteId: id, now });
    // A published note pays its author in this transaction; a held one when it is approved.
    const settled = modState === null && !post.isAnnouncement ? await PointsLedger.apply(tx, { awards: [noteAward(authorId, id)] }, now) : null;
    return { id, created: true, held: modState !== null, events: [{ to: 'notifications', created }, ...(settled?.events ?? [])] };
  });
}

const noteAward = (authorId: string, noteId: string) => ({ userId: authorId, action: PointAction.NOTE_PUBLISHED, sourceKey: noteSourceKey(noteId) });

/**
 * A note a moderator approved out of pre-moderation sends the mentions it held back (notify-mentions
 * skips a note still held), and pays its author for the note (once: its source key is the note).
 */
export async function publishApprovedNote(scope: Scope, note: { id: string; authorId: string; isAnnouncement: boolean | null }, mentions: string[]): Promise<AfterCommit[]> {
  const now = Date.now();
  return scope.db.writeTx(async (tx) => {
    const created = await inTx(tx, NotificationRepository).notifyMentions(mentions, { actorId: note.authorId, noteId: note.id, now });
    const settled = note.isAnnouncement ? null : await PointsLedger.apply(tx, { awards: [noteAward(note.authorId, note.id)] }, now);
    return [{ to: 'notifications', created }, ...(settled?.events ?? [])];
  });
}
