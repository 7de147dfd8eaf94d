import type { Tx } from './database';

/** A repository's transaction functions (its static `(tx, ...args)` methods), bound to one transaction. */
export type InTx<R> = {
  [K in keyof R as R[K] extends (tx: Tx, ...args: never[]) => unknown ? K : never]: R[K] extends (tx: Tx, ...args: infer A) => infer T ? (...args: A) => T : never;
};

/**
 * Binds a repository's transaction functions to `tx`, so a use case that writes in several domains
 * reads as one recipe over one transaction object: `t.groups.ban(...)`, `t.moderation.recordAction(...)`,
 * each domain's Cypher staying in its own repository.
 */
export function inTx<R extends object>(tx: Tx, repository: R): InTx<R> {
  const bound: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(repository)) {
    const fn: unknown = (repository as Record<string, unknown>)[key];
    if (typeof fn === 'function' && key !== 'constructor') bound[key] = (...args: unknown[]) => (fn as (...a: unknown[]) => unknown).call(repository, tx, ...args);
  }
  return bound as InTx<R>;
}
