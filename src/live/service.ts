import { randomUUID } from 'node:crypto';
import { badInput, forbidden, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireId, requireIntInRange, requireText, requireUrl } from '../common/validate';
import { keyedConnection, loaded } from '../common/connection';
import { pageRequest, toPage } from '../common/pagination';
import type { RateLimit } from '../common/rate-limiter';
import { isAdmin, isStaff } from '../common/roles';
import { gmvOf } from '../common/gmv';
import { Role } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { matchSensitive } from '../moderation/rules';
import { newShareCode } from '../referral/service';
import { referralRepository } from '../referral/repository';
import { ShareChannel } from '../referral/types';
import type { Scope } from '../accounts/scope';
import type { GroupAccess, GroupPosting } from '../groups/access';
import type { BlockList } from '../social/access';
import type { Premoderation } from '../moderation/access';
import type { NotePosting } from '../content/access';
import { LIMITS as NOTE_LIMITS } from '../content/rules';
import { MediaKind, NoteFormat, NoteVisibility, type NoteRecord } from '../content/types';
import type { LiveRoomPublisher } from './publisher';
import type { LiveOrderContext, LiveOrders } from './access';
import type { LikeTally } from './likes';
import { LiveRepository } from './repository';
import { liveLoaders } from './loaders';
import { flashTermsFault, LIVE_LIMITS, MAX_FLASH_PRICE_MINOR, mayModerate, minuteOf, type RoomPart } from './rules';
import { LiveRoomStatus, type LiveCommentRecord, type LivePinRecord, type LiveRecapRecord, type LiveRoomRecord } from './types';
import { byIdLoader } from '../common/node';

/** What LiveService needs, named one by one; wired once per process in src/app/services.ts. */
export interface LiveServiceDeps {
  repo: (scope: Scope) => LiveRepository;
  groups: Pick<GroupAccess, 'canReadContent'> & Pick<GroupPosting, 'checkPost'>;
  blocks: BlockList;
  moderation: Pick<Premoderation, 'sensitiveWords'>;
  publisher: LiveRoomPublisher;
  /** Live comments per user: about one a second. */
  commentLimit: RateLimit;
  likes: LikeTally;
  /** The host's recap is published as a note, through the note rules (src/content). */
  notes: NotePosting;
}

export interface ScheduleLiveRoomArgs {
  title: string;
  coverUrl: string;
  streamUrl: string;
  scheduledStartAt: Date;
  groupId?: string | null;
  productIds: string[];
}

export interface PinProductArgs {
  roomId: string;
  productId: string;
  flashPriceMinor?: number | null;
  flashQuantity?: number | null;
  seconds?: number | null;
}

export class LiveService implements LiveOrders {
  constructor(private readonly deps: LiveServiceDeps) {}

  /**
   * The room if the viewer may see it: it exists, its host is in no block with the viewer, and,
   * in a group, the viewer may read the group (members only for CLOSED and SECRET groups).
   */
  async visibleRoom(scope: Scope, id: string, field = 'roomId'): Promise<LiveRoomRecord | null> {
    const room = await liveLoaders(scope).roomById.load(requireId(id, field));
    if (!room) return null;
    if ((await this.deps.blocks.usersInABlockWithViewer(scope)).has(room.hostId)) return null;
    if (room.groupId && !(await this.deps.groups.canReadContent(scope, room.groupId))) return null;
    return room;
  }

  private async roomOrNotFound(scope: Scope, id: string, field = 'roomId'): Promise<LiveRoomRecord> {
    const room = await this.visibleRoom(scope, id, field);
    if (!room) throw notFound('Live room', field);
    return room;
  }

  private async reload(scope: Scope, id: string): Promise<LiveRoomRecord> {
    liveLoaders(scope).roomById.clear(id);
    liveLoaders(scope).pinByRoomId.clear(id);
    return (await liveLoaders(scope).roomById.load(id))!;
  }

