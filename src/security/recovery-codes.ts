import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Recovery codes: the way in when the authenticator is lost. Each is 50 random bits written as ten
 * letters and digits ("k7q2m-x9d4t"); a guess succeeds with odds of 2^-50 a try, under the same rate
 * limit as codes, so a fast salted hash is enough (bcrypt's cost protects low-entropy passwords).
 * Only the hashes are stored; the codes are shown once, when made.
 */
export const RECOVERY_CODE_COUNT = 10;
// Crockford's Base32 without the letters people misread (i, l, o, u).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CODE_LENGTH = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(CODE_LENGTH);
    const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A per-user salt, so one user's hashes say nothing about another's. */
export function newRecoverySalt(): string {
  return randomBytes(16).toString('hex');
}

/** The code as a user may type it: any case, with or without the dash or spaces; null when it cannot be one. */
export function normaliseRecoveryCode(code: unknown): string | null {
  if (typeof code !== 'string') return null;
  const bare = code.toLowerCase().replace(/[\s-]+/g, '');
  return bare.length === CODE_LENGTH && [...bare].every((c) => ALPHABET.includes(c)) ? bare : null;
}

export function hashRecoveryCode(salt: string, code: string): string {
  const bare = normaliseRecoveryCode(code) ?? code;
  return createHash('sha256').update(`${salt}:${bare}`).digest('hex');
}

/** Which stored hash `code` matches (compared in constant time), or null. */
export function matchingRecoveryHash(salt: string, hashes: readonly string[], code: string): string | null {
  const candidate = Buffer.from(hashRecoveryCode(salt, code), 'hex');
  let found: string | null = null;
  for (const hash of hashes) {
    const stored = Buffer.from(hash, 'hex');
    if (stored.length === candidate.length && timingSafeEqual(stored, candidate)) found = hash;
  }
  return found;
}
