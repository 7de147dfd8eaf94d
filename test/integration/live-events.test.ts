import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { operationText, startTestApp, type TestApp } from '../helpers/app';
import { people, type Person } from '../helpers/people';
import { listProduct, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import { twoInstancesSharingRedis } from '../helpers/redis';
import {
  AllowLiveHostDocument,
  ApproveJoinRequestDocument,
  BanMemberDocument,
  EndLiveDocument,
  JoinGroupDocument,
  JoinRoomDocument,
  LeaveGroupDocument,
  LikeRoomDocument,
  LivePlaceOrderDocument,
  LiveRoomEventsDocument,
  MuteInRoomDocument,
  PinCommentDocument,
  PinProductDocument,
  ScheduleLiveRoomDocument,
  SendLiveCommentDocument,
  StartLiveDocument,
  UnpinProductDocument,
  UpdateGroupVisibilityDocument,
  VisibilityBlockDocument,
  VisibilityCreateGroupDocument,
  VisibilityRemoveMemberDocument,
  type GroupVisibility,
  type LiveRoomEventsSubscription,
} from '../generated/graphql';

/**
 * liveRoomEvents end to end: real graphql-ws connections to the API over a real Neo4j, the room
 * driven through the API as a host, moderators and viewers drive it.
 */
jest.setTimeout(180_000);

type LiveEvent = LiveRoomEventsSubscription['liveRoomEvents'];
const run = Date.now().toString(36);
let keys = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Rights changes are pushed: a watch they end ends within moments, not at the periodic re-check (LIVE_RIGHTS_RECHECK_MS, 30 s). */
const soon = <T>(promise: Promise<T>, ms = 5_000): Promise<T> => Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`not within ${ms} ms`)))]);

/**
 * One watcher's subscription: every event it received, and how it ended. started resolves once the
 * server attached the subscription to the room (its "subscribed" ping, as collect() waits for it).
 */
function watchRoom(client: Client, roomId: string) {
  const seen: LiveEvent[] = [];
  const tag = `collect-${randomUUID()}`;
  let startedResolve!: () => void;
  const started = new Promise<void>((r) => (startedResolve = r));
  const offPing = client.on('ping', (received, payload) => {
    if (received && (payload as { subscribed?: string } | undefined)?.subscribed === tag) startedResolve();
  });
  void started.then(offPing);
  let endedResolve!: (how: { completed: true } | { errors: unknown }) => void;
  const ended = new Promise<{ completed: true } | { errors: unknown }>((r) => (endedResolve = r));
  const stop = client.subscribe<LiveRoomEventsSubscription>(
    { query: operationText(LiveRoomEventsDocument), variables: { roomId }, extensions: { collectTag: tag } },
    {
      next: (value) => {
        if (value.errors) endedResolve({ errors: value.errors });
        else seen.push(value.data!.liveRoomEvents);
      },
      error: (errors) => endedResolve({ errors }),
      complete: () => endedResolve({ completed: true }),
    },
  );
  /** Waits until what was received satisfies the check. */
  const until = async (check: (events: LiveEvent[]) => boolean, timeoutMs = 15_000): Promise<LiveEvent[]> => {
    const deadline = Date.now() + timeoutMs;
    while (!check(seen)) {
      if (Date.now() > deadline) throw new Error(`timed out with ${JSON.stringify(seen).slice(0, 1500)}`);
      await sleep(25);
    }
    return seen;
  };
  return { seen, started, ended, until, stop };
}

const commentBodies = (events: LiveEvent[]) => events.flatMap((e) => (e.__typename === 'LiveCommentsAdded' ? e.comments.map((c) => c.body) : []));
const ofType = <K extends LiveEvent['__typename']>(events: LiveEvent[], kind: K) => events.filter((e): e is Extract<LiveEvent, { __typename: K }> => e.__typename === kind);
/** How the stream ended with an error: its extensions.code. */
const endCode = (how: { completed: true } | { errors: unknown }) => ('errors' in how ? JSON.stringify(how.errors).match(/"code":"([A-Z_]+)"/)?.[1] : 'COMPLETED');

