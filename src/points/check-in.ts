import type { AfterCommit } from '../events/after-commit';
import type { Scope } from '../accounts/scope';
import { PointsLedger } from './ledger';
import { PointAction, utcDay } from './rules';
import { checkInSourceKey } from './sources';

/**
 * The daily check-in: one CHECK_IN award per user and UTC day (its source key is the day), in
 * its own transaction under the account's lock, so two check-ins at once pay once and move the
 * streak once. A second check-in the same day changes nothing.
 */
export async function checkIn(scope: Scope, userId: string, now: number): Promise<{ pointsEarned: number; isFirstToday: boolean; events: AfterCommit[] }> {
  return scope.db.writeTx(async (tx) => {
    const settled = await PointsLedger.apply(tx, { awards: [{ userId, action: PointAction.CHECK_IN, sourceKey: checkInSourceKey(userId, utcDay(now)) }] }, now);
    const paid = settled.entries[0];
    return { pointsEarned: paid?.points ?? 0, isFirstToday: paid !== undefined, events: settled.events };
  });
}
