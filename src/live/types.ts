import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';

export enum LiveRoomStatus {
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}
registerEnumType(LiveRoomStatus, {
  name: 'LiveRoomStatus',
  description: 'Where a live-stream shopping room stands.',
  valuesConfig: {
    SCHEDULED: { description: 'Announced for scheduledStartAt; the host has not gone live yet.' },
    LIVE: { description: 'Streaming now: viewers join, comment, like and buy the pinned product.' },
    ENDED: { description: 'The host ended it: its stats and recap stay, nothing new happens in it.' },
  },
});

export enum LiveRoomRole {
  HOST = 'HOST',
  MODERATOR = 'MODERATOR',
}
registerEnumType(LiveRoomRole, {
  name: 'LiveRoomRole',
  description: "The viewer's part in running a room.",
  valuesConfig: {
    HOST: { description: 'The room is theirs: they start and end it, pin, mute and name moderators.' },
    MODERATOR: { description: 'Named by the host: they pin products and comments and mute viewers.' },
  },
});

export enum FlashSoldOutChoice {
  REFUSE = 'REFUSE',
  PAY_REGULAR_PRICE = 'PAY_REGULAR_PRICE',
}
registerEnumType(FlashSoldOutChoice, {
  name: 'FlashSoldOutChoice',
  description: "What a buyer in a live room wants when the pinned product's flash price is gone (sold out, ended or unpinned) by the time their order is placed.",
  valuesConfig: {
    REFUSE: { description: 'Place nothing: the order is refused with FLASH_SOLD_OUT.' },
    PAY_REGULAR_PRICE: { description: "Place the order at the product's regular price." },
  },
});

export interface LiveRoomRecord {
  id: string;
  hostId: string;
  title: string;
  coverUrl: string;
  streamUrl: string;
  groupId: string | null;
  scheduledAt: number;
  status: LiveRoomStatus;
  startedAt: number | null;
  endedAt: number | null;
  createdAt: number;
  currentViewers: number;
  peakViewers: number;
  uniqueViewers: number;
  /** Likes written to the database; the instance's unflushed likes are added when read (src/live/likes.ts). */
  likeCount: number;
  commentCount: number;
  pinnedCommentId: string | null;
}

export interface LivePinRecord {
  id: string;
  roomId: string;
  productId: string;
  flashPriceMinor: number | null;
  flashQuantity: number | null;
  flashLeft: number | null;
  /** When the flash offer ends; null for a pin without one. */
  endsAt: number | null;
  pinnedAt: number;
  unpinnedAt: number | null;
}

export interface LiveCommentRecord {
  id: string;
  roomId: string;
  authorId: string;
  body: string;
  createdAt: number;
}

@ObjectType({ implements: Node, description: 'A live-stream shopping room (直播间): a host streams, viewers comment, like and buy the products of its lineup.' })
export class LiveRoom {
  @Field(() => ID, { description: "The room's stable id, for liveRoom(id) and every room operation." })
  id!: string;

  @Field({ description: 'The title viewers see, 1 to 80 characters.' })
  title!: string;

  @Field({ description: 'The cover image (https), shown before and during the stream.' })
  coverUrl!: string;

  @Field({ description: 'Where the player reads the stream (https, e.g. an HLS playlist).' })
  streamUrl!: string;

  @Field(() => LiveRoomStatus, { description: 'SCHEDULED, LIVE or ENDED.' })
  status!: LiveRoomStatus;

  @Field(() => Int, { description: 'Viewers in the room now (joined and not left).' })
  currentViewers!: number;

  @Field(() => Int, { description: 'The most viewers in the room at once.' })
  peakViewers!: number;

  @Field(() => Int, { description: 'Distinct signed-in people who ever joined the room.' })
  uniqueViewers!: number;

  @Field(() => Int, { description: 'Comments sent in the room.' })
  commentCount!: number;
}

@ObjectType({ implements: Node, description: 'The product pinned in a room now, with its flash offer if it has one.' })
export class LiveProductPin {
  @Field(() => ID, { description: "The pin's id." })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Flash units the pin started with; null without a flash offer.' })
  flashQuantity!: number | null;

  @Field(() => Int, { nullable: true, description: 'Flash units still to sell at flashPrice; null without a flash offer.' })
  flashLeft!: number | null;
}

@ObjectType({ implements: Node, description: 'A comment sent in a live room.' })
export class LiveComment {
  @Field(() => ID, { description: "The comment's id, for pinComment." })
  id!: string;

  @Field({ description: 'What was said, at most 200 characters.' })
  body!: string;
}

@ObjectType({ description: 'One product a room pinned, and how it sold in the room.' })
export class LiveProductStats {
  @Field(() => Int, { description: 'How many times it was pinned.' })
  timesPinned!: number;

  @Field(() => Int, { description: 'Live orders of it placed in the room (not cancelled or refunded).' })
  orders!: number;

  @Field(() => Int, { description: 'Units of it in those orders.' })
  units!: number;

  @Field(() => Int, { description: 'Distinct people who bought it in the room.' })
  buyers!: number;

  @Field(() => Int, { description: 'Units sold at its flash prices.' })
  flashUnitsSold!: number;

  @Field(() => Float, { description: "buyers ÷ the room's unique viewers, 0 to 1 (0 without viewers)." })
  conversionRate!: number;
}

@ObjectType({ description: "One minute of a room's stream, for charts." })
export class LiveMinuteStats {
  @Field(() => Int, { description: 'The most viewers present at once in the minute (as counted at joins and comments).' })
  peakViewers!: number;

  @Field(() => Int, { description: 'Joins in the minute.' })
  joins!: number;

  @Field(() => Int, { description: 'Comments sent in the minute.' })
  comments!: number;

  @Field(() => Int, { description: 'Likes in the minute.' })
  likes!: number;

  @Field(() => Int, { description: 'Live orders placed in the room in the minute.' })
  orders!: number;
}

@ObjectType({ description: "A room's figures, during the stream or after it ended." })
export class LiveRoomStats {
  @Field(() => Int, { description: 'The most viewers in the room at once.' })
  peakViewers!: number;

  @Field(() => Int, { description: 'Distinct signed-in people who joined.' })
  uniqueViewers!: number;

  @Field(() => Int, { description: 'Comments sent.' })
  comments!: number;

  @Field(() => Int, { description: 'Likes (taps on the heart).' })
  likes!: number;

  @Field(() => Int, { description: 'Live orders placed in the room (not cancelled or refunded).' })
  orders!: number;
}

export interface LiveRecapRecord {
  roomId: string;
  title: string;
  body: string;
  draftedAt: number;
  updatedAt: number;
  /** The note the host published it as; null while it is a draft. */
  noteId: string | null;
  publishedAt: number | null;
}

@ObjectType({
  description:
    "The recap of an ended room, drafted for its host when the room ends: a title and a text naming the products the room pinned, with each one's orders in the room. The host edits it (updateLiveRecap) and publishes it as a note (publishLiveRecap). Only the host sees it; it is no note until published.",
})
export class LiveRoomRecap {
  @Field({ description: 'The title the note will have: 1 to 100 characters.' })
  title!: string;

  @Field({ description: 'The text the note will have: at most 5,000 characters.' })
  body!: string;
}
