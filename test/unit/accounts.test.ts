import { checkPasswordPolicy } from '../../src/accounts/passwords';
import { issueToken, verifyToken, bearerToken } from '../../src/accounts/tokens';
import { normaliseInterests } from '../../src/accounts/service';
import { RateLimit, RateLimiter } from '../../src/common/rate-limiter';

const account = { handle: 'MeiMei', email: 'mei@example.com' };

describe('password policy', () => {
  test.each([
    ['too short', 'short'],
    ['the handle', 'meimei'.padEnd(6)],
    ['the email', 'MEI@example.com'],
    ['over 72 bytes', '密'.repeat(25)],
  ])('rejects a password that is %s', (_why, password) => {
    expect(() => checkPasswordPolicy(password, 'password', account)).toThrow(/password/);
  });

  test('accepts a long passphrase in any script', () => {
    expect(() => checkPasswordPolicy('种草 is planting grass', 'password', account)).not.toThrow();
  });
});

describe('tokens', () => {
  const secret = 'x'.repeat(32);
  test('carry the user and password version, and verify only with the right secret', () => {
    const { token, expiresAt } = issueToken({ sub: 'u1', pwv: 3 }, secret, 60);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(verifyToken(token, secret)).toEqual({ ok: true, claims: { sub: 'u1', pwv: 3 } });
    expect(verifyToken(token, 'y'.repeat(32))).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken('garbage', secret)).toEqual({ ok: false, reason: 'invalid' });
  });

  test('are read from a Bearer header', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('interest topics', () => {
  test('are lower-cased and de-duplicated, in any script', () => {
    expect(normaliseInterests(['Beauty', ' beauty ', '美妆', 'food'], 'interests')).toEqual(['beauty', '美妆', 'food']);
  });
  test('reject names that are not topics', () => {
    expect(() => normaliseInterests(['#tag'], 'interests')).toThrow(/interests/);
    expect(() => normaliseInterests(Array.from({ length: 21 }, (_, i) => `t${i}`), 'interests')).toThrow(/at most 20/);
  });
});

describe('rate limiter', () => {
  test('allows the limit per window, then refuses with a retry time, then resets', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1000, () => now);
    limiter.consume('ip');
    limiter.consume('ip');
    expect(() => limiter.consume('ip')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: 1 }) }));
    limiter.consume('other');
    now = 1001;
    expect(() => limiter.consume('ip')).not.toThrow();
  });

  test('a shared limit still counts in the instance when its store fails, and says so', async () => {
    const errors: string[] = [];
    const broken = { eval: () => Promise.reject(new Error('connection refused')), del: () => Promise.reject(new Error('connection refused')) };
    const limit = new RateLimit('login-account', 2, 60_000, broken, (e) => errors.push(e.message));
    await limit.consume('mei');
    await limit.consume('mei');
    await expect(limit.consume('mei')).rejects.toMatchObject({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) });
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBe('connection refused');
  });
});
