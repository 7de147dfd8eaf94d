import { startTestApp, TestApp } from '../helpers/app';
import { logInCode, people, type Person } from '../helpers/people';
import { generate } from 'otplib';
import {
  CompleteTwoFactorLogInDocument,
  ConfirmTwoFactorDocument,
  EnableTwoFactorDocument,
  LogInAttemptDocument,
  PrivacyCancelAccountDeletionDocument,
  PrivacyDeleteAccountDocument,
  PrivacySetConsentDocument,
  SecurityEventsDocument,
  TwoFactorLogInDocument,
} from '../generated/graphql';

/**
 * Account deletion (issue 23 §4), against the real Neo4j: the request (password, sessions ended at
 * once), the grace period, and its two ways back (signing in, cancelAccountDeletion).
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DAY = 24 * 3600_000;

async function scheduled(who: Person): Promise<{ requestedAt: number | null; dueAt: number | null }> {
  const { records } = await t.db.driver.executeQuery('MATCH (u:User {id: $id}) RETURN u.deletionRequestedAt AS requestedAt, u.deletionDueAt AS dueAt', { id: who.id }, { database: t.db.name });
  return records[0]!.toObject() as { requestedAt: number | null; dueAt: number | null };
}

/** Whether a token still acts for its account (a mutation that needs a viewer). */
async function tokenWorks(token: string): Promise<boolean> {
  const result = await t.gql(PrivacySetConsentDocument, { input: { purpose: 'ANALYTICS', isGranted: false } }, token);
  if (result.errors?.[0]?.extensions.code === 'UNAUTHENTICATED') return false;
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return true;
}

async function logIn(who: Person): Promise<string> {
  const { logIn } = await t.ok(LogInAttemptDocument, { login: who.handle, password: who.password });
  return logIn.token!;
}

const deleteAccount = (who: Person, password = who.password, token = who.token) => t.answer(PrivacyDeleteAccountDocument, { input: { password } }, token);
const cancel = (login: string, password: string) => t.answer(PrivacyCancelAccountDeletionDocument, { input: { login, password } });

