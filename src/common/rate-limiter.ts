import { rateLimited } from './errors';

/**
 * Fixed-window counters kept in this process. With several API instances each keeps its own
 * counts, so the effective limit is per instance; a shared store is the scale issue's concern.
 */
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
