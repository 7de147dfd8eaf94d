import type { Scope } from '../accounts/scope';
import { notFound } from '../common/errors';
import { SKIP, transform, type EventBus, type GroupActivityEvent } from '../events/bus';
import { liveScopeOf } from '../events/live';
import type { BlockList } from '../social/access';
import type { GroupAccess } from '../groups/access';
import type { LiveRoomBroadcaster } from './broadcast';
import type { LiveRoomMessage } from './feed';

/** What the room model answers about watching a room (implemented over the room repository). */
export interface LiveRoomWatchRights {
  /** The room if the viewer may see it (no block with the host; in a group, one they may read); null otherwise. */
  visibleRoom(scope: Scope, roomId: string): Promise<{ groupId: string | null } | null>;
}

export interface LiveRoomSubscriptionDeps {
  broadcaster: LiveRoomBroadcaster;
  rights: LiveRoomWatchRights;
  groups: Pick<GroupAccess, 'canFollowLive'>;
  blocks: BlockList;
  events: EventBus;
}

/** A message as one watcher receives it: what they may not see is already left out. */
export type LiveRoomDelivery = LiveRoomMessage;

/**
 * liveRoomEvents(roomId): a watcher's stream of one room. The fan-out (LiveRoomBroadcaster) gives
 * every watcher the same messages; this leaves out what this watcher may not see (comments of
 * people in a block with them) and ends the stream when they may no longer watch:
 *
 * - the room's rights (a block with the host, a lost group membership) are re-read for all the
 *   room's watchers at once, when the room service says they changed and on a period;
 * - a block or unblock anywhere (DISCOVER_CHANGED, RELATIONS) makes the watchers concerned read
 *   their block list again before their next message, and re-checks their right to the room;
 * - a member leaving, removed from or banned from the room's group (GROUP_ACTIVITY MEMBER_LEFT,
 *   heard once per group watched on this instance) re-checks that watcher's right to its rooms;
 * - the room's group turning CLOSED, SECRET or archived ends the stream at once (the live guard,
 *   src/events/live.ts, which also ends it with the session).
 */
export class LiveRoomSubscriptions {
  /** Bumped per user when their relations change, so each watcher's stream knows its block list is stale. */
  private readonly relations = new Map<string, number>();
  /** Rooms watched on this instance, per watcher, for the re-check a block triggers. */
  private readonly watching = new Map<string, Map<string, number>>();
  private readonly listener: AsyncIterator<unknown>;
  /** Groups of the rooms watched on this instance: each group's activity is heard once, for all its rooms. */
  private readonly groupRooms = new Map<string, { rooms: Map<string, number>; listener: AsyncIterator<GroupActivityEvent> }>();

  constructor(private readonly deps: LiveRoomSubscriptionDeps) {
    const source = deps.events.pubsub.subscribe('DISCOVER_CHANGED')[Symbol.asyncIterator]();
    this.listener = source;
    void (async () => {
      for (;;) {
        const next = await source.next();
        if (next.done) return;
        if (next.value.reason === 'RELATIONS') this.relationsChanged(next.value.userIds);
      }
    })().catch(() => undefined);
  }

