import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { inTx } from '../db/in-tx';
import type { AfterCommit } from '../events/after-commit';
import { NotificationRepository } from '../notifications/repository';
import { NotificationType } from '../notifications/types';
import type { Scope } from '../accounts/scope';
import { SocialRepository } from './repository';

/**
 * Follow: the follow and, the first time, the followed user's notification commit together in one
 * transaction. Returns what the followed user hears after commit (nothing when they were already
 * followed).
 */
export async function follow(scope: Scope, followerId: string, followeeId: string): Promise<AfterCommit[]> {
  const now = Date.now();
  const outcome = await scope.db.writeTx(async (tx) => {
    const t = { social: inTx(tx, SocialRepository), notifications: inTx(tx, NotificationRepository) };
    const row = await t.social.follow(followerId, followeeId, now);
    if (!row || row.blocked || !row.created) return row;
    return { ...row, notified: await t.notifications.create(followeeId, NotificationType.NEW_FOLLOWER, { actorId: followerId, now }) };
  });
  if (!outcome) throw notFound('User', 'userId');
  if (outcome.blocked) throw badInput('userId', 'you cannot follow this user', UserErrorCode.BLOCKED);
  if (!('notified' in outcome)) return [];
  return [
    { to: 'notifications', created: outcome.notified },
    { to: 'followee', userId: followeeId, event: { followerId, followeeId, followedAt: outcome.followedAt } },
  ];
}
