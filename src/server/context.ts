/**
 * Kept for the test files that still import from here; the pieces moved to where they belong:
 * the request scope to src/request/, the process's dependencies to src/app/deps.ts, the limits
 * to src/accounts/limits.ts. Nothing in src/ imports this file.
 */
export type { AppDeps } from '../app/deps';
export { createLimits } from '../accounts/limits';
