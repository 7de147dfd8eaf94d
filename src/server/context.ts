import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Database, DbScope } from '../db/database';
import { DbStats } from '../db/database';
import type { EventBus } from '../events/bus';
import { LiveScope, type LiveClaims, type LiveStreams, type LiveSubscriber } from '../events/live';
import type { Logger } from './logger';
import { RateLimit, type RateStore } from '../common/rate-limiter';
import { TtlCache } from '../common/ttl-cache';
import { unauthenticated } from '../common/errors';
import { verifyToken, TokenCheck } from '../accounts/tokens';
import { AccountRepository, type ViewerRow } from '../accounts/repository';
import { AccountService } from '../accounts/service';
import { createAccountLoaders, AccountLoaders } from '../accounts/loaders';
import type { UserRecord } from '../accounts/types';
import { SocialRepository } from '../social/repository';
import { SocialService } from '../social/service';
import { createSocialLoaders, SocialLoaders } from '../social/loaders';
import { ContentRepository } from '../content/repository';
import type { NoteRecord } from '../content/types';
import { ContentService } from '../content/service';
import { createContentLoaders, ContentLoaders } from '../content/loaders';
import { FeedRepository } from '../feeds/repository';
import { FeedService } from '../feeds/service';
import { NotificationRepository } from '../notifications/repository';
import { NotificationService } from '../notifications/service';
import { CommerceRepository } from '../commerce/repository';
import { CommerceService } from '../commerce/service';
import { createCommerceLoaders, CommerceLoaders } from '../commerce/loaders';
import { ReferralRepository } from '../referral/repository';
import { ReferralService } from '../referral/service';
import { createReferralLoaders, ReferralLoaders } from '../referral/loaders';
import { CommissionRepository } from '../commissions/repository';
import { CommissionService } from '../commissions/service';
import { GroupRepository } from '../groups/repository';
import { GroupService } from '../groups/service';
import { createGroupLoaders, GroupLoaders } from '../groups/loaders';
import { ModerationRepository } from '../moderation/repository';
import { ModerationService } from '../moderation/service';
import { GroupBuyRepository } from '../groupbuys/repository';
import { GroupBuyService } from '../groupbuys/service';
import { createGroupBuyLoaders, GroupBuyLoaders } from '../groupbuys/loaders';
import { InfluenceRepository } from '../influence/repository';
import { InfluenceService } from '../influence/service';
import { createInfluenceLoaders, InfluenceLoaders } from '../influence/loaders';

/** What lives as long as the process: shared by every request. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Database;
  events: EventBus;
  limits: {
    loginPerAccount: RateLimit;
    loginPerIp: RateLimit;
    signUpPerIp: RateLimit;
  };
  /** The guard of this instance's subscriptions (src/events/live.ts); created by createApp. */
  live?: LiveStreams;
  /** Per-process caches of hot, viewer-independent answers; created on first use. */
  caches?: {
    hotTopics: TtlCache<{ name: string; score: number; noteCount: number }[]>;
    /** Users named by live events, shared by every subscriber the event reaches. */
    eventUsers: TtlCache<UserRecord | null>;
    /** Notes named by live group events, likewise shared (each subscriber's own rule still runs on it). */
    eventNotes: TtlCache<NoteRecord | null>;
  };
}

/** The login and sign-up limits; shared through `store` (the event bus's Redis) when there is one. */
export function createLimits(config: Config, store: RateStore | null = null, logger?: Logger): AppDeps['limits'] {
  const windowMs = config.loginWindowSeconds * 1000;
  const onStoreError = (error: Error) => logger?.warn('rate-limit store failed; counting in this instance only', { error: error.message });
  return {
    loginPerAccount: new RateLimit('login-account', config.loginMaxFailuresPerAccount, windowMs, store, onStoreError),
    loginPerIp: new RateLimit('login-ip', config.loginMaxAttemptsPerIp, windowMs, store, onStoreError),
    signUpPerIp: new RateLimit('sign-up-ip', config.signUpMaxPerIp, windowMs, store, onStoreError),
  };
}

