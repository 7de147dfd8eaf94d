import { setMaxListeners } from 'node:events';
import { createPubSub, PubSub, type PubSubEventTarget } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

export interface NewFollowerEvent {
  followerId: string;
  followeeId: string;
  followedAt: number;
}

export interface NotificationAddedEvent {
  notificationId: string;
}

/** A notification group of the recipient changed: a new actor, or news from one already counted. */
export interface NotificationGroupUpdatedEvent {
  groupId: string;
}

export type NoteActivityEvent =
  | { kind: 'COMMENT_ADDED'; noteId: string; commentId: string; commentCount: number }
  | { kind: 'COMMENT_DELETED'; noteId: string; commentId: string; commentCount: number }
  | { kind: 'LIKE_COUNT_CHANGED'; noteId: string; likeCount: number };

export interface ReferralActivityEvent {
  kind: 'VISIT' | 'SIGN_UP' | 'ORDER';
  code: string;
  at: number;
  userId: string | null;
  orderId: string | null;
}

export interface OrderStatusEvent {
  orderId: string;
  status: string;
}

export interface GroupActivityEvent {
  kind:
    | 'NOTE_POSTED'
    | 'COMMENT_ADDED'
    | 'MEMBER_JOINED'
    | 'MEMBER_LEFT'
    | 'ROLE_CHANGED'
    | 'ANNOUNCEMENT'
    | 'EVENT_CREATED'
    | 'GROUP_BUY_PROGRESS'
    | 'MODERATION';
  groupId: string;
  actorId: string | null;
  subjectUserId: string | null;
  noteId: string | null;
  commentId: string | null;
  eventId: string | null;
  groupBuyId: string | null;
  detail: string | null;
  at: number;
  /** Only moderators and above receive it (moderation actions). */
  moderatorsOnly: boolean;
}

export interface GroupBuyEvent {
  groupBuyId: string;
  kind: 'JOINED' | 'COMPLETED' | 'EXPIRED';
  participantCount: number;
  userId: string | null;
  at: number;
}

/** A message was sent in a conversation (its subscribers decide, per event, whether they may see it). */
export interface MessageAddedEvent {
  conversationId: string;
  messageId: string;
  senderId: string;
}

/** One member's copy of a conversation changed: a message, a read receipt, a request accepted, a member gone. */
export interface ConversationUpdatedEvent {
  conversationId: string;
  reason: 'MESSAGE_ADDED' | 'MESSAGE_DELETED' | 'READ' | 'ACCEPTED' | 'MEMBER_LEFT' | 'TYPING';
  actorId: string;
  /** TYPING: when the indicator lapses (epoch ms) unless the typist renews it. */
  expiresAt?: number;
}

/** A live room's comment as it is pushed to watchers. */
export interface LiveCommentData {
  id: string;
  authorId: string;
  body: string;
  /** Epoch ms. */
  createdAt: number;
}

/** The product a live room's host pinned, with its flash offer if any. */
export interface LiveProductPinData {
  productId: string;
  /** The room's flash price in minor units of the product's currency; null when the pin has no flash offer. */
  flashPriceMinor: number | null;
  /** Flash units the pin started with; null when the pin has no flash offer. */
  flashQuantity: number | null;
  /** Flash units still to sell at flashPriceMinor. */
  flashLeft: number | null;
  /** Epoch ms when the flash price ends, or null when it lasts while pinned. */
  endsAt: number | null;
}

/** A live room's counters that changed (each is the new total). */
export interface LiveCountersPatch {
  viewers?: number;
  likes?: number;
  purchases?: number;
  flashLeft?: number;
}

export type LiveRoomStatusValue = 'SCHEDULED' | 'LIVE' | 'ENDED';

/**
 * A live room happening, as the room service reports it after its transaction commits and as it
 * travels between instances (src/live/broadcast.ts). RIGHTS_CHANGED: these watchers (null: all)
 * may have lost the right to watch (a block, a group membership lost).
 */
