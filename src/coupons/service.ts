import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { badInput, forbidden, notFound } from '../common/errors';
import { keyedConnection } from '../common/connection';
import { pageRequest, toPage } from '../common/pagination';
import { isAdmin, isMerchant, isStaff, requireRole, requireStaff } from '../common/roles';
import { UserErrorCode } from '../common/user-error-code';
import { claimIdempotencyKey, requireIdempotencyKey } from '../db/idempotency';
import { requireId, requireIntInRange, requireText } from '../common/validate';
import { Role, type UserRecord } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { groupLoaders } from '../groups/loaders';
import { GroupRole, RANK } from '../groups/permissions';
import type { Scope } from '../accounts/scope';
import type { GroupAccess } from '../groups/access';
import { CouponRepository, type ClaimableFilter, type NewCoupon } from './repository';
import { couponLoaders } from './loaders';
import { claimStatus } from './rules';
import { CouponClaimStatus, CouponKind, CouponScope, CouponStatus, type CouponClaimRecord, type CouponRecord } from './types';
import { CouponProposalDecision, MAX_COUPON_MINOR, MAX_COUPON_QUANTITY, MAX_COUPON_WINDOW_DAYS, MAX_PER_USER_LIMIT, type ClaimCouponInput, type CreateCouponInput, type DecideCouponProposalInput } from './payloads';

/** coupons, myCoupons and couponProposals: "Default 20, at most 100." */
export const COUPONS_PAGE = { default: 20, max: 100 };

const CURRENCY = /^[A-Z]{3}$/;
const DAY_MS = 86_400_000;
const CLOCK_SKEW_MS = 5 * 60_000;

export interface CouponServiceDeps {
  repo: (scope: Scope) => CouponRepository;
  groups: Pick<GroupAccess, 'visibleGroupOrNotFound'>;
}

const time = (value: Date | null | undefined, field: string): number | null => {
  if (value == null) return null;
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) throw badInput(field, 'must be a date and time');
  return ms;
};

/** The kind's amounts: exactly the fields the kind uses, each within the coupon cap. */
function kindTerms(input: CreateCouponInput): Pick<NewCoupon, 'amountOffMinor' | 'percentOff' | 'capMinor' | 'thresholdMinor'> {
  const uses = {
    amountOffMinor: input.kind !== CouponKind.PERCENT_OFF,
    percentOff: input.kind === CouponKind.PERCENT_OFF,
    capMinor: input.kind === CouponKind.PERCENT_OFF,
    thresholdMinor: input.kind === CouponKind.THRESHOLD,
  };
  for (const [field, used] of Object.entries(uses)) {
    const given = input[field as keyof typeof uses] != null;
    if (used && !given) throw badInput(field, `is required for a ${input.kind} coupon`);
    if (!used && given) throw badInput(field, `is not used by a ${input.kind} coupon`);
  }
  const amountOffMinor = uses.amountOffMinor ? requireIntInRange(input.amountOffMinor!, 'amountOffMinor', 1, MAX_COUPON_MINOR) : null;
  const thresholdMinor = uses.thresholdMinor ? requireIntInRange(input.thresholdMinor!, 'thresholdMinor', 2, MAX_COUPON_MINOR) : null;
  if (thresholdMinor !== null && amountOffMinor! >= thresholdMinor) throw badInput('amountOffMinor', 'must be below thresholdMinor');
  return {
    amountOffMinor,
    thresholdMinor,
    percentOff: uses.percentOff ? requireIntInRange(input.percentOff!, 'percentOff', 1, 99) : null,
    capMinor: uses.capMinor ? requireIntInRange(input.capMinor!, 'capMinor', 1, MAX_COUPON_MINOR) : null,
  };
}

