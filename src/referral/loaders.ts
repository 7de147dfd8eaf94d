import DataLoader from 'dataloader';
import type { ReferralRepository, ShareLinkRecord } from './repository';

export function createReferralLoaders(repo: ReferralRepository) {
  return {
    shareLinkByCode: new DataLoader<string, ShareLinkRecord | null>(async (codes) => {
      const links = new Map((await repo.linksByCodes(codes)).map((l) => [l.code, l]));
      return codes.map((code) => links.get(code) ?? null);
    }),
  };
}

export type ReferralLoaders = ReturnType<typeof createReferralLoaders>;
