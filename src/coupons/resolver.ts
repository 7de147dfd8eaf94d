import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { Product } from '../commerce/types';
import { Order, type OrderRecord } from '../commerce/types';
import { commerceLoaders } from '../commerce/loaders';
import { Group } from '../groups/types';
import { money, Money } from '../common/money';
import type { PayloadResult } from '../common/user-errors';
import type { Scope } from '../accounts/scope';
import type { GroupService } from '../groups/service';
import { couponLoaders } from './loaders';
import { appliedCoupons } from './order-coupons';
import { COUPONS_PAGE, CouponService } from './service';
import { AppliedCoupon, Coupon, CouponClaim, CouponClaimConnection, CouponClaimStatus, CouponConnection, type CouponClaimRecord, type CouponRecord } from './types';
import { ClaimCouponInput, CouponFilterInput, ClaimCouponPayload, CreateCouponInput, CreateCouponPayload, DecideCouponProposalInput, DecideCouponProposalPayload } from './payloads';

const FIRST = `Default ${COUPONS_PAGE.default}, at most ${COUPONS_PAGE.max}.`;

@Resolver(() => Coupon)
export class CouponResolver {
  constructor(readonly couponService: CouponService, readonly groupService: Pick<GroupService, 'group'>) {}

  @Mutation(() => CreateCouponPayload, {
    description:
      'Issues a coupon. PLATFORM: growth staff and admins. MERCHANT and PRODUCT: a merchant on its own products (admins for any). GROUP_EXCLUSIVE: the merchant for a group it can see (ACTIVE at once), or an admin or the owner of the group naming a merchant (PENDING_APPROVAL until the merchant decides with decideCouponProposal). FORBIDDEN for anyone else.',
  })
  async createCoupon(@Ctx() ctx: Scope, @Arg('input', () => CreateCouponInput, { description: 'The coupon.' }) input: CreateCouponInput): Promise<PayloadResult<CreateCouponPayload>> {
    return { coupon: await this.couponService.create(ctx, input) };
  }

  @Mutation(() => ClaimCouponPayload, {
    description:
      'Claims one unit of a coupon for the viewer, atomically: never past its totalQuantity (COUPON_EXHAUSTED) or its perUserLimit (LIMIT_REACHED), however many claim at once; only inside its claim window (COUPON_NOT_CLAIMABLE). A GROUP_EXCLUSIVE coupon is claimed by members of its group only (for anyone else NOT_FOUND, as for an unknown id).',
  })
  async claimCoupon(@Ctx() ctx: Scope, @Arg('input', () => ClaimCouponInput, { description: 'The coupon.' }) input: ClaimCouponInput): Promise<PayloadResult<ClaimCouponPayload>> {
    return { claim: await this.couponService.claimCoupon(ctx, input) };
  }

  @Mutation(() => DecideCouponProposalPayload, {
    description: "The merchant's consent to (or refusal of) a group-exclusive coupon a group's admin or owner proposed on its products. Deciding again the same way answers the coupon; the other way is ALREADY_DECIDED.",
  })
  async decideCouponProposal(@Ctx() ctx: Scope, @Arg('input', () => DecideCouponProposalInput, { description: 'The proposal and the decision.' }) input: DecideCouponProposalInput): Promise<PayloadResult<DecideCouponProposalPayload>> {
    return { coupon: await this.couponService.decideProposal(ctx, input) };
  }

  @Query(() => Coupon, { nullable: true, description: "A coupon by id; null when there is none or the viewer may not see it (a group's coupon is its members', its merchant's and its claimers'; a proposal its creator's and merchant's)." })
  coupon(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The coupon.' }) id: string) {
    return this.couponService.coupon(ctx, id);
  }

  @Query(() => CouponConnection, { description: 'The coupons the viewer may claim now, newest first: ACTIVE, inside their claim window, with units left; GROUP_EXCLUSIVE ones only of groups the viewer is a member of. Open to anyone signed in or not (signed out: no group coupons).' })
  coupons(
    @Ctx() ctx: Scope,
    @Arg('filter', () => CouponFilterInput, { nullable: true, description: 'Only the coupons matching every filter given.' }) filter?: CouponFilterInput | null,
    @Arg('first', () => Int, { nullable: true, description: `How many coupons. ${FIRST}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.couponService.claimable(ctx, filter ?? {}, first, after);
  }

  @Query(() => CouponClaimConnection, { description: "The viewer's claimed coupons in one status, newest claim first." })
  myCoupons(
    @Ctx() ctx: Scope,
    @Arg('status', () => CouponClaimStatus, { defaultValue: CouponClaimStatus.AVAILABLE, description: 'Which: AVAILABLE (the default), USED or EXPIRED.' }) status: CouponClaimStatus,
    @Arg('first', () => Int, { nullable: true, description: `How many claims. ${FIRST}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.couponService.mine(ctx, status, first, after);
  }

  @Query(() => CouponConnection, { description: "Merchants only: group-exclusive coupons groups proposed on the viewer's products, waiting for decideCouponProposal, newest first." })
  couponProposals(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many proposals. ${FIRST}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.couponService.proposals(ctx, first, after);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'AMOUNT_OFF and THRESHOLD: what it takes off (at most what its lines cost); null for PERCENT_OFF.' })
  amountOff(@Root() c: CouponRecord): Money | null {
    return c.amountOffMinor === null ? null : money(c.amountOffMinor, c.currency);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'PERCENT_OFF: whole percent off, 1 to 99, rounded down to a minor unit; null for other kinds.' })
  percentOff(@Root() c: CouponRecord): number | null {
    return c.percentOff;
  }

