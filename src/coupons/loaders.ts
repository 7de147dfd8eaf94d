import DataLoader from 'dataloader';
import { couponRepository, type CouponRepository } from './repository';
import type { RequestScope } from '../request/scope';
import type { CouponClaimRecord, CouponRecord } from './types';

export function createCouponLoaders(repo: CouponRepository) {
  return {
    couponById: new DataLoader<string, CouponRecord | null>(async (ids) => {
      const coupons = new Map((await repo.couponsByIds(ids)).map((c) => [c.id, c]));
      return ids.map((id) => coupons.get(id) ?? null);
    }),
    claimById: new DataLoader<string, CouponClaimRecord | null>(async (ids) => {
      const claims = new Map((await repo.claimsByIds(ids)).map((c) => [c.id, c]));
      return ids.map((id) => claims.get(id) ?? null);
    }),
  };
}

/** The request's coupon loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function couponLoaders(scope: RequestScope) {
  return scope.memo('coupons.loaders', () => createCouponLoaders(couponRepository(scope)));
}
