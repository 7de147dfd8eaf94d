import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import type { DbScope } from '../db/database';
import type { Position } from '../common/pagination';
import type { KeyedItem } from '../common/connection';
import type { LiveCommentRecord, LivePinRecord, LiveRecapRecord, LiveRoomRecord, LiveRoomStatus } from './types';

const q = {
  schedule: cypher('live/schedule-live-room'),
  byIds: cypher('live/live-rooms-by-ids'),
  page: cypher('live/live-rooms-page'),
  count: cypher('live/count-live-rooms'),
  followed: cypher('live/followed-live-rooms'),
  countFollowed: cypher('live/count-followed-live-rooms'),
  lineups: cypher('live/lineups'),
  setStatus: cypher('live/set-live-status'),
  standing: cypher('live/room-standing'),
  pinProduct: cypher('live/pin-product'),
  unpinProduct: cypher('live/unpin-product'),
  currentPins: cypher('live/current-pins'),
  pinComment: cypher('live/pin-comment'),
  mute: cypher('live/mute-in-room'),
  addModerator: cypher('live/add-room-moderator'),
  moderators: cypher('live/room-moderators'),
  allowHost: cypher('live/allow-live-host'),
  join: cypher('live/join-room'),
  leave: cypher('live/leave-room'),
  comment: cypher('live/send-live-comment'),
  commentsPage: cypher('live/live-comments-page'),
  countComments: cypher('live/count-live-comments'),
  commentsByIds: cypher('live/live-comments-by-ids'),
  currentPinsByIds: cypher('live/current-pins-by-ids'),
  addLikes: cypher('live/add-likes'),
  stats: cypher('live/live-room-stats'),
  timeline: cypher('live/live-room-timeline'),
  draftRecap: cypher('live/draft-recap'),
  recaps: cypher('live/live-recaps'),
  updateRecap: cypher('live/update-live-recap'),
  publishRecap: cypher('live/publish-live-recap'),
};

export interface NewLiveRoom {
  id: string;
  hostId: string;
  title: string;
  coverUrl: string;
  streamUrl: string;
  groupId: string | null;
  scheduledAt: number;
  productIds: string[];
  now: number;
}

export interface RoomStanding {
  isHost: boolean;
  isModerator: boolean;
  mutedUntil: number | null;
}

export type PinOutcome = 'PINNED' | 'NOT_LIVE' | 'NOT_IN_LINEUP' | 'PRICE_NOT_BELOW';
export type StatusOutcome = 'CHANGED' | 'UNCHANGED' | 'INVALID';
export type MuteOutcome = 'MUTED' | 'PROTECTED';
export type ModeratorOutcome = 'ADDED' | 'FORBIDDEN' | 'IS_HOST' | 'LIMIT_REACHED';
export type CommentOutcome = 'SENT' | 'NOT_LIVE' | 'MUTED';

/** Where a page of rooms or comments continues, as the Cypher files take it. */
const after = (position: Position | null) => ({ afterKey: position?.k ?? null, afterId: position?.id ?? null });

export class LiveRepository {
  constructor(private readonly db: DbScope) {}

  /** Null when the host does not exist. */
  async schedule(room: NewLiveRoom): Promise<{ refused: number[]; created: string | null; groupMissing: boolean } | null> {
    const [row] = await this.db.write<{ refused: number[]; created: string | null; groupMissing: boolean }>(q.schedule, { ...room });
    return row ?? null;
  }

  async byIds(ids: readonly string[]): Promise<LiveRoomRecord[]> {
    return (await this.db.read<{ room: LiveRoomRecord }>(q.byIds, { ids })).map((r) => r.room);
  }

