import { Connection } from '../common/connection';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, ObjectType, Field } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User, UserRecord } from '../accounts/types';
import { FraudFlag } from '../commissions/types';
import { ShareLink } from '../referral/types';
import type { OrderStatusEvent } from '../events/bus';
import { NoteConnection } from '../feeds/types';
import { CreateProductInput, Order, OrderItem, OrderRecord, OrderStatus, PlaceOrderInput, Product, ProductRecord, UpdateProductInput } from './types';
import { accountLoaders } from '../accounts/loaders';
import { CommissionService } from '../commissions/service';
import { FeedService } from '../feeds/service';
import { referralLoaders } from '../referral/loaders';
import { instanceOf } from '../request/scope';
import { commerceLoaders } from './loaders';
import { nullIfNotFound } from './lookup';
import type { PayloadResult } from '../common/user-errors';
import { CancelOrderInput, CancelOrderPayload, CreateProductPayload, PlaceOrderPayload, RefundOrderInput, RefundOrderPayload, UpdateProductPayload } from './payloads';
import { CommerceService } from './service';
import type { Scope } from '../accounts/scope';
import { money, Money } from '../common/money';

export const ProductConnection = Connection(Product, 'Product', {
  page: 'A page of products, newest first.',
  item: 'a product',
  total: 'products in the list (of the merchant or category asked for, if any)',
});
export const OrderConnection = Connection(Order, 'Order', { page: "A page of the viewer's orders, newest first.", item: 'an order', total: "the viewer's orders" });

@ObjectType({ description: "The viewer's mutual follows who bought a product and let friends see it." })
class FriendsWhoBought {
  @Field(() => Int, { description: 'How many such friends there are in all.' })
  totalCount!: number;

  @Field(() => [User], { description: "Some of them: at most 50 (friendsWhoBought's first)." })
  users!: UserRecord[];
}

@ObjectType({ description: "A change of status of one of the viewer's orders." })
class OrderStatusChange {
  @Field(() => Order, { description: 'The order, as it is after the change.' })
  order!: OrderRecord;

  @Field(() => OrderStatus, { description: 'The status it changed to.' })
  status!: OrderStatus;
}

@Resolver(() => Product)
export class ProductResolver {
  constructor(readonly commerceService: CommerceService, readonly feedsService: FeedService) {}

  @Query(() => Product, { nullable: true, description: 'A product by id, for anyone; null when there is none.' })
  product(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The product.' }) id: string) {
    return this.commerceService.product(ctx, id);
  }

  @Query(() => ProductConnection, { description: 'The catalogue, newest first; optionally one merchant\'s or one category\'s.' })
  products(
    @Ctx() ctx: Scope,
    @Arg('merchantId', () => ID, { nullable: true, description: "Only this merchant's products." }) merchantId?: string | null,
    @Arg('category', () => String, { nullable: true, description: 'Only products of this category (1 to 50 characters, as listed).' }) category?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many products. Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.commerceService.products(ctx, merchantId, category, first, after);
  }

  @Mutation(() => CreateProductPayload, { description: 'Merchant accounts list their products.' })
  async createProduct(@Ctx() ctx: Scope, @Arg('input', () => CreateProductInput, { description: 'The product to list.' }) input: CreateProductInput): Promise<PayloadResult<CreateProductPayload>> {
    return { product: await this.commerceService.createProduct(ctx, input) };
  }

  @Mutation(() => UpdateProductPayload, { description: 'A merchant edits its own product.' })
  async updateProduct(@Ctx() ctx: Scope, @Arg('input', () => UpdateProductInput, { description: 'The product and the fields that change.' }) input: UpdateProductInput): Promise<PayloadResult<UpdateProductPayload>> {
    return { product: await this.commerceService.updateProduct(ctx, input) };
  }

  @Query(() => FriendsWhoBought, {
    nullable: true,
    description: 'Social proof: people who follow the viewer and whom the viewer follows, who bought the product and have not turned off showPurchasesToFriends. Null for an unknown product.',
  })
  friendsWhoBought(
    @Ctx() ctx: Scope,
    @Arg('productId', () => ID, { description: 'The product.' }) productId: string,
    @Arg('first', () => Int, { defaultValue: 5, description: 'How many of the friends to list in users. Default 5, at most 50.' }) first: number,
  ) {
    return nullIfNotFound(this.commerceService.friendsWhoBought(ctx, productId, first));
  }

  @FieldResolver(() => User, { nullable: true, description: 'The merchant who sells it; null for a product imported without one.' })
  merchant(@Root() product: ProductRecord, @Ctx() ctx: Scope) {
    return product.merchantId ? accountLoaders(ctx).userById.load(product.merchantId) : null;
  }

  @FieldResolver(() => Money, { description: 'The price of one unit today; an order keeps the price it was placed at (OrderItem.unitPrice).' })
  price(@Root() product: ProductRecord): Money {
    return money(product.priceMinor, product.currency);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was listed.' })
  createdAt(@Root() product: ProductRecord) {
    return new Date(product.createdAt);
  }

  @FieldResolver(() => NoteConnection, { description: 'Notes featuring the product, newest first.' })
  notes(
    @Root() product: ProductRecord,
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'How many notes. Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.feedsService.productNotes(ctx, product.id, first, after);
  }
}

@Resolver(() => Order)
export class OrderResolver {
  constructor(readonly commerceService: CommerceService, readonly commissionsService: CommissionService) {}

