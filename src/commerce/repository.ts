import { cypher } from '../db/cypher';
import type { RequestScope } from '../request/scope';
import type { DbScope } from '../db/database';
import type { Position } from '../common/pagination';
import { badInput, notFound } from '../common/errors';
import { CommissionRepository, CommissionStatus } from '../commissions/repository';
import { commissionsFor, orderFindings, FraudFinding } from '../commissions/rules';
import { ReferralRepository } from '../referral/repository';
import type { Touch } from '../referral/attribution';
import type { KeyedId } from '../content/repository';
import type { OrderRecord, OrderStatus, ProductRecord } from './types';

const q = {
  createProduct: cypher('commerce/create-product'),
  updateProduct: cypher('commerce/update-product'),
  productsByIds: cypher('commerce/products-by-ids'),
  productsPage: cypher('commerce/products-page'),
  countProducts: cypher('commerce/count-products'),
  lockBuyer: cypher('commerce/lock-buyer'),
  reserveStock: cypher('commerce/reserve-stock'),
  createOrder: cypher('commerce/create-order'),
  ordersByIds: cypher('commerce/orders-by-ids'),
  setOrderStatus: cypher('commerce/set-order-status'),
  ordersOfBuyer: cypher('commerce/orders-of-buyer'),
  countOrdersOfBuyer: cypher('commerce/count-orders-of-buyer'),
  friendsWhoBought: cypher('commerce/friends-who-bought'),
};

/** What a merchant gives; the id, creation time and merchant come from the request. */
export type NewProduct = Omit<ProductRecord, 'id' | 'createdAt' | 'merchantId'>;

export interface OrderRequest {
  id: string;
  buyerId: string;
  items: { productId: string; qty: number }[];
  clientKey: string;
  touchpoints: Touch[];
  /** The share link the order is credited to (its last share-link touch). */
  viaCode: string | null;
  now: number;
  maxOrdersPerLinkPerMinute: number;
}

export interface PlacedOrder {
  id: string;
  created: boolean;
  findings: FraudFinding[];
  directSharerId: string | null;
}

export class CommerceRepository {
  constructor(private readonly db: DbScope) {}

  async createProduct(merchantId: string, id: string, product: NewProduct, now: number) {
    await this.db.write(q.createProduct, { merchantId, id, ...product, now });
  }

  async updateProduct(id: string, changes: Partial<NewProduct>, now: number): Promise<boolean> {
    const params = { title: null, priceMinor: null, currency: null, images: null, category: null, brand: null, stock: null, ...changes };
    return (await this.db.write(q.updateProduct, { id, ...params, now })).length > 0;
  }

  async productsByIds(ids: readonly string[]): Promise<ProductRecord[]> {
    return (await this.db.read<{ product: ProductRecord }>(q.productsByIds, { ids })).map((r) => r.product);
  }

