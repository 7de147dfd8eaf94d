import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { logInCode, signUp, SIGN_UP } from '../helpers/people';
import * as passwords from '../../src/accounts/passwords';
import { UserEmailDocument, UserFieldNamesDocument } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
});
afterAll(() => t.close());

const ME = `query { me { id handle displayName email bio avatarUrl interests followerCount followingCount } }`;
const LOG_IN = `mutation($login: String!, $password: String!) { logIn(input: { login: $login, password: $password }) { token user { id handle } userErrors { field code message } } }`;
type LogInResult = { logIn: { userErrors: { field: string[] | null; code: string; message: string }[] } };

describe('signing up', () => {
  test('a new user signs up, gets a token and sees themself as me', async () => {
    const mei = await signUp(t, 'mei');
    const data = await t.ok(ME, {}, mei.token);
    expect(data.me).toMatchObject({ id: mei.id, handle: mei.handle, displayName: 'mei', email: mei.email, bio: '', followerCount: 0 });
  });

  test('email and handle are unique ignoring case', async () => {
    const first = await signUp(t, 'lin');
    const sameHandle = await t.gql(SIGN_UP, {
      input: { email: `other_${first.email}`, handle: first.handle.toUpperCase(), displayName: 'x', password: 'long enough pw' },
    });
    expect(sameHandle.data?.signUp).toMatchObject({ user: null, userErrors: [{ code: 'TAKEN', field: ['handle'] }] });
    const sameEmail = await t.gql(SIGN_UP, {
      input: { email: first.email.toUpperCase(), handle: uniqueHandle('lin2'), displayName: 'x', password: 'long enough pw' },
    });
    expect(sameEmail.data?.signUp).toMatchObject({ user: null, userErrors: [{ code: 'TAKEN', field: ['email'] }] });
  });

  test('concurrent sign-ups for one handle create exactly one account', async () => {
    const handle = uniqueHandle('race');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.gql(SIGN_UP, { input: { email: `${handle}${i}@example.com`, handle, displayName: 'race', password: 'long enough pw' } }),
      ),
    );
    expect(results.filter((r) => r.data?.signUp.user).length).toBe(1);
    for (const failed of results.filter((r) => !r.data?.signUp.user)) expect(failed.data?.signUp.userErrors[0]?.code).toBe('TAKEN');
    const { records } = await t.db.driver.executeQuery('MATCH (u:User {handleLower: $h}) RETURN count(u) AS n', { h: handle.toLowerCase() });
    expect(records[0]!.get('n')).toBe(1);
  });

  test.each([
    ['email', { email: 'not-an-email' }],
    ['handle', { handle: 'no spaces allowed' }],
    ['handle', { handle: 'ab' }],
    ['password', { password: 'short' }],
    ['password', { password: 'é'.repeat(40) }],
    ['displayName', { displayName: '   ' }],
    ['displayName', { displayName: 'x'.repeat(51) }],
  ])('bad %s is rejected with an INVALID user error naming it', async (field, override) => {
    const handle = uniqueHandle('bad');
    const input = { email: `${handle}@example.com`, handle, displayName: 'bad', password: 'long enough pw', ...override };
    const result = await t.gql(SIGN_UP, { input });
    expect(result.data?.signUp.userErrors[0]).toMatchObject({ code: 'INVALID', field: [field] });
    const { records } = await t.db.driver.executeQuery('MATCH (u:User {handleLower: $h}) RETURN count(u) AS n', { h: String(input.handle).toLowerCase() });
    expect(records[0]!.get('n')).toBe(0);
  });

  test('the password may not be the handle or the email', async () => {
    const handle = uniqueHandle('same');
    const result = await t.gql(SIGN_UP, { input: { email: `${handle}@example.com`, handle, displayName: 's', password: handle } });
    expect(result.data?.signUp.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['password'] });
  });

  test('the password hash is stored with bcrypt and never exposed', async () => {
    const ana = await signUp(t, 'ana');
    const { records } = await t.db.driver.executeQuery('MATCH (u:User {id: $id}) RETURN u.passwordHash AS h', { id: ana.id });
    expect(records[0]!.get('h')).toMatch(/^\$2[aby]\$04\$/);
    const introspection = await t.ok(UserFieldNamesDocument);
    expect(introspection.__type?.fields?.map((f) => f.name)).not.toContain('passwordHash');
  });
});

