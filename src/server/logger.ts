import type { LogLevel } from '../config';
import type { Logger } from '../common/logger';
import { isSpanContextValid, trace } from '@opentelemetry/api';

export type { Logger };

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };


/** One JSON object per line on stdout, so log shippers need no parsing rules. */
export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (rank[lvl] < rank[level]) return;
    // Inside a traced request (src/server/tracing.ts) the line names its trace, to find it in the tracing UI.
    const span = trace.getActiveSpan()?.spanContext();
    const traced = span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...traced, ...fields }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
