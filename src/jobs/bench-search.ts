import autocannon from 'autocannon';
import { SEED_PASSWORD } from './seed';

/**
 * The search rows of `npm run bench` (issue 15): a note search, a product search with filters and
 * suggestions, each from many signed-in viewers at once (a viewer's token per request, so the
 * per-viewer parts, social signals, visibility and history, are exercised as in production).
 * Targets: p95 ≤ 50 ms for search, ≤ 20 ms for suggestions. bench.ts calls searchBench once.
 */

export interface SearchBenchResult {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  requests: number;
}

export interface SearchBenchOptions {
  url: string;
  seconds: number;
  connections: number;
  /** How many seeded users (user0..) search; each logs in once. */
  viewers?: number;
  log: (msg: string) => void;
}

// Words the seed generator writes (src/jobs/seed-text.ts), Chinese, English and mixed.
const NOTE_QUERIES = ['油皮 toner', '成都 火锅', '防晒霜', 'serum', '显瘦穿搭', 'hotpot', '学生党平价', '蓝牙耳机 earbuds', '周末去哪儿', 'yoga mat', '新手妈妈', 'Honest review'];
const PRODUCT_QUERIES = ['toner', '爽肤水', 'lipstick', '精华 serum', 'sunscreen', '面膜'];
const PREFIXES = ['油', '成都', 'ton', 'se', '#beau', '护', 'li', '防晒', 'hot', 'user1'];

const NOTE_SEARCH = `query($q: String!) { search(query: $q, type: NOTE, first: 20) { totalCount edges { score reason highlights { field snippet } node { ... on Note { id title likeCount author { handle } } } } } }`;
const PRODUCT_SEARCH = `query($q: String!) { search(query: $q, type: PRODUCT, first: 20, filters: { category: "beauty", maxPrice: 30000, inStock: true }) { totalCount edges { score reason node { ... on Product { id title brand } } } } }`;
const SUGGEST = `query($p: String!) { searchSuggestions(prefix: $p, first: 10) { text kind } }`;

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

async function logIn(url: string, login: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation($l: String!, $p: String!) { logIn(input: { login: $l, password: $p }) { token } }`, variables: { l: login, p: SEED_PASSWORD } }),
  });
  const body = (await res.json()) as { data?: { logIn: { token: string } }; errors?: unknown[] };
  if (!body.data) throw new Error(`logIn ${login}: ${JSON.stringify(body.errors).slice(0, 200)}`);
  return body.data.logIn.token;
}

async function run(o: SearchBenchOptions, name: string, tokens: string[], body: () => object): Promise<SearchBenchResult> {
  const requests = [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${pick(tokens)}` }, body: JSON.stringify(body()) }) }];
  // Warm-up first, unmeasured, as bench.ts does.
  await autocannon({ url: o.url, method: 'POST', connections: 4, duration: 3, requests: requests as never });
  const result = await autocannon({ url: o.url, method: 'POST', connections: o.connections, duration: o.seconds, timeout: 60, requests: requests as never });
  const p95 = (result.latency as unknown as Record<string, number>)['p95'] ?? result.latency.p97_5;
  const out = { name, p50: result.latency.p50, p95, p99: result.latency.p99, rps: result.requests.average, errors: result.errors + result.non2xx, requests: result.requests.total };
  o.log(`${name}: p50 ${out.p50} ms, p95 ${out.p95} ms, p99 ${out.p99} ms, ${out.rps.toFixed(0)} req/s, errors ${out.errors}`);
  return out;
}

/** Runs the three search scenarios; returns their rows and their targets for the results table. */
export async function searchBench(o: SearchBenchOptions) {
  const viewers = o.viewers ?? 20;
  // Seeded users user0..user99 share SEED_PASSWORD; logins are spread out, bcrypt is slow.
  const tokens: string[] = [];
  for (let i = 0; i < viewers; i++) tokens.push(await logIn(o.url, `user${i + 2}`));
  const scenarios = [
    await run(o, `search NOTE, first page (${viewers} viewers)`, tokens, () => ({ query: NOTE_SEARCH, variables: { q: pick(NOTE_QUERIES) } })),
    await run(o, `search PRODUCT with filters (${viewers} viewers)`, tokens, () => ({ query: PRODUCT_SEARCH, variables: { q: pick(PRODUCT_QUERIES) } })),
    await run(o, `searchSuggestions (${viewers} viewers)`, tokens, () => ({ query: SUGGEST, variables: { p: pick(PREFIXES) } })),
  ];
  const [notes, products, suggest] = scenarios as [SearchBenchResult, SearchBenchResult, SearchBenchResult];
  const targets = [
    { measure: `search NOTE p95 at ${o.connections} connections`, target: '≤ 50 ms', actual: `${notes.p95} ms`, met: notes.p95 <= 50 && notes.errors === 0 },
    { measure: `search PRODUCT with filters p95 at ${o.connections} connections`, target: '≤ 50 ms', actual: `${products.p95} ms`, met: products.p95 <= 50 && products.errors === 0 },
    { measure: `searchSuggestions p95 at ${o.connections} connections`, target: '≤ 20 ms', actual: `${suggest.p95} ms`, met: suggest.p95 <= 20 && suggest.errors === 0 },
  ];
  return { scenarios, targets };
}
