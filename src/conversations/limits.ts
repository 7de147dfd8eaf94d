import type { Config } from '../config';
import type { Logger } from '../common/logger';
import { RateLimit, type RateStore } from '../common/rate-limiter';

/** Spam limits of direct messages, per sender. */
export interface MessagingLimits {
  /** Messages sent per minute. */
  messages: RateLimit;
  /** New conversations started per day (finding an existing 1:1 is not one). */
  conversations: RateLimit;
  /** Typing indicators per minute: a client renews one every few seconds while the user types. */
  typing: RateLimit;
}

/** Shared through `store` (the event bus's Redis) when there is one, so replicas do not multiply them. */
export function createMessagingLimits(config: Config, store: RateStore | null = null, logger?: Logger): MessagingLimits {
  const onStoreError = (error: Error) => logger?.warn('rate-limit store failed; counting in this instance only', { error: error.message });
  return {
    messages: new RateLimit('dm-messages', config.messagesMaxPerUserPerMinute, 60_000, store, onStoreError),
    conversations: new RateLimit('dm-conversations', config.conversationsMaxPerUserPerDay, 24 * 3600_000, store, onStoreError),
    typing: new RateLimit('dm-typing', config.typingMaxPerUserPerMinute, 60_000, store, onStoreError),
  };
}
