import { createUnionType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MAX_COMMENTS_PER_MESSAGE } from './feed';

/**
 * What liveRoomEvents pushes. Each member is one kind of news from the room; a client switches on
 * __typename. Comments come in order, several at once when they arrive faster than the watcher's
 * connection takes them; pins, counters and the status are the room's latest state.
 */

export enum LiveRoomStatus {
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}

registerEnumType(LiveRoomStatus, {
  name: 'LiveRoomStatus',
  description: "Where a live room is in its life.",
  valuesConfig: {
    SCHEDULED: { description: 'Announced, not started: watchers wait for the host.' },
    LIVE: { description: 'On air: comments, likes and flash purchases are open.' },
    ENDED: { description: 'Over: nothing more happens in it; its stats timeline is final.' },
  },
});

/** A comment as the events carry it; the author is resolved per watcher. */
export interface LiveCommentRecord {
  id: string;
  authorId: string;
  body: string;
  createdAt: number;
}

@ObjectType({ description: 'A comment written in a live room, as the live stream shows it.' })
export class LiveComment {
  @Field({ description: 'The comment, for pinning it.' })
  id!: string;

  @Field({ description: 'What was written, 1 to 200 characters.' })
  body!: string;

  authorId!: string;
  createdAt!: number;
}

/** A pinned product as the events carry it. */
export interface LiveProductPinRecord {
  productId: string;
  flashPriceMinor: number | null;
  flashQuantity: number | null;
  flashLeft: number | null;
  endsAt: number | null;
}

@ObjectType({ description: 'The product the host pinned in a live room, with its flash offer when it has one.' })
export class LiveProductPin {
  @Field(() => Int, { nullable: true, description: 'Flash units the pin started with; null when the pin has no flash offer.' })
  flashQuantity!: number | null;

  @Field(() => Int, { nullable: true, description: 'Flash units still to sell at the flash price; null when the pin has no flash offer. Later changes come as LiveCountersChanged.flashLeft.' })
  flashLeft!: number | null;

  productId!: string;
  flashPriceMinor!: number | null;
  endsAt!: number | null;
}

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
  pin!: LiveProductPinRecord | null;
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
