import 'reflect-metadata';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import neo4j from 'neo4j-driver';
import { createClient } from 'graphql-ws';
import { hashPassword } from '../accounts/passwords';
import { Database, toCypherParams, type Params } from '../db/database';
import { cypher } from '../db/cypher';
import { startLocalNeo4j } from '../db/local-neo4j';
import { migrate } from '../db/migrations';
import { importFile } from './import';
import { KIND, SEED_PASSWORD, SIZES, seedId, writeSeed } from './seed';
import { freePort } from '../common/net';
import { percentile, round2 } from './bench/latency';
import { loadApi, loadRaw, pool, type BenchRequest, type LoadSettings, type ScenarioResult } from './bench/load';
import { replay, toReplayPlan, type ReplayPlan } from './bench/replay';
import { evaluateTargets, S, type TargetRow } from './bench/targets';
import { SEARCH_SCENARIOS, searchTargets } from './bench-search';
import { flashSaleRow, liveRoomRow, liveRowsMarkdown, liveSettingsFromEnv, liveTargets, type Failed, type FlashSaleRow, type LiveRoomRow } from './bench/live';
import { liveApiDriver } from './bench/live-api';

/**
 * `npm run bench`: loads the medium dataset into a dedicated local Neo4j (or reuses it), starts
 * the API as its own process, signs in many seeded viewers, drives the API over loopback with
 * autocannon (each request from a random viewer), replays the statements the API ran through the
 * bare driver as the same-statement baseline, and writes bench/results/<date>.json and .md
 * (latest.md only for the configuration the targets are set for: medium, 32 connections).
 * BENCH_SIZE=small|medium|large, BENCH_SECONDS per scenario, BENCH_CONNECTIONS (default 32),
 * BENCH_VIEWERS (default 1,000), BENCH_HEAVY_FOLLOWS (default 2,000), BENCH_CAPTURE_SAMPLES
 * (requests captured per same-statement baseline, default 100), BENCH_VIEWER_BCRYPT_COST (the cost
 * of the bench viewers' password hash, default 12 as in production).
 * For a short profiling run: BENCH_ONLY (comma-separated scenario keys, e.g. `feed,raw-feed`; the
 * results are then named -partial and never latest.md) and BENCH_API_NODE_OPTIONS (node flags for
 * the API process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`; the profile is written as it exits).
 * The live rows (keys `live-room`, `flash-sale`) run last, so their sockets stay out of the RSS
 * target above; their sizes are BENCH_LIVE_SUBSCRIBERS, BENCH_LIVE_PROBES,
 * BENCH_LIVE_COMMENTS_PER_SECOND, BENCH_LIVE_PURCHASES_PER_SECOND, BENCH_LIVE_SECONDS,
 * BENCH_FLASH_BUYERS and BENCH_FLASH_UNITS (src/jobs/bench/live.ts).
 */

