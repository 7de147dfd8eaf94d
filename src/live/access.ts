import type { Scope } from '../accounts/scope';

/** What an order placed in a live room takes from the room, worked out before the order's transaction. */
export interface LiveOrderContext {
  roomId: string;
  /** The order is credited through the host's LIVE share link to this product (the pinned one, else the first featured). */
  hostId: string;
  creditedProductId: string;
  /** The community the room is for: an order placed in its room is placed in it (its group stats count it). */
  groupId: string | null;
  /** People watching the room as the order is placed: they scale its link's velocity limit (src/commissions/rules.ts). */
  viewers: number;
  /** The room's pin whose flash price may apply, when the order holds its product. */
  flash: { pinId: string; productId: string; payRegularPriceIfGone: boolean } | null;
}

/**
 * What placing an order asks of live rooms, as a narrow interface (commerce imports no live
 * service): LiveService implements it, the composition root hands it to CommerceService.
 */
export interface LiveOrders {
  /** Fails (NOT_FOUND, INVALID_STATE, INVALID) unless the viewer may buy in the room what the order holds. */
  orderContext(scope: Scope, roomId: string, productIds: string[], payRegularPriceIfGone: boolean): Promise<LiveOrderContext>;
  /** Announces a committed order of the room (its purchase count, the flash units left). */
  ordered(roomId: string, counts: { purchases: number; flashLeft: number | null }): void;
}
