import { readFileSync } from 'node:fs';
import { percentile, round2 } from './latency';
import { atRate, openSwarm } from './live-swarm';
import { pool } from './load';
import type { TargetRow } from './targets';

/**
 * The live-room rows of `npm run bench` (issue 16): a room watched by many graphql-ws subscribers
 * while comments and purchases stream in, and a flash sale raced by many buyers. The API runs as
 * its own process; the rows read its RSS from /proc.
 */

export interface LiveBenchSettings {
  /** graphql-ws subscribers of the room. */
  watchers: number;
  /** Watchers that time every message (the others only count them). */
  probes: number;
  commentsPerSecond: number;
  purchasesPerSecond: number;
  seconds: number;
  flashBuyers: number;
  flashUnits: number;
}

export const LIVE_DEFAULTS: LiveBenchSettings = { watchers: 5000, probes: 100, commentsPerSecond: 50, purchasesPerSecond: 20, seconds: 30, flashBuyers: 500, flashUnits: 100 };

/** The delivery delay the issue sets for comments and counter updates, p99. */
export const LIVE_DELIVERY_TARGET_MS = 250;

/**
 * BENCH_LIVE_SUBSCRIBERS, BENCH_LIVE_PROBES, BENCH_LIVE_COMMENTS_PER_SECOND,
 * BENCH_LIVE_PURCHASES_PER_SECOND, BENCH_LIVE_SECONDS, BENCH_FLASH_BUYERS and BENCH_FLASH_UNITS, each
 * defaulting to the issue's figure. Probes are at most the watchers.
 */
