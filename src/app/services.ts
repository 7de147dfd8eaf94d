import { TtlCache } from '../common/ttl-cache';
import { GroupActivityPublisher } from '../events/group-activity';
import type { UserRecord } from '../accounts/types';
import type { NoteRecord } from '../content/types';
import { AccountViewers, SESSION_TOUCH_MS } from '../accounts/viewer';
import { ViewerCache } from '../accounts/viewer-cache';
import { SessionTouches } from '../accounts/session-touches';
import { UserCache } from '../accounts/user-cache';
import { NoteCache } from '../content/note-cache';
import { CacheInvalidation } from '../events/invalidation';
import { AccountRepository, accountRepository } from '../accounts/repository';
import { AccountService } from '../accounts/service';
import { AccountResolver } from '../accounts/resolver';
import { socialRepository } from '../social/repository';
import { SocialService } from '../social/service';
import { SocialResolver } from '../social/resolver';
import { contentRepository } from '../content/repository';
import { ContentService } from '../content/service';
import { CollectionResolver, CommentResolver, NoteResolver } from '../content/resolver';
import { LikeWriter } from '../content/like';
import { FeedRepository, feedRepository } from '../feeds/repository';
import { FeedService, SNAPSHOT_TTL_MS } from '../feeds/service';
import { PageRecordsPolicy } from '../feeds/page-records';
import { SnapshotStore } from '../feeds/snapshots';
import { DiscoverCache } from '../feeds/discover-cache';
import { hydrateNotes } from '../feeds/hydration';
import { FeedResolver } from '../feeds/resolver';
import { notificationRepository } from '../notifications/repository';
import { NotificationService } from '../notifications/service';
import { NotificationResolver } from '../notifications/resolver';
import { NotificationGroupResolver } from '../notifications/group-resolver';
import { commerceRepository } from '../commerce/repository';
import { CommerceService } from '../commerce/service';
import { OrderResolver, ProductResolver } from '../commerce/resolver';
import { referralRepository } from '../referral/repository';
import { ReferralService } from '../referral/service';
import { ReferralResolver, ReferralTreeResolver } from '../referral/resolver';
import { CascadeResolver, OrderAttributionResolver, ReferralChainResolver } from '../referral/list-resolvers';
import { commissionRepository } from '../commissions/repository';
import { CommissionService } from '../commissions/service';
import { CommissionResolver, FraudFlagResolver, RateSetResolver } from '../commissions/resolver';
import { groupRepository } from '../groups/repository';
import { GroupService } from '../groups/service';
import { GroupReader } from '../groups/reader';
import { GroupEventResolver, GroupMemberResolver, GroupResolver } from '../groups/resolver';
import { GroupLevels } from '../groups/level-rights';
import { GroupActivityResolver } from '../groups/activity-resolver';
import { moderationRepository } from '../moderation/repository';
import { ModerationService } from '../moderation/service';
import { ModerationPolicy } from '../moderation/policy';
import { AppealResolver, AuditLogEntryResolver, ModerationActionResolver, ModerationResolver } from '../moderation/resolver';
import { groupBuyRepository } from '../groupbuys/repository';
import { GroupBuyService } from '../groupbuys/service';
import { GroupBuyOfferResolver, GroupBuyResolver, ProductGroupBuyResolver } from '../groupbuys/resolver';
import { influenceRepository } from '../influence/repository';
import { InfluenceService } from '../influence/service';
import { InfluenceResolver } from '../influence/resolver';
import { searchRepository } from '../search/repository';
import { SearchService } from '../search/service';
import { SearchResolver } from '../search/resolver';
import { createSearchLimits } from '../search/limits';
import { conversationRepository } from '../conversations/repository';
import { ConversationService } from '../conversations/service';
import { ConversationResolver, MessageResolver, ReportedMessagesResolver } from '../conversations/resolver';
import { createMessagingLimits } from '../conversations/limits';
import { muteRepository } from '../mutes/repository';
import { MuteService } from '../mutes/service';
import { CommentMuteResolver, ConversationMuteResolver, MuteResolver, UserMuteResolver } from '../mutes/resolver';
import { securityRepository } from '../security/repository';
import { SecurityService } from '../security/service';
import { SecurityResolver } from '../security/resolver';
import { nodeRepository } from '../node/repository';
import { NodeService } from '../node/service';
import { NodeResolver } from '../node/resolver';
import { nodeTypes } from './nodes';
import { reviewRepository } from '../reviews/repository';
import { ReviewService } from '../reviews/service';
import { NoteReviewResolver, OrderItemReviewResolver, ProductReviewResolver, ReviewReplyResolver, ReviewResolver, UserReviewResolver } from '../reviews/resolver';
import { LiveService } from '../live/service';
import { LiveRepository, liveRepository } from '../live/repository';
import { LikeTally } from '../live/likes';
import { bothPublishers, LiveRoomBroadcaster } from '../live/broadcast';
import { liveRoomReads } from '../live/watch-reads';
import { LiveRoomSubscriptions } from '../live/subscription';
import { LiveRoomEventsResolver } from '../live/events-resolver';
import { forbidden } from '../common/errors';
import { LiveCommentResolver, LiveMinuteStatsResolver, LiveProductPinResolver, LiveProductStatsResolver, LiveRoomRecapResolver, LiveRoomResolver, LiveRoomStatsResolver, TouchpointLiveRoomResolver } from '../live/resolver';
import { RateLimit } from '../common/rate-limiter';
import { TwoFactorService } from '../security/two-factor';
import { SecretBox } from '../security/secret-box';
import { passwordChecker } from '../accounts/service';
import { deletionRepository, privacyRepository } from '../privacy/repository';
import { AccountDeletionService } from '../privacy/deletion';
import { ConsentService } from '../privacy/consents';
import { AccountDeletionResolver, ConsentResolver, UserPrivacyResolver } from '../privacy/resolver';
import { DataExportService } from '../privacy/exports';
import { dataExportRepository } from '../privacy/export-repository';
import { ExportStore } from '../privacy/export-store';
import { ExportLinks } from '../privacy/export-links';
import { DataExportResolver } from '../privacy/export-resolver';
import { pointsRepository, rewardRepository } from '../points/repository';
import { PointsService } from '../points/service';
import { ReviewPointsConsumer } from '../points/consumer';
import { PointsResolver, RedemptionResolver, UserPointsResolver } from '../points/resolver';
import { BadgesResolver, UserBadgesResolver } from '../badges/resolver';
import { BadgeService } from '../badges/service';
import { badgeDefinitionRepository, badgeRepository } from '../badges/repository';
import { couponRepository } from '../coupons/repository';
import { CouponService } from '../coupons/service';
import { CouponClaimResolver, CouponResolver, OrderCouponsResolver } from '../coupons/resolver';
import type { Instances } from '../request/scope';
import type { AppDeps } from './deps';

