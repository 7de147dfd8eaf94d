import { forbidden } from './errors';

/**
 * The staff checks every feature shares. common/ imports no feature, so a user is seen only by its
 * role, named as the accounts module's Role enum spells it ('ADMIN', 'GROWTH').
 */
interface WithRole {
  role: string;
}

export const isAdmin = (user: WithRole) => user.role === 'ADMIN';
export const isStaff = (user: WithRole) => user.role === 'ADMIN' || user.role === 'GROWTH';

export function requireAdmin(user: WithRole): void {
  if (!isAdmin(user)) throw forbidden('Only admins can do this');
}

export function requireStaff(user: WithRole): void {
  if (!isStaff(user)) throw forbidden('Only growth-team staff and admins can see this');
}