  @Mutation(() => PlaceOrderPayload, { description: 'Places an order. Stock is taken atomically; the same idempotencyKey returns the same order.' })
  async placeOrder(@Ctx() ctx: Scope, @Arg('input', () => PlaceOrderInput, { description: 'The order to place.' }) input: PlaceOrderInput): Promise<PayloadResult<PlaceOrderPayload>> {
    return { order: await this.commerceService.placeOrder(ctx, input) };
  }

  @Mutation(() => CancelOrderPayload, { description: 'Cancels a placed order (buyer, merchant or admin); the stock goes back and its commissions are reversed. Cancelling a cancelled order returns it.' })
  async cancelOrder(@Ctx() ctx: Scope, @Arg('input', () => CancelOrderInput, { description: 'The order to cancel.' }) input: CancelOrderInput): Promise<PayloadResult<CancelOrderPayload>> {
    return { order: await this.commerceService.cancelOrder(ctx, input) };
  }

  @Mutation(() => RefundOrderPayload, { description: 'Refunds a placed order (merchant or admin); its commissions are reversed. Refunding a refunded order returns it.' })
  async refundOrder(@Ctx() ctx: Scope, @Arg('input', () => RefundOrderInput, { description: 'The order to refund.' }) input: RefundOrderInput): Promise<PayloadResult<RefundOrderPayload>> {
    return { order: await this.commerceService.refundOrder(ctx, input) };
  }

  @Query(() => Order, { nullable: true, description: 'An order, for its buyer, its merchant or an admin; null for anyone else and for an unknown id.' })
  order(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The order.' }) id: string) {
    return nullIfNotFound(this.commerceService.order(ctx, id));
  }

  @Query(() => OrderConnection, { description: "The viewer's orders, newest first." })
  myOrders(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'How many orders. Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.commerceService.myOrders(ctx, first, after);
  }

  @Subscription(() => OrderStatusChange, {
    description: "Status changes of one of the viewer's orders.",
    subscribe: ({ args, context }) => instanceOf(context as Scope, OrderResolver).commerceService.statusChanges(context as Scope, args.orderId as string),
  })
  async orderStatusChanged(@Root() event: OrderStatusEvent, @Ctx() ctx: Scope, @Arg('orderId', () => ID, { description: 'The order; its buyer only.' }) _orderId: string): Promise<OrderStatusChange> {
    return { order: (await commerceLoaders(ctx).orderById.load(event.orderId))!, status: event.status as OrderStatus };
  }

  @FieldResolver(() => [OrderItem], { description: 'The lines of the order, each product once: at most 20 (placeOrder takes 1 to 20 lines).' })
  async items(@Root() order: OrderRecord, @Ctx() ctx: Scope) {
    const products = await commerceLoaders(ctx).productById.loadMany(order.items.map((i) => i.productId));
    return order.items.map((item, i) => ({
      // The line's review (src/reviews/resolver.ts) is found by its order and product.
      orderId: order.id,
      product: products[i],
      qty: item.qty,
      unitPrice: money(item.unitPriceMinor, order.currency),
      lineTotal: money(item.qty * item.unitPriceMinor, order.currency),
      discount: money(item.discountMinor, order.currency),
      paid: money(item.paidMinor, order.currency),
    }));
  }

  @FieldResolver()
  isFlagged(@Root() order: OrderRecord): boolean {
    return order.flagged;
  }

  @FieldResolver(() => Money, { description: 'What the buyer paid, in the one currency of all its items: subtotal less discount, the sum of the lines\' paid. A refund gives back exactly this.' })
  total(@Root() order: OrderRecord): Money {
    return money(order.totalMinor, order.currency);
  }

  @FieldResolver(() => User, { description: 'Who placed it.' })
  buyer(@Root() order: OrderRecord, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(order.buyerId);
  }

  @FieldResolver(() => User, { description: 'Who sells its products (every line is from this one merchant).' })
  merchant(@Root() order: OrderRecord, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(order.merchantId);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was placed.' })
  createdAt(@Root() order: OrderRecord) {
    return new Date(order.createdAt);
  }

  @FieldResolver(() => ShareLink, { nullable: true, description: 'The share link the order is credited to (its last share-link touch).' })
  shareLink(@Root() order: OrderRecord, @Ctx() ctx: Scope) {
    return order.viaCode ? referralLoaders(ctx).shareLinkByCode.load(order.viaCode) : null;
  }

  @FieldResolver(() => [FraudFlag], {
    description: 'Fraud flags on the order, oldest first: at most 3 (the order checks run once, at placement, and find each of SELF_REFERRAL, REFERRAL_CYCLE and VELOCITY at most once). Admins and growth staff only (empty for others).',
  })
  fraudFlags(@Root() order: OrderRecord, @Ctx() ctx: Scope) {
    return this.commissionsService.flagsOfOrder(ctx, order.id);
  }
}
