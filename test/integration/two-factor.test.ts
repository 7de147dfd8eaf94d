import { generate } from 'otplib';
import { startTestApp, TestApp } from '../helpers/app';
import { signUp, type Person } from '../helpers/people';
import { resealStoredSecrets } from '../../src/security/reseal';
import { SecretBox } from '../../src/security/secret-box';
import { ConfirmTwoFactorDocument, CompleteTwoFactorLogInDocument, DisableTwoFactorDocument, EnableTwoFactorDocument, MeDocument, SecurityEventsDocument, TwoFactorLogInDocument } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The code an authenticator app holding `secret` shows `stepsAhead` 30-second steps from now. */
const codeOf = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

/** The clock moving on between two sign-ins in one test: the codes already used stop blocking later steps. */
const forgetUsedSteps = (userId: string) => t.db.scope().write({ name: 'test/forget-steps', text: 'MATCH (u:User {id: $userId}) SET u.twoFactorLastStep = null' }, { userId });

const userNode = async (userId: string) =>
  (await t.db.scope().read({ name: 'test/user-node', text: 'MATCH (u:User {id: $userId}) RETURN properties(u) AS props' }, { userId }))[0]!.props as Record<string, unknown>;

/** Turns two-factor sign-in on for `who` and returns the app's secret and the recovery codes. */
async function enrol(who: Person): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = (await t.ok(EnableTwoFactorDocument, { password: who.password }, who.token)).enableTwoFactor;
  const { recoveryCodes } = (await t.ok(ConfirmTwoFactorDocument, { code: await codeOf(secret!) }, who.token)).confirmTwoFactor;
  await forgetUsedSteps(who.id);
  return { secret: secret!, recoveryCodes: recoveryCodes! };
}

const logIn = async (who: Person, device: string | null = null) => (await t.answer(TwoFactorLogInDocument, { login: who.handle, password: who.password, device }, null)).logIn;
const complete = async (challenge: string, factor: { code?: string; recoveryCode?: string }) => t.gql(CompleteTwoFactorLogInDocument, { challenge, ...factor }, null);
const kinds = async (who: { token: string }) => (await t.ok(SecurityEventsDocument, { first: 50 }, who.token)).securityEvents.edges.map((e) => [e.node.kind, e.node.detail]);

describe('enrolling', () => {
  test('enableTwoFactor asks for the password and returns a secret with its otpauth URI; confirmTwoFactor turns it on with 10 recovery codes', async () => {
    const mei = await signUp(t, 'mei');
    expect((await t.answer(EnableTwoFactorDocument, { password: 'not my password' }, mei.token)).enableTwoFactor).toMatchObject({ secret: null, userErrors: [{ field: ['password'], code: 'INVALID_CREDENTIALS' }] });

    const { secret, otpauthUri } = (await t.ok(EnableTwoFactorDocument, { password: mei.password }, mei.token)).enableTwoFactor;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri!);
    expect([uri.protocol, uri.host, uri.searchParams.get('secret'), uri.searchParams.get('issuer')]).toEqual(['otpauth:', 'totp', secret, 'Zhongcao']);
    expect(decodeURIComponent(uri.pathname)).toBe(`/Zhongcao:${mei.handle}`);

    // Not on yet: a login still gives a token at once.
    expect((await logIn(mei)).token).toBeTruthy();
    const wrong = (await t.answer(ConfirmTwoFactorDocument, { code: (Number(await codeOf(secret!)) ^ 1).toString().padStart(6, '0') }, mei.token)).confirmTwoFactor;
    expect(wrong).toMatchObject({ recoveryCodes: null, userErrors: [{ field: ['code'], code: 'INVALID_CREDENTIALS' }] });

    const confirmed = (await t.ok(ConfirmTwoFactorDocument, { code: await codeOf(secret!) }, mei.token)).confirmTwoFactor;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    expect(confirmed.user?.id).toBe(mei.id);

    // Stored server-side, the codes only as hashes; the waiting secret is gone.
    const stored = JSON.stringify(await userNode(mei.id));
    for (const code of confirmed.recoveryCodes!) expect(stored).not.toContain(code.replace('-', ''));
    expect(stored).not.toContain('twoFactorPendingSecret');

    // On: a second enrolment is refused, and the secret is never shown again.
    expect((await t.answer(EnableTwoFactorDocument, { password: mei.password }, mei.token)).enableTwoFactor).toMatchObject({ secret: null, otpauthUri: null, userErrors: [{ code: 'INVALID_STATE' }] });
    expect((await t.answer(ConfirmTwoFactorDocument, { code: await codeOf(secret!, 1) }, mei.token)).confirmTwoFactor.userErrors[0]?.code).toBe('INVALID_STATE');
    expect((await kinds(mei))[0]).toEqual(['TWO_FACTOR_ENABLED', null]);
  });

  test('confirming with no enrolment waiting is INVALID_STATE', async () => {
    const kai = await signUp(t, 'kai');
    expect((await t.answer(ConfirmTwoFactorDocument, { code: '123456' }, kai.token)).confirmTwoFactor.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
  });
});

