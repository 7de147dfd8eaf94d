import { forbidden, notFound } from '../common/errors';
import { isAdmin } from '../common/roles';
import type { Tx } from '../db/database';
import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import { can, GroupPermission } from './permissions';
import { groupLoaders } from './loaders';
import type { GroupRepository, LockedStanding } from './repository';

export function permissionDenied(permission: GroupPermission) {
  return forbidden(`Your role in this group cannot ${permission.toLowerCase().replace(/_/g, ' ')}`);
}

/**
 * Runs a write with the group locked (the user's standing and the actor's role read after the
 * lock), then forgets the group and the viewer's standing this request had read: both may have
 * changed. Role checks belong inside `work`, on `standing.actorRole`: a role read before the lock
 * may be stale by the time of the write.
 */
export async function withGroupLocked<T>(
  scope: Scope,
  repo: (scope: Scope) => GroupRepository,
  groupId: string,
  actorId: string,
  userId: string,
  work: (tx: Tx, standing: LockedStanding) => Promise<T>,
): Promise<T> {
  const result = await repo(scope).withLockedGroup(groupId, actorId, userId, work);
  if (result === null) throw notFound('Group');
  groupLoaders(scope).groupById.clear(groupId);
  groupLoaders(scope).standing.clear(groupId);
  return result;
}

/** The actor's permission, checked on the role read under the lock (platform admins always pass). */
export function requirePermissionUnderLock(standing: LockedStanding, actor: UserRecord, permission: GroupPermission): void {
  if (!can(standing.actorRole, permission) && !isAdmin(actor)) throw permissionDenied(permission);
}
