import { accountLoaders, probedSession } from './loaders';
import { accountRepository } from './repository';
import { noViewerError, type AccountViewerSource, type Scope } from './scope';
import type { VerifiedClaims } from './tokens';
import type { UserRecord } from './types';
import type { ViewerCache } from './viewer-cache';
import type { SessionTouches } from './session-touches';

/** A session's lastUsedAt is written at most this often. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The viewer of a request, for the request scope. A token counts only while its account exists, its
 * password version matches (changing the password signs every other token out) and its session is
 * live (not logged out, revoked or expired).
 *
 * The instance's ViewerCache answers first, by session id, with no transaction; the events that
 * end a session or change its account drop the entry at once (src/accounts/viewer-cache.ts). On a
 * miss the session is read in the user loader's batch, so the viewer costs no more round trips
 * than the user alone did. Either way it is decided once per loader generation (a subscription
 * re-checks per event), and the live guard's check (fresh) always reads the database.
 */
export class AccountViewers implements AccountViewerSource {
  constructor(
    private readonly cache: ViewerCache,
    /** Session uses, written behind the requests (src/accounts/session-touches.ts). */
    private readonly touches: Pick<SessionTouches, 'record'>,
    /** REQUIRE_2FA_FOR_ROLES: these roles' staff operations need two-factor sign-in on. */
    private readonly rolesNeedingTwoFactor: readonly string[] = [],
  ) {}

  async viewer(scope: Scope): Promise<UserRecord | null> {
    const check = scope.credentials;
    if (!check?.ok) return null;
    const { claims } = check;
    const cached = await scope.memo('accounts.cachedViewer', () => this.fromCache(scope, claims));
    return this.withStaffRequirement(cached ?? (await this.fromDatabase(scope, claims)));
  }

  /** Past the cache: whether the token still counts in the database (it refreshes the cache too). */
  async freshViewer(scope: Scope): Promise<UserRecord | null> {
    const check = scope.credentials;
    if (!check?.ok) return null;
    return this.withStaffRequirement(await this.fromDatabase(scope, check.claims));
  }

  /**
   * The viewer as every staff check sees it (src/common/roles.ts): a role that needs two-factor
   * sign-in, without it, is marked, so each check answers FORBIDDEN with reason TWO_FACTOR_REQUIRED.
   */
  private withStaffRequirement(user: UserRecord | null): UserRecord | null {
    if (!user || user.hasTwoFactor || !this.rolesNeedingTwoFactor.includes(user.role)) return user;
    return { ...user, lacksRequiredTwoFactor: true };
  }

  noViewer(scope: Scope): Error {
    return noViewerError(scope.credentials);
  }

  private async fromCache(scope: Scope, claims: VerifiedClaims): Promise<UserRecord | null> {
    const entry = this.cache.get(claims.sid);
    const now = Date.now();
    if (!entry || entry.user.id !== claims.sub || entry.user.passwordVersion !== claims.pwv || entry.expiresAt <= now) return null;
    if (now - entry.lastUsedAt >= SESSION_TOUCH_MS) {
      entry.lastUsedAt = now;
      this.touches.record({ userId: claims.sub, sessionId: claims.sid, at: now });
    }
    // The user loader then answers the viewer's own record (an author, `me`) from the same entry.
    accountLoaders(scope).userById.prime(entry.user.id, entry.user);
    return entry.user;
  }

  private async fromDatabase(scope: Scope, claims: VerifiedClaims): Promise<UserRecord | null> {
    // Read the probe before the check starts, as it belongs to the generation the check runs in.
    const sessionCheck = scope.memo('accounts.sessionCheck', () => this.checkSession(scope, claims));
    if (!(await sessionCheck)) return null;
    const user = await accountLoaders(scope).userById.load(claims.sub);
    if (!user || user.passwordVersion !== claims.pwv) return null;
    return user;
  }

  private async checkSession(scope: Scope, claims: VerifiedClaims): Promise<boolean> {
    const readStartedAt = Date.now();
    const probed = probedSession(scope);
    let user = await accountLoaders(scope).userById.load(claims.sub);
    let session = probed.session;
    if (session === undefined) {
      // The user came primed rather than from a batch (perhaps from the cache): read both on their own.
      const row = await accountRepository(scope).viewer(claims.sub, claims.sid);
      user = row?.user ?? null;
      session = row?.session ?? null;
    }
    const now = Date.now();
    if (!user || user.passwordVersion !== claims.pwv) return false;
    if (!session || session.revokedAt !== null || session.expiresAt <= now) return false;
    let lastUsedAt = session.lastUsedAt;
    if (now - lastUsedAt >= SESSION_TOUCH_MS) {
      lastUsedAt = now;
      this.touches.record({ userId: claims.sub, sessionId: claims.sid, at: now });
    }
    this.cache.set(claims.sid, { user, expiresAt: session.expiresAt, lastUsedAt }, readStartedAt);
    return true;
  }
}
