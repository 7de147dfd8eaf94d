import { SpanKind, trace } from '@opentelemetry/api';
import type { EventBus } from './bus';

const tracer = trace.getTracer('zhongcao-events');

/** Stamped on each published payload, so a subscriber (on any instance) can tell how late it came. */
const PUBLISHED_AT = '__publishedAtMs';

export interface BusObserver {
  published(topic: string): void;
  /** One event reached one subscriber, lagMs after it was published. */
  delivered(topic: string, lagMs: number): void;
}

/**
 * Counts what goes through the bus, and traces each publish as a span of the operation that
 * published it: publish stamps the payload with its time, and every subscription reports each
 * event's lag as it takes it. The payload's own fields are unchanged; readers ignore the stamp.
 */
export function instrumentBus(bus: EventBus, observer: BusObserver, now: () => number = Date.now): void {
  const pubsub = bus.pubsub as unknown as {
    publish: (topic: string, ...args: unknown[]) => void;
    subscribe: (topic: string, id?: string) => AsyncIterable<unknown> & AsyncIterator<unknown>;
  };
  const publish = pubsub.publish.bind(pubsub);
  const subscribe = pubsub.subscribe.bind(pubsub);
  pubsub.publish = (topic, ...args) => {
    const span = tracer.startSpan(`publish ${topic}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': bus.redis ? 'redis' : 'in-process', 'messaging.destination.name': topic } });
    try {
      const last = args[args.length - 1];
      const stamped = last !== null && typeof last === 'object' && !Array.isArray(last) ? [...args.slice(0, -1), { ...last, [PUBLISHED_AT]: now() }] : args;
      observer.published(topic);
      publish(topic, ...stamped);
    } finally {
      span.end();
    }
  };
  pubsub.subscribe = (topic, id) => {
    const source = id === undefined ? subscribe(topic) : subscribe(topic, id);
    const iterator = source[Symbol.asyncIterator]();
    const observed: AsyncIterableIterator<unknown> = {
      async next() {
        const result = await iterator.next();
        const at = (result.value as Record<string, unknown> | undefined)?.[PUBLISHED_AT];
        if (!result.done && typeof at === 'number') observer.delivered(topic, Math.max(0, now() - at));
        return result;
      },
      return: (value?: unknown) => iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
      throw: (error?: unknown) => iterator.throw?.(error) ?? Promise.reject(error),
      [Symbol.asyncIterator]() {
        return observed;
      },
    };
    return observed as AsyncIterable<unknown> & AsyncIterator<unknown>;
  };
}
