import { verifyToken } from '../accounts/tokens';
import type { Scope } from '../accounts/scope';
import { RequestScope, type Instances, type RequestInfo } from '../request/scope';
import type { AppDeps } from './deps';
import type { Services } from './services';

/**
 * The scope of one GraphQL operation. The token is verified here, once per request; the viewer is
 * resolved from it by the accounts module's viewer source, lazily and cached per loader generation.
 */
export function createRequestScope(deps: AppDeps, services: Services, instances: Instances, request: RequestInfo): Scope {
  const scope: Scope = new RequestScope({
    db: deps.db,
    request,
    credentials: request.token ? verifyToken(request.token, deps.config.jwtSecret) : null,
    viewers: services.viewers,
    instances,
  });
  // The user loaders read through the instance's user cache (src/accounts/loaders.ts, userCacheOf).
  scope.slot('accounts.userCache', () => services.userCache);
  // The note loaders read through the instance's note cache (src/content/loaders.ts, noteCacheOf).
  scope.slot('content.noteCache', () => services.noteCache);
  return scope;
}
