import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import type { LiveActor, LiveRoomDriver } from './live';

/**
 * The live rows' driver over the API, as a host and buyers use it: the host schedules a room with
 * one product, goes live and pins it with a flash price; buyers place orders in the room, retrying
 * a busy answer (SERVICE_UNAVAILABLE, the database queueing a hot pin's orders) with the same
 * idempotency key, which never places a second order. The database is read only to set the stage
 * (the merchant's allowance, stock for the whole run) and to count the flash orders stored.
 */

type Answer<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<Answer<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as Answer<T>;
}

/** The mutation's payload; throws on an error or a refusal (userErrors). */
async function mutate<T extends { userErrors: { code: string; message: string }[] }>(url: string, field: string, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const answer = await post<Record<string, T>>(url, query, variables, token);
  if (answer.errors?.length) throw new Error(`${field}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
  const payload = answer.data![field]!;
  if (payload.userErrors.length) throw new Error(`${field} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

const SCHEDULE = `mutation($input: ScheduleLiveRoomInput!) { scheduleLiveRoom(input: $input) { liveRoom { id } userErrors { code message } } }`;
const START = `mutation($id: ID!) { startLive(input: { roomId: $id }) { liveRoom { id } userErrors { code message } } }`;
const END = `mutation($id: ID!) { endLive(input: { roomId: $id }) { liveRoom { id } userErrors { code message } } }`;
const PIN = `mutation($input: PinProductInput!) { pinProduct(input: $input) { liveRoom { id } userErrors { code message } } }`;
const COMMENT = `mutation($roomId: ID!, $body: String!) { sendLiveComment(input: { roomId: $roomId, body: $body }) { comment { id } userErrors { code message } } }`;
const BUY = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code message } } }`;

export interface LiveApiOptions {
  url: string;
  driver: Driver;
  database?: string;
  host: LiveActor;
  productId: string;
  /** Attempts per purchase while the answer is SERVICE_UNAVAILABLE. */
  attempts?: number;
}

export function liveApiDriver(o: LiveApiOptions): LiveRoomDriver {
  const run = (query: string, params: Record<string, unknown>) => o.driver.executeQuery(query, params, { database: o.database });
  const attempts = o.attempts ?? 8;
  return {
    async openRoom(flashUnits) {
      // The product's merchant allows the host, and the product has stock for every purchase of the run.
      const stage = await run(
        `MATCH (p:Product {id: $productId})<-[:SELLS]-(m:User), (h:User {id: $hostId})
         MERGE (m)-[a:ALLOWS_LIVE_HOST]->(h) ON CREATE SET a.since = timestamp()
         SET p.stock = 100000000
         RETURN p.priceMinor AS price`,
        { productId: o.productId, hostId: o.host.id },
      );
      const price = Number(stage.records[0]?.get('price'));
      if (!Number.isFinite(price)) throw new Error(`no product ${o.productId} with a merchant`);
      const input = { title: `Bench live ${new Date().toISOString()}`, coverUrl: 'https://img.example.com/bench.jpg', streamUrl: 'https://live.example.com/bench.m3u8', scheduledStartAt: new Date(Date.now() + 60_000).toISOString(), productIds: [o.productId] };
      const roomId = (await mutate<{ liveRoom: { id: string }; userErrors: [] }>(o.url, 'scheduleLiveRoom', SCHEDULE, { input }, o.host.token)).liveRoom.id;
      await mutate(o.url, 'startLive', START, { id: roomId }, o.host.token);
      await mutate(o.url, 'pinProduct', PIN, { input: { roomId, productId: o.productId, flashPriceMinor: Math.max(1, Math.floor(price / 2)), flashQuantity: flashUnits } }, o.host.token);
      return { roomId, productId: o.productId };
    },
    async comment(actor, roomId, body) {
      await mutate(o.url, 'sendLiveComment', COMMENT, { roomId, body }, actor.token);
    },
    async buy(actor, roomId, productId) {
      const input = { items: [{ productId, qty: 1 }], context: { liveRoomId: roomId }, idempotencyKey: randomUUID() };
      for (let attempt = 1; ; attempt++) {
        const answer = await post<{ placeOrder: { order: { id: string } | null; userErrors: { code: string }[] } }>(o.url, BUY, { input }, actor.token);
        const busy = answer.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
        if (busy && attempt < attempts) {
          await new Promise((r) => setTimeout(r, 100 * attempt));
          continue;
        }
        if (answer.errors?.length) throw new Error(`placeOrder: ${JSON.stringify(answer.errors).slice(0, 300)}`);
        // FLASH_SOLD_OUT (or any refusal) is an answer without an order.
        return answer.data!.placeOrder.order !== null;
      }
    },
    async flashOrders(roomId, productId) {
      const result = await run(
        `MATCH (:LiveRoom {id: $roomId})-[:PINNED]->(pin:LivePin {productId: $productId})
         RETURN sum(COUNT { (:Order)-[:FLASH_OF]->(pin) }) AS orders, sum(pin.flashLeft) AS unitsLeft`,
        { roomId, productId },
      );
      const record = result.records[0];
      return { orders: neo4j.integer.toNumber(record?.get('orders') ?? 0), unitsLeft: neo4j.integer.toNumber(record?.get('unitsLeft') ?? 0) };
    },
    async ended(roomId) {
      await mutate(o.url, 'endLive', END, { id: roomId }, o.host.token);
    },
  };
}
