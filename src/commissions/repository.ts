import type { RequestScope } from '../request/scope';
import { randomUUID } from 'node:crypto';
import { cypher } from '../db/cypher';
import { ReviewRepository } from '../reviews/repository';
import type { AfterCommit } from '../events/after-commit';
import { PointEarnings } from '../points/earnings';
import { claimIdempotencyKey } from '../db/idempotency';
import type { DbScope, Tx } from '../db/database';
import type { Position } from '../common/pagination';
import type { CommissionLine, FraudFinding, RateSet } from './rules';

const q = {
  currentRateSet: cypher('commissions/current-rate-set'),
  rateSets: cypher('commissions/rate-sets'),
  countRateSets: cypher('commissions/count-rate-sets'),
  setRates: cypher('commissions/set-rates'),
  rateSetById: cypher('commissions/rate-set-by-id'),
  createCommissions: cypher('commissions/create-commissions'),
  setOrderCommissionsStatus: cypher('commissions/set-order-commissions-status'),
  commissionsPage: cypher('commissions/commissions-page'),
  commissionSummary: cypher('commissions/commission-summary'),
  createFlags: cypher('commissions/create-flags'),
  flagsPage: cypher('commissions/flags-page'),
  reviewFlag: cypher('commissions/review-flag'),
  flagsOfOrder: cypher('commissions/flags-of-order'),
  auditLog: cypher('commissions/audit-log'),
  countFlags: cypher('commissions/count-flags'),
  flagById: cypher('commissions/flag-by-id'),
  commissionsByIds: cypher('commissions/commissions-by-ids'),
  rateSetsByIds: cypher('commissions/rate-sets-by-ids'),
  flagsByIds: cypher('commissions/flags-by-ids'),
};

export type CommissionStatus = 'PENDING' | 'HELD' | 'REVERSED';

export interface RateSetRecord extends RateSet {
  scope: string;
  scopeId: string;
  version: number;
  createdAt: number;
  createdBy: string | null;
  current?: boolean;
}

export interface CommissionRecord {
  id: string;
  orderId: string;
  level: number;
  amountMinor: number;
  currency: string;
  status: CommissionStatus;
  rateSetId: string;
  rateBps: number;
  linkCode: string;
  createdAt: number;
}

export interface FlagRecord {
  id: string;
  kind: string;
  reason: string;
  subjectType: 'ORDER' | 'USER' | 'PRODUCT';
  subjectId: string;
  linkCode: string | null;
  status: 'OPEN' | 'APPROVED' | 'REJECTED';
  createdAt: number;
  reviewedBy: string | null;
  reviewedAt: number | null;
}

export class CommissionRepository {
  constructor(private readonly db: DbScope) {}

  static async currentRateSet(tx: Tx, merchantId: string, campaign: string | null): Promise<RateSetRecord | null> {
    const [row] = await tx.run<{ rateSet: RateSetRecord }>(q.currentRateSet, { merchantId, campaign: campaign ?? '' });
    return row?.rateSet ?? null;
  }

  static async createCommissions(tx: Tx, orderId: string, currency: string, rateSetId: string, status: CommissionStatus, lines: CommissionLine[], now: number) {
    if (lines.length === 0) return;
    await tx.run(q.createCommissions, { orderId, currency, rateSetId, status, now, commissions: lines.map((l) => ({ ...l, id: randomUUID() })) });
  }

  static async setOrderCommissionsStatus(tx: Tx, orderId: string, from: CommissionStatus[], to: CommissionStatus, now: number) {
    await tx.run(q.setOrderCommissionsStatus, { orderId, from, to, now });
  }

  static async createFlags(tx: Tx, subjectType: 'ORDER' | 'USER', subjectId: string, linkCode: string | null, findings: FraudFinding[], now: number) {
    if (findings.length === 0) return;
    await tx.run(q.createFlags, { now, flags: findings.map((f) => ({ ...f, id: randomUUID(), subjectType, subjectId, linkCode })) });
  }

  /** A page of rate set versions (by scope, scope id, newest version first), after the version the cursor names. */
  async rateSets(scope: string | null, scopeId: string | null, after: Position | null, limit: number): Promise<RateSetRecord[]> {
    return (await this.db.read<{ rateSet: RateSetRecord }>(q.rateSets, { scope, scopeId, afterId: after?.id ?? null, limit })).map((r) => r.rateSet);
  }