describe('logging in with two-factor sign-in on', () => {
  test('logIn returns a short-lived challenge instead of a token; a current code completes it, once', async () => {
    const lin = await signUp(t, 'lin');
    const { secret } = await enrol(lin);
    const first = await logIn(lin, 'Lin’s laptop');
    expect(first).toMatchObject({ token: null, user: null, userErrors: [] });
    expect(first.twoFactorChallenge).toMatch(/^[\w-]{43}$/);
    const ttl = Date.parse(first.twoFactorChallengeExpiresAt!) - Date.now();
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);

    const code = await codeOf(secret);
    const done = (await complete(first.twoFactorChallenge!, { code })).data!.completeTwoFactorLogIn;
    expect(done.user?.id).toBe(lin.id);
    expect((await t.ok(MeDocument, {}, done.token!)).me?.id).toBe(lin.id);

    // The challenge is used up, and so is the code, on a new challenge too.
    expect((await complete(first.twoFactorChallenge!, { code: await codeOf(secret, 1) })).data!.completeTwoFactorLogIn.userErrors).toEqual([expect.objectContaining({ field: ['challenge'], code: 'INVALID_STATE' })]);
    const second = await logIn(lin);
    expect((await complete(second.twoFactorChallenge!, { code })).data!.completeTwoFactorLogIn).toMatchObject({ token: null, userErrors: [{ field: ['code'], code: 'INVALID_CREDENTIALS' }] });
    // The next step's code (one step ahead is within the window) still works on that challenge.
    expect((await complete(second.twoFactorChallenge!, { code: await codeOf(secret, 1) })).data!.completeTwoFactorLogIn.token).toBeTruthy();

    const events = await kinds({ token: done.token! });
    expect(events.slice(0, 3)).toEqual([
      ['LOG_IN', 'with a two-factor code'],
      ['LOG_IN_FAILED', 'wrong two-factor code'],
      ['LOG_IN', 'with a two-factor code'],
    ]);
  });

  test('one code completes only one of two concurrent sign-ins', async () => {
    const ru = await signUp(t, 'ru');
    const { secret } = await enrol(ru);
    const [a, b] = [await logIn(ru), await logIn(ru)];
    const code = await codeOf(secret);
    const results = await Promise.all([complete(a.twoFactorChallenge!, { code }), complete(b.twoFactorChallenge!, { code })]);
    const outcomes = results.map((r) => (r.data!.completeTwoFactorLogIn.token ? 'TOKEN' : r.data!.completeTwoFactorLogIn.userErrors[0]?.code)).sort();
    expect(outcomes).toEqual(['INVALID_CREDENTIALS', 'TOKEN']);
  });

  test('a code two steps away is refused', async () => {
    const bo = await signUp(t, 'bo');
    const { secret } = await enrol(bo);
    const { twoFactorChallenge } = await logIn(bo);
    for (const steps of [-2, 2]) expect((await complete(twoFactorChallenge!, { code: await codeOf(secret, steps) })).data!.completeTwoFactorLogIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
    expect((await complete(twoFactorChallenge!, { code: await codeOf(secret, -1) })).data!.completeTwoFactorLogIn.token).toBeTruthy();
  });

  test('a recovery code signs in once, and is recorded', async () => {
    const ann = await signUp(t, 'ann');
    const { recoveryCodes } = await enrol(ann);
    const used = recoveryCodes[3]!;
    const done = (await complete((await logIn(ann)).twoFactorChallenge!, { recoveryCode: used.toUpperCase() })).data!.completeTwoFactorLogIn;
    expect(done.token).toBeTruthy();
    expect((await complete((await logIn(ann)).twoFactorChallenge!, { recoveryCode: used })).data!.completeTwoFactorLogIn.userErrors).toEqual([expect.objectContaining({ field: ['recoveryCode'], code: 'INVALID_CREDENTIALS' })]);
    const events = await kinds({ token: done.token! });
    expect(events[0]).toEqual(['LOG_IN_FAILED', 'wrong recovery code']);
    // One transaction, one moment: the sign-in and the code it used up.
    expect(events.slice(1, 3)).toEqual(expect.arrayContaining([['LOG_IN', 'with a recovery code'], ['RECOVERY_CODE_USED', 'to sign in; 9 left']]));
    expect(events[3]).toEqual(['TWO_FACTOR_ENABLED', null]);
  });

  test('a challenge takes 5 wrong codes, then the password must be typed again; an expired one is refused', async () => {
    const dee = await signUp(t, 'dee');
    const { secret } = await enrol(dee);
    const { twoFactorChallenge } = await logIn(dee);
    for (let i = 0; i < 5; i++) expect((await complete(twoFactorChallenge!, { code: '000000' })).data!.completeTwoFactorLogIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
    expect((await complete(twoFactorChallenge!, { code: await codeOf(secret) })).data!.completeTwoFactorLogIn.userErrors[0]?.code).toBe('INVALID_STATE');

    const late = (await logIn(dee)).twoFactorChallenge!;
    await t.db.scope().write({ name: 'test/expire', text: 'MATCH (:User {id: $id})-[:HAS_TWO_FACTOR_CHALLENGE]->(c) SET c.expiresAt = 0' }, { id: dee.id });
    expect((await complete(late, { code: await codeOf(secret) })).data!.completeTwoFactorLogIn.userErrors[0]?.code).toBe('INVALID_STATE');
  });

  test('exactly one of code and recoveryCode, each in its shape', async () => {
    const { twoFactorChallenge } = await logIn(await (async () => { const p = await signUp(t, 'eve'); await enrol(p); return p; })());
    for (const [factor, field] of [[{}, 'code'], [{ code: '123456', recoveryCode: 'abcde-fghjk' }, 'recoveryCode'], [{ code: '12ab56' }, 'code'], [{ recoveryCode: 'nope' }, 'recoveryCode']] as const) {
      expect((await complete(twoFactorChallenge!, factor)).data!.completeTwoFactorLogIn.userErrors).toEqual([expect.objectContaining({ field: [field], code: 'INVALID' })]);
    }
  });
});

describe('limits', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
  });
  afterAll(() => strict.close());

  test('wrong codes are rate-limited per account like passwords (a top-level RATE_LIMITED), over several challenges', async () => {
    const guy = await signUp(strict, 'guy');
    const { secret } = (await strict.ok(EnableTwoFactorDocument, { password: guy.password }, guy.token)).enableTwoFactor;
    await strict.ok(ConfirmTwoFactorDocument, { code: await codeOf(secret!) }, guy.token);
    const challenge = async () => (await strict.answer(TwoFactorLogInDocument, { login: guy.handle, password: guy.password, device: null }, null)).logIn.twoFactorChallenge!;
    const attempt = async (c: string, code: string) => {
      const r = await strict.gql(CompleteTwoFactorLogInDocument, { challenge: c, code }, null);
      return r.errors?.[0]?.extensions.code ?? r.data?.completeTwoFactorLogIn.userErrors[0]?.code ?? 'OK';
    };
    const codes = [await attempt(await challenge(), '000000'), await attempt(await challenge(), '000000'), await attempt(await challenge(), '000000'), await attempt(await challenge(), await codeOf(secret!, 1))];
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED']);
  });
});

