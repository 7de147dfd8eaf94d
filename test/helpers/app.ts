import { RecordingLiveRoomPublisher } from '../../src/live/publisher';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { GraphQLClient, ClientError } from 'graphql-request';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, Config } from '../../src/config';
import { Database } from '../../src/db/database';
import { createEventBus } from '../../src/events/bus';
import { createApp, App } from '../../src/server/app';
import type { AppDeps } from '../../src/app/deps';
import { createLimits } from '../../src/accounts/limits';
import { createLogger } from '../../src/server/logger';

export const PREFIX = process.env.ZHONGCAO_TEST_PREFIX ?? 'tlocal';
let counter = 0;
// Jest re-evaluates this module for every test file in a worker, so the counter alone would repeat.
const fileTag = randomBytes(3).toString('hex');
/** What every handle made by this test file starts with: a file's own clean-up selects by it, never by the run's PREFIX, which every file shares. */
export const FILE_PREFIX = `${PREFIX}${fileTag}`;

/** A handle unique to this test run, recognisable by cleanup. */
export function uniqueHandle(name: string): string {
  counter++;
  return `${PREFIX}${fileTag}${counter}_${name}`.slice(0, 30);
}

export interface GraphQLResult<T = Record<string, unknown>> {
  data: T | null | undefined;
  errors?: { message: string; path?: (string | number)[]; extensions: { code: string; field?: string } & Record<string, unknown> }[];
}

/**
 * An operation: a typed document from test/generated/graphql.ts (its result and variables are
 * checked against the schema), or a plain string while a test file is not converted yet.
 */
export type Operation<T, V> = TypedDocumentNode<T, V> | string;

/** The text sent over the wire; a typed document is printed back to GraphQL. */
export function operationText(operation: DocumentNode | string): string {
  return typeof operation === 'string' ? operation : print(operation);
}

export interface TestApp {
  app: App;
  db: Database;
  deps: AppDeps;
  /** Runs an operation over HTTP, with the given token, and returns data and errors without throwing. */
  gql<T, V>(operation: TypedDocumentNode<T, V>, variables?: V, token?: string | null): Promise<GraphQLResult<T>>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResult<T>>;
  /** Like gql, but fails the test on any error, or on a mutation refused in its userErrors, and returns data. */
  ok<T, V>(operation: TypedDocumentNode<T, V>, variables?: V, token?: string | null): Promise<T>;
  ok<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Fails the test on a top-level error only and returns data: for a mutation whose refusal (userErrors) the test asserts. */
  answer<T, V>(operation: TypedDocumentNode<T, V>, variables?: V, token?: string | null): Promise<T>;
  answer<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  ws(token?: string | null): Client;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    BCRYPT_COST: '4',
    EXPORT_DIR: join(tmpdir(), 'zhongcao-test-exports'),
    TWO_FACTOR_ENCRYPTION_KEY: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
    SIGNUP_MAX_PER_IP: '100000',
    PORT: '0',
    // Tests expire group buys explicitly (app.sweepGroupBuys), so no timer adds database calls.
    GROUP_BUY_SWEEP_MS: '3600000',
    ...env,
  });
}

export function connectTestDatabase(): Database {
  return Database.connect({
    uri: process.env.NEO4J_URI!,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  });
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(env);
  const db = connectTestDatabase();
  const logger = createLogger(config.logLevel);
  const events = createEventBus(config.redisUrl);
  const deps: AppDeps = { config, logger, db, events, limits: createLimits(config, events.redis, logger) };
  // Live-room tests read what the room service announced; the real fan-out runs beside it.
  deps.livePublisher = new RecordingLiveRoomPublisher();
  const app = await createApp(deps, { host: '127.0.0.1', port: 0 });
  const clients: Client[] = [];

  const gql = async <T>(operation: DocumentNode | string, variables?: unknown, token?: string | null): Promise<GraphQLResult<T>> => {
    const client = new GraphQLClient(app.url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    try {
      const result = await client.rawRequest<T>(operationText(operation), variables as Record<string, unknown> | undefined);
      return { data: result.data };
    } catch (error) {
      if (error instanceof ClientError) {
        return { data: error.response.data as T | undefined, errors: error.response.errors as GraphQLResult['errors'] };
      }
      throw error;
    }
  };

  return {
    app,
    db,
    deps,
    gql,
    async answer(operation: DocumentNode | string, variables?: unknown, token?: string | null) {
      const result = await gql(operation, variables, token);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    },
    async ok(operation: DocumentNode | string, variables?: unknown, token?: string | null) {
      const result = await gql(operation, variables, token);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      // A refused mutation answers in its payload's userErrors, not in errors: `ok` means it was done.
      const refused = Object.entries((result.data ?? {}) as Record<string, unknown>).filter(
        ([, payload]) => Array.isArray((payload as { userErrors?: unknown[] } | null)?.userErrors) && (payload as { userErrors: unknown[] }).userErrors.length > 0,
      );
      if (refused.length) throw new Error(`Mutation refused: ${JSON.stringify(Object.fromEntries(refused.map(([name, p]) => [name, (p as { userErrors: unknown[] }).userErrors])))}`);
      return result.data as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    },
    ws(token) {
      const client = createClient({
        url: app.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
        // collect() tags its subscription so it can recognise the server's "subscribed" ping for it.
        generateID: (payload) => (typeof payload.extensions?.collectTag === 'string' ? payload.extensions.collectTag : randomUUID()),
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.close();
      await deps.events.close();
      await db.close();
    },
  };
}

/** Collects the next n events of a subscription, failing after timeoutMs. */
export function collect<T, V = Record<string, unknown>>(client: Client, operation: Operation<T, V>, n: number, timeoutMs = 10_000, variables?: V): { events: Promise<T[]>; started: Promise<void> } {
  const query = operationText(operation);
  const events: T[] = [];
  let startedResolve!: () => void;
  const started = new Promise<void>((r) => (startedResolve = r));
  // Started means the server has attached the subscription to the bus (its "subscribed" ping, see
  // src/server/app.ts), so a mutation sent after it cannot publish before the subscriber listens.
  // Clients made without t.ws() do not tag their ids: they fall back to a second after connecting.
  const tag = `collect-${randomUUID()}`;
  const offPing = client.on('ping', (received, payload) => {
    if (received && (payload as { subscribed?: string } | undefined)?.subscribed === tag) startedResolve();
  });
  const offConnected = client.on('connected', () => setTimeout(startedResolve, 1000).unref());
  void started.then(() => {
    offPing();
    offConnected();
  });
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out with ${events.length} of ${n} events`)), timeoutMs);
    const unsubscribe = client.subscribe<T>(
      { query, variables: variables as Record<string, unknown> | undefined, extensions: { collectTag: tag } },
      {
        next: (value) => {
          if (value.errors) {
            clearTimeout(timer);
            reject(new Error(JSON.stringify(value.errors)));
            return;
          }
          events.push(value.data as T);
          if (events.length >= n) {
            clearTimeout(timer);
            unsubscribe();
            resolve(events);
          }
        },
        error: (err) => {
          clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
        },
        complete: () => {
          clearTimeout(timer);
          resolve(events);
        },
      },
    );
  });
  return { events: done, started };
}
