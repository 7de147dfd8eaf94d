import DataLoader from 'dataloader';
import { socialRepository, type SocialRepository } from './repository';
import type { RequestScope } from '../request/scope';
import { NO_RELATION, ViewerRelation } from './types';

export function createSocialLoaders(repo: SocialRepository, viewerId: () => Promise<string | null>) {
  return {
    /** How each user relates to the viewer (follows, blocks), one round trip per batch. */
    relationToViewer: new DataLoader<string, ViewerRelation>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => NO_RELATION);
      const relations = await repo.relationsToViewer(viewer, ids);
      return ids.map((id) => relations.get(id) ?? NO_RELATION);
    }),
  };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;

/** The request's social loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function socialLoaders(scope: RequestScope): SocialLoaders {
  return scope.memo('social.loaders', () => {
    const repo = socialRepository(scope);
    return createSocialLoaders(repo, () => scope.viewerId());
  });
}
