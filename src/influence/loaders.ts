import DataLoader from 'dataloader';
import { influenceRepository, type InfluenceRepository } from './repository';
import type { RequestScope } from '../request/scope';
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

/** The request's influence loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function influenceLoaders(scope: RequestScope): InfluenceLoaders {
  return scope.memo('influence.loaders', () => {
    const repo = influenceRepository(scope);
    return createInfluenceLoaders(repo);
  });
}