/** The claim and use windows: claiming opens before it closes, in the future; use ends no earlier than claiming. */
function windows(input: CreateCouponInput, now: number) {
  const claimStartsAt = time(input.claimStartsAt, 'claimStartsAt') ?? now;
  const claimEndsAt = time(input.claimEndsAt, 'claimEndsAt')!;
  const useStartsAt = time(input.useStartsAt, 'useStartsAt') ?? claimStartsAt;
  const useEndsAt = time(input.useEndsAt, 'useEndsAt')!;
  const maxMs = MAX_COUPON_WINDOW_DAYS * DAY_MS;
  // A client's clock may run a little behind: a start up to CLOCK_SKEW_MS ago means now.
  if (claimStartsAt < now - CLOCK_SKEW_MS) throw badInput('claimStartsAt', 'must not be in the past');
  if (useStartsAt < claimStartsAt) throw badInput('useStartsAt', 'must not be before claimStartsAt');
  if (claimStartsAt > now + maxMs) throw badInput('claimStartsAt', `must be at most ${MAX_COUPON_WINDOW_DAYS} days away`);
  if (claimEndsAt <= Math.max(now, claimStartsAt)) throw badInput('claimEndsAt', 'must be in the future and after claimStartsAt');
  if (claimEndsAt - claimStartsAt > maxMs) throw badInput('claimEndsAt', `must be at most ${MAX_COUPON_WINDOW_DAYS} days after claimStartsAt`);
  if (useEndsAt <= useStartsAt || useEndsAt < claimEndsAt) throw badInput('useEndsAt', 'must be after useStartsAt and no earlier than claimEndsAt');
  if (useEndsAt - useStartsAt > maxMs) throw badInput('useEndsAt', `must be at most ${MAX_COUPON_WINDOW_DAYS} days after useStartsAt`);
  return { claimStartsAt, claimEndsAt, useStartsAt, useEndsAt };
}

export class CouponService {
  constructor(private readonly deps: CouponServiceDeps) {}

  /**
   * Whether the viewer may see the coupon: an ACTIVE coupon of no group, anyone; a group's ACTIVE
   * coupon, the group's members; and every coupon, its creator, its merchant, whoever holds a
   * claim of it, and growth staff. Everyone else is answered as for an unknown id.
   */
  async canSee(scope: Scope, coupon: CouponRecord): Promise<boolean> {
    if (coupon.status === CouponStatus.ACTIVE && coupon.groupId === null) return true;
    const viewer = await scope.viewer();
    if (!viewer) return false;
    if (isStaff(viewer) || viewer.id === coupon.createdBy || viewer.id === coupon.merchantId) return true;
    if (coupon.status === CouponStatus.ACTIVE && coupon.groupId !== null && (await groupLoaders(scope).standing.load(coupon.groupId)).role !== null) return true;
    return (await this.deps.repo(scope).claimedBy(viewer.id, [coupon.id])).has(coupon.id);
  }

  /** A lookup: null for an unknown coupon or one the viewer may not see. */
  async coupon(scope: Scope, id: string, field = 'id'): Promise<CouponRecord | null> {
    const coupon = await couponLoaders(scope).couponById.load(requireId(id, field));
    return coupon && (await this.canSee(scope, coupon)) ? coupon : null;
  }

  /** The viewer's own claim; null for anyone else's and for an unknown id. */
  async claim(scope: Scope, id: string): Promise<CouponClaimRecord | null> {
    const viewer = await scope.viewer();
    const claim = await couponLoaders(scope).claimById.load(requireId(id, 'id'));
    return claim && viewer && claim.userId === viewer.id ? claim : null;
  }

  claimStatus(claim: CouponClaimRecord, coupon: CouponRecord): CouponClaimStatus {
    return claimStatus(claim, coupon.useEndsAt, Date.now()) as CouponClaimStatus;
  }

