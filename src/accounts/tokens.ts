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
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export function issueToken(claims: TokenClaims, secret: string, ttlSeconds: number): IssuedToken {
  const token = jwt.sign({ pwv: claims.pwv }, keyOf(secret), {
    subject: claims.sub,
    expiresIn: ttlSeconds,
    algorithm: 'HS256',
    issuer: 'zhongcao',
  });
  const { exp } = jwt.decode(token) as { exp: number };
  return { token, expiresAt: new Date(exp * 1000) };
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

export function verifyToken(token: string, secret: string): TokenCheck {
  try {
    const decoded = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'], issuer: 'zhongcao' });
    if (typeof decoded === 'string' || typeof decoded.sub !== 'string' || typeof decoded.pwv !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { sub: decoded.sub, pwv: decoded.pwv } };
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
