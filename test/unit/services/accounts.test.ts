import { AccountService } from '../../../src/accounts/service';
import { createLimits } from '../../../src/accounts/limits';
import { hashPassword } from '../../../src/accounts/passwords';
import { loadConfig } from '../../../src/config';
import type { AccountRepository, Credentials, NewSession, OpenedSession } from '../../../src/accounts/repository';
import type { UserRecord } from '../../../src/accounts/types';
import { asRepository, codeOf, provideUsers, RecordingBus, scopeFor, unused, user } from './fakes';

const PASSWORD = 'correct horse battery staple';
// The cheapest bcrypt cost the config allows: these tests are about the limits, not the hashing.
const config = loadConfig({ BCRYPT_COST: '4', JWT_SECRET: 'k'.repeat(32), LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_ATTEMPTS_PER_IP: '30' });

/** One account's credentials and the sessions logging in opens. */
class FakeAccounts implements Pick<AccountRepository, 'credentialsByLogin' | 'openSession' | 'recordEvent'> {
  opened: NewSession[] = [];
  /** The failed sign-ins recorded (security events). */
  failures = 0;
  evictOnNextOpen: string[] = [];

  constructor(readonly credentials: Credentials) {}

  async credentialsByLogin(login: string) {
    return login === this.credentials.handle || login === this.credentials.email ? this.credentials : null;
  }
  async recordEvent(): Promise<void> {
    this.failures++;
  }
  async openSession(userId: string, session: NewSession): Promise<OpenedSession> {
    this.opened.push(session);
    const evicted = this.evictOnNextOpen;
    this.evictOnNextOpen = [];
    return { id: session.id, passwordVersion: this.credentials.passwordVersion, evicted };
  }
}

/** These accounts have no second step: logIn never asks for one here. */
const NO_TWO_FACTOR = {
  challenge: () => Promise.reject(new Error('no account here has two-factor sign-in')),
  complete: () => Promise.reject(new Error('no account here has two-factor sign-in')),
};

async function setUp(configured = config) {
  const member: UserRecord = user({ handle: 'member', email: 'member@example.com' });
  const accounts = new FakeAccounts({ id: member.id, handle: member.handle, email: member.email, passwordHash: await hashPassword(PASSWORD, 4), passwordVersion: 1, deletionDueAt: null });
  const bus = new RecordingBus();
  const service = new AccountService({ repo: () => asRepository<AccountRepository>(accounts), config: configured, invalidation: bus.invalidation, limits: createLimits(configured), referral: { publish: () => undefined }, twoFactor: NO_TWO_FACTOR, deletions: unused('deletions') });
  /** One login request, from `ip`: its outcome's error code, or 'resolved'. */
  const logIn = (login: string, password: string, ip = '203.0.113.7') => {
    const scope = scopeFor(null, { ip });
    provideUsers(scope, [member]);
    return codeOf(service.logIn(scope, { login, password }));
  };
  return { member, accounts, bus, logIn };
}

describe('logging in, and its limits', () => {
  test("five wrong passwords use up the account's allowance: the sixth attempt is refused even with the right password", async () => {
    const { logIn, accounts } = await setUp();
    for (let i = 0; i < 5; i++) expect(await logIn('member', 'wrong password')).toBe('INVALID_CREDENTIALS');
    expect(await logIn('member', PASSWORD)).toBe('RATE_LIMITED');
    expect(accounts.opened).toHaveLength(0);
  });

  test("the account's handle and its email share one allowance", async () => {
    const { logIn } = await setUp();
    for (let i = 0; i < 3; i++) expect(await logIn('member', 'wrong password')).toBe('INVALID_CREDENTIALS');
    for (let i = 0; i < 2; i++) expect(await logIn('MEMBER@example.com', 'wrong password')).toBe('INVALID_CREDENTIALS');
    expect(await logIn('member@example.com', PASSWORD)).toBe('RATE_LIMITED');
  });

  test('a successful login gives its own attempt back but leaves the earlier failures counted', async () => {
    const { logIn, accounts } = await setUp();
    for (let i = 0; i < 4; i++) await logIn('member', 'wrong password');
    expect(await logIn('member', PASSWORD)).toBe('resolved');
    expect(accounts.opened).toHaveLength(1);
    // Four failures still count: one more is allowed, then none.
    expect(await logIn('member', 'wrong password')).toBe('INVALID_CREDENTIALS');
    expect(await logIn('member', PASSWORD)).toBe('RATE_LIMITED');
  });

  test('of ten guesses sent at once, only the allowance reaches the password check; the rest are refused', async () => {
    const { logIn } = await setUp();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => logIn('member', 'wrong password')));
    expect(outcomes.filter((o) => o === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(5);
  });

  test("guesses at a login that names no account are limited on their own, not against someone's account", async () => {
    const { logIn } = await setUp();
    for (let i = 0; i < 5; i++) expect(await logIn('nobody_here', 'wrong password')).toBe('INVALID_CREDENTIALS');
    expect(await logIn('nobody_here', 'wrong password')).toBe('RATE_LIMITED');
    expect(await logIn('member', PASSWORD)).toBe('resolved');
  });

  test('one address may try only so many logins, whichever accounts they name', async () => {
    const { logIn } = await setUp(loadConfig({ BCRYPT_COST: '4', JWT_SECRET: 'k'.repeat(32), LOGIN_MAX_ATTEMPTS_PER_IP: '3' }));
    expect(await logIn('member', PASSWORD, '198.51.100.1')).toBe('resolved');
    expect(await logIn('someone_else', 'wrong password', '198.51.100.1')).toBe('INVALID_CREDENTIALS');
    expect(await logIn('another_one', 'wrong password', '198.51.100.1')).toBe('INVALID_CREDENTIALS');
    expect(await logIn('member', PASSWORD, '198.51.100.1')).toBe('RATE_LIMITED');
    expect(await logIn('member', PASSWORD, '198.51.100.2')).toBe('resolved');
  });

  test('sessions a new login evicts (past the per-user cap) are told, at once, that they were revoked', async () => {
    const { logIn, accounts, bus, member } = await setUp();
    accounts.evictOnNextOpen = ['old-session'];
    expect(await logIn('member', PASSWORD)).toBe('resolved');
    expect(bus.of('SESSION_REVOKED')).toEqual([[{ userId: member.id, reason: 'TOO_MANY_SESSIONS', sessionIds: ['old-session'], passwordVersion: null }]]);
    expect(await logIn('member', PASSWORD)).toBe('resolved');
    expect(bus.of('SESSION_REVOKED')).toHaveLength(1);
  });
});
