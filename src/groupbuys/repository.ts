import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import type { DbScope, Database, Tx } from '../db/database';
import { claimIdempotencyKey } from '../db/idempotency';
import type { GroupBuyOfferRecord, GroupBuyRecord } from './types';
import type { GroupBuyStartRefusal } from '../groups/level-rights';

const q = {
  start: cypher('groupbuys/start-group-buy'),
  join: cypher('groupbuys/join-group-buy'),
  complete: cypher('groupbuys/complete-group-buy'),
  expire: cypher('groupbuys/expire-group-buys'),
  byIds: cypher('groupbuys/group-buys-by-ids'),
  participants: cypher('groupbuys/participants'),
  merchantOf: cypher('groupbuys/merchant-of-group-buy'),
  createOffer: cypher('groupbuys/create-group-buy-offer'),
  closeOffer: cypher('groupbuys/close-group-buy-offer'),
  offersByIds: cypher('groupbuys/group-buy-offers-by-ids'),
  liveOffersOfProducts: cypher('groupbuys/live-offers-of-products'),
};

export type JoinOutcome = 'JOINED' | 'ALREADY_JOINED' | 'FULL' | 'EXPIRED' | 'COMPLETED' | 'IN_ANOTHER_GROUP' | 'OUT_OF_STOCK';
export type StartOutcome = 'STARTED' | 'OFFER_CLOSED' | 'ALREADY_IN_GROUP' | 'NO_GROUPS_LEFT' | 'OUT_OF_STOCK' | 'GROUP_REFUSED';
export type CreateOfferOutcome = 'CREATED' | 'FORBIDDEN' | 'PRICE_NOT_BELOW' | 'TOO_MANY_OFFERS';

export interface NewOffer {
  id: string;
  productId: string;
  viewerId: string;
  groupPrice: number;
  requiredSize: number;
  maxGroups: number;
  windowHours: number;
  endsAt: number | null;
  maxLiveOffers: number;
  now: number;
}

/** Rolls back a refused start, with the key it claimed. */
class StartRefused extends Error {
  constructor(readonly outcome: StartOutcome, readonly refusal: GroupBuyStartRefusal | null = null) {
    super(outcome);
  }
}

export class GroupBuyRepository {
  constructor(private readonly db: DbScope) {}

  /** Null when the product or the viewer does not exist. */
  async createOffer(offer: NewOffer): Promise<{ outcome: CreateOfferOutcome; priceMinor: number } | null> {
    const [row] = await this.db.write<{ outcome: CreateOfferOutcome; priceMinor: number }>(q.createOffer, { ...offer });
    return row ?? null;
  }

  /** Null when the offer does not exist; false when the viewer may not close it. */
  async closeOffer(id: string, viewerId: string, now: number): Promise<boolean | null> {
    const [row] = await this.db.write<{ allowed: boolean }>(q.closeOffer, { id, viewerId, now });
    return row ? row.allowed : null;
  }

  async offersByIds(ids: readonly string[]): Promise<GroupBuyOfferRecord[]> {
    return (await this.db.read<{ offer: GroupBuyOfferRecord }>(q.offersByIds, { ids })).map((r) => r.offer);
  }

  /** The live offer ids of each product, newest first, at most `limit` each. */
  async liveOffersOfProducts(productIds: readonly string[], now: number, limit: number): Promise<Map<string, string[]>> {
    const rows = await this.db.read<{ productId: string; ids: string[] }>(q.liveOffersOfProducts, { productIds, now, limit });
    return new Map(rows.map((r) => [r.productId, r.ids]));
  }

  /**
   * Starts a group from an offer; null when the offer or the starter does not exist. With a key,
   * a retry gets the first start's group buy (`fresh` false) and writes nothing (src/db/idempotency.ts).
   * A start in a group asks `inGroup` in the same transaction, after the start's own locks and with
   * the group's (membership, mute and the group's level right): a refusal rolls it all back.
   */
  async start(
    args: { id: string; offerId: string; starterId: string; shareCode: string; groupId: string | null; now: number },
    idempotencyKey: string | null,
    inGroup: ((tx: Tx, groupId: string) => Promise<GroupBuyStartRefusal | null>) | null = null,
  ): Promise<{ outcome: StartOutcome; id: string; fresh: boolean; refusal?: GroupBuyStartRefusal | null } | null> {
    return this.db.writeTx(async (tx) => {
      const input = { offerId: args.offerId, groupId: args.groupId };
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId: args.starterId, operation: 'startGroupBuy', key: idempotencyKey, input }) : null;
      if (claim && !claim.fresh) return { outcome: 'STARTED' as const, id: claim.resultId, fresh: false };
      const [row] = await tx.run<{ outcome: StartOutcome }>(q.start, args);
      if (!row) return null;
      if (row.outcome !== 'STARTED') throw new StartRefused(row.outcome);
      const refusal = args.groupId && inGroup ? await inGroup(tx, args.groupId) : null;
      if (refusal) throw new StartRefused('GROUP_REFUSED', refusal);
      await claim?.complete(args.id);
      return { outcome: row.outcome, id: args.id, fresh: true };
    }).catch((error: unknown) => {
      // A refusal rolls back, so the claimed key stays free for a retry that may succeed.
      if (error instanceof StartRefused) return { outcome: error.outcome, id: args.id, fresh: true, refusal: error.refusal };
      throw error;
    });
  }

  /** Commits one participant, under the group buy's lock; null when the group buy or the user does not exist. */
  static async join(tx: Tx, id: string, userId: string, now: number) {
    const [row] = await tx.run<{ outcome: JoinOutcome; participantCount: number; requiredSize: number }>(q.join, { id, userId, now });
    return row ?? null;
  }

  /** Completes a full group buy: one order per participant (ids given), each saying whether it came through the starter's link. */
  static complete(tx: Tx, id: string, orderIds: string[], now: number) {
    return tx.run<{ orderId: string; buyerId: string; totalMinor: number; currency: string; shareCode: string; viaStarter: boolean }>(q.complete, { id, orderIds, now });
  }

  static async merchantOf(tx: Tx, id: string): Promise<string> {
    const [product] = await tx.run<{ merchantId: string }>(q.merchantOf, { id });
    return product!.merchantId;
  }

  async byIds(ids: readonly string[]): Promise<GroupBuyRecord[]> {
    return (await this.db.read<{ groupBuy: GroupBuyRecord }>(q.byIds, { ids })).map((r) => r.groupBuy);
  }

  async participants(id: string, limit: number): Promise<string[]> {
    return (await this.db.read<{ id: string }>(q.participants, { id, limit })).map((r) => r.id);
  }

  /** Fails every open group buy past its time and returns them; used by the sweeper. */
  static async expireDue(db: Database, now: number) {
    return db.scope().write<{ id: string; groupId: string | null }>(q.expire, { now });
  }
}

/** The groupbuys repository of a request, over its counted DbScope (made once per request). */
export function groupBuyRepository(scope: RequestScope): GroupBuyRepository {
  return scope.slot('groupbuys.repository', () => new GroupBuyRepository(scope.db));
}
