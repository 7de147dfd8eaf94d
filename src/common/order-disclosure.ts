/**
 * Which figures about other people's orders analytics may publish (kolReport's conversions and
 * GMV, the REFERRAL and GMV leaderboards, groupStats' orders and GMV). Pure: no I/O.
 */

/**
 * K: the fewest distinct buyers behind a day of order figures that may be published to someone
 * who is not platform staff. A day with one buyer shows that buyer's order total outright, and a
 * day with two lets either buyer subtract their own; from three on, no single order's amount can
 * be read off a day. Totals are sums of published days only, so differencing two periods
 * isolates at most whole published days, never a withheld one.
 */
export const MIN_BUYERS_PER_DAY = 3;

/** One UTC day of orders behind a figure (a sharer's, a group's). */
export interface OrderDay {
  dayStart: number;
  orders: number;
  buyers: number;
  gmvMinor: number;
}

/** A day as published: orders and GMV null when withheld. */
export interface PublishedDay {
  dayStart: number;
  orders: number | null;
  gmvMinor: number | null;
}

/** The fewest buyers a day needs to be shown: staff (and owners of the figure) see every day. */
export function minBuyersPerDay(seesEveryOrder: boolean): number {
  return seesEveryOrder ? 1 : MIN_BUYERS_PER_DAY;
}

/** Whether a day's order figures may be shown to a viewer who needs minBuyers (minBuyersPerDay). */
export const dayIsPublished = (day: { buyers: number }, minBuyers: number): boolean => day.buyers >= minBuyers;

export function publishDays(days: readonly OrderDay[], minBuyers: number): PublishedDay[] {
  return days.map((d) => (dayIsPublished(d, minBuyers) ? { dayStart: d.dayStart, orders: d.orders, gmvMinor: d.gmvMinor } : { dayStart: d.dayStart, orders: null, gmvMinor: null }));
}

/** Orders and GMV over the published days only: a withheld day adds nothing to any total. */
export function publishedTotals(days: readonly PublishedDay[]): { orders: number; gmvMinor: number } {
  return days.reduce((t, d) => ({ orders: t.orders + (d.orders ?? 0), gmvMinor: t.gmvMinor + (d.gmvMinor ?? 0) }), { orders: 0, gmvMinor: 0 });
}
