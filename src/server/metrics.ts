import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheStats } from '../common/cache-stats';

/** Operation names are the client's to choose; past this many distinct ones, the rest share OTHER. */
export const MAX_OPERATION_NAMES = 500;
export const UNNAMED = '(unnamed)';
export const OTHER = '(other)';
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one app: prom-client's process metrics (CPU, memory, event-loop lag,
 * handles, GC) and Zhongcao's own, in a registry of the app's own, so that two apps in one process
 * (the tests) count apart. Every label has a bounded set of values: operation names (at most
 * MAX_OPERATION_NAMES), outcomes, cypher/ file names, bus topics and cache names.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();

  readonly operations = new Counter({ name: 'zhongcao_graphql_operations_total', help: 'GraphQL operations by name, type, transport and outcome (ok, error: some field failed, refused: parse, validation or a request-level refusal).', labelNames: ['operation', 'type', 'transport', 'outcome'] as const, registers: [this.registry] });
  readonly operationSeconds = new Histogram({ name: 'zhongcao_graphql_operation_duration_seconds', help: 'Time to answer a GraphQL operation over HTTP, or a subscription\'s whole life over WebSocket.', labelNames: ['operation', 'type', 'transport', 'outcome'] as const, buckets: SECONDS, registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'zhongcao_rate_limit_refusals_total', help: 'Operations refused with RATE_LIMITED, by operation.', labelNames: ['operation'] as const, registers: [this.registry] });
  readonly neo4jQueries = new Counter({ name: 'zhongcao_neo4j_queries_total', help: 'Neo4j round trips by statement (its cypher/ file name) and whether it failed.', labelNames: ['statement', 'outcome'] as const, registers: [this.registry] });
  readonly neo4jSeconds = new Histogram({ name: 'zhongcao_neo4j_query_duration_seconds', help: 'Time of one Neo4j round trip, by statement.', labelNames: ['statement'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5], registers: [this.registry] });
  readonly wsConnections = new Gauge({ name: 'zhongcao_websocket_connections', help: 'Open WebSocket connections.', registers: [this.registry] });
  readonly subscriptions = new Gauge({ name: 'zhongcao_subscriptions_active', help: 'Live subscriptions, by subscription field.', labelNames: ['operation'] as const, registers: [this.registry] });
  readonly published = new Counter({ name: 'zhongcao_events_published_total', help: 'Events published on the bus, by topic.', labelNames: ['topic'] as const, registers: [this.registry] });
  readonly deliveryLag = new Histogram({ name: 'zhongcao_event_delivery_lag_seconds', help: 'From an event\'s publish (on any instance) to a subscriber here taking it, by topic.', labelNames: ['topic'] as const, buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [this.registry] });

  constructor(caches: Record<string, CacheStats>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'zhongcao_' });
    new Counter({
      name: 'zhongcao_cache_lookups_total',
      help: 'Lookups of the per-instance caches, by cache and result (hit, miss).',
      labelNames: ['cache', 'result'] as const,
      registers: [this.registry],
      // Read from the caches' own counts at scrape time, so a lookup costs two increments of plain fields.
      collect() {
        this.reset();
        for (const [cache, stats] of Object.entries(caches)) {
          this.inc({ cache, result: 'hit' }, stats.hits);
          this.inc({ cache, result: 'miss' }, stats.misses);
        }
      },
    });
  }

  /** The label for an operation name: the name itself while the set is bounded. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return UNNAMED;
    if (this.names.has(name)) return name;
    if (!NAME.test(name) || this.names.size >= MAX_OPERATION_NAMES) return OTHER;
    this.names.add(name);
    return name;
  }

  /** Counts one finished operation. */
  operation(name: string | null | undefined, type: string | null | undefined, transport: 'http' | 'ws', errorCodes: readonly unknown[], seconds: number, refused: boolean): void {
    const operation = this.operationLabel(name);
    const outcome = refused ? 'refused' : errorCodes.length ? 'error' : 'ok';
    const labels = { operation, type: type ?? 'unknown', transport, outcome };
    this.operations.inc(labels);
    this.operationSeconds.observe(labels, seconds);
    if (errorCodes.includes('RATE_LIMITED')) this.rateLimited.inc({ operation });
  }

  /** The Apollo plugin that counts every HTTP operation. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        return {
          willSendResponse: async ({ operationName, operation, errors, response }) => {
            const codes = (errors ?? []).map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            // No data at all: the operation never ran (a parse, validation or request-level refusal, a top-level throw).
            const refused = response.body.kind === 'single' && response.body.singleResult.data === undefined;
            this.operation(operationName, operation?.operation, 'http', codes, (performance.now() - started) / 1000, refused);
          },
        };
      },
    };
  }
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics on the public port: only with `Authorization: Bearer <METRICS_TOKEN>`, 401 otherwise. */
export function metricsHandler(metrics: Metrics, token: string): RequestHandler {
  return async (req, res) => {
    const header = req.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!sameToken(presented, token)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'a bearer token is required' });
      return;
    }
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** GET /metrics on a port of its own (METRICS_PORT), for a network only Prometheus reaches; with METRICS_TOKEN set, it asks for the token too. */
export async function startMetricsServer(metrics: Metrics, host: string, port: number, token: string | undefined): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const header = req.headers.authorization ?? '';
    if (token !== undefined && !sameToken(header.startsWith('Bearer ') ? header.slice(7) : '', token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