  async roomsPage(status: LiveRoomStatus, viewerId: string | null, hidden: string[], position: Position | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.page, { status, viewerId, hidden, ...after(position), limit });
  }

  async countRooms(status: LiveRoomStatus, viewerId: string | null, hidden: string[]): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.count, { status, viewerId, hidden });
    return row?.total ?? 0;
  }

  async followedRooms(viewerId: string, hidden: string[], position: Position | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.followed, { viewerId, hidden, ...after(position), limit });
  }

  async countFollowedRooms(viewerId: string, hidden: string[]): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countFollowed, { viewerId, hidden });
    return row?.total ?? 0;
  }

  async lineups(ids: readonly string[]): Promise<Map<string, string[]>> {
    return new Map((await this.db.read<{ id: string; productIds: string[] }>(q.lineups, { ids })).map((r) => [r.id, r.productIds]));
  }

  /** Null when the room does not exist. */
  async setStatus(id: string, status: 'LIVE' | 'ENDED', now: number): Promise<{ outcome: StatusOutcome; before: LiveRoomStatus } | null> {
    const [row] = await this.db.write<{ outcome: StatusOutcome; before: LiveRoomStatus }>(q.setStatus, { id, status, now });
    return row ?? null;
  }

  async standing(roomId: string, userId: string, now: number): Promise<RoomStanding | null> {
    const [row] = await this.db.read<RoomStanding>(q.standing, { roomId, userId, now });
    return row ?? null;
  }

  async pinProduct(args: {
    id: string;
    roomId: string;
    productId: string;
    flashPriceMinor: number | null;
    flashQuantity: number | null;
    endsAt: number | null;
    now: number;
  }): Promise<{ outcome: PinOutcome; priceMinor: number | null } | null> {
    const [row] = await this.db.write<{ outcome: PinOutcome; priceMinor: number | null }>(q.pinProduct, args);
    return row ?? null;
  }

  async unpinProduct(roomId: string, now: number): Promise<boolean> {
    const [row] = await this.db.write<{ unpinned: boolean }>(q.unpinProduct, { roomId, now });
    return row?.unpinned ?? false;
  }

  async currentPins(ids: readonly string[]): Promise<Map<string, LivePinRecord>> {
    return new Map((await this.db.read<{ id: string; pin: LivePinRecord }>(q.currentPins, { ids })).map((r) => [r.id, r.pin]));
  }

  async pinComment(roomId: string, commentId: string | null): Promise<'PINNED' | 'NOT_FOUND' | 'ENDED' | null> {
    const [row] = await this.db.write<{ outcome: 'PINNED' | 'NOT_FOUND' | 'ENDED' }>(q.pinComment, { roomId, commentId });
    return row?.outcome ?? null;
  }

  async mute(args: { roomId: string; userId: string; actorId: string; until: number; now: number }): Promise<MuteOutcome | null> {
    const [row] = await this.db.write<{ outcome: MuteOutcome }>(q.mute, args);
    return row?.outcome ?? null;
  }

  async addModerator(args: { roomId: string; userId: string; actorId: string; max: number; now: number }): Promise<ModeratorOutcome | null> {
    const [row] = await this.db.write<{ outcome: ModeratorOutcome }>(q.addModerator, args);
    return row?.outcome ?? null;
  }

  async moderators(roomId: string, limit: number): Promise<string[]> {
    return (await this.db.read<{ id: string }>(q.moderators, { roomId, limit })).map((r) => r.id);
  }

  async allowHost(merchantId: string, hostId: string, allowed: boolean, now: number): Promise<boolean> {
    return (await this.db.write(q.allowHost, { merchantId, hostId, allowed, now })).length > 0;
  }

  async join(roomId: string, userId: string, now: number, minute: number): Promise<{ live: boolean; currentViewers: number } | null> {
    const [row] = await this.db.write<{ live: boolean; currentViewers: number }>(q.join, { roomId, userId, now, minute });
    return row ?? null;
  }

  async leave(roomId: string, userId: string): Promise<{ left: boolean; currentViewers: number } | null> {
    const [row] = await this.db.write<{ left: boolean; currentViewers: number }>(q.leave, { roomId, userId });
    return row ?? null;
  }

  async comment(args: { id: string; roomId: string; authorId: string; body: string; now: number; minute: number }): Promise<CommentOutcome | null> {
    const [row] = await this.db.write<{ outcome: CommentOutcome }>(q.comment, args);
    return row?.outcome ?? null;
  }

  async commentsPage(roomId: string, hidden: string[], position: Position | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.commentsPage, { roomId, hidden, ...after(position), limit });
  }

  async countComments(roomId: string, hidden: string[]): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countComments, { roomId, hidden });
    return row?.total ?? 0;
  }

  async currentPinsByIds(ids: readonly string[]): Promise<LivePinRecord[]> {
    return (await this.db.read<{ pin: LivePinRecord }>(q.currentPinsByIds, { ids })).map((r) => r.pin);
  }

  async commentsByIds(ids: readonly string[]): Promise<LiveCommentRecord[]> {
    return (await this.db.read<{ comment: LiveCommentRecord }>(q.commentsByIds, { ids })).map((r) => r.comment);
  }

  async stats(roomId: string): Promise<LiveStatsRow | null> {
    const [row] = await this.db.read<LiveStatsRow>(q.stats, { roomId });
    return row ?? null;
  }

  async timeline(roomId: string, limit: number): Promise<LiveMinuteRow[]> {
    return this.db.read<LiveMinuteRow>(q.timeline, { roomId, limit });
  }

  async draftRecap(roomId: string, title: string, body: string, now: number): Promise<void> {
    await this.db.write(q.draftRecap, { roomId, title, body, now });
  }

  async recaps(roomIds: readonly string[]): Promise<LiveRecapRecord[]> {
    return (await this.db.read<{ recap: LiveRecapRecord }>(q.recaps, { roomIds })).map((r) => r.recap);
  }

  /** null: the room has no recap. */
  async updateRecap(roomId: string, title: string | null, body: string | null, now: number): Promise<'UPDATED' | 'PUBLISHED' | null> {
    const [row] = await this.db.write<{ outcome: 'UPDATED' | 'PUBLISHED' }>(q.updateRecap, { roomId, title, body, now });
    return row?.outcome ?? null;
  }

  /** The recap's note: this one, or the one it was published as before. */
  async publishRecap(roomId: string, noteId: string, now: number): Promise<string | null> {
    const [row] = await this.db.write<{ noteId: string }>(q.publishRecap, { roomId, noteId, now });
    return row?.noteId ?? null;
  }

  async addLikes(batches: { roomId: string; minute: number; likes: number }[]): Promise<void> {
    if (batches.length) await this.db.write(q.addLikes, { batches });
  }
}

/** The live repository of a request, over its counted DbScope (made once per request). */
export function liveRepository(scope: RequestScope): LiveRepository {
  return scope.slot('live.repository', () => new LiveRepository(scope.db));
}

export interface LiveStatsRow {
  orders: number;
  gmv: { currency: string; amountMinor: number }[];
  products: { productId: string; pins: number; flashUnits: number; orders: number; units: number; buyers: number; amounts: { currency: string; amountMinor: number }[] }[];
}

export interface LiveMinuteRow {
  minute: number;
  peakViewers: number;
  joins: number;
  comments: number;
  likes: number;
  orders: number;
}
