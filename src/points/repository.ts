import { randomUUID } from 'node:crypto';
import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import { claimIdempotencyKey } from '../db/idempotency';
import type { DbScope } from '../db/database';
import type { Position } from '../common/pagination';
import type { PointRule } from './rules';
import type { KeyedItem } from '../common/connection';
import type { PointEntryRecord, PointRuleSetRecord, RedemptionRecord, RewardRecord } from './types';

const q = {
  account: cypher('points/account'),
  accountsByUserIds: cypher('points/accounts-by-user-ids'),
  historyPage: cypher('points/history-page'),
  entriesByIds: cypher('points/entries-by-ids'),
  ruleSetsByIds: cypher('points/rule-sets-by-ids'),
  redemptionsByIds: cypher('points/redemptions-by-ids'),
  countHistory: cypher('points/count-history'),
  currentRules: cypher('points/current-rules'),
  setRules: cypher('points/set-rules'),
  ruleSetById: cypher('points/rule-set-by-id'),
  ruleSetsPage: cypher('points/rule-sets-page'),
  countRuleSets: cypher('points/count-rule-sets'),
  createReward: cypher('points/create-reward'),
  rewardsByIds: cypher('points/rewards-by-ids'),
  rewardsPage: cypher('points/rewards-page'),
  countRewards: cypher('points/count-rewards'),
  rewardById: cypher('points/rewards-by-ids'),
};

export interface AccountRow {
  balance: number;
  lifetime: number;
  streak: number;
  lastCheckInDay: string | null;
  earnedToday: number;
}

export class PointsRepository {
  constructor(private readonly db: DbScope) {}

  async account(userId: string, day: string): Promise<AccountRow> {
    const [row] = await this.db.read<AccountRow>(q.account, { userId, day });
    return row!;
  }

  async lifetimeOf(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db.read<{ userId: string; lifetime: number }>(q.accountsByUserIds, { userIds });
    return new Map(rows.map((r) => [r.userId, r.lifetime]));
  }

  async history(userId: string, after: Position | null, limit: number): Promise<PointEntryRecord[]> {
    const rows = await this.db.read<{ entry: PointEntryRecord }>(q.historyPage, { userId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
    return rows.map((r) => r.entry);
  }

  async entriesByIds(userId: string, ids: readonly string[]): Promise<PointEntryRecord[]> {
    return (await this.db.read<{ entry: PointEntryRecord }>(q.entriesByIds, { userId, ids })).map((r) => r.entry);
  }

  async ruleSetsByIds(ids: readonly string[]): Promise<PointRuleSetRecord[]> {
    return (await this.db.read<{ ruleSet: PointRuleSetRecord }>(q.ruleSetsByIds, { ids })).map((r) => r.ruleSet);
  }

  async redemptionsByIds(userId: string, ids: readonly string[]): Promise<RedemptionRecord[]> {
    return (await this.db.read<{ redemption: RedemptionRecord }>(q.redemptionsByIds, { userId, ids })).map((r) => r.redemption);
  }

  async countHistory(userId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countHistory, { userId });
    return row?.total ?? 0;
  }

  async currentRules(): Promise<PointRuleSetRecord | null> {
    const [row] = await this.db.read<{ ruleSet: PointRuleSetRecord }>(q.currentRules);
    return row?.ruleSet ?? null;
  }

  async ruleSets(after: Position | null, limit: number): Promise<PointRuleSetRecord[]> {
    return (await this.db.read<{ ruleSet: PointRuleSetRecord }>(q.ruleSetsPage, { afterKey: after?.k ?? null, limit })).map((r) => r.ruleSet);
  }

  async countRuleSets(): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countRuleSets);
    return row?.total ?? 0;
  }

  /** A new current version; with a key, a retry answers the version the first use made. */
  async setRules(rules: PointRule[], actorId: string, now: number, idempotencyKey: string | null): Promise<PointRuleSetRecord> {
    return this.db.writeTx(async (tx) => {
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId, operation: 'setPointRules', key: idempotencyKey, input: { rules } }) : null;
      if (claim && !claim.fresh) return (await tx.run<{ ruleSet: PointRuleSetRecord }>(q.ruleSetById, { id: claim.resultId }))[0]!.ruleSet;
      const id = randomUUID();
      const [row] = await tx.run<{ ruleSet: PointRuleSetRecord }>(q.setRules, { id, rules: JSON.stringify(rules), actorId, now, auditId: randomUUID() });
      await claim?.complete(id);
      return row!.ruleSet;
    });
  }
}

export class RewardRepository {
  constructor(private readonly db: DbScope) {}

  async byIds(ids: readonly string[]): Promise<RewardRecord[]> {
    return (await this.db.read<{ reward: RewardRecord }>(q.rewardsByIds, { ids })).map((r) => r.reward);
  }

  async page(after: Position | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.rewardsPage, { afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async count(): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countRewards);
    return row?.total ?? 0;
  }

  async create(reward: { name: string; description: string; costPoints: number; iconKey: string }, actorId: string, now: number, idempotencyKey: string | null): Promise<RewardRecord> {
    return this.db.writeTx(async (tx) => {
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId, operation: 'createReward', key: idempotencyKey, input: reward }) : null;
      if (claim && !claim.fresh) return (await tx.run<{ reward: RewardRecord }>(q.rewardById, { ids: [claim.resultId] }))[0]!.reward;
      const id = randomUUID();
      const [row] = await tx.run<{ reward: RewardRecord }>(q.createReward, { ...reward, id, kind: 'BADGE', badgeKey: `REWARD_${id}`, actorId, now, auditId: randomUUID() });
      await claim?.complete(id);
      return row!.reward;
    });
  }
}

export function rewardRepository(scope: RequestScope): RewardRepository {
  return scope.slot('points.rewards', () => new RewardRepository(scope.db));
}

/** The points repository of a request, over its counted DbScope (made once per request). */
export function pointsRepository(scope: RequestScope): PointsRepository {
  return scope.slot('points.repository', () => new PointsRepository(scope.db));
}
