import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { PeriodInput } from '../common/period';
import { Role, User } from '../accounts/types';
import type { Context } from '../server/context';
import type { CommissionRecord, FlagRecord, RateSetRecord } from './repository';
import { Commission, CommissionRateSet, CommissionStatusEnum, CommissionTotal, FlagStatus, FraudFlag, RateScope, SetCommissionRatesInput } from './types';

export const CommissionConnection = Connection(Commission, 'Commission');
export const FraudFlagConnection = Connection(FraudFlag, 'FraudFlag');

@Resolver(() => Commission)
export class CommissionResolver {
  @Query(() => CommissionConnection, { description: "Commissions earned by a user (default: the viewer; admins may ask for anyone), newest first." })
  commissions(
    @Ctx() ctx: Context,
    @Arg('userId', () => ID, { nullable: true }) userId?: string | null,
    @Arg('status', () => CommissionStatusEnum, { nullable: true }) status?: CommissionStatusEnum | null,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.commissions.commissions(userId, status, period, first, after);
  }

  @Query(() => [CommissionTotal], { description: 'Totals per status and currency over a period.' })
  commissionSummary(
    @Ctx() ctx: Context,
    @Arg('userId', () => ID, { nullable: true }) userId?: string | null,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput | null,
  ) {
    return ctx.commissions.summary(userId, period);
  }

  @Mutation(() => CommissionRateSet, { description: 'Admins only: a new version of the commission rates of a scope. More than 3 levels is refused.' })
  setCommissionRates(@Ctx() ctx: Context, @Arg('input') input: SetCommissionRatesInput) {
    return ctx.commissions.setRates(input);
  }

  @Query(() => [CommissionRateSet], { description: 'Admins only: every version of the rate sets.' })
  commissionRateSets(
    @Ctx() ctx: Context,
    @Arg('scope', () => RateScope, { nullable: true }) scope?: RateScope | null,
    @Arg('merchantId', () => ID, { nullable: true }) merchantId?: string | null,
    @Arg('campaign', () => String, { nullable: true }) campaign?: string | null,
  ) {
    return ctx.commissions.rateSets(scope, merchantId, campaign);
  }

  @Query(() => FraudFlagConnection, { description: 'Fraud flags with their reasons, newest first (growth staff and admins).' })
  fraudFlags(
    @Ctx() ctx: Context,
    @Arg('status', () => FlagStatus, { nullable: true }) status?: FlagStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.commissions.flags(status, first, after);
  }

  @Mutation(() => FraudFlag, { description: "Admins only: approves a flag; when it was the order's last open flag, its held commissions become PENDING." })
  approveFraudFlag(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return ctx.commissions.review(id, true);
  }

  @Mutation(() => FraudFlag, { description: "Admins only: rejects a flag; the order's commissions are reversed." })
  rejectFraudFlag(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return ctx.commissions.review(id, false);
  }

  @Mutation(() => User, { description: 'Admins only: makes a user a MERCHANT, GROWTH staff, ADMIN or plain USER. Audited.' })
  setUserRole(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string, @Arg('role', () => Role) role: Role) {
    return ctx.accounts.setRole(userId, role);
  }

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() c: CommissionRecord) {
    return new Date(c.createdAt);
  }
}

@Resolver(() => CommissionRateSet)
export class RateSetResolver {
  @FieldResolver(() => ID, { nullable: true })
  merchantId(@Root() r: RateSetRecord) {
    return r.scope === 'MERCHANT' ? r.scopeId : null;
  }

  @FieldResolver(() => String, { nullable: true })
  campaign(@Root() r: RateSetRecord) {
    return r.scope === 'CAMPAIGN' ? r.scopeId : null;
  }

  @FieldResolver()
  current(@Root() r: RateSetRecord): boolean {
    return r.current ?? true;
  }

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() r: RateSetRecord) {
    return new Date(r.createdAt);
  }
}

@Resolver(() => FraudFlag)
export class FraudFlagResolver {
  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() f: FlagRecord) {
    return new Date(f.createdAt);
  }
}
