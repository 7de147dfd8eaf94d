import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * TOTP secrets at rest: AES-256-GCM (node:crypto) under TWO_FACTOR_ENCRYPTION_KEY, so a copy of the
 * database (a backup, a dump handed to support) does not hold what makes a user's codes. Each value
 * is `aesgcm:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url), sealed for one user: the user id is
 * the additional authenticated data, so a sealed secret copied onto another account does not open.
 * The key id (the first 8 hex digits of the key's SHA-256) says which key sealed it, so a rotated
 * key (the old one in TWO_FACTOR_ENCRYPTION_KEY_PREVIOUS) still opens what it sealed while every
 * use re-seals under the current one.
 */
const PREFIX = 'aesgcm:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

export class SecretBoxError extends Error {}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);
const aad = (userId: string) => Buffer.from(`two-factor-secret:${userId}`, 'utf8');

export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly byId: Map<string, Buffer>;

  /** `keys[0]` seals; every key opens what it sealed. Each is 32 bytes. */
  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new SecretBoxError('a secret box needs a key');
    for (const key of keys) if (key.length !== SECRET_KEY_BYTES) throw new SecretBoxError(`keys are ${SECRET_KEY_BYTES} bytes`);
    this.current = { id: keyId(keys[0]!), key: keys[0]! };
    this.byId = new Map(keys.map((key) => [keyId(key), key]));
  }

  /** Whether a stored value is sealed (by any key) rather than a plaintext secret from before encryption. */
  static isSealed(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  /** How every value sealed by the current key starts. */
  get currentPrefix(): string {
    return `${PREFIX}${this.current.id}:`;
  }

  /** Whether a stored value should be sealed again: a plaintext secret, or one sealed by a previous key. */
  needsResealing(stored: string): boolean {
    return !stored.startsWith(this.currentPrefix);
  }

  seal(userId: string, secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(userId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.current.id}:${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join(':')}`;
  }

  /**
   * The secret a stored value holds. A plaintext secret (stored before encryption) is returned as it
   * is, for the caller to re-seal; a value sealed for another user, by an unknown key, or altered
   * throws SecretBoxError.
   */
  open(userId: string, stored: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const [id, iv, tag, body, ...rest] = stored.slice(PREFIX.length).split(':');
    const key = id === undefined ? undefined : this.byId.get(id);
    if (!key || iv === undefined || tag === undefined || body === undefined || rest.length > 0) throw new SecretBoxError('sealed by a key this instance does not have, or malformed');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(userId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('does not open: altered, or sealed for another account');
    }
  }
}

/**
 * A key as configured: 64 hex digits or the base64 of 32 bytes. Null when it is neither (the
 * config names the variable in its error).
 */
export function parseSecretKey(raw: string): Buffer | null {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === SECRET_KEY_BYTES ? bytes : null;
  }
  return null;
}

/**
 * Outside production, without TWO_FACTOR_ENCRYPTION_KEY: a fixed key everyone can read here, so a
 * development database's secrets survive restarts. It protects nothing, which is why production
 * refuses to start without a key of its own.
 */
export const DEVELOPMENT_SECRET_KEY = createHash('sha256').update('zhongcao development two-factor key: not secret').digest();
