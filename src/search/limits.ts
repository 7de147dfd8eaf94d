import type { Config } from '../config';
import type { Logger } from '../common/logger';
import { RateLimit, type RateStore } from '../common/rate-limiter';
import type { SearchLimits } from './service';

/**
 * Search and suggestions share one allowance per user and one per IP, a minute each. Shared
 * through `store` (the event bus's Redis) when there is one, like the login limits, so replicas
 * do not multiply it.
 */
export function createSearchLimits(config: Config, store: RateStore | null = null, logger?: Logger): SearchLimits {
  const onStoreError = (error: Error) => logger?.warn('rate-limit store failed; counting in this instance only', { error: error.message });
  return {
    perUser: new RateLimit('search-user', config.searchMaxPerUserPerMinute, 60_000, store, onStoreError),
    perIp: new RateLimit('search-ip', config.searchMaxPerIpPerMinute, 60_000, store, onStoreError),
  };
}
