import { Field, InputType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { badInput } from './errors';

@InputType({ description: 'A time range [from, to). Defaults to the last 30 days; at most 366 days.' })
export class PeriodInput {
  @Field(() => DateTimeISOResolver, { nullable: true })
  from?: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  to?: Date | null;
}

export interface Period {
  from: number;
  to: number;
}

const DAY = 24 * 3600_000;

export function periodOf(input: PeriodInput | null | undefined, now = Date.now()): Period {
  const to = input?.to ? input.to.getTime() : now + 1;
  const from = input?.from ? input.from.getTime() : to - 30 * DAY;
  if (!(from < to)) throw badInput('period', 'from must be before to');
  if (to - from > 366 * DAY) throw badInput('period', 'at most 366 days');
  return { from, to };
}
