import { badInput } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { isAdmin, requireAdmin } from '../common/roles';
import { requireIdempotencyKey } from '../db/idempotency';
import type { AfterCommit } from '../events/after-commit';
import { publishAfterCommit } from '../events/after-commit';
import type { EventBus } from '../events/bus';
import type { Scope } from '../accounts/scope';
import { checkIn } from './check-in';
import type { PointsRepository, RewardRepository } from './repository';
import { redeemPoints } from './redeem';
import { keyedConnection } from '../common/connection';
import { requireIntInRange, requireText } from '../common/validate';
import DataLoader from 'dataloader';
import { levelOf } from '../badges/levels';
import { DEFAULT_POINT_RULES, mergedRules, POINT_ACTIONS, type PointRule, ruleProblems, utcDay, previousUtcDay } from './rules';
import type { PointEntryRecord, PointRuleSet, PointRuleSetRecord, PointsSummary, RedemptionRecord, RewardRecord } from './types';
import { byIdLoader } from '../common/node';
import type { CreateRewardInput, RedeemPointsInput, SetPointRulesInput } from './payloads';
import { requireId } from '../common/validate';

/** pointsHistory and pointRuleSets: "Default 20, at most 100." */
export const POINTS_PAGE = { default: 20, max: 100 };
export const MAX_REWARD_COST = 1_000_000;
const ICON_KEY = /^[a-z0-9-]{1,60}$/;

export interface PointsServiceDeps {
  repo: (scope: Scope) => PointsRepository;
  rewards: (scope: Scope) => RewardRepository;
  /** The lifetime points each user level starts at (config USER_LEVEL_THRESHOLDS). */
  levelThresholds: readonly number[];
  events: Pick<EventBus, 'pubsub'>;
}

export const presentRuleSet = (r: PointRuleSetRecord): PointRuleSet => ({
  id: r.id,
  version: r.version,
  rules: mergedRules(JSON.parse(r.rules) as PointRule[], []),
  isCurrent: r.current,
  createdAt: new Date(r.createdAt),
});

export const presentEntry = (e: PointEntryRecord) => ({
  id: e.id,
  action: e.action,
  points: e.points,
  isClawback: e.reverses != null,
  isReversed: e.reversed,
  isCapped: e.isCapped === true,
  isRedemption: e.rewardId != null,
  createdAt: new Date(e.createdAt),
});

export class PointsService {
  constructor(private readonly deps: PointsServiceDeps) {}

  /** A user's points; only the user reads them (PRIVATE_FIELDS guards User.points on every path). */
  async summary(scope: Scope, userId: string): Promise<PointsSummary> {
    const now = Date.now();
    const today = utcDay(now);
    const row = await this.deps.repo(scope).account(userId, today);
    const streakAlive = row.lastCheckInDay === today || row.lastCheckInDay === previousUtcDay(today);
    return { balance: row.balance, earnedToday: row.earnedToday, lifetimePoints: row.lifetime, streak: streakAlive ? row.streak : 0, hasCheckedInToday: row.lastCheckInDay === today };
  }

  async checkIn(scope: Scope) {
    const viewer = await scope.requireViewer();
    const done = await checkIn(scope, viewer.id, Date.now());
    this.published(scope, done.events);
    return { points: await this.summary(scope, viewer.id), pointsEarned: done.pointsEarned, isFirstToday: done.isFirstToday };
  }

