import { generate } from 'otplib';
import { acceptedStep, otpauthUri, requireTotpCode, TOTP_PERIOD_SECONDS } from '../../src/security/totp';
import { hashRecoveryCode, matchingRecoveryHash, newRecoveryCodes, newRecoverySalt, normaliseRecoveryCode } from '../../src/security/recovery-codes';

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" (ASCII), 30-second steps, 8 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP codes (RFC 6238)', () => {
  test.each(RFC_VECTORS)('at %i s the 8-digit SHA-1 code is %s, as generated and as accepted', async (seconds, code) => {
    expect(await generate({ secret: RFC_SECRET, epoch: seconds, digits: 8, algorithm: 'sha1', period: TOTP_PERIOD_SECONDS })).toBe(code);
    expect(await acceptedStep(RFC_SECRET, code, seconds * 1000, null, 8)).toBe(Math.floor(seconds / 30));
  });

  test.each(RFC_VECTORS)('at %i s the 6-digit code an app shows (the last six digits of %s) is accepted', async (seconds, code) => {
    expect(await acceptedStep(RFC_SECRET, code.slice(2), seconds * 1000, null)).toBe(Math.floor(seconds / 30));
  });

  test('a code counts one step either side of now, not two', async () => {
    const at = 1111111111; // step 37037037
    const code = '050471';
    expect(await acceptedStep(RFC_SECRET, code, (at - 30) * 1000, null)).toBe(37037037);
    expect(await acceptedStep(RFC_SECRET, code, (at + 30) * 1000, null)).toBe(37037037);
    expect(await acceptedStep(RFC_SECRET, code, (at - 60) * 1000, null)).toBeNull();
    expect(await acceptedStep(RFC_SECRET, code, (at + 60) * 1000, null)).toBeNull();
  });

  test('a code of a step already used, or an earlier one, is refused', async () => {
    expect(await acceptedStep(RFC_SECRET, '050471', 1111111111_000, 37037036)).toBe(37037037);
    expect(await acceptedStep(RFC_SECRET, '050471', 1111111111_000, 37037037)).toBeNull();
    expect(await acceptedStep(RFC_SECRET, '050471', 1111111111_000, 37037038)).toBeNull();
  });

  test('a wrong code is refused', async () => {
    expect(await acceptedStep(RFC_SECRET, '050472', 1111111111_000, null)).toBeNull();
  });

  test('codes are typed as six digits, spaces allowed', () => {
    expect(requireTotpCode('123 456', 'code')).toBe('123456');
    for (const bad of ['12345', '1234567', 'abcdef', '', null]) expect(() => requireTotpCode(bad, 'code')).toThrow('6-digit');
  });

  // The key-URI format's defaults (SHA1, 6 digits, 30 s) are ours, so the URI leaves them out.
  test('the otpauth URI names the issuer, the account and the secret', () => {
    const uri = new URL(otpauthUri(RFC_SECRET, 'mei@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Zhongcao:mei@example.com');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: RFC_SECRET, issuer: 'Zhongcao' });
  });
});

describe('recovery codes', () => {
  test('ten distinct codes of ten characters, shown with a dash', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  test('a code matches its own salted hash however it is typed, and no other', () => {
    const salt = newRecoverySalt();
    const [a, b] = newRecoveryCodes(2) as [string, string];
    const hashes = [hashRecoveryCode(salt, a), hashRecoveryCode(salt, b)];
    expect(matchingRecoveryHash(salt, hashes, a.toUpperCase().replace('-', ' '))).toBe(hashes[0]);
    expect(matchingRecoveryHash(salt, hashes, b)).toBe(hashes[1]);
    expect(matchingRecoveryHash(newRecoverySalt(), hashes, a)).toBeNull();
    expect(hashes[0]).not.toContain(normaliseRecoveryCode(a));
  });

  test('what cannot be a code is not one', () => {
    for (const bad of ['', 'short', 'abcde-fghij-k', 'iiiii-lllll', 42]) expect(normaliseRecoveryCode(bad)).toBeNull();
  });
});
