import { Field, InputType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { badInput } from './errors';

@InputType({
  description:
    'A range of whole UTC days [from, to): both at 00:00:00.000Z, at least one day and at most 366. ' +
    'Defaults to the 30 days ending with today (to = the coming midnight UTC); from alone runs to the coming midnight, to alone starts 30 days earlier. ' +
    "Where a query's figures come from other people's orders, only platform staff may include today: for everyone else the period ends at or before today's 00:00 UTC, and defaults to the 30 completed days before today.",
})
export class PeriodInput {
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'The first day, at 00:00:00.000Z.' })
  from?: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'The day after the last, at 00:00:00.000Z.' })
  to?: Date | null;
}

export interface Period {
  from: number;
  to: number;
}

export interface PeriodOptions {
  /**
   * The period must end at or before today's 00:00 UTC. Today is still filling up: polling a
   * figure about other people's orders for today and watching it change would show each new
   * order's amount and roughly when it was placed.
   */
  completedDaysOnly?: boolean;
  now?: number;
}

export const DAY_MS = 24 * 3600_000;
export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;

/** Midnight UTC at or before the instant. */
export function startOfUtcDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

function wholeDay(value: Date, field: string): number {
  const at = value.getTime();
  if (!Number.isFinite(at) || at % DAY_MS !== 0) throw badInput(field, 'must be a midnight UTC (YYYY-MM-DDT00:00:00.000Z): periods are whole days');
  return at;
}

/**
 * The one period rule of every analytics query (kolReport, leaderboard, groupStats, topReferrers,
 * conversionByChannel, commissions, commissionSummary). Periods are whole UTC days, so that no
 * figure narrows down to the hour or minute of someone else's order: differencing two windows
 * that share one boundary isolates at most the orders of whole days. With completedDaysOnly the
 * period also ends by today's midnight (see PeriodOptions).
 */
export function periodOf(input: PeriodInput | null | undefined, options: PeriodOptions = {}): Period {
  const now = options.now ?? Date.now();
  const latest = options.completedDaysOnly ? startOfUtcDay(now) : startOfUtcDay(now) + DAY_MS;
  const to = input?.to ? wholeDay(input.to, 'period.to') : latest;
  if (options.completedDaysOnly && to > latest) throw badInput('period.to', "must be at or before today's 00:00 UTC: only completed days are reported");
  const from = input?.from ? wholeDay(input.from, 'period.from') : to - DEFAULT_PERIOD_DAYS * DAY_MS;
  if (!(from < to)) throw badInput('period', 'from must be at least one day before to');
  if (to - from > MAX_PERIOD_DAYS * DAY_MS) throw badInput('period', `at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}
