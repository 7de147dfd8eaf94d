import { formatMoney } from './api';

/** An amount as the API returns it: minor units of one currency. */
export interface Amount {
  amountMinor: number;
  currency: string;
}

/** A total over several currencies (one amount each), shown as "¥12.00 + US$3.00"; "¥0.00" when empty. */
export const formatAmounts = (amounts: readonly Amount[]) => (amounts.length ? amounts.map((a) => formatMoney(a.amountMinor, a.currency)).join(' + ') : formatMoney(0));

/**
 * One number to size things by (the tree's circles): the amounts' minor units added up. Only for
 * relative sizes, never shown: minor units of different currencies are not one amount.
 */
export const sizeOfAmounts = (amounts: readonly Amount[]) => amounts.reduce((sum, a) => sum + a.amountMinor, 0);
