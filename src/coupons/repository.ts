import { cypher } from '../db/cypher';
import type { RequestScope } from '../request/scope';
import type { DbScope, Tx } from '../db/database';
import type { Position } from '../common/pagination';
import type { KeyedItem } from '../common/connection';
import type { CouponClaimRecord, CouponClaimStatus, CouponRecord, CouponScope, CouponStatus } from './types';

const q = {
  create: cypher('coupons/create-coupon'),
  byIds: cypher('coupons/coupons-by-ids'),
  claimsByIds: cypher('coupons/claims-by-ids'),
  claim: cypher('coupons/claim-coupon'),
  claimablePage: cypher('coupons/claimable-page'),
  countClaimable: cypher('coupons/count-claimable'),
  myPage: cypher('coupons/my-coupons-page'),
  countMine: cypher('coupons/count-my-coupons'),
  proposalsPage: cypher('coupons/proposals-page'),
  countProposals: cypher('coupons/count-proposals'),
  decide: cypher('coupons/decide-coupon'),
  viewerClaims: cypher('coupons/viewer-claims'),
  claimedBy: cypher('coupons/claimed-by'),
  applyToOrder: cypher('coupons/apply-to-order'),
  returnFromOrder: cypher('coupons/return-from-order'),
};

export type NewCoupon = Omit<CouponRecord, 'claimedCount' | 'createdAt' | 'decidedAt'>;

export interface ClaimableFilter {
  scope: CouponScope | null;
  merchantId: string | null;
  productId: string | null;
  groupId: string | null;
}

export type ClaimOutcome = 'CLAIMED' | 'NOT_FOUND' | 'WINDOW_CLOSED' | 'LIMIT_REACHED' | 'EXHAUSTED';

/** What placeOrder writes of its coupons: each claim's discount, each line's share and the order's totals. */
export interface OrderCouponUse {
  orderId: string;
  buyerId: string;
  uses: { couponId: string; discountMinor: number }[];
  lines: { productId: string; discountMinor: number; paidMinor: number }[];
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  now: number;
}

export class CouponRepository {
  constructor(private readonly db: DbScope) {}

  /** Creates the coupon; null when `managerGroupId` is given and the creator is not an admin or owner of that group. */
  static async create(tx: Tx, coupon: NewCoupon, managerGroupId: string | null, now: number): Promise<string | null> {
    const [row] = await tx.run<{ id: string }>(q.create, { ...coupon, managerGroupId, now });
    return row?.id ?? null;
  }

  async couponsByIds(ids: readonly string[]): Promise<CouponRecord[]> {
    return (await this.db.read<{ coupon: CouponRecord }>(q.byIds, { ids })).map((r) => r.coupon);
  }

  async claimsByIds(ids: readonly string[]): Promise<CouponClaimRecord[]> {
    return (await this.db.read<{ claim: CouponClaimRecord }>(q.claimsByIds, { ids })).map((r) => r.claim);
  }

  /** One unit for the user, decided under the coupon's lock (claim-coupon). */
  static async claim(tx: Tx, args: { couponId: string; userId: string; id: string; source: string; now: number }): Promise<{ outcome: ClaimOutcome; claimId: string | null; held: number } | null> {
    const [row] = await tx.run<{ outcome: ClaimOutcome; claimId: string | null; held: number }>(q.claim, args);
    return row ?? null;
  }

  async claimablePage(viewerId: string | null, filter: ClaimableFilter, now: number, after: Position | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.claimablePage, { viewerId, ...filter, now, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countClaimable(viewerId: string | null, filter: ClaimableFilter, now: number): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countClaimable, { viewerId, ...filter, now });
    return row?.total ?? 0;
  }

  async myPage(userId: string, status: CouponClaimStatus, now: number, after: Position | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.myPage, { userId, status, now, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countMine(userId: string, status: CouponClaimStatus, now: number): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countMine, { userId, status, now });
    return row?.total ?? 0;
  }

  async proposalsPage(merchantId: string, after: Position | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.proposalsPage, { merchantId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countProposals(merchantId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countProposals, { merchantId });
    return row?.total ?? 0;
  }

  /** The merchant's decision under the coupon's lock: whether it moved, and the status it has after. */
  static async decide(tx: Tx, couponId: string, merchantId: string, status: CouponStatus, now: number): Promise<{ status: CouponStatus; decides: boolean } | null> {
    const [row] = await tx.run<{ status: CouponStatus; decides: boolean }>(q.decide, { couponId, merchantId, status, now });
    return row ?? null;
  }

  /** Per coupon id: the user's unused claims of it, oldest first, and how many they hold in all. */
  async viewerClaims(userId: string, couponIds: readonly string[]): Promise<Map<string, { unusedClaimIds: string[]; held: number }>> {
    const rows = await this.db.read<{ couponId: string; unusedClaimIds: string[]; held: number }>(q.viewerClaims, { userId, couponIds });
    return new Map(rows.map((r) => [r.couponId, { unusedClaimIds: r.unusedClaimIds, held: r.held }]));
  }

  /** Which of the coupons the user has ever claimed. */
  async claimedBy(userId: string, couponIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.read<{ couponId: string }>(q.claimedBy, { userId, couponIds });
    return new Set(rows.map((r) => r.couponId));
  }

  /** Takes the claims for the order, each only if still unused; answers how many it took. */
  static async applyToOrder(tx: Tx, use: OrderCouponUse): Promise<number> {
    const [row] = await tx.run<{ used: number }>(q.applyToOrder, { ...use });
    return row?.used ?? 0;
  }

  /** An ended order's claims back to unused where their coupon's use window is open. */
  static async returnFromOrder(tx: Tx, orderId: string, now: number): Promise<number> {
    const [row] = await tx.run<{ returned: number }>(q.returnFromOrder, { orderId, now });
    return row?.returned ?? 0;
  }
}

/** The coupon repository of a request, over its counted DbScope (made once per request). */
export function couponRepository(scope: RequestScope): CouponRepository {
  return scope.slot('coupons.repository', () => new CouponRepository(scope.db));
}
