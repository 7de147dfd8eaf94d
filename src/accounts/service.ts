import { createAccount } from './sign-up';
import { randomUUID } from 'node:crypto';
import { badInput, notFound, unauthenticated, UserFailure } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireEmail, requireHandle, requireId, requireText, requireUrl, HANDLE } from '../common/validate';
import { checkPasswordPolicy, hashPassword, verifyPassword, decoyHash, requirePasswordCharacters } from './passwords';
import { issueToken, IssuedToken, tokenExpiry } from './tokens';
import type { AccountRepository, NewSession, ProfileChanges } from './repository';
import type { SessionRevokedEvent } from '../events/bus';
import { deviceLabel } from './device';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { connectionOf } from '../common/connection';
import { Role } from './types';
import type { SessionRecord, UserRecord } from './types';
import { byIdLoader } from '../common/node';
import type { UpdatePasswordInput, LogInInput, SignUpInput, UpdateProfileInput } from './payloads';
import { requireVisitorId } from '../referral/service';
import { requireAdmin } from '../common/roles';
import { accountLoaders } from './loaders';
import { sessionIdOf } from './scope';
import type { Config } from '../config';
import type { CacheInvalidation } from '../events/invalidation';
import type { ReferralService } from '../referral/service';
import type { AccountLimits } from './limits';
import type { Scope } from './scope';
import { SecurityEventKind } from '../security/events';
import type { IssuedChallenge, SecondFactorInput, TwoFactorService } from '../security/two-factor';
import { AccountRepository as AccountTx } from './repository';
import type { AccountLimits as Limits } from './limits';

export const MAX_INTERESTS = 20;
/** One @ with something either side and no spaces: the shape every stored email has. */
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;
const INTEREST = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,31}$/u;

export interface Session extends IssuedToken {
  user: UserRecord;
}

/** Interest topics are stored lower-cased and de-duplicated, in the order given. */
export function normaliseInterests(values: string[], field: string): string[] {
  if (values.length > MAX_INTERESTS) throw badInput(field, `at most ${MAX_INTERESTS} topics`);
  const seen = new Set<string>();
  for (const raw of values) {
    const topic = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (!INTEREST.test(topic)) throw badInput(field, `"${String(raw).slice(0, 40)}" is not a topic name (letters, digits, - and _, at most 32)`);
    seen.add(topic);
  }
  return [...seen];
}

let decoy: Promise<string> | null = null;

/** Which of the login and the password is wrong is not told, so the failure names no field. */
const wrongCredentials = () => new UserFailure(UserErrorCode.INVALID_CREDENTIALS, null, 'Wrong login or password');

/** The per-account login limit counts by account, whichever of its handle or email is typed. */
const accountKey = (userId: string) => `user:${userId}`;

/** What AccountService needs, named one by one; wired once per process in src/app/services.ts. */
export interface AccountServiceDeps {
  repo: (scope: Scope) => AccountRepository;
  config: Config;
  /** Ends sessions and drops changed accounts from every instance's caches (and live streams). */
  invalidation: Pick<CacheInvalidation, 'sessionsRevoked' | 'usersChanged'>;
  limits: AccountLimits;
  referral: Pick<ReferralService, 'publish'>;
  /** logIn's second step, for accounts with two-factor sign-in on. */
  twoFactor: Pick<TwoFactorService, 'challenge' | 'complete'>;
  /** A sign-in during a deletion's grace period keeps the account (src/privacy/deletion.ts). */
  deletions: { cancelOnSignIn(scope: Scope, userId: string): Promise<boolean> };
}

/**
 * Whether `password` is the user's, under the same per-account allowance as logging in (a stolen
 * session cannot guess it either); INVALID_CREDENTIALS on `field` when it is not.
 */
