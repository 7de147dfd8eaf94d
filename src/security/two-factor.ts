import { createHash, randomBytes } from 'node:crypto';
import { badInput, UserFailure } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireText } from '../common/validate';
import type { Tx } from '../db/database';
import type { Scope } from '../accounts/scope';
import type { Config } from '../config';
import type { RateLimit } from '../common/rate-limiter';
import type { CacheInvalidation } from '../events/invalidation';
import { recordSecurityEvent, SecurityEventKind } from './events';
import { hashRecoveryCode, matchingRecoveryHash, newRecoveryCodes, newRecoverySalt, normaliseRecoveryCode } from './recovery-codes';
import { SecurityRepository, type TwoFactorState } from './repository';
import type { SecretBox } from './secret-box';
import { acceptedStep, newTotpSecret, otpauthUri, requireTotpCode } from './totp';

/** An enrolment not confirmed within this time must start again (enableTwoFactor). */
export const ENROLMENT_TTL_MS = 15 * 60_000;
/** Wrong codes one challenge takes before it ends and the password must be typed again. */
export const MAX_CHALLENGE_FAILURES = 5;

/** What a second step is passed with: a code from the app, or one of the recovery codes. */
export type SecondFactor = { code: string } | { recoveryCode: string };

export interface SecondFactorInput {
  code?: string | null;
  recoveryCode?: string | null;
}

/** The second step a logIn is waiting for. */
export interface IssuedChallenge {
  challenge: string;
  expiresAt: number;
}

/** What TwoFactorService needs, named one by one; wired once per process in src/app/services.ts. */
export interface TwoFactorServiceDeps {
  repo: (scope: Scope) => SecurityRepository;
  config: Pick<Config, 'twoFactorChallengeTtlSeconds'>;
  /** Wrong codes count per account (like wrong passwords), and every attempt per IP. */
  limits: { perAccount: RateLimit; perIp: RateLimit };
  /** Whether the password is the user's (accounts' bcrypt check, under the login limit). */
  checkPassword: (scope: Scope, userId: string, password: string, field: string) => Promise<void>;
  /** Two-factor changes drop the user from every instance's caches: staff checks read the flag. */
  invalidation: Pick<CacheInvalidation, 'usersChanged'>;
  /** Seals the TOTP secrets stored on the User node (TWO_FACTOR_ENCRYPTION_KEY). */
  secrets: SecretBox;
}

const accountKey = (userId: string) => `user:${userId}`;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Exactly one of code and recoveryCode, each in its own shape. */
export function requireSecondFactor(input: SecondFactorInput): SecondFactor {
  const hasCode = input.code != null && input.code !== '';
  const hasRecovery = input.recoveryCode != null && input.recoveryCode !== '';
  if (hasRecovery && normaliseRecoveryCode(input.recoveryCode) === null) throw badInput('recoveryCode', 'must be one of your recovery codes, such as "k7q2m-x9d4t"');
  const code = hasCode ? requireTotpCode(input.code, 'code') : null;
  if (hasCode && hasRecovery) throw badInput('recoveryCode', 'give either the code from your authenticator app or a recovery code, not both');
  if (code !== null) return { code };
  if (!hasRecovery) throw badInput('code', 'give the code from your authenticator app, or a recovery code');
  return { recoveryCode: input.recoveryCode! };
}

/** What passed the second step, to use up: the code's time step or the recovery code's hash. */
type Passed = { step: number; usedHash: null } | { step: null; usedHash: string };

async function check(state: TwoFactorState, factor: SecondFactor, now: number): Promise<Passed | null> {
  if (!state.enabled || !state.secret) return null;
  if ('code' in factor) {
    const step = await acceptedStep(state.secret, factor.code, now, state.lastStep);
    return step === null ? null : { step, usedHash: null };
  }
  const usedHash = state.recoverySalt ? matchingRecoveryHash(state.recoverySalt, state.recoveryHashes, factor.recoveryCode) : null;
  return usedHash === null ? null : { step: null, usedHash };
}

