import { checkPasswordPolicy } from '../../src/accounts/passwords';
import jwt from 'jsonwebtoken';
import { deviceFromUserAgent, deviceLabel, UNKNOWN_DEVICE } from '../../src/accounts/device';
import { issueToken, verifyToken, bearerToken, tokenExpiry } from '../../src/accounts/tokens';
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
  const sid = '0b9c6a1e-5d2f-4c3b-9a8e-7f6d5c4b3a21';
  test('carry the user, password version and session, and verify only with the right secret', () => {
    const now = Date.now();
    const { token, expiresAt } = issueToken({ sub: 'u1', pwv: 3, sid }, secret, 60, now);
    expect(expiresAt.getTime()).toBe(tokenExpiry(now, 60));
    expect(verifyToken(token, secret)).toEqual({ ok: true, claims: { sub: 'u1', pwv: 3, sid, exp: expiresAt.getTime() / 1000 } });
    expect(verifyToken(token, 'y'.repeat(32))).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken('garbage', secret)).toEqual({ ok: false, reason: 'invalid' });
  });

  test('without a session id (issued before sessions existed) are not valid', () => {
    const legacy = jwt.sign({ pwv: 1 }, secret, { subject: 'u1', expiresIn: 60, algorithm: 'HS256', issuer: 'zhongcao' });
    expect(verifyToken(legacy, secret)).toEqual({ ok: false, reason: 'invalid' });
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

describe('device labels', () => {
  test('name the browser and system of a User-Agent', () => {
    expect(deviceFromUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36')).toBe('Chrome on macOS');
    expect(deviceFromUserAgent('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 MicroMessenger/8.0')).toBe('WeChat on Android');
    expect(deviceFromUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox on Windows');
    expect(deviceFromUserAgent('curl/8.5.0')).toBe('curl');
    expect(deviceFromUserAgent('SomeApp/' + 'x'.repeat(100))).toHaveLength(64);
    expect(deviceFromUserAgent(undefined)).toBe(UNKNOWN_DEVICE);
    expect(deviceFromUserAgent('\u0000\u0001')).toBe(UNKNOWN_DEVICE);
  });

  test('a given label is trimmed and validated', () => {
    expect(deviceLabel("  Mei's iPad ", 'curl/8')).toBe("Mei's iPad");
    expect(() => deviceLabel('', null)).toThrow('deviceLabel');
    expect(() => deviceLabel('x'.repeat(65), null)).toThrow('at most 64');
    expect(() => deviceLabel('two\nlines', null)).toThrow('one line');
  });
});
