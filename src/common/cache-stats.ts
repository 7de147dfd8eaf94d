/** How often a cache answered a lookup, for the metrics endpoint (zhongcao_cache_lookups_total). */
export class CacheStats {
  hits = 0;
  misses = 0;

  /** Counts one lookup and hands its answer back. */
  record<T>(value: T | undefined): T | undefined {
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }
}
