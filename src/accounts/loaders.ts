import DataLoader from 'dataloader';
import type { AccountRepository } from './repository';
import type { UserRecord } from './types';

export function createAccountLoaders(repo: AccountRepository) {
  return {
    userById: new DataLoader<string, UserRecord | null>(async (ids) => {
      const users = new Map((await repo.usersByIds(ids)).map((u) => [u.id, u]));
      return ids.map((id) => users.get(id) ?? null);
    }),
    interestsByUserId: new DataLoader<string, string[]>(async (ids) => {
      const interests = await repo.interestsByUserIds(ids);
      return ids.map((id) => interests.get(id) ?? []);
    }),
  };
}

export type AccountLoaders = ReturnType<typeof createAccountLoaders>;
