import type { Config } from '../config';
import type { Logger } from '../common/logger';
import { RateLimit, type RateStore } from '../common/rate-limiter';

/** The login and sign-up limits, shared by every request of the process. */
export interface AccountLimits {
  loginPerAccount: RateLimit;
  loginPerIp: RateLimit;
  signUpPerIp: RateLimit;
  /** Wrong two-factor and recovery codes, per account: its own allowance, the same size as the password's. */
  twoFactorPerAccount: RateLimit;
}

/** The login and sign-up limits; shared through `store` (the event bus's Redis) when there is one. */
export function createLimits(config: Config, store: RateStore | null = null, logger?: Logger): AccountLimits {
  const windowMs = config.loginWindowSeconds * 1000;
  const onStoreError = (error: Error) => logger?.warn('rate-limit store failed; counting in this instance only', { error: error.message });
  return {
    loginPerAccount: new RateLimit('login-account', config.loginMaxFailuresPerAccount, windowMs, store, onStoreError),
    loginPerIp: new RateLimit('login-ip', config.loginMaxAttemptsPerIp, windowMs, store, onStoreError),
    signUpPerIp: new RateLimit('sign-up-ip', config.signUpMaxPerIp, windowMs, store, onStoreError),
    twoFactorPerAccount: new RateLimit('two-factor-account', config.loginMaxFailuresPerAccount, windowMs, store, onStoreError),
  };
}