  async watch(scope: Scope, roomId: string): Promise<AsyncIterable<LiveRoomDelivery>> {
    const viewer = await scope.requireViewer();
    const room = await this.deps.rights.visibleRoom(scope, roomId);
    if (!room) throw notFound('Live room', 'roomId');
    const { groupId } = room;
    if (groupId) liveScopeOf(scope).watchGroup(groupId, () => this.deps.groups.canFollowLive(scope, groupId));
    const userId = viewer.id;
    let blocked = await this.deps.blocks.usersInABlockWithViewer(scope);
    let readAt = this.relations.get(userId) ?? 0;
    const feed = await this.deps.broadcaster.watch(roomId, userId);
    this.track(userId, roomId, +1);
    if (groupId) this.trackGroup(groupId, roomId, +1);
    let tracked = true;
    const untrack = () => {
      if (!tracked) return;
      tracked = false;
      this.track(userId, roomId, -1);
      if (groupId) this.trackGroup(groupId, roomId, -1);
    };
    const stream = transform(feed, async (message) => {
      if ((this.relations.get(userId) ?? 0) !== readAt) {
        readAt = this.relations.get(userId) ?? 0;
        scope.resetLoaders();
        blocked = await this.deps.blocks.usersInABlockWithViewer(scope);
      }
      return visibleTo(message, blocked) ?? SKIP;
    });
    const iterator: AsyncIterator<LiveRoomDelivery> = {
      next: async () => {
        try {
          const next = await stream.next();
          if (next.done) untrack();
          return next;
        } catch (error) {
          untrack();
          throw error;
        }
      },
      return: async () => {
        untrack();
        return (await stream.return?.()) ?? { done: true, value: undefined };
      },
      throw: async (error: unknown) => {
        untrack();
        if (stream.throw) return stream.throw(error);
        throw error;
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  async close(): Promise<void> {
    const groups = [...this.groupRooms.values()];
    this.groupRooms.clear();
    await Promise.allSettled([this.listener.return?.(), ...groups.map((g) => g.listener.return?.())]);
  }

  private trackGroup(groupId: string, roomId: string, delta: number): void {
    let entry = this.groupRooms.get(groupId);
    if (!entry) {
      if (delta < 0) return;
      const listener = this.deps.events.pubsub.subscribe('GROUP_ACTIVITY', groupId)[Symbol.asyncIterator]();
      entry = { rooms: new Map(), listener };
      this.groupRooms.set(groupId, entry);
      const rooms = entry.rooms;
      void (async () => {
        for (;;) {
          const next = await listener.next();
          if (next.done) return;
          const event = next.value;
          // Left, removed or banned: the room's re-check reads it for this member alone.
          if (event.kind === 'MEMBER_LEFT' && event.subjectUserId) for (const id of rooms.keys()) void this.deps.broadcaster.recheck(id, [event.subjectUserId]);
        }
      })().catch(() => undefined);
    }
    const count = (entry.rooms.get(roomId) ?? 0) + delta;
    if (count > 0) entry.rooms.set(roomId, count);
    else entry.rooms.delete(roomId);
    if (entry.rooms.size > 0) return;
    this.groupRooms.delete(groupId);
    void Promise.resolve(entry.listener.return?.()).catch(() => undefined);
  }

  private track(userId: string, roomId: string, delta: number): void {
    const rooms = this.watching.get(userId) ?? new Map<string, number>();
    const count = (rooms.get(roomId) ?? 0) + delta;
    if (count > 0) rooms.set(roomId, count);
    else rooms.delete(roomId);
    if (rooms.size > 0) {
      this.watching.set(userId, rooms);
      return;
    }
    this.watching.delete(userId);
    this.relations.delete(userId);
  }

  private relationsChanged(userIds: string[]): void {
    for (const id of userIds) {
      const rooms = this.watching.get(id);
      if (!rooms) continue;
      this.relations.set(id, (this.relations.get(id) ?? 0) + 1);
      // A block with the host ends the watch; the room's re-check reads it for this watcher alone.
      for (const roomId of rooms.keys()) void this.deps.broadcaster.recheck(roomId, [id]);
    }
  }
}

/** The message without what a watcher in a block with these users may not see; null when nothing is left. */
export function visibleTo(message: LiveRoomMessage, blocked: ReadonlySet<string>): LiveRoomMessage | null {
  if (blocked.size === 0) return message;
  // A pinned comment by someone in a block with the watcher shows to them as no pin.
  if (message.kind === 'COMMENT_PINNED') return message.comment && blocked.has(message.comment.authorId) ? { kind: 'COMMENT_PINNED', comment: null } : message;
  if (message.kind !== 'COMMENTS') return message;
  const comments = message.comments.filter((c) => !blocked.has(c.authorId));
  if (comments.length === 0 && message.droppedCount === 0) return null;
  return comments.length === message.comments.length ? message : { ...message, comments };
}
