import crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { startTestApp, TestApp, collect } from '../helpers/app';
import { signUp } from '../helpers/people';
import { Database } from '../../src/db/database';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('query cost control', () => {
  test('a query nested too deep is refused before it runs', async () => {
    let q = 'id';
    for (let i = 0; i < 7; i++) q = `followers(first: 1) { nodes { ${q} } }`;
    const result = await t.gql(`query($id: ID!) { user(id: $id) { ${q} } }`, { id: crypto.randomUUID() });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxDepth: 12 });
  });

  test('lists count by their page size, from literals or variables', async () => {
    const heavy = `query($n: Int) { users(first: $n) { nodes { followers(first: 100) { nodes { id handle followerCount } } } } }`;
    const refused = await t.gql(heavy, { n: 100 });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxComplexity: 20000 });
    expect(refused.errors?.[0]?.message).toMatch(/complexity/);
    const light = await t.gql(heavy, { n: 1 });
    expect(light.errors).toBeUndefined();
  });

  test('too many aliases are refused', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect((await t.gql(`{ ${aliases} }`)).errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', aliases: 31 });
  });

  test('the same limits apply over WebSocket', async () => {
    const user = await signUp(t, 'lim_ws');
    const deep = collect(t.ws(user.token), `subscription { newFollower { follower { followers(first: 1) { nodes { followers(first: 1) { nodes { followers(first: 1) { nodes { followers(first: 1) { nodes { followers(first: 1) { nodes { id } } } } } } } } } } } } }`, 1, 3000);
    await expect(deep.events).rejects.toThrow(/depth/);
  });
});

describe('automatic persisted queries', () => {
  test('a client sends the hash first, then the query once, then only the hash', async () => {
    const query = '{ hotTopics(window: DAY, first: 3) { topic { name } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = (body: object) =>
      fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions: { code: string } }[] }>);
    expect((await post({ extensions })).errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions })).data).toBeDefined();
    expect((await post({ extensions })).data).toEqual({ hotTopics: expect.any(Array) });
  });
});

describe('request limits', () => {
  test('oversized bodies and batched operations are refused', async () => {
    const big = await fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ me { id } } #${'x'.repeat(200_000)}` }) });
    expect(big.status).toBe(413);
    const batch = await fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]) });
    expect(batch.status).toBe(400);
  });

  test('a query running past NEO4J_QUERY_TIMEOUT_MS ends with a clear error', async () => {
    const db = Database.connect({ uri: process.env.NEO4J_URI!, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: 'neo4j', queryTimeoutMs: 200 });
    try {
      const slow = { name: 'test/slow', text: 'UNWIND range(1, 400000000) AS x RETURN count(x) AS n' };
      await expect(db.scope().read(slow)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'QUERY_TIMEOUT' } });
    } finally {
      await db.close();
    }
  });
});