const ROOT = join(__dirname, '..', '..');
const SIZE = (process.env.BENCH_SIZE ?? 'medium') as keyof typeof SIZES;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 1000);
const HEAVY_FOLLOWS = Number(process.env.BENCH_HEAVY_FOLLOWS ?? 2000);
const CAPTURE_SAMPLES = Number(process.env.BENCH_CAPTURE_SAMPLES ?? 100);
const VIEWER_BCRYPT_COST = Number(process.env.BENCH_VIEWER_BCRYPT_COST ?? 12);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((k) => k.trim()).filter(Boolean)) : null;
const API_NODE_OPTIONS = (process.env.BENCH_API_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
/** Whether a scenario runs in this bench (all of them unless BENCH_ONLY names some). */
const wanted = (key: string) => ONLY === null || ONLY.has(key);
const SEED = 42;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret';
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data!;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function fanOut(url: string, wsUrl: string, token: string, groupId: string, subscribers: number, rounds: number) {
  const clients = Array.from({ length: subscribers }, () => createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false }));
  const received: number[][] = Array.from({ length: rounds }, () => []);
  let round = -1;
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${ready} of ${subscribers} subscribers connected`)), 60_000);
    for (const client of clients) {
      client.on('connected', () => {
        if (++ready === subscribers) {
          clearTimeout(timer);
          resolve();
        }
      });
      client.subscribe({ query: `subscription($g: ID!) { groupActivity(groupId: $g) { kind noteId } }`, variables: { g: groupId } }, {
        next: (value) => {
          const data = value.data as { groupActivity?: { kind: string } } | undefined;
          if (data?.groupActivity?.kind === 'NOTE_POSTED' && round >= 0) received[round]!.push(performance.now());
        },
        error: () => undefined,
        complete: () => undefined,
      });
    }
  });
  await new Promise((r) => setTimeout(r, 2000));
  const latencies: number[] = [];
  const fromRequest: number[] = [];
  for (let r = 0; r < rounds; r++) {
    round = r;
    const sent = performance.now();
    await gql(url, `mutation($g: ID) { createNote(input: { title: "fan-out probe", body: "", format: IMAGE_TEXT, groupId: $g }) { note { id } userErrors { code } } }`, { g: groupId }, token);
    const answered = performance.now();
    const deadline = Date.now() + 10_000;
    while (received[r]!.length < subscribers && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    // Events are published as the mutation commits, so many arrive before its response: those count as 0.
    for (const t of received[r]!) {
      latencies.push(Math.max(0, t - answered));
      fromRequest.push(t - sent);
    }
    log(`fan-out round ${r + 1}: ${received[r]!.length}/${subscribers} delivered`);
  }
  await Promise.all(clients.map((c) => c.dispose()));
  latencies.sort((a, b) => a - b);
  fromRequest.sort((a, b) => a - b);
  const delivered = received.reduce((n, r) => n + r.length, 0);
  return {
    subscribers, rounds, delivered, expected: subscribers * rounds,
    p50: round2(percentile(latencies, 50)), p99: round2(percentile(latencies, 99)),
    fromRequestP50: round2(percentile(fromRequest, 50)), fromRequestP99: round2(percentile(fromRequest, 99)),
  };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

interface Api {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts dist/main.js as production would, with two bench-only settings: one IP may sign in all the
 * bench viewers (LOGIN_MAX_ATTEMPTS_PER_IP; the per-account limits stay as configured), and `extra`.
 */
async function startApi(neoUri: string, extra: Record<string, string> = {}, nodeOptions: string[] = []): Promise<Api> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  // The heap is capped as in production (see the Dockerfile), so RSS reflects a tuned deployment.
  const child = spawn('node', ['--max-old-space-size=384', ...nodeOptions, join(ROOT, 'dist', 'main.js')], {
    env: { ...process.env, NEO4J_URI: neoUri, NEO4J_PASSWORD: '', PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', JWT_SECRET, LOGIN_MAX_ATTEMPTS_PER_IP: '100000', SEARCH_MAX_PER_USER_PER_MINUTE: '1000000', SEARCH_MAX_PER_IP_PER_MINUTE: '1000000', ...extra },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url.replace('graphql', 'readyz'))).ok) break;
    } catch {
      // not up yet
    }
    if (i > 120 || child.exitCode !== null) {
      await stop();
      throw new Error('API did not become ready');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, process: child, stop };
}

interface Viewer {
  id: string;
  token: string;
}

const LOG_IN = `mutation($l: String!, $p: String!) { logIn(input: { login: $l, password: $p }) { token } }`;

/**
 * Signs in `count` distinct seeded users (user0, user1, ...) before the run. The seed gives a password
 * to user0..user99 only, so the others get the same password's hash here first.
 */
async function signInViewers(db: Database, url: string, count: number): Promise<Viewer[]> {
  const ids = Array.from({ length: count }, (_, i) => seedId(KIND.user, i));
  const hash = await hashPassword(SEED_PASSWORD, VIEWER_BCRYPT_COST);
  // Accounts without a password get one; so do the bench's own viewers (past the seed's 100, whose
  // cost-12 hash the logIn row measures) hashed at another cost by an earlier run.
  const cost = hash.split('$')[2];
  await db.driver.executeQuery(
    `UNWIND $ids AS id MATCH (u:User {id: id}) WHERE u.passwordHash = '!' OR (NOT id IN $seeded AND split(u.passwordHash, '$')[2] <> $cost) SET u.passwordHash = $hash`,
    { ids, hash, cost, seeded: ids.slice(0, 100) },
  );
  const t0 = Date.now();
  // bcrypt runs on libuv's four threads: more logins in flight only queue.
  const tokens = await pool(ids, 8, async (_id, i) => (await gql<{ logIn: { token: string } }>(url, LOG_IN, { l: `user${i}`, p: SEED_PASSWORD })).logIn.token);
  log(`signed in ${count} viewers in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return ids.map((id, i) => ({ id, token: tokens[i]! }));
}

/**
 * The heavy viewer follows `target` accounts (all but itself on a smaller dataset): the most active
 * authors first, then the most followed. Through the API's follow mutation, so counters stay true.
 */
