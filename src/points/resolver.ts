import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User, type UserRecord } from '../accounts/types';
import type { PayloadResult } from '../common/user-errors';
import type { Scope } from '../accounts/scope';
import { DateTimeISOResolver } from 'graphql-scalars';
import { CheckInPayload, CreateRewardInput, CreateRewardPayload, RedeemPointsInput, RedeemPointsPayload, SetPointRulesInput, SetPointRulesPayload } from './payloads';
import { POINTS_PAGE, PointsService } from './service';
import { PointEntryConnection, PointRule, PointRuleSetConnection, PointsSummary, Redemption, type RedemptionRecord, Reward, RewardConnection } from './types';

@Resolver()
export class PointsResolver {
  constructor(readonly pointsService: PointsService) {}

  @Mutation(() => CheckInPayload, {
    description:
      "The viewer's daily check-in: once per UTC day it earns CHECK_IN points and extends the streak (one more after yesterday's check-in, else 1). Checking in again the same day succeeds and changes nothing (isFirstToday false).",
  })
  async checkIn(@Ctx() ctx: Scope): Promise<PayloadResult<CheckInPayload>> {
    return this.pointsService.checkIn(ctx);
  }

  @Query(() => PointEntryConnection, { description: "The viewer's points ledger, newest first: awards, clawbacks and redemptions." })
  pointsHistory(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many entries. Default ${POINTS_PAGE.default}, at most ${POINTS_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.pointsService.history(ctx, first, after);
  }

  @Query(() => [PointRule], { description: 'What each action pays now and its daily cap: one rule per PointAction (at most 7). Anyone may read them.' })
  pointRules(@Ctx() ctx: Scope) {
    return this.pointsService.currentRules(ctx);
  }

  @Mutation(() => SetPointRulesPayload, {
    description: 'Admins only: a new version of the point rules, in force at once for every award after it; the actions not sent keep their current rule. Earlier versions stay (pointRuleSets).',
  })
  async setPointRules(@Ctx() ctx: Scope, @Arg('input', () => SetPointRulesInput, { description: 'The rules to change.' }) input: SetPointRulesInput): Promise<PayloadResult<SetPointRulesPayload>> {
    return { ruleSet: await this.pointsService.setRules(ctx, input) };
  }

  @Query(() => RewardConnection, { description: 'The rewards on offer, cheapest first (signed-in users). Coupon rewards come with the campaigns issue.' })
  rewards(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many rewards. Default ${POINTS_PAGE.default}, at most ${POINTS_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.pointsService.rewards(ctx, first, after);
  }

  @Mutation(() => CreateRewardPayload, { description: 'Admins only: a new BADGE reward, on offer at once; its badge is made with it.' })
  async createReward(@Ctx() ctx: Scope, @Arg('input', () => CreateRewardInput, { description: 'The reward.' }) input: CreateRewardInput): Promise<PayloadResult<CreateRewardPayload>> {
    return { reward: await this.pointsService.createReward(ctx, input) };
  }

  @Mutation(() => RedeemPointsPayload, {
    description:
      "Spends the viewer's points on a reward, atomically: the cost leaves the balance (a ledger entry) and the reward is given in one transaction, and concurrent redemptions never take the balance below zero (INSUFFICIENT_POINTS). A BADGE reward is redeemed once (ALREADY_REDEEMED).",
  })
  async redeemPoints(@Ctx() ctx: Scope, @Arg('input', () => RedeemPointsInput, { description: 'The reward.' }) input: RedeemPointsInput): Promise<PayloadResult<RedeemPointsPayload>> {
    return this.pointsService.redeem(ctx, input);
  }

  @Query(() => PointRuleSetConnection, { description: 'Admins only: every version of the point rules, newest first.' })
  pointRuleSets(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many versions. Default ${POINTS_PAGE.default}, at most ${POINTS_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.pointsService.ruleSets(ctx, first, after);
  }
}

@Resolver(() => Redemption)
export class RedemptionResolver {
  constructor(readonly pointsService: PointsService) {}

  @FieldResolver(() => Reward, { nullable: true, description: 'The reward redeemed.' })
  reward(@Root() r: RedemptionRecord, @Ctx() ctx: Scope) {
    return this.pointsService.rewardById(ctx, r.rewardId);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the points were spent.' })
  redeemedAt(@Root() r: RedemptionRecord) {
    return new Date(r.createdAt);
  }
}

@Resolver(() => User)
export class UserPointsResolver {
  constructor(readonly pointsService: PointsService) {}

  @FieldResolver(() => PointsSummary, { nullable: true, description: "The user's points (balance, earned today, streak); only the user reads their own (null for anyone else)." })
  points(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return this.pointsService.summary(ctx, user.id);
  }

  @FieldResolver(() => Int, { description: "The user's level, 1 to 10 (LV1 to LV10), from the points they ever earned less clawbacks (spending does not lower it). Public." })
  level(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return this.pointsService.level(ctx, user.id);
  }
}
