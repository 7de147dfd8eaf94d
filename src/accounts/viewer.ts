import type { Logger } from '../common/logger';
import { accountLoaders, probedSession } from './loaders';
import { accountRepository } from './repository';
import { noViewerError, type AccountViewerSource, type Scope } from './scope';
import type { VerifiedClaims } from './tokens';
import type { UserRecord } from './types';

/** A session's lastUsedAt is written at most this often. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The viewer of a request, for the request scope. A token counts only while its account exists, its
 * password version matches (changing the password signs every other token out) and its session is
 * live (not logged out, revoked or expired). The session is read in the user loader's batch, so the
 * viewer costs no more round trips than the user alone did before; it is checked once per loader
 * generation (a subscription re-checks per event).
 */
export class AccountViewers implements AccountViewerSource {
  constructor(private readonly logger: Logger) {}

  async viewer(scope: Scope): Promise<UserRecord | null> {
    const check = scope.credentials;
    if (!check?.ok) return null;
    const { claims } = check;
    // Read the probe before the check starts, as it belongs to the generation the check runs in.
    const sessionCheck = scope.memo('accounts.sessionCheck', () => this.checkSession(scope, claims));
    if (!(await sessionCheck)) return null;
    const user = await accountLoaders(scope).userById.load(claims.sub);
    if (!user || user.passwordVersion !== claims.pwv) return null;
    return user;
  }

  noViewer(scope: Scope): Error {
    return noViewerError(scope.credentials);
  }

  private async checkSession(scope: Scope, claims: VerifiedClaims): Promise<boolean> {
    const probed = probedSession(scope);
    const user = await accountLoaders(scope).userById.load(claims.sub);
    if (!user || user.passwordVersion !== claims.pwv) return false;
    const repo = accountRepository(scope);
    // The user came primed rather than from a batch: read the session on its own.
    const session = probed.session !== undefined ? probed.session : ((await repo.viewer(claims.sub, claims.sid))?.session ?? null);
    const now = Date.now();
    if (!session || session.revokedAt !== null || session.expiresAt <= now) return false;
    if (now - session.lastUsedAt >= SESSION_TOUCH_MS) {
      // At most one write per session a minute; a failure to record it must not fail the request.
      await repo.touchSession(claims.sub, claims.sid, now, SESSION_TOUCH_MS).catch((error: unknown) => {
        this.logger.warn('could not record session use', { error: (error as Error).message });
      });
    }
    return true;
  }
}