  /** The viewer's part in running the room (read fresh: a check acts on it). */
  async partOf(scope: Scope, room: LiveRoomRecord): Promise<RoomPart> {
    const viewerId = await scope.viewerId();
    if (!viewerId) return null;
    if (room.hostId === viewerId) return 'HOST';
    const standing = await this.deps.repo(scope).standing(room.id, viewerId, Date.now());
    return standing?.isModerator ? 'MODERATOR' : null;
  }

  /** When the viewer's mute in the room ends; null when they are not muted. */
  async viewerMutedUntil(scope: Scope, room: LiveRoomRecord): Promise<number | null> {
    const viewerId = await scope.viewerId();
    if (!viewerId) return null;
    return (await this.deps.repo(scope).standing(room.id, viewerId, Date.now()))?.mutedUntil ?? null;
  }

  private async requireModerator(scope: Scope, room: LiveRoomRecord): Promise<void> {
    if (!mayModerate(await this.partOf(scope, room))) throw forbidden("Only the room's host and moderators can do this");
  }

  private async requireHost(scope: Scope, room: LiveRoomRecord): Promise<string> {
    const viewer = await scope.requireViewer();
    if (room.hostId !== viewer.id) throw forbidden("Only the room's host can do this");
    return viewer.id;
  }

  /** The host announces a room with its lineup: their own products, or those of merchants who allow them. */
  async schedule(scope: Scope, input: ScheduleLiveRoomArgs): Promise<LiveRoomRecord> {
    const viewer = await scope.requireViewer();
    const title = requireText(input.title, 'title', { min: 1, max: LIVE_LIMITS.title });
    const coverUrl = requireUrl(input.coverUrl, 'coverUrl');
    const streamUrl = requireUrl(input.streamUrl, 'streamUrl');
    const now = Date.now();
    const scheduledAt = input.scheduledStartAt instanceof Date ? input.scheduledStartAt.getTime() : NaN;
    if (!Number.isFinite(scheduledAt) || scheduledAt < now - LIVE_LIMITS.scheduleSlackMs) throw badInput('scheduledStartAt', 'must not be in the past');
    if (scheduledAt > now + LIVE_LIMITS.scheduleDays * 86_400_000) throw badInput('scheduledStartAt', `must be at most ${LIVE_LIMITS.scheduleDays} days away`);
    if (!Array.isArray(input.productIds) || input.productIds.length === 0) throw badInput('productIds', 'name at least one product');
    if (input.productIds.length > LIVE_LIMITS.lineup) throw badInput('productIds', `at most ${LIVE_LIMITS.lineup} products`);
    const productIds = input.productIds.map((id, i) => requireId(id, `productIds[${i}]`));
    const twice = productIds.findIndex((id, i) => productIds.indexOf(id) !== i);
    if (twice >= 0) throw badInput(`productIds[${twice}]`, 'each product may appear once');
    const groupId = input.groupId == null ? null : requireId(input.groupId, 'groupId');
    // A community's room is a post in it: the host must be a member who may post there.
    if (groupId) await this.deps.groups.checkPost(scope, groupId, title);
    const id = randomUUID();
    const made = await this.deps.repo(scope).schedule({ id, hostId: viewer.id, title, coverUrl, streamUrl, groupId, scheduledAt, productIds, now });
    if (!made) throw notFound('User');
    if (made.groupMissing) throw notFound('Group', 'groupId');
    const refused = made.refused[0];
    if (refused !== undefined) throw badInput(`productIds[${refused}]`, 'not your product, nor one of a merchant who allows you to host it', UserErrorCode.NOT_FOUND);
    // The host's LIVE link to each product, made now so that a burst of orders in the room finds it
    // rather than each making its own (placeOrder makes one only for a room that has none).
    for (const productId of productIds) {
      await referralRepository(scope).share({ sharerId: viewer.id, targetType: 'PRODUCT', targetId: productId, channel: ShareChannel.LIVE, campaign: null, code: newShareCode(), now });
    }
    return (await liveLoaders(scope).roomById.load(id))!;
  }