/** A world of one merchant and its products, on one API instance (or two sharing Redis). */
function world(app: () => TestApp) {
  let merchant: Person;
  let admin: Person;
  const setUp = async () => {
    admin = await signUpAdmin(app(), `live-events-${run}-${randomUUID().slice(0, 6)}@example.com`);
    merchant = await signUpMerchant(app(), admin, `live_events_shop_${randomUUID().slice(0, 6)}`);
  };
  /** A LIVE room of the host featuring a fresh product (its id returned beside the room's). */
  const liveRoom = async (host: Person, groupId: string | null = null, priceMinor = 10000) => {
    const t = app();
    const productId = await listProduct(t, merchant, { priceMinor, stock: 500 });
    await t.ok(AllowLiveHostDocument, { hostId: host.id }, merchant.token);
    const input = { title: 'Evening skincare live', coverUrl: 'https://img.example.com/c.jpg', streamUrl: 'https://live.example.com/r.m3u8', scheduledStartAt: new Date(Date.now() + 60_000).toISOString(), productIds: [productId], groupId };
    const room = (await t.ok(ScheduleLiveRoomDocument, { input }, host.token)).scheduleLiveRoom.liveRoom!;
    await t.ok(StartLiveDocument, { roomId: room.id }, host.token);
    return { roomId: room.id, productId };
  };
  return { setUp, liveRoom };
}

function buy(t: TestApp, who: Person, productId: string, roomId: string) {
  return t.ok(LivePlaceOrderDocument, { input: { items: [{ productId, qty: 1 }], context: { liveRoomId: roomId, ifFlashSoldOut: 'PAY_REGULAR_PRICE' }, idempotencyKey: `live-events-${run}-${++keys}` } }, who.token);
}