export const HOT_TOPICS_TTL_MS = 30_000;
/**
 * One event reaches every subscriber of a group at once: its actor (and the note it names) is read
 * once for all of them, not once each, and a renamed user shows under the new name within this time.
 */
export const EVENT_USERS_TTL_MS = 2_000;
/** Live comments per person per second (sendLiveComment). */
export const LIVE_COMMENTS_PER_SECOND = 1;
/** How often an instance writes the likes it summed (src/live/likes.ts). */
export const LIKE_WRITE_INTERVAL_MS = 1_000;

/**
 * The composition root: every service is built here, once per app (createApp), and each constructor
 * names what it uses. Services hold no request state: each method takes the request scope first.
 *
 * Repositories are given as factories over the scope (`contentRepository(scope)`), not as
 * instances: a repository runs its queries on the scope's DbScope, which counts the round trips of
 * one request (the logs and the round-trip tests read those counts), so there is one repository per
 * request, made on first use and kept in the scope.
 *
 * Other domains are handed as narrow interfaces (src/groups/access.ts, src/content/access.ts,
 * src/moderation/access.ts), which import no service, so the import graph has no cycle; a group's
 * activity stream is published by GroupActivityPublisher, which depends on no domain. What two
 * domains both need is built from one repository alone, below both: moderation's word list and
 * holds (ModerationPolicy), and who may see, read and post in a group (GroupReader), which content
 * asks while groups ask content; a group's feed runs the feeds' note-list pipeline, which asks no
 * service. So the services are built in dependency order, with no late binding.
 */
