/**
 * Whether a feed page's query should bring its note and author records itself.
 *
 * A page read without them is one cheap round trip when the instance's note and user caches hold
 * its records, and three when they hold none (the page, then a batch of notes and a batch of
 * authors, side by side). Bringing them costs Neo4j a projection of every note and author, which
 * is wasted on a page the caches could have answered. Which is cheaper depends on how often the
 * caches hold what pages show: one viewer scrolling is nearly always warm; many viewers over a
 * large graph, or an instance just started, nearly always cold. So the decision follows the
 * recent share of page records the caches held, measured on every page either way (a page read
 * with its records still asks the caches what they would have answered).
 */
export class PageRecordsPolicy {
  /** A moving average of the share of a page's records the caches held (1 = all of them). */
  private heldShare: number;

  /**
   * @param threshold below this held share, pages bring their records (0 never, 1 always)
   * @param weight how much each page moves the average (about the last 1/weight pages count)
   */
  constructor(
    private readonly threshold: number,
    private readonly weight = 0.05,
  ) {
    if (!(threshold >= 0 && threshold <= 1)) throw new Error('the held-share threshold is a fraction from 0 to 1');
    // A fresh instance holds nothing: its first pages bring their records, which fill the caches.
    this.heldShare = 0;
  }

  withRecords(): boolean {
    if (this.threshold >= 1) return true;
    return this.heldShare < this.threshold;
  }

  /** One page: of its `total` records (notes and authors), the caches held `held`. */
  observe(held: number, total: number): void {
    if (total <= 0) return;
    this.heldShare += this.weight * (held / total - this.heldShare);
  }

  /** The current moving average, for metrics and tests. */
  share(): number {
    return this.heldShare;
  }
}
