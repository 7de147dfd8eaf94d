import { createHash } from 'node:crypto';
import { cypher } from '../db/cypher';
import type { Database } from '../db/database';
import type { CacheInvalidation } from '../events/invalidation';

const DAY_MS = 24 * 3600_000;

const q = {
  dueAccounts: cypher('privacy/sweep/due-accounts'),
  tombstone: cypher('privacy/sweep/tombstone'),
  affected: cypher('privacy/sweep/affected'),
};

/**
 * The steps before the tombstone, in order: each deletes up to a batch of what the account fed and
 * recounts, under their locks, exactly the counters that batch fed, in its own transaction, and
 * is repeated until it finds nothing. A sweep stopped anywhere is resumed by the next one (every
 * step only looks for what is still there), and a step run twice does nothing the second time.
 */
const STEPS = ['likes', 'collects', 'comments', 'notes', 'follows', 'memberships', 'relations', 'caused'].map((name) => cypher(`privacy/sweep/${name}`));

export interface DeletionSweepOptions {
  /** The sweep's clock: accounts due by then are erased. */
  now: number;
  /** HANDLE_QUARANTINE_DAYS: how long an erased handle stays reserved. */
  quarantineDays: number;
  /** Accounts per page of the sweep (default 20). */
  pageSize?: number;
  /** Rows per transaction of a step (default 500). */
  batchSize?: number;
  /** Stop after this many accounts (default: every due account). */
  maxAccounts?: number;
  /**
   * Tells every instance's caches (through the bus) what each erased account changed, as soon as
   * it is erased: the user (now a tombstone) and the users whose follow counts it fed, its deleted
   * notes and the notes whose counts it fed, and its followers' discover rankings. Without it
   * instances keep serving the old name and notes until their caches' TTLs run out.
   */
  invalidation?: Pick<CacheInvalidation, 'usersChanged' | 'notesChanged' | 'discoverChanged'>;
}

/** The tombstone's handle and email: made from the id, so they say nothing about the person and stay unique. */
export function tombstoneOf(userId: string): { handle: string; email: string } {
  const tag = userId.replace(/-/g, '').slice(0, 20).toLowerCase();
  return { handle: `deleted_${tag}`, email: `deleted-${tag}@deleted.invalid` };
}

/** How an erased handle is kept in quarantine: hashed, so the reservation does not store it. */
export function handleHash(handleLower: string): string {
  return createHash('sha256').update(handleLower.toLowerCase()).digest('hex');
}

/**
 * Erases every account whose deletion's grace period ended by `now`, page by page. Returns the ids
 * erased. Idempotent: an erased account is no longer due, and a half-erased one is finished.
 */
export async function sweepAccountDeletions(db: Database, options: DeletionSweepOptions): Promise<string[]> {
  const { now, quarantineDays, pageSize = 20, batchSize = 500, maxAccounts = Number.MAX_SAFE_INTEGER, invalidation } = options;
  const erased: string[] = [];
  while (erased.length < maxAccounts) {
    const due = await db.scope().read<{ id: string; handleLower: string }>(q.dueAccounts, { now, limit: Math.min(pageSize, maxAccounts - erased.length) });
    if (due.length === 0) break;
    for (const account of due) {
      const [affected] = invalidation ? await db.scope().read<{ ownNoteIds: string[]; touchedNoteIds: string[]; neighbourIds: string[] }>(q.affected, { userId: account.id }) : [];
      await eraseAccount(db, account, { now, quarantineDays, batchSize });
      erased.push(account.id);
      if (invalidation && affected) {
        invalidation.usersChanged([account.id], 'PROFILE');
        invalidation.usersChanged(affected.neighbourIds, 'COUNTS');
        invalidation.notesChanged(affected.ownNoteIds, 'STATE');
        invalidation.notesChanged(affected.touchedNoteIds, 'COUNTS');
        // Whoever followed them no longer does, and their notes left everyone's rankings.
        invalidation.discoverChanged([account.id, ...affected.neighbourIds], 'RELATIONS');
      }
    }
  }
  return erased;
}

async function eraseAccount(db: Database, account: { id: string; handleLower: string }, o: { now: number; quarantineDays: number; batchSize: number }): Promise<void> {
  const params = { userId: account.id, batch: o.batchSize, now: o.now };
  for (const step of STEPS) {
    for (;;) {
      const rows = await db.scope().write<{ done: number }>(step, params);
      if (rows.reduce((sum, r) => sum + r.done, 0) === 0) break;
    }
  }
  await db.scope().write(q.tombstone, {
    ...params,
    ...tombstoneOf(account.id),
    handleHash: handleHash(account.handleLower),
    quarantineUntil: o.now + o.quarantineDays * DAY_MS,
  });
}