describe('turning it off', () => {
  test('disableTwoFactor needs the password and a current code; then logIn gives a token at once', async () => {
    const fay = await signUp(t, 'fay');
    const { secret } = await enrol(fay);
    expect((await t.answer(DisableTwoFactorDocument, { password: 'wrong password', code: await codeOf(secret) }, fay.token)).disableTwoFactor.userErrors[0]).toMatchObject({ field: ['password'], code: 'INVALID_CREDENTIALS' });
    expect((await t.answer(DisableTwoFactorDocument, { password: fay.password, code: '000000' }, fay.token)).disableTwoFactor.userErrors[0]).toMatchObject({ field: ['code'], code: 'INVALID_CREDENTIALS' });
    expect((await t.ok(DisableTwoFactorDocument, { password: fay.password, code: await codeOf(secret) }, fay.token)).disableTwoFactor.user?.id).toBe(fay.id);
    expect((await logIn(fay)).token).toBeTruthy();
    expect(Object.keys(await userNode(fay.id)).filter((k) => k.startsWith('twoFactor') && k !== 'twoFactorCheckedAt')).toEqual([]);
    expect((await t.answer(DisableTwoFactorDocument, { password: fay.password, code: await codeOf(secret, 1) }, fay.token)).disableTwoFactor.userErrors[0]?.code).toBe('INVALID_STATE');
    expect((await kinds(fay)).slice(0, 2)).toEqual([['LOG_IN', null], ['TWO_FACTOR_DISABLED', null]]);
  });

  test('a recovery code turns it off when the app is lost', async () => {
    const gus = await signUp(t, 'gus');
    const { recoveryCodes } = await enrol(gus);
    await t.ok(DisableTwoFactorDocument, { password: gus.password, recoveryCode: recoveryCodes[0] }, gus.token);
    expect((await kinds(gus)).slice(0, 2)).toEqual(expect.arrayContaining([['TWO_FACTOR_DISABLED', null], ['RECOVERY_CODE_USED', 'to turn two-factor sign-in off']]));
  });
});

