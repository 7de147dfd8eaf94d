import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError, parseSecretKey } from '../../src/security/secret-box';
import { ConfigError, loadConfig } from '../../src/config';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('sealing TOTP secrets (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const box = new SecretBox([key]);

  test('a sealed secret opens for its user, and says nothing of the secret', () => {
    const sealed = box.seal('user-1', SECRET);
    expect(sealed).not.toContain(SECRET);
    expect(box.open('user-1', sealed)).toBe(SECRET);
    // A fresh IV each time: the same secret never seals the same way twice.
    expect(box.seal('user-1', SECRET)).not.toBe(sealed);
  });

  test('it does not open for another user, once altered, or under another key', () => {
    const sealed = box.seal('user-1', SECRET);
    expect(() => box.open('user-2', sealed)).toThrow(SecretBoxError);
    const parts = sealed.split(':');
    const body = Buffer.from(parts[5]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => box.open('user-1', [...parts.slice(0, 5), body.toString('base64url')].join(':'))).toThrow(SecretBoxError);
    expect(() => new SecretBox([randomBytes(32)]).open('user-1', sealed)).toThrow(SecretBoxError);
  });

  test('a plaintext secret from before encryption is returned as it is, to be sealed', () => {
    expect(box.open('user-1', SECRET)).toBe(SECRET);
    expect(box.needsResealing(SECRET)).toBe(true);
    expect(box.needsResealing(box.seal('user-1', SECRET))).toBe(false);
  });

  test('after a rotation the previous key still opens what it sealed, which needs resealing', () => {
    const sealedBefore = box.seal('user-1', SECRET);
    const rotated = new SecretBox([randomBytes(32), key]);
    expect(rotated.open('user-1', sealedBefore)).toBe(SECRET);
    expect(rotated.needsResealing(sealedBefore)).toBe(true);
    expect(rotated.needsResealing(rotated.seal('user-1', SECRET))).toBe(false);
  });

  test('keys are 64 hex digits or the base64 of 32 bytes', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key);
    expect(parseSecretKey('too short')).toBeNull();
    expect(parseSecretKey(randomBytes(16).toString('hex'))).toBeNull();
  });

  test('TWO_FACTOR_ENCRYPTION_KEY is required in production, and checked wherever it is given', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig(production)).toThrow(/^TWO_FACTOR_ENCRYPTION_KEY:/);
    expect(() => loadConfig({ TWO_FACTOR_ENCRYPTION_KEY: 'not a key' })).toThrow(ConfigError);
    expect(() => loadConfig({ TWO_FACTOR_ENCRYPTION_KEY_PREVIOUS: key.toString('hex') })).toThrow(/^TWO_FACTOR_ENCRYPTION_KEY_PREVIOUS:/);
    const current = randomBytes(32);
    expect(loadConfig({ ...production, TWO_FACTOR_ENCRYPTION_KEY: current.toString('hex'), TWO_FACTOR_ENCRYPTION_KEY_PREVIOUS: key.toString('hex') }).twoFactorEncryptionKeys).toEqual([current, key]);
  });
});
