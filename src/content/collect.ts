import { notFound } from '../common/errors';
import { inTx } from '../db/in-tx';
import type { AfterCommit } from '../events/after-commit';
import { NotificationRepository } from '../notifications/repository';
import { NotificationType } from '../notifications/types';
import type { Scope } from '../accounts/scope';
import { PointsLedger } from '../points/ledger';
import { PointAction } from '../points/rules';
import { collectSourceKey } from '../points/sources';
import { ContentRepository } from './repository';

/**
 * Collect a note into one of the viewer's collections (`collectionId`), or into their default one
 * (null: made with `newCollectionId` if they have none). The first collect of the note notifies
 * its author and pays them its points (not for one's own note) in the same transaction; returns
 * what to announce after commit.
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
  const { notified, events } = await scope.db.writeTx(async (tx) => {
    const t = { content: inTx(tx, ContentRepository), notifications: inTx(tx, NotificationRepository) };
    if (!(await t.content.lockCollector(userId, noteId))) throw notFound('Note', 'noteId');
    let target = collectionId;
    if (target === null) target = await t.content.ensureDefaultCollection(userId, newCollectionId, now);
    else if (!(await t.content.ownsCollection(userId, target))) throw notFound('Collection', 'collectionId');
    const row = await t.content.collectInto(userId, noteId, target, now);
    if (!row.firstCollect) return { notified: [], events: [] };
    const paid = authorId === userId ? [] : [{ userId: authorId, action: PointAction.COLLECT_RECEIVED, sourceKey: collectSourceKey(noteId, userId) }];
    const settled = await PointsLedger.apply(tx, { awards: paid }, now);
    return { notified: await t.notifications.createAboutNote(authorId, NotificationType.NOTE_COLLECTED, { actorId: userId, noteId, now }), events: settled.events };
  });
  return [{ to: 'notifications', created: notified }, ...events];
}