  async countRateSets(scope: string | null, scopeId: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countRateSets, { scope, scopeId });
    return row?.total ?? 0;
  }

  async setRates(
    args: { scope: string; scopeId: string; levelRatesBps: number[]; rewardDepth: number; actorId: string; now: number },
    idempotencyKey: string | null = null,
  ): Promise<RateSetRecord> {
    return this.db.writeTx(async (tx) => {
      const input = { scope: args.scope, scopeId: args.scopeId, levelRatesBps: args.levelRatesBps, rewardDepth: args.rewardDepth };
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId: args.actorId, operation: 'setCommissionRates', key: idempotencyKey, input }) : null;
      if (claim && !claim.fresh) {
        const [first] = await tx.run<{ rateSet: RateSetRecord }>(q.rateSetById, { id: claim.resultId });
        return first!.rateSet;
      }
      const id = randomUUID();
      const [row] = await tx.run<{ rateSet: RateSetRecord }>(q.setRates, {
        ...args,
        id,
        auditId: randomUUID(),
        details: JSON.stringify({ levelRatesBps: args.levelRatesBps, rewardDepth: args.rewardDepth }),
      });
      await claim?.complete(id);
      return row!.rateSet;
    });
  }

  async commissionsPage(userId: string, status: string | null, from: number, to: number, after: Position | null, limit: number) {
    const rows = await this.db.read<{ commission: CommissionRecord }>(q.commissionsPage, {
      userId, status, from, to, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit,
    });
    return rows.map((r) => r.commission);
  }

  async summary(userId: string, from: number, to: number) {
    return this.db.read<{ status: string; currency: string; count: number; amountMinor: number }>(q.commissionSummary, { userId, from, to });
  }

  async flagsPage(status: string | null, after: Position | null, limit: number): Promise<FlagRecord[]> {
    const rows = await this.db.read<{ flag: FlagRecord }>(q.flagsPage, { status, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
    return rows.map((r) => r.flag);
  }

  async countFlags(status: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countFlags, { status });
    return row?.total ?? 0;
  }

  async commissionsByIds(ids: readonly string[]): Promise<(CommissionRecord & { earnerId: string })[]> {
    return (await this.db.read<{ commission: CommissionRecord & { earnerId: string } }>(q.commissionsByIds, { ids })).map((r) => r.commission);
  }

  async rateSetsByIds(ids: readonly string[]): Promise<RateSetRecord[]> {
    return (await this.db.read<{ rateSet: RateSetRecord }>(q.rateSetsByIds, { ids })).map((r) => r.rateSet);
  }

  async flagsByIds(ids: readonly string[]): Promise<FlagRecord[]> {
    return (await this.db.read<{ flag: FlagRecord }>(q.flagsByIds, { ids })).map((r) => r.flag);
  }

  async flagById(id: string): Promise<FlagRecord | null> {
    const [row] = await this.db.read<{ flag: FlagRecord }>(q.flagById, { id });
    return row?.flag ?? null;
  }

  async flagsOfOrder(orderId: string): Promise<FlagRecord[]> {
    return (await this.db.read<{ flag: FlagRecord }>(q.flagsOfOrder, { orderId })).map((r) => r.flag);
  }

  /** Reviews a flag and, when it was an order's last open flag, releases or reverses its commissions. */
  async reviewFlag(id: string, approve: boolean, actorId: string, now: number) {
    return this.db.writeTx(async (tx) => {
      // The order is write-locked by the first statement, so its status and its commissions'
      // statuses cannot change under this decision (see review-flag.cypher).
      const [row] = await tx.run<{ id: string; orderId: string | null; orderStatus: string | null; openFlags: number }>(q.reviewFlag, {
        id, status: approve ? 'APPROVED' : 'REJECTED', actorId, now, auditId: randomUUID(),
      });
      if (!row) return null;
      if (row.orderId) {
        if (!approve) await CommissionRepository.setOrderCommissionsStatus(tx, row.orderId, ['HELD', 'PENDING'], 'REVERSED', now);
        // Only a live order's held commissions are released: a cancelled or refunded one keeps them REVERSED.
        else if (row.openFlags === 0 && row.orderStatus === 'PLACED') await CommissionRepository.setOrderCommissionsStatus(tx, row.orderId, ['HELD'], 'PENDING', now);
        // The order's reviews stay out of the ratings while a flag is open or confirmed, and come back once every flag is found legitimate.
        await ReviewRepository.settleOrderReviews(tx, row.orderId);
        // Its points likewise: a referral and a group-buy part earn once every flag is found legitimate, and confirmed fraud claws them back.
        return { ...row, events: await PointEarnings.orderChanged(tx, row.orderId, now) };
      }
      return { ...row, events: [] as AfterCommit[] };
    });
  }

  async auditLog(limit: number) {
    return this.db.read<{ entry: { id: string; action: string; actorId: string; at: number; subjectId: string; details: string } }>(q.auditLog, { limit });
  }
}

/** The commissions repository of a request, over its counted DbScope (made once per request). */
export function commissionRepository(scope: RequestScope): CommissionRepository {
  return scope.slot('commissions.repository', () => new CommissionRepository(scope.db));
}
