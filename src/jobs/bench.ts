import 'reflect-metadata';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { Database } from '../db/database';
import { cypher } from '../db/cypher';
import { startLocalNeo4j } from '../db/local-neo4j';
import { migrate } from '../db/migrations';
import { importFile } from './import';
import { KIND, SEED_PASSWORD, SIZES, seedId, writeSeed } from './seed';
import { freePort } from '../common/net';
import { searchBench } from './bench-search';

/**
 * `npm run bench`: loads the medium dataset into a dedicated local Neo4j (or reuses it), starts
 * the API as its own process, drives it over loopback with autocannon, and writes
 * bench/results/<date>.json and .md. BENCH_SIZE=small|medium|large, BENCH_SECONDS per scenario,
 * BENCH_CONNECTIONS (default 32).
 */

const ROOT = join(__dirname, '..', '..');
const SIZE = (process.env.BENCH_SIZE ?? 'medium') as keyof typeof SIZES;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEED = 42;
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface ScenarioResult {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  requests: number;
}

async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data!;
}

async function load(url: string, name: string, token: string | null, body: () => object, warmupSeconds = 3, connections = CONNECTIONS): Promise<ScenarioResult> {
  // A short unmeasured run first, so the JIT of both JVM and V8 has seen the query.
  if (warmupSeconds > 0) {
    await autocannon({
      url, method: 'POST', connections: 4, duration: warmupSeconds,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
    });
  }
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: SECONDS,
    timeout: 60,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
  });
  const out = { name: connections === CONNECTIONS ? name : `${name} (${connections} connections)`, p50: result.latency.p50, p95: result.latency.p97_5 ?? result.latency.p99, p99: result.latency.p99, rps: result.requests.average, errors: result.errors + result.non2xx, requests: result.requests.total };
  // autocannon reports p97.5, not p95; take p95 from its histogram when available.
  const hist = (result.latency as unknown as Record<string, number>)['p95'];
  if (typeof hist === 'number') out.p95 = hist;
  log(`${name}: p50 ${out.p50} ms, p95 ${out.p95} ms, p99 ${out.p99} ms, ${out.rps.toFixed(0)} req/s, errors ${out.errors}`);
  return out;
}

/** The same following-feed skeleton query, straight through neo4j-driver with no GraphQL layer. */
async function rawFeed(db: Database, viewerId: string): Promise<ScenarioResult> {
  const query = cypher('feeds/following-feed');
  const latencies: number[] = [];
  const warm = db.scope();
  for (let i = 0; i < 200; i++) await warm.read(query, { viewerId, afterKey: null, afterId: null, limit: 21 });
  const end = Date.now() + SECONDS * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const scope = db.scope();
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          await scope.read(query, { viewerId, afterKey: null, afterId: null, limit: 21 });
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const out = { name: 'raw driver: following-feed query', p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), rps: latencies.length / SECONDS, errors, requests: latencies.length };
  log(`${out.name}: p50 ${out.p50} ms, p95 ${out.p95} ms, ${out.rps.toFixed(0)} req/s`);
  return out;
}

const round = (x: number) => Math.round(x * 100) / 100;

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
    await gql(url, `mutation($g: ID) { createNote(input: { title: "fan-out probe", body: "", format: IMAGE_TEXT, groupId: $g }) { id } }`, { g: groupId }, token);
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

