import { createEventBus, type EventBus } from '../../src/events/bus';
import { LiveRoomBroadcaster, type LiveRoomReads } from '../../src/live/broadcast';
import type { LiveRoomFeed, LiveRoomMessage } from '../../src/live/feed';
import { startRedis } from '../helpers/redis';

/**
 * Live rooms across two API instances sharing a Redis bus: the room service's happenings on one
 * instance reach the watchers connected to the other, comments in order, counters coalesced, and
 * a rights change ends the watch where the watcher is connected.
 */
jest.setTimeout(60_000);

let redis: Awaited<ReturnType<typeof startRedis>>;
let busA: EventBus;
let busB: EventBus;
let a: LiveRoomBroadcaster;
let b: LiveRoomBroadcaster;
const barred = new Set<string>();
const reads: LiveRoomReads = { lostWatchers: async (_room, ids) => ids.filter((id) => barred.has(id)), comment: async () => null, pin: async (roomId) => ({ id: `pin-of-${roomId}`, roomId, productId: 'p1', flashPriceMinor: 990, flashQuantity: 100, flashLeft: 100, endsAt: null, pinnedAt: 1, unpinnedAt: null }) };
const settings = { counterIntervalMs: 500, watcherBuffer: 1000, rightsRecheckMs: 60_000 };

beforeAll(async () => {
  redis = await startRedis();
  busA = createEventBus(redis.url);
  busB = createEventBus(redis.url);
  a = new LiveRoomBroadcaster(busA, settings, reads, () => new Error('You can no longer watch this live room'));
  b = new LiveRoomBroadcaster(busB, settings, reads, () => new Error('You can no longer watch this live room'));
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await Promise.all([busA?.close(), busB?.close()]);
  await redis?.stop();
});

let rooms = 0;

/** A watcher on instance B of a fresh room, once B's Redis subscription carries the room's news. */
async function watchOnB(userId: string): Promise<{ roomId: string; feed: LiveRoomFeed }> {
  const roomId = `room-${process.pid}-${++rooms}`;
  const feed = await b.watch(roomId, userId);
  // Redis acknowledges SUBSCRIBE asynchronously: announce the room until B hears it.
  for (let i = 0; feed.size === 0; i++) {
    if (i > 100) throw new Error('instance B never heard the room');
    a.status(roomId, 'LIVE');
    await new Promise((r) => setTimeout(r, 50));
  }
  while (feed.size > 0) await feed.next();
  return { roomId, feed };
}

async function receive(feed: LiveRoomFeed, until: (seen: LiveRoomMessage[]) => boolean, timeoutMs = 5_000): Promise<LiveRoomMessage[]> {
  const seen: LiveRoomMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!until(seen)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out with ${JSON.stringify(seen).slice(0, 500)}`);
    const next = await Promise.race([feed.next(), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), left))]);
    if (next === 'timeout' || next.done) continue;
    seen.push(next.value);
  }
  return seen;
}

const bodies = (seen: LiveRoomMessage[]) => seen.flatMap((m) => (m.kind === 'COMMENTS' ? m.comments.map((c) => c.body) : []));

test('comments written through one instance reach a watcher on the other, every one and in order', async () => {
  const { roomId, feed } = await watchOnB('watcher');
  const sent = Array.from({ length: 200 }, (_, i) => `comment ${i}`);
  sent.forEach((body, i) => a.comment(roomId, { id: `c${i}`, authorId: 'writer', body, createdAt: Date.now() }));
  const seen = await receive(feed, (s) => bodies(s).length >= sent.length);
  expect(bodies(seen)).toEqual(sent);
  expect(seen.every((m) => m.kind !== 'COMMENTS' || m.droppedCount === 0)).toBe(true);
});

test('counters changing hundreds of times a second reach the other instance merged, at most every 500 ms, ending with the latest totals', async () => {
  const { roomId, feed } = await watchOnB('watcher');
  const started = Date.now();
  for (let i = 1; i <= 300; i++) {
    a.counters(roomId, { likes: i });
    if (i % 10 === 0) a.counters(roomId, { purchases: i / 10 });
    if (i % 100 === 0) await new Promise((r) => setTimeout(r, 400));
  }
  const seen = await receive(feed, (s) => s.some((m) => m.kind === 'COUNTERS' && m.counters.likes === 300 && m.counters.purchases === 30));
  const counters = seen.filter((m) => m.kind === 'COUNTERS');
  const elapsed = Date.now() - started;
  // 330 changes over about 1.2 s: one push at once, then at most one per 500 ms.
  expect(counters.length).toBeLessThanOrEqual(1 + Math.ceil(elapsed / 500));
  const times = counters.map((m) => m.countedAt);
  // Node may run a timer a millisecond before its due time by the wall clock.
  for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(499);
});

test('pins and the status reach the other instance', async () => {
  const { roomId, feed } = await watchOnB('watcher');
  a.productPinned(roomId, { productId: 'p1', flashPriceMinor: 990, flashQuantity: 100, flashLeft: 100, endsAt: Date.now() + 60_000 });
  a.status(roomId, 'ENDED');
  const seen = await receive(feed, (s) => s.some((m) => m.kind === 'STATUS' && m.status === 'ENDED'));
  expect(seen).toEqual([
    { kind: 'PRODUCT_PINNED', pin: expect.objectContaining({ productId: 'p1', flashLeft: 100 }) },
    { kind: 'STATUS', status: 'ENDED' },
  ]);
});

test('a rights change announced on one instance ends the watch of the barred watcher on the other, and only theirs', async () => {
  const { roomId, feed: barredFeed } = await watchOnB('barred-watcher');
  const other = await b.watch(roomId, 'other-watcher');
  barred.add('barred-watcher');
  const ended = barredFeed.next();
  a.rightsChanged(roomId, ['barred-watcher']);
  await expect(ended).rejects.toThrow('You can no longer watch this live room');
  a.comment(roomId, { id: 'after', authorId: 'writer', body: 'still on', createdAt: Date.now() });
  expect(bodies(await receive(other, (s) => bodies(s).length > 0))).toEqual(['still on']);
  expect(b.watchers(roomId)).toBe(1);
});
