import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { inTx } from '../db/in-tx';
import type { Tx } from '../db/database';
import type { AfterCommit } from '../events/after-commit';
import type { GroupBuyEvent } from '../events/bus';
import { CommissionRepository } from '../commissions/repository';
import { commissionsFor, orderFindings } from '../commissions/rules';
import { ReferralRepository } from '../referral/repository';
import { commerceLoaders } from '../commerce/loaders';
import type { Scope } from '../accounts/scope';
import { PointEarnings } from '../points/earnings';
import { groupBuyLoaders } from './loaders';
import { GroupBuyRepository } from './repository';
import type { GroupBuyRecord } from './types';

/** The domains joining (and completing) a group buy writes in, over one transaction. */
function groupBuyTx(tx: Tx) {
  return { groupBuys: inTx(tx, GroupBuyRepository), referral: inTx(tx, ReferralRepository), commissions: inTx(tx, CommissionRepository) };
}

const REFUSED = {
  FULL: ['this group buy is full', UserErrorCode.GROUP_BUY_FULL],
  EXPIRED: ['this group buy has expired', UserErrorCode.GROUP_BUY_EXPIRED],
  COMPLETED: ['this group buy is already complete', UserErrorCode.INVALID_STATE],
  IN_ANOTHER_GROUP: ['you are already in another open group of this offer', UserErrorCode.ALREADY_MEMBER],
  OUT_OF_STOCK: ['the product is out of stock', UserErrorCode.OUT_OF_STOCK],
} as const;

/**
 * Join (and complete) a group buy: the participant commits and, when that fills the group buy, it
 * completes in the same transaction: one order per participant, with fraud checks and commissions
 * for the starter's share chain. Returns the group buy as it now is and its progress to publish
 * after commit.
 */
export async function joinGroupBuy(scope: Scope, buy: GroupBuyRecord): Promise<{ buy: GroupBuyRecord; events: AfterCommit[] }> {
  const viewer = await scope.requireViewer();
  const now = Date.now();
  const result = await scope.db.writeTx(async (tx) => {
    const t = groupBuyTx(tx);
    const joined = await t.groupBuys.join(buy.id, viewer.id, now);
    if (!joined) return null;
    const filled = joined.outcome === 'JOINED' && joined.participantCount >= joined.requiredSize;
    const completed = filled ? await complete(t, tx, buy.id, joined.requiredSize, now) : null;
    return { outcome: joined.outcome, completed: completed !== null && completed.orders > 0, earned: completed?.earned ?? [] };
  });
  if (!result) throw notFound('Group buy', 'groupBuyId');
  if (result.outcome !== 'JOINED' && result.outcome !== 'ALREADY_JOINED') {
    const [message, code] = REFUSED[result.outcome];
    throw badInput('groupBuyId', message, code);
  }
  groupBuyLoaders(scope).groupBuyById.clear(buy.id);
  commerceLoaders(scope).productById.clear(buy.productId);
  const updated = (await groupBuyLoaders(scope).groupBuyById.load(buy.id))!;
  const events = result.outcome === 'JOINED'
    ? [...progress(updated, 'JOINED', viewer.id, now), ...(result.completed ? progress(updated, 'COMPLETED', null, now) : []), ...result.earned]
    : [];
  return { buy: updated, events };
}

/**
 * The orders of a full group buy (how many it made), and for those through the starter's link, its
 * chain's fraud checks and commissions; then the points of every order the checks let through
 * (GROUP_BUY_COMPLETED for each participant, REFERRAL_CONVERTED for the starter's link), in one
 * ledger settlement. A flagged order earns once its flags are found legitimate.
 */
async function complete(t: ReturnType<typeof groupBuyTx>, tx: Tx, id: string, size: number, now: number): Promise<{ orders: number; earned: AfterCommit[] }> {
  const orders = await t.groupBuys.complete(id, Array.from({ length: size }, () => randomUUID()), now);
  const merchantId = await t.groupBuys.merchantOf(id);
  const first = orders.find((o) => o.viaStarter);
  const chain = first ? await t.referral.upstreamLinks(first.shareCode) : [];
  const flagged = new Set<string>();
  const earn = () => {
    const counted = orders.filter((o) => !flagged.has(o.orderId));
    return PointEarnings.ordersPlaced(tx, counted.map((o) => ({ orderId: o.orderId, buyerId: o.buyerId, merchantId, sharerId: o.viaStarter ? (chain[0]?.sharerId ?? null) : null, groupBuyId: id })), now);
  };
  if (!first) return { orders: orders.length, earned: await earn() };
  const rates = await t.commissions.currentRateSet(merchantId, chain[0]?.campaign ?? null);
  for (const order of orders.filter((o) => o.viaStarter)) {
    // The same checks as any order through a link (a participant in the starter's chain or
    // invite loop), except velocity: a group buy's orders all arrive at once by design.
    const findings = orderFindings({
      buyerId: order.buyerId,
      chain,
      buyerInvitedSharer: chain[0] ? await t.referral.buyerInvitedSharer(order.buyerId, chain[0].sharerId) : false,
      ordersThroughLinkLastMinute: 0,
      maxOrdersPerLinkPerMinute: Number.MAX_SAFE_INTEGER,
    });
    await t.commissions.createFlags('ORDER', order.orderId, order.shareCode, findings, now);
    if (findings.length) flagged.add(order.orderId);
    if (!rates) continue;
    const status = findings.length ? 'HELD' : 'PENDING';
    await t.commissions.createCommissions(order.orderId, order.currency, rates.id, status, commissionsFor(chain, rates, order.totalMinor, order.buyerId), now);
  }
  return { orders: orders.length, earned: await earn() };
}

/** A group buy's progress, to its own watchers and to its group's activity stream. */
export function progress(buy: GroupBuyRecord, kind: GroupBuyEvent['kind'], userId: string | null, at: number): AfterCommit[] {
  const own: AfterCommit = { to: 'groupBuy', groupBuyId: buy.id, event: { groupBuyId: buy.id, kind, participantCount: buy.participantCount, userId, at } };
  return buy.groupId ? [own, { to: 'group', groupId: buy.groupId, kind: 'GROUP_BUY_PROGRESS', fields: { actorId: userId, groupBuyId: buy.id, detail: kind } }] : [own];
}
