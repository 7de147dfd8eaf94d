/** Multi-touch attribution of one order to its touchpoints, as pure functions. */

export enum AttributionModel {
  FIRST_TOUCH = 'FIRST_TOUCH',
  LAST_TOUCH = 'LAST_TOUCH',
  LINEAR = 'LINEAR',
  POSITION_BASED = 'POSITION_BASED',
}

export interface Touch {
  /** SHARE_LINK and DIRECT_MESSAGE touches name a share link (ref: its code); an order is credited through the latest one. */
  kind: 'SHARE_LINK' | 'NOTE' | 'GROUP' | 'DIRECT_MESSAGE' | 'LIVE';
  ref: string;
  at: number;
}

/** Weights in time order, summing to 1. POSITION_BASED is 40/20/40: first and last 40%, the middle shares 20%. */
export function weights(model: AttributionModel, n: number): number[] {
  if (n === 0) return [];
  if (n === 1) return [1];
  switch (model) {
    case AttributionModel.FIRST_TOUCH:
      return Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0));
    case AttributionModel.LAST_TOUCH:
      return Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : 0));
    case AttributionModel.LINEAR:
      return Array.from({ length: n }, () => 1 / n);
    case AttributionModel.POSITION_BASED:
      if (n === 2) return [0.5, 0.5];
      return Array.from({ length: n }, (_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)));
  }
}

/**
 * Splits an amount in minor units by weight so that the parts are whole and add up exactly
 * (largest remainder; ties go to the later touch, the one closer to the purchase).
 */
export function splitAmount(totalMinor: number, shares: number[]): number[] {
  const raw = shares.map((w) => totalMinor * w);
  const parts = raw.map(Math.floor);
  let left = totalMinor - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, rest: r - Math.floor(r) })).sort((a, b) => b.rest - a.rest || b.i - a.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left--;
  }
  return parts;
}

export function attribute(model: AttributionModel, touches: Touch[], totalMinor: number) {
  const sorted = [...touches].sort((a, b) => a.at - b.at || (a.ref < b.ref ? -1 : 1));
  const w = weights(model, sorted.length);
  const credit = splitAmount(totalMinor, w);
  return sorted.map((touch, i) => ({ ...touch, weight: w[i]!, creditMinor: credit[i]! }));
}

/** What the database knows about one share link, as far as crediting an order to it goes. */
export interface LinkOpening {
  targetType: 'NOTE' | 'PRODUCT' | 'GROUP';
  targetId: string;
  /** When the buyer last opened it, signed in or under one of their visitor ids; null if never. */
  lastOpenedAt: number | null;
  /** For a note link: whether the note features one of the ordered products. */
  noteFeaturesOrderedProduct: boolean;
}

export interface OrderScope {
  productIds: string[];
  /** The group the order is placed in, if any. */
  groupId: string | null;
  /** Start of the attribution window. */
  since: number;
}

export type CreditRefusal = 'NOT_OPENED' | 'OPENED_BEFORE_WINDOW' | 'OTHER_TARGET';

/**
 * Whether an order may credit a share link, or why not. A link earns credit only for what it
 * shared and only if the buyer came through it recently: without both, anyone could name a
 * friend's code at checkout and hand them a commission they did nothing for.
 */
export function creditRefusal(link: LinkOpening, order: OrderScope): CreditRefusal | null {
  const forThisOrder =
    (link.targetType === 'PRODUCT' && order.productIds.includes(link.targetId)) ||
    (link.targetType === 'NOTE' && link.noteFeaturesOrderedProduct) ||
    (link.targetType === 'GROUP' && order.groupId !== null && link.targetId === order.groupId);
  if (!forThisOrder) return 'OTHER_TARGET';
  if (link.lastOpenedAt === null) return 'NOT_OPENED';
  if (link.lastOpenedAt < order.since) return 'OPENED_BEFORE_WINDOW';
  return null;
}
