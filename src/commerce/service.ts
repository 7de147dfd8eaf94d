import { randomUUID } from 'node:crypto';
import { badInput, forbidden, notFound } from '../common/errors';
import { keyedConnection, loaded } from '../common/connection';
import { pageRequest, toPage } from '../common/pagination';
import { requireId, requireIntInRange, requireText, requireUrl } from '../common/validate';
import { isAdmin, requireRole } from '../common/roles';
import { UserErrorCode } from '../common/user-error-code';
import { requireIdempotencyKey } from '../db/idempotency';
import { guarded, OrderStatusEvent } from '../events/bus';
import { Role, UserRecord } from '../accounts/types';
import type { CommerceRepository, NewProduct } from './repository';
import { placeOrder } from './place-order';
import { endOrder } from './end-order';
import { publishAfterCommit } from '../events/after-commit';
import { CreateProductInput, MAX_PRICE_MINOR, OrderRecord, OrderStatus, PlaceOrderInput, ProductRecord, UpdateProductInput } from './types';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from './loaders';
import type { Scope } from '../accounts/scope';
import type { Config } from '../config';
import type { EventBus } from '../events/bus';
import type { ReferralService } from '../referral/service';
import type { ConversationService } from '../conversations/service';
import type { LiveOrders } from '../live/access';
import type { CouponService } from '../coupons/service';
import type { ContentVisibility } from '../content/access';
import type { GroupAccess } from '../groups/access';

const CURRENCY = /^[A-Z]{3}$/;

function productFields(input: { [K in keyof CreateProductInput]?: CreateProductInput[K] | null }): Partial<NewProduct> {
  const out: Partial<NewProduct> = {};
  if (input.title != null) out.title = requireText(input.title, 'title', { min: 1, max: 100 });
  if (input.priceMinor != null) out.priceMinor = requireIntInRange(input.priceMinor, 'priceMinor', 0, MAX_PRICE_MINOR);
  if (input.currency != null) {
    if (!CURRENCY.test(input.currency)) throw badInput('currency', 'must be an ISO 4217 code such as CNY');
    out.currency = input.currency;
  }
  if (input.images != null) {
    if (input.images.length > 9) throw badInput('images', 'at most 9');
    out.images = input.images.map((u, i) => requireUrl(u, `images[${i}]`));
  }
  if (input.category != null) out.category = requireText(input.category, 'category', { min: 1, max: 50 });
  if (input.brand != null) out.brand = requireText(input.brand, 'brand', { min: 1, max: 50 });
  if (input.stock != null) out.stock = requireIntInRange(input.stock, 'stock', 0, 10_000_000);
  return out;
}

/** What CommerceService needs, named one by one; wired once per process in src/app/services.ts. */
export interface CommerceServiceDeps {
  repo: (scope: Scope) => CommerceRepository;
  config: Config;
  events: EventBus;
  content: ContentVisibility;
  groups: Pick<GroupAccess, 'canReadContent'>;
  referral: Pick<ReferralService, 'orderTouchpoints'>;
  /** Orders bought from a product card in a direct message (ConversationService.cardTouch). */
  directMessages: Pick<ConversationService, 'cardTouch'>;
  /** Orders placed in a live room (LiveService). */
  live: LiveOrders;
  /** The coupons an order takes (CouponService). */
  coupons: Pick<CouponService, 'coupon'>;
}

export class CommerceService {
  constructor(private readonly deps: CommerceServiceDeps) {}

  private async requireMerchant(scope: Scope): Promise<UserRecord> {
    const viewer = await scope.requireViewer();
    requireRole(viewer, [Role.MERCHANT, Role.ADMIN], 'Only merchant accounts can list products');
    return viewer;
  }

  async createProduct(scope: Scope, input: CreateProductInput): Promise<ProductRecord> {
    const merchant = await this.requireMerchant(scope);
    const fields = productFields(input) as NewProduct;
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const id = await this.deps.repo(scope).createProduct(merchant.id, randomUUID(), { ...fields, images: fields.images ?? [] }, Date.now(), key);
    return (await commerceLoaders(scope).productById.load(id))!;
  }

  async updateProduct(scope: Scope, input: UpdateProductInput): Promise<ProductRecord> {
    const viewer = await this.requireMerchant(scope);
    const product = await commerceLoaders(scope).productById.load(requireId(input.productId, 'productId'));
    if (!product) throw notFound('Product', 'productId');
    if (product.merchantId !== viewer.id && !isAdmin(viewer)) throw forbidden('Merchants edit only their own products');
    if (!(await this.deps.repo(scope).updateProduct(product.id, productFields(input), Date.now()))) throw notFound('Product', 'productId');
    commerceLoaders(scope).productById.clear(product.id);
    return (await commerceLoaders(scope).productById.load(product.id))!;
  }

  async product(scope: Scope, id: string) {
    return commerceLoaders(scope).productById.load(requireId(id, 'id'));
  }

