import { rateLimited } from './errors';

/** Fixed-window counters kept in this process; RateLimit (below) adds the shared counts. */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private current(key: string) {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    return window;
  }

  /** Throws RATE_LIMITED when the key has used up its window. */
  check(key: string): void {
    const window = this.current(key);
    if (window.count >= this.limit) throw rateLimited(Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000)));
  }

  hit(key: string): void {
    this.current(key).count++;
  }

  /** check, then count this attempt. */
  consume(key: string): void {
    this.check(key);
    this.hit(key);
  }

  /**
   * Counts this attempt before it runs and throws RATE_LIMITED when none is left. Check and count
   * happen in one synchronous step, so parallel requests cannot all pass the check first.
   */
  reserve(key: string): void {
    this.consume(key);
  }

  /** Gives back one reserved attempt (one that turned out not to count). */
  release(key: string): void {
    const window = this.windows.get(key);
    if (window && window.resetAt > this.now() && window.count > 0) window.count--;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/** The slice of an ioredis client a shared rate limit uses. */
export interface RateStore {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

// Counts one attempt in a fixed window that starts at the first: INCR, and the expiry only when
// the key is new. Returns the count and the window's remaining milliseconds.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;
const PEEK = `return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1])}`;
// Reserves one attempt: counts it, and takes it back at once when the window has none left, so
// refused attempts do not eat into a later window's allowance. ARGV[2] is the limit.
const RESERVE = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n > tonumber(ARGV[2]) then redis.call('DECR', KEYS[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;
// Gives one reserved attempt back, never below zero and never reviving an expired window.
const RELEASE = `local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then n = redis.call('DECR', KEYS[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * A rate limit for the API. Every instance counts locally; with a shared store (Redis, when
 * REDIS_URL is set) the counts are also shared, so N instances do not allow N times the limit.
 * If the store fails, the local count still applies: the limit degrades to per instance rather
 * than to none, and logins keep working.
 */
export class RateLimit {
  private readonly local: RateLimiter;

  constructor(
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly store: RateStore | null = null,
    private readonly onStoreError: (error: Error) => void = () => undefined,
    now: () => number = Date.now,
  ) {
    this.local = new RateLimiter(limit, windowMs, now);
  }

  private key(key: string) {
    return `zhongcao:rate:${this.name}:${key}`;
  }

  private async shared(script: string, key: string): Promise<{ count: number; ttlMs: number } | null> {
    if (!this.store) return null;
    try {
      const [count, ttlMs] = (await this.store.eval(script, 1, this.key(key), this.windowMs, this.limit)) as [number, number];
      return { count, ttlMs };
    } catch (error) {
      this.onStoreError(error as Error);
      return null;
    }
  }

  /** Throws RATE_LIMITED when the key has used up its window, here or across instances. */
  async check(key: string): Promise<void> {
    this.local.check(key);
    const shared = await this.shared(PEEK, key);
    if (shared && shared.count >= this.limit) throw rateLimited(Math.max(1, Math.ceil(shared.ttlMs / 1000)));
  }

  async hit(key: string): Promise<void> {
    this.local.hit(key);
    await this.shared(HIT, key);
  }

  /** Counts this attempt, and throws RATE_LIMITED when it is over the limit. */
  async consume(key: string): Promise<void> {
    this.local.consume(key);
    const shared = await this.shared(HIT, key);
    if (shared && shared.count > this.limit) throw rateLimited(Math.max(1, Math.ceil(shared.ttlMs / 1000)));
  }

  /**
   * Reserves one attempt before the work it limits runs (a bcrypt comparison, say), here and
   * across instances, and throws RATE_LIMITED when none is left. Parallel requests each take their
   * own unit, so at most `limit` of them ever run. Keep it for an attempt that counts (a failure);
   * give it back with release() for one that does not.
   */
  async reserve(key: string): Promise<void> {
    this.local.reserve(key);
    const shared = await this.shared(RESERVE, key);
    if (shared && shared.count > this.limit) {
      this.local.release(key);
      throw rateLimited(Math.max(1, Math.ceil(shared.ttlMs / 1000)));
    }
  }

  async release(key: string): Promise<void> {
    this.local.release(key);
    await this.shared(RELEASE, key);
  }

  async reset(key: string): Promise<void> {
    this.local.reset(key);
    if (!this.store) return;
    try {
      await this.store.del(this.key(key));
    } catch (error) {
      this.onStoreError(error as Error);
    }
  }
}