const factorField = (factor: SecondFactor) => ('code' in factor ? 'code' : 'recoveryCode');
const wrongFactor = (factor: SecondFactor) =>
  badInput(factorField(factor), 'code' in factor ? 'is not a current code of your authenticator app, or was used already' : 'is not one of your unused recovery codes', UserErrorCode.INVALID_CREDENTIALS);
const notEnabled = () => new UserFailure(UserErrorCode.INVALID_STATE, null, 'Two-factor sign-in is not on');

/**
 * Two-factor sign-in: enrolling an authenticator app, the second step of a login, turning it off.
 * The secret (sealed, src/security/secret-box.ts) and the recovery codes' hashes stay on the User
 * node and are never read back out; a
 * code's time step is used up in the transaction that accepts it, under the user's lock, so two
 * concurrent uses of one code cannot both pass.
 */
export class TwoFactorService {
  constructor(private readonly deps: TwoFactorServiceDeps) {}

  /**
   * The user's two-factor state under their lock, its secrets opened. A secret stored before
   * encryption (or sealed by a previous key) is sealed under the current key on the way, in the
   * same transaction: every account is re-sealed the first time its two-factor sign-in is used,
   * and `npm run security:seal-secrets` does the rest at once.
   */
  private async lock(tx: Tx, userId: string, now: number): Promise<TwoFactorState | null> {
    const state = await SecurityRepository.lockTwoFactor(tx, userId, now);
    if (!state) return null;
    const { secrets } = this.deps;
    const stale = [state.secret, state.pendingSecret].some((stored) => stored !== null && secrets.needsResealing(stored));
    const opened = {
      ...state,
      secret: state.secret === null ? null : secrets.open(userId, state.secret),
      pendingSecret: state.pendingSecret === null ? null : secrets.open(userId, state.pendingSecret),
    };
    if (stale) {
      await SecurityRepository.storeSealedSecrets(tx, userId, {
        secret: opened.secret === null ? null : secrets.seal(userId, opened.secret),
        pendingSecret: opened.pendingSecret === null ? null : secrets.seal(userId, opened.pendingSecret),
      });
    }
    return opened;
  }

  /** A new secret for the viewer's app, waiting for confirm; the password is asked again. */
  async enable(scope: Scope, password: string): Promise<{ secret: string; otpauthUri: string }> {
    const viewer = await scope.requireViewer();
    requireText(password, 'password', { min: 1, max: 128 });
    await this.deps.checkPassword(scope, viewer.id, password, 'password');
    const secret = newTotpSecret();
    const begun = await this.deps.repo(scope).beginEnrolment(viewer.id, this.deps.secrets.seal(viewer.id, secret), Date.now());
    if (begun?.enabled) throw new UserFailure(UserErrorCode.INVALID_STATE, null, 'Two-factor sign-in is already on; turn it off first to enrol another app');
    return { secret, otpauthUri: otpauthUri(secret, viewer.handle) };
  }

