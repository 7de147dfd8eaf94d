import { startTestApp, collect, type TestApp } from '../helpers/app';
import { follow, people } from '../helpers/people';
import { NewFollowerHandlesDocument } from '../generated/graphql';

// The Prometheus endpoint (issue 21, section 2): never open on the public port without a token, and
// after some operations it has each named series, labelled by what it counts.

const TOKEN = 'metrics-token-0123456789abcdef-0123456789';

/** One sample's value from the exposition text, or undefined when the series is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

describe('on the public port, with METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN, SEARCH_MAX_PER_USER_PER_MINUTE: '1' });
  });
  afterAll(() => t.close());
  const metricsUrl = () => t.app.url.replace(/\/graphql$/, '/metrics');
  const scrape = async () => {
    const res = await fetch(metricsUrl(), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  test('refuses a scrape without the token, or with another', async () => {
    expect((await fetch(metricsUrl())).status).toBe(401);
    expect((await fetch(metricsUrl(), { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(metricsUrl(), { headers: { authorization: TOKEN } })).status).toBe(401);
  });

  test('counts operations, Neo4j statements, WebSockets, subscriptions, the bus, caches and refusals', async () => {
    const { mei, lin } = await people(t, ['mei', 'lin']);
    // A named query, twice, and a document that does not parse.
    for (let i = 0; i < 2; i++) await t.ok('query MetricsMe { me { id handle } }', {}, mei.token);
    await t.gql('{ me { id ');
    // A search past the per-user limit of 1 a minute.
    await t.gql('query MetricsSearch { search(query: "toner", type: NOTE) { totalCount } }', {}, mei.token);
    const limited = await t.gql('query MetricsSearch { search(query: "toner", type: NOTE) { totalCount } }', {}, mei.token);
    expect(limited.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    // A live subscription, and an event for it.
    const client = t.ws(mei.token);
    const stream = collect(client, NewFollowerHandlesDocument, 1);
    await stream.started;
    const live = await scrape();
    expect(sample(live, 'zhongcao_websocket_connections')).toBe(1);
    expect(sample(live, 'zhongcao_subscriptions_active', { operation: 'NewFollowerHandles' })).toBe(1);
    await follow(t, lin, mei);
    await stream.events;

    const text = await scrape();
    expect(sample(text, 'zhongcao_graphql_operations_total', { operation: 'MetricsMe', type: 'query', transport: 'http', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'zhongcao_graphql_operation_duration_seconds_count', { operation: 'MetricsMe', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'zhongcao_graphql_operation_duration_seconds_bucket', { operation: 'MetricsMe', le: '+Inf' })).toBe(2);
    expect(sample(text, 'zhongcao_graphql_operations_total', { operation: '(unnamed)', outcome: 'refused' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'zhongcao_graphql_operations_total', { operation: 'MetricsSearch', outcome: 'error' })).toBe(1);
    expect(sample(text, 'zhongcao_rate_limit_refusals_total', { operation: 'MetricsSearch' })).toBe(1);
    expect(sample(text, 'zhongcao_neo4j_queries_total', { statement: 'social/follow', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'zhongcao_neo4j_query_duration_seconds_count', { statement: 'social/follow' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'zhongcao_events_published_total', { topic: 'NEW_FOLLOWER' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'zhongcao_event_delivery_lag_seconds_count', { topic: 'NEW_FOLLOWER' })).toBeGreaterThanOrEqual(1);
    for (const cache of ['viewer', 'user', 'note', 'discover']) expect(sample(text, 'zhongcao_cache_lookups_total', { cache, result: 'miss' })).toBeDefined();
    expect(sample(text, 'zhongcao_cache_lookups_total', { cache: 'viewer', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'zhongcao_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'zhongcao_nodejs_eventloop_lag_seconds')).toBeDefined();

    await client.dispose();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await scrape();
    expect(sample(after, 'zhongcao_websocket_connections')).toBe(0);
    expect(sample(after, 'zhongcao_subscriptions_active', { operation: 'NewFollowerHandles' })).toBe(0);
    expect(sample(after, 'zhongcao_graphql_operations_total', { operation: 'NewFollowerHandles', type: 'subscription', transport: 'ws' })).toBe(1);
  });
});

describe('without METRICS_TOKEN', () => {
  test('there is no /metrics on the public port, by default', async () => {
    const t = await startTestApp();
    try {
      expect((await fetch(t.app.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
      expect(t.app.metricsPort).toBeNull();
    } finally {
      await t.close();
    }
  });

  test('METRICS_PORT serves it on a port of its own, and not on the public one', async () => {
    const t = await startTestApp({ METRICS_PORT: '0' });
    try {
      await t.ok('query MetricsPing { me { id } }');
      expect((await fetch(t.app.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
      const res = await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`);
      expect(res.status).toBe(200);
      expect(sample(await res.text(), 'zhongcao_graphql_operations_total', { operation: 'MetricsPing', outcome: 'ok' })).toBe(1);
      expect((await fetch(`http://127.0.0.1:${t.app.metricsPort}/other`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