  async start(scope: Scope, roomId: string): Promise<LiveRoomRecord> {
    return this.moveTo(scope, roomId, LiveRoomStatus.LIVE);
  }

  async end(scope: Scope, roomId: string): Promise<LiveRoomRecord> {
    return this.moveTo(scope, roomId, LiveRoomStatus.ENDED);
  }

  private async moveTo(scope: Scope, roomId: string, status: LiveRoomStatus.LIVE | LiveRoomStatus.ENDED): Promise<LiveRoomRecord> {
    const room = await this.roomOrNotFound(scope, roomId);
    await this.requireHost(scope, room);
    // The room's last likes are written before it closes, so its stats count them all.
    if (status === LiveRoomStatus.ENDED) await this.deps.likes.flushIfDue(true);
    const moved = await this.deps.repo(scope).setStatus(room.id, status, Date.now());
    if (!moved) throw notFound('Live room', 'roomId');
    if (moved.outcome === 'INVALID') throw badInput('roomId', `a ${moved.before} room cannot go ${status}`, UserErrorCode.INVALID_STATE);
    if (moved.outcome === 'CHANGED') {
      // The unpin goes first: an ENDED status completes the watchers' streams.
      if (status === LiveRoomStatus.ENDED && moved.before === LiveRoomStatus.LIVE) this.deps.publisher.productPinned(room.id, null);
      this.deps.publisher.status(room.id, status);
    }
    // A room that was on air gets its recap; one cancelled before it started has nothing to recap.
    if (status === LiveRoomStatus.ENDED && (moved.before === LiveRoomStatus.LIVE || (moved.outcome === 'UNCHANGED' && room.startedAt !== null))) await this.draftRecap(scope, room);
    return this.reload(scope, room.id);
  }

  async room(scope: Scope, id: string): Promise<LiveRoomRecord | null> {
    return this.visibleRoom(scope, id, 'id');
  }

