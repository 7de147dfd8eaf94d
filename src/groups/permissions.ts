/**
 * The group permission matrix, as data and pure functions: who may do what, by role.
 * OWNER > ADMIN > MODERATOR > MEMBER.
 */

export enum GroupRole {
  OWNER = 'OWNER',
  ADMIN = 'ADMIN',
  MODERATOR = 'MODERATOR',
  MEMBER = 'MEMBER',
}

export const RANK: Record<GroupRole, number> = { OWNER: 4, ADMIN: 3, MODERATOR: 2, MEMBER: 1 };

export enum GroupPermission {
  POST = 'POST',
  POST_ANNOUNCEMENT = 'POST_ANNOUNCEMENT',
  CREATE_EVENT = 'CREATE_EVENT',
  INVITE = 'INVITE',
  APPROVE_REQUESTS = 'APPROVE_REQUESTS',
  MODERATE_CONTENT = 'MODERATE_CONTENT',
  MUTE = 'MUTE',
  BAN = 'BAN',
  CHANGE_ROLES = 'CHANGE_ROLES',
  EDIT_GROUP = 'EDIT_GROUP',
  ARCHIVE_GROUP = 'ARCHIVE_GROUP',
  VIEW_STATS = 'VIEW_STATS',
}

/** The lowest role that holds each permission. */
export const MATRIX: Record<GroupPermission, GroupRole> = {
  POST: GroupRole.MEMBER,
  POST_ANNOUNCEMENT: GroupRole.ADMIN,
  CREATE_EVENT: GroupRole.MODERATOR,
  INVITE: GroupRole.MODERATOR,
  APPROVE_REQUESTS: GroupRole.MODERATOR,
  MODERATE_CONTENT: GroupRole.MODERATOR,
  MUTE: GroupRole.MODERATOR,
  BAN: GroupRole.ADMIN,
  CHANGE_ROLES: GroupRole.ADMIN,
  EDIT_GROUP: GroupRole.ADMIN,
  ARCHIVE_GROUP: GroupRole.OWNER,
  VIEW_STATS: GroupRole.MODERATOR,
};

export function can(role: GroupRole | null, permission: GroupPermission): boolean {
  return role !== null && RANK[role] >= RANK[MATRIX[permission]];
}

/** Acting on another member (mute, ban, change role) needs a strictly higher rank than theirs. */
export function outranks(actor: GroupRole | null, target: GroupRole | null): boolean {
  return actor !== null && RANK[actor] > (target === null ? 0 : RANK[target]);
}

/**
 * A role may be given only below the giver's own rank; OWNER moves only through
 * transferOwnership.
 */
export function canAssign(actor: GroupRole | null, from: GroupRole, to: GroupRole): boolean {
  if (!can(actor, GroupPermission.CHANGE_ROLES) || to === GroupRole.OWNER) return false;
  return outranks(actor, from) && outranks(actor, to);
}

export interface Standing {
  role: GroupRole | null;
  mutedUntil: number | null;
  banned: boolean;
  invited: boolean;
  requested: boolean;
}

export type Visibility = 'OPEN' | 'CLOSED' | 'SECRET';

/** Whether the group itself may be seen: SECRET groups exist only for members and invitees. */
export function canSeeGroup(visibility: Visibility, standing: Standing): boolean {
  return visibility !== 'SECRET' || standing.role !== null || standing.invited;
}

/** Whether the group's content may be seen: CLOSED and SECRET content is for members only. */
export function canSeeContent(visibility: Visibility, standing: Standing): boolean {
  return visibility === 'OPEN' ? !standing.banned : standing.role !== null;
}

export function canPost(standing: Standing, now: number): boolean {
  return can(standing.role, GroupPermission.POST) && (standing.mutedUntil === null || standing.mutedUntil <= now);
}

/**
 * What a viewer may do in a group (Group.viewerCan): the role checks the services make, with
 * platform admins passing every one but posting, as requirePermission lets them, and platform
 * staff (admins included) reading statistics, as stats does.
 */
export function groupPermissions(standing: Standing, platform: { admin: boolean; staff: boolean }, now: number) {
  const may = (p: GroupPermission) => platform.admin || can(standing.role, p);
  return {
    post: canPost(standing, now),
    pin: may(GroupPermission.POST_ANNOUNCEMENT),
    moderate: may(GroupPermission.MODERATE_CONTENT),
    invite: may(GroupPermission.INVITE),
    decideJoinRequests: may(GroupPermission.APPROVE_REQUESTS),
    createEvent: may(GroupPermission.CREATE_EVENT),
    mute: may(GroupPermission.MUTE),
    ban: may(GroupPermission.BAN),
    changeRoles: may(GroupPermission.CHANGE_ROLES),
    editSettings: may(GroupPermission.EDIT_GROUP),
    viewStats: platform.staff || can(standing.role, GroupPermission.VIEW_STATS),
    archive: may(GroupPermission.ARCHIVE_GROUP),
  };
}

export type JoinDecision = 'JOIN' | 'REQUEST' | 'ALREADY_MEMBER' | 'BANNED' | 'NOT_FOUND';

/** What joining means: OPEN groups take anyone, CLOSED ones take invitees and requests, SECRET ones only invitees. */
export function joinDecision(visibility: Visibility, standing: Standing): JoinDecision {
  if (standing.role !== null) return 'ALREADY_MEMBER';
  if (visibility === 'SECRET' && !standing.invited) return 'NOT_FOUND';
  if (standing.banned) return 'BANNED';
  if (visibility === 'OPEN' || standing.invited) return 'JOIN';
  return 'REQUEST';
}

/** Only an OWNER hands ownership on (and becomes an ADMIN). */
export function canTransferOwnership(actor: GroupRole | null): boolean {
  return actor === GroupRole.OWNER;
}

export type SanctionKind = 'MUTE' | 'BAN' | 'REMOVE' | 'UNBAN' | 'UNMUTE';

/** Muting needs MUTE, banning and removing need BAN; either only on members below the actor. */
export function canSanction(actor: GroupRole | null, target: GroupRole | null, kind: SanctionKind): boolean {
  const permission = kind === 'MUTE' || kind === 'UNMUTE' ? GroupPermission.MUTE : GroupPermission.BAN;
  return can(actor, permission) && outranks(actor, target);
}
