import { forbidden, notFound } from '../common/errors';
import { isAdmin } from '../common/roles';
import { requireId, requireIntInRange } from '../common/validate';
import type { AfterCommit } from '../events/after-commit';
import type { InTx } from '../db/in-tx';
import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import { can, canSanction, GroupPermission, SanctionKind } from './permissions';
import { groupLoaders } from './loaders';
import type { GroupRepository, LockedStanding } from './repository';
import type { GroupAccess } from './access';

export const MAX_MUTE_MINUTES = 30 * 24 * 60;

/** A sanction checked as far as it can be before the group's lock. */
export interface SanctionOrder {
  groupId: string;
  target: string;
  actor: UserRecord;
  kind: SanctionKind;
  minutes?: number;
  reason: string;
  now: number;
}

/**
 * Who sanctions whom, in which group. Platform admins act on any group's cases, SECRET ones
 * included; anyone else first has to be able to see the group (an outsider hears NOT_FOUND, as
 * for an unknown id). Nobody sanctions themselves.
 */
export async function sanctionOrder(
  scope: Scope,
  groups: Pick<GroupAccess, 'visibleGroupOrNotFound'>,
  groupId: string,
  userId: string,
  kind: SanctionKind,
  opts: { minutes?: number; reason?: string; actor: UserRecord },
): Promise<SanctionOrder> {
  const actor = opts.actor;
  const id = isAdmin(actor) ? requireId(groupId, 'groupId') : (await groups.visibleGroupOrNotFound(scope, groupId)).group.id;
  if (!(await groupLoaders(scope).groupById.load(id))) throw notFound('Group');
  const target = requireId(userId, 'userId');
  if (target === actor.id) throw forbidden('You cannot sanction yourself');
  return { groupId: id, target, actor, kind, minutes: opts.minutes, reason: opts.reason ?? '', now: Date.now() };
}

/**
 * The sanction itself, in the transaction that holds the group's lock (`standing` was read under
 * it): the actor's role as it is now, so an admin demoted a moment ago can no longer ban.
 * Returns what to announce once the transaction commits.
 */
export async function applySanction(groups: InTx<typeof GroupRepository>, standing: LockedStanding, order: SanctionOrder): Promise<AfterCommit[]> {
  const { groupId, target, actor, kind, now } = order;
  if (!canSanction(standing.actorRole, standing.role, kind) && !isAdmin(actor)) {
    throw forbidden(can(standing.actorRole, kind === 'MUTE' || kind === 'UNMUTE' ? GroupPermission.MUTE : GroupPermission.BAN)
      ? 'You can only act on members below your rank'
      : 'Your role in this group cannot do this');
  }
  switch (kind) {
    case 'MUTE': {
      if (standing.role === null) throw notFound('Member');
      const minutes = requireIntInRange(order.minutes ?? 60, 'durationMinutes', 1, MAX_MUTE_MINUTES);
      await groups.mute(groupId, target, now + minutes * 60_000);
      break;
    }
    case 'UNMUTE':
      await groups.mute(groupId, target, null);
      break;
    case 'BAN':
      if (standing.role !== null) await groups.removeMember(groupId, target, 'BANNED', now);
      await groups.ban(groupId, target, actor.id, order.reason, now);
      break;
    case 'UNBAN':
      await groups.unban(groupId, target);
      break;
    case 'REMOVE':
      if (standing.role === null) throw notFound('Member');
      await groups.removeMember(groupId, target, 'REMOVED', now);
      break;
  }
  return kind === 'BAN' || kind === 'REMOVE' ? [{ to: 'group', groupId, kind: 'MEMBER_LEFT', fields: { actorId: actor.id, subjectUserId: target, detail: kind } }] : [];
}