export function buildServices(deps: AppDeps) {
  const { config, events, limits } = deps;
  // Per-instance caches, kept true by the writers' invalidations (here and, through the bus, everywhere).
  const invalidation = new CacheInvalidation(events, (error) => deps.logger.warn('cache invalidation failed', { error: (error as Error).message }));
  const viewerCache = new ViewerCache({ ttlMs: config.viewerCacheTtlMs, maxEntries: config.viewerCacheMaxEntries }, invalidation);
  const userCache = new UserCache({ ttlMs: config.userCacheTtlMs, maxEntries: config.userCacheMaxEntries }, invalidation);
  const noteCache = new NoteCache({ ttlMs: config.noteCacheTtlMs, maxEntries: config.noteCacheMaxEntries, maxBytes: config.noteCacheMaxMb * 1024 * 1024 }, invalidation);
  const discoverCache = new DiscoverCache({ ttlMs: config.discoverCacheTtlMs, maxEntries: config.discoverCacheMaxEntries }, invalidation);
  const mutes = new MuteService({ repo: muteRepository, invalidation });
  const consents = new ConsentService({ repo: privacyRepository, policyVersion: config.privacyPolicyVersion, invalidation });
  const twoFactor = new TwoFactorService({
    repo: securityRepository,
    config,
    limits: { perAccount: limits.twoFactorPerAccount, perIp: limits.loginPerIp },
    checkPassword: passwordChecker(limits, accountRepository),
    invalidation,
    secrets: new SecretBox(config.twoFactorEncryptionKeys),
  });
  const deletions = new AccountDeletionService({ repo: deletionRepository, credentials: accountRepository, limits, invalidation, graceDays: config.accountDeletionGraceDays, bcryptCost: config.bcryptCost, twoFactor });
  const notifications = new NotificationService({ repo: notificationRepository, events, mutes });
  const activity = new GroupActivityPublisher(events);
  const policy = new ModerationPolicy({ repo: moderationRepository });
  const groupLevels = new GroupLevels(config.groupLevelThresholds);
  const groupAccess = new GroupReader({ moderation: policy, levels: groupLevels });
  const reviews = new ReviewService({ repo: reviewRepository, events, moderation: policy });
  const content = new ContentService({
    repo: contentRepository,
    hotTopics: new TtlCache(HOT_TOPICS_TTL_MS),
    events,
    notifications,
    activity,
    groups: groupAccess,
    moderation: policy,
    invalidation,
    likes: new LikeWriter(deps.db),
  });
  const social = new SocialService({ repo: socialRepository, events, notifications, invalidation });
  const groups = new GroupService({
    repo: groupRepository,
    events,
    activity,
    access: groupAccess,
    levels: groupLevels,
    content,
    blocks: social,
    eventNotes: new TtlCache<NoteRecord | null>(EVENT_USERS_TTL_MS, 10_000),
  });
  const referral = new ReferralService({ repo: referralRepository, events, content, groups, invalidation });
  const moderation = new ModerationService({ repo: moderationRepository, groupRepo: groupRepository, policy, content, groups, notifications, activity, invalidation, events });
  const conversations = new ConversationService({ repo: conversationRepository, events, limits: createMessagingLimits(config, events.redis, deps.logger), content, groups, blocks: social, moderation: policy, reports: moderation, mutes });
  // Written outside any request, so over a DbScope of its own; flushed by the app as it closes.
  // Room happenings go to the subscription fan-out; a test app also records them in deps.livePublisher.
  const liveBroadcast = new LiveRoomBroadcaster(events, { counterIntervalMs: config.liveCounterIntervalMs, watcherBuffer: config.liveWatcherBuffer, rightsRecheckMs: config.liveRightsRecheckMs }, liveRoomReads(deps.db), () => forbidden('You can no longer watch this live room'), (error) => deps.logger.warn('live room fan-out failed', { error: (error as Error).message }));
  const livePublisher = deps.livePublisher ? bothPublishers(deps.livePublisher, liveBroadcast) : liveBroadcast;
  const live = new LiveService({
    repo: liveRepository,
    groups: groupAccess,
    blocks: social,
    moderation: policy,
    publisher: livePublisher,
    commentLimit: new RateLimit('live-comments', LIVE_COMMENTS_PER_SECOND, 1_000, events.redis, (error) => deps.logger.warn('rate-limit store failed; counting in this instance only', { error: error.message })),
    // Written outside any request, so over a DbScope of its own.
    likes: new LikeTally((batches) => new LiveRepository(deps.db.scope()).addLikes(batches), LIKE_WRITE_INTERVAL_MS),
    notes: content,
  });
  // Written outside any request, so over a DbScope of its own; flushed by the app as it closes.
  const sessionTouches = new SessionTouches({ write: (touches) => new AccountRepository(deps.db.scope()).touchSessions(touches, SESSION_TOUCH_MS), flushMs: config.sessionTouchFlushMs, onError: (error, touches) => deps.logger.warn('session uses not recorded', { error: (error as Error).message, touches }) });
  // Archives are written in the background, over a DbScope of their own; drained by the app as it closes.
  const dataExports = new DataExportService({
    repo: dataExportRepository,
    db: deps.db,
    store: new ExportStore(config.exportDir),
    links: new ExportLinks(config.jwtSecret, config.publicBaseUrl),
    policyVersion: config.privacyPolicyVersion,
    onError: (error, exportId) => deps.logger.warn('data export failed', { exportId, error: (error as Error).message }),
  });
  const coupons = new CouponService({ repo: couponRepository, groups: groupAccess });
  const snapshots = new SnapshotStore({ persistence: { saveAll: (rows, expiredBefore) => new FeedRepository(deps.db.scope()).saveSnapshots(rows, expiredBefore) }, logger: deps.logger, ttlMs: SNAPSHOT_TTL_MS });
  return {
    invalidation,
    userCache,
    noteCache,
    // Handed out for the metrics endpoint's hit rates (src/server/metrics.ts).
    viewerCache,
    discoverCache,
    snapshots,
    sessionTouches,
    viewers: new AccountViewers(viewerCache, sessionTouches, config.require2faForRoles),
    accounts: new AccountService({ repo: accountRepository, config, invalidation, limits, referral, twoFactor, deletions }),
    social,
    content,
    feeds: new FeedService({
      repo: feedRepository,
      content,
      hydrate: hydrateNotes,
      snapshots,
      wideFeed: { follows: config.feedWideFollows, scanCap: config.feedWideScan },
      discoverCache,
      mutes,
      pageRecords: new PageRecordsPolicy(config.feedPageRecordsBelowPct / 100),
      consents,
    }),
    notifications,
    commerce: new CommerceService({ repo: commerceRepository, config, events, content, groups, referral, directMessages: conversations, live, coupons }),
    referral,
    commissions: new CommissionService({ repo: commissionRepository, events }),
    groups,
    moderation,
    groupBuys: new GroupBuyService({ repo: groupBuyRepository, events, activity, groups, referral }),
    influence: new InfluenceService({ repo: influenceRepository, events, content, groups }),
    search: new SearchService({ repo: searchRepository, content, groups, mutes, limits: createSearchLimits(config, events.redis, deps.logger), invalidation, consents }),
    conversations,
    mutes,
    security: new SecurityService({ repo: securityRepository }),
    reviews,
    live,
    twoFactor,
    consents,
    deletions,
    dataExports,
    liveRoomEvents: new LiveRoomSubscriptions({ broadcaster: liveBroadcast, rights: live, groups: groupAccess, blocks: social, events }),
    points: new PointsService({ repo: pointsRepository, rewards: rewardRepository, levelThresholds: config.userLevelThresholds, events }),
    badges: new BadgeService({ repo: badgeRepository, definitions: badgeDefinitionRepository, events }),
    // Reviews pay points and badges through the bus (src/points/consumer.ts); closed by the app.
    coupons,
    reviewPoints: new ReviewPointsConsumer({ db: deps.db, events, onError: (error) => deps.logger.warn('review points failed', { error: (error as Error).message }) }),
  };
}

