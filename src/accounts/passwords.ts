import bcrypt from 'bcrypt';
import { badInput } from '../common/errors';
import { CONTROL, LONE_SURROGATE } from '../common/validate';

export const PASSWORD_MIN_LENGTH = 8;
/** bcrypt ignores everything after 72 bytes, so longer passwords would silently be truncated. */
export const PASSWORD_MAX_BYTES = 72;

export function checkPasswordPolicy(password: string, field: string, account: { handle: string; email: string }): void {
  if (typeof password !== 'string' || [...password].length < PASSWORD_MIN_LENGTH) {
    throw badInput(field, `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  requirePasswordCharacters(password, field);
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    throw badInput(field, `must be at most ${PASSWORD_MAX_BYTES} bytes`);
  }
  const lowered = password.toLowerCase();
  if (lowered === account.handle.toLowerCase() || lowered === account.email.toLowerCase()) {
    throw badInput(field, 'must not be your handle or email');
  }
}

/**
 * bcrypt reads its input as a C string, so everything after a NUL would be ignored, and a lone
 * surrogate would be hashed as U+FFFD: passwords with either can never be set, nor tried.
 */
export function requirePasswordCharacters(password: string, field: string): void {
  if (CONTROL.test(password) || LONE_SURROGATE.test(password)) throw badInput(field, 'must not contain control characters or broken Unicode');
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/**
 * A hash of a random password at the configured cost: logging in to an unknown account compares
 * against it, so unknown and existing accounts take the same time to reject.
 */
export async function decoyHash(cost: number): Promise<string> {
  return bcrypt.hash(`decoy-${Math.random()}`, cost);
}
