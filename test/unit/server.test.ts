import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { coercedVariableField, createErrorFormatter } from '../../src/server/errors';
import { createLogger } from '../../src/server/logger';
import { badInput, notFound } from '../../src/common/errors';
import { parseMigration } from '../../src/db/migrations';
import { toCypherParams } from '../../src/db/database';

function formatterWithLog() {
  const lines: string[] = [];
  return { lines, format: createErrorFormatter(createLogger('info', (l) => lines.push(l))) };
}

const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });

describe('error formatting', () => {
  test('unexpected errors are masked for clients and logged with details', () => {
    const { lines, format } = formatterWithLog();
    const error = wrap(new Error('secret detail: connection string bolt://admin:pw@db'));
    const out = format(error.toJSON(), error);
    expect(out).toEqual({ message: 'Internal server error', path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', error: expect.stringContaining('secret detail') });
  });

  test('domain errors keep their code and message', () => {
    const { format } = formatterWithLog();
    for (const original of [badInput('handle', 'is taken'), notFound('User')]) {
      const error = wrap(original);
      expect(format(error.toJSON(), error).extensions).toEqual(original.extensions);
    }
  });

  test('a variable of the wrong type is BAD_USER_INPUT naming the variable path', () => {
    const cases: [string, string | null][] = [
      ['Variable "$input" got invalid value 5 at "input.items[0].qty"; Int cannot represent non-integer value: 5', 'input.items[0].qty'],
      ['Variable "$t" got invalid value { a: 1 }; String cannot represent a non string value: { a: 1 }', 't'],
      // A quoted value cannot fake the path: its quotes are escaped.
      ['Variable "$input" got invalid value "x at \\"input.other\\"; " at "input.title"; String cannot represent', 'input.title'],
      ['Something else entirely', null],
    ];
    for (const [message, field] of cases) expect(coercedVariableField(message)).toBe(field);
    const { format } = formatterWithLog();
    const error = new GraphQLError(cases[0]![0], { extensions: { code: 'BAD_USER_INPUT' } });
    expect(format(error.toJSON(), error).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.items[0].qty' });
  });

  test('a lost database is SERVICE_UNAVAILABLE', () => {
    const { format } = formatterWithLog();
    const error = wrap(new Neo4jError('connection refused', 'ServiceUnavailable', 'x', 'y'));
    expect(format(error.toJSON(), error).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNREACHABLE' });
  });

  test('a terminated transaction, a lock timeout and an exhausted pool are SERVICE_UNAVAILABLE, worth a retry, and not logged as defects', () => {
    const { lines, format } = formatterWithLog();
    const busy = [
      // The driver rewrites the server's Transient termination codes to these ClientError ones, which it does not retry.
      new Neo4jError('The transaction has been terminated. Retry your operation in a new transaction', 'Neo.ClientError.Transaction.Terminated', 'x', 'y'),
      new Neo4jError('The transaction has been terminated.', 'Neo.ClientError.Transaction.LockClientStopped', 'x', 'y'),
      new Neo4jError('Unable to acquire lock within configured timeout', 'Neo.TransientError.Transaction.LockAcquisitionTimeout', 'x', 'y'),
      new Neo4jError('Connection acquisition timed out in 10000 ms. Pool status: Active conn count = 200, Idle conn count = 0.', 'N/A', 'x', 'y'),
    ];
    for (const original of busy) {
      const error = wrap(original);
      expect(format(error.toJSON(), error)).toMatchObject({ message: 'The database is busy; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'BUSY' } });
    }
    expect(lines).toEqual([]);
  });

  test('a defect in a query stays INTERNAL_SERVER_ERROR, even when it is a Neo4j error', () => {
    const { lines, format } = formatterWithLog();
    for (const original of [
      new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', 'x', 'y'),
      new Neo4jError('already exists with label', 'Neo.ClientError.Schema.ConstraintValidationFailed', 'x', 'y'),
    ]) {
      const error = wrap(original);
      expect(format(error.toJSON(), error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    }
    expect(lines).toHaveLength(2);
  });
});

describe('structured logs', () => {
  test('are one JSON object per line, filtered by level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (l) => lines.push(l));
    logger.info('hidden');
    logger.warn('shown', { operationName: 'Feed', durationMs: 3 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'warn', msg: 'shown', operationName: 'Feed', durationMs: 3 })]);
  });
});

describe('migration files', () => {
  test('split into statements at line-ending semicolons, without comment lines', () => {
    expect(parseMigration('// why\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n\nCREATE CONSTRAINT b IF NOT EXISTS\n  FOR (n:B) REQUIRE n.id IS UNIQUE;\n')).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)',
      'CREATE CONSTRAINT b IF NOT EXISTS\n  FOR (n:B) REQUIRE n.id IS UNIQUE',
    ]);
  });
});

describe('query parameters', () => {
  test('whole numbers become Cypher integers; fractions stay floats', () => {
    const params = toCypherParams({ limit: 21, ratio: 0.5, nested: { at: [1, 2.5] }, s: 'x', n: null }) as Record<string, unknown>;
    expect((params.limit as { toNumber(): number }).toNumber()).toBe(21);
    expect(params.ratio).toBe(0.5);
    expect(params.s).toBe('x');
    expect(params.n).toBeNull();
  });
});