export type Services = ReturnType<typeof buildServices>;

/**
 * The resolvers type-graphql asks for (its container), each built once with the services it calls.
 * The schema is built once per process, so the container is found through the request's scope.
 */
export function buildInstances(deps: AppDeps, s: Services): Instances {
  const eventUsers = new TtlCache<UserRecord | null>(EVENT_USERS_TTL_MS, 10_000);
  const built: object[] = [
    new AccountResolver(s.accounts),
    new SocialResolver(s.social),
    new NoteResolver(s.content),
    new CommentResolver(s.content),
    new CollectionResolver(s.content),
    new FeedResolver(s.feeds),
    new NotificationResolver(s.notifications, s.content, s.groups, s.moderation),
    new NotificationGroupResolver(s.notifications, s.content, s.groups, s.moderation, s.social),
    new ProductResolver(s.commerce, s.feeds),
    new OrderResolver(s.commerce, s.commissions),
    new ReferralResolver(s.referral, s.content, s.groups, s.commerce, deps.config.publicBaseUrl),
    new ReferralTreeResolver(s.referral),
    new ReferralChainResolver(s.referral),
    new CascadeResolver(s.referral),
    new OrderAttributionResolver(s.referral),
    new CommissionResolver(s.commissions, s.accounts, s.commerce, s.referral),
    new RateSetResolver(),
    new FraudFlagResolver(s.commerce, s.referral),
    new GroupResolver(s.groups, eventUsers),
    new GroupMemberResolver(s.groups),
    new GroupEventResolver(s.groups),
    new GroupActivityResolver(s.content, s.groups, s.groupBuys),
    new ModerationResolver(s.moderation, s.content, s.groups),
    new AppealResolver(s.moderation),
    new ModerationActionResolver(s.moderation, s.content, s.groups),
    new AuditLogEntryResolver(s.moderation, s.content, s.groups),
    new GroupBuyResolver(s.groupBuys),
    new GroupBuyOfferResolver(s.groupBuys),
    new ProductGroupBuyResolver(s.groupBuys),
    new InfluenceResolver(s.influence),
    new SearchResolver(s.search),
    new ConversationResolver(s.conversations),
    new MessageResolver(s.conversations),
    new ReportedMessagesResolver(s.conversations),
    new MuteResolver(s.mutes),
    new UserMuteResolver(),
    new CommentMuteResolver(s.mutes),
    new ConversationMuteResolver(s.mutes),
    new NodeResolver(new NodeService({ repo: nodeRepository, types: nodeTypes(s) })),
    new ReviewResolver(s.reviews),
    new ReviewReplyResolver(),
    new ProductReviewResolver(s.reviews),
    new UserReviewResolver(s.reviews),
    new OrderItemReviewResolver(s.reviews),
    new NoteReviewResolver(s.reviews),
    new LiveRoomResolver(s.live),
    new LiveRoomEventsResolver(s.liveRoomEvents),
    new LiveProductPinResolver(),
    new LiveCommentResolver(),
    new TouchpointLiveRoomResolver(s.live),
    new LiveRoomStatsResolver(),
    new LiveProductStatsResolver(),
    new LiveMinuteStatsResolver(),
    new LiveRoomRecapResolver(s.live),
    new SecurityResolver(s.security, s.twoFactor),
    new ConsentResolver(s.consents),
    new UserPrivacyResolver(s.consents),
    new AccountDeletionResolver(s.deletions),
    new DataExportResolver(s.dataExports),
    new PointsResolver(s.points),
    new UserPointsResolver(s.points),
    new RedemptionResolver(s.points),
    new BadgesResolver(s.badges),
    new UserBadgesResolver(s.badges),
    new CouponResolver(s.coupons, s.groups),
    new CouponClaimResolver(s.coupons),
    new OrderCouponsResolver(s.coupons),
    ...Object.values(s),
  ];
  const byClass = new Map<unknown, unknown>(built.map((instance) => [instance.constructor, instance]));
  return {
    get<T>(cls: abstract new (...args: never[]) => T): T {
      const instance = byClass.get(cls);
      if (!instance) throw new Error(`nothing built for ${(cls as { name?: string }).name ?? 'a class'}`);
      return instance as T;
    },
  };
}
