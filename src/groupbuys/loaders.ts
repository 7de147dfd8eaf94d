import DataLoader from 'dataloader';
import type { GroupBuyRepository } from './repository';
import type { GroupBuyOfferRecord, GroupBuyRecord } from './types';

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
  };
}

export type GroupBuyLoaders = ReturnType<typeof createGroupBuyLoaders>;