describe('requesting deletion', () => {
  test('a wrong password is refused and schedules nothing', async () => {
    const { mei } = await people(t, ['mei']);
    const answer = (await deleteAccount(mei, 'not my password')).deleteAccount;
    expect(answer).toEqual({ accountDeletion: null, userErrors: [{ field: ['password'], code: 'INVALID_CREDENTIALS' }] });
    expect(await scheduled(mei)).toEqual({ requestedAt: null, dueAt: null });
    expect(await tokenWorks(mei.token)).toBe(true);
  });

  test('schedules the erasure after the 15-day grace period and ends every session at once', async () => {
    const { lin } = await people(t, ['lin']);
    const phone = await logIn(lin);
    const before = Date.now();
    const { accountDeletion, userErrors } = (await deleteAccount(lin)).deleteAccount;
    expect(userErrors).toEqual([]);
    const requestedAt = Date.parse(accountDeletion!.requestedAt);
    expect(requestedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(accountDeletion!.deletesAt) - requestedAt).toBe(15 * DAY);
    expect(await scheduled(lin)).toEqual({ requestedAt, dueAt: requestedAt + 15 * DAY });
    // The token that asked and the other device's are both void now, not at their expiry.
    expect(await tokenWorks(lin.token)).toBe(false);
    expect(await tokenWorks(phone)).toBe(false);
  });

  test('needs a signed-in viewer', async () => {
    const result = await t.gql(PrivacyDeleteAccountDocument, { input: { password: 'whatever password' } }, null);
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the grace period', () => {
  test('signing in keeps the account: the schedule is gone and the new session works', async () => {
    const { yan } = await people(t, ['yan']);
    await t.ok(PrivacyDeleteAccountDocument, { input: { password: yan.password } }, yan.token);
    expect((await scheduled(yan)).dueAt).not.toBeNull();
    const token = await logIn(yan);
    expect(await scheduled(yan)).toEqual({ requestedAt: null, dueAt: null });
    expect(await tokenWorks(token)).toBe(true);
    // Asking again schedules afresh.
    expect((await deleteAccount(yan, yan.password, token)).deleteAccount.userErrors).toEqual([]);
    expect((await scheduled(yan)).dueAt).not.toBeNull();
  });

  test('cancelAccountDeletion keeps it with the credentials, without signing in; anything else is refused alike', async () => {
    const { zhou, idle } = await people(t, ['zhou', 'idle']);
    await t.ok(PrivacyDeleteAccountDocument, { input: { password: zhou.password } }, zhou.token);
    const refused = { user: null, userErrors: [{ field: null, code: 'INVALID_CREDENTIALS' }] };
    expect((await cancel(zhou.handle, 'not my password')).cancelAccountDeletion).toEqual(refused);
    expect((await scheduled(zhou)).dueAt).not.toBeNull();
    // An account with nothing scheduled, and one that does not exist, answer as a wrong password does.
    expect((await cancel(idle.handle, idle.password)).cancelAccountDeletion).toEqual(refused);
    expect((await cancel('nobody_here_at_all', 'some password')).cancelAccountDeletion).toEqual(refused);

    expect((await cancel(zhou.email, zhou.password)).cancelAccountDeletion).toEqual({ user: { id: zhou.id }, userErrors: [] });
    expect(await scheduled(zhou)).toEqual({ requestedAt: null, dueAt: null });
    // It opened no session: the old token stays void; signing in works.
    expect(await tokenWorks(zhou.token)).toBe(false);
    expect(await tokenWorks(await logIn(zhou))).toBe(true);
  });

  test('once the grace period is over, neither signing in nor cancelling brings the account back', async () => {
    const { fan } = await people(t, ['fan']);
    await t.ok(PrivacyDeleteAccountDocument, { input: { password: fan.password } }, fan.token);
    await t.db.driver.executeQuery('MATCH (u:User {id: $id}) SET u.deletionDueAt = $past', { id: fan.id, past: Date.now() - 1000 }, { database: t.db.name });
    expect(await logInCode(t, fan.handle, fan.password)).toBe('INVALID_CREDENTIALS');
    expect((await cancel(fan.handle, fan.password)).cancelAccountDeletion.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
    expect((await scheduled(fan)).dueAt).not.toBeNull();
  });
});

describe('with two-factor sign-in on', () => {
  /** The code an authenticator app holding `secret` shows `stepsAhead` 30-second steps from now. */
  const codeOf = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

  test('deleting and keeping the account ask for the second factor and use it up; the request and its cancellation are security events', async () => {
    const { ann } = await people(t, ['ann']);
    const { secret } = (await t.ok(EnableTwoFactorDocument, { password: ann.password }, ann.token)).enableTwoFactor;
    const { recoveryCodes } = (await t.ok(ConfirmTwoFactorDocument, { code: await codeOf(secret!) }, ann.token)).confirmTwoFactor;

    // The password alone, or a wrong code, schedules nothing.
    const remove = (code?: string) => t.answer(PrivacyDeleteAccountDocument, { input: { password: ann.password, code } }, ann.token);
    expect((await remove()).deleteAccount).toEqual({ accountDeletion: null, userErrors: [{ field: ['code'], code: 'INVALID_CREDENTIALS' }] });
    expect((await remove('k7q2m-x9d4t')).deleteAccount.userErrors).toEqual([{ field: ['code'], code: 'INVALID_CREDENTIALS' }]);
    expect(await scheduled(ann)).toEqual({ requestedAt: null, dueAt: null });

    // A recovery code works, once: it is used up.
    expect((await remove(recoveryCodes![0])).deleteAccount.userErrors).toEqual([]);
    expect((await scheduled(ann)).dueAt).not.toBeNull();

    // Keeping the account asks for it too.
    const keep = (code?: string) => t.answer(PrivacyCancelAccountDeletionDocument, { input: { login: ann.handle, password: ann.password, code } });
    expect((await keep()).cancelAccountDeletion.userErrors).toEqual([{ field: ['code'], code: 'INVALID_CREDENTIALS' }]);
    expect((await keep(recoveryCodes![0])).cancelAccountDeletion.userErrors).toEqual([{ field: ['code'], code: 'INVALID_CREDENTIALS' }]);
    // (The current step's code went to confirmTwoFactor, and a code works once: the next step's is accepted.)
    expect((await keep(await codeOf(secret!))).cancelAccountDeletion.userErrors).toEqual([{ field: ['code'], code: 'INVALID_CREDENTIALS' }]);
    expect((await keep(await codeOf(secret!, 1))).cancelAccountDeletion).toEqual({ user: { id: ann.id }, userErrors: [] });
    expect(await scheduled(ann)).toEqual({ requestedAt: null, dueAt: null });

    // Signed in again (the request ended every session), ann finds both in her security events.
    const { twoFactorChallenge } = (await t.ok(TwoFactorLogInDocument, { login: ann.handle, password: ann.password })).logIn;
    const { token } = (await t.ok(CompleteTwoFactorLogInDocument, { challenge: twoFactorChallenge!, recoveryCode: recoveryCodes![1] })).completeTwoFactorLogIn;
    const kinds: string[] = (await t.ok(SecurityEventsDocument, { first: 20 }, token)).securityEvents.edges.map((e) => e.node.kind);
    const cancelled = kinds.indexOf('ACCOUNT_DELETION_CANCELLED');
    const requested = kinds.indexOf('ACCOUNT_DELETION_REQUESTED');
    const enabled = kinds.indexOf('TWO_FACTOR_ENABLED');
    expect(cancelled).toBeGreaterThan(-1);
    expect(requested).toBeGreaterThan(cancelled);
    expect(enabled).toBeGreaterThan(requested);
    // The recovery codes used: one to delete, one to sign in.
    expect(kinds.filter((k) => k === 'RECOVERY_CODE_USED')).toHaveLength(2);
  });
});
