import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * jsonwebtoken turns a string secret into a KeyObject on every call, which showed up in CPU
 * profiles of busy servers; the secret never changes while a process runs, so its key is kept.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  /** Password version: changing the password bumps it and so revokes older tokens. */
  pwv: number;
  /** The session (a (:Session) node of the user) the token belongs to: logging out revokes it. */
  sid: string;
}

/** What a valid token says, with its expiry (seconds since the epoch, as in the JWT). */
export interface VerifiedClaims extends TokenClaims {
  exp: number;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** The expiry a token issued at `now` gets, in ms; the session stored with it expires then too. */
export function tokenExpiry(now: number, ttlSeconds: number): number {
  return (Math.floor(now / 1000) + ttlSeconds) * 1000;
}

export function issueToken(claims: TokenClaims, secret: string, ttlSeconds: number, now = Date.now()): IssuedToken {
  // iat is given, so the expiry is exactly tokenExpiry(now, ttlSeconds).
  const token = jwt.sign({ pwv: claims.pwv, sid: claims.sid, iat: Math.floor(now / 1000) }, keyOf(secret), {
    subject: claims.sub,
    expiresIn: ttlSeconds,
    algorithm: 'HS256',
    issuer: 'zhongcao',
  });
  const { exp } = jwt.decode(token) as { exp: number };
  return { token, expiresAt: new Date(exp * 1000) };
}

export type TokenCheck = { ok: true; claims: VerifiedClaims } | { ok: false; reason: 'expired' | 'invalid' };

const SESSION_ID = /^[0-9a-f-]{36}$/;

export function verifyToken(token: string, secret: string): TokenCheck {
  try {
    const decoded = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'], issuer: 'zhongcao' });
    if (
      typeof decoded === 'string' ||
      typeof decoded.sub !== 'string' ||
      typeof decoded.pwv !== 'number' ||
      typeof decoded.exp !== 'number' ||
      // Tokens from before sessions existed carry no sid: they cannot be logged out, so they do not count.
      typeof decoded.sid !== 'string' ||
      !SESSION_ID.test(decoded.sid)
    ) {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { sub: decoded.sub, pwv: decoded.pwv, sid: decoded.sid, exp: decoded.exp } };
  } catch (error) {
    return { ok: false, reason: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}

/** Accepts "Bearer <token>" (any case) and returns the token, or null when there is none. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}
