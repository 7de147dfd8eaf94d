import { defaultFieldResolver, getNamedType, GraphQLSchema, isObjectType } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { UserFailure } from '../common/errors';
import { fieldPath, UserErrorCode } from '../common/user-error-code';
import type { UserError } from '../common/user-errors';
import { firstViolation } from './errors';

/** A mutation of the new contract: its named return type is an object with `userErrors`. */
export function returnsPayload(type: Parameters<typeof getNamedType>[0]): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && 'userErrors' in named.getFields();
}

/** The user error an expected failure is, or null for a failure that stays a top-level error. */
export function asUserError(error: unknown): UserError | null {
  if (error instanceof UserFailure) return { field: fieldPath(error.field), code: error.userErrorCode, message: error.detail };
  if (error instanceof ArgumentValidationError) {
    const { field, message } = firstViolation(error.extensions.validationErrors, '');
    return { field: fieldPath(field), code: UserErrorCode.INVALID, message };
  }
  return null;
}

/**
 * The payload half of the mutation contract, in one place: every mutation that returns a
 * `*Payload` answers an expected failure (a UserFailure thrown by a service, or a class-validator
 * violation of its input) as `{ userErrors: [...] }` with its entity fields null, instead of a
 * top-level error; and a success gets `userErrors: []`, so resolvers return only their entity.
 * A service throws before its transaction commits, so a refused mutation has written nothing.
 * UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED and SERVICE_UNAVAILABLE pass through as top-level
 * errors: a client cannot fix them by changing its input.
 */
export function payloadSchema(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const field of Object.values(mutation.getFields())) {
    if (!returnsPayload(field.type)) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context, info) => {
      try {
        const result = (await resolve(source, args, context, info)) as Record<string, unknown> | null | undefined;
        return { ...(result ?? {}), userErrors: (result?.userErrors as UserError[] | undefined) ?? [] };
      } catch (error) {
        const userError = asUserError(error);
        if (userError) return { userErrors: [userError] };
        throw error;
      }
    };
  }
  return schema;
}
