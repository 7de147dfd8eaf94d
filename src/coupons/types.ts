import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';
import { Money } from '../common/money';
import { Connection } from '../common/connection';
import { CouponKind, CouponScope } from './rules';

export { CouponKind, CouponScope } from './rules';

registerEnumType(CouponKind, {
  name: 'CouponKind',
  description: 'How a coupon takes money off the lines it applies to.',
  valuesConfig: {
    AMOUNT_OFF: { description: 'A fixed amount off (amountOff), at most what the lines cost.' },
    PERCENT_OFF: { description: 'A whole percentage off (percentOff), rounded down to a minor unit and at most cap.' },
    THRESHOLD: { description: '满减: amountOff off once the lines it applies to cost at least threshold (30 off 200).' },
  },
});

registerEnumType(CouponScope, {
  name: 'CouponScope',
  description: 'Who issues a coupon and which order lines it applies to. An order takes at most one coupon of each scope.',
  valuesConfig: {
    PLATFORM: { description: "Issued by growth staff: every line of any merchant's order." },
    MERCHANT: { description: "Issued by a merchant: every line of an order of the merchant's products." },
    PRODUCT: { description: 'Issued by a merchant for one of its products: that product\'s line only.' },
    GROUP_EXCLUSIVE: { description: "Claimable by a group's members only: every line of an order of its merchant's products. Made by the merchant for the group, or proposed by the group's admins and owner and active once the merchant approves." },
  },
});

export enum CouponStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
}

registerEnumType(CouponStatus, {
  name: 'CouponStatus',
  description: 'Whether a coupon is on offer.',
  valuesConfig: {
    PENDING_APPROVAL: { description: "A group's proposal on a merchant's products, waiting for the merchant (decideCouponProposal); nobody can claim it yet." },
    ACTIVE: { description: 'On offer: claimable inside its claim window while units are left.' },
    REJECTED: { description: 'The merchant turned the proposal down; it is never claimable.' },
  },
});

export enum CouponClaimStatus {
  AVAILABLE = 'AVAILABLE',
  USED = 'USED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(CouponClaimStatus, {
  name: 'CouponClaimStatus',
  description: 'Where one claimed coupon of the viewer is.',
  valuesConfig: {
    AVAILABLE: { description: 'Unused and its use window is not over: placeOrder can take it (inside the window).' },
    USED: { description: 'Used by an order. A cancelled or refunded order gives it back, as AVAILABLE, while its use window is open.' },
    EXPIRED: { description: 'Unused, and its use window is over.' },
  },
});

/** A coupon as stored. */
export interface CouponRecord {
  id: string;
  name: string;
  description: string;
  kind: CouponKind;
  scope: CouponScope;
  currency: string;
  amountOffMinor: number | null;
  percentOff: number | null;
  capMinor: number | null;
  thresholdMinor: number | null;
  merchantId: string | null;
  productId: string | null;
  groupId: string | null;
  totalQuantity: number;
  claimedCount: number;
  perUserLimit: number;
  claimStartsAt: number;
  claimEndsAt: number;
  useStartsAt: number;
  useEndsAt: number;
  status: CouponStatus;
  createdBy: string;
  createdAt: number;
  decidedAt: number | null;
}

/** One claim as stored: how a user holds one unit of a coupon. */
export interface CouponClaimRecord {
  id: string;
  couponId: string;
  userId: string;
  /** How it was issued: CLAIM (claimCoupon); campaigns and rewards will issue theirs. */
  source: string;
  claimedAt: number;
  usedAt: number | null;
  orderId: string | null;
}

@ObjectType({ implements: Node, description: 'A coupon on offer (or proposed): what it takes off, where it applies, how many there are and when it can be claimed and used.' })
export class Coupon {
  @Field(() => ID, { description: 'The coupon, for coupon(id), claimCoupon and placeOrder couponIds.' })
  id!: string;

  @Field({ description: 'Its name, as shown to buyers, 1 to 60 characters.' })
  name!: string;

  @Field({ description: 'Its terms in words, at most 300 characters (may be empty).' })
  description!: string;

  @Field(() => CouponKind, { description: 'How it takes money off.' })
  kind!: CouponKind;

  @Field(() => CouponScope, { description: 'Which lines it applies to, and who issued it.' })
  scope!: CouponScope;

  @Field(() => CouponStatus, { description: 'Whether it is on offer.' })
  status!: CouponStatus;

  @Field(() => Int, { description: 'How many units it has in all, claimed or not.' })
  totalQuantity!: number;

  @Field(() => Int, { description: 'How many units one user may hold in all (used ones count).' })
  perUserLimit!: number;
}

export const CouponConnection = Connection(Coupon, 'Coupon', { page: 'A page of coupons, newest first.', item: 'a coupon', total: 'coupons in the list' });

@ObjectType({ implements: Node, description: 'One unit of a coupon the viewer holds (claimed with claimCoupon). Only its holder sees it.' })
export class CouponClaim {
  @Field(() => ID, { description: 'The claim.' })
  id!: string;

  @Field(() => CouponClaimStatus, { description: 'Whether it can still be used.' })
  status!: CouponClaimStatus;
}

export const CouponClaimConnection = Connection(CouponClaim, 'CouponClaim', { page: "A page of the viewer's claimed coupons, newest claim first.", item: 'a claimed coupon', total: 'claimed coupons in this status' });

/** An order's use of one coupon, as stored on the order. */
export interface AppliedCouponRecord {
  couponId: string;
  discountMinor: number;
  currency: string;
}

@ObjectType({ description: 'A coupon an order used and what it took off.' })
export class AppliedCoupon {
  @Field(() => Coupon, { nullable: true, description: 'The coupon; null when the viewer may not see it any more.' })
  coupon!: CouponRecord | null;

  @Field(() => Money, { description: 'What it took off the order, split across the lines it applies to (OrderItem.discount).' })
  discount!: Money;
}
