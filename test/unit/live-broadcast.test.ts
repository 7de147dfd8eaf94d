import { createEventBus, type EventBus } from '../../src/events/bus';
import { LiveRoomBroadcaster, LiveRoomHub, type LiveBroadcastSettings } from '../../src/live/broadcast';
import { liveRoomEvent } from '../../src/live/events-resolver';
import { LiveCommentPinChanged, LiveCommentsAdded, LiveCountersChanged, LiveProductPinChanged } from '../../src/live/events';
import { LiveRoomFeed, MAX_COMMENTS_PER_MESSAGE, type LiveCommentData, type LiveRoomMessage } from '../../src/live/feed';

const settings: LiveBroadcastSettings = { counterIntervalMs: 500, watcherBuffer: 10, rightsRecheckMs: 30_000 };
let n = 0;
const comment = (body = `comment ${++n}`): LiveCommentData => ({ id: `c${++n}`, authorId: 'author', body, createdAt: Date.now() });

/** Everything the feed would send right now, without waiting for more. */
async function drain(feed: LiveRoomFeed): Promise<LiveRoomMessage[]> {
  const out: LiveRoomMessage[] = [];
  while (feed.size > 0) {
    const next = await feed.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** Lets pending promise callbacks run (timers are fake in the hub tests). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const bodies = (messages: LiveRoomMessage[]) => messages.flatMap((m) => (m.kind === 'COMMENTS' ? m.comments.map((c) => c.body) : []));

function hub(overrides: Partial<LiveBroadcastSettings> = {}, lost: (ids: string[]) => string[] = () => []) {
  const errors: unknown[] = [];
  const calls: string[][] = [];
  const h = new LiveRoomHub(
    'room-1',
    { ...settings, ...overrides },
    {
      lostWatchers: async (_room, ids) => {
        calls.push(ids);
        return lost(ids);
      },
      comment: async (_room, id) => (id === 'c-stored' ? { id, authorId: 'earlier', body: 'written before anyone watched here', createdAt: 1 } : null),
      pin: async () => null,
    },
    (userId) => new Error(`${userId} may no longer watch`),
    () => undefined,
    (e) => errors.push(e),
  );
  return { hub: h, errors, calls };
}

describe('a live room watcher feed', () => {
  it('delivers comments in the order they arrived, queued ones together in one message', async () => {
    const feed = new LiveRoomFeed('u1', 100, () => undefined);
    for (const body of ['one', 'two', 'three']) feed.push({ kind: 'COMMENT', comment: comment(body) });
    const messages = await drain(feed);
    expect(messages).toHaveLength(1);
    expect(bodies(messages)).toEqual(['one', 'two', 'three']);
  });

  it('splits a long backlog into messages of at most the stated size, still in order', async () => {
    const feed = new LiveRoomFeed('u1', 1000, () => undefined);
    const sent = Array.from({ length: MAX_COMMENTS_PER_MESSAGE + 7 }, (_, i) => `c-${i}`);
    for (const body of sent) feed.push({ kind: 'COMMENT', comment: comment(body) });
    const messages = await drain(feed);
    expect(messages.map((m) => (m.kind === 'COMMENTS' ? m.comments.length : 0))).toEqual([MAX_COMMENTS_PER_MESSAGE, 7]);
    expect(bodies(messages)).toEqual(sent);
  });

  it('wakes a waiting reader with the first message pushed', async () => {
    const feed = new LiveRoomFeed('u1', 10, () => undefined);
    const waiting = feed.next();
    feed.push({ kind: 'STATUS', status: 'LIVE' });
    await expect(waiting).resolves.toEqual({ done: false, value: { kind: 'STATUS', status: 'LIVE' } });
  });

  const pinned = comment('pin me');
  it('when full, sheds the oldest comments first and keeps every pin and status, saying how many comments it shed', async () => {
    const feed = new LiveRoomFeed('u1', 8, () => undefined);
    feed.push({ kind: 'STATUS', status: 'LIVE' });
    feed.push({ kind: 'PRODUCT_PINNED', pin: { id: 'pin-1', roomId: 'room-1', productId: 'p1', flashPriceMinor: 990, flashQuantity: 100, flashLeft: 100, endsAt: 1, pinnedAt: 1, unpinnedAt: null } });
    feed.push({ kind: 'COMMENT_PINNED', comment: pinned });
    for (let i = 0; i < 20; i++) feed.push({ kind: 'COMMENT', comment: comment(`slow-${i}`) });
    feed.push({ kind: 'STATUS', status: 'ENDED' });
    expect(feed.size).toBe(8);
    const messages = await drain(feed);
    expect(messages.filter((m) => m.kind !== 'COMMENTS')).toEqual([
      { kind: 'PRODUCT_PINNED', pin: expect.objectContaining({ productId: 'p1', flashLeft: 100 }) },
      { kind: 'COMMENT_PINNED', comment: pinned },
      { kind: 'STATUS', status: 'ENDED' },
    ]);
    // 8 places: the three states and the five newest comments (the last status took one from them).
    expect(bodies(messages)).toEqual(['slow-15', 'slow-16', 'slow-17', 'slow-18', 'slow-19']);
    const shed = messages.find((m) => m.kind === 'COMMENTS');
    expect(shed).toMatchObject({ droppedCount: 15 });
  });

  it('keeps only the latest of a state still queued, and merges queued counters', async () => {
    const feed = new LiveRoomFeed('u1', 10, () => undefined);
    feed.push({ kind: 'PRODUCT_PINNED', pin: { id: 'pin-1', roomId: 'room-1', productId: 'p1', flashPriceMinor: 990, flashQuantity: 100, flashLeft: 100, endsAt: 1, pinnedAt: 1, unpinnedAt: null } });
    feed.push({ kind: 'COUNTERS', counters: { likes: 3, viewers: 10 }, countedAt: 1000 });
    feed.push({ kind: 'PRODUCT_PINNED', pin: null });
    feed.push({ kind: 'COUNTERS', counters: { likes: 5, purchases: 1 }, countedAt: 1500 });
    expect(await drain(feed)).toEqual([
      { kind: 'PRODUCT_PINNED', pin: null },
      { kind: 'COUNTERS', counters: { likes: 5, viewers: 10, purchases: 1 }, countedAt: 1500 },
    ]);
  });

  it('rejects a waiting reader when it fails, and says it closed', async () => {
    const closed: LiveRoomFeed[] = [];
    const feed = new LiveRoomFeed('u1', 10, (f) => closed.push(f));
    const waiting = feed.next();
    feed.fail(new Error('blocked'));
    await expect(waiting).rejects.toThrow('blocked');
    await expect(feed.next()).rejects.toThrow('blocked');
    expect(closed).toEqual([feed]);
  });

  it('refuses a capacity too small to hold the states and a comment', () => {
    expect(() => new LiveRoomFeed('u1', 4, () => undefined)).toThrow(/at least 8/);
  });
});

describe('a live room hub', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('pushes counters at once, then at most once per interval with the latest totals merged', async () => {
    const { hub: h } = hub();
    const feed = h.join('u1');
    h.receive({ kind: 'COUNTERS', patch: { likes: 1 } });
    const start = Date.now();
    expect(await drain(feed)).toEqual([{ kind: 'COUNTERS', counters: { likes: 1 }, countedAt: start }]);

    for (let i = 2; i <= 40; i++) h.receive({ kind: 'COUNTERS', patch: { likes: i } });
    h.receive({ kind: 'COUNTERS', patch: { purchases: 7 } });
    jest.advanceTimersByTime(499);
    expect(feed.size).toBe(0);
    jest.advanceTimersByTime(1);
    expect(await drain(feed)).toEqual([{ kind: 'COUNTERS', counters: { likes: 40, purchases: 7 }, countedAt: start + 500 }]);

    // Quiet for longer than the interval: the next change goes out at once again.
    jest.advanceTimersByTime(2_000);
    h.receive({ kind: 'COUNTERS', patch: { viewers: 9000 } });
    expect(await drain(feed)).toEqual([{ kind: 'COUNTERS', counters: { viewers: 9000 }, countedAt: start + 2500 }]);
    h.close();
  });

  it('never moves likes or purchases back when a slower request announces an older total; viewers go both ways', async () => {
    const { hub: h } = hub();
    const feed = h.join('u1');
    h.receive({ kind: 'COUNTERS', patch: { likes: 12, purchases: 4, viewers: 30 } });
    await drain(feed);
    h.receive({ kind: 'COUNTERS', patch: { likes: 11, purchases: 3 } });
    h.receive({ kind: 'COUNTERS', patch: { viewers: 29 } });
    jest.advanceTimersByTime(500);
    expect(await drain(feed)).toEqual([{ kind: 'COUNTERS', counters: { viewers: 29 }, countedAt: expect.any(Number) }]);
    h.receive({ kind: 'COUNTERS', patch: { likes: 13, purchases: 3 } });
    jest.advanceTimersByTime(500);
    expect(await drain(feed)).toEqual([{ kind: 'COUNTERS', counters: { likes: 13 }, countedAt: expect.any(Number) }]);
    h.close();
  });

  it('reads the interval from its settings', async () => {
    const { hub: h } = hub({ counterIntervalMs: 2_000 });
    const feed = h.join('u1');
    h.receive({ kind: 'COUNTERS', patch: { likes: 1 } });
    h.receive({ kind: 'COUNTERS', patch: { likes: 2 } });
    await drain(feed);
    jest.advanceTimersByTime(1_999);
    expect(feed.size).toBe(0);
    jest.advanceTimersByTime(1);
    expect(await drain(feed)).toEqual([{ kind: 'COUNTERS', counters: { likes: 2 }, countedAt: expect.any(Number) }]);
    h.close();
  });

  it('hands comments, pins and status to every watcher, and a slow watcher sheds only its own comments', async () => {
    const { hub: h } = hub({ watcherBuffer: 8 });
    const fast = h.join('fast');
    const slow = h.join('slow');
    const seenByFast: LiveRoomMessage[] = [];
    let tenth = '';
    for (let i = 0; i < 30; i++) {
      const c = comment(`m-${i}`);
      if (i === 10) tenth = c.id;
      h.receive({ kind: 'COMMENT', comment: c });
      if (i === 10) h.receive({ kind: 'COMMENT_PINNED', commentId: tenth });
      await Promise.resolve();
      seenByFast.push(...(await drain(fast)));
    }
    h.receive({ kind: 'STATUS', status: 'ENDED' });
    await settle();
    seenByFast.push(...(await drain(fast)));
    expect(bodies(seenByFast)).toEqual(Array.from({ length: 30 }, (_, i) => `m-${i}`));
    const pinOfTenth = { kind: 'COMMENT_PINNED', comment: expect.objectContaining({ id: tenth, body: 'm-10' }) };
    expect(seenByFast.filter((m) => m.kind !== 'COMMENTS')).toEqual([pinOfTenth, { kind: 'STATUS', status: 'ENDED' }]);

    const seenBySlow = await drain(slow);
    expect(seenBySlow.filter((m) => m.kind !== 'COMMENTS')).toEqual([pinOfTenth, { kind: 'STATUS', status: 'ENDED' }]);
    expect(bodies(seenBySlow)).toEqual(['m-24', 'm-25', 'm-26', 'm-27', 'm-28', 'm-29']);
    h.close();
  });

  it('ends every watcher stream when the room ends, once each has been sent what was queued, ENDED last', async () => {
    const { hub: h } = hub();
    const caughtUp = h.join('caught-up');
    const behind = h.join('behind');
    h.receive({ kind: 'COMMENT', comment: comment('last words') });
    await drain(caughtUp);
    const waiting = caughtUp.next();
    h.receive({ kind: 'STATUS', status: 'ENDED' });
    await settle();
    await expect(waiting).resolves.toEqual({ done: false, value: { kind: 'STATUS', status: 'ENDED' } });
    await expect(caughtUp.next()).resolves.toEqual({ done: true, value: undefined });
    // Nothing reaches a stream after the room ended, and the slow watcher still gets its backlog first.
    h.receive({ kind: 'COMMENT', comment: comment('too late') });
    expect(await drain(behind)).toEqual([
      { kind: 'COMMENTS', comments: [expect.objectContaining({ body: 'last words' })], droppedCount: 0 },
      { kind: 'STATUS', status: 'ENDED' },
    ]);
    await expect(behind.next()).resolves.toEqual({ done: true, value: undefined });
    expect(h.watcherCount).toBe(0);
  });

  it('keeps a status behind the pins announced before it', async () => {
    const { hub: h } = hub();
    const feed = h.join('a');
    h.receive({ kind: 'COMMENT_PINNED', commentId: 'c-stored' });
    h.receive({ kind: 'STATUS', status: 'ENDED' });
    await settle();
    expect((await drain(feed)).map((m) => m.kind)).toEqual(['COMMENT_PINNED', 'STATUS']);
  });

  it('pins a comment it has not seen by reading it once for the room, and keeps pins and unpins in order', async () => {
    const { hub: h } = hub();
    const a = h.join('a');
    const b = h.join('b');
    h.receive({ kind: 'COMMENT_PINNED', commentId: 'c-stored' });
    h.receive({ kind: 'COMMENT_PINNED', commentId: null });
    await settle();
    for (const feed of [a, b]) {
      // The unpin replaced the queued pin: the watcher is told the latest state.
      expect(await drain(feed)).toEqual([{ kind: 'COMMENT_PINNED', comment: null }]);
    }
    h.receive({ kind: 'COMMENT_PINNED', commentId: 'c-stored' });
    await settle();
    expect(await drain(a)).toEqual([{ kind: 'COMMENT_PINNED', comment: expect.objectContaining({ id: 'c-stored', authorId: 'earlier' }) }]);
    h.close();
  });

  it('ends the feeds of watchers who lost their rights, and only theirs', async () => {
    const { hub: h, calls } = hub({}, (ids) => ids.filter((id) => id === 'blocked'));
    const blocked = h.join('blocked');
    const other = h.join('other');
    const waiting = blocked.next();
    h.receive({ kind: 'RIGHTS_CHANGED', userIds: ['blocked'] });
    await expect(waiting).rejects.toThrow('blocked may no longer watch');
    expect(calls).toEqual([['blocked']]);
    h.receive({ kind: 'COMMENT', comment: comment('still here') });
    expect(bodies(await drain(other))).toEqual(['still here']);
    expect(h.watcherCount).toBe(1);
    h.close();
  });

  it('re-reads every watcher\'s rights on its period, in one read for the room', async () => {
    let revoked = new Set<string>();
    const { hub: h, calls } = hub({ rightsRecheckMs: 10_000 }, (ids) => ids.filter((id) => revoked.has(id)));
    const a = h.join('a');
    h.join('b');
    h.join('a');
    jest.advanceTimersByTime(10_000);
    await Promise.resolve();
    expect(calls).toEqual([['a', 'b']]);
    revoked = new Set(['a']);
    const waiting = a.next();
    jest.advanceTimersByTime(10_000);
    await expect(waiting).rejects.toThrow('a may no longer watch');
    expect(h.watcherCount).toBe(1);
    h.close();
  });

  it('reports a failed rights read and keeps the watchers', async () => {
    const errors: unknown[] = [];
    const h = new LiveRoomHub('room-1', settings, { lostWatchers: async () => Promise.reject(new Error('database down')), comment: async () => null, pin: async (roomId) => ({ id: `pin-of-${roomId}`, roomId, productId: 'p1', flashPriceMinor: 990, flashQuantity: 100, flashLeft: 100, endsAt: null, pinnedAt: 1, unpinnedAt: null }) }, () => new Error('lost'), () => undefined, (e) => errors.push(e));
    h.join('u1');
    await h.recheck(null);
    expect(errors).toEqual([expect.objectContaining({ message: 'database down' })]);
    expect(h.watcherCount).toBe(1);
    h.close();
  });
});

describe('the live room broadcaster', () => {
  let bus: EventBus;
  beforeEach(() => (bus = createEventBus()));
  afterEach(() => bus.close());

  it('delivers a room\'s happenings to its watchers only, and stops listening when the last one leaves', async () => {
    const broadcaster = new LiveRoomBroadcaster(bus, settings, { lostWatchers: async () => [], comment: async () => null, pin: async (roomId) => ({ id: `pin-of-${roomId}`, roomId, productId: 'p1', flashPriceMinor: 990, flashQuantity: 100, flashLeft: 100, endsAt: null, pinnedAt: 1, unpinnedAt: null }) }, () => new Error('lost'));
    const inRoom = await broadcaster.watch('room-1', 'u1');
    const elsewhere = await broadcaster.watch('room-2', 'u2');
    broadcaster.comment('room-1', comment('hello'));
    broadcaster.productPinned('room-1', { productId: 'p1', flashPriceMinor: 500, flashQuantity: 10, flashLeft: 10, endsAt: null });
    const first = await inRoom.next();
    expect(first.value).toMatchObject({ kind: 'COMMENTS', comments: [expect.objectContaining({ body: 'hello' })], droppedCount: 0 });
    expect((await inRoom.next()).value).toMatchObject({ kind: 'PRODUCT_PINNED', pin: { productId: 'p1' } });
    expect(elsewhere.size).toBe(0);

    await inRoom.return();
    expect(broadcaster.watchers('room-1')).toBe(0);
    expect(broadcaster.watchers('room-2')).toBe(1);
    await broadcaster.close();
    expect(elsewhere.isClosed).toBe(true);
  });
});

describe('a pushed message as its GraphQL event', () => {
  it('names each counter that changed and leaves the others null', () => {
    const event = liveRoomEvent({ kind: 'COUNTERS', counters: { purchases: 12, flashLeft: 88 }, countedAt: 1_700_000_000_000 });
    expect(event).toBeInstanceOf(LiveCountersChanged);
    expect(event).toEqual(expect.objectContaining({ viewerCount: null, likeCount: null, purchaseCount: 12, flashLeft: 88, countedAt: new Date(1_700_000_000_000) }));
  });

  it('says how many comments were shed before the ones it carries', () => {
    const event = liveRoomEvent({ kind: 'COMMENTS', comments: [comment('kept')], droppedCount: 4 });
    expect(event).toBeInstanceOf(LiveCommentsAdded);
    expect(event).toMatchObject({ droppedCommentCount: 4, comments: [{ body: 'kept' }] });
  });

  it('carries an unpin as a null pin', () => {
    expect(liveRoomEvent({ kind: 'PRODUCT_PINNED', pin: null })).toEqual(Object.assign(new LiveProductPinChanged(), { pin: null }));
    expect(liveRoomEvent({ kind: 'COMMENT_PINNED', comment: null })).toEqual(Object.assign(new LiveCommentPinChanged(), { comment: null }));
  });
});
