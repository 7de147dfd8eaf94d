import neo4j, { Driver, isRetryableError, Neo4jError, RecordShape, type QueryResult, type Session } from 'neo4j-driver';
import { AppError } from '../common/errors';
import type { CypherQuery } from './cypher';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('zhongcao-neo4j');
import { captureFromEnv, type CaptureMode, type StatementCapture, type TxCapture } from './capture';

export type Params = Record<string, unknown>;
export type Row = RecordShape;

/** Per-operation accounting, logged with each GraphQL operation and used by tests to bound round trips. */
export class DbStats {
  roundTrips = 0;
  timeMs = 0;
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * The driver sends every JS number as a Cypher Float. Whole numbers here are ids' counters,
 * timestamps in epoch milliseconds and LIMITs, which must be Cypher Integers.
 */
export function toCypherParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypherParams);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypherParams(v)]));
  }
  return value;
}

/** Why the database could not serve a request now; every reason is worth retrying shortly. */
export type UnavailableReason = 'DATABASE_UNREACHABLE' | 'BUSY' | 'QUERY_TIMEOUT';

/**
 * Server codes that end a transaction for reasons of load, not of the request: a transaction
 * terminated by the server or an operator (the ClientError form carries no Transient marker, so
 * the driver does not retry it), and a lock wait that ran out or whose lock client was stopped.
 */
const BUSY_CODES = new Set([
  'Neo.ClientError.Transaction.Terminated',
  'Neo.ClientError.Transaction.LockClientStopped',
  'Neo.ClientError.Transaction.LockAcquisitionTimeout',
]);

/**
 * The driver's pool gives up waiting for a connection with a code-less error (N/A); only its
 * message says what it was.
 */
const POOL_TIMEOUT = /^Connection acquisition timed out/;

/**
 * Whether, and why, an error means "the database cannot serve this now": the driver's connection
 * errors and an exhausted pool, transient server errors (a stopping or starting database, a leader
 * switch, a deadlock, a lock timeout) still failing after the transaction function's retries, a
 * terminated transaction, and one that ran past NEO4J_QUERY_TIMEOUT_MS. Anything else (a Cypher
 * syntax error, a constraint) is a defect, and null.
 */
export function unavailableReason(error: unknown): UnavailableReason | null {
  if (!(error instanceof Neo4jError)) return null;
  if (/TransactionTimedOut/.test(error.code)) return 'QUERY_TIMEOUT';
  if (UNAVAILABLE_CODES.has(error.code)) return 'DATABASE_UNREACHABLE';
  if (POOL_TIMEOUT.test(error.message) || BUSY_CODES.has(error.code) || error.code.startsWith('Neo.TransientError.Transaction.')) return 'BUSY';
  if (error.code.startsWith('Neo.TransientError.')) return 'DATABASE_UNREACHABLE';
  return null;
}

/** Any of unavailableReason's errors. */
export function isUnavailable(error: unknown): boolean {
  return unavailableReason(error) !== null;
}

const UNAVAILABLE_MESSAGES: Record<UnavailableReason, string> = {
  DATABASE_UNREACHABLE: 'The database is unavailable; try again shortly',
  BUSY: 'The database is busy; try again shortly',
  QUERY_TIMEOUT: 'The database took too long to answer; try again shortly',
};

/** The SERVICE_UNAVAILABLE error a client sees for an unavailable database, with its reason. */
export function unavailableError(reason: UnavailableReason): AppError {
  return new AppError('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGES[reason], { reason });
}

function toAppError(error: unknown): unknown {
  const reason = unavailableReason(error);
  return reason ? unavailableError(reason) : error;
}

/** A transaction handle that counts its round trips. */
export interface Tx {
  run<T extends Row = Row>(query: CypherQuery, params?: Params): Promise<T[]>;
}

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** How long transaction functions keep retrying transient failures (default 5 s). */
  retryTimeMs?: number;
  /** A transaction running longer than this is ended by the server (default 15 s). */
  queryTimeoutMs?: number;
  /** Records committed transactions for the benchmark (default: ZHONGCAO_CAPTURE_STATEMENTS, else none). */
  capture?: StatementCapture | null;
}

/** Told of every statement when it ends: its cypher/ file name, how long it took, and whether it failed. */
export type QueryObserver = (name: string, ms: number, failed: boolean) => void;

export class Database {
  /** Totals across all operations, for tests and the benchmark. */
  readonly totals = new DbStats();
  /** The metrics endpoint's counters (src/server/metrics.ts); empty unless an app observes. */
  readonly observers: QueryObserver[] = [];

  private constructor(
    readonly driver: Driver,
    readonly name: string,
    readonly queryTimeoutMs: number,
    readonly capture: StatementCapture | null,
    readonly retryTimeMs: number,
  ) {}

  static connect(options: DatabaseOptions): Database {
    const auth = options.password === '' ? undefined : neo4j.auth.basic(options.user, options.password);
    const driver = neo4j.driver(options.uri, auth, {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 200,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: options.retryTimeMs ?? 5_000,
      // Query notifications are for query authors at development time, not for every request.
      notificationFilter: { minimumSeverityLevel: 'OFF' },
    });
    return new Database(driver, options.database, options.queryTimeoutMs ?? 15_000, options.capture === undefined ? captureFromEnv : options.capture, options.retryTimeMs ?? 5_000);
  }