  /** Turns two-factor sign-in on when `code` is the enrolled app's; returns the recovery codes, shown this once. */
  async confirm(scope: Scope, rawCode: string): Promise<string[]> {
    const viewer = await scope.requireViewer();
    const code = requireTotpCode(rawCode, 'code');
    const key = accountKey(viewer.id);
    await this.deps.limits.perAccount.reserve(key);
    const recoveryCodes = newRecoveryCodes();
    const salt = newRecoverySalt();
    const now = Date.now();
    const outcome = await scope.db.writeTx(async (tx) => {
      const state = await this.lock(tx, viewer.id, now);
      if (!state || state.enabled) return 'ALREADY_ON' as const;
      if (!state.pendingSecret || state.pendingAt === null || state.pendingAt + ENROLMENT_TTL_MS <= now) return 'NOT_ENROLLING' as const;
      const step = await acceptedStep(state.pendingSecret, code, now, null);
      if (step === null) return 'WRONG' as const;
      await SecurityRepository.enableTwoFactor(tx, viewer.id, { step, salt, hashes: recoveryCodes.map((c) => hashRecoveryCode(salt, c)), now });
      await recordSecurityEvent(tx, { userId: viewer.id, kind: SecurityEventKind.TWO_FACTOR_ENABLED, ip: scope.request.ip, at: now });
      return 'ON' as const;
    });
    if (outcome === 'ALREADY_ON') throw new UserFailure(UserErrorCode.INVALID_STATE, null, 'Two-factor sign-in is already on');
    if (outcome === 'NOT_ENROLLING') throw new UserFailure(UserErrorCode.INVALID_STATE, null, 'No enrolment is waiting: call enableTwoFactor, add the secret to your app, then confirm within 15 minutes');
    if (outcome === 'WRONG') throw badInput('code', 'is not the current code of the app you enrolled', UserErrorCode.INVALID_CREDENTIALS);
    await this.deps.limits.perAccount.release(key);
    this.deps.invalidation.usersChanged([viewer.id], 'TWO_FACTOR');
    return recoveryCodes;
  }

  /** Turns two-factor sign-in off, with the password and a current code (or a recovery code). */
  async disable(scope: Scope, password: string, input: SecondFactorInput): Promise<void> {
    const viewer = await scope.requireViewer();
    requireText(password, 'password', { min: 1, max: 128 });
    const factor = requireSecondFactor(input);
    await this.deps.checkPassword(scope, viewer.id, password, 'password');
    const key = accountKey(viewer.id);
    await this.deps.limits.perAccount.reserve(key);
    const now = Date.now();
    const outcome = await scope.db.writeTx(async (tx) => {
      const state = await this.lock(tx, viewer.id, now);
      if (!state?.enabled) return 'OFF' as const;
      const passed = await check(state, factor, now);
      if (!passed) return 'WRONG' as const;
      await SecurityRepository.disableTwoFactor(tx, viewer.id);
      const where = { userId: viewer.id, ip: scope.request.ip, at: now };
      if (passed.usedHash) await recordSecurityEvent(tx, { ...where, kind: SecurityEventKind.RECOVERY_CODE_USED, detail: 'to turn two-factor sign-in off' });
      await recordSecurityEvent(tx, { ...where, kind: SecurityEventKind.TWO_FACTOR_DISABLED });
      return 'DONE' as const;
    });
    if (outcome === 'OFF') throw notEnabled();
    if (outcome === 'WRONG') throw wrongFactor(factor);
    await this.deps.limits.perAccount.release(key);
    this.deps.invalidation.usersChanged([viewer.id], 'TWO_FACTOR');
  }

  /**
   * The second factor an operation asks of a user with two-factor sign-in on (deleteAccount): for a
   * user without it, nothing; with it, `given` must be a current code of their app or an unused
   * recovery code (told apart by shape), used up in the transaction that accepts it, as a sign-in's
   * is, and counted against the same per-account allowance when wrong.
   */
  async confirmSecondFactor(scope: Scope, userId: string, given: string | null | undefined, field: string, purpose: string): Promise<void> {
    const typed = typeof given === 'string' ? given.trim() : '';
    const factor: SecondFactor | null = typed === '' ? null : /^\d{6}$/.test(typed) ? { code: typed } : { recoveryCode: typed };
    if (factor && 'recoveryCode' in factor && normaliseRecoveryCode(factor.recoveryCode) === null) throw badInput(field, 'is not a code of your authenticator app or one of your recovery codes');
    const key = accountKey(userId);
    const now = Date.now();
    await this.deps.limits.perAccount.reserve(key);
    const outcome = await scope.db.writeTx(async (tx) => {
      const state = await this.lock(tx, userId, now);
      if (!state?.enabled) return 'OFF' as const;
      if (!factor) return 'MISSING' as const;
      const passed = await check(state, factor, now);
      if (!passed) return 'WRONG' as const;
      const left = await SecurityRepository.useSecondFactor(tx, userId, passed);
      if (passed.usedHash) await recordSecurityEvent(tx, { userId, ip: scope.request.ip, at: now, kind: SecurityEventKind.RECOVERY_CODE_USED, detail: `${purpose}; ${left} left` });
      return 'PASSED' as const;
    });
    // Only a wrong code is a guess: it keeps its reservation, as a wrong password does.
    if (outcome !== 'WRONG') await this.deps.limits.perAccount.release(key);
    if (outcome === 'OFF' || outcome === 'PASSED') return;
    if (outcome === 'MISSING') throw badInput(field, 'two-factor sign-in is on: give a code of your authenticator app, or a recovery code', UserErrorCode.INVALID_CREDENTIALS);
    throw badInput(field, 'is not a current code of your authenticator app or an unused recovery code', UserErrorCode.INVALID_CREDENTIALS);
  }

