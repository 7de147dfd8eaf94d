/**
 * The points ledger's arithmetic, as pure functions over what the ledger's transaction read under
 * the accounts' locks (src/points/ledger.ts): which awards pay and how much (the rule's amount, cut
 * to what the day's cap leaves), which clawbacks reverse what, and the accounts and day counters
 * that follow. Nothing here reads the clock or the database, so the rules are tested as values.
 */

export enum PointAction {
  CHECK_IN = 'CHECK_IN',
  NOTE_PUBLISHED = 'NOTE_PUBLISHED',
  LIKE_RECEIVED = 'LIKE_RECEIVED',
  COLLECT_RECEIVED = 'COLLECT_RECEIVED',
  REVIEW_WITH_MEDIA = 'REVIEW_WITH_MEDIA',
  REFERRAL_CONVERTED = 'REFERRAL_CONVERTED',
  GROUP_BUY_COMPLETED = 'GROUP_BUY_COMPLETED',
}

export const POINT_ACTIONS = Object.values(PointAction);

export interface PointRule {
  action: PointAction;
  points: number;
  dailyCap: number;
}

/** The business caps of setPointRules: no action pays more than this once, nor more than the cap a day. */
export const MAX_RULE_POINTS = 10_000;
export const MAX_DAILY_CAP = 100_000;

/** What every action pays until an admin sets the first rule set (version 0, never stored). */
export const DEFAULT_POINT_RULES: readonly PointRule[] = [
  { action: PointAction.CHECK_IN, points: 5, dailyCap: 5 },
  { action: PointAction.NOTE_PUBLISHED, points: 10, dailyCap: 30 },
  { action: PointAction.LIKE_RECEIVED, points: 1, dailyCap: 50 },
  { action: PointAction.COLLECT_RECEIVED, points: 2, dailyCap: 50 },
  { action: PointAction.REVIEW_WITH_MEDIA, points: 20, dailyCap: 60 },
  { action: PointAction.REFERRAL_CONVERTED, points: 50, dailyCap: 500 },
  { action: PointAction.GROUP_BUY_COMPLETED, points: 20, dailyCap: 100 },
];

/** A rule set as stored: every action has a rule (a missing one pays its default). */
export function ruleOf(rules: readonly PointRule[] | null, action: PointAction): PointRule {
  return rules?.find((r) => r.action === action) ?? DEFAULT_POINT_RULES.find((r) => r.action === action)!;
}

/** The UTC day of an instant, as the ledger keys days: "2026-12-01". */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const previousUtcDay = (day: string) => utcDay(Date.parse(`${day}T00:00:00Z`) - 86_400_000);

export const dayKey = (userId: string, action: string, day: string) => `${userId}:${action}:${day}`;

/** The source key of a clawback: the award it reverses, marked, so it is written once too. */
export const clawbackKey = (sourceKey: string) => `${sourceKey}#clawback`;

export interface Award {
  userId: string;
  action: PointAction;
  /** What the award is for, once: `LIKE:<noteId>:<likerId>`, `ORDER:<orderId>`, `REVIEW:<reviewId>`. */
  sourceKey: string;
}

export interface AccountState {
  userId: string;
  balance: number;
  lifetime: number;
  streak: number;
  lastCheckInDay: string | null;
  /** Awards received per action, clawbacks taken off: what count badges read. */
  counts: Partial<Record<PointAction, number>>;
}

export interface EntryState {
  sourceKey: string;
  userId: string;
  action: PointAction;
  points: number;
  day: string;
  reversed: boolean;
  /** Set on a clawback: the award it reverses (a clawback is never reversed itself). */
  reverses?: string | null;
}

export interface LedgerState {
  accounts: AccountState[];
  entries: EntryState[];
  days: { key: string; earned: number }[];
  rules: readonly PointRule[] | null;
}

export interface NewEntry {
  sourceKey: string;
  userId: string;
  action: PointAction;
  points: number;
  day: string;
  /** For a clawback: the key of the award it reverses. */
  reverses: string | null;
  /** The award paid less than its rule because the day's cap was reached (0 when the cap was full). */
  capped: boolean;
}

export interface Settlement {
  entries: NewEntry[];
  /** Source keys of awards now reversed. */
  reversed: string[];
  accounts: AccountState[];
  days: { key: string; userId: string; action: PointAction; day: string; earned: number }[];
  /** Awards whose key was new (paid, possibly 0 at the cap), in input order. */
  fresh: Award[];
}

