import { serverAudits } from 'graphql-http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { startTestApp, TestApp, testConfig } from '../helpers/app';
import { signUp, follow } from '../helpers/people';
import { printAppSchema } from '../../src/server/schema';
import { Database } from '../../src/db/database';
import { createApp } from '../../src/server/app';
import { createEventBus } from '../../src/events/bus';
import { createLimits } from '../../src/accounts/limits';
import { createLogger } from '../../src/server/logger';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const base = () => t.app.url.replace(/\/graphql$/, '');

describe('the HTTP endpoint', () => {
  test('passes the GraphQL-over-HTTP spec audit with no errors and no warnings', async () => {
    const audits = serverAudits({ url: t.app.url, fetchFn: fetch });
    const failures: string[] = [];
    const warnings: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'error') failures.push(`${audit.name}: ${result.reason}`);
      if (result.status === 'warn') warnings.push(`${audit.name}: ${result.reason}`);
    }
    expect(audits.length).toBeGreaterThan(30);
    expect(failures).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test('answers queries over GET, with a CSRF-preflight header', async () => {
    const url = `${t.app.url}?query=${encodeURIComponent('{ me { id } }')}`;
    const res = await fetch(url, { headers: { accept: 'application/graphql-response+json, application/json', 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { me: null } });
    // A GET a browser could send cross-site with no preflight is refused.
    expect((await fetch(url)).status).toBe(400);
  });

  test('refuses mutations over GET', async () => {
    const res = await fetch(`${t.app.url}?query=${encodeURIComponent('mutation { unfollow(input: { userId: "x" }) { user { id } } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
  });

  test('/healthz says the process is up and /readyz that Neo4j is reachable and migrated', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  test.each([
    ['a document that does not parse', { query: '{ me { id ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', { query: '{ me { nope } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['variables that do not coerce', { query: 'query($first: Int) { users(first: $first) { totalCount } }', variables: { first: 'ten' } }, 'BAD_USER_INPUT'],
  ])('%s is 200 to a client accepting only application/json, 400 with application/graphql-response+json', async (_case, body, code) => {
    const post = (accept: string) => fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
    for (const [accept, status, type] of [
      ['application/json', 200, 'application/json'],
      ['application/graphql-response+json', 400, 'application/graphql-response+json'],
      ['application/graphql-response+json, application/json;q=0.9', 400, 'application/graphql-response+json'],
      ['application/json, application/graphql-response+json;q=0.5', 200, 'application/json'],
    ] as const) {
      const res = await post(accept);
      expect([accept, res.status, res.headers.get('content-type')?.split(';')[0]]).toEqual([accept, status, type]);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(code);
    }
    // A request that is not well-formed GraphQL-over-HTTP (no query) stays a 400 either way.
    const noQuery = await fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ variables: {} }) });
    expect(noQuery.status).toBe(400);
  });

  test('malformed queries get GraphQL error codes', async () => {
    const parse = await t.gql('{ me { id ');
    expect(parse.errors?.[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await t.gql('{ me { nope } }');
    expect(invalid.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badVariable = await t.gql('query($first: Int) { users(first: $first) { totalCount } }', { first: 'ten' });
    expect(badVariable.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  test('a plain field is resolved by graphql-js itself, with no wrapper per field, after requests too', async () => {
    const viewer = await signUp(t, 'plain');
    expect((await t.gql('query($id: ID!) { user(id: $id) { handle followerCount } }', { id: viewer.id }, viewer.token)).data).toEqual({ user: { handle: viewer.handle, followerCount: 0 } });
    const user = t.app.schema.getType('User') as import('graphql').GraphQLObjectType;
    expect(user.getFields().handle!.resolve).toBeUndefined();
  });

  test('the committed schema/schema.graphql matches the code', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printAppSchema());
  });
});

describe('DataLoader batching', () => {
  test('50 users with their counts and viewer relations take a constant number of round trips', async () => {
    const viewer = await signUp(t, 'batchv');
    const people = await Promise.all(Array.from({ length: 50 }, (_, i) => signUp(t, `batch${i}`)));
    const hub = await signUp(t, 'batchhub');
    for (const p of people) await follow(t, p, hub);
    await Promise.all(people.slice(0, 10).map((p) => follow(t, viewer, p)));

    const QUERY = `query($id: ID!, $n: Int) { user(id: $id) { followers(first: $n) { edges { node {
      id handle followerCount followingCount viewerIsFollowing isFollowingViewer isBlocked interests } } } } }`;
    const roundTrips = async (n: number) => {
      // Read once just before, as in steady use (the follows invalidated the viewer and the hub):
      // the instance's caches then hold the viewer and the hub.
      await t.ok(QUERY, { id: hub.id, n }, viewer.token);
      const before = t.db.totals.roundTrips;
      const data = await t.ok(QUERY, { id: hub.id, n }, viewer.token);
      expect(data.user.followers.edges).toHaveLength(n);
      return { trips: t.db.totals.roundTrips - before, data };
    };
    const five = await roundTrips(5);
    const fifty = await roundTrips(50);
    expect(fifty.trips).toBe(five.trips);
    // follower page, relations, interests (the viewer and the hub come from the instance's caches)
    expect(fifty.trips).toBeLessThanOrEqual(3);
    const following = fifty.data.user.followers.edges.filter((e: { node: { viewerIsFollowing: boolean } }) => e.node.viewerIsFollowing);
    expect(following).toHaveLength(10);
  });
});

describe('when Neo4j is unreachable', () => {
  test('operations fail with SERVICE_UNAVAILABLE and /readyz says not ready', async () => {
    const config = testConfig();
    const db = Database.connect({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: '', database: 'neo4j', retryTimeMs: 300 });
    const deps = { config, logger: createLogger('silent'), db, events: createEventBus(), limits: createLimits(config) };
    const app = await createApp(deps, { host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ userByHandle(handle: "someone") { id } }' }),
      });
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect((await fetch(app.url.replace(/graphql$/, 'readyz'))).status).toBe(503);
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('graceful shutdown', () => {
  test('finishes the request in flight and closes WebSockets with 1001', async () => {
    const app = await startTestApp({ BCRYPT_COST: '10' });
    const person = await signUp(app, 'shut');
    const socket = new WebSocket(app.app.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((r) => socket.on('open', r));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${person.token}` } }));
    await new Promise((r) => socket.once('message', r));

    const inFlight = app.gql(`mutation($l: String!, $p: String!) { logIn(input: { login: $l, password: $p }) { user { id } } }`, {
      l: person.handle,
      p: person.password,
    });
    await new Promise((r) => setTimeout(r, 20));
    const closing = app.close();
    const result = await inFlight;
    expect(result.data).toEqual({ logIn: { user: { id: person.id } } });
    expect(await closed).toBe(1001);
    await closing;
    await expect(fetch(app.app.url, { method: 'POST' })).rejects.toThrow();
  });
});

