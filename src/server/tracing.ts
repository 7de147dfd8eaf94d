import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
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
