import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Scope } from '../accounts/scope';
import { REFERRAL_LIST_FIRST } from './pages';
import { ReferralService, type ReferralChainRoot } from './service';
import { AttributedTouchpointConnection, Cascade, CascadeHopConnection, OrderAttribution, ReferralChain, ReferralHopConnection, type AttributedTouchpoint, type CascadeHop } from './types';

/*
 * The referral lists that have no bound of their own (a chain or a cascade is as deep as people
 * re-share; an order has a touchpoint per visit in the window), paged out of what their lookup read.
 */

const AFTER = "The previous page's pageInfo.endCursor; the first page when omitted.";

@Resolver(() => ReferralChain)
export class ReferralChainResolver {
  constructor(readonly referralService: ReferralService) {}

  @FieldResolver(() => ReferralHopConnection, { description: 'The sharers from the first to the last, then the buyer (the last hop), a page at a time; totalCount is length + 1.' })
  hops(
    @Root() chain: ReferralChainRoot,
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many hops. ${REFERRAL_LIST_FIRST}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return this.referralService.chainHops(ctx, chain, first, after);
  }
}

@Resolver(() => Cascade)
export class CascadeResolver {
  constructor(readonly referralService: ReferralService) {}

  @FieldResolver(() => CascadeHopConnection, { description: 'One entry per re-share depth, shallowest first, a page at a time.' })
  hops(
    @Root() cascade: { hops: CascadeHop[] },
    @Arg('first', () => Int, { nullable: true, description: `How many depths. ${REFERRAL_LIST_FIRST}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return this.referralService.cascadeHops(cascade.hops, first, after);
  }
}

@Resolver(() => OrderAttribution)
export class OrderAttributionResolver {
  constructor(readonly referralService: ReferralService) {}

  @FieldResolver(() => AttributedTouchpointConnection, { description: 'The touchpoints, oldest first, a page at a time; the credit is split over all of them, whichever page is read.' })
  touchpoints(
    @Root() attribution: { touchpoints: AttributedTouchpoint[] },
    @Arg('first', () => Int, { nullable: true, description: `How many touchpoints. ${REFERRAL_LIST_FIRST}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return this.referralService.touchpointPage(attribution.touchpoints, first, after);
  }
}