  scope(stats: DbStats = new DbStats()): DbScope {
    return new DbScope(this, stats);
  }

  /** One attempt, no retries: readiness checks must answer quickly. */
  async ping(): Promise<void> {
    const session = this.driver.session({ database: this.name });
    try {
      await session.run('RETURN 1');
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** The database as one GraphQL operation sees it: every query is counted and timed. */
export class DbScope {
  constructor(
    private readonly db: Database,
    readonly stats: DbStats,
  ) {}

  private count(ms: number) {
    this.stats.roundTrips++;
    this.stats.timeMs += ms;
    this.db.totals.roundTrips++;
    this.db.totals.timeMs += ms;
  }

  /** Runs one statement through `runner` (a transaction, or a session for an auto-commit read), counted, traced and observed. */
  private async statement<T extends Row>(runner: { run: (text: string, params: Params) => Promise<QueryResult<T>> }, query: CypherQuery, params: Params, capture: TxCapture | undefined): Promise<T[]> {
    const started = performance.now();
    // A child of the operation's span when tracing is on (src/server/tracing.ts); a no-op otherwise.
    const span = tracer.startSpan(query.name, { kind: SpanKind.CLIENT, attributes: { 'db.system': 'neo4j', 'db.namespace': this.db.name, 'db.query.summary': query.name } });
    let failed = false;
    try {
      const result = await runner.run(query.text, toCypherParams(params) as Params);
      capture?.statement(query, params);
      return result.records.map((r) => r.toObject());
    } catch (error) {
      failed = true;
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
      const ms = performance.now() - started;
      this.count(ms);
      for (const observe of this.db.observers) observe(query.name, ms, failed);
    }
  }

  private wrap(tx: { run: <T extends Row>(text: string, params: Params) => Promise<QueryResult<T>> }, capture: TxCapture | undefined): Tx {
    capture?.attempt();
    return { run: <T extends Row>(query: CypherQuery, params: Params = {}) => this.statement<T>(tx, query, params, capture) };
  }

  /**
   * One read query in its own read transaction, as an auto-commit transaction: the driver sends it
   * as one message (RUN with PULL) where a transaction function sends three (BEGIN, RUN with PULL,
   * COMMIT), each its own socket write here and its own message for Neo4j to schedule. Under the
   * feed load those writes were a quarter of the API's CPU (docs/performance.md). A read has no
   * effect to repeat, so a transient failure is retried here as the driver would (until retryTimeMs).
   */
  async read<T extends Row = Row>(query: CypherQuery, params: Params = {}): Promise<T[]> {
    const deadline = Date.now() + this.db.retryTimeMs;
    for (let attempt = 0; ; attempt++) {
      const session = this.db.driver.session({ database: this.db.name, defaultAccessMode: neo4j.session.READ });
      const capture = this.begin('auto');
      let committed = false;
      try {
        const rows = await this.statement<T>(autoCommit(session, this.db.queryTimeoutMs), query, params, capture);
        committed = true;
        return rows;
      } catch (error) {
        if (!isRetryableError(error as Error) || Date.now() >= deadline) throw toAppError(error);
      } finally {
        capture?.end(committed);
        await session.close();
      }
      await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt) * (0.8 + Math.random() * 0.4)));
    }
  }

  /** One write query in its own write transaction (retried on transient errors). */
  async write<T extends Row = Row>(query: CypherQuery, params: Params = {}): Promise<T[]> {
    return this.writeTx((tx) => tx.run<T>(query, params));
  }

  async readTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.db.driver.session({ database: this.db.name, defaultAccessMode: neo4j.session.READ });
    const capture = this.begin('read');
    let committed = false;
    try {
      const result = await session.executeRead((tx) => work(this.wrap(tx, capture)), { timeout: this.db.queryTimeoutMs });
      committed = true;
      return result;
    } catch (error) {
      throw toAppError(error);
    } finally {
      capture?.end(committed);
      await session.close();
    }
  }

  /** Undefined unless the benchmark turned statement capture on (see capture.ts). */
  private begin(mode: CaptureMode): TxCapture | undefined {
    return this.db.capture?.begin(mode);
  }

  /**
   * Runs work in a write transaction function: the driver retries it on transient errors (deadlocks,
   * leader changes), so work must not have side effects outside the transaction.
   */
  async writeTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.db.driver.session({ database: this.db.name, defaultAccessMode: neo4j.session.WRITE });
    const capture = this.begin('write');
    let committed = false;
    try {
      const result = await session.executeWrite((tx) => work(this.wrap(tx, capture)), { timeout: this.db.queryTimeoutMs });
      committed = true;
      return result;
    } catch (error) {
      throw toAppError(error);
    } finally {
      capture?.end(committed);
      await session.close();
    }
  }
}

/** A session's auto-commit run, with the transaction timeout the transaction functions get. */
function autoCommit(session: Session, timeoutMs: number) {
  return { run: <T extends Row>(text: string, params: Params) => session.run<T>(text, params, { timeout: timeoutMs }) as unknown as Promise<QueryResult<T>> };
}
