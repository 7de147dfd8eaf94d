import { unauthenticated } from '../common/errors';
import { RequestScope, type ViewerSource } from '../request/scope';
import type { TokenCheck, VerifiedClaims } from './tokens';
import type { UserRecord } from './types';

/** The request scope as features see it: its viewer is a user, its credentials the checked token. */
export type Scope = RequestScope<UserRecord, TokenCheck | null>;

/** The token's claims when it verified, whether or not its session still counts. */
export function claimsOf(scope: Scope): VerifiedClaims | null {
  return scope.credentials?.ok ? scope.credentials.claims : null;
}

/** The session of the token the request carries, when it verified. */
export function sessionIdOf(scope: Scope): string | null {
  return claimsOf(scope)?.sid ?? null;
}

/** Says why a request has no viewer, for requireViewer. */
export function noViewerError(check: TokenCheck | null): Error {
  if (check && !check.ok && check.reason === 'expired') return unauthenticated('Your session has expired; log in again');
  if (check?.ok) return unauthenticated('Your session has ended (logged out or password changed); log in again');
  if (check) return unauthenticated('Your token is not valid; log in again');
  return unauthenticated();
}

export type AccountViewerSource = ViewerSource<UserRecord, TokenCheck | null>;
