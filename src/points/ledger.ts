import { randomUUID } from 'node:crypto';
import { cypher } from '../db/cypher';
import type { Tx } from '../db/database';
import type { AfterCommit } from '../events/after-commit';
import { BadgeAwards } from '../badges/awards';
import { ACCOUNT_METRICS, type BadgeDefinitionRecord, BadgeMetric, badgesCrossed } from '../badges/rules';
import { type AccountState, type Award, dayKey, type EntryState, PointAction, type PointRule, settle, type Settlement, utcDay } from './rules';

const q = {
  entryOwners: cypher('points/entry-owners'),
  lockLedger: cypher('points/lock-ledger'),
  writeLedger: cypher('points/write-ledger'),
};

const COUNT_PREFIX = 'count_';

interface LockedRow {
  accounts: (Omit<AccountState, 'counts'> & { counts: Record<string, unknown> })[];
  entries: EntryState[];
  days: { key: string; earned: number }[];
  badges: BadgeDefinitionRecord[];
  rules: string | null;
}

/** The awards and clawbacks a use case hands the ledger, to be settled inside its own transaction. */
export interface LedgerChange {
  awards?: Award[];
  /**
   * Awards to reverse (an unlike, an uncollect, a refund, a removed review), by source key, with
   * the award's owner when the caller knows it (a like's note author): that saves a statement.
   */
  clawbacks?: { sourceKey: string; userId?: string }[];
}

/**
 * The points ledger, run inside the transaction of the action that earns or loses points (a like,
 * a collect, a note, a check-in, an order and its refund, a group buy filling) or of the event
 * consumer that settles it (a review, src/points/consumer.ts). One call is three statements
 * whatever the batch's size: the owners' accounts are locked in id order and read with the
 * source keys' entries, today's day counters and the current rules (lock-ledger); the settlement
 * is computed here (src/points/rules.ts); and written (write-ledger). Under the accounts' locks
 * a source key pays once, a daily cap holds against concurrent awards, and a clawback reverses
 * exactly what its award paid.
 */
export class PointsLedger {
  static async apply(tx: Tx, change: LedgerChange, now: number): Promise<Settled> {
    const awards = change.awards ?? [];
    const clawbacks = change.clawbacks ?? [];
    if (awards.length === 0 && clawbacks.length === 0) return { entries: [], reversed: [], accounts: [], days: [], fresh: [], events: [] };
    const unknownOwners = clawbacks.filter((c) => c.userId === undefined).map((c) => c.sourceKey);
    const owners = unknownOwners.length ? (await tx.run<{ userId: string }>(q.entryOwners, { sourceKeys: unknownOwners })).map((o) => o.userId) : [];
    const userIds = [...new Set([...awards.map((a) => a.userId), ...clawbacks.flatMap((c) => (c.userId === undefined ? [] : [c.userId])), ...owners])].sort();
    const today = utcDay(now);
    const dayKeys = [...new Set(awards.map((a) => dayKey(a.userId, a.action, today)))];
    const sourceKeys = [...new Set([...awards.map((a) => a.sourceKey), ...clawbacks.map((c) => c.sourceKey)])];
    const [row] = await tx.run<LockedRow>(q.lockLedger, { userIds, sourceKeys, dayKeys, badgeMetrics: ACCOUNT_METRICS, now });
    const state = {
      accounts: row!.accounts.map((a) => ({ ...a, counts: countsOf(a.counts) })),
      entries: row!.entries,
      days: row!.days,
      rules: row!.rules === null ? null : (JSON.parse(row!.rules) as PointRule[]),
    };
    // An entry of another owner than the caller named is left alone (its account is not locked).
    const locked = new Set(userIds);
    state.entries = state.entries.filter((e) => locked.has(e.userId));
    const settled = settle(state, awards, clawbacks.map((c) => c.sourceKey), now);
    if (settled.entries.length === 0) return { ...settled, events: [] };
    await tx.run(q.writeLedger, {
      now,
      entries: settled.entries.map((e) => ({ ...e, id: randomUUID() })),
      reversed: settled.reversed,
      accounts: settled.accounts.map((a) => ({ ...a, counts: Object.fromEntries(Object.entries(a.counts).map(([k, v]) => [`${COUNT_PREFIX}${k}`, v])) })),
      days: settled.days,
    });
    // A count badge is awarded when this settlement takes its metric across the threshold (a
    // statement only then); a clawback never takes a badge back.
    const before = new Map(state.accounts.map((a) => [a.userId, metricValues(a)]));
    const crossed = settled.accounts.flatMap((a) => badgesCrossed(row!.badges, before.get(a.userId) ?? {}, metricValues(a)).map((badgeKey) => ({ userId: a.userId, badgeKey, period: null })));
    const awarded = await BadgeAwards.award(tx, crossed, now);
    return { ...settled, events: awarded.length ? [{ to: 'badges', awarded }] : [] };
  }
}

export type Settled = Settlement & { events: AfterCommit[] };

const metricValues = (a: AccountState): Partial<Record<BadgeMetric, number>> => ({
  [BadgeMetric.NOTE_PUBLISHED]: a.counts[PointAction.NOTE_PUBLISHED] ?? 0,
  [BadgeMetric.LIKE_RECEIVED]: a.counts[PointAction.LIKE_RECEIVED] ?? 0,
  [BadgeMetric.CHECK_IN_STREAK]: a.streak,
});

function countsOf(properties: Record<string, unknown>): AccountState['counts'] {
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([k, v]) => k.startsWith(COUNT_PREFIX) && typeof v === 'number')
      .map(([k, v]) => [k.slice(COUNT_PREFIX.length), v as number]),
  );
}
