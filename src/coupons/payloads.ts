import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { MutationPayload } from '../common/user-errors';
import { MinorUnitsScalar } from '../common/money';
import { Coupon, CouponClaim, CouponKind, CouponScope, type CouponClaimRecord, type CouponRecord } from './types';

/** The most one coupon may take off: ¥1,000,000.00 in fen (its amountOff, cap and threshold are bounded by it too). */
export const MAX_COUPON_MINOR = 100_000_000;
export const MAX_COUPON_QUANTITY = 10_000_000;
export const MAX_PER_USER_LIMIT = 100;
/** A claim window and a use window last at most this long each. */
export const MAX_COUPON_WINDOW_DAYS = 366;

@InputType({ description: 'A new coupon. Who may create which scope: docs/authorization.md (staff PLATFORM; a merchant MERCHANT and PRODUCT on its own; GROUP_EXCLUSIVE by the merchant for a group, or proposed by the group\'s admins and owner for the merchant to approve).' })
export class CreateCouponInput {
  @Field({ description: 'Its name, as shown to buyers, 1 to 60 characters.' })
  @MaxLength(120)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Its terms in words, at most 300 characters.' })
  @MaxLength(600)
  description?: string | null;

  @Field(() => CouponKind, { description: 'How it takes money off.' })
  kind!: CouponKind;

  @Field(() => CouponScope, { description: 'Which lines it applies to.' })
  scope!: CouponScope;

  @Field({ defaultValue: 'CNY', description: 'The ISO 4217 code of its amounts and of the orders it applies to, such as CNY (the default).' })
  @MaxLength(3)
  currency!: string;

  @Field(() => MinorUnitsScalar, { nullable: true, description: `AMOUNT_OFF and THRESHOLD (required there, refused otherwise): the amount off, 1 to ${MAX_COUPON_MINOR}; for THRESHOLD below threshold.` })
  amountOffMinor?: number | null;

  @Field(() => Int, { nullable: true, description: 'PERCENT_OFF (required there, refused otherwise): whole percent off, 1 to 99.' })
  percentOff?: number | null;

  @Field(() => MinorUnitsScalar, { nullable: true, description: `PERCENT_OFF (required there, refused otherwise): the most it takes off an order, 1 to ${MAX_COUPON_MINOR}.` })
  capMinor?: number | null;

  @Field(() => MinorUnitsScalar, { nullable: true, description: `THRESHOLD (required there, refused otherwise): what the lines it applies to must cost at least, 2 to ${MAX_COUPON_MINOR}.` })
  thresholdMinor?: number | null;

  @Field(() => ID, { nullable: true, description: 'MERCHANT and GROUP_EXCLUSIVE: the merchant whose products it applies to (default the viewer, when a merchant; a group manager names the merchant). Refused for PLATFORM and PRODUCT.' })
  merchantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'PRODUCT (required there, refused otherwise): the product; its merchant issues the coupon.' })
  productId?: string | null;

  @Field(() => ID, { nullable: true, description: 'GROUP_EXCLUSIVE (required there, refused otherwise): the group whose members may claim it.' })
  groupId?: string | null;

  @Field(() => Int, { description: `How many units in all, 1 to ${MAX_COUPON_QUANTITY}.` })
  totalQuantity!: number;

  @Field(() => Int, { defaultValue: 1, description: `How many units one user may hold in all, 1 to ${MAX_PER_USER_LIMIT} (default 1).` })
  perUserLimit!: number;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When claiming opens (default now); not in the past (5 minutes of clock skew allowed).' })
  claimStartsAt?: Date | null;

  @Field(() => DateTimeISOResolver, { description: `When claiming closes: after claimStartsAt and in the future, at most ${MAX_COUPON_WINDOW_DAYS} days after it.` })
  claimEndsAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When orders may start using it (default claimStartsAt); not before claimStartsAt.' })
  useStartsAt?: Date | null;

  @Field(() => DateTimeISOResolver, { description: `When it can no longer be used: after useStartsAt and no earlier than claimEndsAt, at most ${MAX_COUPON_WINDOW_DAYS} days after useStartsAt.` })
  useEndsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same input answers the coupon the first call made (1 to 100 characters).' })
  @MaxLength(100)
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of createCoupon.' })
export class CreateCouponPayload extends MutationPayload {
  @Field(() => Coupon, { nullable: true, description: 'The new coupon (ACTIVE, or PENDING_APPROVAL for a group manager\'s proposal); null when refused.' })
  coupon!: CouponRecord | null;
}

@InputType({ description: 'The coupon to claim one unit of.' })
export class ClaimCouponInput {
  @Field(() => ID, { description: 'The coupon, as listed by coupons.' })
  couponId!: string;

  @Field({ description: 'Required: a retry with the same key answers the first claim and claims nothing more (1 to 100 characters).' })
  @MaxLength(100)
  idempotencyKey!: string;
}

@ObjectType({ description: 'The result of claimCoupon.' })
export class ClaimCouponPayload extends MutationPayload {
  @Field(() => CouponClaim, { nullable: true, description: 'The unit now held; null when refused (COUPON_EXHAUSTED, LIMIT_REACHED, COUPON_NOT_CLAIMABLE, NOT_FOUND).' })
  claim!: CouponClaimRecord | null;
}

export enum CouponProposalDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(CouponProposalDecision, {
  name: 'CouponProposalDecision',
  description: "The merchant's answer to a group's coupon proposal.",
  valuesConfig: {
    APPROVE: { description: 'The coupon becomes ACTIVE: the group\'s members can claim it, and it takes money off the merchant\'s products.' },
    REJECT: { description: 'The coupon becomes REJECTED, never claimable.' },
  },
});

@InputType({ description: "A merchant's decision on a group-exclusive coupon proposed on its products." })
export class DecideCouponProposalInput {
  @Field(() => ID, { description: 'The proposed coupon (PENDING_APPROVAL), as listed by couponProposals.' })
  couponId!: string;

  @Field(() => CouponProposalDecision, { description: 'Approve or reject.' })
  decision!: CouponProposalDecision;
}

@ObjectType({ description: 'The result of decideCouponProposal.' })
export class DecideCouponProposalPayload extends MutationPayload {
  @Field(() => Coupon, { nullable: true, description: 'The coupon after the decision; null when refused (ALREADY_DECIDED, NOT_FOUND).' })
  coupon!: CouponRecord | null;
}

@InputType({ description: 'Filters of the claimable coupons (coupons); all those given must match.' })
export class CouponFilterInput {
  @Field(() => CouponScope, { nullable: true, description: 'Only coupons of this scope.' })
  scope?: CouponScope | null;

  @Field(() => ID, { nullable: true, description: "Only this merchant's coupons (MERCHANT, PRODUCT and GROUP_EXCLUSIVE)." })
  merchantId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this product's PRODUCT coupons." })
  productId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this group's GROUP_EXCLUSIVE coupons." })
  groupId?: string | null;
}
