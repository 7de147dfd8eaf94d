import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Database } from '../db/database';
import { startLocalNeo4j } from '../db/local-neo4j';
import { migrate } from '../db/migrations';
import { KIND, SEED_PASSWORD, seedId } from './seed';
import { freePort } from '../common/net';

/**
 * `npm run soak`: mixed reads and writes at a fixed rate against the loaded benchmark dataset
 * (run `npm run bench` once first) for SOAK_MINUTES (default 10), over loopback. Samples errors
 * and the API's RSS every 30 s, then checks that every stored count still equals its
 * relationships. Writes bench/results/<date>-soak.md.
 */
const ROOT = join(__dirname, '..', '..');
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 15);
const log = (m: string) => process.stderr.write(`[soak] ${m}\n`);

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function main() {
  const neo = await startLocalNeo4j({ port: 0, dataDir: join(ROOT, '.neo4j-bench-medium'), heap: '3g', pageCacheMb: 2048 });
  const db = Database.connect({ uri: neo.uri, user: 'neo4j', password: '', database: 'neo4j' });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  await migrate(db);
  const api = spawn('node', ['--max-old-space-size=384', join(ROOT, 'dist', 'main.js')], {
    env: { ...process.env, NEO4J_URI: neo.uri, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', JWT_SECRET: 'soak-secret-soak-secret-soak-secret-00', LOGIN_MAX_ATTEMPTS_PER_IP: '100000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; !(await fetch(url.replace('graphql', 'readyz')).then((r) => r.ok).catch(() => false)); i++) {
      if (i > 120) throw new Error('API not ready');
      await new Promise((r) => setTimeout(r, 500));
    }
    const tokens: string[] = [];
    for (let i = 10; i < 20; i++) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { logIn(input: { login: "user${i}", password: "${SEED_PASSWORD}" }) { token } }` }) });
      tokens.push(((await res.json()) as { data: { logIn: { token: string } } }).data.logIn.token);
    }
    const ops = [
      () => ({ query: `{ followingFeed(first: 20) { edges { node { id likeCount author { handle } } } } }` }),
      () => ({ query: `query($id: ID!) { user(id: $id) { handle followerCount viewerIsFollowing } }`, variables: { id: seedId(KIND.user, Math.floor(Math.random() * 100_000)) } }),
      () => ({ query: `query($id: ID!) { note(id: $id) { title likeCount comments(first: 5) { totalCount } } }`, variables: { id: seedId(KIND.note, Math.floor(Math.random() * 1000)) } }),
      () => ({ query: `mutation($id: ID!) { like(input: { noteId: $id }) { note { likeCount } userErrors { code } } }`, variables: { id: seedId(KIND.note, Math.floor(Math.random() * 400_000)) } }),
      () => ({ query: `mutation($id: ID!) { follow(input: { userId: $id }) { user { id } } }`, variables: { id: seedId(KIND.user, 1000 + Math.floor(Math.random() * 90_000)) } }),
      () => ({ query: `mutation($id: ID!, $t: String!) { comment(input: { noteId: $id, text: $t }) { comment { id } userErrors { code } } }`, variables: { id: seedId(KIND.note, Math.floor(Math.random() * 400_000)), t: 'soak comment' } }),
      () => ({ query: `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`, variables: { input: { items: [{ productId: seedId(KIND.product, Math.floor(Math.random() * 1000)), qty: 1 }], idempotencyKey: randomUUID() } } }),
    ];
    const samples: { minute: number; requests: number; errors: number; p95: number; rssMb: number }[] = [];
    let requests = 0;
    let errors = 0;
    let latencies: number[] = [];
    const end = Date.now() + MINUTES * 60_000;
    const started = Date.now();
    let nextSample = started + 30_000;
    const inflight = new Set<Promise<void>>();
    while (Date.now() < end) {
      const body = ops[Math.floor(Math.random() * ops.length)]!();
      const t0 = performance.now();
      const p = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[Math.floor(Math.random() * tokens.length)]}` }, body: JSON.stringify(body) })
        .then(async (r) => {
          const j = (await r.json()) as { errors?: unknown[] };
          requests++;
          if (!r.ok || j.errors) errors++;
          latencies.push(performance.now() - t0);
        })
        .catch(() => {
          requests++;
          errors++;
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
      if (Date.now() >= nextSample) {
        latencies.sort((a, b) => a - b);
        samples.push({ minute: Math.round(((Date.now() - started) / 60_000) * 10) / 10, requests, errors, p95: Math.round(latencies[Math.floor(latencies.length * 0.95)] ?? 0), rssMb: rssMb(api.pid!) });
        log(JSON.stringify(samples[samples.length - 1]));
        requests = 0;
        errors = 0;
        latencies = [];
        nextSample += 30_000;
      }
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    await Promise.all([...inflight]);
    const check = async (q: string) => (await db.driver.executeQuery(q)).records[0]!.get('n') as number;
    const wrongUsers = await check(`MATCH (u:User) WHERE u.followerCount <> COUNT { (u)<-[:FOLLOWS]-() } OR u.followingCount <> COUNT { (u)-[:FOLLOWS]->() } RETURN count(u) AS n`);
    const wrongNotes = await check(`MATCH (n:Note) WHERE n.likeCount <> COUNT { ()-[:LIKED]->(n) } OR n.commentCount <> COUNT { MATCH (c:Comment)-[:ON]->(n) WHERE c.deletedAt IS NULL RETURN c } RETURN count(n) AS n`);
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const md = [
      `# Soak run, ${new Date().toISOString().slice(0, 10)}`,
      '',
      `${MINUTES} minutes of mixed traffic (feeds, profiles, note pages, likes, follows, comments, orders) at ${RATE} requests/s against the medium dataset, on loopback, 2 cores shared with Neo4j. API started with --max-old-space-size=384.`,
      '',
      '| minute | requests | errors | p95 ms | API RSS MB |',
      '|---|---|---|---|---|',
      ...samples.map((s) => `| ${s.minute} | ${s.requests} | ${s.errors} | ${s.p95} | ${s.rssMb} |`),
      '',
      `Errors: first sample ${first.errors}, last sample ${last.errors}. RSS from ${first.rssMb} MB to ${last.rssMb} MB (bound: stays under the 512 MB target).`,
      `Counts after the run: ${wrongUsers} users and ${wrongNotes} notes whose stored counts differ from their relationships.`,
      '',
    ].join('\n');
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-soak.md`), md);
    log(md);
  } finally {
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await exited;
    await db.close();
    await neo.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`soak failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
