/** The live-room rules that need no database: limits, who may do what, and the flash offer's terms. */

export const LIVE_LIMITS = {
  title: 80,
  comment: 200,
  /** Products a room features; its lineup is a plain list of at most this many. */
  lineup: 50,
  moderators: 20,
  /** How far ahead a room may be scheduled. */
  scheduleDays: 60,
  /** A room may be scheduled a little in the past (a host going live right away, clocks that differ). */
  scheduleSlackMs: 5 * 60_000,
  muteMinutes: 7 * 24 * 60,
  flashQuantity: 100_000,
  flashSeconds: 24 * 3600,
  /** Taps a client may send in one likeRoom call (it sums the taps of the last moments). */
  likesPerCall: 100,
  /** Minutes a room's stats chart: the first 24 hours of its stream. */
  timelineMinutes: 24 * 60,
} as const;

/** The highest flash price a pin may set (the product price's own cap); it must also be below the product's price. */
export const MAX_FLASH_PRICE_MINOR = 100_000_000_00;

/** The minute a moment falls in, as the per-minute timeline keys it (epoch milliseconds of its start). */
export const minuteOf = (at: number) => Math.floor(at / 60_000) * 60_000;

export type RoomPart = 'HOST' | 'MODERATOR' | null;

/** Running the stream (start, end, naming moderators) is the host's; pins and mutes are the host's and the moderators'. */
export const mayModerate = (part: RoomPart) => part === 'HOST' || part === 'MODERATOR';

/**
 * A flash offer comes whole or not at all: a price with units, optionally for a time. Answers the
 * field at fault, or null when the terms hold together.
 */
export function flashTermsFault(terms: { flashPriceMinor?: number | null; flashQuantity?: number | null; seconds?: number | null }): string | null {
  const price = terms.flashPriceMinor != null;
  const quantity = terms.flashQuantity != null;
  if (price !== quantity) return price ? 'flashQuantity' : 'flashPriceMinor';
  if (terms.seconds != null && !price) return 'seconds';
  return null;
}

/** Whether a pin's flash price still holds at `now` for `qty` more units. */
export function flashHolds(pin: { flashPriceMinor: number | null; flashLeft: number | null; endsAt: number | null; unpinnedAt: number | null }, qty: number, now: number): boolean {
  return pin.flashPriceMinor !== null && pin.unpinnedAt === null && (pin.endsAt === null || pin.endsAt > now) && (pin.flashLeft ?? 0) >= qty;
}
