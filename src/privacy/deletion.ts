import { badInput, notFound, unauthenticated, UserFailure } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { HANDLE, requireText } from '../common/validate';
import { decoyHash, requirePasswordCharacters, verifyPassword } from '../accounts/passwords';
import type { AccountRepository } from '../accounts/repository';
import type { AccountLimits } from '../accounts/limits';
import type { Scope } from '../accounts/scope';
import type { CacheInvalidation } from '../events/invalidation';
import type { DeletionRepository, DeletionSchedule } from './repository';
import type { TwoFactorService } from '../security/two-factor';

const DAY_MS = 24 * 3600_000;
/** One @ with something either side and no spaces: the shape every stored email has (as logIn checks). */
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;
/** A two-factor code or a recovery code, as typed. */
const SECOND_FACTOR = /^[A-Za-z0-9-]{6,32}$/;

/** The per-account allowance is the login's: guesses through these mutations count against it too. */
const accountKey = (userId: string) => `user:${userId}`;

let decoy: Promise<string> | null = null;

/** What AccountDeletionService needs, named one by one; wired once per process in src/app/services.ts. */
export interface AccountDeletionServiceDeps {
  repo: (scope: Scope) => DeletionRepository;
  credentials: (scope: Scope) => Pick<AccountRepository, 'credentialsById' | 'credentialsByLogin'>;
  limits: Pick<AccountLimits, 'loginPerAccount' | 'loginPerIp'>;
  /** Ends the account's sessions on every instance at once (live streams and cached viewers too). */
  invalidation: Pick<CacheInvalidation, 'sessionsRevoked' | 'usersChanged'>;
  /** ACCOUNT_DELETION_GRACE_DAYS: how long signing in or cancelAccountDeletion can still undo it. */
  graceDays: number;
  /** BCRYPT_COST, for the decoy hash an unknown login is compared with. */
  bcryptCost: number;
  /** The second factor of a user with two-factor sign-in on, and the security events (src/security). */
  twoFactor: Pick<TwoFactorService, 'confirmSecondFactor'>;
}

/** Whether a second-factor code, when given, is shaped like one (confirmSecondFactor checks it against the account's two-factor sign-in). */
function checkCode(code: string | null | undefined): void {
  if (code == null) return;
  if (typeof code !== 'string' || !SECOND_FACTOR.test(code.trim())) throw badInput('code', 'is not a two-factor or recovery code');
}

/**
 * Requesting and cancelling an account's deletion. The request is a schedule, not the erasure:
 * the sweep (src/privacy/deletion-sweep.ts) erases the account when the grace period ends.
 */
export class AccountDeletionService {
  constructor(private readonly deps: AccountDeletionServiceDeps) {}

  /** Re-asking keeps the first schedule; every session ends at once, this one included. */
  async requestDeletion(scope: Scope, password: string, code: string | null | undefined): Promise<DeletionSchedule> {
    const viewer = await scope.requireViewer();
    if (typeof password !== 'string' || password.length === 0) throw badInput('password', 'must not be empty');
    requirePasswordCharacters(password, 'password');
    checkCode(code);
    const credentials = await this.deps.credentials(scope).credentialsById(viewer.id);
    if (!credentials) throw unauthenticated();
    await this.deps.limits.loginPerAccount.reserve(accountKey(viewer.id));
    if (!(await verifyPassword(password, credentials.passwordHash))) throw badInput('password', 'is not your password', UserErrorCode.INVALID_CREDENTIALS);
    await this.deps.limits.loginPerAccount.release(accountKey(viewer.id));
    await this.deps.twoFactor.confirmSecondFactor(scope, viewer.id, code, 'code', 'to delete the account');
    const now = Date.now();
    const schedule = await this.deps.repo(scope).requestDeletion(viewer.id, now + this.deps.graceDays * DAY_MS, now, scope.request.ip ?? null);
    if (!schedule) throw notFound('User');
    this.deps.invalidation.sessionsRevoked({ userId: viewer.id, reason: 'LOGGED_OUT_EVERYWHERE', sessionIds: schedule.revoked, passwordVersion: null });
    return schedule;
  }

  /**
   * Cancels a scheduled deletion with the account's credentials, without signing in (the request
   * ended every session): "keep my account". Wrong credentials, an unknown login and an account
   * with nothing scheduled answer alike after the same work, so it tells nobody which accounts exist
   * or are being deleted. Signing in cancels it too (cancelOnSignIn).
   */
  async cancelWithCredentials(scope: Scope, login: string, password: string, code: string | null | undefined): Promise<string> {
    const normalised = requireText(login, 'login', { min: 1, max: 254 }).toLowerCase();
    if (!HANDLE.test(normalised) && !EMAIL_LIKE.test(normalised)) throw badInput('login', 'must be an email address or a handle');
    if (typeof password !== 'string' || password.length === 0) throw badInput('password', 'must not be empty');
    requirePasswordCharacters(password, 'password');
    checkCode(code);
    await this.deps.limits.loginPerIp.consume(scope.request.ip);
    const credentials = await this.deps.credentials(scope).credentialsByLogin(normalised);
    const key = credentials ? accountKey(credentials.id) : `login:${normalised}`;
    await this.deps.limits.loginPerAccount.reserve(key);
    decoy ??= decoyHash(this.deps.bcryptCost);
    const ok = await verifyPassword(password, credentials?.passwordHash ?? (await decoy));
    const refused = () => new UserFailure(UserErrorCode.INVALID_CREDENTIALS, null, 'Wrong login or password, or no deletion to cancel');
    if (!credentials || !ok) throw refused();
    await this.deps.limits.loginPerAccount.release(key);
    await this.deps.twoFactor.confirmSecondFactor(scope, credentials.id, code, 'code', 'to keep the account');
    if (!(await this.deps.repo(scope).cancelDeletion(credentials.id, Date.now(), scope.request.ip ?? null, 'with cancelAccountDeletion'))) throw refused();
    return credentials.id;
  }

  /** A successful sign-in during the grace period keeps the account; true when it had a deletion scheduled. */
  cancelOnSignIn(scope: Scope, userId: string): Promise<boolean> {
    return this.deps.repo(scope).cancelDeletion(userId, Date.now(), scope.request.ip ?? null, 'by signing in');
  }
}
