import jwt from 'jsonwebtoken';

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
  const token = jwt.sign({ pwv: claims.pwv }, secret, {
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
    const decoded = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'zhongcao' });
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
