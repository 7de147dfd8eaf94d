import { randomUUID } from 'node:crypto';
import { badInput, notFound, unauthenticated } from '../common/errors';
import { requireEmail, requireHandle, requireId, requireText, requireUrl, HANDLE } from '../common/validate';
import type { Context } from '../server/context';
import { checkPasswordPolicy, hashPassword, verifyPassword, decoyHash, requirePasswordCharacters } from './passwords';
import { issueToken, IssuedToken, tokenExpiry } from './tokens';
import type { AccountRepository, NewSession, ProfileChanges } from './repository';
import type { SessionRevokedEvent } from '../events/bus';
import { deviceLabel } from './device';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { connectionOf } from '../common/connection';
import { Role } from './types';
import type { ChangePasswordInput, LogInInput, SignUpInput, UpdateProfileInput, UserRecord } from './types';
import { requireVisitorId } from '../referral/service';
import { requireAdmin } from '../common/roles';

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

/** The per-account login limit counts by account, whichever of its handle or email is typed. */
const accountKey = (userId: string) => `user:${userId}`;

export class AccountService {
  constructor(
    private readonly ctx: Context,
    private readonly repo: AccountRepository,
  ) {}

  /** A token for the session `sessionId`, issued at `now` so that it expires with the stored session. */
  private session(user: UserRecord, sessionId: string, now: number): Session {
    const { config } = this.ctx.deps;
    return { user, ...issueToken({ sub: user.id, pwv: user.passwordVersion, sid: sessionId }, config.jwtSecret, config.jwtTtlSeconds, now) };
  }

  private newSession(givenLabel: string | null | undefined, now: number): NewSession {
    const label = deviceLabel(givenLabel, this.ctx.request.userAgent);
    return { id: randomUUID(), deviceLabel: label, expiresAt: tokenExpiry(now, this.ctx.deps.config.jwtTtlSeconds), now };
  }

  /** Tells every instance that these tokens stopped counting, so their live streams end at once. */
  private revoked(userId: string, reason: SessionRevokedEvent['reason'], sessionIds: string[], passwordVersion: number | null = null): void {
    if (sessionIds.length === 0 && passwordVersion === null) return;
    this.ctx.deps.events.pubsub.publish('SESSION_REVOKED', { userId, reason, sessionIds, passwordVersion });
  }

  async signUp(input: SignUpInput): Promise<Session> {
    const email = requireEmail(input.email, 'email');
    const handle = requireHandle(input.handle, 'handle');
    const displayName = requireText(input.displayName, 'displayName', { min: 1, max: 50 });
    checkPasswordPolicy(input.password, 'password', { handle, email });
    const now = Date.now();
    const session = this.newSession(input.deviceLabel, now);
    await this.ctx.deps.limits.signUpPerIp.consume(this.ctx.request.ip);

    const visitorId = input.visitorId == null ? null : requireVisitorId(input.visitorId);
    const { config } = this.ctx.deps;
    const passwordHash = await hashPassword(input.password, config.bcryptCost);
    const result = await this.repo.createUser(
      { id: randomUUID(), email, handle, displayName, passwordHash, now },
      visitorId ? { visitorId, maxSignUpsPerVisitor: config.fraudMaxSignUpsPerVisitor } : null,
      session,
    );
    if ('taken' in result) throw badInput(result.taken, `this ${result.taken} is already taken`);
    const user = result.user;
    if (result.invite) {
      this.ctx.referral.publish(result.invite.sharerId, { kind: 'SIGN_UP', code: result.invite.code, at: now, userId: user.id, orderId: null });
    }
    return this.session(user, session.id, now);
  }

