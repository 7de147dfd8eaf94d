import type { NodeType } from '../common/node';
import type { Scope } from '../accounts/scope';
import { accountLoaders } from '../accounts/loaders';
import { contentLoaders } from '../content/loaders';
import { nullIfNotFound } from '../commerce/lookup';
import type { ContentService } from '../content/service';
import type { CommerceService } from '../commerce/service';
import type { GroupService } from '../groups/service';
import type { ReferralService } from '../referral/service';
import type { ConversationService } from '../conversations/service';
import type { GroupBuyService } from '../groupbuys/service';
import type { LiveService } from '../live/service';
import type { ReviewService } from '../reviews/service';
import type { CouponService } from '../coupons/service';

/** The services whose lookups the registry reads through (the composition root's, src/app/services.ts). */
export interface NodeLookups {
  content: Pick<ContentService, 'note' | 'canSeeComment'>;
  commerce: Pick<CommerceService, 'product' | 'order'>;
  groups: Pick<GroupService, 'group'>;
  referral: Pick<ReferralService, 'visibleLink'>;
  conversations: Pick<ConversationService, 'conversation'>;
  groupBuys: Pick<GroupBuyService, 'groupBuy' | 'offer'>;
  live: Pick<LiveService, 'room'>;
  reviews: Pick<ReviewService, 'review'>;
  coupons: Pick<CouponService, 'coupon' | 'claim'>;
}

/**
 * The node registry: every type that implements Node, one line each, read through the type's own
 * lookup so that node(id) shows a viewer exactly what that lookup shows them. A new type with an
 * `id: ID!` implements Node (`@ObjectType({ implements: Node })`) and joins here;
 * test/integration/relay.test.ts fails until both are done and the type refetches.
 */
export function nodeTypes(s: NodeLookups): NodeType<Scope>[] {
  return [
    { type: 'User', load: (scope, id) => accountLoaders(scope).userById.load(id) },
    { type: 'Note', load: (scope, id) => s.content.note(scope, id) },
    { type: 'Comment', load: async (scope, id) => { const c = await contentLoaders(scope).commentById.load(id); return c && (await s.content.canSeeComment(scope, c)) ? c : null; } },
    { type: 'Product', load: (scope, id) => s.commerce.product(scope, id) },
    { type: 'Order', load: (scope, id) => nullIfNotFound(s.commerce.order(scope, id)) },
    { type: 'Group', load: (scope, id) => s.groups.group(scope, id) },
    { type: 'ShareLink', key: 'code', load: (scope, id) => s.referral.visibleLink(scope, id) },
    { type: 'Conversation', load: (scope, id) => s.conversations.conversation(scope, id) },
    { type: 'GroupBuy', load: (scope, id) => s.groupBuys.groupBuy(scope, id) },
    { type: 'GroupBuyOffer', load: (scope, id) => s.groupBuys.offer(scope, id) },
    { type: 'LiveRoom', load: (scope, id) => s.live.room(scope, id) },
    { type: 'Review', load: (scope, id) => s.reviews.review(scope, id) },
    { type: 'Coupon', load: (scope, id) => s.coupons.coupon(scope, id) },
    { type: 'CouponClaim', load: (scope, id) => s.coupons.claim(scope, id) },
  ];
}
