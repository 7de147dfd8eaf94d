import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MutationPayload } from '../common/user-errors';
import { MinorUnitsScalar } from '../common/money';
import { User, type UserRecord } from '../accounts/types';
import { Note, type NoteRecord } from '../content/types';
import { LiveComment, LiveRoom, type LiveCommentRecord, type LiveRoomRecord } from './types';
import { LIVE_LIMITS, MAX_FLASH_PRICE_MINOR } from './rules';

@InputType({ description: 'A live room to announce.' })
export class ScheduleLiveRoomInput {
  @Field({ description: `What viewers see: 1 to ${LIVE_LIMITS.title} characters.` })
  title!: string;

  @Field({ description: 'The cover image: an absolute http(s) URL, at most 2048 characters.' })
  coverUrl!: string;

  @Field({ description: 'Where the player reads the stream (an HLS or FLV URL from the streaming service): absolute http(s), at most 2048 characters.' })
  streamUrl!: string;

  @Field(() => DateTimeISOResolver, { description: `When the host means to go live: not in the past, at most ${LIVE_LIMITS.scheduleDays} days away.` })
  scheduledStartAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The community the room is for; the host must be a member who may post there. A CLOSED or SECRET group\'s room is seen by its members only.' })
  groupId?: string | null;

  @Field(() => [ID], { description: `The lineup, in the order it is presented: 1 to ${LIVE_LIMITS.lineup} products, each the host's own or sold by a merchant who allows the host (allowLiveHost).` })
  productIds!: string[];
}

@ObjectType({ description: 'The result of scheduleLiveRoom.' })
export class ScheduleLiveRoomPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The new room, SCHEDULED; null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: 'A room of the viewer, by id.' })
export class LiveRoomInput {
  @Field(() => ID, { description: 'The room.' })
  roomId!: string;
}

@InputType({ description: 'The room the host starts streaming.' })
export class StartLiveInput extends LiveRoomInput {}

@ObjectType({ description: 'The result of startLive.' })
export class StartLivePayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room, now LIVE (starting a LIVE room answers it as it is); null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: 'The room the host ends.' })
export class EndLiveInput extends LiveRoomInput {}

@ObjectType({ description: 'The result of endLive.' })
export class EndLivePayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room, now ENDED, its pin dropped and its viewers gone; null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: 'A product of the lineup to pin, optionally at a flash price. The flash price and units are the pinner\'s: a buyer never names a price.' })
export class PinProductInput {
  @Field(() => ID, { description: 'The room, LIVE.' })
  roomId!: string;

  @Field(() => ID, { description: "A product of the room's lineup." })
  productId!: string;

  @Field(() => MinorUnitsScalar, { nullable: true, description: `The flash price, in minor units of the product's currency: at least 1, below the product's price, at most ${MAX_FLASH_PRICE_MINOR}. Give it with flashQuantity, or neither for a pin without a flash offer.` })
  flashPriceMinor?: number | null;

  @Field(() => Int, { nullable: true, description: `Units sold at the flash price, 1 to ${LIVE_LIMITS.flashQuantity}; the rest of the stock sells at the regular price.` })
  flashQuantity?: number | null;

  @Field(() => Int, { nullable: true, description: `How long the flash price holds, 10 to ${LIVE_LIMITS.flashSeconds} seconds; without it, while the product stays pinned and units last.` })
  seconds?: number | null;
}

@ObjectType({ description: 'The result of pinProduct.' })
export class PinProductPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room with its new pinnedProduct (the pin before it ends at once); null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: "The room whose pinned product to take down." })
export class UnpinProductInput extends LiveRoomInput {}

@ObjectType({ description: 'The result of unpinProduct.' })
export class UnpinProductPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room, without a pinned product: its flash price stops at once. Null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: 'A comment of the room to pin, or none to unpin.' })
export class PinCommentInput {
  @Field(() => ID, { description: 'The room, SCHEDULED or LIVE.' })
  roomId!: string;

  @Field(() => ID, { nullable: true, description: 'A comment sent in the room; null unpins the pinned comment.' })
  commentId?: string | null;
}

@ObjectType({ description: 'The result of pinComment.' })
export class PinCommentPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room with its pinnedComment; null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: 'A viewer to mute in a room.' })
export class MuteInRoomInput {
  @Field(() => ID, { description: 'The room.' })
  roomId!: string;

  @Field(() => ID, { description: 'The viewer to mute: not the host; a moderator only by the host.' })
  userId!: string;

  @Field(() => Int, { description: `For how long, 1 to ${LIVE_LIMITS.muteMinutes} minutes; 0 lifts a mute.` })
  minutes!: number;
}

