import type { NodeType } from '../common/node';
import type { Scope } from '../accounts/scope';
import { accountLoaders } from '../accounts/loaders';
import { contentLoaders } from '../content/loaders';
import { nullIfNotFound } from '../commerce/lookup';
import type { ContentService } from '../content/service';
import { TOPIC_ID_PREFIX } from '../content/types';
import type { CommerceService } from '../commerce/service';
import type { GroupService } from '../groups/service';
import type { ReferralService } from '../referral/service';
import type { ConversationService } from '../conversations/service';
import type { GroupBuyService } from '../groupbuys/service';
import type { LiveService } from '../live/service';
import type { ReviewService } from '../reviews/service';
import type { DataExportService } from '../privacy/exports';
import type { BadgeService } from '../badges/service';
import type { AccountService } from '../accounts/service';
import type { SecurityService } from '../security/service';
import type { PointsService } from '../points/service';
import type { NotificationService } from '../notifications/service';
import type { CommissionService } from '../commissions/service';
import type { ModerationService } from '../moderation/service';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A GroupMember's id: the group's id and the member's, `<groupId>:<userId>`. */
const MEMBERSHIP_ID = new RegExp(`^${UUID}:${UUID}$`);

const TOPIC_ID = new RegExp(`^${TOPIC_ID_PREFIX}`);
import type { CouponService } from '../coupons/service';

/** The services whose lookups the registry reads through (the composition root's, src/app/services.ts). */
export interface NodeLookups {
  content: Pick<ContentService, 'note' | 'canSeeComment' | 'collection' | 'topic'>;
  commerce: Pick<CommerceService, 'product' | 'order'>;
  groups: Pick<GroupService, 'group' | 'member' | 'eventOf'>;
  referral: Pick<ReferralService, 'visibleLink'>;
  conversations: Pick<ConversationService, 'conversation' | 'visibleMessage'>;
  groupBuys: Pick<GroupBuyService, 'groupBuy' | 'offer'>;
  live: Pick<LiveService, 'room' | 'commentById' | 'currentPin'>;
  reviews: Pick<ReviewService, 'review'>;
  dataExports: Pick<DataExportService, 'exportOf' | 'present'>;
  badges: Pick<BadgeService, 'badge'>;
  accounts: Pick<AccountService, 'sessionById'>;
  security: Pick<SecurityService, 'event'>;
  points: Pick<PointsService, 'entry' | 'redemption' | 'ruleSet' | 'reward'>;
  notifications: Pick<NotificationService, 'notification' | 'group'>;
  commissions: Pick<CommissionService, 'commission' | 'rateSet' | 'flag'>;
  moderation: Pick<ModerationService, 'caseOf' | 'action' | 'appealOf' | 'auditEntry'>;
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
    { type: 'Message', load: (scope, id) => s.conversations.visibleMessage(scope, id) },
    { type: 'Collection', load: (scope, id) => s.content.collection(scope, id) },
    { type: 'Topic', idShape: TOPIC_ID, load: (scope, id) => s.content.topic(scope, id) },
    { type: 'GroupBuy', load: (scope, id) => s.groupBuys.groupBuy(scope, id) },
    { type: 'GroupBuyOffer', load: (scope, id) => s.groupBuys.offer(scope, id) },
    { type: 'LiveRoom', load: (scope, id) => s.live.room(scope, id) },
    { type: 'LiveComment', load: (scope, id) => s.live.commentById(scope, id) },
    { type: 'LiveProductPin', label: 'LivePin', load: (scope, id) => s.live.currentPin(scope, id) },
    { type: 'Review', load: (scope, id) => s.reviews.review(scope, id) },
    { type: 'DataExport', load: async (scope, id) => { const e = await s.dataExports.exportOf(scope, id); return e && s.dataExports.present(e); } },
    // Badges are public: an earning is stored as a BadgeAward.
    { type: 'Badge', label: 'BadgeAward', load: (scope, id) => s.badges.badge(scope, id) },
    { type: 'Session', load: (scope, id) => s.accounts.sessionById(scope, id) },
    { type: 'SecurityEvent', load: (scope, id) => s.security.event(scope, id) },
    { type: 'PointEntry', load: (scope, id) => s.points.entry(scope, id) },
    { type: 'Redemption', load: (scope, id) => s.points.redemption(scope, id) },
    { type: 'PointRuleSet', load: (scope, id) => s.points.ruleSet(scope, id) },
    { type: 'Reward', load: (scope, id) => s.points.reward(scope, id) },
    { type: 'Notification', load: (scope, id) => s.notifications.notification(scope, id) },
    { type: 'NotificationGroup', load: (scope, id) => s.notifications.group(scope, id) },
    { type: 'Commission', load: (scope, id) => s.commissions.commission(scope, id) },
    { type: 'CommissionRateSet', load: (scope, id) => s.commissions.rateSet(scope, id) },
    { type: 'FraudFlag', load: (scope, id) => s.commissions.flag(scope, id) },
    { type: 'ModerationCase', load: (scope, id) => s.moderation.caseOf(scope, id) },
    { type: 'ModerationAction', load: (scope, id) => s.moderation.action(scope, id) },
    { type: 'Appeal', load: (scope, id) => s.moderation.appealOf(scope, id) },
    { type: 'GroupEvent', load: (scope, id) => s.groups.eventOf(scope, id) },
    { type: 'GroupMember', idShape: MEMBERSHIP_ID, load: (scope, id) => s.groups.member(scope, id) },
    { type: 'AuditLogEntry', label: 'AuditEntry', load: (scope, id) => s.moderation.auditEntry(scope, id) },
    { type: 'Coupon', load: (scope, id) => s.coupons.coupon(scope, id) },
    { type: 'CouponClaim', load: (scope, id) => s.coupons.claim(scope, id) },
  ];
}
