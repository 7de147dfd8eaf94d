import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MAX_COMMENTS_PER_MESSAGE } from './feed';
import { LiveComment, LiveProductPin, LiveRoomStatus, type LiveCommentRecord, type LivePinRecord } from './types';

/**
 * What liveRoomEvents pushes. Each member is one kind of news from the room; a client switches on
 * __typename. Comments come in order, several at once when they arrive faster than the watcher's
 * connection takes them; pins, counters and the status are the room's latest state.
 */

@ObjectType({ description: 'New comments in the room, oldest first.' })
export class LiveCommentsAdded {
  @Field(() => [LiveComment], { description: `The comments, in the order they were written: at most ${MAX_COMMENTS_PER_MESSAGE}. Comments by people in a block with the viewer are left out.` })
  comments!: LiveCommentRecord[];

  @Field(() => Int, { description: 'Comments the server left out just before these because the connection fell behind (0 normally). Pins, counters and status changes are never left out.' })
  droppedCommentCount!: number;
}

@ObjectType({ description: 'The host pinned a comment, or unpinned it.' })
export class LiveCommentPinChanged {
  @Field(() => LiveComment, { nullable: true, description: 'The comment now pinned; null when the host unpinned it (or when its author is in a block with the viewer).' })
  comment!: LiveCommentRecord | null;
}

@ObjectType({ description: 'The host pinned a product, or unpinned it.' })
export class LiveProductPinChanged {
  @Field(() => LiveProductPin, { nullable: true, description: 'The product now pinned with its flash offer; null when unpinned.' })
  pin!: LivePinRecord | null;
}

@ObjectType({ description: "The room's counters that changed; each is the new total, null when it did not change. Pushed at most every 500 ms (LIVE_COUNTER_INTERVAL_MS), however fast they change." })
export class LiveCountersChanged {
  @Field(() => Int, { nullable: true, description: 'People watching now; null when unchanged.' })
  viewerCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Likes the room has had; null when unchanged.' })
  likeCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Purchases made in the room; null when unchanged.' })
  purchaseCount!: number | null;

  @Field(() => Int, { nullable: true, description: "Flash units of the pinned product still to sell; null when unchanged." })
  flashLeft!: number | null;

  @Field(() => DateTimeISOResolver, { description: 'When the server took these totals to push them.' })
  countedAt!: Date;
}

@ObjectType({ description: 'The room went live or ended.' })
export class LiveRoomStatusChanged {
  @Field(() => LiveRoomStatus, { description: 'Its status now.' })
  status!: LiveRoomStatus;
}

export const LiveRoomEvent = createUnionType({
  name: 'LiveRoomEvent',
  description: 'One piece of news from a live room (Subscription.liveRoomEvents).',
  types: () => [LiveCommentsAdded, LiveCommentPinChanged, LiveProductPinChanged, LiveCountersChanged, LiveRoomStatusChanged] as const,
});