export const HOT_TOPICS_TTL_MS = 30_000;
/**
 * One event reaches every subscriber of a group at once: its actor is read once for all of them,
 * not once each, and a renamed user shows under the new name within this time.
 */
export const EVENT_USERS_TTL_MS = 2_000;

export function cachesOf(deps: AppDeps): NonNullable<AppDeps['caches']> {
  deps.caches ??= { hotTopics: new TtlCache(HOT_TOPICS_TTL_MS), eventUsers: new TtlCache(EVENT_USERS_TTL_MS, 10_000), eventNotes: new TtlCache(EVENT_USERS_TTL_MS, 10_000) };
  return deps.caches;
}

export type Loaders = AccountLoaders & SocialLoaders & ContentLoaders & CommerceLoaders & ReferralLoaders & GroupLoaders & GroupBuyLoaders & InfluenceLoaders;

export interface RequestInfo {
  token: string | null;
  ip: string;
  /** Names the device of a session opened by this request when the client gives no deviceLabel. */
  userAgent?: string | null;
}

/** A session's lastUsedAt is written at most this often. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * Everything one GraphQL operation needs: the viewer, fresh DataLoaders, services and a database
 * scope that counts round trips. Built per HTTP request and per WebSocket subscribe message.
 */
export class Context implements LiveSubscriber {
  readonly requestId = randomUUID();
  /** What a subscription opened with this context depends on (groups it shows), for the live guard. */
  readonly live = new LiveScope();
  /** Whether the token's session counts, read once per loaders generation. */
  private sessionCheck: Promise<boolean> | null = null;
  private probedSession: { session?: ViewerRow['session'] } | null = null;
  readonly db: DbScope;
  readonly tokenCheck: TokenCheck | null;
  /** The user id the token claims; trust it only through viewer(). */
  readonly claimedViewerId: string | null;
  readonly accounts: AccountService;
  readonly social: SocialService;
  readonly content: ContentService;
  readonly feeds: FeedService;
  readonly notifications: NotificationService;
  readonly commerce: CommerceService;
  readonly referral: ReferralService;
  readonly commissions: CommissionService;
  readonly groups: GroupService;
  readonly moderation: ModerationService;
  readonly groupBuys: GroupBuyService;
  readonly influence: InfluenceService;
  loaders: Loaders;
  private readonly influenceRepo: InfluenceRepository;
  private readonly groupRepo: GroupRepository;
  private readonly groupBuyRepo: GroupBuyRepository;
  private readonly commerceRepo: CommerceRepository;
  private readonly referralRepo: ReferralRepository;
  private readonly accountRepo: AccountRepository;
  private readonly socialRepo: SocialRepository;
  private readonly contentRepo: ContentRepository;

  constructor(
    readonly deps: AppDeps,
    readonly request: RequestInfo,
  ) {
    this.db = deps.db.scope(new DbStats());
    this.tokenCheck = request.token ? verifyToken(request.token, deps.config.jwtSecret) : null;
    this.claimedViewerId = this.tokenCheck?.ok ? this.tokenCheck.claims.sub : null;
    this.accountRepo = new AccountRepository(this.db);
    this.socialRepo = new SocialRepository(this.db);
    this.contentRepo = new ContentRepository(this.db);
    this.commerceRepo = new CommerceRepository(this.db);
    this.referralRepo = new ReferralRepository(this.db);
    this.groupRepo = new GroupRepository(this.db);
    this.groupBuyRepo = new GroupBuyRepository(this.db);
    this.influenceRepo = new InfluenceRepository(this.db);
    this.loaders = this.freshLoaders();
    this.accounts = new AccountService(this, this.accountRepo);
    this.social = new SocialService(this, this.socialRepo);
    this.content = new ContentService(this, this.contentRepo);
    this.feeds = new FeedService(this, new FeedRepository(this.db));
    this.notifications = new NotificationService(this, new NotificationRepository(this.db));
    this.commerce = new CommerceService(this, this.commerceRepo);
    this.referral = new ReferralService(this, this.referralRepo);
    this.commissions = new CommissionService(this, new CommissionRepository(this.db));
    this.groups = new GroupService(this, this.groupRepo);
    this.moderation = new ModerationService(this, new ModerationRepository(this.db));
    this.groupBuys = new GroupBuyService(this, this.groupBuyRepo);
    this.influence = new InfluenceService(this, this.influenceRepo);
  }