  /**
   * Unknown accounts and wrong passwords get the same error after the same amount of work, so the
   * response does not reveal which emails and handles exist.
   */
  async logIn(input: LogInInput): Promise<Session> {
    const login = requireText(input.login, 'login', { min: 1, max: 254 }).toLowerCase();
    // What is neither a handle nor an email names no account, so refusing it reveals nothing about who exists.
    if (!HANDLE.test(login) && !EMAIL_LIKE.test(login)) throw badInput('login', 'must be an email address or a handle');
    if (typeof input.password !== 'string' || input.password.length === 0) throw badInput('password', 'must not be empty');
    requirePasswordCharacters(input.password, 'password');
    const now = Date.now();
    const session = this.newSession(input.deviceLabel, now);
    const { limits, config } = this.ctx.deps;
    await limits.loginPerIp.consume(this.ctx.request.ip);

    const credentials = await this.repo.credentialsByLogin(login);
    // The attempt is reserved before bcrypt runs, so parallel guesses cannot all pass the check
    // first; it is counted against the account, so its handle and its email share one allowance.
    // An unknown login has no account: its own string stands in, limited the same way.
    const key = credentials ? accountKey(credentials.id) : `login:${login}`;
    await limits.loginPerAccount.reserve(key);
    decoy ??= decoyHash(config.bcryptCost);
    const ok = await verifyPassword(input.password, credentials?.passwordHash ?? (await decoy));
    if (!credentials || !ok) throw unauthenticated('Wrong login or password');
    // A success is not a failure: give its reservation back. Earlier failures stay counted.
    await limits.loginPerAccount.release(key);
    const opened = await this.repo.openSession(credentials.id, session);
    const user = await this.ctx.loaders.userById.load(credentials.id);
    if (!opened || !user) throw unauthenticated('Wrong login or password');
    this.revoked(user.id, 'TOO_MANY_SESSIONS', opened.evicted);
    // The version the session was opened under: a password change since then makes this token void, as it should.
    return this.session({ ...user, passwordVersion: opened.passwordVersion }, session.id, now);
  }

  async changePassword(input: ChangePasswordInput): Promise<Session> {
    const viewer = await this.ctx.requireViewer();
    const credentials = await this.repo.credentialsById(viewer.id);
    if (!credentials) throw unauthenticated();
    const { limits, config } = this.ctx.deps;
    // The same per-account allowance as logging in: a stolen session cannot guess the password either.
    await limits.loginPerAccount.reserve(accountKey(viewer.id));
    if (!(await verifyPassword(input.currentPassword, credentials.passwordHash))) throw badInput('currentPassword', 'is not your current password');
    await limits.loginPerAccount.release(accountKey(viewer.id));
    checkPasswordPolicy(input.newPassword, 'newPassword', { handle: viewer.handle, email: viewer.email });
    const hash = await hashPassword(input.newPassword, config.bcryptCost);
    const now = Date.now();
    const sessionId = this.ctx.sessionId!;
    const changed = await this.repo.setPassword(viewer.id, hash, now, sessionId, tokenExpiry(now, config.jwtTtlSeconds));
    if (changed === null) throw unauthenticated();
    // Every older token stops counting, this session's included (it gets the new token below).
    this.revoked(viewer.id, 'PASSWORD_CHANGED', changed.revoked, changed.passwordVersion);
    return this.session({ ...viewer, passwordVersion: changed.passwordVersion }, sessionId, now);
  }

  /** Ends the session of the token this request carries. */
  async logOut(): Promise<boolean> {
    const viewer = await this.ctx.requireViewer();
    const revoked = await this.repo.revokeSessions(viewer.id, this.ctx.sessionId!, Date.now());
    this.revoked(viewer.id, 'LOGGED_OUT', revoked);
    return true;
  }

  /** Ends every session of the viewer, this one included. */
  async logOutEverywhere(): Promise<boolean> {
    const viewer = await this.ctx.requireViewer();
    const revoked = await this.repo.revokeSessions(viewer.id, null, Date.now());
    this.revoked(viewer.id, 'LOGGED_OUT_EVERYWHERE', revoked);
    return true;
  }