describe('one instance', () => {
  let t: TestApp;
  const w = world(() => t);
  beforeAll(async () => {
    t = await startTestApp();
    await w.setUp();
  });
  afterAll(() => t?.close());

  test('a watcher receives comments in order, comment pins, product pins with the flash stock falling as others buy, the counters coalesced, and ENDED, then the stream completes', async () => {
    const { host, viewer, ann, bob, cat, dan } = await people(t, ['host', 'viewer', 'ann', 'bob', 'cat', 'dan']);
    const { roomId, productId } = await w.liveRoom(host);
    const watcher = watchRoom(t.ws(viewer.token), roomId);
    await watcher.started;

    // Presence: the viewer's entry is a viewer count.
    await t.ok(JoinRoomDocument, { roomId }, viewer.token);
    await watcher.until((e) => ofType(e, 'LiveCountersChanged').some((c) => c.viewerCount === 1));

    // Comments from several people, each after the last was written: delivered all and in that order.
    const said = ['first!', 'how much is it?', 'is it for dry skin?', 'ordered two', 'love this host', 'again please'];
    const speakers = [ann, bob, cat, dan, ann, bob];
    const ids: string[] = [];
    for (const [i, body] of said.entries()) {
      if (i === 4) await sleep(1100); // about one comment a second per person
      ids.push((await t.ok(SendLiveCommentDocument, { roomId, body }, speakers[i]!.token)).sendLiveComment.comment!.id);
    }
    await watcher.until((e) => commentBodies(e).length === said.length);
    expect(commentBodies(watcher.seen)).toEqual(said);
    expect(ofType(watcher.seen, 'LiveCommentsAdded').flatMap((m) => m.comments.map((c) => c.author.id))).toEqual(speakers.map((p) => p.id));

    // A pinned comment arrives with its text; unpinning says so.
    await t.ok(PinCommentDocument, { roomId, commentId: ids[1] }, host.token);
    await watcher.until((e) => ofType(e, 'LiveCommentPinChanged').length === 1);
    await t.ok(PinCommentDocument, { roomId, commentId: null }, host.token);
    await watcher.until((e) => ofType(e, 'LiveCommentPinChanged').length === 2);
    expect(ofType(watcher.seen, 'LiveCommentPinChanged').map((p) => p.comment)).toEqual([{ id: ids[1], body: 'how much is it?' }, null]);

    // A flash pin: its terms and countdown, then the stock left falling with each purchase (pushed
    // at most every 500 ms, so the buyers wait between orders for each step to show).
    await t.ok(PinProductDocument, { input: { roomId, productId, flashPriceMinor: 4900, flashQuantity: 3, seconds: 300 } }, host.token);
    const [pinned] = ofType(await watcher.until((e) => ofType(e, 'LiveProductPinChanged').length === 1), 'LiveProductPinChanged');
    expect(pinned!.pin).toMatchObject({ product: { id: productId }, flashPrice: { amountMinor: 4900 }, flashQuantity: 3, flashLeft: 3, isFlashActive: true });
    expect(Date.parse(pinned!.pin!.flashEndsAt!)).toBeGreaterThan(Date.now() + 200_000);
    for (const buyer of [ann, bob, cat]) {
      await buy(t, buyer, productId, roomId);
      await sleep(600);
    }
    await watcher.until((e) => ofType(e, 'LiveCountersChanged').some((c) => c.flashLeft === 0));
    const flashLeft = ofType(watcher.seen, 'LiveCountersChanged').flatMap((c) => (c.flashLeft === null ? [] : [c.flashLeft]));
    expect(flashLeft).toEqual([2, 1, 0]);
    const purchases = ofType(watcher.seen, 'LiveCountersChanged').flatMap((c) => (c.purchaseCount === null ? [] : [c.purchaseCount]));
    expect(purchases).toEqual([1, 2, 3]);
    // Past the flash units, an order pays the regular price: the purchase counter still moves.
    await buy(t, dan, productId, roomId);
    await watcher.until((e) => ofType(e, 'LiveCountersChanged').some((c) => c.purchaseCount === 4));

    // Twelve likes at once: one push at once, then at most one per 500 ms while they land (on a
    // quiet machine within a moment, so one or two), the last with every tap.
    await sleep(600);
    const before = ofType(watcher.seen, 'LiveCountersChanged').length;
    const liking = Date.now();
    await Promise.all([ann, bob, cat, dan].flatMap((p) => [1, 2, 3].map(() => t.ok(LikeRoomDocument, { roomId, taps: 1 }, p.token))));
    const likedWithin = Date.now() - liking;
    await watcher.until((e) => ofType(e, 'LiveCountersChanged').some((c) => c.likeCount === 12));
    await sleep(700);
    const likePushes = ofType(watcher.seen, 'LiveCountersChanged').slice(before).filter((c) => c.likeCount !== null);
    expect(likePushes.length).toBeLessThanOrEqual(Math.min(11, 2 + Math.ceil(likedWithin / 500)));
    expect(likePushes.at(-1)!.likeCount).toBe(12);
    const times = ofType(watcher.seen, 'LiveCountersChanged').map((c) => Date.parse(c.countedAt));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(499);

    // The product unpinned, then the room ended: ENDED is the last event and the stream completes.
    await t.ok(UnpinProductDocument, { roomId }, host.token);
    await watcher.until((e) => ofType(e, 'LiveProductPinChanged').length === 2);
    expect(ofType(watcher.seen, 'LiveProductPinChanged')[1]!.pin).toBeNull();
    await t.ok(EndLiveDocument, { roomId }, host.token);
    expect(await soon(watcher.ended)).toEqual({ completed: true });
    expect(watcher.seen.at(-1)).toEqual({ __typename: 'LiveRoomStatusChanged', status: 'ENDED' });
  });

  test('a muted viewer keeps watching but cannot comment', async () => {
    const { host, muted, ann } = await people(t, ['host', 'muted', 'ann']);
    const { roomId } = await w.liveRoom(host);
    const watcher = watchRoom(t.ws(muted.token), roomId);
    await watcher.started;
    await t.ok(MuteInRoomDocument, { input: { roomId, userId: muted.id, minutes: 10 } }, host.token);
    expect((await t.answer(SendLiveCommentDocument, { roomId, body: 'let me speak' }, muted.token)).sendLiveComment.userErrors[0]?.code).toBe('MUTED');
    await t.ok(SendLiveCommentDocument, { roomId, body: 'still here for everyone' }, ann.token);
    await watcher.until((e) => commentBodies(e).length === 1);
    expect(commentBodies(watcher.seen)).toEqual(['still here for everyone']);
    watcher.stop();
  });

  test('a block with the host ends the watch with FORBIDDEN, either way; a block with a commenter hides their comments', async () => {
    const { host, blocker, blocked, other, troll } = await people(t, ['host', 'blocker', 'blocked', 'other', 'troll']);
    const { roomId } = await w.liveRoom(host);
    const byViewer = watchRoom(t.ws(blocker.token), roomId);
    const byHost = watchRoom(t.ws(blocked.token), roomId);
    const bystander = watchRoom(t.ws(other.token), roomId);
    await Promise.all([byViewer.started, byHost.started, bystander.started]);

    await t.ok(VisibilityBlockDocument, { id: troll.id }, other.token);
    await t.ok(SendLiveCommentDocument, { roomId, body: 'troll says hi' }, troll.token);
    await t.ok(SendLiveCommentDocument, { roomId, body: 'host says hi' }, host.token);
    await bystander.until((e) => commentBodies(e).includes('host says hi'));
    expect(commentBodies(bystander.seen)).toEqual(['host says hi']);

    await t.ok(VisibilityBlockDocument, { id: host.id }, blocker.token);
    await t.ok(VisibilityBlockDocument, { id: blocked.id }, host.token);
    expect(endCode(await soon(byViewer.ended))).toBe('FORBIDDEN');
    expect(endCode(await soon(byHost.ended))).toBe('FORBIDDEN');
    await t.ok(SendLiveCommentDocument, { roomId, body: 'after the blocks' }, other.token);
    await bystander.until((e) => commentBodies(e).includes('after the blocks'));
    expect(commentBodies(byViewer.seen)).not.toContain('after the blocks');
    bystander.stop();
  });

  test("a member who leaves, is removed from or is banned from the room's CLOSED group stops watching; turning an OPEN group SECRET ends non-members' watch", async () => {
    const { host, leaver, removed, banned, staying, passerby } = await people(t, ['host', 'leaver', 'removed', 'banned', 'staying', 'passerby']);
    const createGroup = async (name: string, visibility: GroupVisibility) => (await t.ok(VisibilityCreateGroupDocument, { input: { name: `${name} ${run}`, description: 'Live club', visibility, rules: '', topics: [], isPremoderated: false } }, host.token)).createGroup.group!.id;
    const closed = await createGroup('live closed club', 'CLOSED');
    for (const member of [leaver, removed, banned, staying]) {
      await t.ok(JoinGroupDocument, { id: closed }, member.token);
      await t.ok(ApproveJoinRequestDocument, { g: closed, u: member.id }, host.token);
    }
    const { roomId } = await w.liveRoom(host, closed);
    const watchers = Object.fromEntries([leaver, removed, banned, staying].map((p) => [p.id, watchRoom(t.ws(p.token), roomId)]));
    await Promise.all(Object.values(watchers).map((x) => x.started));

    await t.ok(LeaveGroupDocument, { id: closed }, leaver.token);
    await t.ok(VisibilityRemoveMemberDocument, { g: closed, u: removed.id }, host.token);
    await t.ok(BanMemberDocument, { g: closed, u: banned.id, reason: 'spam' }, host.token);
    for (const gone of [leaver, removed, banned]) expect(endCode(await soon(watchers[gone.id]!.ended))).toBe('FORBIDDEN');
    await t.ok(SendLiveCommentDocument, { roomId, body: 'members only now' }, host.token);
    await watchers[staying.id]!.until((e) => commentBodies(e).includes('members only now'));
    for (const gone of [leaver, removed, banned]) expect(commentBodies(watchers[gone.id]!.seen)).not.toContain('members only now');

    // An OPEN group's room is anyone's to watch, until the group turns SECRET.
    const open = await createGroup('live open club', 'OPEN');
    const openRoom = await w.liveRoom(host, open);
    const outsider = watchRoom(t.ws(passerby.token), openRoom.roomId);
    await outsider.started;
    await t.ok(UpdateGroupVisibilityDocument, { id: open, visibility: 'SECRET' }, host.token);
    expect(endCode(await soon(outsider.ended))).toBe('FORBIDDEN');
    watchers[staying.id]!.stop();
  });

  test("a viewer who may not see the room (a CLOSED group's, as a non-member) cannot subscribe", async () => {
    const { host, outsider } = await people(t, ['host', 'outsider']);
    const group = (await t.ok(VisibilityCreateGroupDocument, { input: { name: `live secret ${run}`, description: 'Hidden', visibility: 'SECRET', rules: '', topics: [], isPremoderated: false } }, host.token)).createGroup.group!.id;
    const { roomId } = await w.liveRoom(host, group);
    const watcher = watchRoom(t.ws(outsider.token), roomId);
    expect(endCode(await watcher.ended)).toBe('NOT_FOUND');
  });
});