async function makeHeavyViewer(db: Database, url: string, heavy: Viewer, users: number, target: number): Promise<number> {
  const want = Math.min(target, users - 1);
  const rows = await db.driver.executeQuery(
    `MATCH (a:User) WHERE a.id <> $heavy
     WITH a, COUNT { (a)-[:POSTED]->(:Note) } AS notes ORDER BY notes DESC LIMIT $active
     RETURN collect(a.id) AS ids`,
    toCypherParams({ heavy: heavy.id, active: Math.floor(want / 2) }) as Params,
  );
  const active = rows.records[0]!.get('ids') as string[];
  const wanted = new Set(active);
  for (let i = 0; wanted.size < want && i < users; i++) if (seedId(KIND.user, i) !== heavy.id) wanted.add(seedId(KIND.user, i));
  const existing = await db.driver.executeQuery('MATCH (:User {id: $heavy})-[:FOLLOWS]->(a:User) RETURN collect(a.id) AS ids', { heavy: heavy.id });
  const followed = new Set(existing.records[0]!.get('ids') as string[]);
  const missing = [...wanted].filter((id) => !followed.has(id));
  await pool(missing, 8, (id) => gql(url, `mutation($u: ID!) { follow(input: { userId: $u }) { user { id } } }`, { u: id }, heavy.token));
  const count = await db.driver.executeQuery('MATCH (:User {id: $heavy})-[:FOLLOWS]->(a:User) RETURN count(a) AS n, COUNT { (:User {id: $heavy})-[:FOLLOWS]->(:User)-[:POSTED]->(:Note) } AS notes', { heavy: heavy.id });
  const n = count.records[0]!.get('n') as number;
  log(`heavy viewer ${heavy.id} follows ${n} accounts (${count.records[0]!.get('notes')} notes among them; ${missing.length} follows added)`);
  return n;
}

/**
 * Captures, in an API process of its own started with ZHONGCAO_CAPTURE_STATEMENTS, the transactions
 * that `samples` requests committed, as replay plans. Each request is sent twice and the second one
 * kept, so the plan is what a warm instance runs. Nothing else runs there meanwhile (no sweep timer).
 */
async function captureStatements(neoUri: string, samples: Record<string, BenchRequest[]>): Promise<Record<string, ReplayPlan[]>> {
  if (Object.keys(samples).length === 0) return {};
  const file = `/tmp/zhongcao-bench-statements-${process.pid}.jsonl`;
  writeFileSync(file, '');
  const api = await startApi(neoUri, { ZHONGCAO_CAPTURE_STATEMENTS: file, GROUP_BUY_SWEEP_MS: '3600000' });
  const send = async (r: BenchRequest) => {
    const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) }, body: JSON.stringify(r.body) });
    const text = await res.text();
    if (!res.ok || text.includes('"errors"')) throw new Error(`captured request failed: ${text.slice(0, 300)}`);
  };
  const plans: Record<string, ReplayPlan[]> = {};
  try {
    for (const [key, requests] of Object.entries(samples)) {
      plans[key] = [];
      for (const r of requests) {
        await send(r);
        await new Promise((res) => setTimeout(res, 20));
        const from = statSync(file).size;
        await send(r);
        // Work a resolver leaves running after the response (none today) would land here too.
        await new Promise((res) => setTimeout(res, 50));
        const lines = readFileSync(file, 'utf8').slice(from).split('\n');
        const plan = toReplayPlan(lines);
        // An empty plan would make the raw baseline a no-op and the ratio meaningless.
        if (plan.length === 0) throw new Error(`no statements captured for a ${key} request`);
        plans[key]!.push(plan);
      }
      const statements = plans[key]!.map((p) => p.reduce((n, tx) => n + tx.statements.length, 0));
      log(`captured ${requests.length} ${key} requests: ${Math.min(...statements)}-${Math.max(...statements)} statements, ${Math.min(...plans[key]!.map((p) => p.length))}-${Math.max(...plans[key]!.map((p) => p.length))} transactions each`);
    }
  } finally {
    await api.stop();
  }
  return plans;
}

/**
 * placeOrder must not sell what is not there: 3 × `stock` orders from random viewers, 32 at a time,
 * race for `stock` units of a product; afterwards the orders stored and the stock left must add up.
 */