export function liveSettingsFromEnv(env: NodeJS.ProcessEnv): LiveBenchSettings {
  const read = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, not ${raw}`);
    return value;
  };
  const watchers = read('BENCH_LIVE_SUBSCRIBERS', LIVE_DEFAULTS.watchers, 1);
  return {
    watchers,
    probes: Math.min(watchers, read('BENCH_LIVE_PROBES', LIVE_DEFAULTS.probes, 1)),
    commentsPerSecond: read('BENCH_LIVE_COMMENTS_PER_SECOND', LIVE_DEFAULTS.commentsPerSecond, 1),
    purchasesPerSecond: read('BENCH_LIVE_PURCHASES_PER_SECOND', LIVE_DEFAULTS.purchasesPerSecond, 1),
    seconds: read('BENCH_LIVE_SECONDS', LIVE_DEFAULTS.seconds, 1),
    flashBuyers: read('BENCH_FLASH_BUYERS', LIVE_DEFAULTS.flashBuyers, 1),
    flashUnits: read('BENCH_FLASH_UNITS', LIVE_DEFAULTS.flashUnits, 1),
  };
}

export interface LiveActor {
  id: string;
  token: string;
}

/** How the bench drives a room: the room model's operations, given by the caller (over the API). */
export interface LiveRoomDriver {
  /** A LIVE room with a product pinned at a flash price for `flashUnits` units; returns its ids. */
  openRoom(flashUnits: number): Promise<{ roomId: string; productId: string }>;
  comment(actor: LiveActor, roomId: string, body: string): Promise<void>;
  /** One flash purchase, retried as a client would; whether it placed an order. */
  buy(actor: LiveActor, roomId: string, productId: string): Promise<boolean>;
  /** Flash orders stored for the room's pins of the product, and the flash units its pin has left, read from the database. */
  flashOrders(roomId: string, productId: string): Promise<{ orders: number; unitsLeft: number }>;
  ended(roomId: string): Promise<void>;
}

export interface LiveRoomRow {
  watchers: number;
  probes: number;
  seconds: number;
  comments: { sent: number; failed: number; deliveredToProbes: number; droppedAtProbes: number; expectedAtProbes: number; p50: number; p99: number; fromSendP99: number };
  counters: { updates: number; p50: number; p99: number; purchaseToCounterP99: number };
  purchases: { sent: number; failed: number };
  messagesReceived: number;
  watchersFailed: number;
  rssMb: number;
  peakRssMb: number;
}

export interface FlashSaleRow {
  buyers: number;
  units: number;
  /** Purchases answered with an order. */
  orders: number;
  /** Flash orders in the database afterwards. */
  flashOrdersStored: number;
  unitsLeft: number;
  p50: number;
  p95: number;
  errors: number;
}

export type Failed = { failed: string };

function rssOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024);
  return { rssMb: mb('VmRSS'), peakRssMb: mb('VmHWM') };
}

const SUBSCRIPTION = `subscription($roomId: ID!) { liveRoomEvents(roomId: $roomId) {
  __typename
  ... on LiveCommentsAdded { comments { id body } droppedCommentCount }
  ... on LiveCountersChanged { viewerCount likeCount purchaseCount flashLeft countedAt }
  ... on LiveProductPinChanged { pin { flashLeft } }
  ... on LiveRoomStatusChanged { status }
} }`;

type Pushed = { liveRoomEvents?: { __typename: string; comments?: { body: string }[]; droppedCommentCount?: number; countedAt?: string; purchaseCount?: number | null } };

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: readonly number[], q: number) => round2(percentile(sorted(xs), q));

/**
 * The room row: `watchers` subscribers of one LIVE room while comments and flash purchases are sent
 * at their rates. A comment's delay is from its mutation's answer to a probe receiving it (one
 * delivered before the answer, as it is published when the write commits, counts as 0); a counter
 * update's from the server counting it (countedAt) to its arrival.
 */
export async function liveRoomRow(s: LiveBenchSettings, wsUrl: string, apiPid: number, driver: LiveRoomDriver, watcherTokens: readonly string[], commenters: readonly LiveActor[], buyers: readonly LiveActor[], log: (message: string) => void): Promise<LiveRoomRow> {
  const { roomId, productId } = await driver.openRoom(Math.ceil(s.purchasesPerSecond * s.seconds * 2));
  const comments = new Map<number, { sent: number; answered: number }>();
  const commentDelays: number[] = [];
  const commentFromSend: number[] = [];
  const counterDelays: number[] = [];
  const purchaseToCounter: number[] = [];
  /** When each placed purchase was answered, in the order answered. */
  const purchaseAnswers: number[] = [];
  let counterUpdates = 0;
  let deliveredToProbes = 0;
  let droppedAtProbes = 0;
  /** Per probe, how many purchases its counters already showed, so each purchase is timed once per probe. */
  const probeSeen = new Map<number, number>();
  const onProbeMessage = (data: unknown, arrivedAt: number, probe: number) => {
    const event = (data as Pushed | undefined)?.liveRoomEvents;
    if (!event) return;
    if (event.__typename === 'LiveCommentsAdded') {
      droppedAtProbes += event.droppedCommentCount ?? 0;
      for (const c of event.comments ?? []) {
        const seq = /#(\d+)$/.exec(c.body);
        const at = seq ? comments.get(Number(seq[1])) : undefined;
        if (!at) continue;
        deliveredToProbes++;
        commentDelays.push(at.answered ? Math.max(0, arrivedAt - at.answered) : 0);
        commentFromSend.push(arrivedAt - at.sent);
      }
    } else if (event.__typename === 'LiveCountersChanged' && event.countedAt) {
      counterUpdates++;
      counterDelays.push(Math.max(0, performance.timeOrigin + arrivedAt - Date.parse(event.countedAt)));
      if (typeof event.purchaseCount === 'number') {
        const seen = probeSeen.get(probe) ?? 0;
        const now = Math.min(event.purchaseCount, purchaseAnswers.length);
        for (let i = seen; i < now; i++) purchaseToCounter.push(Math.max(0, arrivedAt - purchaseAnswers[i]!));
        probeSeen.set(probe, Math.max(seen, now));
      }
    }
  };
  log(`live room: connecting ${s.watchers} graphql-ws watchers (${s.probes} probes)`);
  const swarm = await openSwarm({ wsUrl, tokens: watcherTokens, watchers: s.watchers, probes: s.probes, query: SUBSCRIPTION, variables: { roomId }, onProbeMessage });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    log(`live room: ${s.commentsPerSecond} comments/s and ${s.purchasesPerSecond} purchases/s for ${s.seconds} s`);
    let commentsFailed = 0;
    let purchasesFailed = 0;
    let purchasesSent = 0;
    await Promise.all([
      atRate(s.commentsPerSecond, s.seconds, async (i) => {
        const at = { sent: performance.now(), answered: 0 };
        comments.set(i, at);
        try {
          await driver.comment(commenters[i % commenters.length]!, roomId, `bench comment #${i}`);
          at.answered = performance.now();
        } catch {
          commentsFailed++;
          comments.delete(i);
        }
      }),
      atRate(s.purchasesPerSecond, s.seconds, async (i) => {
        purchasesSent++;
        try {
          if (await driver.buy(buyers[i % buyers.length]!, roomId, productId)) purchaseAnswers.push(performance.now());
          else purchasesFailed++;
        } catch {
          purchasesFailed++;
        }
      }),
    ]);
    // Counters go out at most every interval (500 ms): wait for the last ones.
    await new Promise((r) => setTimeout(r, 3000));
    const rss = rssOf(apiPid);
    const sent = Math.round(s.commentsPerSecond * s.seconds);
    return {
      watchers: s.watchers,
      probes: s.probes,
      seconds: s.seconds,
      comments: { sent, failed: commentsFailed, deliveredToProbes, droppedAtProbes, expectedAtProbes: (sent - commentsFailed) * s.probes, p50: p(commentDelays, 50), p99: p(commentDelays, 99), fromSendP99: p(commentFromSend, 99) },
      counters: { updates: counterUpdates, p50: p(counterDelays, 50), p99: p(counterDelays, 99), purchaseToCounterP99: p(purchaseToCounter, 99) },
      purchases: { sent: purchasesSent, failed: purchasesFailed },
      messagesReceived: swarm.received(),
      watchersFailed: swarm.failed(),
      ...rss,
    };
  } finally {
    await swarm.close();
    await driver.ended(roomId);
  }
}

