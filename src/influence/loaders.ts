import DataLoader from 'dataloader';
import type { InfluenceRepository } from './repository';
import type { InfluenceRecord } from './types';

export function createInfluenceLoaders(repo: InfluenceRepository) {
  return {
    influenceByUserId: new DataLoader<string, InfluenceRecord | null>(async (ids) => {
      const rows = new Map((await repo.byIds(ids)).map(({ id, ...rec }) => [id, rec]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
  };
}

export type InfluenceLoaders = ReturnType<typeof createInfluenceLoaders>;
