import { startTestApp, type TestApp } from '../helpers/app';
import { people, type Person } from '../helpers/people';
import { listProduct, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import { computeInfluence } from '../../src/influence/job';
import {
  AllowLiveHostDocument,
  FraudOrderFlagsDocument,
  JoinRoomDocument,
  LivePlaceOrderDocument,
  RefundOrderDocument,
  ScheduleLiveRoomDocument,
  StartLiveDocument,
  UserInfluenceDocument,
} from '../generated/graphql';

/**
 * A live room's orders as growth numbers: they count in the host's influence conversions (left out
 * when held for fraud or refunded), and the VELOCITY fraud rule judges them against the people
 * watching the room rather than against a share link's limit.
 */
jest.setTimeout(180_000);

let t: TestApp;
let admin: Person;
let merchant: Person;
const run = Date.now().toString(36);
let keys = 0;
const PRICE = 12_800;

beforeAll(async () => {
  // A share link takes two orders a minute; a live room's link one a minute per viewer.
  t = await startTestApp({ FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE: '2', FRAUD_LIVE_ORDERS_PER_100_VIEWERS_PER_MINUTE: '100' });
  admin = await signUpAdmin(t, `live-growth-${run}@example.com`);
  merchant = await signUpMerchant(t, admin, `live_growth_${run}`);
});
afterAll(() => t.close());

async function liveRoom(host: Person) {
  const productId = await listProduct(t, merchant, { priceMinor: PRICE, stock: 100 });
  await t.ok(AllowLiveHostDocument, { hostId: host.id }, merchant.token);
  const input = { title: 'Live growth', coverUrl: 'https://img.example.com/c.jpg', streamUrl: 'https://live.example.com/r.m3u8', scheduledStartAt: new Date(Date.now() + 60_000).toISOString(), productIds: [productId] };
  const room = (await t.ok(ScheduleLiveRoomDocument, { input }, host.token)).scheduleLiveRoom.liveRoom!;
  await t.ok(StartLiveDocument, { roomId: room.id }, host.token);
  return { roomId: room.id, productId };
}

async function buy(who: Person, room: { roomId: string; productId: string }): Promise<string> {
  const input = { items: [{ productId: room.productId, qty: 1 }], context: { liveRoomId: room.roomId }, idempotencyKey: `live-growth-${run}-${++keys}` };
  return (await t.ok(LivePlaceOrderDocument, { input }, who.token)).placeOrder.order!.id;
}

const flagsOf = async (orderId: string) => (await t.ok(FraudOrderFlagsDocument, { id: orderId }, admin.token)).order!.fraudFlags;

test('a busy room is no click farm: as many orders a minute as it has viewers pass, the next is flagged; an empty room keeps the share-link limit', async () => {
  const crowd = await people(t, ['host', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'latecomer']);
  const busy = await liveRoom(crowd.host);
  const viewers = [crowd.v1, crowd.v2, crowd.v3, crowd.v4, crowd.v5, crowd.v6];
  for (const v of viewers) await t.ok(JoinRoomDocument, { roomId: busy.roomId }, v.token);
  const orders: string[] = [];
  for (const v of viewers) orders.push(await buy(v, busy));
  for (const id of orders) expect(await flagsOf(id)).toEqual([]);
  // A seventh order within the minute, from someone who is not watching: past six viewers' worth.
  const seventh = await buy(crowd.latecomer, busy);
  expect(await flagsOf(seventh)).toEqual([expect.objectContaining({ kind: 'VELOCITY', status: 'OPEN' })]);

  const { quietHost, a, b, c } = await people(t, ['quietHost', 'a', 'b', 'c']);
  const empty = await liveRoom(quietHost);
  const placed = [await buy(a, empty), await buy(b, empty), await buy(c, empty)];
  expect(await Promise.all(placed.map(async (id) => (await flagsOf(id)).map((f) => f.kind)))).toEqual([[], [], ['VELOCITY']]);
});

test("the room's orders count in the host's influence conversions, except those held for fraud and those refunded", async () => {
  const { host, a, b, c, d } = await people(t, ['host', 'a', 'b', 'c', 'd']);
  const room = await liveRoom(host);
  // Nobody joined: the share-link limit of two a minute holds, so the third order is held.
  const [kept, refunded, held] = [await buy(a, room), await buy(b, room), await buy(c, room)];
  expect((await flagsOf(held)).map((f) => f.kind)).toEqual(['VELOCITY']);
  expect(await flagsOf(kept)).toEqual([]);
  await t.ok(RefundOrderDocument, { id: refunded }, merchant.token);
  // An order through the room of another host is theirs, not this host's.
  const other = await people(t, ['otherHost']);
  await buy(d, await liveRoom(other.otherHost));

  await computeInfluence(t.db, { thresholds: { head: 1_000_000, waist: 100_000, tail: 4, kocMinEngagementRate: 0.5, kocMinConversions: 3, kocMinFollowers: 1 }, events: t.deps.events });
  const influence = async (who: Person) => (await t.ok(UserInfluenceDocument, { id: who.id })).user!.influence!;
  expect(await influence(host)).toMatchObject({ conversions: 1, gmv: [{ amountMinor: PRICE, currency: 'CNY' }] });
  expect((await influence(other.otherHost)).conversions).toBe(1);
});