  async products(scope: Scope, merchantId: string | null | undefined, category: string | null | undefined, first?: number | null, after?: string | null) {
    const merchant = merchantId == null ? null : requireId(merchantId, 'merchantId');
    const cat = category == null ? null : requireText(category, 'category', { min: 1, max: 50 });
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await this.deps.repo(scope).productsPage(merchant, cat, position, limit + 1), limit);
    return keyedConnection(page, commerceLoaders(scope).productById, () => this.deps.repo(scope).countProducts(merchant, cat));
  }

  async placeOrder(scope: Scope, input: PlaceOrderInput): Promise<OrderRecord> {
    const { orderId, events, live } = await placeOrder(this.deps, scope, input);
    publishAfterCommit(scope, events, { events: this.deps.events });
    if (live) this.deps.live.ordered(live.roomId, live);
    const order = await commerceLoaders(scope).orderById.load(orderId);
    if (!order) throw notFound('Order');
    return order;
  }

  /** The order if the viewer is its buyer, its merchant or an admin; NOT_FOUND otherwise. */
  async order(scope: Scope, id: string, field = 'id'): Promise<OrderRecord> {
    const viewer = await scope.requireViewer();
    const order = await commerceLoaders(scope).orderById.load(requireId(id, field));
    if (!order || (order.buyerId !== viewer.id && order.merchantId !== viewer.id && !isAdmin(viewer))) throw notFound('Order', field);
    return order;
  }

  private async changeStatus(
    scope: Scope,
    input: { orderId: string; idempotencyKey?: string | null },
    status: OrderStatus,
    allowed: (order: OrderRecord, viewer: UserRecord) => boolean,
  ): Promise<OrderRecord> {
    const viewer = await scope.requireViewer();
    const order = await this.order(scope, input.orderId, 'orderId');
    if (!allowed(order, viewer)) throw forbidden(status === OrderStatus.REFUNDED ? 'Only the merchant or an admin can refund' : 'You cannot cancel this order');
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    // Already in the asked-for status is done (success); another end status cannot change.
    if (order.status !== OrderStatus.PLACED && order.status !== status) throw badInput('orderId', `the order is already ${order.status}`, UserErrorCode.INVALID_STATE);
    if (order.status === status && !key) return order;
    const operation = status === OrderStatus.CANCELLED ? 'cancelOrder' : 'refundOrder';
    // Cancelled goods never left the shelf; refunded goods may have been used, so only cancellation restocks.
    const { orderId: endedId, events } = await endOrder(scope, order.id, status, status === OrderStatus.CANCELLED, key ? { actorId: viewer.id, operation, key } : null);
    publishAfterCommit(scope, events, { events: this.deps.events });
    commerceLoaders(scope).orderById.clear(endedId);
    if (order.status === OrderStatus.PLACED && endedId === order.id) this.deps.events.pubsub.publish('ORDER_STATUS_CHANGED', order.id, { orderId: order.id, status });
    return (await commerceLoaders(scope).orderById.load(endedId))!;
  }

  cancelOrder(scope: Scope, input: { orderId: string; idempotencyKey?: string | null }) {
    return this.changeStatus(scope, input, OrderStatus.CANCELLED, () => true);
  }

  refundOrder(scope: Scope, input: { orderId: string; idempotencyKey?: string | null }) {
    return this.changeStatus(scope, input, OrderStatus.REFUNDED, (order, viewer) => order.merchantId === viewer.id || isAdmin(viewer));
  }

  async myOrders(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await this.deps.repo(scope).ordersOfBuyer(viewer.id, position, limit + 1), limit);
    return keyedConnection(page, commerceLoaders(scope).orderById, () => this.deps.repo(scope).countOrdersOfBuyer(viewer.id));
  }

  async friendsWhoBought(scope: Scope, productId: string, first: number) {
    const viewer = await scope.requireViewer();
    const id = requireId(productId, 'productId');
    requireIntInRange(first, 'first', 1, 50);
    if (!(await commerceLoaders(scope).productById.load(id))) throw notFound('Product');
    const ids = await this.deps.repo(scope).friendsWhoBought(viewer.id, id);
    const users = await accountLoaders(scope).userById.loadMany(ids.slice(0, first));
    return { totalCount: ids.length, users: loaded(users) };
  }

  /** Status changes of one order, for its buyer. */
  async statusChanges(scope: Scope, orderId: string): Promise<AsyncIterable<OrderStatusEvent>> {
    const viewer = await scope.requireViewer();
    const order = await this.order(scope, orderId, 'orderId');
    if (order.buyerId !== viewer.id) throw notFound('Order');
    return guarded(this.deps.events.pubsub.subscribe('ORDER_STATUS_CHANGED', order.id), async () => {
      scope.resetLoaders();
      return (await scope.viewer())?.id === viewer.id;
    });
  }
}
