import { Node } from '../common/node';
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
  valuesConfig: {
    PENDING: { description: 'Earned on a live order.' },
    HELD: { description: 'The order has an open fraud flag: the commission waits for an admin to decide it.' },
    REVERSED: { description: 'Not paid: the order was cancelled or refunded, or its fraud flag rejected.' },
  },
});

export enum RateScope {
  GLOBAL = 'GLOBAL',
  MERCHANT = 'MERCHANT',
  CAMPAIGN = 'CAMPAIGN',
}
registerEnumType(RateScope, {
  name: 'RateScope',
  description: "Which rates apply to an order: its link's campaign's if set, else its merchant's, else the global ones.",
  valuesConfig: {
    GLOBAL: { description: 'The rates of every order without merchant or campaign rates.' },
    MERCHANT: { description: "The rates of one merchant's orders." },
    CAMPAIGN: { description: 'The rates of orders through share links tagged with one campaign.' },
  },
});

export enum FlagStatus {
  OPEN = 'OPEN',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(FlagStatus, {
  name: 'FlagStatus',
  description: 'Where a fraud flag is in its review.',
  valuesConfig: {
    OPEN: { description: 'Waiting for an admin; an order with an open flag holds its commissions (HELD).' },
    APPROVED: { description: "An admin found it legitimate; when it was the order's last open flag, its held commissions became PENDING." },
    REJECTED: { description: "An admin confirmed the fraud; the order's commissions were REVERSED." },
  },
});

export enum FraudFlagKind {
  SELF_REFERRAL = 'SELF_REFERRAL',
  REFERRAL_CYCLE = 'REFERRAL_CYCLE',
  VELOCITY = 'VELOCITY',
  SIGN_UP_FARMING = 'SIGN_UP_FARMING',
  REVIEW_BURST = 'REVIEW_BURST',
}
registerEnumType(FraudFlagKind, {
  name: 'FraudFlagKind',
  description: 'What a fraud check found.',
  valuesConfig: {
    SELF_REFERRAL: { description: "The buyer is a sharer in the order's referral chain, or in the direct sharer's invite chain (an order)." },
    REFERRAL_CYCLE: { description: "A user appears more than once in the order's referral chain (an order)." },
    VELOCITY: { description: "More orders through one share link within a minute than FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE allows (an order). A live room's orders, through its host's LIVE link, are allowed more in proportion to the people watching the room: FRAUD_LIVE_ORDERS_PER_100_VIEWERS_PER_MINUTE per 100 viewers, never fewer than a share link." },
    SIGN_UP_FARMING: { description: 'More sign-ups through one share link from one visitor id than FRAUD_MAX_SIGNUPS_PER_VISITOR allows (a user).' },
    REVIEW_BURST: { description: 'Five or more reviews of one product within 24 hours from accounts created on the same day (a product; one flag per product and sign-up day, its details following the count while open). Deciding it changes no rating.' },
  },
});

export enum FraudFlagDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(FraudFlagDecision, {
  name: 'FraudFlagDecision',
  description: "An admin's decision on a fraud flag.",
  valuesConfig: {
    APPROVE: { description: "Legitimate: the flag becomes APPROVED; when it was the order's last open flag, its held commissions become PENDING." },
    REJECT: { description: "Fraud: the flag becomes REJECTED and the order's commissions are REVERSED." },
  },
});

@ObjectType({ implements: Node, description: 'A versioned set of commission rates. Only admins change them; each change is a new version and an audit entry.' })
export class CommissionRateSet {
  @Field(() => ID, { description: 'This version of the rates.' })
  id!: string;

  @Field(() => RateScope, { description: 'Which orders the rates apply to.' })
  scope!: RateScope;

  @Field(() => String, { nullable: true, description: 'The campaign tag, for CAMPAIGN scope.' })
  campaign!: string | null;

  @Field(() => Int, { description: 'The version within its scope, from 1, one more at each change.' })
  version!: number;

  @Field(() => [Int], { description: 'Rate per level in basis points: [level 1 (the direct sharer), level 2, level 3].' })
  levelRatesBps!: number[];

  @Field(() => Int, { description: 'How many levels are paid: 1 to 3.' })
  rewardDepth!: number;

  @Field({ description: 'True for the version in force for its scope; false for an earlier one.' })
  isCurrent!: boolean;
}

@InputType({ description: 'The scope whose rates change and its new rates.' })
export class SetCommissionRatesInput {
  @Field(() => RateScope, { description: 'Which rates: GLOBAL, one MERCHANT (merchantId) or one CAMPAIGN (campaign).' })
  scope!: RateScope;

  @Field(() => ID, { nullable: true, description: 'For MERCHANT scope: the merchant (a MERCHANT account, NOT_FOUND otherwise).' })
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

@ObjectType({ implements: Node, description: 'What one sharer of a referral chain earns on one order.' })
export class Commission {
  @Field(() => ID, { description: 'The commission.' })
  id!: string;

  @Field(() => ID, {
    description:
      "The id of the order it was earned on. The sharer who earned it may not read the order (order is null for them), but may tell their commissions apart by it: it reveals nothing beyond this commission's own amount and rate.",
  })
  orderId!: string;

  @Field(() => Int, { description: '1 = the direct sharer, 2 = the sharer before them, 3 = the one before that.' })
  level!: number;

  @Field(() => CommissionStatusEnum, { description: 'PENDING, HELD while the order is flagged, or REVERSED.' })
  status!: CommissionStatusEnum;

  @Field(() => Int, { description: 'The rate of this level, in basis points (100 = 1%), from the rate set in force when the order was placed.' })
  rateBps!: number;

  @Field({ description: 'The share code (ShareLink.code) of the link this level shared; shareLink resolves it.' })
  shareCode!: string;
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

@ObjectType({ implements: Node, description: 'A suspicious order or referral, kept and flagged (never dropped) until an admin reviews it.' })
export class FraudFlag {
  @Field(() => ID, { description: 'The flag, for decideFraudFlag.' })
  id!: string;

  @Field(() => FraudFlagKind, { description: 'What the check found; branch on this.' })
  kind!: FraudFlagKind;

  @Field({ description: 'A sentence for the reviewer on what was seen (counts, the link, the repeated user). Free text: branch on kind, not on this.' })
  details!: string;

  @Field(() => String, { nullable: true, description: 'The share code (ShareLink.code) of the link the order or sign-up came through; shareLink resolves it.' })
  shareCode!: string | null;

  @Field(() => FlagStatus, { description: 'OPEN until an admin decides it.' })
  status!: FlagStatus;
}
