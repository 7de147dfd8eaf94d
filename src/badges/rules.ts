/**
 * Badge rules, as data (BadgeDefinition nodes, seeded by migration 013): a badge is earned when a
 * metric of the user reaches its threshold. Count metrics are read from the points ledger's
 * account in the transaction that moves them; period metrics are written by the influence job.
 */

export enum BadgeMetric {
  NOTE_PUBLISHED = 'NOTE_PUBLISHED',
  LIKE_RECEIVED = 'LIKE_RECEIVED',
  CHECK_IN_STREAK = 'CHECK_IN_STREAK',
  VERIFIED_REVIEW = 'VERIFIED_REVIEW',
  TOP_REFERRER_MONTH = 'TOP_REFERRER_MONTH',
  GROUP_CONTRIBUTOR_WEEK = 'GROUP_CONTRIBUTOR_WEEK',
  REDEEMED = 'REDEEMED',
}

/** Metrics the ledger's accounts hold (an action's award count, or the streak). */
export const ACCOUNT_METRICS: readonly BadgeMetric[] = [BadgeMetric.NOTE_PUBLISHED, BadgeMetric.LIKE_RECEIVED, BadgeMetric.CHECK_IN_STREAK];

/** Users pick at most this many of their badges to show on their profile. */
export const MAX_DISPLAYED_BADGES = 3;

export interface BadgeDefinitionRecord {
  key: string;
  name: string;
  iconKey: string;
  description: string;
  metric: BadgeMetric;
  threshold: number;
}

export interface MetricValues {
  userId: string;
  values: Partial<Record<BadgeMetric, number>>;
}

/** The badges a user's metrics reach now; the award is idempotent (one per user and badge), so repeats are harmless. */
export function badgesReached(definitions: readonly BadgeDefinitionRecord[], user: MetricValues): string[] {
  return definitions.filter((d) => (user.values[d.metric] ?? 0) >= d.threshold).map((d) => d.key);
}

/** The badges whose metric went from below their threshold to it or past it. */
export function badgesCrossed(definitions: readonly BadgeDefinitionRecord[], before: MetricValues['values'], after: MetricValues['values']): string[] {
  return definitions.filter((d) => (before[d.metric] ?? 0) < d.threshold && (after[d.metric] ?? 0) >= d.threshold).map((d) => d.key);
}

/** The award's key: once per user and badge, or once per period for a period badge ("2026-11"). */
export const badgeAwardKey = (userId: string, badgeKey: string, period: string | null) => (period ? `${userId}:${badgeKey}:${period}` : `${userId}:${badgeKey}`);

/** The metrics admins may make new badge rules on: the ledger's counts (period and review badges are the platform's own). */
export const DEFINABLE_METRICS: readonly BadgeMetric[] = ACCOUNT_METRICS;

/** The PointAccount property each count metric is read from (the ledger's counters, src/points/ledger.ts). */
export const ACCOUNT_METRIC_PROPERTY: Partial<Record<BadgeMetric, string>> = {
  [BadgeMetric.NOTE_PUBLISHED]: 'count_NOTE_PUBLISHED',
  [BadgeMetric.LIKE_RECEIVED]: 'count_LIKE_RECEIVED',
  [BadgeMetric.CHECK_IN_STREAK]: 'streak',
};

/** A rule's key: upper-case letters, digits and underscores, 2 to 60; REWARD_ keys belong to rewards. */
export const BADGE_RULE_KEY = /^[A-Z][A-Z0-9_]{1,59}$/;
export const MAX_BADGE_THRESHOLD = 1_000_000;
