import { Connection } from '../common/connection';
import { Arg, Ctx, createUnionType, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { PeriodInput } from '../common/period';
import type { CommissionRecord, FlagRecord, RateSetRecord } from './repository';
import { Commission, CommissionRateSet, CommissionStatusEnum, CommissionTotal, FlagStatus, FraudFlag, FraudFlagDecision, RateScope, SetCommissionRatesInput } from './types';
import { AccountService } from '../accounts/service';
import { User, type UserRecord } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { Order, Product, type OrderRecord, type ProductRecord } from '../commerce/types';
import { commerceLoaders } from '../commerce/loaders';
import { nullIfNotFound } from '../commerce/lookup';
import { CommerceService } from '../commerce/service';
import { CommissionService, RATE_SET_PAGE } from './service';
import { ReferralService } from '../referral/service';
import { ShareLink } from '../referral/types';
import type { PayloadResult } from '../common/user-errors';
import { DecideFraudFlagInput, DecideFraudFlagPayload, SetCommissionRatesPayload } from './payloads';
import type { Scope } from '../accounts/scope';
import { money, Money } from '../common/money';

export const CommissionConnection = Connection(Commission, 'Commission', {
  page: "A page of a user's commissions, newest first.",
  item: 'a commission',
  total: 'commissions of the user, status and period asked for',
});
export const CommissionRateSetConnection = Connection(CommissionRateSet, 'CommissionRateSet', {
  page: 'A page of commission rate set versions, by scope, then scope id, then the newest version first.',
  item: 'a rate set version',
  total: 'versions of the scope asked for (of every scope without one)',
});
export const FraudFlagConnection = Connection(FraudFlag, 'FraudFlag', { page: 'A page of fraud flags, newest first.', item: 'a fraud flag', total: 'fraud flags of the status asked for (all of them without one)' });
export const FraudFlagSubject = createUnionType({
  name: 'FraudFlagSubject',
  description: 'What a fraud flag is about: an order (SELF_REFERRAL, REFERRAL_CYCLE, VELOCITY), a user who signed up (SIGN_UP_FARMING) or a product whose reviews came in a burst (REVIEW_BURST).',
  types: () => [Order, User, Product] as const,
  resolveType: (value) => ('buyerId' in value ? 'Order' : 'stock' in value ? 'Product' : 'User'),
});

export const CommissionTotalConnection = Connection(CommissionTotal, 'CommissionTotal', {
  page: "A page of a user's commission totals over a period, one per status and currency, in status then currency order.",
  item: 'a commission total',
  total: 'totals (status and currency pairs) in the period',
});

@Resolver(() => Commission)
export class CommissionResolver {
  constructor(
    readonly commissionsService: CommissionService,
    readonly accountsService: AccountService,
    readonly commerceService: CommerceService,
    readonly referralService: ReferralService,
  ) {}

  @Query(() => CommissionConnection, { description: "Commissions earned by a user (default: the viewer; admins may ask for anyone), newest first." })
  commissions(
    @Ctx() ctx: Scope,
    @Arg('userId', () => ID, { nullable: true, description: 'Whose commissions; only admins may name another user (default: the viewer).' }) userId?: string | null,
    @Arg('status', () => CommissionStatusEnum, { nullable: true, description: 'Only commissions of this status.' }) status?: CommissionStatusEnum | null,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'The whole UTC days the commissions were earned in (default: the last 30).' }) period?: PeriodInput | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many commissions. Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.commissionsService.commissions(ctx, userId, status, period, first, after);
  }

  @Query(() => CommissionTotalConnection, {
    description: "A user's commission totals over a period (default: the viewer; admins may ask for anyone): one per status and currency, amounts of different currencies are never added. In status, then currency order.",
  })
  commissionSummary(
    @Ctx() ctx: Scope,
    @Arg('userId', () => ID, { nullable: true, description: 'Whose totals; only admins may name another user (default: the viewer).' }) userId?: string | null,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'The whole UTC days the commissions were earned in (default: the last 30).' }) period?: PeriodInput | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many totals. Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.commissionsService.summary(ctx, userId, period, first, after);
  }

  @Mutation(() => SetCommissionRatesPayload, { description: 'Admins only: a new version of the commission rates of a scope. More than 3 levels is refused.' })
  async setCommissionRates(@Ctx() ctx: Scope, @Arg('input', () => SetCommissionRatesInput, { description: 'The scope and its new rates.' }) input: SetCommissionRatesInput): Promise<PayloadResult<SetCommissionRatesPayload>> {
    return { rateSet: await this.commissionsService.setRates(ctx, input) };
  }

  @Query(() => CommissionRateSetConnection, { description: 'Admins only: every version of the rate sets, by scope, then the newest version first.' })
  commissionRateSets(
    @Ctx() ctx: Scope,
    @Arg('scope', () => RateScope, { nullable: true, description: 'Only the versions of this scope (with merchantId for MERCHANT, campaign for CAMPAIGN); every scope without it.' }) scope?: RateScope | null,
    @Arg('merchantId', () => ID, { nullable: true, description: 'The merchant, for MERCHANT scope.' }) merchantId?: string | null,
    @Arg('campaign', () => String, { nullable: true, description: 'The campaign tag, for CAMPAIGN scope.' }) campaign?: string | null,
    @Arg('first', () => Int, { nullable: true, description: `How many versions. Default ${RATE_SET_PAGE.default}, at most ${RATE_SET_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.commissionsService.rateSets(ctx, scope, merchantId, campaign, first, after);
  }

  @Query(() => FraudFlagConnection, { description: 'Fraud flags with their reasons, newest first (growth staff and admins).' })
  fraudFlags(
    @Ctx() ctx: Scope,
    @Arg('status', () => FlagStatus, { nullable: true, description: 'Only flags of this status (OPEN for the review queue).' }) status?: FlagStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many flags. Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.commissionsService.flags(ctx, status, first, after);
  }

  @Mutation(() => DecideFraudFlagPayload, {
    description:
      "Admins only: decides an OPEN fraud flag. APPROVE: when it was the order's last open flag, its held commissions become PENDING. REJECT: the order's commissions are REVERSED. Deciding a flag the same way again returns it; the other way is ALREADY_DECIDED.",
  })
  async decideFraudFlag(@Ctx() ctx: Scope, @Arg('input', () => DecideFraudFlagInput, { description: 'The flag and the decision.' }) input: DecideFraudFlagInput): Promise<PayloadResult<DecideFraudFlagPayload>> {
    return { fraudFlag: await this.commissionsService.review(ctx, input.flagId, input.decision === FraudFlagDecision.APPROVE) };
  }

  @FieldResolver(() => Order, {
    nullable: true,
    description: "The order it was earned on, for those who may read the order (its buyer, its merchant, admins); null for the sharer who earned it, who sees only the commission's own amount and rate.",
  })
  order(@Root() c: CommissionRecord, @Ctx() ctx: Scope) {
    return nullIfNotFound(this.commerceService.order(ctx, c.orderId));
  }

  // The record keeps the stored name (linkCode); the schema says shareCode wherever a type names a link.
  @FieldResolver(() => String)
  shareCode(@Root() c: CommissionRecord): string {
    return c.linkCode;
  }

  @FieldResolver(() => ShareLink, { nullable: true, description: 'The link this level shared, as the shareLink lookup shows it (null for a link into a group the viewer may not see).' })
  shareLink(@Root() c: CommissionRecord, @Ctx() ctx: Scope) {
    return this.referralService.visibleLink(ctx, c.linkCode);
  }

  @FieldResolver(() => Money, { description: "The commission: the order's total times rateBps / 10000, rounded down, in the order's currency." })
  amount(@Root() c: CommissionRecord): Money {
    return money(c.amountMinor, c.currency);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was earned (the order was placed).' })
  createdAt(@Root() c: CommissionRecord) {
    return new Date(c.createdAt);
  }
}

@Resolver(() => CommissionRateSet)
export class RateSetResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The merchant whose orders the rates apply to, for MERCHANT scope; null for the other scopes.' })
  merchant(@Root() r: RateSetRecord, @Ctx() ctx: Scope) {
    return r.scope === 'MERCHANT' ? accountLoaders(ctx).userById.load(r.scopeId) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  campaign(@Root() r: RateSetRecord) {
    return r.scope === 'CAMPAIGN' ? r.scopeId : null;
  }

  @FieldResolver()
  isCurrent(@Root() r: RateSetRecord): boolean {
    return r.current ?? true;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When this version was set.' })
  createdAt(@Root() r: RateSetRecord) {
    return new Date(r.createdAt);
  }
}

@Resolver(() => FraudFlag)
export class FraudFlagResolver {
  constructor(readonly commerceService: CommerceService, readonly referralService: ReferralService) {}

  @FieldResolver(() => String)
  details(@Root() f: FlagRecord): string {
    return f.reason;
  }

  @FieldResolver(() => String, { nullable: true })
  shareCode(@Root() f: FlagRecord): string | null {
    return f.linkCode;
  }

  @FieldResolver(() => ShareLink, { nullable: true, description: 'The link the order or sign-up came through, as the shareLink lookup shows it; null without one.' })
  shareLink(@Root() f: FlagRecord, @Ctx() ctx: Scope) {
    return this.referralService.visibleLink(ctx, f.linkCode);
  }

  @FieldResolver(() => FraudFlagSubject, {
    nullable: true,
    description:
      'The flagged order, user or product, each as its own lookup shows it: an order only to its buyer, its merchant and admins (growth staff see null), a user or product to anyone; null when it is gone.',
  })
  async subject(@Root() f: FlagRecord, @Ctx() ctx: Scope): Promise<OrderRecord | UserRecord | ProductRecord | null> {
    if (f.subjectType === 'ORDER') return nullIfNotFound(this.commerceService.order(ctx, f.subjectId));
    if (f.subjectType === 'PRODUCT') return commerceLoaders(ctx).productById.load(f.subjectId);
    return accountLoaders(ctx).userById.load(f.subjectId);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the check raised it.' })
  createdAt(@Root() f: FlagRecord) {
    return new Date(f.createdAt);
  }
}
