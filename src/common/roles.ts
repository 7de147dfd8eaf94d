import { AppError, forbidden } from './errors';

/**
 * The staff checks every feature shares. common/ imports no feature, so a user is seen only by its
 * role, named as the accounts module's Role enum spells it ('ADMIN', 'GROWTH').
 */
interface WithRole {
  role: string;
  /** The viewer's role needs two-factor sign-in (REQUIRE_2FA_FOR_ROLES) and they have not turned it on. */
  lacksRequiredTwoFactor?: boolean;
}

/** The one reason every staff check gives a staff member who must first turn on two-factor sign-in. */
export const TWO_FACTOR_REQUIRED = 'TWO_FACTOR_REQUIRED';

const twoFactorRequired = (user: WithRole) =>
  new AppError('FORBIDDEN', `Your role (${user.role}) needs two-factor sign-in for this: turn it on with enableTwoFactor and confirmTwoFactor`, { reason: TWO_FACTOR_REQUIRED });

/** Whether the user holds one of `roles` with what the role needs (two-factor sign-in, where required). */
const holds = (user: WithRole, roles: readonly string[]) => roles.includes(user.role) && !user.lacksRequiredTwoFactor;

interface Person extends WithRole {
  id: string;
}

/** Growth-team staff and admins: who may see other people's referral and sales data. */
export const STAFF_ROLES: readonly string[] = ['ADMIN', 'GROWTH'];

export const isAdmin = (user: WithRole) => holds(user, ['ADMIN']);
export const isStaff = (user: WithRole) => holds(user, STAFF_ROLES);
export const isMerchant = (user: WithRole) => holds(user, ['MERCHANT']);

/** The user's own data, or anyone's for staff; data owned by no one (a null owner) is staff's only. */
export const isSelfOrStaff = (user: Person, ownerId: string | null) => user.id === ownerId || isStaff(user);

/** FORBIDDEN with `message` for other roles, and with reason TWO_FACTOR_REQUIRED for the role without its second factor. */
export function requireRole(user: WithRole, roles: readonly string[], message: string): void {
  if (roles.includes(user.role) && user.lacksRequiredTwoFactor) throw twoFactorRequired(user);
  if (!roles.includes(user.role)) throw forbidden(message);
}

export function requireSelfOrStaff(user: Person, ownerId: string | null, message: string): void {
  if (user.id !== ownerId && STAFF_ROLES.includes(user.role) && user.lacksRequiredTwoFactor) throw twoFactorRequired(user);
  if (!isSelfOrStaff(user, ownerId)) throw forbidden(message);
}

export function requireAdmin(user: WithRole): void {
  requireRole(user, ['ADMIN'], 'Only admins can do this');
}

export function requireStaff(user: WithRole, message = 'Only growth-team staff and admins can see this'): void {
  requireRole(user, STAFF_ROLES, message);
}
