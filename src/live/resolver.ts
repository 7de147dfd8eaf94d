import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GMV_LIST } from '../common/gmv';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User } from '../accounts/types';
import { Product } from '../commerce/types';
import { Group } from '../groups/types';
import { Note } from '../content/types';
import { contentLoaders } from '../content/loaders';
import { AttributedTouchpoint, TouchpointKind } from '../referral/types';
import { Connection } from '../common/connection';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';
import { Money, money } from '../common/money';
import type { PayloadResult } from '../common/user-errors';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { groupLoaders } from '../groups/loaders';
import type { Scope } from '../accounts/scope';
import {
  AddRoomModeratorInput,
  AddRoomModeratorPayload,
  AllowLiveHostInput,
  AllowLiveHostPayload,
  EndLiveInput,
  EndLivePayload,
  JoinRoomInput,
  JoinRoomPayload,
  LeaveRoomInput,
  LeaveRoomPayload,
  LikeRoomInput,
  LikeRoomPayload,
  MuteInRoomInput,
  MuteInRoomPayload,
  PinCommentInput,
  PinCommentPayload,
  PinProductInput,
  PinProductPayload,
  PublishLiveRecapInput,
  PublishLiveRecapPayload,
  RevokeLiveHostInput,
  RevokeLiveHostPayload,
  ScheduleLiveRoomInput,
  ScheduleLiveRoomPayload,
  SendLiveCommentInput,
  SendLiveCommentPayload,
  StartLiveInput,
  StartLivePayload,
  UnpinProductInput,
  UnpinProductPayload,
  UpdateLiveRecapInput,
  UpdateLiveRecapPayload,
} from './payloads';
import { liveLoaders } from './loaders';
import { LIVE_LIMITS, flashHolds } from './rules';
import { LiveService } from './service';
import {
  LiveComment,
  LiveMinuteStats,
  LiveProductPin,
  LiveProductStats,
  LiveRoom,
  LiveRoomRecap,
  LiveRoomRole,
  LiveRoomStats,
  LiveRoomStatus,
  type LiveCommentRecord,
  type LivePinRecord,
  type LiveRecapRecord,
  type LiveRoomRecord,
} from './types';
import type { LiveMinuteRow } from './repository';

export const LiveRoomConnection = Connection(LiveRoom, 'LiveRoom', 'live rooms');
const LiveCommentConnection = Connection(LiveComment, 'LiveComment', { page: 'A page of a live room\'s comments, newest first.', item: 'a comment', total: 'comments of the room the viewer may see' });

const PAGE = `Default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.`;
const date = (ms: number | null) => (ms === null ? null : new Date(ms));

@Resolver(() => LiveRoom)
export class LiveRoomResolver {
  constructor(readonly liveService: LiveService) {}

  @Query(() => LiveRoom, { nullable: true, description: "A live room; null when it is unknown, its host is in a block with the viewer, or it belongs to a group whose content the viewer may not read (a CLOSED or SECRET group's room: members only)." })
  liveRoom(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The room.' }) id: string) {
    return this.liveService.room(ctx, id);
  }