  /** Ends one of the viewer's sessions (a lost phone); NOT_FOUND for anyone else's. */
  async revokeSession(sessionId: string): Promise<boolean> {
    const viewer = await this.ctx.requireViewer();
    const id = requireId(sessionId, 'id');
    const revoked = await this.repo.revokeSessions(viewer.id, id, Date.now());
    if (revoked.length === 0) throw notFound('Session');
    this.revoked(viewer.id, 'SESSION_REVOKED', revoked);
    return true;
  }

  /** The viewer's live sessions, newest first. */
  async sessions(first: number | null | undefined, after: string | null | undefined) {
    const viewer = await this.ctx.requireViewer();
    const { limit, after: position } = pageRequest(first, after);
    if (position && typeof position.k !== 'number') throw badInput('after', 'is not a valid cursor');
    const now = Date.now();
    const page = toPage(await this.repo.sessionsPage(viewer.id, now, position ? { k: position.k as number, id: position.id } : null, limit + 1), limit);
    const current = this.ctx.sessionId;
    const edges = page.items.map((s) => ({
      cursor: encodeCursor({ k: s.createdAt, id: s.id }),
      node: { id: s.id, deviceLabel: s.deviceLabel, createdAt: new Date(s.createdAt), lastUsedAt: new Date(s.lastUsedAt), expiresAt: new Date(s.expiresAt), current: s.id === current },
    }));
    return connectionOf(edges, page.hasNextPage, () => this.repo.countSessions(viewer.id, now));
  }

  async updateProfile(input: UpdateProfileInput): Promise<UserRecord> {
    const viewer = await this.ctx.requireViewer();
    // GraphQL has already coerced it; a direct caller passing anything else is refused the same way.
    if (input.showPurchasesToFriends != null && typeof input.showPurchasesToFriends !== 'boolean') throw badInput('showPurchasesToFriends', 'must be true or false');
    const changes: ProfileChanges = {
      displayName: input.displayName == null ? null : requireText(input.displayName, 'displayName', { min: 1, max: 50 }),
      bio: input.bio == null ? null : requireText(input.bio, 'bio', { max: 500 }),
      avatarUrl: input.avatarUrl == null || input.avatarUrl === '' ? null : requireUrl(input.avatarUrl, 'avatarUrl'),
      clearAvatar: input.avatarUrl === '',
      interests: input.interests == null ? null : normaliseInterests(input.interests, 'interests'),
      showPurchasesToFriends: input.showPurchasesToFriends ?? null,
    };
    const user = await this.repo.updateProfile(viewer.id, changes, Date.now());
    if (!user) throw notFound('User');
    this.ctx.loaders.userById.clear(user.id).prime(user.id, user);
    this.ctx.loaders.interestsByUserId.clear(user.id);
    return user;
  }

  /** The user's purchase-privacy setting, for the user themself only (null for anyone else). */
  async purchasePrivacyOf(userId: string): Promise<boolean | null> {
    if ((await this.ctx.viewerId()) !== userId) return null;
    return this.repo.showsPurchasesToFriends(userId);
  }

  /** Admins make merchants, growth staff and other admins. The change is audited. */
  async setRole(userId: string, role: Role): Promise<UserRecord> {
    const viewer = await this.ctx.requireViewer();
    requireAdmin(viewer);
    const id = requireId(userId, 'userId');
    const user = await this.repo.setRole(id, role, viewer.id, randomUUID(), Date.now());
    if (!user) throw notFound('User');
    this.ctx.loaders.userById.clear(id).prime(id, user);
    return user;
  }

  async userByHandle(handle: string): Promise<UserRecord | null> {
    requireHandle(handle, 'handle');
    const user = await this.repo.userByHandle(handle);
    if (user) this.ctx.loaders.userById.prime(user.id, user);
    return user;
  }

  async searchUsers(search: string | null, afterKey: string | null, limit: number): Promise<UserRecord[]> {
    const users = await this.repo.searchUsers(search, afterKey, limit);
    for (const user of users) this.ctx.loaders.userById.prime(user.id, user);
    return users;
  }

  countUsers(search: string | null): Promise<number> {
    return this.repo.countUsers(search);
  }
}
