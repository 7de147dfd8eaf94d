import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, parse, specifiedRules, validate, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import { AppError } from '../common/errors';
import type { ErrorRequestHandler } from 'express';
import { CostCache, costLimitRule } from './limits';
import { bearerToken, verifyToken } from '../accounts/tokens';
import { claimsOf, type Scope } from '../accounts/scope';
import { LiveStreams, MAX_SUBSCRIPTIONS_PER_CONNECTION, liveScopeOf, type LiveSubscriber } from '../events/live';
import { migrationsApplied } from '../db/migrations';
import type { AppDeps } from '../app/deps';
import { buildInstances, buildServices } from '../app/services';
import { createRequestScope } from '../app/request';
import type { RequestInfo } from '../request/scope';
import { createErrorFormatter, formatErrors } from './errors';
import { operationLogPlugin } from './logging-plugin';
import { requestErrorStatusPlugin } from './http-status';
import { Metrics, metricsHandler, startMetricsServer } from './metrics';
import { context } from '@opentelemetry/api';
import { operationSpan, subscriptionContext, tracedSubscribe, tracingPlugin } from './tracing';
import { instrumentBus } from '../events/instrument';
import { buildAppSchema } from './schema';
import { sweepExpiredGroupBuys } from '../groupbuys/service';
import { computeInfluence } from '../influence/job';
import { influenceOptions } from '../influence/options';
import { mountConsole } from './console';
import { dataExportDownload } from './data-export-download';
import { DOWNLOAD_PATH } from '../privacy/export-links';

export interface App {
  url: string;
  wsUrl: string;
  port: number;
  httpServer: Server;
  schema: GraphQLSchema;
  /** A request scope of this app, as an HTTP request with this token would get (for tests that call resolvers directly). */
  scope(request: RequestInfo): Scope;
  /** The port of the separate metrics listener (METRICS_PORT), or null when there is none. */
  metricsPort: number | null;
  /** Expires due group buys now (the app also does it every GROUP_BUY_SWEEP_MS). */
  sweepGroupBuys(): Promise<number>;
  /** Stops accepting requests, finishes those in flight and closes WebSockets with 1001. */
  close(): Promise<void>;
}

const BODY_LIMIT = '100kb';

/**
 * What express's body parser refuses (malformed JSON, a body over the limit, a bad charset) is
 * answered like any GraphQL error: JSON with a code and the parser's status, never express's
 * default HTML page, which carries a stack trace outside production.
 */
const bodyErrors: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : null;
  if (status === null) {
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    return;
  }
  const message =
    error.type === 'entity.parse.failed'
      ? 'The request body is not valid JSON'
      : error.type === 'entity.too.large'
        ? `The request body is over the limit of ${BODY_LIMIT}`
        : 'The request body could not be read';
  res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
};

/**
 * The token a client presents: over HTTP the Authorization header ("Bearer <token>"); over
 * WebSocket connectionParams.authorization, where the bare token is accepted too.
 */
function presentedToken(authorization: unknown, transport: 'http' | 'ws'): string | null {
  if (typeof authorization !== 'string') return null;
  const token = bearerToken(authorization);
  return token ?? (transport === 'ws' ? authorization : null);
}

/** The request scope as the live guard sees it (src/events/live.ts). */
function liveSubscriber(scope: Scope): LiveSubscriber {
  return {
    live: liveScopeOf(scope),
    liveClaims: () => claimsOf(scope),
    sessionStillValid: async () => (await scope.freshViewer()) !== null,
    resetLoaders: () => scope.resetLoaders(),
  };
}