  private freshLoaders(): Loaders {
    const viewerId = () => this.viewerId();
    // The session of this generation's viewer, once a user batch has read it (undefined until then).
    const probed: { session?: ViewerRow['session'] } = {};
    this.probedSession = probed;
    const claims = this.tokenCheck?.ok ? this.tokenCheck.claims : null;
    const probe = claims ? { userId: claims.sub, sessionId: claims.sid, found: (session: ViewerRow['session']) => (probed.session = session) } : null;
    return {
      ...createAccountLoaders(this.accountRepo, probe),
      ...createSocialLoaders(this.socialRepo, viewerId),
      ...createContentLoaders(this.contentRepo, viewerId),
      ...createCommerceLoaders(this.commerceRepo),
      ...createReferralLoaders(this.referralRepo),
      ...createGroupLoaders(this.groupRepo, viewerId),
      ...createGroupBuyLoaders(this.groupBuyRepo),
      ...createInfluenceLoaders(this.influenceRepo),
    };
  }

  /** Long-lived subscriptions call this per event so each event sees current data. */
  resetLoaders(): void {
    this.loaders = this.freshLoaders();
    this.sessionCheck = null;
  }

  /**
   * The signed-in user, or null. A token counts only while its account exists, its password
   * version matches (changing the password signs every other token out) and its session is live
   * (not logged out, revoked or expired). The session is read in the user loader's batch, so the
   * viewer costs no more round trips than the user alone did before.
   */
  async viewer(): Promise<UserRecord | null> {
    if (!this.tokenCheck?.ok) return null;
    const { claims } = this.tokenCheck;
    this.sessionCheck ??= this.checkSession(claims);
    if (!(await this.sessionCheck)) return null;
    const user = await this.loaders.userById.load(claims.sub);
    if (!user || user.passwordVersion !== claims.pwv) return null;
    return user;
  }

  private async checkSession(claims: LiveClaims): Promise<boolean> {
    const probed = this.probedSession!;
    const user = await this.loaders.userById.load(claims.sub);
    if (!user || user.passwordVersion !== claims.pwv) return false;
    // The user came primed rather than from a batch: read the session on its own.
    const session = probed.session !== undefined ? probed.session : ((await this.accountRepo.viewer(claims.sub, claims.sid))?.session ?? null);
    const now = Date.now();
    if (!session || session.revokedAt !== null || session.expiresAt <= now) return false;
    if (now - session.lastUsedAt >= SESSION_TOUCH_MS) {
      // At most one write per session a minute; a failure to record it must not fail the request.
      await this.accountRepo.touchSession(claims.sub, claims.sid, now, SESSION_TOUCH_MS).catch((error: unknown) => {
        this.deps.logger.warn('could not record session use', { error: (error as Error).message });
      });
    }
    return true;
  }

  /** The claims of the token, for the live guard (LiveSubscriber). */
  liveClaims(): LiveClaims | null {
    return this.tokenCheck?.ok ? this.tokenCheck.claims : null;
  }

  async sessionStillValid(): Promise<boolean> {
    return (await this.viewer()) !== null;
  }

  /** The session of the token this request carries, when it verified. */
  get sessionId(): string | null {
    return this.tokenCheck?.ok ? this.tokenCheck.claims.sid : null;
  }

  async requireViewer(): Promise<UserRecord> {
    const viewer = await this.viewer();
    if (viewer) return viewer;
    if (this.tokenCheck && !this.tokenCheck.ok && this.tokenCheck.reason === 'expired') {
      throw unauthenticated('Your session has expired; log in again');
    }
    if (this.tokenCheck?.ok) throw unauthenticated('Your session has ended (logged out or password changed); log in again');
    if (this.tokenCheck) throw unauthenticated('Your token is not valid; log in again');
    throw unauthenticated();
  }

  /** The viewer's id for viewer-relative fields, or null for anonymous requests. */
  async viewerId(): Promise<string | null> {
    return (await this.viewer())?.id ?? null;
  }
}
