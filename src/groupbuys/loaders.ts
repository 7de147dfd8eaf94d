import DataLoader from 'dataloader';
import type { GroupBuyRepository } from './repository';
import type { GroupBuyRecord } from './types';

export function createGroupBuyLoaders(repo: GroupBuyRepository) {
  return {
    groupBuyById: new DataLoader<string, GroupBuyRecord | null>(async (ids) => {
      const buys = new Map((await repo.byIds(ids)).map((b) => [b.id, b]));
      return ids.map((id) => buys.get(id) ?? null);
    }),
  };
}

export type GroupBuyLoaders = ReturnType<typeof createGroupBuyLoaders>;
