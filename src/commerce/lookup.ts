import { UserFailure } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';

/**
 * A lookup by id answers null for an object that is missing or that the viewer may not see
 * (the service's NOT_FOUND), so one unknown id does not fail the rest of the request; a
 * malformed id, or a failure of another kind, stays an error.
 */
export async function nullIfNotFound<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof UserFailure && error.userErrorCode === UserErrorCode.NOT_FOUND) return null;
    throw error;
  }
}
