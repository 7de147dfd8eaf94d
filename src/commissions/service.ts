import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireIdempotencyKey } from '../db/idempotency';
import { connectionOf } from '../common/connection';
import { DEFAULT_PAGE_SIZE, encodeCursor, MAX_PAGE_SIZE, offsetAfter, pageRequest, toPage } from '../common/pagination';
import { money } from '../common/money';
import { periodOf, PeriodInput } from '../common/period';
import { isAdmin, isStaff, requireAdmin, requireStaff } from '../common/roles';
import { requireId, requireIntInRange } from '../common/validate';
import { Role } from '../accounts/types';
import type { CommissionRepository } from './repository';
import { MAX_RATE_BPS, MAX_REWARD_DEPTH } from './rules';
import { CommissionStatusEnum, RateScope, SetCommissionRatesInput } from './types';
import { requireCampaign } from '../referral/service';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import type { Scope } from '../accounts/scope';
import { publishAfterCommit } from '../events/after-commit';
import type { EventBus } from '../events/bus';
import { byIdLoader } from '../common/node';

/** A page of commissionRateSets: "Default 20, at most 100." (the cost limit's default page is 20 too). */
export const RATE_SET_PAGE = { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE };

/** What CommissionService needs, named one by one; wired once per process in src/app/services.ts. */
export interface CommissionServiceDeps {
  repo: (scope: Scope) => CommissionRepository;
  /** Where a fraud decision announces what its points settlement awarded (badges), once committed. */
  events?: Pick<EventBus, 'pubsub'>;
}

export class CommissionService {
  constructor(private readonly deps: CommissionServiceDeps) {}

  async setRates(scope: Scope, input: SetCommissionRatesInput) {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    const rewardDepth = requireIntInRange(input.rewardDepth, 'rewardDepth', 1, MAX_REWARD_DEPTH);
    if (!Array.isArray(input.levelRatesBps) || input.levelRatesBps.length < rewardDepth) {
      throw badInput('levelRatesBps', 'needs a rate for every rewarded level');
    }
    if (input.levelRatesBps.length > MAX_REWARD_DEPTH) throw badInput('levelRatesBps', `at most ${MAX_REWARD_DEPTH} levels`);
    input.levelRatesBps.forEach((bps, i) => requireIntInRange(bps, `levelRatesBps[${i}]`, 0, MAX_RATE_BPS));
    // Both are checked whenever given, so a bad value is refused even where the scope does not use it.
    const campaign = input.campaign == null ? null : requireCampaign(input.campaign);
    const merchantId = input.merchantId == null ? null : requireId(input.merchantId, 'merchantId');
    let scopeId = 'GLOBAL';
    if (input.scope === RateScope.CAMPAIGN) {
      if (campaign == null) throw badInput('campaign', 'is required for CAMPAIGN scope');
      scopeId = campaign;
    } else if (input.scope === RateScope.MERCHANT) {
      if (merchantId == null) throw badInput('merchantId', 'is required for MERCHANT scope');
      scopeId = merchantId;
      const merchant = await accountLoaders(scope).userById.load(scopeId);
      if (!merchant || merchant.role !== Role.MERCHANT) throw notFound('Merchant', 'merchantId');
    }
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    return this.deps.repo(scope).setRates({ scope: input.scope, scopeId, levelRatesBps: input.levelRatesBps, rewardDepth, actorId: viewer.id, now: Date.now() }, key);
  }

