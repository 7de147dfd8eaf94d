import { forbidden } from './errors';

/**
 * The staff checks every feature shares. common/ imports no feature, so a user is seen only by its
 * role, named as the accounts module's Role enum spells it ('ADMIN', 'GROWTH').
 */
interface WithRole {
  role: string;
}

interface Person extends WithRole {
  id: string;
}

/** Growth-team staff and admins: who may see other people's referral and sales data. */
export const STAFF_ROLES: readonly string[] = ['ADMIN', 'GROWTH'];

export const isAdmin = (user: WithRole) => user.role === 'ADMIN';
export const isStaff = (user: WithRole) => STAFF_ROLES.includes(user.role);

/** The user's own data, or anyone's for staff; data owned by no one (a null owner) is staff's only. */
export const isSelfOrStaff = (user: Person, ownerId: string | null) => user.id === ownerId || isStaff(user);

export function requireRole(user: WithRole, roles: readonly string[], message: string): void {
  if (!roles.includes(user.role)) throw forbidden(message);
}

export function requireSelfOrStaff(user: Person, ownerId: string | null, message: string): void {
  if (!isSelfOrStaff(user, ownerId)) throw forbidden(message);
}

export function requireAdmin(user: WithRole): void {
  requireRole(user, ['ADMIN'], 'Only admins can do this');
}

export function requireStaff(user: WithRole, message = 'Only growth-team staff and admins can see this'): void {
  requireRole(user, STAFF_ROLES, message);
}