export function passwordChecker(limits: Pick<Limits, 'loginPerAccount'>, repo: (scope: Scope) => AccountRepository) {
  return async (scope: Scope, userId: string, password: string, field: string): Promise<void> => {
    const credentials = await repo(scope).credentialsById(userId);
    if (!credentials) throw unauthenticated();
    await limits.loginPerAccount.reserve(accountKey(userId));
    if (!(await verifyPassword(password, credentials.passwordHash))) throw badInput(field, 'is not your current password', UserErrorCode.INVALID_CREDENTIALS);
    await limits.loginPerAccount.release(accountKey(userId));
  };
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  /** A token for the session `sessionId`, issued at `now` so that it expires with the stored session. */
  private session(user: UserRecord, sessionId: string, now: number): Session {
    const { config } = this.deps;
    return { user, ...issueToken({ sub: user.id, pwv: user.passwordVersion, sid: sessionId }, config.jwtSecret, config.jwtTtlSeconds, now) };
  }

  private newSession(scope: Scope, givenLabel: string | null | undefined, now: number): NewSession {
    const label = deviceLabel(givenLabel, scope.request.userAgent);
    return { id: randomUUID(), deviceLabel: label, expiresAt: tokenExpiry(now, this.deps.config.jwtTtlSeconds), now };
  }

  /** Tells every instance that these tokens stopped counting, so their live streams end and their cached viewers go at once. */
  private revoked(userId: string, reason: SessionRevokedEvent['reason'], sessionIds: string[], passwordVersion: number | null = null): void {
    if (sessionIds.length === 0 && passwordVersion === null) return;
    this.deps.invalidation.sessionsRevoked({ userId, reason, sessionIds, passwordVersion });
  }

  /** SESSION_REVOKED, from the device that asked (the repository says which sessions ended). */
  private revocationEvent(scope: Scope) {
    return { kind: SecurityEventKind.SESSION_REVOKED, ip: scope.request.ip, deviceLabel: deviceLabel(null, scope.request.userAgent) };
  }

  async signUp(scope: Scope, input: SignUpInput): Promise<Session> {
    const email = requireEmail(input.email, 'email');
    const handle = requireHandle(input.handle, 'handle');
    const displayName = requireText(input.displayName, 'displayName', { min: 1, max: 50 });
    checkPasswordPolicy(input.password, 'password', { handle, email });
    const now = Date.now();
    const session = this.newSession(scope, input.deviceLabel, now);
    await this.deps.limits.signUpPerIp.consume(scope.request.ip);

    const visitorId = input.visitorId == null ? null : requireVisitorId(input.visitorId);
    const { config } = this.deps;
    const passwordHash = await hashPassword(input.password, config.bcryptCost);
    const result = await createAccount(
      scope,
      { id: randomUUID(), email, handle, displayName, passwordHash, now },
      visitorId ? { visitorId, maxSignUpsPerVisitor: config.fraudMaxSignUpsPerVisitor } : null,
      session,
      { kind: SecurityEventKind.LOG_IN, ip: scope.request.ip, deviceLabel: session.deviceLabel, detail: 'sign-up' },
    );
    if ('taken' in result) throw badInput(result.taken, `this ${result.taken} is already taken`, UserErrorCode.TAKEN);
    const user = result.user;
    if (result.invite) {
      this.deps.referral.publish(scope, result.invite.sharerId, { kind: 'SIGN_UP', code: result.invite.code, at: now, userId: user.id, orderId: null });
    }
    return this.session(user, session.id, now);
  }

  /**
   * Unknown accounts and wrong passwords get the same error after the same amount of work, so the
   * response does not reveal which emails and handles exist.
   */
  async logIn(scope: Scope, input: LogInInput): Promise<Session | IssuedChallenge> {
    const login = requireText(input.login, 'login', { min: 1, max: 254 }).toLowerCase();
    // What is neither a handle nor an email names no account, so refusing it reveals nothing about who exists.
    if (!HANDLE.test(login) && !EMAIL_LIKE.test(login)) throw badInput('login', 'must be an email address or a handle');
    if (typeof input.password !== 'string' || input.password.length === 0) throw badInput('password', 'must not be empty');
    requirePasswordCharacters(input.password, 'password');
    const now = Date.now();
    const session = this.newSession(scope, input.deviceLabel, now);
    const { limits, config } = this.deps;
    await limits.loginPerIp.consume(scope.request.ip);

    const credentials = await this.deps.repo(scope).credentialsByLogin(login);
    // The attempt is reserved before bcrypt runs, so parallel guesses cannot all pass the check
    // first; it is counted against the account, so its handle and its email share one allowance.
    // An unknown login has no account: its own string stands in, limited the same way.
    const key = credentials ? accountKey(credentials.id) : `login:${login}`;
    await limits.loginPerAccount.reserve(key);
    decoy ??= decoyHash(config.bcryptCost);
    const ok = await verifyPassword(input.password, credentials?.passwordHash ?? (await decoy));
    if (!credentials) throw wrongCredentials();
    if (!ok) {
      await this.deps.repo(scope).recordEvent(credentials.id, { kind: SecurityEventKind.LOG_IN_FAILED, ip: scope.request.ip, deviceLabel: session.deviceLabel, detail: 'wrong password' });
      throw wrongCredentials();
    }
    // A success is not a failure: give its reservation back. Earlier failures stay counted.
    await limits.loginPerAccount.release(key);
    // An account past its deletion's grace period is as good as gone: the sweep is about to erase it.
    if (credentials.deletionDueAt != null && credentials.deletionDueAt <= now) throw wrongCredentials();
    // Two-factor sign-in: the password was right, and the session waits for completeTwoFactorLogIn.
    if (credentials.hasTwoFactor) return this.deps.twoFactor.challenge(scope, credentials.id, session.deviceLabel, now);
    const opened = await this.deps.repo(scope).openSession(credentials.id, session, { kind: SecurityEventKind.LOG_IN, ip: scope.request.ip, deviceLabel: session.deviceLabel });
    const user = await accountLoaders(scope).userById.load(credentials.id);
    if (!opened || !user) throw wrongCredentials();
    if (credentials.deletionDueAt != null) await this.deps.deletions.cancelOnSignIn(scope, user.id);
    this.revoked(user.id, 'TOO_MANY_SESSIONS', opened.evicted);
    // The version the session was opened under: a password change since then makes this token void, as it should.
    return this.session({ ...user, passwordVersion: opened.passwordVersion }, session.id, now);
  }

  /** logIn's second step: the challenge it returned and a code (or a recovery code) open the session. */
  async completeTwoFactorLogIn(scope: Scope, challenge: string, factor: SecondFactorInput): Promise<Session> {
    const now = Date.now();
    const ttl = this.deps.config.jwtTtlSeconds;
    const signedIn = await this.deps.twoFactor.complete(scope, challenge, factor, async (tx, userId, label, how) => {
      const session: NewSession = { id: randomUUID(), deviceLabel: label, expiresAt: tokenExpiry(now, ttl), now };
      const opened = await AccountTx.openSessionRecorded(tx, userId, session, { kind: SecurityEventKind.LOG_IN, ip: scope.request.ip, deviceLabel: label, detail: `with a ${how}`, at: now });
      return opened && { userId, opened, sessionId: session.id };
    });
    const user = signedIn && (await accountLoaders(scope).userById.load(signedIn.userId));
    if (!signedIn || !user) throw wrongCredentials();
    // The second step completes the sign-in, so it keeps an account scheduled for deletion (logIn refused one past its grace period).
    await this.deps.deletions.cancelOnSignIn(scope, user.id);
    this.revoked(user.id, 'TOO_MANY_SESSIONS', signedIn.opened.evicted);
    return this.session({ ...user, passwordVersion: signedIn.opened.passwordVersion }, signedIn.sessionId, now);
  }

  async updatePassword(scope: Scope, input: UpdatePasswordInput): Promise<Session> {
    const viewer = await scope.requireViewer();
    const credentials = await this.deps.repo(scope).credentialsById(viewer.id);
    if (!credentials) throw unauthenticated();
    const { limits, config } = this.deps;
    // The same per-account allowance as logging in: a stolen session cannot guess the password either.
    await limits.loginPerAccount.reserve(accountKey(viewer.id));
    if (!(await verifyPassword(input.currentPassword, credentials.passwordHash))) throw badInput('currentPassword', 'is not your current password', UserErrorCode.INVALID_CREDENTIALS);
    await limits.loginPerAccount.release(accountKey(viewer.id));
    checkPasswordPolicy(input.newPassword, 'newPassword', { handle: viewer.handle, email: viewer.email });
    const hash = await hashPassword(input.newPassword, config.bcryptCost);
    const now = Date.now();
    const sessionId = sessionIdOf(scope)!;
    const event = { kind: SecurityEventKind.PASSWORD_CHANGED, ip: scope.request.ip, deviceLabel: deviceLabel(null, scope.request.userAgent) };
    const changed = await this.deps.repo(scope).setPassword(viewer.id, hash, now, sessionId, tokenExpiry(now, config.jwtTtlSeconds), event);
    if (changed === null) throw unauthenticated();
    // Every older token stops counting, this session's included (it gets the new token below).
    this.revoked(viewer.id, 'PASSWORD_CHANGED', changed.revoked, changed.passwordVersion);
    return this.session({ ...viewer, passwordVersion: changed.passwordVersion }, sessionId, now);
  }

  /** Ends the session of the token this request carries. */
  async logOut(scope: Scope): Promise<string> {
    const viewer = await scope.requireViewer();
    const sessionId = sessionIdOf(scope)!;
    const revoked = await this.deps.repo(scope).revokeSessions(viewer.id, sessionId, Date.now());
    this.revoked(viewer.id, 'LOGGED_OUT', revoked);
    return sessionId;
  }

  /** Ends every session of the viewer, this one included; returns how many ended. */
  async logOutEverywhere(scope: Scope): Promise<number> {
    const viewer = await scope.requireViewer();
    const revoked = await this.deps.repo(scope).revokeSessions(viewer.id, null, Date.now(), this.revocationEvent(scope));
    this.revoked(viewer.id, 'LOGGED_OUT_EVERYWHERE', revoked);
    return revoked.length;
  }

  /** Ends one of the viewer's sessions (a lost phone); NOT_FOUND for anyone else's. */
  async revokeSession(scope: Scope, sessionId: string): Promise<string> {
    const viewer = await scope.requireViewer();
    const id = requireId(sessionId, 'sessionId');
    const revoked = await this.deps.repo(scope).revokeSessions(viewer.id, id, Date.now(), this.revocationEvent(scope));
    if (revoked.length === 0) throw notFound('Session', 'sessionId');
    this.revoked(viewer.id, 'SESSION_REVOKED', revoked);
    return id;
  }

  /** The viewer's live sessions, newest first. */
  async sessions(scope: Scope, first: number | null | undefined, after: string | null | undefined) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const now = Date.now();
    const page = toPage(await this.deps.repo(scope).sessionsPage(viewer.id, now, position, limit + 1), limit);
    const current = sessionIdOf(scope);
    const edges = page.items.map((s) => ({ cursor: encodeCursor({ k: s.createdAt, id: s.id }), node: asSession(s, current) }));
    return connectionOf(edges, page.hasNextPage, () => this.deps.repo(scope).countSessions(viewer.id, now));
  }

  /** One of the viewer's own live sessions (node(id)); null for anyone else's, and once revoked or expired, as in sessions. */
  async sessionById(scope: Scope, id: string) {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    const session = await byIdLoader(scope, 'accounts.sessionById', (ids) => this.deps.repo(scope).sessionsByIds(viewer.id, Date.now(), ids)).load(id);
    return session && asSession(session, sessionIdOf(scope));
  }

  async updateProfile(scope: Scope, input: UpdateProfileInput): Promise<UserRecord> {
    const viewer = await scope.requireViewer();
    // GraphQL has already coerced it; a direct caller passing anything else is refused the same way.
    if (input.showsPurchasesToFriends != null && typeof input.showsPurchasesToFriends !== 'boolean') throw badInput('showsPurchasesToFriends', 'must be true or false');
    const changes: ProfileChanges = {
      displayName: input.displayName == null ? null : requireText(input.displayName, 'displayName', { min: 1, max: 50 }),
      bio: input.bio == null ? null : requireText(input.bio, 'bio', { max: 500 }),
      avatarUrl: input.avatarUrl == null || input.avatarUrl === '' ? null : requireUrl(input.avatarUrl, 'avatarUrl'),
      clearAvatar: input.avatarUrl === '',
      interests: input.interests == null ? null : normaliseInterests(input.interests, 'interests'),
      showPurchasesToFriends: input.showsPurchasesToFriends ?? null,
    };
    const user = await this.deps.repo(scope).updateProfile(viewer.id, changes, Date.now(), this.deps.config.privacyPolicyVersion);
    if (!user) throw notFound('User');
    accountLoaders(scope).userById.clear(user.id).prime(user.id, user);
    accountLoaders(scope).interestsByUserId.clear(user.id);
    this.deps.invalidation.usersChanged([user.id], 'PROFILE');
    return user;
  }

  /** The user's purchase-privacy setting, for the user themself only (null for anyone else). */
  async purchasePrivacyOf(scope: Scope, userId: string): Promise<boolean | null> {
    if ((await scope.viewerId()) !== userId) return null;
    return this.deps.repo(scope).showsPurchasesToFriends(userId);
  }

  /** Admins make merchants, growth staff and other admins. The change is audited. */
  async setRole(scope: Scope, userId: string, role: Role): Promise<UserRecord> {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    const id = requireId(userId, 'userId');
    const user = await this.deps.repo(scope).setRole(id, role, viewer.id, randomUUID(), Date.now());
    if (!user) throw notFound('User', 'userId');
    accountLoaders(scope).userById.clear(id).prime(id, user);
    this.deps.invalidation.usersChanged([id], 'ROLE');
    return user;
  }

  async userByHandle(scope: Scope, handle: string): Promise<UserRecord | null> {
    requireHandle(handle, 'handle');
    const user = await this.deps.repo(scope).userByHandle(handle);
    if (user) accountLoaders(scope).userById.prime(user.id, user);
    return user;
  }

  async searchUsers(scope: Scope, search: string | null, afterKey: string | null, limit: number): Promise<UserRecord[]> {
    const users = await this.deps.repo(scope).searchUsers(search, afterKey, limit);
    for (const user of users) accountLoaders(scope).userById.prime(user.id, user);
    return users;
  }

  countUsers(scope: Scope, search: string | null): Promise<number> {
    return this.deps.repo(scope).countUsers(search);
  }
}

function asSession(s: SessionRecord, current: string | null) {
  return { id: s.id, deviceLabel: s.deviceLabel, createdAt: new Date(s.createdAt), lastUsedAt: new Date(s.lastUsedAt), expiresAt: new Date(s.expiresAt), isCurrent: s.id === current };
}