  async history(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: POINTS_PAGE.max });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.history(viewer.id, position, limit + 1), limit);
    const edges = page.items.map((e) => ({ cursor: encodeCursor({ k: e.createdAt, id: e.id }), node: presentEntry(e) }));
    return connectionOf(edges, page.hasNextPage, () => repo.countHistory(viewer.id));
  }

  /** One of the viewer's own ledger entries (node(id)); null for anyone else's, as in pointsHistory. */
  async entry(scope: Scope, id: string) {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    const entry = await byIdLoader(scope, 'points.entryById', (ids) => this.deps.repo(scope).entriesByIds(viewer.id, ids)).load(id);
    return entry && presentEntry(entry);
  }

  /** One of the viewer's own redemptions (node(id)); null for anyone else's. */
  async redemption(scope: Scope, id: string): Promise<RedemptionRecord | null> {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    return byIdLoader(scope, 'points.redemptionById', (ids) => this.deps.repo(scope).redemptionsByIds(viewer.id, ids)).load(id);
  }

  /** A version of the point rules (node(id)): admins only, as pointRuleSets; null to anyone else. */
  async ruleSet(scope: Scope, id: string): Promise<PointRuleSet | null> {
    const viewer = await scope.viewer();
    if (!viewer || !isAdmin(viewer)) return null;
    const ruleSet = await byIdLoader(scope, 'points.ruleSetById', (ids) => this.deps.repo(scope).ruleSetsByIds(ids)).load(id);
    return ruleSet && presentRuleSet(ruleSet);
  }

  /** A reward (node(id)): to signed-in users, as rewards; null to anonymous viewers. */
  async reward(scope: Scope, id: string): Promise<RewardRecord | null> {
    if (!(await scope.viewer())) return null;
    return this.rewardById(scope, id);
  }

  /** What each action pays now: the current version's rules, or the defaults before any was set. */
  async currentRules(scope: Scope): Promise<PointRule[]> {
    const current = await this.deps.repo(scope).currentRules();
    return current ? mergedRules(JSON.parse(current.rules) as PointRule[], []) : [...DEFAULT_POINT_RULES];
  }

  async setRules(scope: Scope, input: SetPointRulesInput): Promise<PointRuleSet> {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    if (!Array.isArray(input.rules) || input.rules.length === 0) throw badInput('rules', 'needs at least one rule');
    if (input.rules.length > POINT_ACTIONS.length) throw badInput('rules', `at most ${POINT_ACTIONS.length} rules, one per action`);
    const problem = ruleProblems(input.rules);
    if (problem) throw badInput(`rules[${problem.index}].${problem.field}`, problem.message);
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const repo = this.deps.repo(scope);
    const current = await repo.currentRules();
    const rules = mergedRules(current ? (JSON.parse(current.rules) as PointRule[]) : null, input.rules.map((r) => ({ action: r.action, points: r.points, dailyCap: r.dailyCap })));
    return presentRuleSet(await repo.setRules(rules, viewer.id, Date.now(), key));
  }

  async ruleSets(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: POINTS_PAGE.max });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.ruleSets(position, limit + 1), limit);
    const edges = page.items.map((r) => ({ cursor: encodeCursor({ k: r.version, id: r.id }), node: presentRuleSet(r) }));
    return connectionOf(edges, page.hasNextPage, () => repo.countRuleSets());
  }

  /** A user's level from their lifetime points; batched over a page of users. */
  async level(scope: Scope, userId: string): Promise<number> {
    const lifetime = await scope.slot('points.lifetime', () => new DataLoader<string, number>(async (ids) => {
      const found = await this.deps.repo(scope).lifetimeOf(ids);
      return ids.map((id) => found.get(id) ?? 0);
    })).load(userId);
    return levelOf(lifetime, this.deps.levelThresholds);
  }

  /** The rewards on offer, cheapest first (signed-in users). */
  async rewards(scope: Scope, first?: number | null, after?: string | null) {
    await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: POINTS_PAGE.max });
    const repo = this.deps.rewards(scope);
    return keyedConnection(toPage(await repo.page(position, limit + 1), limit), this.rewardLoader(scope), () => repo.count());
  }

  rewardById(scope: Scope, id: string) {
    return this.rewardLoader(scope).load(id);
  }

  private rewardLoader(scope: Scope) {
    return scope.slot('points.rewardById', () => new DataLoader<string, RewardRecord | null>(async (ids) => {
      const found = new Map((await this.deps.rewards(scope).byIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }));
  }

  async createReward(scope: Scope, input: CreateRewardInput): Promise<RewardRecord> {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    const name = requireText(input.name, 'name', { min: 1, max: 60 });
    const description = input.description == null ? '' : requireText(input.description, 'description', { min: 0, max: 300 });
    const costPoints = requireIntInRange(input.costPoints, 'costPoints', 1, MAX_REWARD_COST);
    if (typeof input.iconKey !== 'string' || !ICON_KEY.test(input.iconKey)) throw badInput('iconKey', 'must be 1 to 60 lower-case letters, digits and dashes');
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    return this.deps.rewards(scope).create({ name, description, costPoints, iconKey: input.iconKey }, viewer.id, Date.now(), key);
  }

  async redeem(scope: Scope, input: RedeemPointsInput) {
    const viewer = await scope.requireViewer();
    const rewardId = requireId(input.rewardId, 'rewardId');
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const done = await redeemPoints(scope, viewer.id, rewardId, key);
    this.published(scope, done.events);
    return { redemption: done.redemption, points: await this.summary(scope, viewer.id) };
  }

  /** Announces what a settlement's transaction did, once it has committed (badges awarded). */
  published(scope: Scope, events: AfterCommit[]): void {
    publishAfterCommit(scope, events, { events: this.deps.events });
  }
}
