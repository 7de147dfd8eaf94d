import { context, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { collect, startTestApp, type TestApp } from '../helpers/app';
import { NotificationAddedTypesDocument } from '../generated/graphql';
import { people } from '../helpers/people';
import { createLogger } from '../../src/server/logger';

// OpenTelemetry tracing (issue 21, section 2), with an in-memory exporter in place of the OTLP one
// that OTEL_EXPORTER_OTLP_ENDPOINT starts (src/server/tracing.ts): the tree of one operation's spans.

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let t: TestApp;
beforeAll(async () => {
  provider.register();
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  await provider.shutdown();
});

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

test('an operation is one span, with a child per Neo4j statement, named by its cypher/ file, and per event publish', async () => {
  const { mei, lin } = await people(t, ['mei', 'lin']);
  exporter.reset();
  await t.ok('mutation TracedFollow($id: ID!) { follow(input: { userId: $id }) { user { id } userErrors { code } } }', { id: lin.id }, mei.token);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const spans = exporter.getFinishedSpans();
  const operation = spans.find((s) => s.name === 'mutation TracedFollow');
  expect(operation).toBeDefined();
  expect(operation!.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'TracedFollow', 'http.response.status_code': 200 });
  expect(parentOf(operation!)).toBeUndefined();
  const children = spans.filter((s) => parentOf(s) === operation!.spanContext().spanId && s.spanContext().traceId === operation!.spanContext().traceId);
  expect(children.map((s) => s.name)).toEqual(expect.arrayContaining(['social/follow', 'publish NEW_FOLLOWER']));
  expect(children.find((s) => s.name === 'social/follow')!.attributes).toMatchObject({ 'db.system': 'neo4j', 'db.query.summary': 'social/follow' });
  // Nothing of the operation escaped its trace.
  expect(spans.filter((s) => s.name === 'social/follow' && s.spanContext().traceId !== operation!.spanContext().traceId)).toEqual([]);
});

test('a failed operation is marked as failed', async () => {
  exporter.reset();
  await t.gql('query TracedBroken { nope }');
  await new Promise((resolve) => setTimeout(resolve, 100));
  // Refused at validation, before it has an operation: the request's span keeps its first name.
  const span = exporter.getFinishedSpans().find((s) => s.name === 'graphql');
  expect(span?.status.code).toBe(2);
});

test('JSON log lines written inside a traced operation carry its trace id', () => {
  const lines: string[] = [];
  const logger = createLogger('info', (line) => lines.push(line));
  const span = trace.getTracer('test').startSpan('an operation');
  context.with(trace.setSpan(context.active(), span), () => logger.info('inside'));
  span.end();
  logger.info('outside');
  const [inside, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(inside).toMatchObject({ msg: 'inside', traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
  expect(outside).not.toHaveProperty('traceId');
});

test('a subscription is a span when it subscribes, and each event it delivers a child span in the same trace', async () => {
  const { mei, lin } = await people(t, ['mei', 'lin']);
  const client = t.ws(mei.token);
  try {
    exporter.reset();
    const { events, started } = collect(client, NotificationAddedTypesDocument, 1);
    await started;
    await t.ok('mutation($id: ID!) { follow(input: { userId: $id }) { user { id } userErrors { code } } }', { id: mei.id }, lin.token);
    expect(await events).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const spans = exporter.getFinishedSpans();
    const subscribed = spans.find((s) => s.name === 'subscription NotificationAddedTypes');
    expect(subscribed?.attributes).toMatchObject({ 'graphql.operation.type': 'subscription', 'graphql.operation.name': 'NotificationAddedTypes' });
    const delivered = spans.filter((s) => s.name === 'subscription NotificationAddedTypes event');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.spanContext().traceId).toBe(subscribed!.spanContext().traceId);
    expect(parentOf(delivered[0]!)).toBe(subscribed!.spanContext().spanId);
    // The event's reads are children of its span, not of the mutation that published it.
    const reads = spans.filter((s) => parentOf(s) === delivered[0]!.spanContext().spanId);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s.attributes['db.system'] === 'neo4j')).toBe(true);
  } finally {
    await client.dispose();
  }
});