async function oversellProbe(db: Database, url: string, viewers: Viewer[], productId: string, stock: number): Promise<{ ok: boolean; detail: string }> {
  await db.driver.executeQuery('MATCH (p:Product {id: $id}) SET p.stock = $stock', toCypherParams({ id: productId, stock }) as Params);
  const since = Date.now();
  const attempts = stock * 3;
  const outcomes = await pool(Array.from({ length: attempts }), CONNECTIONS, async () => {
    try {
      // Out of stock is a userErrors answer with no order, not an error.
      const data = await gql<{ placeOrder: { order: { id: string } | null } }>(url, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`, { input: { items: [{ productId, qty: 1 }], idempotencyKey: randomUUID() } }, pick(viewers).token);
      return data.placeOrder.order !== null;
    } catch {
      return false;
    }
  });
  const placed = outcomes.filter(Boolean).length;
  const after = await db.driver.executeQuery(
    `MATCH (p:Product {id: $id})
     RETURN p.stock AS stock, COUNT { MATCH (o:Order)-[:CONTAINS]->(p) WHERE o.createdAt >= $since } AS orders`,
    toCypherParams({ id: productId, since }) as Params,
  );
  const left = after.records[0]!.get('stock') as number;
  const orders = after.records[0]!.get('orders') as number;
  // Oversold means more orders than units, or stock and orders that do not add up; refusals for
  // other reasons (fewer than `stock` placed) are not oversell, and the detail shows them.
  const ok = left >= 0 && orders === placed && placed + left === stock;
  return { ok, detail: `${attempts} concurrent orders for ${stock} units: ${placed} placed, ${orders} orders stored, stock left ${left}` };
}

async function main(): Promise<void> {
  const users = SIZES[SIZE];
  const dataDir = join(ROOT, `.neo4j-bench-${SIZE}`);
  mkdirSync(dataDir, { recursive: true });
  log(`starting Neo4j for the ${SIZE} dataset (${users} users) in ${dataDir}`);
  const neo = await startLocalNeo4j({ port: 0, dataDir, heap: process.env.NEO4J_HEAP ?? '3g', pageCacheMb: Number(process.env.NEO4J_PAGECACHE_MB ?? 2048) });
  const db = Database.connect({ uri: neo.uri, user: 'neo4j', password: '', database: 'neo4j', retryTimeMs: 30_000, queryTimeoutMs: 300_000, capture: null });
  let api: Api | null = null;
  try {
    await migrate(db);
    const marker = await db.driver.executeQuery('MATCH (m:SeedMarker {size: $size, seed: $seed}) RETURN m { .* } AS m', { size: SIZE, seed: SEED });
    let dataset: Record<string, unknown>;
    if (marker.records.length === 0) {
      const file = `/tmp/zhongcao-${SIZE}-${SEED}.jsonl`;
      let t0 = Date.now();
      const records = await writeSeed({ users, seed: SEED }, file);
      const generateSeconds = (Date.now() - t0) / 1000;
      log(`generated ${records} records in ${generateSeconds}s; importing`);
      t0 = Date.now();
      const report = await importFile(file, { db, strict: true });
      const importSeconds = (Date.now() - t0) / 1000;
      dataset = { size: SIZE, seed: SEED, users, records, generateSeconds, importSeconds, loadedAt: new Date().toISOString(), imported: report.imported };
      await db.driver.executeQuery('CREATE (m:SeedMarker) SET m = $m', { m: dataset });
    } else {
      dataset = marker.records[0]!.get('m') as Record<string, unknown>;
      log(`reusing the loaded ${SIZE} dataset`);
    }

    // Fixtures the scenarios need: an admin viewer in a group, a deep chain, a 10,000-link tree.
    const adminId = seedId(KIND.user, 1);
    const groupId = seedId(KIND.group, 0);
    await db.driver.executeQuery(
      `MATCH (u:User {id: $adminId}), (g:Group {id: $groupId})
       SET u.role = 'ADMIN'
       MERGE (u)-[m:MEMBER_OF]->(g) ON CREATE SET m.role = 'MEMBER', m.joinedAt = timestamp(), m.acceptedRulesAt = timestamp(), m.mutedUntil = null`,
      { adminId, groupId },
    );
    await buildFixtures(db, adminId, users);

    api = await startApi(neo.uri, {}, API_NODE_OPTIONS);
    const url = api.url;
    const viewers = await signInViewers(db, url, Math.min(VIEWERS, users));
    const admin = viewers[1]!;
    const heavy = viewers[3]!;
    const heavyFollows = await makeHeavyViewer(db, url, heavy, users, HEAVY_FOLLOWS);

    const counts = await db.driver.executeQuery(
      'RETURN COUNT { (:User) } AS users, COUNT { ()-[:FOLLOWS]->() } AS follows, COUNT { (:Note) } AS notes, COUNT { ()-[:LIKED]->() } AS likes',
    );
    const graph = counts.records[0]!.toObject();
    log(`graph: ${JSON.stringify(graph)}`);

    const FEED = `query($after: String) { followingFeed(first: 20, after: $after) { pageInfo { endCursor } edges { node { id title likeCount commentCount viewerHasLiked author { handle followerCount } topics { name } } } } }`;
    const NOTE = `query($id: ID!) { note(id: $id) { id title body likeCount viewerHasLiked author { handle followerCount viewerIsFollowing } comments(first: 20) { totalCount nodes { text author { handle } } } } }`;
    const PROFILE = `query($id: ID!) { user(id: $id) { handle displayName followerCount followingCount noteCount viewerIsFollowing isFollowingViewer } }`;
    let cursor: string | null = null;
    // Only the page-5 row reads this cursor; a BENCH_ONLY run without it skips four feed pages of setup.
    for (let i = 0; i < 4 && wanted('feed-page-5'); i++) {
      const page: { followingFeed: { pageInfo: { endCursor: string | null } } } = await gql(url, FEED, { after: cursor }, admin.token);
      cursor = page.followingFeed.pageInfo.endCursor;
    }
    const notes = Number(graph.notes);
    const chainOrder = (await db.driver.executeQuery('MATCH (o:Order {clientKey: "bench-chain-10"}) RETURN o.id AS id')).records[0]!.get('id') as string;
    const hotProduct = seedId(KIND.product, 0);

    // Requests as the scenarios make them: a random viewer of the signed-in ones, a random target.
    const feedRequest = (): BenchRequest => ({ token: pick(viewers).token, body: { query: FEED, variables: {} } });
    const noteRequest = (): BenchRequest => ({ token: pick(viewers).token, body: { query: NOTE, variables: { id: seedId(KIND.note, Math.floor(Math.random() * Math.min(notes, 1000))) } } });
    const profileRequest = (): BenchRequest => ({ token: pick(viewers).token, body: { query: PROFILE, variables: { id: seedId(KIND.user, Math.floor(Math.random() * users)) } } });
    const sample = (make: () => BenchRequest) => Array.from({ length: CAPTURE_SAMPLES }, make);
    const captured = { feed: [S.rawFeed, feedRequest], note: [S.rawNote, noteRequest], profile: [S.rawProfile, profileRequest] } as const;
    const plans = await captureStatements(
      neo.uri,
      Object.fromEntries(Object.entries(captured).filter(([, [key]]) => wanted(key)).map(([name, [, make]]) => [name, sample(make)])),
    );

    const settings: LoadSettings = { seconds: SECONDS, connections: CONNECTIONS, apiPid: api.process.pid!, neo4jPid: neo.pid, log };
    const many = viewers.length;
    const scenarios: ScenarioResult[] = [];
    const apiRun = async (key: string, name: string, next: () => BenchRequest, opts: { viewers?: number; connections?: number; warmupSeconds?: number } = {}) => {
      if (!wanted(key)) return;
      scenarios.push(await loadApi(url, { key, name, viewers: opts.viewers ?? many, connections: opts.connections, warmupSeconds: opts.warmupSeconds }, next, settings));
    };
    const rawRun = async (key: string, name: string, work: () => Promise<void>) => {
      if (!wanted(key)) return;
      scenarios.push(await loadRaw({ key, name, viewers: many }, work, settings));
    };
    const replayRun = (key: string, name: string, from: ReplayPlan[] | undefined) => rawRun(key, name, () => replay(db.driver, db.name, pick(from!)));

    await apiRun(S.feed, 'followingFeed, first page', feedRequest);
    await replayRun(S.rawFeed, 'raw driver: the statements of a followingFeed first page', plans.feed);
    const skeleton = cypher('feeds/following-feed');
    await rawRun(S.skeleton, 'raw driver: following-feed skeleton query only', async () => {
      // An auto-commit read, one message, as the API sends its lone reads (DbScope.read).
      const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.READ });
      try {
        await session.run(skeleton.text, toCypherParams({ viewerId: pick(viewers).id, afterKey: null, afterId: null, limit: 21 }) as Params);
      } finally {
        await session.close();
      }
    });
    await apiRun(S.heavyFeed, `followingFeed, first page, heavy viewer (follows ${heavyFollows})`, () => ({ token: heavy.token, body: { query: FEED, variables: {} } }), { viewers: 1 });
    await apiRun('feed-single', 'extra: followingFeed, first page, one viewer only', () => ({ token: admin.token, body: { query: FEED, variables: {} } }), { viewers: 1 });
    await apiRun('feed-page-5', 'extra: followingFeed, page 5, one viewer', () => ({ token: admin.token, body: { query: FEED, variables: { after: cursor } } }), { viewers: 1 });
    await apiRun(S.discover, 'discoverFeed, first page', () => ({ token: pick(viewers).token, body: { query: `{ discoverFeed(first: 20) { edges { reason reasonText score node { id title author { handle } } } } }` } }));
    await apiRun(S.note, 'note page: note, 20 comments, author', noteRequest);
    await replayRun(S.rawNote, 'raw driver: the statements of a note page', plans.note);
    await apiRun(S.profile, 'user profile with counts', profileRequest);
    await replayRun(S.rawProfile, 'raw driver: the statements of a user profile', plans.profile);
    await apiRun('referral-chain', 'extra: referralChain, depth 10, one admin viewer', () => ({ token: admin.token, body: { query: `query($id: ID!) { referralChain(orderId: $id) { length hops(first: 20) { nodes { user { handle } channel createdAt } } } }`, variables: { id: chainOrder } } }), { viewers: 1 });
    await apiRun(S.like, 'like mutation', () => ({ token: pick(viewers).token, body: { query: `mutation($id: ID!) { like(input: { noteId: $id }) { note { likeCount } userErrors { code } } }`, variables: { id: seedId(KIND.note, Math.floor(Math.random() * notes)) } } }));
    // Stock enough for the whole run; the sold-out race is the oversell probe below.
    await db.driver.executeQuery('MATCH (p:Product {id: $id}) SET p.stock = 100000000', { id: hotProduct });
    await apiRun(S.placeOrder, 'placeOrder, one hot product', () => ({ token: pick(viewers).token, body: { query: `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id total { amountMinor } } } }`, variables: { input: { items: [{ productId: hotProduct, qty: 1 }], idempotencyKey: randomUUID() } } } }));
    // autocannon stops at the deadline with requests still in flight: let them finish first.
    await new Promise((r) => setTimeout(r, 3000));
    const oversell = wanted(S.placeOrder) ? await oversellProbe(db, url, viewers, hotProduct, 50) : { ok: false, detail: 'not run (BENCH_ONLY)' };
    log(`oversell probe: ${oversell.detail}`);
    // user0..user99 have the seed's hash (cost 12, as imported); random accounts, so no account's limit is reached.
    const seeded = Math.min(100, viewers.length);
    await apiRun('log-in', `logIn of ${seeded} seeded accounts (bcrypt cost 12)`, () => ({ token: null, body: { query: LOG_IN, variables: { l: `user${Math.floor(Math.random() * seeded)}`, p: SEED_PASSWORD } } }), { viewers: 0 });
    // Analytics answers are heavy by nature; a dashboard issues a few at a time, not 32.
    await apiRun(S.referralTree, 'referralTree, 10,000 descendants, one admin viewer', () => ({ token: admin.token, body: { query: `{ referralTreeOfShareLink(shareCode: "BENCHROOT0", maxDepth: 10) { totals { links visits orders gmv { amountMinor currency } } depths { depth links } } }` } }), { viewers: 1, connections: 4, warmupSeconds: 0 });
    await apiRun('group-stats', 'extra: groupStats, one admin viewer', () => ({ token: admin.token, body: { query: `query($g: ID!) { groupStats(groupId: $g) { totalMembers activeMembers newMembers orders gmv { amountMinor currency } daily { day posts } } }`, variables: { g: groupId } } }), { viewers: 1, connections: 4, warmupSeconds: 0 });
    // A failed fan-out (subscribers that could not connect) is a result too: it must not discard the others.
    if (wanted('fan-out')) log('fan-out to 1,000 subscribers');
    const fan = !wanted('fan-out') ? { failed: 'not run (BENCH_ONLY)' } : await fanOut(url, url.replace('http', 'ws'), admin.token, groupId, 1000, 5).catch((error: unknown) => {
      log(`fan-out failed: ${error instanceof Error ? error.message : String(error)}`);
      return { failed: error instanceof Error ? error.message : String(error) };
    });
    for (const search of SEARCH_SCENARIOS) await apiRun(search.key, search.name, () => search.request(pick(viewers).token));
    const rss = peakRssMb(api.process.pid!);

    // Issue 16: a room watched by thousands, then a flash sale; the room's host is the admin viewer.
    const liveSettings = liveSettingsFromEnv(process.env);
    const liveDriver = liveApiDriver({ url, driver: db.driver, database: db.name, host: admin, productId: seedId(KIND.product, 2) });
    const failedRow = (what: string) => (error: unknown): Failed => {
      const failed = error instanceof Error ? error.message : String(error);
      log(`${what} failed: ${failed}`);
      return { failed };
    };
    const liveRoom: LiveRoomRow | Failed = !wanted('live-room')
      ? { failed: 'not run (BENCH_ONLY)' }
      : await liveRoomRow(liveSettings, url.replace('http', 'ws'), api.process.pid!, liveDriver, viewers.map((v) => v.token), viewers, viewers, log).catch(failedRow('live room'));
    const flashSale: FlashSaleRow | Failed = !wanted('flash-sale') ? { failed: 'not run (BENCH_ONLY)' } : await flashSaleRow(liveSettings, liveDriver, viewers, log).catch(failedRow('flash sale'));

    const byKey = Object.fromEntries(scenarios.map((s) => [s.key, s]));
    const targets: TargetRow[] = [...evaluateTargets(byKey, { rssMb: rss, oversell }), ...searchTargets(byKey, CONNECTIONS)];
    targets.push('failed' in fan
      ? { measure: 'fan-out to 1,000 subscribers, p99 (issue 12)', target: '≤ 250 ms', actual: `failed: ${fan.failed}`, met: false }
      : { measure: 'fan-out to 1,000 subscribers, p99 (issue 12)', target: '≤ 250 ms', actual: `${fan.p99} ms (${fan.delivered}/${fan.expected} delivered)`, met: fan.p99 <= 250 && fan.delivered === fan.expected });
    targets.push(...liveTargets(liveRoom, flashSale));
    writeResults({ dataset, graph, scenarios, targets, fan, rss, heavyFollows, viewers: many, oversell, live: { settings: liveSettings, room: liveRoom, flashSale } });
  } finally {
    if (api) await api.stop();
    await db.close();
    await neo.stop();
  }
}

interface Results {
  dataset: Record<string, unknown>;
  graph: Record<string, unknown>;
  scenarios: ScenarioResult[];
  targets: TargetRow[];
  fan: Awaited<ReturnType<typeof fanOut>> | { failed: string };
  rss: number;
  heavyFollows: number;
  viewers: number;
  oversell: { ok: boolean; detail: string };
  live: { settings: ReturnType<typeof liveSettingsFromEnv>; room: LiveRoomRow | Failed; flashSale: FlashSaleRow | Failed };
}

/** bench/results/<date>[-size].json and .md; latest.md only for the configuration the targets are set for. */
function writeResults(r: Results): void {
  const date = new Date().toISOString().slice(0, 10);
  const comparable = SIZE === 'medium' && CONNECTIONS === 32 && ONLY === null;
  const name = comparable ? date : `${date}-${SIZE}-${CONNECTIONS}c${ONLY ? '-partial' : ''}`;
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const { fan } = r;
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ date, machine: '2 cores, server and Neo4j on the same machine, loopback', size: SIZE, connections: CONNECTIONS, secondsPerScenario: SECONDS, ...r }, null, 2) + '\n');
  const raw = (api: string, base: string) => {
    const a = r.scenarios.find((s) => s.key === api);
    const b = r.scenarios.find((s) => s.key === base);
    return a && b ? `| ${a.name} | ${a.rps} | ${b.rps} | ${round2(a.rps / b.rps)} | ${a.p95} | ${b.p95} |` : '';
  };
  const cell = (x: number) => (Number.isNaN(x) ? '-' : String(x));
  const md = [
    `# Benchmark results, ${date}`,
    '',
    `Dataset: ${SIZE} (${JSON.stringify(r.graph)}), seed ${SEED}; generated in ${r.dataset.generateSeconds}s and imported in ${r.dataset.importSeconds}s. ${CONNECTIONS} connections unless a row says otherwise, ${SECONDS}s per scenario after a 3 s warm-up, autocannon over loopback; Neo4j and the API on the same 2-core machine.`,
    '',
    `Viewers: ${r.viewers} distinct seeded users signed in before the run; each request of a "many" row comes from one of them at random. The heavy viewer follows ${r.heavyFollows} accounts, the most active authors first. Percentiles are nearest-rank over every request's latency. CPU is utime+stime from /proc/<pid>/stat across the measured run, divided by its requests (clock ticks of 10 ms: small figures are coarse). Raw rows run in the bench process through the bare neo4j-driver; their API CPU is the idle API's.`,
    ...(comparable ? [] : ['', `**Not comparable with the targets**, which are set for the medium dataset at 32 connections.`]),
    '',
    '| scenario | viewers | connections | p50 ms | p95 ms | p99 ms | req/s | errors | API CPU ms/req | Neo4j CPU ms/req |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.scenarios.map((s) => `| ${s.name} | ${s.viewers === 0 ? 'anonymous' : s.viewers === 1 ? 'one' : `many (${s.viewers})`} | ${s.connections} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.rps.toFixed(0)} | ${s.errors} | ${cell(s.apiCpuMsPerRequest)} | ${cell(s.neo4jCpuMsPerRequest)} |`),
    '',
    `Same-statement baselines: the raw row replays, through the bare driver at the same concurrency, the transactions one API request committed (statements and parameters captured from DbScope in a separate API process, ${CAPTURE_SAMPLES} requests of random viewers, each the second of two identical requests), keeping their overlap. The ratio is GraphQL's overhead alone.`,
    '',
    '| scenario | API req/s | raw req/s | API/raw | API p95 ms | raw p95 ms |',
    '|---|---|---|---|---|---|',
    raw(S.feed, S.rawFeed),
    raw(S.note, S.rawNote),
    raw(S.profile, S.rawProfile),
    raw(S.feed, S.skeleton).replace('|', '| (against the skeleton only)'),
    '',
    'failed' in fan
      ? `Fan-out to 1,000 graphql-ws subscribers of one groupActivity failed: ${fan.failed}.`
      : `Fan-out: ${fan.subscribers} graphql-ws subscribers of one groupActivity, ${fan.rounds} events: ${fan.delivered}/${fan.expected} deliveries; from the mutation's response to each delivery p50 ${fan.p50} ms, p99 ${fan.p99} ms (deliveries before the response count as 0); from sending the mutation, p50 ${fan.fromRequestP50} ms, p99 ${fan.fromRequestP99} ms.`,
    '',
    `API peak RSS: ${r.rss} MB. Oversell probe: ${r.oversell.detail}.`,
    '',
    liveRowsMarkdown(r.live.room, r.live.flashSale),
    '| target (issue 14, section 2) | goal | measured | met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.measure} | ${t.target} | ${t.actual} | ${t.met ? 'yes' : '**missed**'} |`),
    '',
  ].join('\n');
  writeFileSync(join(dir, `${name}.md`), md);
  if (comparable) writeFileSync(join(dir, 'latest.md'), md);
  log(`wrote bench/results/${name}.json and .md${comparable ? ' and latest.md' : ' (not latest.md: not the targets\' configuration)'}`);
}

