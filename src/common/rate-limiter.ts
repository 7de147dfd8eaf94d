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
      const [count, ttlMs] = (await this.store.eval(script, 1, this.key(key), this.windowMs)) as [number, number];
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