/** The flash-sale row: `flashBuyers` buyers at once for `flashUnits` flash units; the orders stored are counted in the database. */
export async function flashSaleRow(s: LiveBenchSettings, driver: LiveRoomDriver, buyers: readonly LiveActor[], log: (message: string) => void): Promise<FlashSaleRow> {
  const { roomId, productId } = await driver.openRoom(s.flashUnits);
  const latencies: number[] = [];
  let errors = 0;
  log(`flash sale: ${s.flashBuyers} concurrent buyers of ${s.flashUnits} units`);
  try {
    const outcomes = await pool(Array.from({ length: s.flashBuyers }, (_, i) => buyers[i % buyers.length]!), s.flashBuyers, async (buyer) => {
      const t0 = performance.now();
      try {
        return await driver.buy(buyer, roomId, productId);
      } catch {
        errors++;
        return false;
      } finally {
        latencies.push(performance.now() - t0);
      }
    });
    const stored = await driver.flashOrders(roomId, productId);
    return { buyers: s.flashBuyers, units: s.flashUnits, orders: outcomes.filter(Boolean).length, flashOrdersStored: stored.orders, unitsLeft: stored.unitsLeft, p50: p(latencies, 50), p95: p(latencies, 95), errors };
  } finally {
    await driver.ended(roomId);
  }
}

/** Whether the flash sale sold exactly its units: as many orders answered as stored as units, none left. */
export const soldExactly = (f: FlashSaleRow) => f.orders === f.units && f.flashOrdersStored === f.units && f.unitsLeft === 0;