export type LiveRoomHappening =
  | { kind: 'COMMENT'; comment: LiveCommentData }
  | { kind: 'COMMENT_PINNED'; commentId: string | null }
  | { kind: 'PRODUCT_PINNED'; pin: LiveProductPinData | null }
  | { kind: 'COUNTERS'; patch: LiveCountersPatch }
  | { kind: 'STATUS'; status: LiveRoomStatusValue }
  | { kind: 'RIGHTS_CHANGED'; userIds: string[] | null };

/** Tokens of a user stopped counting: sessions revoked (logOut, logOutEverywhere, revokeSession, eviction) or a password change. */
export interface SessionRevokedEvent {
  userId: string;
  reason: 'LOGGED_OUT' | 'LOGGED_OUT_EVERYWHERE' | 'SESSION_REVOKED' | 'PASSWORD_CHANGED' | 'TOO_MANY_SESSIONS';
  /** Sessions that ended. */
  sessionIds: string[];
  /** Set on a password change: every token with an older password version stopped counting. */
  passwordVersion: number | null;
}

/**
 * What a user's stored record holds changed (profile, role, follower/following/note counts):
 * every instance drops its cached copies (src/events/invalidation.ts).
 */
export interface UserChangedEvent {
  userIds: string[];
  reason: 'PROFILE' | 'ROLE' | 'COUNTS' | 'TWO_FACTOR';
}

/**
 * What notes' stored records hold changed (counts, text, visibility, moderation or deletion state):
 * every instance drops its cached copies (src/content/note-cache.ts). noteIds null: every note
 * (an import recounted them all).
 */
export interface NotesChangedEvent {
  noteIds: string[] | null;
  reason: 'COUNTS' | 'CONTENT' | 'STATE' | 'IMPORT';
}

/**
 * What the discover feed ranks for these users changed: whom they follow or are in a block with,
 * or their own signals (a like, a collect, a search). Every instance drops their cached first
 * pages' rankings (src/feeds/discover-cache.ts).
 */
export interface DiscoverChangedEvent {
  userIds: string[];
  reason: 'RELATIONS' | 'SIGNALS';
}

/** Who may see a group may have changed for everyone at once: visibility changed, or it was archived. */
export interface GroupAccessChangedEvent {
  groupId: string;
  reason: 'VISIBILITY_CHANGED' | 'ARCHIVED' | 'UPDATED';
}

/**
 * A review was published (issue 17 §1): at once, or when moderators approve one the sensitive-word
 * check held. The points ledger awards from it, with reviewId as its source key (a review is
 * published once; a consumer may still meet it twice, from two instances' buses, and must not award twice).
 * verified: from a paid order of the product by its author; hasMedia: it has pictures or clips.
 */
export interface ReviewCreatedEvent {
  reviewId: string;
  productId: string;
  authorId: string;
  hasMedia: boolean;
  verified: boolean;
  at: number;
}

/**
 * Moderation hid or removed a published review (REVIEW_REMOVED), or restored one it had hidden or
 * removed, on an appeal or a moderator's RESTORE (REVIEW_RESTORED). The points ledger claws back and
 * re-awards by reviewId.
 */
export interface ReviewModeratedEvent {
  reviewId: string;
  authorId: string;
  at: number;
}

/**
 * The catalogue of domain events. Each key is a topic; the first argument is the id that scopes it
 * (the user, note or group concerned), the second the payload. Services publish only after their
 * transaction has committed.
 */
