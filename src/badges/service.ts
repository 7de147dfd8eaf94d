import DataLoader from 'dataloader';
import { badInput } from '../common/errors';
import { connectionOf, keyedConnection } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { UserErrorCode } from '../common/user-error-code';
import { guarded, type EventBus } from '../events/bus';
import type { Scope } from '../accounts/scope';
import type { BadgeDefinitionRepository, BadgeRepository } from './repository';
import { publishAfterCommit } from '../events/after-commit';
import { requireAdmin } from '../common/roles';
import { requireIdempotencyKey } from '../db/idempotency';
import { requireIntInRange, requireText } from '../common/validate';
import type { BadgeAwarded } from './awards';
import type { CreateBadgeDefinitionInput, UpdateBadgeDefinitionInput } from './payloads';
import { BADGE_RULE_KEY, DEFINABLE_METRICS, MAX_BADGE_THRESHOLD, MAX_DISPLAYED_BADGES } from './rules';
import { type Badge, type BadgeDefinitionView, presentBadge } from './types';

/** User.badges: "Default 20, at most 50." */
export const BADGES_PAGE = { default: 20, max: 50 };
/** badgeDefinitions: "Default 20, at most 100." */
export const BADGE_DEFINITIONS_PAGE = { default: 20, max: 100 };
const ICON_KEY = /^[a-z0-9-]{1,60}$/;
const BADGE_KEY_MAX = 100;

export interface BadgeServiceDeps {
  repo: (scope: Scope) => BadgeRepository;
  definitions: (scope: Scope) => BadgeDefinitionRepository;
  events: Pick<EventBus, 'pubsub'>;
}

/**
 * Reading and showing badges. Badges are public: anyone who can see a user sees what they earned
 * and what they chose to show. Only the owner picks what is shown, and hears of a new one.
 */
export class BadgeService {
  constructor(private readonly deps: BadgeServiceDeps) {}

  badge(scope: Scope, id: string): Promise<Badge | null> {
    return this.badgeLoader(scope).load(id);
  }

