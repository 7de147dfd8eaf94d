import { context, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

const tracer = trace.getTracer('zhongcao-graphql');

/**
 * Turns tracing on for the process (OTEL_EXPORTER_OTLP_ENDPOINT): spans go in batches to that OTLP/HTTP
 * collector. Until this runs the API's tracers are OpenTelemetry's no-ops, so tracing off costs nothing.
 */
export function startTracing(endpoint: string): { shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'zhongcao' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }))],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/**
 * The span of one GraphQL request over HTTP, made the active context for everything the request
 * does: its Neo4j statements (src/db/database.ts) and event publishes (src/events/instrument.ts)
 * become its children, and log lines written meanwhile carry its trace id. Mounted after the body
 * parser, whose stream callbacks would lose the context, so the rest of the request is promises.
 */
export const operationSpan: RequestHandler = (req, res, next) => {
  const span = tracer.startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': '/graphql' } });
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    span.end();
  });
  context.with(trace.setSpan(context.active(), span), next);
};

/** Names the request's span after its operation (`query Feed`) and marks it failed on errors. */
export function tracingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation }) {
          const span = trace.getActiveSpan();
          const type = operation?.operation ?? 'unknown';
          span?.updateName(`${type} ${operationName ?? '(unnamed)'}`);
          span?.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': operationName ?? '' });
        },
        async willSendResponse({ errors }) {
          if (errors?.length) trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: errors.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR').join(',') });
        },
      };
    },
  };
}

/** The context of each subscription's span, by its request scope: its closing log line carries the trace id. */
const subscriptionContexts = new WeakMap<object, Context>();

/** The trace context of the subscription whose request scope this is, for log lines written outside its events. */
export function subscriptionContext(scope: object): Context | undefined {
  return subscriptionContexts.get(scope);
}

/**
 * graphql's subscribe(), traced: subscribing is a SERVER span `subscription <Name>` (its reads and
 * rights checks are its children), and each event delivered is a child span `subscription <Name>
 * event` around the event's execution, so a slow push shows which reads it made. The events are
 * mapped as graphql's own subscribe maps them; return() reaches the source stream at once, so a
 * client that completes frees the bus subscription without waiting for another event.
 */
export async function tracedSubscribe(args: ExecutionArgs, operationName: string | null): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const name = `subscription ${operationName ?? '(unnamed)'}`;
  const attributes = { 'graphql.operation.type': 'subscription', 'graphql.operation.name': operationName ?? '' };
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes });
  const parent = trace.setSpan(context.active(), span);
  subscriptionContexts.set(args.contextValue as object, parent);
  try {
    const source = await context.with(parent, () => createSourceEventStream(args));
    if (!(Symbol.asyncIterator in source)) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (source.errors ?? []).map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR').join(',') });
      return source;
    }
    return mapEvents(source, (payload) => {
      const event = tracer.startSpan(`${name} event`, { attributes }, parent);
      return context.with(trace.setSpan(parent, event), async () => {
        try {
          const result = await execute({ ...args, rootValue: payload });
          if (result.errors?.length) event.setStatus({ code: SpanStatusCode.ERROR, message: result.errors.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR').join(',') });
          return result;
        } finally {
          event.end();
        }
      });
    });
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

function mapEvents<T, U>(source: AsyncIterable<T>, map: (value: T) => Promise<U>): AsyncIterableIterator<U> {
  const iterator = source[Symbol.asyncIterator]();
  const step = async (result: IteratorResult<T>): Promise<IteratorResult<U>> => (result.done ? { value: undefined, done: true } : { value: await map(result.value), done: false });
  const mapped: AsyncIterableIterator<U> = {
    next: () => iterator.next().then(step),
    return: async () => (iterator.return ? step(await iterator.return()) : { value: undefined, done: true }),
    throw: async (error: unknown) => {
      if (iterator.throw) return step(await iterator.throw(error));
      throw error;
    },
    [Symbol.asyncIterator]: () => mapped,
  };
  return mapped;
}
