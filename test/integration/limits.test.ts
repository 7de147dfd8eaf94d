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

  test('a page size given as a variable\'s default or as a literal counts like one sent in the variables', async () => {
    const deep = (n: string) => `users(first: ${n}) { nodes { followers(first: 100) { nodes { id handle followerCount } } } }`;
    // The variable is left out of the request, so it takes its default of 100: 100 x 100 followers.
    const byDefault = await t.gql(`query($n: Int = 100) { ${deep('$n')} }`);
    expect(byDefault.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxComplexity: 20000 });
    expect((await t.gql(`{ ${deep('100')} }`)).errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxComplexity: 20000 });
    // A variable sent in the request wins over its default.
    expect((await t.gql(`query($n: Int = 100) { ${deep('$n')} }`, { n: 1 })).errors).toBeUndefined();
  });

  test('lists without a first argument count by the most they can return', async () => {
    const user = await signUp(t, 'lim_lists');
    const refused = async (query: string) => (await t.gql(query, {}, user.token)).errors?.[0]?.extensions;
    const tooCostly = { code: 'GRAPHQL_VALIDATION_FAILED', maxComplexity: 20000 };
    // Each is one item's worth of work (a page of 100) under a list that returns up to hundreds.
    expect(await refused(`{ myGroups(first: 100) { nodes { members(first: 100) { nodes { user { id } } } } } }`)).toMatchObject(tooCostly);
    expect(await refused(`{ collections(first: 100) { nodes { notes(first: 100) { nodes { id title } } } } }`)).toMatchObject(tooCostly);
    expect(await refused(`{ referralTreeOfUser(userId: "${user.id}") { nodes(first: 400) { nodes { sharer { followers(first: 100) { nodes { id } } } } } } }`)).toMatchObject(tooCostly);
    expect(await refused(`{ group(id: "${user.id}") { events(first: 50) { nodes { attendees(first: 100) { nodes { id handle displayName followerCount } } } } } }`)).toMatchObject(tooCostly);
    expect(await refused(`{ groupStats(groupId: "${user.id}") { daily { day posts comments likes activeMembers joined left members orders gmv { amountMinor currency } } topContributors { user { followers(first: 100) { nodes { followers(first: 15) { nodes { id } } } } } } } }`)).toMatchObject(tooCostly);
    // A field's own default page size counts too: attendees(first) defaults to 50.
    expect(await refused(`{ group(id: "${user.id}") { events(first: 50) { nodes { attendees { nodes { id handle followers(first: 2) { nodes { id } } } } } } } }`)).toMatchObject(tooCostly);
  });

  test('what the console asks for stays within the limit', async () => {
    const user = await signUp(t, 'lim_console');
    const tree = `{ referralTreeOfUser(userId: "${user.id}") { totals { links visits signUps buyers orders gmv { amountMinor currency } }
      nodes(first: 400) { totalCount pageInfo { hasNextPage endCursor } nodes { depth parentShareCode visits signUps buyers orders gmv { amountMinor currency } shareLink { code channel createdAt } sharer { id handle displayName } } } } }`;
    expect((await t.gql(tree, {}, user.token)).errors).toBeUndefined();
    const stats = `{ groupStats(groupId: "${user.id}") { totalMembers newMembers leftMembers activeMembers orders gmv { amountMinor currency }
      daily { day posts comments likes activeMembers joined left members orders gmv { amountMinor currency } } retention { weekStart size retained }
      topContributors { score posts commentsReceived likesReceived invites user { id handle displayName } } } }`;
    expect((await t.gql(stats, {}, user.token)).errors?.[0]?.extensions.code).not.toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await t.gql(`{ myGroups(roles: [OWNER, ADMIN, MODERATOR], first: 50) { pageInfo { hasNextPage endCursor } nodes { id name visibility memberCount viewerRole } } }`, {}, user.token)).errors).toBeUndefined();
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

  test('a transaction the database terminates ends with SERVICE_UNAVAILABLE, worth a retry, not an internal error', async () => {
    const db = Database.connect({ uri: process.env.NEO4J_URI!, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: 'neo4j' });
    const marker = `terminate-me-${crypto.randomUUID()}`;
    try {
      const slow = { name: 'test/slow', text: `UNWIND range(1, 4000000000) AS x WITH x WHERE x < 0 OR '${marker}' = '' RETURN count(x) AS n` };
      const running = db.scope().read(slow);
      running.catch(() => undefined);
      // An operator (or the server under memory pressure) ends it while it runs.
      let terminated = 0;
      for (let i = 0; i < 100 && terminated === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const found = await db.driver.executeQuery(`SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery CONTAINS $marker AND NOT currentQuery CONTAINS 'SHOW' RETURN collect(transactionId) AS ids`, { marker });
        const ids = found.records[0]!.get('ids') as string[];
        if (ids.length) terminated = (await db.driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids })).records.length;
      }
      expect(terminated).toBe(1);
      await expect(running).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'BUSY' } });
    } finally {
      await db.close();
    }
  });
});