describe('WebSocket protocol', () => {
  test('a connection presenting a forged token is closed with 4403', async () => {
    const codes: number[] = [];
    const client = createClient({
      url: t.app.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer forged.token.here' },
      retryAttempts: 0,
      on: { closed: (event) => codes.push((event as { code: number }).code) },
    });
    await new Promise<void>((resolve) => {
      client.subscribe({ query: 'subscription { newFollower { followedAt } }' }, { next: () => undefined, error: () => resolve(), complete: () => resolve() });
    });
    await client.dispose();
    expect(codes).toContain(4403);
  });
});

describe('malformed requests, in production and in development', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  /** Runs one operation over graphql-ws and returns what the server sent back: data or errors. */
  async function overWebSocket(app: TestApp, query: string): Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }> {
    const client = app.ws();
    return new Promise((resolve) => {
      client.subscribe(
        { query },
        {
          next: (value) => resolve(value as { data?: unknown }),
          error: (errors) => resolve({ errors: errors as { extensions?: { code?: string } }[] }),
          complete: () => undefined,
        },
      );
    });
  }

  test.each(['production', 'development'])('NODE_ENV=%s: a broken JSON body is a 400 GraphQL error in JSON, with no stack trace', async (nodeEnv) => {
    const app = await startTestApp({ NODE_ENV: nodeEnv });
    try {
      const res = await fetch(app.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ me { id } }"' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      expect(text).not.toMatch(/SyntaxError|node_modules|at .*\(/);
    } finally {
      await app.close();
    }
  });

  test('introspection over WebSocket follows the HTTP rule: refused in production, served in development', async () => {
    const production = await startTestApp({ NODE_ENV: 'production' });
    const development = await startTestApp({ NODE_ENV: 'development' });
    try {
      const overHttp = await production.gql(INTROSPECT);
      expect(overHttp.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const overWs = await overWebSocket(production, INTROSPECT);
      expect(overWs.data).toBeUndefined();
      expect(overWs.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      expect((await development.gql(INTROSPECT)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect((await overWebSocket(development, INTROSPECT)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await Promise.all([production.close(), development.close()]);
    }
  });

  test('over WebSocket, a query too deep for HTTP is refused with the same code', async () => {
    let deep = 'id';
    for (let i = 0; i < 14; i++) deep = `following(first: 1) { edges { node { ${deep} } } }`;
    const query = `{ me { ${deep} } }`;
    expect((await t.gql(query)).errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await overWebSocket(t, query)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