  /** Where the coupon's scope needs them: its merchant (checked to be one), product and group. */
  private async scopeTerms(scope: Scope, viewer: UserRecord, input: CreateCouponInput): Promise<{ merchantId: string | null; productId: string | null; groupId: string | null; status: CouponStatus; managerGroupId: string | null }> {
    const given = { merchantId: input.merchantId != null, productId: input.productId != null, groupId: input.groupId != null };
    const allowed: Record<CouponScope, (keyof typeof given)[]> = {
      PLATFORM: [],
      MERCHANT: ['merchantId'],
      PRODUCT: ['productId'],
      GROUP_EXCLUSIVE: ['merchantId', 'groupId'],
    };
    for (const field of Object.keys(given) as (keyof typeof given)[]) {
      if (given[field] && !allowed[input.scope].includes(field)) throw badInput(field, `is not used by a ${input.scope} coupon`);
    }
    const requireMerchantUser = async (id: string, field: string) => {
      const user = await accountLoaders(scope).userById.load(requireId(id, field));
      if (!user || user.role !== Role.MERCHANT) throw notFound('Merchant', field);
      return user.id;
    };
    switch (input.scope) {
      case CouponScope.PLATFORM:
        requireStaff(viewer, 'Only growth staff and admins issue platform coupons');
        return { merchantId: null, productId: null, groupId: null, status: CouponStatus.ACTIVE, managerGroupId: null };
      case CouponScope.MERCHANT: {
        requireRole(viewer, [Role.MERCHANT, Role.ADMIN], 'Only merchants issue merchant coupons, on their own products');
        const merchantId = input.merchantId == null ? viewer.id : await requireMerchantUser(input.merchantId, 'merchantId');
        if (merchantId !== viewer.id && !isAdmin(viewer)) throw forbidden('Merchants issue coupons on their own products only');
        if (!isAdmin(viewer) && !isMerchant(viewer)) throw forbidden('Only merchants issue merchant coupons');
        return { merchantId, productId: null, groupId: null, status: CouponStatus.ACTIVE, managerGroupId: null };
      }
      case CouponScope.PRODUCT: {
        if (input.productId == null) throw badInput('productId', 'is required for a PRODUCT coupon');
        requireRole(viewer, [Role.MERCHANT, Role.ADMIN], "Only the product's merchant issues coupons on it");
        const product = await commerceLoaders(scope).productById.load(requireId(input.productId, 'productId'));
        if (!product || !product.merchantId) throw notFound('Product', 'productId');
        if (product.merchantId !== viewer.id && !isAdmin(viewer)) throw forbidden("Only the product's merchant issues coupons on it");
        return { merchantId: product.merchantId, productId: product.id, groupId: null, status: CouponStatus.ACTIVE, managerGroupId: null };
      }
      case CouponScope.GROUP_EXCLUSIVE: {
        if (input.groupId == null) throw badInput('groupId', 'is required for a GROUP_EXCLUSIVE coupon');
        const { group, standing } = await this.deps.groups.visibleGroupOrNotFound(scope, input.groupId, 'groupId');
        const forSelf = input.merchantId == null || input.merchantId === viewer.id;
        if (forSelf && isMerchant(viewer)) return { merchantId: viewer.id, productId: null, groupId: group.id, status: CouponStatus.ACTIVE, managerGroupId: null };
        if (input.merchantId == null) throw badInput('merchantId', "names the merchant whose products the group's coupon is on");
        const merchantId = await requireMerchantUser(input.merchantId, 'merchantId');
        if (isAdmin(viewer)) return { merchantId, productId: null, groupId: group.id, status: CouponStatus.ACTIVE, managerGroupId: null };
        // A group's admins and owner propose; the merchant's approval is its consent.
        if (standing.role === null || RANK[standing.role] < RANK[GroupRole.ADMIN]) throw forbidden("Only the group's admins and owner, or the merchant, issue its coupons");
        return { merchantId, productId: null, groupId: group.id, status: CouponStatus.PENDING_APPROVAL, managerGroupId: group.id };
      }
    }
  }

  async create(scope: Scope, input: CreateCouponInput): Promise<CouponRecord> {
    const viewer = await scope.requireViewer();
    const now = Date.now();
    const name = requireText(input.name, 'name', { min: 1, max: 60 });
    const description = input.description == null ? '' : requireText(input.description, 'description', { max: 300 });
    if (!CURRENCY.test(input.currency)) throw badInput('currency', 'must be an ISO 4217 code such as CNY');
    const terms = kindTerms(input);
    const totalQuantity = requireIntInRange(input.totalQuantity, 'totalQuantity', 1, MAX_COUPON_QUANTITY);
    const perUserLimit = requireIntInRange(input.perUserLimit, 'perUserLimit', 1, MAX_PER_USER_LIMIT);
    const window = windows(input, now);
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const { managerGroupId, ...where } = await this.scopeTerms(scope, viewer, input);
    const coupon: NewCoupon = { id: randomUUID(), name, description, kind: input.kind, scope: input.scope, currency: input.currency, ...terms, ...where, totalQuantity, perUserLimit, ...window, createdBy: viewer.id };
    const id = await scope.db.writeTx(async (tx) => {
      const { id: _id, ...fingerprinted } = coupon;
      const claim = key ? await claimIdempotencyKey(tx, { actorId: viewer.id, operation: 'createCoupon', key, input: { ...fingerprinted, claimStartsAt: input.claimStartsAt?.getTime() ?? null, useStartsAt: input.useStartsAt?.getTime() ?? null } }) : null;
      if (claim && !claim.fresh) return claim.resultId;
      const created = await CouponRepository.create(tx, coupon, managerGroupId, now);
      if (!created) throw forbidden("Only the group's admins and owner, or the merchant, issue its coupons");
      await claim?.complete(created);
      return created;
    });
    return (await couponLoaders(scope).couponById.load(id))!;
  }

