import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { MinorUnitsScalar, Money } from '../common/money';

/**
 * The highest price a product may have: ¥100,000,000.00 in fen. An order's total is at most
 * MAX_ORDER_LINES × MAX_QTY × this (about 2 × 10^14), well inside MinorUnits' exact range.
 */
export const MAX_PRICE_MINOR = 10_000_000_000;

export interface ProductRecord {
  id: string;
  title: string;
  priceMinor: number;
  currency: string;
  images: string[];
  category: string;
  brand: string;
  stock: number;
  createdAt: number;
  merchantId: string | null;
}

export enum OrderStatus {
  PLACED = 'PLACED',
  CANCELLED = 'CANCELLED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus' });

export interface OrderLine {
  productId: string;
  qty: number;
  unitPriceMinor: number;
}

export interface OrderRecord {
  id: string;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  createdAt: number;
  updatedAt: number;
  flagged: boolean;
  buyerId: string;
  merchantId: string;
  viaCode: string | null;
  items: OrderLine[];
}

@ObjectType({ description: 'A product a merchant sells; notes feature products.' })
export class Product {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => [String])
  images!: string[];

  @Field()
  category!: string;

  @Field()
  brand!: string;

  @Field(() => Int)
  stock!: number;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;
}

@ObjectType()
export class OrderItem {
  @Field(() => Product)
  product!: ProductRecord;

  @Field(() => Int)
  qty!: number;

  @Field(() => Money, { description: 'The price of one unit when the order was placed (a later price change does not alter it).' })
  unitPrice!: Money;

  @Field(() => Money, { description: 'unitPrice times qty, in the order\'s currency.' })
  lineTotal!: Money;
}

@ObjectType({ description: 'An order; visible only to its buyer, its merchant and admins.' })
export class Order {
  @Field(() => ID)
  id!: string;

  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field({ description: 'True while fraud checks hold its commissions for review.' })
  isFlagged!: boolean;
}

@InputType()
export class CreateProductInput {
  @Field()
  @MaxLength(200)
  title!: string;

  @Field(() => MinorUnitsScalar, { description: 'Price in minor units of the currency (fen for CNY: 1999 is ¥19.99), from 0 to 10000000000 (¥100,000,000.00); a higher price is refused as INVALID naming priceMinor.' })
  priceMinor!: number;

  @Field({ defaultValue: 'CNY' })
  @MaxLength(3)
  currency!: string;

  @Field(() => [String], { defaultValue: [] })
  images!: string[];

  @Field()
  @MaxLength(100)
  category!: string;

  @Field()
  @MaxLength(100)
  brand!: string;

  @Field(() => Int)
  stock!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Retrying with the same key and the same input returns the first product; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.',
  })
  @MaxLength(100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateProductInput {
  @Field(() => ID, { description: 'The product; its merchant or an admin may edit it.' })
  productId!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  title?: string | null;

  @Field(() => MinorUnitsScalar, { nullable: true, description: 'The new price in minor units, from 0 to 10000000000 (¥100,000,000.00); a higher price is refused as INVALID naming priceMinor. Orders already placed keep their prices.' })
  priceMinor?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(3)
  currency?: string | null;

  @Field(() => [String], { nullable: true })
  images?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  category?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  brand?: string | null;

  @Field(() => Int, { nullable: true })
  stock?: number | null;
}

@InputType()
export class OrderItemInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  qty!: number;
}

@InputType({ description: 'Where the purchase happened, for attribution.' })
export class OrderContextInput {
  @Field(() => ID, { nullable: true, description: 'The note the buyer bought from.' })
  noteId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The share link the buyer arrived through. It is credited only if the buyer opened it within the attribution window and it shares an ordered product, a note featuring one, or the order\'s group; otherwise the order is placed without crediting it.',
  })
  shareCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The group the buyer bought in; needs read access to its content.' })
  groupId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The anonymous visitorId the buyer opened share links with before signing in (as given to openShareLink), so those visits count.',
  })
  @MaxLength(64)
  visitorId?: string | null;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => [OrderItemInput], { description: 'One to 20 lines, all from one merchant and in one currency.' })
  items!: OrderItemInput[];

  @Field(() => OrderContextInput, { nullable: true })
  context?: OrderContextInput | null;

  @Field({ description: 'Required: retrying with the same key returns the same order.' })
  @MaxLength(100)
  idempotencyKey!: string;
}
