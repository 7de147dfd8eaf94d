import { cypher } from '../db/cypher';
import { claimIdempotencyKey } from '../db/idempotency';
import type { RequestScope } from '../request/scope';
import type { DbScope, Tx } from '../db/database';
import type { Position } from '../common/pagination';
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
  placeOrder: cypher('commerce/place-order'),
  ordersByIds: cypher('commerce/orders-by-ids'),
  setOrderStatus: cypher('commerce/set-order-status'),
  orderStatus: cypher('commerce/order-status'),
  ordersOfBuyer: cypher('commerce/orders-of-buyer'),
  countOrdersOfBuyer: cypher('commerce/count-orders-of-buyer'),
  friendsWhoBought: cypher('commerce/friends-who-bought'),
};

/** What a merchant gives; the id, creation time and merchant come from the request. */
export type NewProduct = Omit<ProductRecord, 'id' | 'createdAt' | 'merchantId'>;

export interface StockRow {
  productId: string;
  stock: number;
  priceMinor: number;
  currency: string;
  merchantId: string | null;
  qty: number;
}

export interface NewOrder {
  id: string;
  buyerId: string;
  clientKey: string;
  now: number;
  items: { productId: string; qty: number }[];
  touchpoints: Touch[];
  viaCode: string | null;
  /** The live room's flash pin that may price a line (src/live/access.ts), and the room the order is placed in. */
  flash: { pinId: string; productId: string; payRegularPriceIfGone: boolean } | null;
  liveRoomId: string | null;
}

export interface PlacedOrder {
  rows: StockRow[];
  placeable: boolean;
  /** The flash price was gone and the buyer asked to be refused rather than pay the regular price. */
  flashRefused: boolean;
  flashApplied: boolean;
  /** The pin's flash units left after this order. */
  flashLeft: number | null;
  /** Orders placed in the live room so far, this one included. */
  roomOrders: number | null;
}

export class CommerceRepository {
  constructor(private readonly db: DbScope) {}

  /** Lists a product; returns its id (the first use's, for a retried idempotency key). */
  async createProduct(merchantId: string, id: string, product: NewProduct, now: number, idempotencyKey: string | null = null): Promise<string> {
    return this.db.writeTx(async (tx) => {
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId: merchantId, operation: 'createProduct', key: idempotencyKey, input: product }) : null;
      if (claim && !claim.fresh) return claim.resultId;
      await tx.run(q.createProduct, { merchantId, id, ...product, now });
      await claim?.complete(id);
      return id;
    });
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
   * Locks the buyer (one order per idempotency key): null when the buyer does not exist, else the
   * id of the order this key already placed, if any.
   */
  static async lockBuyer(tx: Tx, buyerId: string, clientKey: string): Promise<{ existingId: string | null } | null> {
    const [lock] = await tx.run<{ existingId: string | null }>(q.lockBuyer, { buyerId, clientKey });
    return lock ?? null;
  }

  /**
   * Places the order if every line can be served (in stock, one merchant, one currency), taking
   * the stock and keeping each line's price, in one statement that takes the products' locks:
   * run it last in its transaction, so they are held until the commit only. Each product's row
   * tells its stock, price and merchant as read under the lock, placed or not.
   */
  static async placeOrder(tx: Tx, order: NewOrder): Promise<PlacedOrder> {
    const { flash, ...rest } = order;
    const [row] = await tx.run<PlacedOrder>(q.placeOrder, { ...rest, flash: flash && { pinId: flash.pinId, productId: flash.productId, fallback: flash.payRegularPriceIfGone } });
    return row!;
  }

  async ordersByIds(ids: readonly string[]): Promise<OrderRecord[]> {
    return (await this.db.read<{ order: OrderRecord }>(q.ordersByIds, { ids })).map((r) => r.order);
  }

  /** Moves a PLACED order to `status` (restocking its goods if asked); false when it is not PLACED. */
  static async setStatus(tx: Tx, id: string, status: OrderStatus, restock: boolean, now: number): Promise<boolean> {
    return (await tx.run(q.setOrderStatus, { id, status, restock, now })).length > 0;
  }

  static async statusOf(tx: Tx, id: string): Promise<OrderStatus | null> {
    const [row] = await tx.run<{ status: OrderStatus }>(q.orderStatus, { id });
    return row?.status ?? null;
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
