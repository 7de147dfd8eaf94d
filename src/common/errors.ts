import { GraphQLError } from 'graphql';
import { UserErrorCode } from './user-error-code';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'CONFLICT';

/** Errors that are safe to show to clients as they are; anything else is masked. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/**
 * A failure caused by the input, which a client can fix or branch on. A mutation that returns a
 * payload answers it in `userErrors` (src/server/payloads.ts) with its code; anywhere else (a
 * query's argument, a mutation of the old shape) it is a top-level BAD_USER_INPUT or NOT_FOUND
 * naming the field, as before.
 */
export class UserFailure extends AppError {
  constructor(
    readonly userErrorCode: UserErrorCode,
    readonly field: string | null,
    readonly detail: string,
  ) {
    const code: ErrorCode = userErrorCode === UserErrorCode.NOT_FOUND ? 'NOT_FOUND' : 'BAD_USER_INPUT';
    super(code, field && code === 'BAD_USER_INPUT' ? `${field}: ${detail}` : detail, field && code === 'BAD_USER_INPUT' ? { field } : {});
  }
}

export const badInput = (field: string, message: string, code: UserErrorCode = UserErrorCode.INVALID) => new UserFailure(code, field, message);
/** `field` names the input that held the id, so a payload can point at it. */
export const notFound = (what: string, field: string | null = null) => new UserFailure(UserErrorCode.NOT_FOUND, field, `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'You must be signed in') => new AppError('UNAUTHENTICATED', message);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', `Too many attempts; retry in ${retryAfterSeconds}s`, { retryAfterSeconds });