/** A 10-hop share chain ending in an order, and a 10,000-link referral tree, built once. */
async function buildFixtures(db: Database, viewerId: string, users: number): Promise<void> {
  const existing = await db.driver.executeQuery('MATCH (o:Order {clientKey: "bench-chain-10"}) RETURN o.id AS id');
  if (existing.records.length) return;
  const product = seedId(KIND.product, 1);
  await db.driver.executeQuery(
    `MATCH (p:Product {id: $product})<-[:SELLS]-(m:User), (buyer:User {id: $viewerId})
     WITH p, m, buyer
     UNWIND range(0, 9) AS i
     MATCH (s:User {id: $sharers[i]})
     CREATE (s)-[:SHARED]->(l:ShareLink {code: 'BENCHCHAIN' + i, channel: 'WECHAT', targetType: 'PRODUCT', targetId: p.id, sharerId: s.id, campaign: null, createdAt: timestamp() - (10 - i) * 60000, depth: i, rootCode: 'BENCHCHAIN0'})-[:OF]->(p)
     WITH p, m, buyer, collect(l) AS links
     FOREACH (i IN range(1, 9) | FOREACH (child IN [links[i]] | FOREACH (parent IN [links[i - 1]] | CREATE (child)-[:RESHARE_OF]->(parent))))
     WITH p, m, buyer, links[9] AS last
     CREATE (buyer)-[:PLACED]->(o:Order {id: randomUUID(), status: 'PLACED', totalMinor: p.priceMinor, currency: p.currency, clientKey: 'bench-chain-10', createdAt: timestamp(), updatedAt: timestamp(), flagged: false})-[:SOLD_BY]->(m)
     CREATE (o)-[:CONTAINS {qty: 1, unitPriceMinor: p.priceMinor}]->(p)
     CREATE (o)-[:VIA]->(last)`,
    { product, viewerId, sharers: Array.from({ length: 10 }, (_, i) => seedId(KIND.user, (50 + i) % users)) },
  );
  // 10,000 links under one root: each level fans out ~2.5x, for depth up to 10.
  await db.driver.executeQuery(
    `MATCH (p:Product {id: $product}), (root:User {id: $viewerId})
     CREATE (root)-[:SHARED]->(:ShareLink {code: 'BENCHROOT0', channel: 'LINK', targetType: 'PRODUCT', targetId: p.id, sharerId: root.id, campaign: null, createdAt: timestamp(), depth: 0, rootCode: 'BENCHROOT0'})`,
    { product, viewerId },
  );
  // Row i is link BENCHT<i+1>; its parent is the root for the first three, else BENCHT<floor(i/2.6)>.
  const depth: number[] = [];
  const rows = Array.from({ length: 10_000 }, (_, i) => {
    const parentIndex = i < 3 ? -1 : Math.floor(i / 2.6) - 1;
    depth[i] = parentIndex < 0 ? 1 : depth[parentIndex]! + 1;
    return { code: `BENCHT${i + 1}`, parent: parentIndex < 0 ? 'BENCHROOT0' : `BENCHT${parentIndex + 1}`, sharer: seedId(KIND.user, 10 + (i % Math.max(1, users - 10))), depth: depth[i]! };
  });
  // One query cannot match links it creates itself, so each depth is written after the one above.
  const byDepth = new Map<number, typeof rows>();
  for (const row of rows) byDepth.set(row.depth, [...(byDepth.get(row.depth) ?? []), row]);
  for (const level of [...byDepth.keys()].sort((a, b) => a - b)) for (let i = 0; i < byDepth.get(level)!.length; i += 2000) {
    const batch = byDepth.get(level)!.slice(i, i + 2000);
    await db.driver.executeQuery(
      `UNWIND $rows AS row
       MATCH (parent:ShareLink {code: row.parent}), (s:User {id: row.sharer})
       CREATE (s)-[:SHARED]->(l:ShareLink {code: row.code, channel: 'WECHAT', targetType: parent.targetType, targetId: parent.targetId, sharerId: s.id, campaign: null, createdAt: timestamp(), depth: parent.depth + 1, rootCode: 'BENCHROOT0'})-[:RESHARE_OF]->(parent)
       CREATE (:Visit {id: randomUUID(), at: timestamp(), visitorId: 'bench-' + row.code, userId: null})-[:OF_LINK]->(l)`,
      { rows: batch },
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