describe('logging in', () => {
  test('by email or by handle, case-insensitively', async () => {
    const kai = await signUp(t, 'kai');
    const byEmail = await t.ok(LOG_IN, { login: kai.email.toUpperCase(), password: kai.password });
    const byHandle = await t.ok(LOG_IN, { login: kai.handle, password: kai.password });
    expect(byEmail.logIn.user.id).toBe(kai.id);
    expect(byHandle.logIn.user.id).toBe(kai.id);
    const me = await t.ok(ME, {}, byHandle.logIn.token);
    expect(me.me?.id).toBe(kai.id);
  });

  test('an unknown account and a wrong password get the same error', async () => {
    const zoe = await signUp(t, 'zoe');
    const wrong = await t.gql(LOG_IN, { login: zoe.handle, password: 'not the password' });
    const unknown = await t.gql(LOG_IN, { login: uniqueHandle('nobody'), password: 'not the password' });
    expect(wrong.data?.logIn).toEqual({ token: null, user: null, userErrors: [{ field: null, code: 'INVALID_CREDENTIALS', message: 'Wrong login or password' }] });
    expect(unknown.data).toEqual(wrong.data);
  });

  test('an unknown account still costs a bcrypt comparison, and is refused exactly like a wrong password', async () => {
    const known = await signUp(t, 'decoy');
    const verify = jest.spyOn(passwords, 'verifyPassword');
    try {
      const unknown = await t.gql(LOG_IN, { login: `${uniqueHandle('nobody')}@example.com`, password: 'not the password' });
      // The comparison runs against a real bcrypt hash at the configured cost (4 in tests), and fails.
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0]![1]).toMatch(/^\$2[aby]\$04\$.{53}$/);
      await expect(verify.mock.results[0]!.value).resolves.toBe(false);

      const wrong = await t.gql(LOG_IN, { login: known.email, password: 'not the password' });
      expect(verify).toHaveBeenCalledTimes(2);
      expect(unknown).toEqual(wrong);
      expect((unknown.data as LogInResult | null | undefined)?.logIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');

      // An unknown handle is treated the same as an unknown email.
      await t.gql(LOG_IN, { login: uniqueHandle('nobody'), password: 'not the password' });
      expect(verify).toHaveBeenCalledTimes(3);
    } finally {
      verify.mockRestore();
    }
  });

  test('a login that is neither an email nor a handle is refused as bad input, before any password check', async () => {
    const verify = jest.spyOn(passwords, 'verifyPassword');
    try {
      const result = await t.gql(LOG_IN, { login: `' OR 1=1 //`, password: 'not the password' });
      expect((result.data as LogInResult | null | undefined)?.logIn.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['login'] });
      expect(verify).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
    }
  });

  test('repeated failures on one account are rate-limited, even with the right password', async () => {
    const eve = await signUp(t, 'eve');
    for (let i = 0; i < 3; i++) await t.gql(LOG_IN, { login: eve.handle, password: 'guess guess' });
    const limited = await t.gql(LOG_IN, { login: eve.handle, password: eve.password });
    expect(limited.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions.retryAfterSeconds).toBeGreaterThan(0);
  });

  test('twelve wrong passwords sent at once against the limit of 5: only five are tried, the rest are refused unchecked', async () => {
    const app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' });
    const verify = jest.spyOn(passwords, 'verifyPassword');
    try {
      const kim = await signUp(app, 'par_kim');
      verify.mockClear();
      const codes = await Promise.all(Array.from({ length: 12 }, (_, i) => logInCode(app, kim.handle, `guess number ${i}`)));
      expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
      expect(verify).toHaveBeenCalledTimes(5);
      // Even the right password now waits for the window to end.
      expect((await app.gql(LOG_IN, { login: kim.email, password: kim.password })).errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(verify).toHaveBeenCalledTimes(5);
    } finally {
      verify.mockRestore();
      await app.close();
    }
  });

  test("an account's handle and email share one counter, whatever their case", async () => {
    const ann = await signUp(t, 'share_ann');
    const codeOf = (login: string, password: string) => logInCode(t, login, password);
    // The limit here is 3 failures: one by handle, one by email, one by the upper-cased email.
    expect(await codeOf(ann.handle, 'wrong guess 1')).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(ann.email, 'wrong guess 2')).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(ann.email.toUpperCase(), 'wrong guess 3')).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(ann.handle, ann.password)).toBe('RATE_LIMITED');
    expect(await codeOf(ann.email, ann.password)).toBe('RATE_LIMITED');
  });

  test('a successful login gives its reserved attempt back, and earlier failures still count', async () => {
    const ben = await signUp(t, 'release_ben');
    const codeOf = (password: string) => logInCode(t, ben.handle, password);
    expect(await codeOf('wrong guess 1')).toBe('INVALID_CREDENTIALS');
    expect(await codeOf('wrong guess 2')).toBe('INVALID_CREDENTIALS');
    // Two of three used. Successes do not use any up, however many there are.
    for (let i = 0; i < 4; i++) expect(await codeOf(ben.password)).toBe('OK');
    expect(await codeOf('wrong guess 3')).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(ben.password)).toBe('RATE_LIMITED');
  });

  test('attempts from one IP are rate-limited across accounts', async () => {
    const strict = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '2' });
    try {
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push(await logInCode(strict, uniqueHandle(`ip${i}`), 'whatever pw'));
      }
      expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED']);
    } finally {
      await strict.close();
    }
  });
});