/**
 * Settles awards and clawbacks against the ledger read under lock, in order:
 * - an award whose source key exists pays nothing (a retried like, a replayed event);
 * - a fresh award pays its rule's points, cut to what the day's cap for its action leaves; at a
 *   full cap it is still written (0 points), so the same source never pays later instead;
 * - a clawback reverses its award once: its points leave the balance, the lifetime total and the
 *   day it was earned on (which frees that much of the day's cap). A balance already spent can go
 *   below zero this way: later earnings pay the debt first, and nothing can be redeemed meanwhile.
 * A CHECK_IN award also moves the streak: one more after yesterday's, else 1.
 */
export function settle(state: LedgerState, awards: readonly Award[], clawbacks: readonly string[], now: number): Settlement {
  const today = utcDay(now);
  const accounts = new Map(state.accounts.map((a) => [a.userId, { ...a, counts: { ...a.counts } }]));
  const entries = new Map(state.entries.map((e) => [e.sourceKey, { ...e }]));
  const days = new Map(state.days.map((d) => [d.key, d.earned]));
  const touchedDays = new Map<string, { userId: string; action: PointAction; day: string }>();
  const out: Settlement = { entries: [], reversed: [], accounts: [], days: [], fresh: [] };
  const account = (userId: string) => {
    const found = accounts.get(userId);
    if (!found) throw new Error(`points: account ${userId} was not read under lock`);
    return found;
  };

  for (const award of awards) {
    if (entries.has(award.sourceKey)) continue;
    const a = account(award.userId);
    const rule = ruleOf(state.rules, award.action);
    const key = dayKey(award.userId, award.action, today);
    const earned = days.get(key) ?? 0;
    const points = Math.max(0, Math.min(rule.points, rule.dailyCap - earned));
    const entry: NewEntry = { sourceKey: award.sourceKey, userId: award.userId, action: award.action, points, day: today, reverses: null, capped: points < rule.points };
    out.entries.push(entry);
    out.fresh.push(award);
    entries.set(award.sourceKey, { ...entry, reversed: false });
    days.set(key, earned + points);
    touchedDays.set(key, { userId: award.userId, action: award.action, day: today });
    a.balance += points;
    a.lifetime += points;
    a.counts[award.action] = (a.counts[award.action] ?? 0) + 1;
    if (award.action === PointAction.CHECK_IN) {
      a.streak = a.lastCheckInDay === previousUtcDay(today) ? a.streak + 1 : 1;
      a.lastCheckInDay = today;
    }
  }

  for (const sourceKey of clawbacks) {
    const award = entries.get(sourceKey);
    if (!award || award.reversed || award.reverses) continue;
    const a = account(award.userId);
    award.reversed = true;
    out.reversed.push(sourceKey);
    const reversal: NewEntry = { sourceKey: clawbackKey(sourceKey), userId: award.userId, action: award.action, points: -award.points, day: today, reverses: sourceKey, capped: false };
    out.entries.push(reversal);
    entries.set(reversal.sourceKey, { ...reversal, reversed: false });
    const key = dayKey(award.userId, award.action, award.day);
    days.set(key, (days.get(key) ?? 0) - award.points);
    touchedDays.set(key, { userId: award.userId, action: award.action, day: award.day });
    a.balance -= award.points;
    a.lifetime -= award.points;
    a.counts[award.action] = Math.max(0, (a.counts[award.action] ?? 0) - 1);
  }

  const changed = new Set(out.entries.map((e) => e.userId));
  out.accounts = [...accounts.values()].filter((a) => changed.has(a.userId));
  out.days = [...touchedDays.entries()].map(([key, d]) => ({ key, ...d, earned: days.get(key) ?? 0 }));
  return out;
}

/** A rule set an admin sends: every action at most once, amounts and caps within the business limits. */
export function ruleProblems(rules: readonly PointRule[]): { index: number; field: 'action' | 'points' | 'dailyCap'; message: string } | null {
  const seen = new Set<PointAction>();
  for (const [index, rule] of rules.entries()) {
    if (seen.has(rule.action)) return { index, field: 'action', message: 'names an action a second time' };
    seen.add(rule.action);
    if (!Number.isInteger(rule.points) || rule.points < 0 || rule.points > MAX_RULE_POINTS) return { index, field: 'points', message: `must be a whole number from 0 to ${MAX_RULE_POINTS}` };
    if (!Number.isInteger(rule.dailyCap) || rule.dailyCap < 0 || rule.dailyCap > MAX_DAILY_CAP) return { index, field: 'dailyCap', message: `must be a whole number from 0 to ${MAX_DAILY_CAP}` };
  }
  return null;
}

/** A full rule set: the actions sent, and every other action's rule from the current set. */
export function mergedRules(current: readonly PointRule[] | null, sent: readonly PointRule[]): PointRule[] {
  return POINT_ACTIONS.map((action) => sent.find((r) => r.action === action) ?? ruleOf(current, action));
}