  /**
   * One unit of the coupon for the viewer, decided under the coupon's lock: never past its
   * quantity or the per-user limit, however many claim at once. A retry with the same key
   * answers the first claim.
   */
  async claimCoupon(scope: Scope, input: ClaimCouponInput): Promise<CouponClaimRecord> {
    const viewer = await scope.requireViewer();
    const key = requireIdempotencyKey(input.idempotencyKey);
    const coupon = await this.coupon(scope, input.couponId, 'couponId');
    if (!coupon) throw notFound('Coupon', 'couponId');
    const claimId = await scope.db.writeTx(async (tx) => {
      const claim = await claimIdempotencyKey(tx, { actorId: viewer.id, operation: 'claimCoupon', key, input: { couponId: coupon.id } });
      if (!claim.fresh) return claim.resultId;
      const row = await CouponRepository.claim(tx, { couponId: coupon.id, userId: viewer.id, id: randomUUID(), source: 'CLAIM', now: Date.now() });
      switch (row?.outcome) {
        case 'CLAIMED':
          await claim.complete(row.claimId!);
          return row.claimId!;
        case 'WINDOW_CLOSED':
          throw badInput('couponId', 'the coupon cannot be claimed now: its claim window is not open', UserErrorCode.COUPON_NOT_CLAIMABLE);
        case 'LIMIT_REACHED':
          throw badInput('couponId', `you already hold ${coupon.perUserLimit} of this coupon, the most one person may`, UserErrorCode.LIMIT_REACHED);
        case 'EXHAUSTED':
          throw badInput('couponId', 'every unit of this coupon has been claimed', UserErrorCode.COUPON_EXHAUSTED);
        default:
          throw notFound('Coupon', 'couponId');
      }
    });
    couponLoaders(scope).couponById.clear(coupon.id);
    return (await couponLoaders(scope).claimById.load(claimId))!;
  }

  async decideProposal(scope: Scope, input: DecideCouponProposalInput): Promise<CouponRecord> {
    const viewer = await scope.requireViewer();
    const coupon = await this.coupon(scope, input.couponId, 'couponId');
    if (!coupon) throw notFound('Coupon', 'couponId');
    if (coupon.merchantId !== viewer.id || !isMerchant(viewer)) throw forbidden("Only the coupon's merchant decides on it");
    const status = input.decision === CouponProposalDecision.APPROVE ? CouponStatus.ACTIVE : CouponStatus.REJECTED;
    const decided = await scope.db.writeTx((tx) => CouponRepository.decide(tx, coupon.id, viewer.id, status, Date.now()));
    if (!decided) throw notFound('Coupon', 'couponId');
    // Deciding again the same way is done; the other way, or a coupon never proposed, is decided already.
    if (!decided.decides && decided.status !== status) throw badInput('couponId', `the coupon is already ${decided.status}`, UserErrorCode.ALREADY_DECIDED);
    couponLoaders(scope).couponById.clear(coupon.id);
    return (await couponLoaders(scope).couponById.load(coupon.id))!;
  }

  async claimable(scope: Scope, filter: { scope?: CouponScope | null; merchantId?: string | null; productId?: string | null; groupId?: string | null }, first?: number | null, after?: string | null) {
    const viewer = await scope.viewer();
    const f: ClaimableFilter = {
      scope: filter.scope ?? null,
      merchantId: filter.merchantId == null ? null : requireId(filter.merchantId, 'merchantId'),
      productId: filter.productId == null ? null : requireId(filter.productId, 'productId'),
      groupId: filter.groupId == null ? null : requireId(filter.groupId, 'groupId'),
    };
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: COUPONS_PAGE.max });
    const now = Date.now();
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.claimablePage(viewer?.id ?? null, f, now, position, limit + 1), limit);
    return keyedConnection(page, couponLoaders(scope).couponById, () => repo.countClaimable(viewer?.id ?? null, f, now));
  }

  async mine(scope: Scope, status: CouponClaimStatus, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: COUPONS_PAGE.max });
    const now = Date.now();
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.myPage(viewer.id, status, now, position, limit + 1), limit);
    return keyedConnection(page, couponLoaders(scope).claimById, () => repo.countMine(viewer.id, status, now));
  }

  async proposals(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    requireRole(viewer, [Role.MERCHANT], 'Only merchants decide on coupon proposals');
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: COUPONS_PAGE.max });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.proposalsPage(viewer.id, position, limit + 1), limit);
    return keyedConnection(page, couponLoaders(scope).couponById, () => repo.countProposals(viewer.id));
  }

  /** How many units of the coupon the viewer holds (used ones included); 0 when signed out. */
  async viewerClaimCount(scope: Scope, coupon: CouponRecord): Promise<number> {
    const viewer = await scope.viewer();
    if (!viewer) return 0;
    // One query for every coupon of a page.
    const loader = scope.memo(`coupons.held.${viewer.id}`, () => new DataLoader<string, number>(async (ids) => {
      const held = await this.deps.repo(scope).viewerClaims(viewer.id, ids);
      return ids.map((id) => held.get(id)?.held ?? 0);
    }));
    return loader.load(coupon.id);
  }
}