  async badgesOf(scope: Scope, userId: string, first?: number | null, after?: string | null) {
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: BADGES_PAGE.max });
    const repo = this.deps.repo(scope);
    return keyedConnection(toPage(await repo.page(userId, position, limit + 1), limit), this.badgeLoader(scope), () => repo.count(userId));
  }

  async displayedOf(scope: Scope, userId: string): Promise<Badge[]> {
    const ids = await this.displayedLoader(scope).load(userId);
    const badges = await this.badgeLoader(scope).loadMany(ids);
    return badges.filter((b): b is Badge => b !== null && !(b instanceof Error));
  }

  /** Replaces what the viewer shows: at most 3 badges they hold, distinct, in the order given (none clears it). */
  async setDisplayed(scope: Scope, badgeKeys: readonly string[]): Promise<Badge[]> {
    const viewer = await scope.requireViewer();
    if (!Array.isArray(badgeKeys)) throw badInput('badgeKeys', 'must be a list of badge keys');
    if (badgeKeys.length > MAX_DISPLAYED_BADGES) throw badInput('badgeKeys', `at most ${MAX_DISPLAYED_BADGES} badges`);
    badgeKeys.forEach((key, i) => {
      if (typeof key !== 'string' || key.length === 0 || key.length > BADGE_KEY_MAX || !/^[A-Za-z0-9_-]+$/.test(key)) throw badInput(`badgeKeys[${i}]`, 'is not a badge key');
      if (badgeKeys.indexOf(key) !== i) throw badInput(`badgeKeys[${i}]`, 'names a badge a second time');
    });
    const done = await this.deps.repo(scope).setDisplayed(viewer.id, badgeKeys);
    if (done.missing.length) throw badInput(`badgeKeys[${done.missing[0]}]`, 'you do not hold this badge', UserErrorCode.NOT_FOUND);
    // What this request read before the change is stale now (the old and the new picks' isDisplayed).
    this.displayedLoader(scope).clear(viewer.id);
    this.badgeLoader(scope).clearAll();
    return this.displayedOf(scope, viewer.id);
  }

  async definitions(scope: Scope, first?: number | null, after?: string | null) {
    const { limit, after: position } = pageRequest(first, after, { key: 'string', max: BADGE_DEFINITIONS_PAGE.max });
    const repo = this.deps.definitions(scope);
    const page = toPage(await repo.page(position?.k ?? null, limit + 1), limit);
    return connectionOf(page.items.map((d) => ({ cursor: encodeCursor({ k: d.key, id: d.key }), node: d })), page.hasNextPage, () => repo.count());
  }

  /** Admins: a new count badge rule, in force at once; whoever already reaches it earns it now. */
  async createDefinition(scope: Scope, input: CreateBadgeDefinitionInput): Promise<BadgeDefinitionView> {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    if (typeof input.key !== 'string' || !BADGE_RULE_KEY.test(input.key) || input.key.startsWith('REWARD_')) throw badInput('key', 'must be 2 to 60 upper-case letters, digits and underscores, starting with a letter, and not REWARD_');
    if (!DEFINABLE_METRICS.includes(input.metric)) throw badInput('metric', `must be one of ${DEFINABLE_METRICS.join(', ')}`);
    const rule: BadgeDefinitionView = {
      key: input.key,
      name: requireText(input.name, 'name', { min: 1, max: 60 }),
      description: requireText(input.description, 'description', { min: 1, max: 300 }),
      iconKey: requireIconKey(input.iconKey, 'iconKey'),
      metric: input.metric,
      threshold: requireIntInRange(input.threshold, 'threshold', 1, MAX_BADGE_THRESHOLD),
    };
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const done = await this.deps.definitions(scope).create(rule, viewer.id, Date.now(), key);
    if (!done) throw badInput('key', 'a badge rule has this key already', UserErrorCode.TAKEN);
    this.announce(scope, done.awarded);
    return done.definition;
  }

  /** Admins: a rule's words, icon or (count rules) threshold; a lowered threshold awards at once, a raised one takes nothing back. */
  async updateDefinition(scope: Scope, input: UpdateBadgeDefinitionInput): Promise<BadgeDefinitionView> {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    if (typeof input.key !== 'string' || input.key.length > BADGE_KEY_MAX || !/^[A-Za-z0-9_-]+$/.test(input.key)) throw badInput('key', 'is not a badge rule key');
    const change = {
      name: input.name == null ? null : requireText(input.name, 'name', { min: 1, max: 60 }),
      description: input.description == null ? null : requireText(input.description, 'description', { min: 1, max: 300 }),
      iconKey: input.iconKey == null ? null : requireIconKey(input.iconKey, 'iconKey'),
      threshold: input.threshold == null ? null : requireIntInRange(input.threshold, 'threshold', 1, MAX_BADGE_THRESHOLD),
    };
    const repo = this.deps.definitions(scope);
    const done = await repo.update(input.key, change, viewer.id, Date.now());
    if (!done) throw badInput('key', 'no badge rule has this key', UserErrorCode.NOT_FOUND);
    this.announce(scope, done.awarded);
    return done.definition;
  }

  private announce(scope: Scope, awarded: BadgeAwarded[]): void {
    if (awarded.length) publishAfterCommit(scope, [{ to: 'badges', awarded }], { events: this.deps.events });
  }

  /** New badges of the viewer, as they are awarded (ends with the viewer's session). */
  async awarded(scope: Scope): Promise<AsyncIterable<{ awardId: string }>> {
    const viewer = await scope.requireViewer();
    return guarded(this.deps.events.pubsub.subscribe('BADGE_AWARDED', viewer.id), async () => {
      scope.resetLoaders();
      return (await scope.viewer())?.id === viewer.id;
    });
  }

  private displayedLoader(scope: Scope) {
    return scope.slot('badges.displayed', () => new DataLoader<string, string[]>(async (userIds) => {
      const found = await this.deps.repo(scope).displayedOf(userIds);
      return userIds.map((id) => found.get(id) ?? []);
    }));
  }

  private badgeLoader(scope: Scope) {
    return scope.slot('badges.byId', () => new DataLoader<string, Badge | null>(async (ids) => {
      const found = new Map((await this.deps.repo(scope).byIds(ids)).map((b) => [b.id, presentBadge(b)]));
      return ids.map((id) => found.get(id) ?? null);
    }));
  }
}

function requireIconKey(value: string, field: string): string {
  if (typeof value !== 'string' || !ICON_KEY.test(value)) throw badInput(field, 'must be 1 to 60 lower-case letters, digits and dashes');
  return value;
}
