import { cypher } from '../db/cypher';
import type { Database } from '../db/database';
import type { SecretBox } from './secret-box';

const q = {
  stale: cypher('security/stale-secrets'),
  replace: cypher('security/replace-stale-secret'),
};

/**
 * Seals under the current key every TOTP secret stored in plaintext (from before encryption) or
 * sealed by a previous key, a page at a time. Each replacement is a compare-and-set on the value
 * read, so a user enrolling or signing in meanwhile (which re-seals too) is never overwritten.
 * Returns how many users' secrets were re-sealed; running it again finds none. `userIds` limits it
 * to those accounts.
 */
export async function resealStoredSecrets(db: Database, secrets: SecretBox, options: { pageSize?: number; userIds?: string[] } = {}): Promise<number> {
  const { pageSize = 200, userIds = null } = options;
  let resealed = 0;
  let afterId = '';
  for (;;) {
    const rows = await db.scope().read<{ id: string; secret: string | null; pendingSecret: string | null }>(q.stale, { prefix: secrets.currentPrefix, afterId, limit: pageSize, userIds });
    if (rows.length === 0) return resealed;
    for (const row of rows) {
      const reseal = (stored: string | null) => (stored === null || !secrets.needsResealing(stored) ? stored : secrets.seal(row.id, secrets.open(row.id, stored)));
      const [done] = await db.scope().write<{ id: string }>(q.replace, { userId: row.id, secret: row.secret, pendingSecret: row.pendingSecret, sealedSecret: reseal(row.secret), sealedPendingSecret: reseal(row.pendingSecret) });
      if (done) resealed++;
    }
    afterId = rows[rows.length - 1]!.id;
  }
}
