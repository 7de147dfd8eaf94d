import { notFound } from '../common/errors';
import { inTx } from '../db/in-tx';
import type { AfterCommit } from '../events/after-commit';
import { NotificationRepository } from '../notifications/repository';
import { NotificationType } from '../notifications/types';
import type { Scope } from '../accounts/scope';
import { ContentRepository } from './repository';

/**
 * Collect a note into one of the viewer's collections (`collectionId`), or into their default one
 * (null: made with `newCollectionId` if they have none). The first collect of the note notifies
 * its author in the same transaction; returns that notification, to announce after commit.
 */
export async function collect(
  scope: Scope,
  userId: string,
  noteId: string,
  collectionId: string | null,
  authorId: string,
  newCollectionId: string,
): Promise<AfterCommit[]> {
  const now = Date.now();
  const notified = await scope.db.writeTx(async (tx) => {
    const t = { content: inTx(tx, ContentRepository), notifications: inTx(tx, NotificationRepository) };
    if (!(await t.content.lockCollector(userId, noteId))) throw notFound('Note', 'noteId');
    let target = collectionId;
    if (target === null) target = await t.content.ensureDefaultCollection(userId, newCollectionId, now);
    else if (!(await t.content.ownsCollection(userId, target))) throw notFound('Collection', 'collectionId');
    const row = await t.content.collectInto(userId, noteId, target, now);
    return row.firstCollect ? t.notifications.createAboutNote(authorId, NotificationType.NOTE_COLLECTED, { actorId: userId, noteId, now }) : [];
  });
  return [{ to: 'notifications', created: notified }];
}
