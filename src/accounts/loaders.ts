import DataLoader from 'dataloader';
import { accountRepository, type AccountRepository, type ViewerRow } from './repository';
import { claimsOf, type Scope } from './scope';
import type { UserRecord } from './types';
import type { UserCache } from './user-cache';

/**
 * The token's user and session: when a user batch holds the viewer, the session is read in the same
 * query and handed to found(), so the viewer costs no round trip beyond the users it is batched with.
 */
export interface ViewerSessionProbe {
  userId: string;
  sessionId: string;
  found(session: ViewerRow['session']): void;
}

export function createAccountLoaders(repo: AccountRepository, probe: ViewerSessionProbe | null = null, cache: UserCache | null = null) {
  return {
    userById: new DataLoader<string, UserRecord | null>(async (ids) => {
      const withViewer = probe !== null && ids.includes(probe.userId);
      const users = new Map<string, UserRecord>();
      // The instance's user cache answers what it holds; the viewer's row is always read, for its session.
      const missing = ids.filter((id) => {
        const hit = withViewer && id === probe.userId ? undefined : cache?.get(id);
        if (hit) users.set(id, hit);
        return !hit;
      });
      if (missing.length > 0) {
        const readStartedAt = Date.now();
        const rows = await repo.usersWithSession(missing, withViewer ? probe : null);
        if (withViewer) probe.found(rows.find((r) => r.user.id === probe.userId)?.session ?? null);
        for (const { user } of rows) {
          users.set(user.id, user);
          cache?.set(user, readStartedAt);
        }
      }
      return ids.map((id) => users.get(id) ?? null);
    }),
    interestsByUserId: new DataLoader<string, string[]>(async (ids) => {
      const interests = await repo.interestsByUserIds(ids);
      return ids.map((id) => interests.get(id) ?? []);
    }),
  };
}

export type AccountLoaders = ReturnType<typeof createAccountLoaders>;

/**
 * The instance's user cache, which the composition root puts in each request scope it builds
 * (src/app/request.ts); a scope built without it (unit tests) reads every user from the repository.
 */
export function userCacheOf(scope: Scope): UserCache | null {
  return scope.slot<UserCache | null>('accounts.userCache', () => null);
}

/** The session of this generation's viewer, once a user batch has read it (undefined until then). */
export function probedSession(scope: Scope): { session?: ViewerRow['session'] } {
  return scope.memo('accounts.probedSession', () => ({}));
}

/** The request's account loaders, fresh per loader generation; the user loader probes the viewer's session. */
export function accountLoaders(scope: Scope): AccountLoaders {
  return scope.memo('accounts.loaders', () => {
    const claims = claimsOf(scope);
    const probed = probedSession(scope);
    const probe = claims ? { userId: claims.sub, sessionId: claims.sid, found: (session: ViewerRow['session']) => (probed.session = session) } : null;
    return createAccountLoaders(accountRepository(scope), probe, userCacheOf(scope));
  });
}
