import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestScope } from '../request/scope';
import type { Logger } from './logger';

/** One structured line per operation: its name, how long it took and how much of that was Neo4j. */
export function operationLogPlugin(logger: Logger): ApolloServerPlugin<RequestScope> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, operation, errors }) {
          logger.info('operation', {
            requestId: contextValue.requestId,
            transport: 'http',
            operationName: operationName ?? null,
            operationType: operation?.operation ?? null,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            dbMs: Math.round(contextValue.db.stats.timeMs * 10) / 10,
            dbRoundTrips: contextValue.db.stats.roundTrips,
            errorCodes: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
          });
        },
      };
    },
  };
}
