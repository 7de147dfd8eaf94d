import { createEventBus, type EventBus } from '../../../src/events/bus';
import { liveScopeOf } from '../../../src/events/live';
import { LiveRoomBroadcaster } from '../../../src/live/broadcast';
import { LiveRoomSubscriptions, visibleTo } from '../../../src/live/subscription';
import type { LiveRoomMessage } from '../../../src/live/feed';
import { scopeFor, user } from './fakes';

const settings = { counterIntervalMs: 500, watcherBuffer: 50, rightsRecheckMs: 60_000 };
const comment = (id: string, authorId: string) => ({ id, authorId, body: `said ${id}`, createdAt: 1 });

describe('what one watcher of a live room receives', () => {
  let bus: EventBus;
  let broadcaster: LiveRoomBroadcaster;
  let blocks: Map<string, Set<string>>;
  let barred: Set<string>;
  let subscriptions: LiveRoomSubscriptions;

  beforeEach(() => {
    bus = createEventBus();
    blocks = new Map();
    barred = new Set();
    broadcaster = new LiveRoomBroadcaster(bus, settings, { lostWatchers: async (_room, ids) => ids.filter((id) => barred.has(id)), comment: async () => null, pin: async (roomId) => ({ id: `pin-of-${roomId}`, roomId, productId: 'p1', flashPriceMinor: 990, flashQuantity: 100, flashLeft: 100, endsAt: null, pinnedAt: 1, unpinnedAt: null }) }, () => new Error('You can no longer watch this live room'));
    subscriptions = new LiveRoomSubscriptions({
      broadcaster,
      events: bus,
      rights: { visibleRoom: async (_scope, roomId) => (roomId === 'hidden-room' ? null : { groupId: roomId === 'group-room' ? 'g1' : null }) },
      groups: { canFollowLive: async () => true },
      blocks: { usersInABlockWithViewer: async (scope) => new Set(blocks.get((await scope.viewer())?.id ?? '') ?? []) },
    });
  });
  afterEach(async () => {
    await subscriptions.close();
    await broadcaster.close();
    await bus.close();
  });

  const next = async (stream: AsyncIterable<LiveRoomMessage>) => (await stream[Symbol.asyncIterator]().next()).value as LiveRoomMessage;
  /** The ids of the comments delivered, until `count` of them came (however the feed batched them). */
  const commentIds = async (stream: AsyncIterable<LiveRoomMessage>, count: number) => {
    const ids: string[] = [];
    while (ids.length < count) {
      const message = await next(stream);
      if (message.kind === 'COMMENTS') ids.push(...message.comments.map((c) => c.id));
    }
    return ids;
  };

  it('leaves out comments by people in a block with the watcher, and reads the block list again when a block changes', async () => {
    const viewer = user();
    const stream = await subscriptions.watch(scopeFor(viewer), 'room-1');
    blocks.set(viewer.id, new Set(['troll']));
    broadcaster.comment('room-1', comment('c1', 'troll'));
    broadcaster.comment('room-1', comment('c2', 'friend'));
    // Not yet told of the block: the list read at open still counts.
    expect(await commentIds(stream, 2)).toEqual(['c1', 'c2']);

    bus.pubsub.publish('DISCOVER_CHANGED', { userIds: [viewer.id, 'troll'], reason: 'RELATIONS' });
    await new Promise((r) => setImmediate(r));
    broadcaster.comment('room-1', comment('c3', 'troll'));
    broadcaster.comment('room-1', comment('c4', 'friend'));
    broadcaster.comment('room-1', comment('c5', 'friend'));
    expect(await commentIds(stream, 2)).toEqual(['c4', 'c5']);
  });

  it('ends the stream when a block with the host is announced for the watcher', async () => {
    const viewer = user();
    const stream = await subscriptions.watch(scopeFor(viewer), 'room-1');
    const waiting = next(stream);
    barred.add(viewer.id);
    bus.pubsub.publish('DISCOVER_CHANGED', { userIds: [viewer.id, 'host'], reason: 'RELATIONS' });
    await expect(waiting).rejects.toThrow('You can no longer watch this live room');
    expect(broadcaster.watchers('room-1')).toBe(0);
  });

  it("ends the stream of a member who left, was removed from or was banned from the room's group, and only theirs", async () => {
    const leaving = user();
    const staying = user();
    const gone = await subscriptions.watch(scopeFor(leaving), 'group-room');
    const still = await subscriptions.watch(scopeFor(staying), 'group-room');
    const waiting = next(gone);
    barred.add(leaving.id);
    bus.pubsub.publish('GROUP_ACTIVITY', 'g1', { kind: 'MEMBER_LEFT', groupId: 'g1', actorId: 'owner', subjectUserId: leaving.id, noteId: null, commentId: null, eventId: null, groupBuyId: null, detail: 'BAN', at: Date.now(), moderatorsOnly: false });
    await expect(waiting).rejects.toThrow('You can no longer watch this live room');
    expect(broadcaster.watchers('group-room')).toBe(1);
    broadcaster.comment('group-room', comment('c1', 'friend'));
    expect(await commentIds(still, 1)).toEqual(['c1']);
  });

  it('has the live guard watch the room\'s group', async () => {
    const scope = scopeFor(user());
    await subscriptions.watch(scope, 'group-room');
    expect([...liveScopeOf(scope).groups.keys()]).toEqual(['g1']);
  });

  it('answers NOT_FOUND for a room the viewer may not see', async () => {
    await expect(subscriptions.watch(scopeFor(user()), 'hidden-room')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('refuses anonymous watchers', async () => {
    await expect(subscriptions.watch(scopeFor(null), 'room-1')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('visibleTo', () => {
  const message: LiveRoomMessage = { kind: 'COMMENTS', comments: [comment('a', 'u1'), comment('b', 'u2')], droppedCount: 0 };

  it('keeps a message with nothing to leave out as it is', () => {
    expect(visibleTo(message, new Set(['u3']))).toBe(message);
    const status: LiveRoomMessage = { kind: 'STATUS', status: 'LIVE' };
    expect(visibleTo(status, new Set(['u1']))).toBe(status);
  });

  it('shows a pinned comment by someone in a block with the watcher as no pin', () => {
    expect(visibleTo({ kind: 'COMMENT_PINNED', comment: comment('a', 'u1') }, new Set(['u1']))).toEqual({ kind: 'COMMENT_PINNED', comment: null });
    expect(visibleTo({ kind: 'COMMENT_PINNED', comment: comment('a', 'u2') }, new Set(['u1']))).toMatchObject({ comment: { id: 'a' } });
  });

  it('skips a message whose every comment is left out, unless it tells of shed comments', () => {
    expect(visibleTo({ ...message, comments: [comment('a', 'u1')] }, new Set(['u1']))).toBeNull();
    expect(visibleTo({ ...message, comments: [comment('a', 'u1')], droppedCount: 3 }, new Set(['u1']))).toEqual({ kind: 'COMMENTS', comments: [], droppedCount: 3 });
  });
});
