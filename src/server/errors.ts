import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../common/errors';
import { unavailableError, unavailableReason } from '../db/database';
import type { Logger } from './logger';

/** Codes whose messages are written for clients: GraphQL's own request errors and ours. */
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'CONFLICT',
]);

export function firstViolation(errors: ValidationError[], prefix: string): { field: string; message: string } {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { field, message };
    if (error.children?.length) return firstViolation(error.children, field);
  }
  return { field: prefix || 'input', message: 'is not valid' };
}

const COERCION = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" got invalid value /;
// Printed values quote strings with escaped quotes, so the first unescaped ` at "…"; ` is the path.
const COERCION_PATH = / at "([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)"; /;

/**
 * The input a variable-coercion error is about ("input.items[0].qty", or the variable's name),
 * so clients get `field` for a wrong type as they do for our own checks. graphql-js keeps the path
 * only in its message.
 */
export function coercedVariableField(message: string): string | null {
  const variable = COERCION.exec(message);
  if (!variable) return null;
  return COERCION_PATH.exec(message)?.[1] ?? variable[1]!;
}

/**
 * Turns any error into what a client may see. Known errors keep their code and message; a lost,
 * busy or slow database is SERVICE_UNAVAILABLE with its reason; everything else is INTERNAL_SERVER_ERROR with its details
 * only in the logs.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const { field, message } = firstViolation(original.extensions.validationErrors, '');
      return { ...formatted, message: `${field}: ${message}`, extensions: { code: 'BAD_USER_INPUT', field } };
    }
    if (original instanceof AppError) return { ...formatted, extensions: original.extensions };
    // Also for driver errors that escaped DbScope (which converts its own): a busy or lost
    // database is worth a retry, never an INTERNAL_SERVER_ERROR.
    const reason = unavailableReason(original);
    if (reason) {
      const unavailable = unavailableError(reason);
      return { ...formatted, message: unavailable.message, extensions: unavailable.extensions };
    }
    const code = formatted.extensions?.code;
    if (code === 'BAD_USER_INPUT' && formatted.extensions?.field === undefined) {
      const field = coercedVariableField(formatted.message);
      if (field) return { ...formatted, extensions: { ...formatted.extensions, field } };
    }
    if (typeof code === 'string' && PUBLIC_CODES.has(code) && !(original instanceof Neo4jError)) return formatted;
    logger.error('unexpected error', {
      error: original instanceof Error ? original.message : String(original),
      stack: original instanceof Error ? original.stack : undefined,
      path: formatted.path,
    });
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** The same masking for results sent over WebSocket, which do not pass through Apollo. */
export function formatErrors(errors: readonly GraphQLError[], format: ReturnType<typeof createErrorFormatter>): GraphQLFormattedError[] {
  return errors.map((e) => format(e.toJSON(), e));
}
