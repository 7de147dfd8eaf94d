import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../common/money';

export enum CommissionStatusEnum {
  PENDING = 'PENDING',
  HELD = 'HELD',
  REVERSED = 'REVERSED',
}
registerEnumType(CommissionStatusEnum, {
  name: 'CommissionStatus',
  description: 'PENDING: earned; HELD: the order is flagged and waits for an admin; REVERSED: cancelled, refunded or rejected.',
});

export enum RateScope {
  GLOBAL = 'GLOBAL',
  MERCHANT = 'MERCHANT',
  CAMPAIGN = 'CAMPAIGN',
}
registerEnumType(RateScope, {
  name: 'RateScope',
  description: "Which rates apply to an order: its link's campaign's if set, else its merchant's, else the global ones.",
});

export enum FlagStatus {
  OPEN = 'OPEN',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(FlagStatus, { name: 'FlagStatus' });

@ObjectType({ description: 'A versioned set of commission rates. Only admins change them; each change is a new version and an audit entry.' })
export class CommissionRateSet {
  @Field(() => ID)
  id!: string;

  @Field(() => RateScope)
  scope!: RateScope;

  @Field(() => ID, { nullable: true, description: 'The merchant, for MERCHANT scope.' })
  merchantId!: string | null;

  @Field(() => String, { nullable: true, description: 'The campaign tag, for CAMPAIGN scope.' })
  campaign!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => [Int], { description: 'Rate per level in basis points: [level 1 (the direct sharer), level 2, level 3].' })
  levelRatesBps!: number[];

  @Field(() => Int, { description: 'How many levels are paid: 1 to 3.' })
  rewardDepth!: number;

  @Field()
  current!: boolean;
}

@InputType()
export class SetCommissionRatesInput {
  @Field(() => RateScope)
  scope!: RateScope;

  @Field(() => ID, { nullable: true })
  merchantId?: string | null;

  @Field(() => String, { nullable: true, description: 'For CAMPAIGN scope: the campaign tag share links carry.' })
  campaign?: string | null;

  @Field(() => [Int], { description: 'Basis points per level, at most 3 levels, each 0 to 5000.' })
  levelRatesBps!: number[];

  @Field(() => Int, { description: '1 to 3; deeper schemes are refused (pyramid-selling rules in China).' })
  rewardDepth!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Retrying with the same key and the same input returns the first rate set; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class Commission {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  orderId!: string;

  @Field(() => Int, { description: '1 = the direct sharer, 2 = the sharer before them, 3 = the one before that.' })
  level!: number;

  @Field(() => CommissionStatusEnum)
  status!: CommissionStatusEnum;

  @Field(() => Int)
  rateBps!: number;

  @Field({ description: 'The share link this level shared.' })
  linkCode!: string;
}

@ObjectType({ description: "The sum of a user's commissions of one status in one currency over a period." })
export class CommissionTotal {
  @Field(() => CommissionStatusEnum, { description: 'The status the commissions counted here have now.' })
  status!: CommissionStatusEnum;

  @Field(() => Int, { description: 'How many commissions of this status and currency.' })
  count!: number;

  @Field(() => Money, { description: 'Their sum, in the one currency of this total.' })
  amount!: Money;
}

@ObjectType({ description: 'A suspicious order or referral, kept and flagged (never dropped) until an admin reviews it.' })
export class FraudFlag {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'SELF_REFERRAL, REFERRAL_CYCLE, VELOCITY or SIGN_UP_FARMING.' })
  kind!: string;

  @Field()
  reason!: string;

  @Field({ description: 'ORDER or USER.' })
  subjectType!: string;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => String, { nullable: true })
  linkCode!: string | null;

  @Field(() => FlagStatus)
  status!: FlagStatus;
}
