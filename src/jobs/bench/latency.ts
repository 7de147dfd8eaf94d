/**
 * Latency percentiles from every request's own latency. autocannon's summary has no p95 (its
 * nearest, p97.5, used to be printed as p95), so the bench records each response time itself.
 */
export class LatencyRecorder {
  private readonly samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  /** p50, p95 and p99 in milliseconds, two decimals (NaN when nothing was recorded). */
  summary(): { p50: number; p95: number; p99: number } {
    const sorted = [...this.samples].sort((a, b) => a - b);
    return { p50: round2(percentile(sorted, 50)), p95: round2(percentile(sorted, 95)), p99: round2(percentile(sorted, 99)) };
  }
}

/**
 * The nearest-rank percentile of ascending samples: the smallest sample that at least p% of the
 * samples are at or below.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
