import { inTx } from '../db/in-tx';
import { CommissionRepository } from '../commissions/repository';
import type { Scope } from '../accounts/scope';
import { CommerceRepository } from './repository';
import type { OrderStatus } from './types';

/**
 * Cancel or refund an order: the order leaves PLACED (cancelled goods back in stock) and its
 * commissions are reversed in one transaction. False when the order is no longer PLACED.
 */
export async function endOrder(scope: Scope, orderId: string, status: OrderStatus, restock: boolean): Promise<boolean> {
  const now = Date.now();
  return scope.db.writeTx(async (tx) => {
    const t = { commerce: inTx(tx, CommerceRepository), commissions: inTx(tx, CommissionRepository) };
    if (!(await t.commerce.setStatus(orderId, status, restock, now))) return false;
    await t.commissions.setOrderCommissionsStatus(orderId, ['PENDING', 'HELD'], 'REVERSED', now);
    return true;
  });
}
