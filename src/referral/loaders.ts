import DataLoader from 'dataloader';
import { referralRepository, type ReferralRepository, type ShareLinkRecord } from './repository';
import type { RequestScope } from '../request/scope';

export function createReferralLoaders(repo: ReferralRepository) {
  return {
    shareLinkByCode: new DataLoader<string, ShareLinkRecord | null>(async (codes) => {
      const links = new Map((await repo.linksByCodes(codes)).map((l) => [l.code, l]));
      return codes.map((code) => links.get(code) ?? null);
    }),
  };
}

export type ReferralLoaders = ReturnType<typeof createReferralLoaders>;

/** The request's referral loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function referralLoaders(scope: RequestScope): ReferralLoaders {
  return scope.memo('referral.loaders', () => {
    const repo = referralRepository(scope);
    return createReferralLoaders(repo);
  });
}
