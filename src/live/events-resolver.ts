import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User, type UserRecord } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import type { Scope } from '../accounts/scope';
import { Product } from '../commerce/types';
import { commerceLoaders } from '../commerce/loaders';
import { Money } from '../common/money';
import type { TtlCache } from '../common/ttl-cache';
import { instanceOf } from '../request/scope';
import type { LiveRoomMessage } from './feed';
import {
  LiveComment,
  LiveCommentPinChanged,
  LiveCommentsAdded,
  LiveCountersChanged,
  LiveProductPin,
  LiveProductPinChanged,
  LiveRoomEvent,
  LiveRoomStatus,
  LiveRoomStatusChanged,
  type LiveCommentRecord,
  type LiveProductPinRecord,
} from './events';
import type { LiveRoomSubscriptions } from './subscription';

/** One pushed message as its GraphQL object (a class instance, so the union knows its member). */
export function liveRoomEvent(message: LiveRoomMessage): LiveCommentsAdded | LiveCommentPinChanged | LiveProductPinChanged | LiveCountersChanged | LiveRoomStatusChanged {
  switch (message.kind) {
    case 'COMMENTS':
      return Object.assign(new LiveCommentsAdded(), { comments: message.comments, droppedCommentCount: message.droppedCount });
    case 'COMMENT_PINNED':
      return Object.assign(new LiveCommentPinChanged(), { comment: message.comment });
    case 'PRODUCT_PINNED':
      return Object.assign(new LiveProductPinChanged(), { pin: message.pin });
    case 'COUNTERS': {
      const c = message.counters;
      return Object.assign(new LiveCountersChanged(), {
        viewerCount: c.viewers ?? null,
        likeCount: c.likes ?? null,
        purchaseCount: c.purchases ?? null,
        flashLeft: c.flashLeft ?? null,
        countedAt: new Date(message.countedAt),
      });
    }
    case 'STATUS':
      return Object.assign(new LiveRoomStatusChanged(), { status: message.status as LiveRoomStatus });
  }
}

@Resolver()
export class LiveRoomEventsResolver {
  constructor(readonly subscriptions: LiveRoomSubscriptions) {}

  @Subscription(() => LiveRoomEvent, {
    description:
      "A live room as it happens, for its watchers: new comments in order, pinned and unpinned comments and products (with the flash countdown and stock), the viewer, like and purchase counters (at most every 500 ms), and the room's status. Signed-in viewers who may see the room; it ends with FORBIDDEN when they no longer may (a block with the host, a lost membership of the room's group). Under overload comments are shed first (LiveCommentsAdded.droppedCommentCount), never pins or status changes.",
    subscribe: ({ args, context }) => instanceOf(context as Scope, LiveRoomEventsResolver).subscriptions.watch(context as Scope, args.roomId as string),
  })
  liveRoomEvents(@Root() message: LiveRoomMessage, @Arg('roomId', () => ID, { description: 'The room to watch; NOT_FOUND when the viewer may not see it.' }) _roomId: string): typeof LiveRoomEvent {
    return liveRoomEvent(message);
  }
}

@Resolver(() => LiveComment)
export class LiveCommentResolver {
  constructor(
    /** Users named by live events, shared by every watcher an event reaches (one per process). */
    private readonly eventUsers: TtlCache<UserRecord | null>,
  ) {}

  @FieldResolver(() => User, { nullable: true, description: 'Who wrote it; null when their account is gone.' })
  author(@Root() comment: LiveCommentRecord, @Ctx() ctx: Scope) {
    return this.eventUsers.get(comment.authorId, () => accountLoaders(ctx).userById.load(comment.authorId));
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was written.' })
  createdAt(@Root() comment: LiveCommentRecord) {
    return new Date(comment.createdAt);
  }
}

@Resolver(() => LiveProductPin)
export class LiveProductPinResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The product pinned; null when it has been removed since.' })
  product(@Root() pin: LiveProductPinRecord, @Ctx() ctx: Scope) {
    return commerceLoaders(ctx).productById.load(pin.productId);
  }

  @FieldResolver(() => Money, { nullable: true, description: "The room's flash price, in the product's currency; null when the pin has no flash offer." })
  async flashPrice(@Root() pin: LiveProductPinRecord, @Ctx() ctx: Scope): Promise<Money | null> {
    if (pin.flashPriceMinor === null) return null;
    const product = await commerceLoaders(ctx).productById.load(pin.productId);
    return product ? { amountMinor: pin.flashPriceMinor, currency: product.currency } : null;
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When the flash price ends (the countdown); null when it lasts while the product stays pinned.' })
  flashEndsAt(@Root() pin: LiveProductPinRecord) {
    return pin.endsAt === null ? null : new Date(pin.endsAt);
  }
}
