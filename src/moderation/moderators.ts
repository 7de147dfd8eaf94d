import { forbidden, notFound } from '../common/errors';
import { isAdmin } from '../common/roles';
import { can, GroupPermission } from '../groups/permissions';
import { groupLoaders } from '../groups/loaders';
import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import type { GroupAccess } from '../groups/access';

/**
 * Moderators of the case's group may act on it; platform admins on any case, and they alone on
 * platform cases (no group). A SECRET group the viewer cannot see answers as `missing` does (an
 * unknown group, case or appeal), never FORBIDDEN, so a queue does not reveal that the group exists.
 * The role is read outside any lock: a write re-checks it under the group's lock.
 */
export async function requireModerator(
  scope: Scope,
  groups: Pick<GroupAccess, 'isVisible'>,
  groupId: string | null,
  missing: () => Error = () => notFound('Group'),
): Promise<UserRecord> {
  const viewer = await scope.requireViewer();
  if (isAdmin(viewer)) return viewer;
  if (!groupId) throw forbidden('Only platform admins handle this queue');
  if (!(await groups.isVisible(scope, groupId))) throw missing();
  const standing = await groupLoaders(scope).standing.load(groupId);
  if (!can(standing.role, GroupPermission.MODERATE_CONTENT)) throw forbidden("Only this group's moderators handle its queue");
  return viewer;
}
