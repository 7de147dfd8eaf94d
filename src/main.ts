import 'reflect-metadata';
import { loadConfig, ConfigError, Config } from './config';
import { createLogger, Logger } from './server/logger';
import { Database } from './db/database';
import { startLocalNeo4j, LocalNeo4j } from './db/local-neo4j';
import { migrate } from './db/migrations';
import { createEventBus } from './events/bus';
import { createApp } from './server/app';
import { startTracing } from './server/tracing';
import { createLimits } from './accounts/limits';

async function waitForDatabase(db: Database, logger: Logger, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await db.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      logger.warn('waiting for Neo4j', { error: (error as Error).message });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  let local: LocalNeo4j | null = null;
  let uri = config.neo4jUri;
  if (!uri) {
    logger.info('starting local Neo4j', { dataDir: config.localNeo4jDataDir, port: config.localNeo4jPort });
    local = await startLocalNeo4j({ port: config.localNeo4jPort, dataDir: config.localNeo4jDataDir });
    uri = local.uri;
  }
  const db = Database.connect({ uri, user: config.neo4jUser, password: config.neo4jPassword, database: config.neo4jDatabase, retryTimeMs: config.neo4jRetryTimeMs, queryTimeoutMs: config.neo4jQueryTimeoutMs });
  await waitForDatabase(db, logger);
  await migrate(db, { log: (msg, fields) => logger.info(msg, fields) });
  const events = createEventBus(config.redisUrl);
  // Off by default; on before the app is built, so that every span of every request is exported.
  const tracing = config.otelExporterOtlpEndpoint ? startTracing(config.otelExporterOtlpEndpoint) : null;
  const app = await createApp({ config, logger, db, events, limits: createLimits(config, events.redis, logger) }, { host: config.host, port: config.port });
  logger.info('listening', { url: app.url, neo4j: uri, redis: config.redisUrl ? 'on' : 'off', tracing: tracing ? 'on' : 'off', metricsPort: app.metricsPort });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 30_000);
    force.unref();
    try {
      await app.close();
      logger.info('requests finished; closing connections');
      await events.close();
      await db.close();
      // The last batch of spans.
      await tracing?.shutdown();
      if (local) {
        logger.info('stopping local Neo4j');
        await local.stop();
      }
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error('shutdown failed', { error: (error as Error).message });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Zhongcao failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