  @FieldResolver(() => Money, { nullable: true, description: 'PERCENT_OFF: the most it takes off an order; null for other kinds.' })
  cap(@Root() c: CouponRecord): Money | null {
    return c.capMinor === null ? null : money(c.capMinor, c.currency);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'THRESHOLD: what the lines it applies to must cost at least (after narrower coupons); null for other kinds.' })
  threshold(@Root() c: CouponRecord): Money | null {
    return c.thresholdMinor === null ? null : money(c.thresholdMinor, c.currency);
  }

  @FieldResolver(() => User, { nullable: true, description: 'MERCHANT, PRODUCT and GROUP_EXCLUSIVE: the merchant whose products it applies to; null for PLATFORM.' })
  merchant(@Root() c: CouponRecord, @Ctx() ctx: Scope) {
    return c.merchantId ? accountLoaders(ctx).userById.load(c.merchantId) : null;
  }

  @FieldResolver(() => Product, { nullable: true, description: 'PRODUCT: the product it applies to; null for other scopes.' })
  product(@Root() c: CouponRecord, @Ctx() ctx: Scope) {
    return c.productId ? commerceLoaders(ctx).productById.load(c.productId) : null;
  }

  @FieldResolver(() => Group, { nullable: true, description: 'GROUP_EXCLUSIVE: the group whose members may claim it, when the viewer may see the group; null otherwise.' })
  group(@Root() c: CouponRecord, @Ctx() ctx: Scope) {
    return c.groupId ? this.groupService.group(ctx, c.groupId) : null;
  }

  @FieldResolver(() => Int, { description: 'How many units the viewer holds (used ones count toward perUserLimit); 0 when signed out.' })
  viewerClaimCount(@Root() c: CouponRecord, @Ctx() ctx: Scope) {
    return this.couponService.viewerClaimCount(ctx, c);
  }

  @FieldResolver(() => Int, { description: 'How many units are still to be claimed.' })
  remainingQuantity(@Root() c: CouponRecord): number {
    return Math.max(0, c.totalQuantity - c.claimedCount);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When claiming opens.' })
  claimStartsAt(@Root() c: CouponRecord) {
    return new Date(c.claimStartsAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When claiming closes.' })
  claimEndsAt(@Root() c: CouponRecord) {
    return new Date(c.claimEndsAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When orders may start using it.' })
  useStartsAt(@Root() c: CouponRecord) {
    return new Date(c.useStartsAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it can no longer be used: unused claims are EXPIRED from then on.' })
  useEndsAt(@Root() c: CouponRecord) {
    return new Date(c.useEndsAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was created (or proposed).' })
  createdAt(@Root() c: CouponRecord) {
    return new Date(c.createdAt);
  }
}

@Resolver(() => CouponClaim)
export class CouponClaimResolver {
  constructor(readonly couponService: CouponService) {}

  @FieldResolver(() => Coupon, { description: 'The coupon this is a unit of.' })
  async coupon(@Root() claim: CouponClaimRecord, @Ctx() ctx: Scope) {
    return (await couponLoaders(ctx).couponById.load(claim.couponId))!;
  }

  @FieldResolver(() => CouponClaimStatus, { description: 'Whether it can still be used.' })
  async status(@Root() claim: CouponClaimRecord, @Ctx() ctx: Scope) {
    return this.couponService.claimStatus(claim, (await couponLoaders(ctx).couponById.load(claim.couponId))!);
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The live order using it; null while unused.' })
  order(@Root() claim: CouponClaimRecord, @Ctx() ctx: Scope) {
    return claim.orderId ? commerceLoaders(ctx).orderById.load(claim.orderId) : null;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the viewer claimed it.' })
  claimedAt(@Root() claim: CouponClaimRecord) {
    return new Date(claim.claimedAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When an order used it; null while unused (a cancelled or refunded order gives it back).' })
  usedAt(@Root() claim: CouponClaimRecord) {
    return claim.usedAt === null ? null : new Date(claim.usedAt);
  }
}

@Resolver(() => Order)
export class OrderCouponsResolver {
  constructor(readonly couponService: CouponService) {}

  @FieldResolver(() => Money, { description: 'What the lines cost before coupons: the sum of their lineTotal.' })
  subtotal(@Root() order: OrderRecord): Money {
    return money(order.subtotalMinor, order.currency);
  }

  @FieldResolver(() => Money, { description: 'What its coupons took off in all (0 without): subtotal less total.' })
  discount(@Root() order: OrderRecord): Money {
    return money(order.discountMinor, order.currency);
  }

  @FieldResolver(() => [AppliedCoupon], { description: 'The coupons it used and what each took off: at most 4, one of each scope (placeOrder couponIds).' })
  coupons(@Root() order: OrderRecord, @Ctx() ctx: Scope) {
    return appliedCoupons(ctx, this.couponService, order.coupons, order.currency);
  }
}
