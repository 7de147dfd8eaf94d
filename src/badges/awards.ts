import { randomUUID } from 'node:crypto';
import { cypher } from '../db/cypher';
import type { Tx } from '../db/database';
import { badgeAwardKey, type BadgeDefinitionRecord, type BadgeMetric, badgesReached, type MetricValues } from './rules';

const q = {
  definitions: cypher('badges/definitions'),
  award: cypher('badges/award'),
};

export interface BadgeAwarded {
  userId: string;
  awardId: string;
}

/**
 * Awards badges inside the transaction that moved what they count (the ledger's, a review
 * consumer's, the influence job's), so a badge and its cause commit together; each award is
 * made once per user and badge (per period for period badges).
 */
export class BadgeAwards {
  /** The badges of these metrics the users' values reach and do not hold yet. */
  static async forMetrics(tx: Tx, metrics: readonly BadgeMetric[], users: readonly MetricValues[], now: number): Promise<BadgeAwarded[]> {
    if (users.length === 0) return [];
    const definitions = (await tx.run<{ definition: BadgeDefinitionRecord }>(q.definitions, { metrics })).map((r) => r.definition);
    const awards = users.flatMap((u) => badgesReached(definitions, u).map((badgeKey) => ({ userId: u.userId, badgeKey, period: null })));
    return BadgeAwards.award(tx, awards, now);
  }

  /** Awards these badges (each once per user, and period when given). */
  static async award(tx: Tx, awards: readonly { userId: string; badgeKey: string; period: string | null }[], now: number): Promise<BadgeAwarded[]> {
    if (awards.length === 0) return [];
    return tx.run<{ awardId: string; userId: string }>(q.award, {
      now,
      awards: awards.map((a) => ({ ...a, id: randomUUID(), key: badgeAwardKey(a.userId, a.badgeKey, a.period) })),
    });
  }
}
