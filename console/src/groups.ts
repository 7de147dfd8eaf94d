import type { ConsoleManagedGroupQuery, GroupRole } from './generated/graphql';

// Shared by the groups page and its member list, which both rank roles; a module of its own keeps
// the two from importing each other.

/** A group the signed-in user manages, as the groups page lists and opens it. */
export type ManagedGroup = NonNullable<ConsoleManagedGroupQuery['group']>;

export type Role = GroupRole;

/** Higher outranks lower: a manager can only assign roles below their own. */
export const ROLE_RANK: Record<Role, number> = { OWNER: 4, ADMIN: 3, MODERATOR: 2, MEMBER: 1 };

/** The roles that may use the console on a group. */
export const MANAGING: Role[] = ['OWNER', 'ADMIN', 'MODERATOR'];
