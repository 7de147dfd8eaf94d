import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Scope } from '../accounts/scope';
import { instanceOf } from '../request/scope';
import type { LiveRoomMessage } from './feed';
import { LiveCommentPinChanged, LiveCommentsAdded, LiveCountersChanged, LiveProductPinChanged, LiveRoomEvent, LiveRoomStatusChanged } from './events';
import { LiveRoomStatus } from './types';
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
