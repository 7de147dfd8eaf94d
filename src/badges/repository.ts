import { cypher } from '../db/cypher';
import type { DbScope } from '../db/database';
import type { RequestScope } from '../request/scope';
import type { Position } from '../common/pagination';
import type { KeyedItem } from '../common/connection';
import { randomUUID } from 'node:crypto';
import { claimIdempotencyKey } from '../db/idempotency';
import type { Tx } from '../db/database';
import type { BadgeAwarded } from './awards';
import { ACCOUNT_METRIC_PROPERTY, DEFINABLE_METRICS } from './rules';
import { badInput } from '../common/errors';
import type { BadgeDefinitionView, BadgeRecord } from './types';

const q = {
  byIds: cypher('badges/awards-by-ids'),
  page: cypher('badges/awards-page'),
  count: cypher('badges/count-awards'),
  displayed: cypher('badges/displayed-of-users'),
  setDisplayed: cypher('badges/set-displayed'),
  definitionsPage: cypher('badges/definitions-page'),
  countDefinitions: cypher('badges/count-definitions'),
  createDefinition: cypher('badges/create-definition'),
  updateDefinition: cypher('badges/update-definition'),
  awardReached: cypher('badges/award-reached'),
  definitionByKey: cypher('badges/definition-by-key'),
};

export class BadgeRepository {
  constructor(private readonly db: DbScope) {}

  async byIds(ids: readonly string[]): Promise<BadgeRecord[]> {
    return (await this.db.read<{ badge: BadgeRecord }>(q.byIds, { ids })).map((r) => r.badge);
  }

  async page(userId: string, after: Position | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.page, { userId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async count(userId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.count, { userId });
    return row?.total ?? 0;
  }

  async displayedOf(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.read<{ userId: string; ids: string[] }>(q.displayed, { userIds });
    return new Map(rows.map((r) => [r.userId, r.ids]));
  }

  /** Shows these badges, in order, when the user holds every one; otherwise writes nothing and answers the positions not held. */
  async setDisplayed(userId: string, keys: readonly string[]): Promise<{ missing: number[]; ids: string[] }> {
    const [row] = await this.db.write<{ missing: number[]; ids: string[] }>(q.setDisplayed, { userId, keys });
    return row ?? { missing: [], ids: [] };
  }
}

export interface DefinitionChange {
  name: string | null;
  description: string | null;
  iconKey: string | null;
  threshold: number | null;
}

export class BadgeDefinitionRepository {
  constructor(private readonly db: DbScope) {}

  async page(afterKey: string | null, limit: number): Promise<BadgeDefinitionView[]> {
    return (await this.db.read<{ definition: BadgeDefinitionView }>(q.definitionsPage, { afterKey, limit })).map((r) => r.definition);
  }

  async count(): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countDefinitions);
    return row?.total ?? 0;
  }

  /**
   * A new count rule, audited, and its badge for everyone who already reaches it, in one
   * transaction; null when the key is taken. A retried key answers the rule it made.
   */
  async create(rule: BadgeDefinitionView, actorId: string, now: number, idempotencyKey: string | null): Promise<{ definition: BadgeDefinitionView; awarded: BadgeAwarded[] } | null> {
    return this.db.writeTx(async (tx) => {
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId, operation: 'createBadgeDefinition', key: idempotencyKey, input: rule }) : null;
      if (claim && !claim.fresh) return { definition: (await BadgeDefinitionRepository.byKey(tx, claim.resultId))!, awarded: [] };
      const [row] = await tx.run<{ created: boolean; definition: BadgeDefinitionView }>(q.createDefinition, { ...rule, actorId, now, auditId: randomUUID(), details: JSON.stringify(rule) });
      if (!row!.created) return null;
      await claim?.complete(rule.key);
      return { definition: row!.definition, awarded: await BadgeDefinitionRepository.awardReached(tx, row!.definition, now) };
    });
  }

  /** Changes a rule, audited; a lowered count threshold awards those who now reach it. Null for an unknown key. */
  async update(key: string, change: DefinitionChange, actorId: string, now: number): Promise<{ definition: BadgeDefinitionView; awarded: BadgeAwarded[] } | null> {
    return this.db.writeTx(async (tx) => {
      const [row] = await tx.run<{ before: number; thresholdRefused: boolean; definition: BadgeDefinitionView }>(q.updateDefinition, {
        key, ...change, countMetrics: DEFINABLE_METRICS, actorId, now, auditId: randomUUID(), details: JSON.stringify(change),
      });
      if (!row) return null;
      // Thrown, so the transaction rolls back with the rest of the change.
      if (row.thresholdRefused) throw badInput('threshold', `only ${DEFINABLE_METRICS.join(', ')} rules have a threshold to change`);
      const awarded = row.definition.threshold < row.before ? await BadgeDefinitionRepository.awardReached(tx, row.definition, now) : [];
      return { definition: row.definition, awarded };
    });
  }

  private static async byKey(tx: Tx, key: string): Promise<BadgeDefinitionView | null> {
    const [row] = await tx.run<{ definition: BadgeDefinitionView }>(q.definitionByKey, { key });
    return row?.definition ?? null;
  }

  private static async awardReached(tx: Tx, rule: BadgeDefinitionView, now: number): Promise<BadgeAwarded[]> {
    const property = ACCOUNT_METRIC_PROPERTY[rule.metric];
    if (!property) return [];
    return tx.run<BadgeAwarded>(q.awardReached, { property, threshold: rule.threshold, badgeKey: rule.key, now });
  }
}

export function badgeDefinitionRepository(scope: RequestScope): BadgeDefinitionRepository {
  return scope.slot('badges.definitions', () => new BadgeDefinitionRepository(scope.db));
}

/** The badges repository of a request, over its counted DbScope (made once per request). */
export function badgeRepository(scope: RequestScope): BadgeRepository {
  return scope.slot('badges.repository', () => new BadgeRepository(scope.db));
}