  /** Every version of the rate sets (of one scope), a page at a time: nothing is left out. */
  async rateSets(scope: Scope, rateScope: RateScope | null | undefined, merchantId: string | null | undefined, campaign: string | null | undefined, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: RATE_SET_PAGE.max });
    const scopeId =
      rateScope === RateScope.MERCHANT
        ? requireId(merchantId ?? '', 'merchantId')
        : rateScope === RateScope.CAMPAIGN
          ? requireCampaign(campaign ?? '')
          : rateScope === RateScope.GLOBAL
            ? 'GLOBAL'
            : null;
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.rateSets(rateScope ?? null, scopeId, position, limit + 1), limit);
    const edges = page.items.map((r) => ({ cursor: encodeCursor({ k: r.version, id: r.id }), node: r }));
    return connectionOf(edges, page.hasNextPage, () => repo.countRateSets(rateScope ?? null, scopeId));
  }

  /** A user's own commissions; admins may read anyone's. */
  async commissions(scope: Scope, userId: string | null | undefined, status: string | null | undefined, period: PeriodInput | null | undefined, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const id = userId == null ? viewer.id : requireId(userId, 'userId');
    if (id !== viewer.id && !isAdmin(viewer)) throw notFound('User');
    const { from, to } = periodOf(period);
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await this.deps.repo(scope).commissionsPage(id, status ?? null, from, to, position, limit + 1), limit);
    const edges = page.items.map((c) => ({ cursor: encodeCursor({ k: c.createdAt, id: c.id }), node: c }));
    return connectionOf(edges, page.hasNextPage, async () => {
      const totals = await this.deps.repo(scope).summary(id, from, to);
      return totals.filter((t) => status == null || t.status === status).reduce((sum, t) => sum + t.count, 0);
    });
  }

  /**
   * A user's totals per status and currency. There are few (three statuses times the currencies
   * the user earned in), so they are aggregated whole and paged by their index.
   */
  async summary(scope: Scope, userId: string | null | undefined, period: PeriodInput | null | undefined, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const id = userId == null ? viewer.id : requireId(userId, 'userId');
    if (id !== viewer.id && !isAdmin(viewer)) throw notFound('User');
    const { from, to } = periodOf(period);
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const rows = await this.deps.repo(scope).summary(id, from, to);
    // A cursor past the end (totals merged since) is an empty page, not an error.
    const offset = offsetAfter(position, 10_000);
    const edges = rows.slice(offset, offset + limit).map((r, i) => ({
      cursor: encodeCursor({ k: offset + i, id: `${r.status}:${r.currency}` }),
      node: { status: r.status as CommissionStatusEnum, count: r.count, amount: money(r.amountMinor, r.currency) },
    }));
    return connectionOf(edges, offset + limit < rows.length, rows.length);
  }

  async flags(scope: Scope, status: string | null | undefined, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    requireStaff(viewer);
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await this.deps.repo(scope).flagsPage(status ?? null, position, limit + 1), limit);
    const edges = page.items.map((f) => ({ cursor: encodeCursor({ k: f.createdAt, id: f.id }), node: f }));
    return connectionOf(edges, page.hasNextPage, () => this.deps.repo(scope).countFlags(status ?? null));
  }

  /** A commission (node(id)): to the sharer who earned it and to admins, as commissions; null to anyone else. */
  async commission(scope: Scope, id: string) {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    const commission = await byIdLoader(scope, 'commissions.byId', (ids) => this.deps.repo(scope).commissionsByIds(ids)).load(id);
    return commission && (commission.earnerId === viewer.id || isAdmin(viewer)) ? commission : null;
  }

  /** A version of the commission rates (node(id)): admins only, as commissionRateSets. */
  async rateSet(scope: Scope, id: string) {
    const viewer = await scope.viewer();
    if (!viewer || !isAdmin(viewer)) return null;
    return byIdLoader(scope, 'commissions.rateSetById', (ids) => this.deps.repo(scope).rateSetsByIds(ids)).load(id);
  }

  /** A fraud flag (node(id)): growth staff and admins, as fraudFlags. */
  async flag(scope: Scope, id: string) {
    const viewer = await scope.viewer();
    if (!viewer || !isStaff(viewer)) return null;
    return byIdLoader(scope, 'commissions.flagById', (ids) => this.deps.repo(scope).flagsByIds(ids)).load(id);
  }

  async flagsOfOrder(scope: Scope, orderId: string) {
    const viewer = await scope.requireViewer();
    if (!isStaff(viewer)) return [];
    return this.deps.repo(scope).flagsOfOrder(orderId);
  }

  async review(scope: Scope, id: string, approve: boolean) {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    const flagId = requireId(id, 'flagId');
    const row = await this.deps.repo(scope).reviewFlag(flagId, approve, viewer.id, Date.now());
    if (!row) {
      // Only OPEN flags are reviewed: one already decided the same way is answered as done.
      const flag = await this.deps.repo(scope).flagById(flagId);
      if (!flag) throw notFound('Fraud flag', 'flagId');
      if (flag.status === (approve ? 'APPROVED' : 'REJECTED')) return flag;
      throw badInput('flagId', `the flag is already ${flag.status}`, UserErrorCode.ALREADY_DECIDED);
    }
    if (row.orderId) commerceLoaders(scope).orderById.clear(row.orderId);
    publishAfterCommit(scope, row.events, { events: this.deps.events });
    return (await this.deps.repo(scope).flagById(row.id))!;
  }
}
