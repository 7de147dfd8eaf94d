import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import { PointAction, PointRuleSet, PointsSummary, Redemption, type RedemptionRecord, Reward, type RewardRecord } from './types';

@ObjectType({ description: 'The result of checkIn.' })
export class CheckInPayload extends MutationPayload {
  @Field(() => PointsSummary, { nullable: true, description: "The viewer's points after the check-in (the streak included); null when refused." })
  points!: PointsSummary | null;

  @Field(() => Int, { nullable: true, description: "Points this check-in earned: 0 for a second check-in the same UTC day (nothing changes), or at the action's daily cap; null when refused." })
  pointsEarned!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'This was the first check-in of the UTC day (false for a repeat, which changes nothing); null when refused.' })
  isFirstToday!: boolean | null;
}

@InputType({ description: 'What one action pays.' })
export class PointRuleInput {
  @Field(() => PointAction, { description: 'The action.' })
  action!: PointAction;

  @Field(() => Int, { description: 'Points per action, 0 to 10000.' })
  points!: number;

  @Field(() => Int, { description: 'At most this many points per user and UTC day for the action, 0 to 100000.' })
  dailyCap!: number;
}

@InputType({ description: 'A new version of the point rules.' })
export class SetPointRulesInput {
  @Field(() => [PointRuleInput], { description: 'The rules to change, each action at most once (at most 7); the actions left out keep their current rule.' })
  rules!: PointRuleInput[];

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same rules answers the version the first call made (1 to 100 characters).' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of setPointRules.' })
export class SetPointRulesPayload extends MutationPayload {
  @Field(() => PointRuleSet, { nullable: true, description: 'The new version in force; null when refused.' })
  ruleSet!: PointRuleSet | null;
}

@InputType({ description: 'A new BADGE reward: redeeming it awards a badge of its own, once per user.' })
export class CreateRewardInput {
  @Field({ description: 'The reward and its badge\'s name, 1 to 60 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the user gets, in words, at most 300 characters.' })
  description?: string | null;

  @Field(() => Int, { description: 'Points it costs, 1 to 1000000.' })
  costPoints!: number;

  @Field({ description: "The badge's icon, a key of the client's icon set: lower-case letters, digits and dashes, 1 to 60 characters." })
  iconKey!: string;

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same input answers the reward the first call made (1 to 100 characters).' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of createReward.' })
export class CreateRewardPayload extends MutationPayload {
  @Field(() => Reward, { nullable: true, description: 'The new reward, on offer at once; null when refused.' })
  reward!: RewardRecord | null;
}

@InputType({ description: 'The reward to spend points on.' })
export class RedeemPointsInput {
  @Field(() => ID, { description: 'The reward, as listed by rewards.' })
  rewardId!: string;

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key for the same reward answers the first redemption and spends nothing more (1 to 100 characters).' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of redeemPoints.' })
export class RedeemPointsPayload extends MutationPayload {
  @Field(() => Redemption, { nullable: true, description: 'The redemption; null when refused (INSUFFICIENT_POINTS, ALREADY_REDEEMED, NOT_FOUND).' })
  redemption!: RedemptionRecord | null;

  @Field(() => PointsSummary, { nullable: true, description: "The viewer's points after it; null when refused." })
  points!: PointsSummary | null;
}