@ObjectType({ description: 'The result of muteInRoom.' })
export class MuteInRoomPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room; null when refused.' })
  liveRoom!: LiveRoomRecord | null;

  @Field(() => User, { nullable: true, description: 'The viewer muted (or unmuted); null when refused.' })
  user!: UserRecord | null;
}

@InputType({ description: 'A moderator the host names for a room.' })
export class AddRoomModeratorInput {
  @Field(() => ID, { description: 'The host\'s room.' })
  roomId!: string;

  @Field(() => ID, { description: `Who moderates: not the host, not someone in a block with them; at most ${LIVE_LIMITS.moderators} a room.` })
  userId!: string;
}

@ObjectType({ description: 'The result of addRoomModerator.' })
export class AddRoomModeratorPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room; null when refused.' })
  liveRoom!: LiveRoomRecord | null;

  @Field(() => User, { nullable: true, description: 'The new moderator (naming one again answers them); null when refused.' })
  moderator!: UserRecord | null;
}

@InputType({ description: 'A host the merchant allows, or stops allowing, to feature its products.' })
export class LiveHostInput {
  @Field(() => ID, { description: 'The host.' })
  hostId!: string;
}

@InputType({ description: 'A host the merchant allows to feature its products in their live rooms.' })
export class AllowLiveHostInput extends LiveHostInput {}

@ObjectType({ description: 'The result of allowLiveHost.' })
export class AllowLiveHostPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The host, now allowed (allowing again answers them); null when refused.' })
  host!: UserRecord | null;
}

@InputType({ description: 'A host the merchant stops allowing; rooms already scheduled keep their lineup.' })
export class RevokeLiveHostInput extends LiveHostInput {}

@ObjectType({ description: 'The result of revokeLiveHost.' })
export class RevokeLiveHostPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The host, no longer allowed; null when refused.' })
  host!: UserRecord | null;
}

@InputType({ description: 'The LIVE room the viewer enters.' })
export class JoinRoomInput extends LiveRoomInput {}

@ObjectType({ description: 'The result of joinRoom.' })
export class JoinRoomPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room, counting the viewer (joining again counts them once); null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: 'The room the viewer leaves.' })
export class LeaveRoomInput extends LiveRoomInput {}

@ObjectType({ description: 'The result of leaveRoom.' })
export class LeaveRoomPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room, without the viewer; null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: 'A comment to send in a LIVE room.' })
export class SendLiveCommentInput {
  @Field(() => ID, { description: 'The room.' })
  roomId!: string;

  @Field({ description: `What to say: 1 to ${LIVE_LIMITS.comment} characters, no sensitive words (SENSITIVE_WORDS). About one comment a second per person (RATE_LIMITED beyond); a muted viewer is refused (MUTED).` })
  body!: string;
}

@ObjectType({ description: 'The result of sendLiveComment.' })
export class SendLiveCommentPayload extends MutationPayload {
  @Field(() => LiveComment, { nullable: true, description: 'The comment sent; null when refused.' })
  comment!: LiveCommentRecord | null;
}

@InputType({ description: 'Taps on the heart of a LIVE room.' })
export class LikeRoomInput {
  @Field(() => ID, { description: 'The room.' })
  roomId!: string;

  @Field(() => Int, { nullable: true, description: `Taps since the client last sent: 1 to ${LIVE_LIMITS.likesPerCall}; default 1. Clients sum fast taps and send them every moment.` })
  taps?: number | null;
}

@ObjectType({ description: 'The result of likeRoom.' })
export class LikeRoomPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room with its likeCount including these taps; null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: "The host's edit of an ended room's recap; a field left out keeps its text." })
export class UpdateLiveRecapInput extends LiveRoomInput {
  @Field(() => String, { nullable: true, description: 'The new title: 1 to 100 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The new text: at most 5,000 characters.' })
  body?: string | null;
}

@ObjectType({ description: 'The result of updateLiveRecap.' })
export class UpdateLiveRecapPayload extends MutationPayload {
  @Field(() => LiveRoom, { nullable: true, description: 'The room, its recap edited; null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}

@InputType({ description: 'The ended room whose recap the host publishes.' })
export class PublishLiveRecapInput extends LiveRoomInput {}

@ObjectType({ description: 'The result of publishLiveRecap.' })
export class PublishLiveRecapPayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The note the recap became (held for review in a pre-moderated community: seen by the host only until approved); null when refused.' })
  note!: NoteRecord | null;

  @Field(() => LiveRoom, { nullable: true, description: 'The room, its recap now published; null when refused.' })
  liveRoom!: LiveRoomRecord | null;
}