export type EventMap = {
  NEW_FOLLOWER: [followeeId: string, event: NewFollowerEvent];
  NOTIFICATION_ADDED: [recipientId: string, event: NotificationAddedEvent];
  NOTIFICATION_GROUP_UPDATED: [recipientId: string, event: NotificationGroupUpdatedEvent];
  NOTE_ACTIVITY: [noteId: string, event: NoteActivityEvent];
  REFERRAL_ACTIVITY: [sharerId: string, event: ReferralActivityEvent];
  ORDER_STATUS_CHANGED: [orderId: string, event: OrderStatusEvent];
  GROUP_ACTIVITY: [groupId: string, event: GroupActivityEvent];
  GROUP_BUY_PROGRESS: [groupBuyId: string, event: GroupBuyEvent];
  INFLUENCE_UPDATED: [userId: string, event: { userId: string; at: number }];
  MESSAGE_ADDED: [conversationId: string, event: MessageAddedEvent];
  CONVERSATION_UPDATED: [memberId: string, event: ConversationUpdatedEvent];
  LIVE_ROOM: [roomId: string, event: LiveRoomHappening];
  BADGE_AWARDED: [userId: string, event: { awardId: string }];
  // Unscoped: each instance listens once (src/events/live.ts) and ends the streams concerned.
  SESSION_REVOKED: [event: SessionRevokedEvent];
  GROUP_ACCESS_CHANGED: [event: GroupAccessChangedEvent];
  USER_CHANGED: [event: UserChangedEvent];
  NOTES_CHANGED: [event: NotesChangedEvent];
  DISCOVER_CHANGED: [event: DiscoverChangedEvent];
  // Unscoped: a consumer (the points ledger) hears every review.
  REVIEW_CREATED: [event: ReviewCreatedEvent];
  REVIEW_REMOVED: [event: ReviewModeratedEvent];
  REVIEW_RESTORED: [event: ReviewModeratedEvent];
};

export interface EventBus {
  pubsub: PubSub<EventMap>;
  /** The Redis connection for commands (not the subscriber), when events travel through Redis; rate limits share it. */
  redis: Redis | null;
  close(): Promise<void>;
}

/** In-process by default; through Redis when REDIS_URL is set, so every API instance sees every event. */
export function createEventBus(redisUrl?: string): EventBus {
  if (!redisUrl) {
    const eventTarget = new EventTarget();
    // Every subscriber of a busy group or note is a listener on one topic: a thousand of them is
    // normal, not the leak Node's default warning at eleven suspects.
    setMaxListeners(0, eventTarget);
    return { pubsub: createPubSub<EventMap>({ eventTarget: eventTarget as PubSubEventTarget<EventMap> }), redis: null, close: async () => undefined };
  }
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const eventTarget = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<EventMap>({ eventTarget }),
    redis: publishClient,
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

/**
 * Maps a stream of events: each event becomes fn's result, is skipped when fn returns SKIP, or
 * ends the stream when fn returns END. Unlike an async generator, return() (a client's complete)
 * releases the source at once, even while waiting for the next event.
 */
export const SKIP = Symbol('skip');
export const END = Symbol('end');

export function transform<T, U>(source: AsyncIterable<T>, fn: (event: T) => Promise<U | typeof SKIP | typeof END>): AsyncIterableIterator<U> {
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  const finish = async (): Promise<IteratorResult<U>> => {
    if (!finished) {
      finished = true;
      await iterator.return?.();
    }
    return { done: true, value: undefined };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<U>> {
      while (!finished) {
        const next = await iterator.next();
        if (finished) break;
        if (next.done) return finish();
        const mapped = await fn(next.value);
        if (finished) break;
        if (mapped === END) return finish();
        if (mapped !== SKIP) return { done: false, value: mapped };
      }
      return { done: true, value: undefined };
    },
    return: finish,
    async throw(error: unknown) {
      await finish();
      throw error;
    },
  };
}

/**
 * Passes events through only while check() allows; ends the stream when it stops allowing, so a
 * subscriber whose access was revoked (password changed, banned) stops receiving events.
 */
export function guarded<T>(source: AsyncIterable<T>, check: (event: T) => Promise<boolean>): AsyncIterableIterator<T> {
  return transform(source, async (event) => ((await check(event)) ? event : END));
}