describe('two instances sharing Redis', () => {
  const pair = twoInstancesSharingRedis();
  const w = world(() => pair.a);
  beforeAll(() => w.setUp());

  test('a watcher on one instance receives what happens through the other: comments in order, pins, counters, a block ending the watch, and ENDED completing the stream', async () => {
    const { a, b } = pair;
    const { host, viewer, barred, ann, bob } = await people(a, ['host', 'viewer', 'barred', 'ann', 'bob']);
    const { roomId, productId } = await w.liveRoom(host);
    const watcher = watchRoom(b.ws(viewer.token), roomId);
    const leaving = watchRoom(b.ws(barred.token), roomId);
    await Promise.all([watcher.started, leaving.started]);

    const said = ['hello from a', 'second', 'third'];
    for (const [i, body] of said.entries()) await a.ok(SendLiveCommentDocument, { roomId, body }, [ann, bob, host][i]!.token);
    await watcher.until((e) => commentBodies(e).length === said.length);
    expect(commentBodies(watcher.seen)).toEqual(said);

    await a.ok(PinProductDocument, { input: { roomId, productId, flashPriceMinor: 5900, flashQuantity: 2 } }, host.token);
    await watcher.until((e) => ofType(e, 'LiveProductPinChanged').length === 1);
    expect(ofType(watcher.seen, 'LiveProductPinChanged')[0]!.pin).toMatchObject({ product: { id: productId }, flashLeft: 2 });
    await buy(a, ann, productId, roomId);
    await watcher.until((e) => ofType(e, 'LiveCountersChanged').some((c) => c.flashLeft === 1 && c.purchaseCount === 1));

    // The block is made through instance A; the watch on B ends, the other goes on.
    await a.ok(VisibilityBlockDocument, { id: barred.id }, host.token);
    expect(endCode(await soon(leaving.ended))).toBe('FORBIDDEN');

    await a.ok(EndLiveDocument, { roomId }, host.token);
    expect(await soon(watcher.ended)).toEqual({ completed: true });
    expect(watcher.seen.at(-1)).toEqual({ __typename: 'LiveRoomStatusChanged', status: 'ENDED' });
  });
});