  /** A logIn whose password was right, for a user with two-factor sign-in: the challenge to complete. */
  async challenge(scope: Scope, userId: string, deviceLabel: string, now: number): Promise<IssuedChallenge> {
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = now + this.deps.config.twoFactorChallengeTtlSeconds * 1000;
    await this.deps.repo(scope).createChallenge(userId, { tokenHash: hashToken(challenge), deviceLabel, now, expiresAt });
    return { challenge, expiresAt };
  }

  /**
   * The second step of a login: when `factor` passes, the challenge and what passed it are used up
   * and `signIn` opens the session, all in one transaction; a wrong code is counted (on the account
   * and on the challenge, which ends after MAX_CHALLENGE_FAILURES) and recorded as a failed sign-in.
   */
  async complete<T>(scope: Scope, challenge: string, input: SecondFactorInput, signIn: (tx: Tx, userId: string, deviceLabel: string, how: string) => Promise<T>): Promise<T> {
    const token = requireText(challenge, 'challenge', { min: 1, max: 100 });
    const factor = requireSecondFactor(input);
    await this.deps.limits.perIp.consume(scope.request.ip);
    const now = Date.now();
    const tokenHash = hashToken(token);
    const expired = () => new UserFailure(UserErrorCode.INVALID_STATE, 'challenge', 'The sign-in has expired or was completed already; log in again');
    const userId = await this.deps.repo(scope).challengeOwner(tokenHash, now);
    if (!userId) throw expired();
    const key = accountKey(userId);
    await this.deps.limits.perAccount.reserve(key);
    const outcome = await scope.db.writeTx(async (tx) => {
      const state = await this.lock(tx, userId, now);
      const waiting = state && (await SecurityRepository.takeChallenge(tx, userId, tokenHash, now));
      if (!state || !waiting) return { kind: 'EXPIRED' as const };
      const passed = await check(state, factor, now);
      const where = { userId, ip: scope.request.ip, deviceLabel: waiting.deviceLabel, at: now };
      if (!passed) {
        await SecurityRepository.endChallenge(tx, userId, tokenHash, true, MAX_CHALLENGE_FAILURES);
        await recordSecurityEvent(tx, { ...where, kind: SecurityEventKind.LOG_IN_FAILED, detail: 'code' in factor ? 'wrong two-factor code' : 'wrong recovery code' });
        return { kind: 'WRONG' as const };
      }
      const left = await SecurityRepository.useSecondFactor(tx, userId, passed);
      await SecurityRepository.endChallenge(tx, userId, tokenHash, false, MAX_CHALLENGE_FAILURES);
      if (passed.usedHash) await recordSecurityEvent(tx, { ...where, kind: SecurityEventKind.RECOVERY_CODE_USED, detail: `to sign in; ${left} left` });
      return { kind: 'PASSED' as const, result: await signIn(tx, userId, waiting.deviceLabel, passed.usedHash ? 'recovery code' : 'two-factor code') };
    });
    if (outcome.kind === 'EXPIRED') throw expired();
    if (outcome.kind === 'WRONG') throw wrongFactor(factor);
    await this.deps.limits.perAccount.release(key);
    return outcome.result;
  }
}