  @Query(() => LiveRoomConnection, { description: 'Rooms of one status the viewer may see: LIVE last started first, SCHEDULED soonest first, ENDED last ended first.' })
  liveRooms(
    @Ctx() ctx: Scope,
    @Arg('status', () => LiveRoomStatus, { defaultValue: LiveRoomStatus.LIVE, description: 'Which rooms; default LIVE.' }) status: LiveRoomStatus,
    @Arg('first', () => Int, { nullable: true, description: `How many rooms. ${PAGE}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.liveService.rooms(ctx, status, first, after);
  }

  @Query(() => LiveRoomConnection, { description: 'Rooms hosted by people the viewer follows that are LIVE or SCHEDULED: live now first (last started first), then scheduled (soonest first). Signed-in viewers only.' })
  followedLiveRooms(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many rooms. ${PAGE}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.liveService.followedRooms(ctx, first, after);
  }

  @Query(() => LiveRoomStats, { nullable: true, description: "A room's figures: viewers, comments, likes, orders and GMV, per pinned product and per minute (its host and moderators, and staff; FORBIDDEN for others). Null for a room the viewer may not see." })
  liveRoomStats(@Ctx() ctx: Scope, @Arg('roomId', () => ID, { description: 'The room.' }) roomId: string) {
    return this.liveService.stats(ctx, roomId);
  }

  @Mutation(() => ScheduleLiveRoomPayload, { description: 'Announces a live room hosted by the viewer, with its lineup. A product neither theirs nor of a merchant who allows them answers NOT_FOUND at its position.' })
  async scheduleLiveRoom(@Ctx() ctx: Scope, @Arg('input', () => ScheduleLiveRoomInput, { description: 'The room.' }) input: ScheduleLiveRoomInput): Promise<PayloadResult<ScheduleLiveRoomPayload>> {
    return { liveRoom: await this.liveService.schedule(ctx, input) };
  }

  @Mutation(() => StartLivePayload, { description: 'The host goes live: SCHEDULED → LIVE. An ENDED room answers INVALID_STATE.' })
  async startLive(@Ctx() ctx: Scope, @Arg('input', () => StartLiveInput, { description: 'The room.' }) input: StartLiveInput): Promise<PayloadResult<StartLivePayload>> {
    return { liveRoom: await this.liveService.start(ctx, input.roomId) };
  }

  @Mutation(() => EndLivePayload, { description: 'The host ends the room (SCHEDULED or LIVE → ENDED): the pin and its flash price stop, viewers leave, the stats stay.' })
  async endLive(@Ctx() ctx: Scope, @Arg('input', () => EndLiveInput, { description: 'The room.' }) input: EndLiveInput): Promise<PayloadResult<EndLivePayload>> {
    return { liveRoom: await this.liveService.end(ctx, input.roomId) };
  }

  @Mutation(() => PinProductPayload, { description: 'The host or a moderator pins a product of the lineup in a LIVE room (INVALID_STATE otherwise), optionally with a flash price for some units and seconds. Orders placed in the room get the flash price while it holds; the units are exact under any number of buyers.' })
  async pinProduct(@Ctx() ctx: Scope, @Arg('input', () => PinProductInput, { description: 'The product and its flash offer.' }) input: PinProductInput): Promise<PayloadResult<PinProductPayload>> {
    return { liveRoom: await this.liveService.pinProduct(ctx, input) };
  }

  @Mutation(() => UnpinProductPayload, { description: 'The host or a moderator takes the pinned product down; its flash price stops at once. Unpinning a room without a pin answers it as it is.' })
  async unpinProduct(@Ctx() ctx: Scope, @Arg('input', () => UnpinProductInput, { description: 'The room.' }) input: UnpinProductInput): Promise<PayloadResult<UnpinProductPayload>> {
    return { liveRoom: await this.liveService.unpinProduct(ctx, input.roomId) };
  }

  @Mutation(() => PinCommentPayload, { description: 'The host or a moderator pins a comment of the room at the top for everyone, or unpins it.' })
  async pinComment(@Ctx() ctx: Scope, @Arg('input', () => PinCommentInput, { description: 'The room and the comment.' }) input: PinCommentInput): Promise<PayloadResult<PinCommentPayload>> {
    return { liveRoom: await this.liveService.pinComment(ctx, input.roomId, input.commentId) };
  }

  @Mutation(() => MuteInRoomPayload, { description: 'The host or a moderator mutes a viewer in the room for some minutes: their comments answer MUTED until then. The host cannot be muted, nor a moderator but by the host (FORBIDDEN).' })
  async muteInRoom(@Ctx() ctx: Scope, @Arg('input', () => MuteInRoomInput, { description: 'The room, the viewer and how long.' }) input: MuteInRoomInput): Promise<PayloadResult<MuteInRoomPayload>> {
    const { room, userId } = await this.liveService.mute(ctx, input);
    return { liveRoom: room, user: await accountLoaders(ctx).userById.load(userId) };
  }

  @Mutation(() => AddRoomModeratorPayload, { description: `The host names a moderator of the room (at most ${LIVE_LIMITS.moderators}: LIMIT_REACHED beyond), who may pin products and comments and mute viewers.` })
  async addRoomModerator(@Ctx() ctx: Scope, @Arg('input', () => AddRoomModeratorInput, { description: 'The room and the moderator.' }) input: AddRoomModeratorInput): Promise<PayloadResult<AddRoomModeratorPayload>> {
    const { room, userId } = await this.liveService.addModerator(ctx, input);
    return { liveRoom: room, moderator: await accountLoaders(ctx).userById.load(userId) };
  }

  @Mutation(() => AllowLiveHostPayload, { description: "A merchant (or an admin, for their own products) allows a host to put the merchant's products in their rooms' lineups." })
  async allowLiveHost(@Ctx() ctx: Scope, @Arg('input', () => AllowLiveHostInput, { description: 'The host.' }) input: AllowLiveHostInput): Promise<PayloadResult<AllowLiveHostPayload>> {
    return { host: await accountLoaders(ctx).userById.load(await this.liveService.allowHost(ctx, input.hostId, true)) };
  }

  @Mutation(() => RevokeLiveHostPayload, { description: 'A merchant stops allowing a host: new rooms of the host cannot feature its products; rooms already scheduled keep their lineup.' })
  async revokeLiveHost(@Ctx() ctx: Scope, @Arg('input', () => RevokeLiveHostInput, { description: 'The host.' }) input: RevokeLiveHostInput): Promise<PayloadResult<RevokeLiveHostPayload>> {
    return { host: await accountLoaders(ctx).userById.load(await this.liveService.allowHost(ctx, input.hostId, false)) };
  }

  @Mutation(() => JoinRoomPayload, { description: 'The viewer enters a LIVE room (INVALID_STATE otherwise): counted among its current, peak and unique viewers until they leave or it ends.' })
  async joinRoom(@Ctx() ctx: Scope, @Arg('input', () => JoinRoomInput, { description: 'The room.' }) input: JoinRoomInput): Promise<PayloadResult<JoinRoomPayload>> {
    return { liveRoom: await this.liveService.join(ctx, input.roomId) };
  }

  @Mutation(() => LeaveRoomPayload, { description: 'The viewer leaves the room; leaving a room they are not in answers it as it is.' })
  async leaveRoom(@Ctx() ctx: Scope, @Arg('input', () => LeaveRoomInput, { description: 'The room.' }) input: LeaveRoomInput): Promise<PayloadResult<LeaveRoomPayload>> {
    return { liveRoom: await this.liveService.leave(ctx, input.roomId) };
  }

  @Mutation(() => SendLiveCommentPayload, { description: 'Sends a comment in a LIVE room (INVALID_STATE otherwise). Refused: a muted viewer (MUTED), a sensitive word (SENSITIVE_WORDS), more than about one a second (RATE_LIMITED); a room whose host is in a block with the viewer is NOT_FOUND.' })
  async sendLiveComment(@Ctx() ctx: Scope, @Arg('input', () => SendLiveCommentInput, { description: 'The room and the comment.' }) input: SendLiveCommentInput): Promise<PayloadResult<SendLiveCommentPayload>> {
    return { comment: await this.liveService.comment(ctx, input) };
  }

  @Mutation(() => LikeRoomPayload, { description: 'Taps on the heart of a LIVE room (INVALID_STATE otherwise). Likes are counted, not stored one by one: every tap adds to likeCount.' })
  async likeRoom(@Ctx() ctx: Scope, @Arg('input', () => LikeRoomInput, { description: 'The room and the taps.' }) input: LikeRoomInput): Promise<PayloadResult<LikeRoomPayload>> {
    return { liveRoom: await this.liveService.like(ctx, input) };
  }

  @Mutation(() => UpdateLiveRecapPayload, { description: "The host edits the recap of their ended room (INVALID_STATE for a room without one, or once it is published: edit its note then). Only the host (FORBIDDEN)." })
  async updateLiveRecap(@Ctx() ctx: Scope, @Arg('input', () => UpdateLiveRecapInput, { description: 'The room and the new text.' }) input: UpdateLiveRecapInput): Promise<PayloadResult<UpdateLiveRecapPayload>> {
    return { liveRoom: await this.liveService.updateRecap(ctx, input) };
  }

  @Mutation(() => PublishLiveRecapPayload, { description: "The host publishes the recap of their ended room as their note, through createNote's rules (sensitive words, a community's posting rights and pre-moderation), with the room's cover, featuring the products it pinned (the ten most ordered), in the room's community when it has one. Publishing again answers the same note. Only the host (FORBIDDEN); a room without a recap is INVALID_STATE." })
  async publishLiveRecap(@Ctx() ctx: Scope, @Arg('input', () => PublishLiveRecapInput, { description: 'The room.' }) input: PublishLiveRecapInput): Promise<PayloadResult<PublishLiveRecapPayload>> {
    const { room, note } = await this.liveService.publishRecap(ctx, input.roomId);
    return { note, liveRoom: room };
  }

  @FieldResolver(() => LiveRoomRecap, { nullable: true, description: 'The recap drafted for the host when the room ended (a room that went LIVE). For the host only: null for everyone else, and before the room ends.' })
  recap(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return this.liveService.recap(ctx, r);
  }

  @FieldResolver(() => User, { description: 'Who streams and sells in the room.' })
  host(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(r.hostId);
  }

  @FieldResolver(() => Group, { nullable: true, description: 'The community the room is for; null for a public room (or a group gone since).' })
  group(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return r.groupId ? groupLoaders(ctx).groupById.load(r.groupId) : null;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the host means to go live.' })
  scheduledStartAt(@Root() r: LiveRoomRecord) {
    return new Date(r.scheduledAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When it went LIVE; null before.' })
  startedAt(@Root() r: LiveRoomRecord) {
    return date(r.startedAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When it ENDED; null before.' })
  endedAt(@Root() r: LiveRoomRecord) {
    return date(r.endedAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was scheduled.' })
  createdAt(@Root() r: LiveRoomRecord) {
    return new Date(r.createdAt);
  }

  @FieldResolver(() => Int, { description: 'Taps on the heart so far (other servers\' last taps may take a second to show).' })
  likeCount(@Root() r: LiveRoomRecord) {
    return this.liveService.likeCount(r);
  }

  @FieldResolver(() => [Product], { description: `The products featured, in the host's order: at most ${LIVE_LIMITS.lineup}.` })
  lineup(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return this.liveService.lineup(ctx, r);
  }

  @FieldResolver(() => LiveProductPin, { nullable: true, description: 'The product pinned now, with its flash offer; null when none is.' })
  pinnedProduct(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return liveLoaders(ctx).pinByRoomId.load(r.id);
  }

  @FieldResolver(() => LiveComment, { nullable: true, description: 'The comment pinned at the top; null when none is (or its author is in a block with the viewer).' })
  pinnedComment(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return this.liveService.pinnedComment(ctx, r);
  }

  @FieldResolver(() => LiveCommentConnection, { description: 'The comments, newest first, without those of people in a block with the viewer.' })
  comments(
    @Root() r: LiveRoomRecord,
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many comments. ${PAGE}` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.liveService.comments(ctx, r, first, after);
  }

  @FieldResolver(() => [User], { description: `The moderators the host named, first named first: at most ${LIVE_LIMITS.moderators}.` })
  moderators(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return this.liveService.moderators(ctx, r);
  }

  @FieldResolver(() => LiveRoomRole, { nullable: true, description: 'HOST or MODERATOR when the viewer runs the room; null otherwise.' })
  viewerRole(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return this.liveService.partOf(ctx, r);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'Until when the viewer is muted in the room; null when they are not.' })
  viewerMutedUntil(@Root() r: LiveRoomRecord, @Ctx() ctx: Scope) {
    return this.liveService.viewerMutedUntil(ctx, r).then(date);
  }
}

@Resolver(() => LiveProductPin)
export class LiveProductPinResolver {
  @FieldResolver(() => Product, { description: 'The product pinned.' })
  product(@Root() pin: LivePinRecord, @Ctx() ctx: Scope) {
    return commerceLoaders(ctx).productById.load(pin.productId);
  }

  @FieldResolver(() => Money, { nullable: true, description: "The flash price, in the product's currency; null without a flash offer." })
  async flashPrice(@Root() pin: LivePinRecord, @Ctx() ctx: Scope) {
    if (pin.flashPriceMinor === null) return null;
    const product = await commerceLoaders(ctx).productById.load(pin.productId);
    return product ? money(pin.flashPriceMinor, product.currency) : null;
  }

  @FieldResolver(() => Boolean, { description: 'True while the flash price holds: not past flashEndsAt and units left.' })
  isFlashActive(@Root() pin: LivePinRecord) {
    return flashHolds(pin, 1, Date.now());
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When the flash price stops; null when it lasts while pinned and units last.' })
  flashEndsAt(@Root() pin: LivePinRecord) {
    return date(pin.endsAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was pinned.' })
  pinnedAt(@Root() pin: LivePinRecord) {
    return new Date(pin.pinnedAt);
  }
}

@Resolver(() => LiveComment)
export class LiveCommentResolver {
  @FieldResolver(() => User, { description: 'Who sent it.' })
  author(@Root() c: LiveCommentRecord, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(c.authorId);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was sent.' })
  createdAt(@Root() c: LiveCommentRecord) {
    return new Date(c.createdAt);
  }
}

@Resolver(() => AttributedTouchpoint)
export class TouchpointLiveRoomResolver {
  constructor(readonly liveService: LiveService) {}

  @FieldResolver(() => LiveRoom, { nullable: true, description: 'For a LIVE touchpoint, the room the order was placed in (its host is room.host); null for other kinds, or a room the viewer may not see.' })
  liveRoom(@Root() t: AttributedTouchpoint, @Ctx() ctx: Scope) {
    return t.kind === TouchpointKind.LIVE ? this.liveService.room(ctx, t.ref) : null;
  }
}

type RoomStats = NonNullable<Awaited<ReturnType<LiveService['stats']>>>;
type ProductStats = RoomStats['products'][number];

@Resolver(() => LiveRoomStats)
export class LiveRoomStatsResolver {
  @FieldResolver(() => LiveRoom, { description: 'The room.' })
  room(@Root() s: RoomStats) {
    return s.room;
  }

  @FieldResolver(() => [Money], { description: `GMV of the room's live orders. ${GMV_LIST}` })
  gmv(@Root() s: RoomStats) {
    return s.gmv;
  }

  @FieldResolver(() => [LiveProductStats], { description: `Each product the room pinned, in lineup order: at most ${LIVE_LIMITS.lineup}.` })
  products(@Root() s: RoomStats) {
    return s.products;
  }

  @FieldResolver(() => [LiveMinuteStats], { description: `Minute by minute, first first, minutes without activity left out: at most ${LIVE_LIMITS.timelineMinutes} (the first 24 hours).` })
  timeline(@Root() s: RoomStats) {
    return s.timeline;
  }
}

@Resolver(() => LiveProductStats)
export class LiveProductStatsResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The product (null if it is gone).' })
  product(@Root() p: ProductStats, @Ctx() ctx: Scope) {
    return commerceLoaders(ctx).productById.load(p.productId);
  }

  @FieldResolver(() => [Money], { description: `What those orders paid for it. ${GMV_LIST}` })
  gmv(@Root() p: ProductStats) {
    return p.gmv;
  }
}

@Resolver(() => LiveMinuteStats)
export class LiveMinuteStatsResolver {
  @FieldResolver(() => DateTimeISOResolver, { description: 'When the minute starts.' })
  minuteStartAt(@Root() m: LiveMinuteRow) {
    return new Date(m.minute);
  }
}

@Resolver(() => LiveRoomRecap)
export class LiveRoomRecapResolver {
  constructor(readonly liveService: LiveService) {}

  @FieldResolver(() => [LiveProductStats], { description: `The products the room pinned, most ordered first, each with its orders in the room: at most ${LIVE_LIMITS.lineup}.` })
  products(@Root() r: LiveRecapRecord, @Ctx() ctx: Scope) {
    return this.liveService.recapProducts(ctx, r);
  }

  @FieldResolver(() => Boolean, { description: 'True once the host published it as a note.' })
  isPublished(@Root() r: LiveRecapRecord) {
    return r.noteId !== null;
  }

  @FieldResolver(() => Note, { nullable: true, description: 'The note it was published as; null while it is a draft (or when the note is gone).' })
  note(@Root() r: LiveRecapRecord, @Ctx() ctx: Scope) {
    return r.noteId ? contentLoaders(ctx).noteById.load(r.noteId) : null;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was drafted (the room ended).' })
  draftedAt(@Root() r: LiveRecapRecord) {
    return new Date(r.draftedAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the host last edited it (draftedAt before any edit).' })
  updatedAt(@Root() r: LiveRecapRecord) {
    return new Date(r.updatedAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When it was published; null while it is a draft.' })
  publishedAt(@Root() r: LiveRecapRecord) {
    return date(r.publishedAt);
  }
}