/** The issue's targets for the two rows. A row that failed, or whose deliveries fell short, meets none. */
export function liveTargets(room: LiveRoomRow | Failed, flash: FlashSaleRow | Failed): TargetRow[] {
  const ms = (x: number) => `${x} ms`;
  const rows: TargetRow[] = [];
  const target = `≤ ${LIVE_DELIVERY_TARGET_MS} ms`;
  if ('failed' in room) {
    rows.push({ measure: 'live room: comment delivery delay, p99 (issue 16)', target, actual: `failed: ${room.failed}`, met: false });
    rows.push({ measure: 'live room: counter update delivery delay, p99 (issue 16)', target, actual: `failed: ${room.failed}`, met: false });
  } else {
    // Comments the server shed under overload are allowed (it sheds comments first), but they are shown.
    const complete = room.comments.deliveredToProbes + room.comments.droppedAtProbes >= room.comments.expectedAtProbes && room.comments.failed === 0 && room.watchersFailed === 0;
    const shortfall = complete ? '' : `; ${room.comments.deliveredToProbes}/${room.comments.expectedAtProbes} delivered, ${room.comments.droppedAtProbes} shed, ${room.comments.failed} refused, ${room.watchersFailed} watchers ended`;
    rows.push({
      measure: `live room: comment delivery delay to ${room.watchers} subscribers, p99 (issue 16)`,
      target,
      actual: `${ms(room.comments.p99)}${shortfall}`,
      met: complete && room.comments.deliveredToProbes > 0 && room.comments.p99 <= LIVE_DELIVERY_TARGET_MS,
    });
    rows.push({
      measure: `live room: counter update delivery delay to ${room.watchers} subscribers, p99 (issue 16)`,
      target,
      actual: room.counters.updates === 0 ? 'no counter update arrived' : ms(room.counters.p99),
      met: room.counters.updates > 0 && room.counters.p99 <= LIVE_DELIVERY_TARGET_MS,
    });
  }
  if ('failed' in flash) rows.push({ measure: 'flash sale: exactly the flash units sold (issue 16)', target: 'orders = units', actual: `failed: ${flash.failed}`, met: false });
  else
    rows.push({
      measure: `flash sale: ${flash.buyers} concurrent buyers of ${flash.units} units (issue 16)`,
      target: `exactly ${flash.units} flash orders; p95 reported`,
      actual: `${flash.orders} answered, ${flash.flashOrdersStored} stored, ${flash.unitsLeft} left; p95 ${ms(flash.p95)}${flash.errors ? `; ${flash.errors} errors` : ''}`,
      met: soldExactly(flash),
    });
  return rows;
}

export function liveRowsMarkdown(room: LiveRoomRow | Failed, flash: FlashSaleRow | Failed): string {
  const lines = ['## Live rooms (issue 16)', ''];
  if ('failed' in room) lines.push(`Live room row failed: ${room.failed}.`);
  else
    lines.push(
      `Live room: ${room.watchers} graphql-ws subscribers of one room (${room.probes} of them timing every message), ${room.comments.sent} comments and ${room.purchases.sent} flash purchases over ${room.seconds} s. ` +
        `Comments: ${room.comments.deliveredToProbes}/${room.comments.expectedAtProbes} delivered to the probes (${room.comments.droppedAtProbes} shed by the server, ${room.comments.failed} refused); from the comment mutation's answer to delivery p50 ${room.comments.p50} ms, **p99 ${room.comments.p99} ms** (from sending it, p99 ${room.comments.fromSendP99} ms). ` +
        `Counters: ${room.counters.updates} updates at the probes; from the server counting them (countedAt) to delivery p50 ${room.counters.p50} ms, **p99 ${room.counters.p99} ms**; from a purchase's answer to a counter showing it, p99 ${room.counters.purchaseToCounterP99} ms (the 500 ms coalescing interval included). ` +
        `Purchases: ${room.purchases.sent - room.purchases.failed}/${room.purchases.sent} placed. ${room.messagesReceived} messages received in all, ${room.watchersFailed} subscriptions ended early. API RSS ${room.rssMb} MB at the end, peak ${room.peakRssMb} MB.`,
    );
  lines.push('');
  if ('failed' in flash) lines.push(`Flash sale row failed: ${flash.failed}.`);
  else
    lines.push(
      `Flash sale: ${flash.buyers} concurrent buyers of ${flash.units} flash units: ${flash.orders} purchases answered with an order, ${flash.flashOrdersStored} flash orders stored, ${flash.unitsLeft} units left (${soldExactly(flash) ? 'exactly the units' : '**not the units**'}), ${flash.errors} errors; order latency (retries of a busy answer included) p50 ${flash.p50} ms, **p95 ${flash.p95} ms**.`,
    );
  lines.push('');
  return lines.join('\n');
}
