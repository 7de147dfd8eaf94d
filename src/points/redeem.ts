import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { cypher } from '../db/cypher';
import { claimIdempotencyKey } from '../db/idempotency';
import type { AfterCommit } from '../events/after-commit';
import { BadgeAwards } from '../badges/awards';
import type { Scope } from '../accounts/scope';
import { utcDay } from './rules';
import type { RedemptionRecord, RewardRecord } from './types';

const q = {
  lock: cypher('points/lock-for-redemption'),
  redeem: cypher('points/redeem'),
  byId: cypher('points/redemption-by-id'),
};

/**
 * Spends points on a reward, atomically: the redeemer's account is locked first (as every award
 * and clawback of theirs locks it), and the balance is checked and spent under that lock in one
 * transaction, so concurrent redemptions are served one after the other and the balance never
 * goes below zero through them. A BADGE reward awards its badge in the same transaction, once:
 * redeeming it again is ALREADY_REDEEMED. With an idempotency key, a retry answers the first
 * redemption and spends nothing.
 */
export async function redeemPoints(
  scope: Scope,
  userId: string,
  rewardId: string,
  idempotencyKey: string | null,
): Promise<{ redemption: RedemptionRecord; events: AfterCommit[] }> {
  const now = Date.now();
  return scope.db.writeTx(async (tx) => {
    const [row] = await tx.run<{ balance: number; reward: Pick<RewardRecord, 'id' | 'kind' | 'costPoints' | 'badgeKey' | 'isActive'> | null; holdsBadge: boolean }>(q.lock, { userId, rewardId, now });
    const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId: userId, operation: 'redeemPoints', key: idempotencyKey, input: { rewardId } }) : null;
    if (claim && !claim.fresh) return { redemption: (await tx.run<{ redemption: RedemptionRecord }>(q.byId, { id: claim.resultId }))[0]!.redemption, events: [] };
    const reward = row!.reward;
    if (!reward || !reward.isActive) throw notFound('Reward', 'rewardId');
    if (row!.holdsBadge) throw badInput('rewardId', 'you already hold this reward\'s badge', UserErrorCode.ALREADY_REDEEMED);
    if (row!.balance < reward.costPoints) throw badInput('rewardId', `costs ${reward.costPoints} points and your balance is ${row!.balance}`, UserErrorCode.INSUFFICIENT_POINTS);
    const id = randomUUID();
    const [spent] = await tx.run<{ redemption: RedemptionRecord }>(q.redeem, { id, entryId: randomUUID(), userId, rewardId: reward.id, day: utcDay(now), now });
    const awarded = reward.badgeKey ? await BadgeAwards.award(tx, [{ userId, badgeKey: reward.badgeKey, period: null }], now) : [];
    await claim?.complete(id);
    return { redemption: spent!.redemption, events: awarded.length ? [{ to: 'badges', awarded }] : [] };
  });
}