const round2 = round;

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function main(): Promise<void> {
  const users = SIZES[SIZE];
  const dataDir = join(ROOT, `.neo4j-bench-${SIZE}`);
  mkdirSync(dataDir, { recursive: true });
  log(`starting Neo4j for the ${SIZE} dataset (${users} users) in ${dataDir}`);
  const neo = await startLocalNeo4j({ port: 0, dataDir, heap: process.env.NEO4J_HEAP ?? '3g', pageCacheMb: Number(process.env.NEO4J_PAGECACHE_MB ?? 2048) });
  const db = Database.connect({ uri: neo.uri, user: 'neo4j', password: '', database: 'neo4j', retryTimeMs: 30_000 });
  let api: ChildProcess | null = null;
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
    const counts = await db.driver.executeQuery(
      'RETURN COUNT { (:User) } AS users, COUNT { ()-[:FOLLOWS]->() } AS follows, COUNT { (:Note) } AS notes, COUNT { ()-[:LIKED]->() } AS likes',
    );
    const graph = counts.records[0]!.toObject();
    log(`graph: ${JSON.stringify(graph)}`);

    // Fixtures the scenarios need: an admin viewer in a group, a deep chain, a 10,000-link tree.
    const viewerId = seedId(KIND.user, 1);
    const groupId = seedId(KIND.group, 0);
    await db.driver.executeQuery(
      `MATCH (u:User {id: $viewerId}), (g:Group {id: $groupId})
       SET u.role = 'ADMIN'
       MERGE (u)-[m:MEMBER_OF]->(g) ON CREATE SET m.role = 'MEMBER', m.joinedAt = timestamp(), m.acceptedRulesAt = timestamp(), m.mutedUntil = null`,
      { viewerId, groupId },
    );
    await buildFixtures(db, viewerId, users);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    // The heap is capped as in production (see the Dockerfile), so RSS reflects a tuned deployment.
    api = spawn('node', ['--max-old-space-size=384', join(ROOT, 'dist', 'main.js')], {
      env: {
        ...process.env, NEO4J_URI: neo.uri, NEO4J_PASSWORD: '', PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOGIN_MAX_ATTEMPTS_PER_IP: '100000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
        SEARCH_MAX_PER_USER_PER_MINUTE: '1000000', SEARCH_MAX_PER_IP_PER_MINUTE: '1000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(url.replace('graphql', 'readyz'))).ok) break;
      } catch {
        // not up yet
      }
      if (i > 120 || api.exitCode !== null) throw new Error('API did not become ready');
      await new Promise((r) => setTimeout(r, 500));
    }
    const token = (await gql<{ logIn: { token: string } }>(url, `mutation($l: String!, $p: String!) { logIn(input: { login: $l, password: $p }) { token } }`, { l: 'user1', p: SEED_PASSWORD })).logIn.token;

    const FEED = `query($after: String) { followingFeed(first: 20, after: $after) { pageInfo { endCursor } edges { node { id title likeCount commentCount likedByViewer author { handle followerCount } topics { name } } } } }`;
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page: { followingFeed: { pageInfo: { endCursor: string | null } } } = await gql(url, FEED, { after: cursor }, token);
      cursor = page.followingFeed.pageInfo.endCursor;
    }
    const notes = Number(graph.notes);
    const chainOrder = (await db.driver.executeQuery('MATCH (o:Order {clientKey: "bench-chain-10"}) RETURN o.id AS id')).records[0]!.get('id') as string;
    const hotProduct = seedId(KIND.product, 0);
    await db.driver.executeQuery('MATCH (p:Product {id: $id}) SET p.stock = 100000000', { id: hotProduct });

    const scenarios: ScenarioResult[] = [];
    scenarios.push(await load(url, 'followingFeed, first page', token, () => ({ query: FEED, variables: {} })));
    scenarios.push(await load(url, 'followingFeed, page 5', token, () => ({ query: FEED, variables: { after: cursor } })));
    scenarios.push(await load(url, 'discoverFeed, first page', token, () => ({ query: `{ discoverFeed(first: 20) { edges { reason score node { id title author { handle } } } } }` }), 3, 8));
    scenarios.push(await load(url, 'note page: note, 20 comments, author', token, () => ({
      query: `query($id: ID!) { note(id: $id) { id title body likeCount likedByViewer author { handle followerCount isFollowing } comments(first: 20) { totalCount nodes { text author { handle } } } } }`,
      variables: { id: seedId(KIND.note, Math.floor(Math.random() * Math.min(notes, 1000))) },
    })));
    scenarios.push(await load(url, 'user profile with counts', token, () => ({
      query: `query($id: ID!) { user(id: $id) { handle displayName followerCount followingCount noteCount isFollowing followsViewer } }`,
      variables: { id: seedId(KIND.user, Math.floor(Math.random() * users)) },
    })));
    scenarios.push(await load(url, 'referralChain, depth 10', token, () => ({ query: `query($id: ID!) { referralChain(orderId: $id) { length hops { user { handle } channel at } } }`, variables: { id: chainOrder } })));
    scenarios.push(await load(url, 'like mutation', token, () => ({ query: `mutation($id: ID!) { like(noteId: $id) { likeCount } }`, variables: { id: seedId(KIND.note, Math.floor(Math.random() * notes)) } })));
    scenarios.push(await load(url, 'placeOrder', token, () => ({ query: `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalMinor } }`, variables: { input: { items: [{ productId: hotProduct, qty: 1 }], idempotencyKey: randomUUID() } } })));
    scenarios.push(await load(url, 'logIn (bcrypt cost 12)', null, () => ({ query: `mutation { logIn(input: { login: "user2", password: "${SEED_PASSWORD}" }) { token } }` })));
    // Analytics answers are heavy by nature; a dashboard issues a few at a time, not 32.
    scenarios.push(await load(url, 'referralTree, 10,000 descendants', token, () => ({ query: `{ referralTree(shareCode: "BENCHROOT0", maxDepth: 10) { totals { links visits orders gmvMinor } depths { depth links } } }` }), 0, 4));
    scenarios.push(await load(url, 'groupStats', token, () => ({ query: `query($g: ID!) { groupStats(groupId: $g) { totalMembers activeMembers newMembers orders gmvMinor daily { day posts } } }`, variables: { g: groupId } }), 0, 4));
    const search = await searchBench({ url, seconds: SECONDS, connections: CONNECTIONS, log });
    scenarios.push(...search.scenarios);
    const raw = await rawFeed(db, viewerId);
    scenarios.push(raw);
    log('fan-out to 1,000 subscribers');
    const fan = await fanOut(url, url.replace('http', 'ws'), token, groupId, 1000, 5);
    const rss = peakRssMb(api.pid!);

    const feed = scenarios[0]!;
    const overhead = round2(feed.p50 / raw.p50);
    const targets = [
      { measure: 'followingFeed first page, p95 at 32 connections', target: '≤ 30 ms', actual: `${feed.p95} ms`, met: feed.p95 <= 30 },
      { measure: 'GraphQL overhead against the direct driver query (p50 ratio)', target: '≤ 1.5×', actual: `${overhead}×`, met: overhead <= 1.5 },
      { measure: 'fan-out to 1,000 subscribers, p99', target: '≤ 250 ms', actual: `${fan.p99} ms (${fan.delivered}/${fan.expected} delivered)`, met: fan.p99 <= 250 && fan.delivered === fan.expected },
      { measure: 'API peak RSS under the benchmark', target: '≤ 512 MB', actual: `${rss} MB`, met: rss <= 512 },
      ...search.targets,
    ];
    const date = new Date().toISOString().slice(0, 10);
    const results = { date, machine: '2 cores, server and Neo4j on the same machine, loopback', size: SIZE, connections: CONNECTIONS, secondsPerScenario: SECONDS, dataset, graph, scenarios, fanOut: fan, apiPeakRssMb: rss, targets };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${date}.json`), JSON.stringify(results, null, 2) + '\n');
    const md = [
      `# Benchmark results, ${date}`,
      '',
      `Dataset: ${SIZE} (${JSON.stringify(graph)}), seed ${SEED}; generated in ${dataset.generateSeconds}s and imported in ${dataset.importSeconds}s. ${CONNECTIONS} connections, ${SECONDS}s per scenario, autocannon over loopback; Neo4j and the API on the same 2-core machine.`,
      '',
      '| scenario | p50 ms | p95 ms | p99 ms | req/s | errors |',
      '|---|---|---|---|---|---|',
      ...scenarios.map((s) => `| ${s.name} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.rps.toFixed(0)} | ${s.errors} |`),
      '',
      `Fan-out: ${fan.subscribers} graphql-ws subscribers of one groupActivity, ${fan.rounds} events: ${fan.delivered}/${fan.expected} deliveries; from the mutation's response to each delivery p50 ${fan.p50} ms, p99 ${fan.p99} ms (deliveries before the response count as 0); from sending the mutation, p50 ${fan.fromRequestP50} ms, p99 ${fan.fromRequestP99} ms.`,
      '',
      `API peak RSS: ${rss} MB.`,
      '',
      '| target | goal | measured | met |',
      '|---|---|---|---|',
      ...targets.map((t) => `| ${t.measure} | ${t.target} | ${t.actual} | ${t.met ? 'yes' : '**missed**'} |`),
      '',
    ].join('\n');
    writeFileSync(join(dir, `${date}.md`), md);
    writeFileSync(join(dir, 'latest.md'), md);
    log(`wrote bench/results/${date}.json and .md`);
  } finally {
    if (api) {
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    await db.close();
    await neo.stop();
  }
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
