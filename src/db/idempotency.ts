import { createHash, randomUUID } from 'node:crypto';
import { badInput } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireText } from '../common/validate';
import { cypher } from './cypher';
import type { Tx } from './database';

const q = {
  claim: cypher('db/claim-idempotency-key'),
  complete: cypher('db/complete-idempotency-key'),
};

export const IDEMPOTENCY_KEY_MAX = 100;

/** Which request a key belongs to: keys are per actor and per mutation, so two clients never collide. */
export interface IdempotentRequest {
  actorId: string;
  operation: string;
  key: string;
  /** The mutation's input without its key: a retry must send the same. */
  input: unknown;
}

export type IdempotencyClaim = { fresh: true; complete(resultId: string): Promise<void> } | { fresh: false; resultId: string };

/** Object keys sorted, so the same input in another key order has the same fingerprint. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export const inputFingerprint = (input: unknown) => createHash('sha256').update(JSON.stringify(canonical(input) ?? null)).digest('hex');

export const requireIdempotencyKey = (key: string, field = 'idempotencyKey') => requireText(key, field, { min: 1, max: IDEMPOTENCY_KEY_MAX });

/**
 * Claims a mutation's idempotency key inside the write transaction that acts on it, after the
 * actor's lock, so the check and the write commit together:
 * - the first use acts, then calls `complete(resultId)` in the same transaction;
 * - a retry with the same input gets the first use's result id, and must return that result;
 * - the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED.
 * A refused or failed first use rolls back with its transaction, so the key stays free.
 * Keys are kept with their results; nothing expires them yet.
 */
export async function claimIdempotencyKey(tx: Tx, request: IdempotentRequest, field = 'idempotencyKey'): Promise<IdempotencyClaim> {
  const scope = `${request.actorId}:${request.operation}:${request.key}`;
  const inputHash = inputFingerprint(request.input);
  const [row] = await tx.run<{ fresh: boolean; inputHash: string; resultId: string | null }>(q.claim, { scope, claim: randomUUID(), inputHash, now: Date.now() });
  if (row!.fresh) return { fresh: true, complete: async (resultId) => void (await tx.run(q.complete, { scope, resultId })) };
  if (row!.inputHash !== inputHash) throw badInput(field, 'was used before with a different input; use a new key for a new request', UserErrorCode.IDEMPOTENCY_KEY_REUSED);
  return { fresh: false, resultId: row!.resultId! };
}
