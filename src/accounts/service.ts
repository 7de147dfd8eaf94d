import { randomUUID } from 'node:crypto';
import { badInput, notFound, unauthenticated } from '../common/errors';
import { requireEmail, requireHandle, requireId, requireText, requireUrl, HANDLE } from '../common/validate';
import type { Context } from '../server/context';
import { checkPasswordPolicy, hashPassword, verifyPassword, decoyHash, requirePasswordCharacters } from './passwords';
import { issueToken, IssuedToken } from './tokens';
import type { AccountRepository, ProfileChanges } from './repository';
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

export class AccountService {
  constructor(
    private readonly ctx: Context,
    private readonly repo: AccountRepository,
  ) {}

  private session(user: UserRecord): Session {
    const { config } = this.ctx.deps;
    return { user, ...issueToken({ sub: user.id, pwv: user.passwordVersion }, config.jwtSecret, config.jwtTtlSeconds) };
  }

  async signUp(input: SignUpInput): Promise<Session> {
    const email = requireEmail(input.email, 'email');
    const handle = requireHandle(input.handle, 'handle');
    const displayName = requireText(input.displayName, 'displayName', { min: 1, max: 50 });
    checkPasswordPolicy(input.password, 'password', { handle, email });
    await this.ctx.deps.limits.signUpPerIp.consume(this.ctx.request.ip);

    const visitorId = input.visitorId == null ? null : requireVisitorId(input.visitorId);
    const { config } = this.ctx.deps;
    const passwordHash = await hashPassword(input.password, config.bcryptCost);
    const now = Date.now();
    const result = await this.repo.createUser(
      { id: randomUUID(), email, handle, displayName, passwordHash, now },
      visitorId ? { visitorId, maxSignUpsPerVisitor: config.fraudMaxSignUpsPerVisitor } : null,
    );
    if ('taken' in result) throw badInput(result.taken, `this ${result.taken} is already taken`);
    const user = result.user;
    if (result.invite) {
      this.ctx.referral.publish(result.invite.sharerId, { kind: 'SIGN_UP', code: result.invite.code, at: now, userId: user.id, orderId: null });
    }
    return this.session(user);
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
    const { limits, config } = this.ctx.deps;
    await limits.loginPerIp.consume(this.ctx.request.ip);
    await limits.loginPerAccount.check(login);

    const credentials = await this.repo.credentialsByLogin(login);
    decoy ??= decoyHash(config.bcryptCost);
    const ok = await verifyPassword(input.password, credentials?.passwordHash ?? (await decoy));
    if (!credentials || !ok) {
      await limits.loginPerAccount.hit(login);
      throw unauthenticated('Wrong login or password');
    }
    await limits.loginPerAccount.reset(login);
    const user = await this.ctx.loaders.userById.load(credentials.id);
    if (!user) throw unauthenticated('Wrong login or password');
    return this.session(user);
  }

  async changePassword(input: ChangePasswordInput): Promise<Session> {
    const viewer = await this.ctx.requireViewer();
    const credentials = await this.repo.credentialsById(viewer.id);
    if (!credentials) throw unauthenticated();
    const { limits, config } = this.ctx.deps;
    await limits.loginPerAccount.check(viewer.handle.toLowerCase());
    if (!(await verifyPassword(input.currentPassword, credentials.passwordHash))) {
      await limits.loginPerAccount.hit(viewer.handle.toLowerCase());
      throw badInput('currentPassword', 'is not your current password');
    }
    checkPasswordPolicy(input.newPassword, 'newPassword', { handle: viewer.handle, email: viewer.email });
    const hash = await hashPassword(input.newPassword, config.bcryptCost);
    const passwordVersion = await this.repo.setPassword(viewer.id, hash, Date.now());
    if (passwordVersion === null) throw unauthenticated();
    return this.session({ ...viewer, passwordVersion });
  }

  async updateProfile(input: UpdateProfileInput): Promise<UserRecord> {
    const viewer = await this.ctx.requireViewer();
    const changes: ProfileChanges = {
      displayName: input.displayName == null ? null : requireText(input.displayName, 'displayName', { min: 1, max: 50 }),
      bio: input.bio == null ? null : requireText(input.bio, 'bio', { max: 500 }),
      avatarUrl: input.avatarUrl == null || input.avatarUrl === '' ? null : requireUrl(input.avatarUrl, 'avatarUrl'),
      clearAvatar: input.avatarUrl === '',
      interests: input.interests == null ? null : normaliseInterests(input.interests, 'interests'),
    };
    const user = await this.repo.updateProfile(viewer.id, changes, Date.now());
    if (!user) throw notFound('User');
    this.ctx.loaders.userById.clear(user.id).prime(user.id, user);
    this.ctx.loaders.interestsByUserId.clear(user.id);
    return user;
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