  async productsPage(merchantId: string | null, category: string | null, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.productsPage, { merchantId, category, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countProducts(merchantId: string | null, category: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countProducts, { merchantId, category });
    return row?.total ?? 0;
  }

  /**
   * Places an order in one transaction: stock, price snapshot, touchpoints, fraud checks and the
   * commissions of the referral chain all commit together, or nothing does.
   */
  async placeOrder(req: OrderRequest): Promise<PlacedOrder> {
    return this.db.writeTx(async (tx) => {
      const [lock] = await tx.run<{ existingId: string | null }>(q.lockBuyer, { buyerId: req.buyerId, clientKey: req.clientKey });
      if (!lock) throw notFound('User');
      if (lock.existingId) return { id: lock.existingId, created: false, findings: [], directSharerId: null };

      const rows = await tx.run<{ productId: string; stock: number; priceMinor: number; currency: string; merchantId: string | null; qty: number }>(
        q.reserveStock,
        { items: req.items },
      );
      const byId = new Map(rows.map((r) => [r.productId, r]));
      const lines = req.items.map((item, i) => {
        const row = byId.get(item.productId);
        if (!row || !row.merchantId) throw notFound(`Product ${item.productId}`);
        if (item.qty > row.stock) throw badInput(`items[${i}].qty`, row.stock === 0 ? 'the product is out of stock' : `only ${row.stock} left in stock`);
        return { ...item, unitPriceMinor: row.priceMinor, currency: row.currency, merchantId: row.merchantId };
      });
      const merchantId = lines[0]!.merchantId;
      const currency = lines[0]!.currency;
      lines.forEach((line, i) => {
        if (line.merchantId !== merchantId) throw badInput(`items[${i}].productId`, 'all items of an order must come from one merchant');
        if (line.currency !== currency) throw badInput(`items[${i}].productId`, 'all items of an order must be in one currency');
      });
      const totalMinor = lines.reduce((sum, l) => sum + l.qty * l.unitPriceMinor, 0);

      await tx.run(q.createOrder, {
        id: req.id,
        buyerId: req.buyerId,
        merchantId,
        totalMinor,
        currency,
        clientKey: req.clientKey,
        now: req.now,
        lines: lines.map(({ productId, qty, unitPriceMinor }) => ({ productId, qty, unitPriceMinor })),
        touchpoints: req.touchpoints,
        viaCode: req.viaCode,
      });

      if (!req.viaCode) return { id: req.id, created: true, findings: [], directSharerId: null };
      const chain = await ReferralRepository.upstreamLinks(tx, req.viaCode);
      const direct = chain[0]!;
      const findings = orderFindings({
        buyerId: req.buyerId,
        chain,
        buyerInvitedSharer: await ReferralRepository.buyerInvitedSharer(tx, req.buyerId, direct.sharerId),
        ordersThroughLinkLastMinute: await ReferralRepository.ordersThroughLinkSince(tx, req.viaCode, req.now - 60_000),
        maxOrdersPerLinkPerMinute: req.maxOrdersPerLinkPerMinute,
      });
      await CommissionRepository.createFlags(tx, 'ORDER', req.id, req.viaCode, findings, req.now);
      const rates = await CommissionRepository.currentRateSet(tx, merchantId, direct.campaign);
      if (rates) {
        const status: CommissionStatus = findings.length ? 'HELD' : 'PENDING';
        await CommissionRepository.createCommissions(tx, req.id, currency, rates.id, status, commissionsFor(chain, rates, totalMinor, req.buyerId), req.now);
      }
      return { id: req.id, created: true, findings, directSharerId: direct.sharerId };
    });
  }

  async ordersByIds(ids: readonly string[]): Promise<OrderRecord[]> {
    return (await this.db.read<{ order: OrderRecord }>(q.ordersByIds, { ids })).map((r) => r.order);
  }

  /** Cancels or refunds a PLACED order and reverses its commissions; false when it is not PLACED. */
  async setStatus(id: string, status: OrderStatus, restock: boolean, now: number): Promise<boolean> {
    return this.db.writeTx(async (tx) => {
      const rows = await tx.run(q.setOrderStatus, { id, status, restock, now });
      if (rows.length === 0) return false;
      await CommissionRepository.setOrderCommissionsStatus(tx, id, ['PENDING', 'HELD'], 'REVERSED', now);
      return true;
    });
  }

  async ordersOfBuyer(buyerId: string, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.ordersOfBuyer, { buyerId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countOrdersOfBuyer(buyerId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countOrdersOfBuyer, { buyerId });
    return row?.total ?? 0;
  }

  async friendsWhoBought(viewerId: string, productId: string): Promise<string[]> {
    const [row] = await this.db.read<{ userIds: string[] }>(q.friendsWhoBought, { viewerId, productId });
    return row?.userIds ?? [];
  }
}

/** The commerce repository of a request, over its counted DbScope (made once per request). */
export function commerceRepository(scope: RequestScope): CommerceRepository {
  return scope.slot('commerce.repository', () => new CommerceRepository(scope.db));
}