  async rooms(scope: Scope, status: LiveRoomStatus, first?: number | null, after?: string | null) {
    const viewerId = await scope.viewerId();
    const hidden = [...(await this.deps.blocks.usersInABlockWithViewer(scope))];
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.roomsPage(status, viewerId, hidden, position, limit + 1), limit);
    return keyedConnection(page, liveLoaders(scope).roomById, () => repo.countRooms(status, viewerId, hidden));
  }

  async followedRooms(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const hidden = [...(await this.deps.blocks.usersInABlockWithViewer(scope))];
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.followedRooms(viewer.id, hidden, position, limit + 1), limit);
    return keyedConnection(page, liveLoaders(scope).roomById, () => repo.countFollowedRooms(viewer.id, hidden));
  }

  async lineup(scope: Scope, room: LiveRoomRecord) {
    return loaded(await commerceLoaders(scope).productById.loadMany(await liveLoaders(scope).lineupByRoomId.load(room.id)));
  }

  async moderators(scope: Scope, room: LiveRoomRecord) {
    return loaded(await accountLoaders(scope).userById.loadMany(await this.deps.repo(scope).moderators(room.id, LIVE_LIMITS.moderators)));
  }

  /** The room's likes: those written, and those this instance counted since its last write. */
  likeCount(room: LiveRoomRecord): number {
    return room.likeCount + this.deps.likes.unwritten(room.id);
  }

  /**
   * Pins a product of the lineup, optionally with a flash offer: its price (below the product's)
   * and units are the pinner's, never the buyer's; `seconds` ends it early.
   */
  async pinProduct(scope: Scope, input: PinProductArgs): Promise<LiveRoomRecord> {
    const room = await this.roomOrNotFound(scope, input.roomId);
    const productId = requireId(input.productId, 'productId');
    const fault = flashTermsFault(input);
    if (fault) throw badInput(fault, 'a flash offer needs both flashPriceMinor and flashQuantity (and seconds only with them)');
    const flashPriceMinor = input.flashPriceMinor == null ? null : requireIntInRange(input.flashPriceMinor, 'flashPriceMinor', 1, MAX_FLASH_PRICE_MINOR);
    const flashQuantity = input.flashQuantity == null ? null : requireIntInRange(input.flashQuantity, 'flashQuantity', 1, LIVE_LIMITS.flashQuantity);
    const seconds = input.seconds == null ? null : requireIntInRange(input.seconds, 'seconds', 10, LIVE_LIMITS.flashSeconds);
    await this.requireModerator(scope, room);
    const now = Date.now();
    const endsAt = seconds === null ? null : now + seconds * 1000;
    const pinned = await this.deps.repo(scope).pinProduct({ id: randomUUID(), roomId: room.id, productId, flashPriceMinor, flashQuantity, endsAt, now });
    switch (pinned?.outcome) {
      case undefined:
        throw notFound('Live room', 'roomId');
      case 'NOT_LIVE':
        throw badInput('roomId', 'products are pinned while the room is LIVE', UserErrorCode.INVALID_STATE);
      case 'NOT_IN_LINEUP':
        throw notFound('Product of the lineup', 'productId');
      case 'PRICE_NOT_BELOW':
        throw badInput('flashPriceMinor', `must be below the product price of ${pinned.priceMinor}`);
    }
    this.deps.publisher.productPinned(room.id, { productId, flashPriceMinor, flashQuantity, flashLeft: flashQuantity, endsAt });
    return this.reload(scope, room.id);
  }

  async unpinProduct(scope: Scope, roomId: string): Promise<LiveRoomRecord> {
    const room = await this.roomOrNotFound(scope, roomId);
    await this.requireModerator(scope, room);
    if (await this.deps.repo(scope).unpinProduct(room.id, Date.now())) this.deps.publisher.productPinned(room.id, null);
    return this.reload(scope, room.id);
  }

  /** Pins a comment of the room for everyone to see, or (commentId null) unpins it. */
  async pinComment(scope: Scope, roomId: string, commentId: string | null | undefined): Promise<LiveRoomRecord> {
    const room = await this.roomOrNotFound(scope, roomId);
    const id = commentId == null ? null : requireId(commentId, 'commentId');
    await this.requireModerator(scope, room);
    const outcome = await this.deps.repo(scope).pinComment(room.id, id);
    if (outcome === null) throw notFound('Live room', 'roomId');
    if (outcome === 'NOT_FOUND') throw notFound('Comment of the room', 'commentId');
    if (outcome === 'ENDED') throw badInput('roomId', 'the room has ended', UserErrorCode.INVALID_STATE);
    this.deps.publisher.commentPinned(room.id, id);
    return this.reload(scope, room.id);
  }

  /** Mutes a viewer in the room for some minutes (0 lifts the mute); the host cannot be muted, nor a moderator but by the host. */
  async mute(scope: Scope, input: { roomId: string; userId: string; minutes: number }): Promise<{ room: LiveRoomRecord; userId: string }> {
    const room = await this.roomOrNotFound(scope, input.roomId);
    const userId = requireId(input.userId, 'userId');
    const minutes = requireIntInRange(input.minutes, 'minutes', 0, LIVE_LIMITS.muteMinutes);
    await this.requireModerator(scope, room);
    const viewer = await scope.requireViewer();
    const now = Date.now();
    const outcome = await this.deps.repo(scope).mute({ roomId: room.id, userId, actorId: viewer.id, until: now + minutes * 60_000, now });
    if (outcome === null) throw notFound('User', 'userId');
    if (outcome === 'PROTECTED') throw forbidden("The host cannot be muted in their room, nor a moderator but by the host");
    this.deps.publisher.rightsChanged(room.id, [userId]);
    return { room, userId };
  }

  /** The host names a moderator (at most 20 a room); naming one again answers success. */
  async addModerator(scope: Scope, input: { roomId: string; userId: string }): Promise<{ room: LiveRoomRecord; userId: string }> {
    const room = await this.roomOrNotFound(scope, input.roomId);
    const userId = requireId(input.userId, 'userId');
    const viewerId = await this.requireHost(scope, room);
    if ((await this.deps.blocks.usersInABlockWithViewer(scope)).has(userId)) throw badInput('userId', 'you and this user are in a block', UserErrorCode.BLOCKED);
    const outcome = await this.deps.repo(scope).addModerator({ roomId: room.id, userId, actorId: viewerId, max: LIVE_LIMITS.moderators, now: Date.now() });
    switch (outcome) {
      case null:
        throw notFound('User', 'userId');
      case 'FORBIDDEN':
        throw forbidden("Only the room's host can do this");
      case 'IS_HOST':
        throw badInput('userId', 'the host runs the room already');
      case 'LIMIT_REACHED':
        throw badInput('userId', `at most ${LIVE_LIMITS.moderators} moderators a room`, UserErrorCode.LIMIT_REACHED);
    }
    this.deps.publisher.rightsChanged(room.id, [userId]);
    return { room, userId };
  }

  /** A merchant allows a host to feature its products in their rooms (or stops; rooms already scheduled keep their lineup). */
  async allowHost(scope: Scope, hostId: string, allowed: boolean): Promise<string> {
    const viewer = await scope.requireViewer();
    const id = requireId(hostId, 'hostId');
    if (viewer.role !== Role.MERCHANT && !isAdmin(viewer)) throw forbidden('Only merchants allow hosts');
    if (id === viewer.id) throw badInput('hostId', 'your own products are always yours to host');
    if (!(await this.deps.repo(scope).allowHost(viewer.id, id, allowed, Date.now()))) throw notFound('User', 'hostId');
    return id;
  }

  /** The viewer enters a LIVE room: counted among its current, peak and unique viewers. */
  async join(scope: Scope, roomId: string): Promise<LiveRoomRecord> {
    const viewer = await scope.requireViewer();
    const room = await this.roomOrNotFound(scope, roomId);
    const now = Date.now();
    const joined = await this.deps.repo(scope).join(room.id, viewer.id, now, minuteOf(now));
    if (!joined) throw notFound('Live room', 'roomId');
    if (!joined.live) throw badInput('roomId', 'the room is not LIVE', UserErrorCode.INVALID_STATE);
    if (joined.currentViewers !== room.currentViewers) this.deps.publisher.counters(room.id, { viewers: joined.currentViewers });
    return this.reload(scope, room.id);
  }

  /** The viewer leaves; leaving a room one is not in answers the room as it is. */
  async leave(scope: Scope, roomId: string): Promise<LiveRoomRecord> {
    const viewer = await scope.requireViewer();
    const room = await this.roomOrNotFound(scope, roomId);
    await this.presenceEnded(scope, room.id, viewer.id);
    return this.reload(scope, room.id);
  }

  /**
   * Ends a viewer's presence without asking whether they may still see the room: the live
   * subscription calls it when its stream ends, for one who lost sight of the room too.
   */
  async presenceEnded(scope: Scope, roomId: string, userId: string): Promise<void> {
    const left = await this.deps.repo(scope).leave(roomId, userId);
    if (left?.left) this.deps.publisher.counters(roomId, { viewers: left.currentViewers });
  }

  /**
   * A comment in a LIVE room: at most 200 characters, about one a second per person, none with a
   * sensitive word, none from someone muted in the room; a room whose host is in a block with the
   * viewer is unknown to them (NOT_FOUND).
   */
  async comment(scope: Scope, input: { roomId: string; body: string }): Promise<LiveCommentRecord> {
    const viewer = await scope.requireViewer();
    const body = requireText(input.body, 'body', { min: 1, max: LIVE_LIMITS.comment });
    const room = await this.roomOrNotFound(scope, input.roomId);
    // Counted before the word check and the write: a flood is refused at the cost of a counter.
    await this.deps.commentLimit.consume(viewer.id);
    const matched = matchSensitive(body, await this.deps.moderation.sensitiveWords(scope));
    if (matched.length) throw badInput('body', 'contains words this platform does not allow', UserErrorCode.SENSITIVE_WORDS);
    const now = Date.now();
    const id = randomUUID();
    const outcome = await this.deps.repo(scope).comment({ id, roomId: room.id, authorId: viewer.id, body, now, minute: minuteOf(now) });
    if (outcome === null) throw notFound('Live room', 'roomId');
    if (outcome === 'NOT_LIVE') throw badInput('roomId', 'the room is not LIVE', UserErrorCode.INVALID_STATE);
    if (outcome === 'MUTED') throw badInput('roomId', 'you are muted in this room', UserErrorCode.MUTED);
    this.deps.publisher.comment(room.id, { id, authorId: viewer.id, body, createdAt: now });
    return (await liveLoaders(scope).commentById.load(id))!;
  }

  /** The room's comments, newest first, without those of people in a block with the viewer. */
  async comments(scope: Scope, room: LiveRoomRecord, first?: number | null, after?: string | null) {
    const hidden = [...(await this.deps.blocks.usersInABlockWithViewer(scope))];
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.commentsPage(room.id, hidden, position, limit + 1), limit);
    return keyedConnection(page, liveLoaders(scope).commentById, () => repo.countComments(room.id, hidden));
  }

  async pinnedComment(scope: Scope, room: LiveRoomRecord): Promise<LiveCommentRecord | null> {
    if (!room.pinnedCommentId) return null;
    const comment = await liveLoaders(scope).commentById.load(room.pinnedCommentId);
    if (!comment || (await this.deps.blocks.usersInABlockWithViewer(scope)).has(comment.authorId)) return null;
    return comment;
  }

  /** A live comment (node(id)), to whoever sees its room and is in no block with its author, as LiveRoom.comments shows it. */
  async commentById(scope: Scope, id: string): Promise<LiveCommentRecord | null> {
    const comment = await liveLoaders(scope).commentById.load(id);
    if (!comment || !(await this.visibleRoom(scope, comment.roomId))) return null;
    return (await this.deps.blocks.usersInABlockWithViewer(scope)).has(comment.authorId) ? null : comment;
  }

  /** A product pin (node(id)) while it is its room's current pin, to whoever sees the room, as LiveRoom.pinnedProduct shows it. */
  async currentPin(scope: Scope, id: string): Promise<LivePinRecord | null> {
    const pin = await byIdLoader(scope, 'live.currentPinById', (ids) => this.deps.repo(scope).currentPinsByIds(ids)).load(id);
    return pin && (await this.visibleRoom(scope, pin.roomId)) ? pin : null;
  }

  /** Taps on the heart: summed here and written in batches (src/live/likes.ts). */
  async like(scope: Scope, input: { roomId: string; taps?: number | null }): Promise<LiveRoomRecord> {
    await scope.requireViewer();
    const taps = requireIntInRange(input.taps ?? 1, 'taps', 1, LIVE_LIMITS.likesPerCall);
    const room = await this.roomOrNotFound(scope, input.roomId);
    if (room.status !== LiveRoomStatus.LIVE) throw badInput('roomId', 'the room is not LIVE', UserErrorCode.INVALID_STATE);
    this.deps.likes.add(room.id, taps);
    await this.deps.likes.flushIfDue();
    const fresh = await this.reload(scope, room.id);
    this.deps.publisher.counters(room.id, { likes: this.likeCount(fresh) });
    return fresh;
  }

  async orderContext(scope: Scope, roomId: string, productIds: string[], payRegularPriceIfGone: boolean): Promise<LiveOrderContext> {
    // An unknown product is named as placeOrder names it, before anything about the room.
    const products = await commerceLoaders(scope).productById.loadMany(productIds);
    const unknown = productIds.findIndex((_, i) => !products[i] || products[i] instanceof Error);
    if (unknown >= 0) throw notFound(`Product ${productIds[unknown]}`, `items[${unknown}].productId`);
    const room = await this.roomOrNotFound(scope, roomId, 'context.liveRoomId');
    if (room.status !== LiveRoomStatus.LIVE) throw badInput('context.liveRoomId', 'the room is not LIVE', UserErrorCode.INVALID_STATE);
    const lineup = await liveLoaders(scope).lineupByRoomId.load(room.id);
    const featured = productIds.find((id) => lineup.includes(id));
    if (!featured) throw badInput('context.liveRoomId', 'none of the items is featured in this room');
    const pin = await liveLoaders(scope).pinByRoomId.load(room.id);
    const flashed = pin && pin.flashPriceMinor !== null && productIds.includes(pin.productId) ? pin : null;
    const pinnedOrdered = pin && productIds.includes(pin.productId) && lineup.includes(pin.productId) ? pin.productId : null;
    return { roomId: room.id, hostId: room.hostId, creditedProductId: pinnedOrdered ?? featured, groupId: room.groupId, viewers: room.currentViewers, flash: flashed ? { pinId: flashed.id, productId: flashed.productId, payRegularPriceIfGone } : null };
  }

  /**
   * A room's figures for those who run it (host, moderators) and staff: viewers, comments, likes,
   * orders and GMV, per pinned product, and per minute. Null for a room the viewer may not see.
   */
  async stats(scope: Scope, roomId: string) {
    const viewer = await scope.requireViewer();
    const room = await this.visibleRoom(scope, roomId);
    if (!room) return null;
    if (!mayModerate(await this.partOf(scope, room)) && !isStaff(viewer)) throw forbidden("Only the room's host and moderators, and staff, see its stats");
    const repo = this.deps.repo(scope);
    const [figures, minutes] = await Promise.all([repo.stats(room.id), repo.timeline(room.id, LIVE_LIMITS.timelineMinutes)]);
    if (!figures) return null;
    const unwritten = this.deps.likes.unwrittenByMinute(room.id);
    return {
      room,
      peakViewers: room.peakViewers,
      uniqueViewers: room.uniqueViewers,
      comments: room.commentCount,
      likes: this.likeCount(room),
      orders: figures.orders,
      gmv: gmvOf(figures.gmv),
      products: figures.products.map((p) => ({
        productId: p.productId,
        timesPinned: p.pins,
        orders: p.orders,
        units: p.units,
        buyers: p.buyers,
        flashUnitsSold: p.flashUnits,
        conversionRate: room.uniqueViewers ? Math.min(1, p.buyers / room.uniqueViewers) : 0,
        gmv: gmvOf(p.amounts),
      })),
      timeline: minutes.map((m) => ({ ...m, likes: m.likes + (unwritten.get(m.minute) ?? 0) })),
    };
  }

  /**
   * Drafts the host's recap: the room's title, and a line per pinned product with its orders in
   * the room, most ordered first. Written once: ending again (a retry) keeps the host's edits.
   */
  private async draftRecap(scope: Scope, room: LiveRoomRecord): Promise<void> {
    const featured = await this.featured(scope, room.id);
    const products = await commerceLoaders(scope).productById.loadMany(featured.map((p) => p.productId));
    const lines = featured.flatMap((p, i) => {
      const product = products[i];
      if (!product || product instanceof Error) return [];
      return [`· ${product.title}: ${p.orders === 1 ? '1 order' : `${p.orders} orders`} in the room`];
    });
    const title = `Recap: ${room.title}`.slice(0, NOTE_LIMITS.title);
    const intro = lines.length ? 'What we showed in the live room:' : 'Thanks for watching the live room!';
    const body = [intro, ...lines].join('\n').slice(0, NOTE_LIMITS.body);
    await this.deps.repo(scope).draftRecap(room.id, title, body, Date.now());
  }

  /** The products the room pinned, most ordered first (then in lineup order), with their figures. */
  private async featured(scope: Scope, roomId: string) {
    const figures = await this.deps.repo(scope).stats(roomId);
    return [...(figures?.products ?? [])].sort((a, b) => b.orders - a.orders);
  }

  /** The recap of the room, for its host only (null for anyone else, and for a room without one). */
  async recap(scope: Scope, room: LiveRoomRecord): Promise<LiveRecapRecord | null> {
    if ((await scope.viewerId()) !== room.hostId) return null;
    return liveLoaders(scope).recapByRoomId.load(room.id);
  }

  /** The recap's products as the stats show them (the pinned lineup, with each one's orders in the room). */
  async recapProducts(scope: Scope, recap: LiveRecapRecord) {
    const room = await liveLoaders(scope).roomById.load(recap.roomId);
    if (!room) return [];
    const uniqueViewers = room.uniqueViewers;
    return (await this.featured(scope, recap.roomId)).map((p) => ({
      productId: p.productId,
      timesPinned: p.pins,
      orders: p.orders,
      units: p.units,
      buyers: p.buyers,
      flashUnitsSold: p.flashUnits,
      conversionRate: uniqueViewers ? Math.min(1, p.buyers / uniqueViewers) : 0,
      gmv: gmvOf(p.amounts),
    }));
  }

  private async hostsRecap(scope: Scope, roomId: string): Promise<{ room: LiveRoomRecord; recap: LiveRecapRecord }> {
    const room = await this.roomOrNotFound(scope, roomId);
    await this.requireHost(scope, room);
    liveLoaders(scope).recapByRoomId.clear(room.id);
    const recap = await liveLoaders(scope).recapByRoomId.load(room.id);
    if (!recap) throw badInput('roomId', 'the room has no recap: one is drafted when a room that went LIVE ends', UserErrorCode.INVALID_STATE);
    return { room, recap };
  }

  /** The host edits the recap before publishing it. */
  async updateRecap(scope: Scope, input: { roomId: string; title?: string | null; body?: string | null }): Promise<LiveRoomRecord> {
    const title = input.title == null ? null : requireText(input.title, 'title', { min: 1, max: NOTE_LIMITS.title });
    const body = input.body == null ? null : requireText(input.body, 'body', { min: 0, max: NOTE_LIMITS.body });
    const { room } = await this.hostsRecap(scope, input.roomId);
    const outcome = await this.deps.repo(scope).updateRecap(room.id, title, body, Date.now());
    if (outcome === 'PUBLISHED') throw badInput('roomId', 'the recap is published: edit its note (updateNote)', UserErrorCode.INVALID_STATE);
    liveLoaders(scope).recapByRoomId.clear(room.id);
    return room;
  }

  /**
   * Publishes the recap as the host's note through createNote's rules (sensitive words, a
   * community's pre-moderation and posting rights), featuring the pinned products and posted in the
   * room's community when it has one. Publishing again answers the same note.
   */
  async publishRecap(scope: Scope, roomId: string): Promise<{ room: LiveRoomRecord; note: NoteRecord }> {
    const { room, recap } = await this.hostsRecap(scope, roomId);
    const productIds = (await this.featured(scope, room.id)).slice(0, NOTE_LIMITS.products).map((p) => p.productId);
    // One note per recap, also under concurrent or retried calls: the note's own idempotency key.
    const note = await this.deps.notes.createNote(scope, {
      title: recap.title,
      body: recap.body,
      format: NoteFormat.IMAGE_TEXT,
      media: [{ url: room.coverUrl, kind: MediaKind.IMAGE }],
      topics: [],
      productIds,
      groupId: room.groupId,
      visibility: NoteVisibility.PUBLIC,
      idempotencyKey: `live-recap:${room.id}`,
    });
    await this.deps.repo(scope).publishRecap(room.id, note.id, Date.now());
    liveLoaders(scope).recapByRoomId.clear(room.id);
    return { room, note };
  }

  ordered(roomId: string, counts: { purchases: number; flashLeft: number | null }): void {
    this.deps.publisher.counters(roomId, counts.flashLeft === null ? { purchases: counts.purchases } : { purchases: counts.purchases, flashLeft: counts.flashLeft });
  }
}