describe('tokens and passwords', () => {
  test('requests without a token, or with a bad one, are anonymous and cannot act', async () => {
    expect((await t.ok(ME)).me).toBeNull();
    const bad = await t.gql(`mutation { updateProfile(input: { bio: "hi" }) { user { id } } }`, {}, 'not.a.token');
    expect(bad.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  test('an expired token is refused', async () => {
    const ivy = await signUp(t, 'ivy');
    const expired = jwt.sign({ pwv: 1, exp: Math.floor(Date.now() / 1000) - 10 }, t.deps.config.jwtSecret, { subject: ivy.id, issuer: 'zhongcao' });
    const result = await t.gql(`mutation { updateProfile(input: { bio: "x" }) { user { id } } }`, {}, expired);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/) });
  });

  test('tampered tokens are refused: alg "none", a wrong signature, someone else\'s subject', async () => {
    const mia = await signUp(t, 'mia');
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = { sub: mia.id, pwv: 1, iss: 'zhongcao', exp: Math.floor(Date.now() / 1000) + 3600 };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const forged = jwt.sign({ pwv: 1 }, 'x'.repeat(40), { subject: mia.id, issuer: 'zhongcao' });
    const [header, , signature] = mia.token.split('.');
    const swapped = `${header}.${b64({ ...claims, sub: crypto.randomUUID() })}.${signature}`;
    for (const token of [none, forged, swapped]) {
      expect((await t.ok(ME, {}, token)).me).toBeNull();
      expect((await t.gql(`mutation { updateProfile(input: { bio: "x" }) { user { id } } }`, {}, token)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  test('changing the password signs out older tokens and the old password stops working', async () => {
    const bo = await signUp(t, 'bo');
    const CHANGE = `mutation($c: String!, $n: String!) { updatePassword(input: { currentPassword: $c, newPassword: $n }) { token userErrors { field code } } }`;
    const wrong = await t.gql(CHANGE, { c: 'wrong password', n: 'a brand new pw' }, bo.token);
    expect(wrong.data?.updatePassword).toEqual({ token: null, userErrors: [{ code: 'INVALID_CREDENTIALS', field: ['currentPassword'] }] });

    const changed = await t.ok(CHANGE, { c: bo.password, n: 'a brand new pw' }, bo.token);
    expect((await t.ok(ME, {}, bo.token)).me).toBeNull();
    expect((await t.ok(ME, {}, changed.updatePassword.token)).me.id).toBe(bo.id);
    expect(await logInCode(t, bo.handle, bo.password)).toBe('INVALID_CREDENTIALS');
    expect((await t.ok(LOG_IN, { login: bo.handle, password: 'a brand new pw' })).logIn.user.id).toBe(bo.id);
  });
});

describe('profiles', () => {
  const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { user { displayName bio avatarUrl interests } userErrors { field code } } }`;

  test('a user fills in their profile and interest topics', async () => {
    const yu = await signUp(t, 'yu');
    const data = await t.ok(
      UPDATE,
      { input: { displayName: '小雨', bio: '种草 everything ✨', avatarUrl: 'https://img.example.com/yu.png', interests: ['Beauty', 'travel', 'beauty'] } },
      yu.token,
    );
    expect(data.updateProfile.user).toEqual({ displayName: '小雨', bio: '种草 everything ✨', avatarUrl: 'https://img.example.com/yu.png', interests: ['beauty', 'travel'] });
    const replaced = await t.ok(UPDATE, { input: { interests: ['food'], avatarUrl: '' } }, yu.token);
    expect(replaced.updateProfile.user).toMatchObject({ interests: ['food'], avatarUrl: null, bio: '种草 everything ✨' });
  });

  test.each([
    ['bio', { bio: 'x'.repeat(501) }],
    ['avatarUrl', { avatarUrl: 'javascript:alert(1)' }],
    ['interests', { interests: ['has space'] }],
    ['interests', { interests: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
  ])('bad %s is rejected and nothing changes', async (field, input) => {
    const jo = await signUp(t, 'jo');
    const result = await t.gql(UPDATE, { input: { displayName: 'changed', ...input } }, jo.token);
    expect(result.data?.updateProfile).toMatchObject({ user: null, userErrors: [{ code: 'INVALID', field: [field] }] });
    expect((await t.ok(ME, {}, jo.token)).me.displayName).toBe('jo');
  });

  test('email is visible only to its owner', async () => {
    const a = await signUp(t, 'pa');
    const b = await signUp(t, 'pb');
    const seen = await t.ok(UserEmailDocument, { id: a.id }, b.token);
    expect(seen.user).toEqual({ handle: a.handle, email: null });
  });
});