describe('the secret at rest', () => {
  const PLAIN = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const storePlaintextSecret = (userId: string) =>
    t.db.scope().write(
      { name: 'test/plaintext-secret', text: 'MATCH (u:User {id: $userId}) SET u.twoFactorSecret = $secret, u.twoFactorEnabledAt = timestamp(), u.twoFactorRecoverySalt = "00", u.twoFactorRecoveryHashes = []' },
      { userId, secret: PLAIN },
    );

  test('the stored property is the secret sealed with AES-256-GCM, not the secret, and signing in still works', async () => {
    const lin = await signUp(t, 'lin');
    const { secret: pending } = (await t.ok(EnableTwoFactorDocument, { password: lin.password }, lin.token)).enableTwoFactor;
    const waiting = String((await userNode(lin.id)).twoFactorPendingSecret);
    expect(waiting).toMatch(/^aesgcm:v1:[0-9a-f]{8}:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(waiting).not.toContain(pending!);
    await t.ok(ConfirmTwoFactorDocument, { code: await codeOf(pending!) }, lin.token);
    await forgetUsedSteps(lin.id);

    const stored = await userNode(lin.id);
    expect(String(stored.twoFactorSecret)).toMatch(/^aesgcm:v1:/);
    expect(JSON.stringify(stored)).not.toContain(pending!);
    const { twoFactorChallenge } = await logIn(lin);
    expect((await complete(twoFactorChallenge!, { code: await codeOf(pending!) })).data!.completeTwoFactorLogIn.token).toBeTruthy();
  });

  test('a sealed secret copied onto another account does not open there', async () => {
    const [owner, other] = [await signUp(t, 'owner'), await signUp(t, 'thief')];
    const { secret } = await enrol(owner);
    await t.db.scope().write(
      { name: 'test/copy-secret', text: 'MATCH (a:User {id: $from}), (b:User {id: $to}) SET b.twoFactorSecret = a.twoFactorSecret, b.twoFactorEnabledAt = a.twoFactorEnabledAt, b.twoFactorRecoverySalt = a.twoFactorRecoverySalt, b.twoFactorRecoveryHashes = []' },
      { from: owner.id, to: other.id },
    );
    const { twoFactorChallenge } = await logIn(other);
    const answer = await complete(twoFactorChallenge!, { code: await codeOf(secret) });
    expect(answer.data?.completeTwoFactorLogIn?.token ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });

  test('a secret stored in plaintext before encryption still signs in, and is sealed by that first use', async () => {
    const old = await signUp(t, 'oldtimer');
    await storePlaintextSecret(old.id);
    const { twoFactorChallenge } = await logIn(old);
    expect((await complete(twoFactorChallenge!, { code: await codeOf(PLAIN) })).data!.completeTwoFactorLogIn.token).toBeTruthy();
    const sealed = String((await userNode(old.id)).twoFactorSecret);
    expect(sealed).toMatch(/^aesgcm:v1:/);
    await forgetUsedSteps(old.id);
    const again = await logIn(old);
    expect((await complete(again.twoFactorChallenge!, { code: await codeOf(PLAIN) })).data!.completeTwoFactorLogIn.token).toBeTruthy();
  });

  test('security:seal-secrets seals every plaintext secret at once, and a second run finds none', async () => {
    const box = new SecretBox(t.deps.config.twoFactorEncryptionKeys);
    const old = await signUp(t, 'dormant');
    await storePlaintextSecret(old.id);
    const current = await signUp(t, 'sealed');
    await enrol(current);
    const before = String((await userNode(current.id)).twoFactorSecret);
    // Limited to this test's accounts: the database is shared with other test files.
    const both = [old.id, current.id];
    expect(await resealStoredSecrets(t.db, box, { userIds: both, pageSize: 1 })).toBe(1);
    const sealed = String((await userNode(old.id)).twoFactorSecret);
    expect(box.open(old.id, sealed)).toBe(PLAIN);
    expect((await userNode(current.id)).twoFactorSecret).toBe(before);
    expect(await resealStoredSecrets(t.db, box, { userIds: both })).toBe(0);
    const { twoFactorChallenge } = await logIn(old);
    expect((await complete(twoFactorChallenge!, { code: await codeOf(PLAIN) })).data!.completeTwoFactorLogIn.token).toBeTruthy();
  });
});
