import { totalsByCurrency, type Money } from './money';

/**
 * The most currencies one GMV figure (a link's, a sharer's, a KOL's) may hold. GMV is a total over
 * orders that may be in several currencies, so it is one Money per currency; the schema states
 * this bound on every GMV list and the cost limit counts each list at it (src/server/limits.ts).
 * A figure over more currencies fails loudly rather than dropping one: no silent cap.
 */
export const MAX_GMV_CURRENCIES = 10;

/** The description every GMV list carries, with the bound the code enforces. */
export const GMV_LIST = `One amount per currency, in currency order (at most ${MAX_GMV_CURRENCIES} currencies; a figure over more fails rather than drop one); empty without orders.`;

/** Per-currency totals of a GMV figure, refusing more currencies than the schema states. */
export function gmvOf(amounts: Iterable<{ amountMinor: number; currency: string }>): Money[] {
  const totals = totalsByCurrency(amounts);
  if (totals.length > MAX_GMV_CURRENCIES) throw new Error(`a GMV over ${totals.length} currencies is more than the ${MAX_GMV_CURRENCIES} the schema states`);
  return totals;
}
