import DataLoader from 'dataloader';
import { groupBuyRepository, type GroupBuyRepository } from './repository';
import type { RequestScope } from '../request/scope';
import type { GroupBuyOfferRecord, GroupBuyRecord } from './types';

/** Offers that take new groups, per product at once: buyers choose among a few, not a catalogue. */
export const MAX_LIVE_OFFERS_PER_PRODUCT = 10;

export function createGroupBuyLoaders(repo: GroupBuyRepository) {
  return {
    groupBuyById: new DataLoader<string, GroupBuyRecord | null>(async (ids) => {
      const buys = new Map((await repo.byIds(ids)).map((b) => [b.id, b]));
      return ids.map((id) => buys.get(id) ?? null);
    }),
    groupBuyOfferById: new DataLoader<string, GroupBuyOfferRecord | null>(async (ids) => {
      const offers = new Map((await repo.offersByIds(ids)).map((o) => [o.id, o]));
      return ids.map((id) => offers.get(id) ?? null);
    }),
    liveOfferIdsByProductId: new DataLoader<string, string[]>(async (productIds) => {
      const byProduct = await repo.liveOffersOfProducts(productIds, Date.now(), MAX_LIVE_OFFERS_PER_PRODUCT);
      return productIds.map((id) => byProduct.get(id) ?? []);
    }),
  };
}

export type GroupBuyLoaders = ReturnType<typeof createGroupBuyLoaders>;

/** The request's groupbuys loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function groupBuyLoaders(scope: RequestScope): GroupBuyLoaders {
  return scope.memo('groupbuys.loaders', () => {
    const repo = groupBuyRepository(scope);
    return createGroupBuyLoaders(repo);
  });
}
