import { forbidden } from './errors';
import { Role, UserRecord } from '../accounts/types';

export const isAdmin = (user: UserRecord) => user.role === Role.ADMIN;
export const isStaff = (user: UserRecord) => user.role === Role.ADMIN || user.role === Role.GROWTH;

export function requireAdmin(user: UserRecord): void {
  if (!isAdmin(user)) throw forbidden('Only admins can do this');
}

export function requireStaff(user: UserRecord): void {
  if (!isStaff(user)) throw forbidden('Only growth-team staff and admins can see this');
}
