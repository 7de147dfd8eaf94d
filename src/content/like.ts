import { notFound } from '../common/errors';
import { inTx } from '../db/in-tx';
import type { AfterCommit } from '../events/after-commit';
import { NotificationRepository } from '../notifications/repository';
import { NotificationType } from '../notifications/types';
import type { Scope } from '../accounts/scope';
import { ContentRepository } from './repository';

/**
 * Like a note: the like and, the first time, the author's notification commit together. Returns
 * what is announced after commit: the notification and the note's new like count (nothing when
 * the viewer had already liked it).
 */
export async function like(scope: Scope, userId: string, noteId: string, authorId: string): Promise<AfterCommit[]> {
  const now = Date.now();
  const done = await scope.db.writeTx(async (tx) => {
    const t = { content: inTx(tx, ContentRepository), notifications: inTx(tx, NotificationRepository) };
    const row = await t.content.like(userId, noteId, now);
    if (!row) throw notFound('Note', 'noteId');
    if (!row.created) return null;
    return { likeCount: row.likeCount, notified: await t.notifications.createAboutNote(authorId, NotificationType.NOTE_LIKED, { actorId: userId, noteId, now }) };
  });
  if (!done) return [];
  return [
    { to: 'notifications', created: done.notified },
    { to: 'note', event: { kind: 'LIKE_COUNT_CHANGED', noteId, likeCount: done.likeCount } },
  ];
}