/** Serves Apollo (POST and GET), graphql-ws and the health checks on one port. */
export async function createApp(deps: AppDeps, listen: { host: string; port: number }): Promise<App> {
  const { logger } = deps;
  // Built once per app: the services and resolvers every request of this app goes through.
  const services = buildServices(deps);
  const instances = buildInstances(deps, services);
  const scopeOf = (request: RequestInfo) => createRequestScope(deps, services, instances, request);
  const schema = await buildAppSchema();
  const metrics = new Metrics({ viewer: services.viewerCache.stats, user: services.userCache.stats, note: services.noteCache.stats, discover: services.discoverCache.stats });
  const observeQuery = (name: string, ms: number, failed: boolean) => {
    metrics.neo4jQueries.inc({ statement: name, outcome: failed ? 'error' : 'ok' });
    metrics.neo4jSeconds.observe({ statement: name }, ms / 1000);
  };
  deps.db.observers.push(observeQuery);
  instrumentBus(deps.events, {
    published: (topic) => metrics.published.inc({ topic }),
    delivered: (topic, lagMs) => metrics.deliveryLag.observe({ topic }, lagMs / 1000),
  });
  const formatError = createErrorFormatter(logger);
  // The same rules over HTTP (Apollo adds the introspection rule itself when introspection is off) and WebSocket.
  const introspection = deps.config.nodeEnv !== 'production';
  const wsRules: ValidationRule[] = [...specifiedRules, ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const httpServer = createServer(app);
  const live = new LiveStreams(deps.events, (error) => logger.warn('live guard failed', { error: (error as Error).message }));
  deps.live = live;

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 100 * 1024 });
  wsServer.on('connection', (socket) => {
    metrics.wsConnections.inc();
    socket.once('close', () => metrics.wsConnections.dec());
  });
  const wsHandle = useServer<Record<string, unknown> | undefined, { ip?: string; token?: string | null; started?: Map<string, { at: number; name: string | null; context?: Scope; live?: string }> }>(
    {
      schema,
      // Every subscription goes through the live guard (src/events/live.ts): it ends the stream
      // with UNAUTHENTICATED or FORBIDDEN when the subscriber's rights are taken away.
      subscribe: async (args) => {
        const result = await tracedSubscribe(args, args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value ?? null);
        if (!(Symbol.asyncIterator in result)) return result;
        return live.guard(liveSubscriber(args.contextValue as Scope), result as AsyncIterable<ExecutionResult>);
      },
      onConnect: (ctx) => {
        ctx.extra.ip = ctx.extra.request.socket.remoteAddress ?? 'unknown';
        const authorization = ctx.connectionParams?.authorization;
        ctx.extra.token = presentedToken(authorization, 'ws');
        if (authorization === undefined || authorization === null) return true;
        const token = ctx.extra.token;
        // A connection that presents a bad token is refused (4403) rather than silently made anonymous.
        return token !== null && verifyToken(token, deps.config.jwtSecret).ok;
      },
      context: (ctx, id) => {
        const context = scopeOf({ token: ctx.extra.token ?? null, ip: ctx.extra.ip ?? 'unknown', userAgent: ctx.extra.request.headers['user-agent'] ?? null });
        const started = ctx.extra.started?.get(id);
        if (started) started.context = context;
        return context;
      },
      // A subscription is live once its first next() has attached it to the bus, which graphql-ws does
      // right after this hook returns. The ping after that tells the client "events from now on reach
      // you", which the protocol has no message for; clients that do not look for it answer a pong.
      onOperation: (ctx, id, _payload, _args, result) => {
        if (!(Symbol.asyncIterator in result)) return;
        const started = ctx.extra.started?.get(id);
        if (started) {
          started.live = metrics.operationLabel(started.name);
          metrics.subscriptions.inc({ operation: started.live });
        }
        setImmediate(() => {
          if (id in ctx.subscriptions && ctx.extra.socket.readyState === ctx.extra.socket.OPEN) {
            ctx.extra.socket.send(JSON.stringify({ type: 'ping', payload: { subscribed: id } }));
          }
        });
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: formatErrors(result.errors, formatError) };
      },
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors, formatError),
      // One line per WebSocket operation too, when it ends (a subscription lives as long as its client wants).
      onComplete: (ctx, id) => {
        const started = ctx.extra.started?.get(id);
        ctx.extra.started?.delete(id);
        if (started?.live) metrics.subscriptions.dec({ operation: started.live });
        metrics.operation(started?.name, 'subscription', 'ws', [], started ? (performance.now() - started.at) / 1000 : 0, false);
        // Written as the subscription ends, outside its spans: in its trace's context, for the trace id.
        const traced = started?.context ? subscriptionContext(started.context) : undefined;
        context.with(traced ?? context.active(), () => logger.info('operation', {
          transport: 'ws',
          id,
          operationName: started?.name ?? null,
          operationType: 'subscription',
          durationMs: started ? Math.round((performance.now() - started.at) * 10) / 10 : null,
          dbMs: started?.context ? Math.round(started.context.db.stats.timeMs * 10) / 10 : null,
          dbRoundTrips: started?.context?.db.stats.roundTrips ?? null,
        }));
      },
      onSubscribe: (ctx, id, payload) => {
        // The id being subscribed is already reserved in ctx.subscriptions, so this counts it too.
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [
            new AppError('RATE_LIMITED', `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection; complete one or open another connection`, {
              maxSubscriptions: MAX_SUBSCRIPTIONS_PER_CONNECTION,
            }),
          ];
        }
        ctx.extra.started ??= new Map();
        ctx.extra.started.set(id, { at: performance.now(), name: payload.operationName ?? null });
        let document;
        // Coded as Apollo codes them over HTTP, so a client sees the same error on either transport.
        const coded = (error: GraphQLError, code: string) =>
          error.extensions.code ? error : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
        try {
          document = parse(payload.query);
        } catch (error) {
          return [coded(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        // Named as over HTTP: by the document's operation when the client sends no operationName.
        const named = ctx.extra.started.get(id);
        if (named && named.name === null) named.name = getOperationAST(document, payload.operationName)?.name?.value ?? null;
        const errors = validate(schema, document, [...wsRules, costLimitRule(payload.variables ?? {})]);
        if (errors.length) return errors.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
      },
    },
    wsServer,
  );

  const costs = new CostCache();
  const apollo = new ApolloServer<Scope>({
    schema,
    // Apollo's default document store (an LRU of about 30 MiB of parsed documents, keyed by the
    // query's hash) is on: a repeated document is neither parsed nor validated again, so
    // costLimitRule() below runs once per document. Left at its default size on purpose.
    formatError,
    // Variables are not known at validation time here; the plugin below re-checks with them.
    validationRules: [costLimitRule()],
    introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM: Apollo's own handler would race it and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default cache-control plugin has a willResolveField hook, which makes Apollo wrap
      // every field of the schema (default resolvers too) to compute cache hints per field. No
      // field has a hint and no response is HTTP-cacheable, so it was pure per-field cost.
      ApolloServerPluginCacheControlDisabled(),
      operationLogPlugin(logger),
      requestErrorStatusPlugin(),
      metrics.plugin(),
      tracingPlugin(),
      {
        // Page sizes passed as variables count too: measure again once variables are known, once
        // per document and page sizes (the same feed query from every client costs one lookup).
        async requestDidStart() {
          return {
            async didResolveOperation({ document, request, schema: s, queryHash }) {
              const errors = costs.check(s, document, queryHash, request.variables ?? {});
              if (errors.length) throw errors[0];
            },
          };
        },
      },
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsHandle.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  let ready = false;
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.db.ping();
      ready ||= await migrationsApplied(deps.db);
      if (!ready) {
        res.status(503).json({ status: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  // Never open on the public port: there only with a bearer token, or on a port of its own.
  if (deps.config.metricsToken) app.get('/metrics', metricsHandler(metrics, deps.config.metricsToken));
  const metricsServer = deps.config.metricsPort === undefined ? null : await startMetricsServer(metrics, listen.host, deps.config.metricsPort, deps.config.metricsToken);

  app.get(`${DOWNLOAD_PATH}/:exportId/:token`, dataExportDownload(services.dataExports, (req) => scopeOf({ token: presentedToken(req.headers.authorization, 'http'), ip: req.socket.remoteAddress ?? 'unknown', userAgent: req.headers['user-agent'] ?? null }), logger));

  mountConsole(app);

  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/graphql-response+json'] }),
    operationSpan,
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        scopeOf({ token: presentedToken(req.headers.authorization, 'http'), ip: req.socket.remoteAddress ?? 'unknown', userAgent: req.headers['user-agent'] ?? null }),
    }),
    bodyErrors,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host;
  const sweep = () => sweepExpiredGroupBuys(deps.db, deps.events, logger);
  const sweeper = setInterval(() => {
    sweep().catch((error: unknown) => logger.warn('group-buy sweep failed', { error: (error as Error).message }));
  }, deps.config.groupBuySweepMs);
  sweeper.unref();
  // Optional in-server influence schedule; the job can also run on its own (npm run influence).
  const influenceTimer =
    deps.config.influenceScheduleMinutes > 0
      ? setInterval(() => {
          computeInfluence(deps.db, { ...influenceOptions(deps.config), events: deps.events })
            .then((run) => logger.info('influence computed', { ...run }))
            .catch((error: unknown) => logger.warn('influence run failed', { error: (error as Error).message }));
        }, deps.config.influenceScheduleMinutes * 60_000)
      : null;
  influenceTimer?.unref();
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    port,
    httpServer,
    schema,
    metricsPort: metricsServer?.port ?? null,
    scope: scopeOf,
    sweepGroupBuys: sweep,
    close() {
      closing ??= (async () => {
        clearInterval(sweeper);
        if (influenceTimer) clearInterval(influenceTimer);
        for (const client of wsServer.clients) client.close(1001, 'Going away');
        await apollo.stop();
        // The discover rankings of the last first pages, so their cursors work on other replicas.
        await services.snapshots.flush();
        await services.sessionTouches.flush();
        await live.close();
        await services.invalidation.close();
        deps.db.observers.splice(deps.db.observers.indexOf(observeQuery), 1);
        if (metricsServer) await new Promise((resolve) => metricsServer.server.close(resolve));
        await services.reviewPoints.close();
        await services.dataExports.drain();
      })();
      return closing;
    },
  };
}
