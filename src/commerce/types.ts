import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { MinorUnitsScalar, Money } from '../common/money';
import { FlashSoldOutChoice } from '../live/types';

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
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order is. PLACED is the only status that changes; CANCELLED and REFUNDED are final.',
  valuesConfig: {
    PLACED: { description: 'Placed and paid for; its stock is taken.' },
    CANCELLED: { description: 'Cancelled by the buyer, the merchant or an admin: the stock went back, its commissions were reversed and its coupons went back to the buyer while their use window is open.' },
    REFUNDED: { description: 'Refunded by the merchant or an admin: the buyer got back what they paid (total), its commissions were reversed and its coupons went back to the buyer while their use window is open (the stock does not come back).' },
  },
});

export interface OrderLine {
  productId: string;
  qty: number;
  unitPriceMinor: number;
  /** What coupons took off the line (0 without), and what was paid for it: qty × unitPriceMinor less that. */
  discountMinor: number;
  paidMinor: number;
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
  /** The lines before coupons, what coupons took off, and each coupon used (totalMinor is what is paid). */
  subtotalMinor: number;
  discountMinor: number;
  coupons: { couponId: string; discountMinor: number }[];
}

@ObjectType({ implements: Node, description: 'A product a merchant sells; notes feature products.' })
export class Product {
  @Field(() => ID, { description: 'The product, for product(id), placeOrder and share targets.' })
  id!: string;

  @Field({ description: 'Its name, 1 to 100 characters.' })
  title!: string;

  @Field(() => [String], { description: 'Image URLs, at most 9.' })
  images!: string[];

  @Field({ description: 'The category it is listed under, 1 to 50 characters.' })
  category!: string;

  @Field({ description: 'The brand, 1 to 50 characters.' })
  brand!: string;

  @Field(() => Int, { description: 'Units left to sell now; 0 is out of stock.' })
  stock!: number;

  @Field(() => DateTimeISOResolver, { description: 'When it was listed.' })
  createdAt!: Date;
}

@ObjectType({ description: 'One line of an order: a product and how many of it.' })
export class OrderItem {
  @Field(() => Product, { description: 'The product, as it is now (its price today may differ from unitPrice).' })
  product!: ProductRecord;

  @Field(() => Int, { description: 'How many units, 1 to 999.' })
  qty!: number;

  @Field(() => Money, { description: 'The price of one unit when the order was placed (a later price change does not alter it).' })
  unitPrice!: Money;

  @Field(() => Money, { description: 'unitPrice times qty, in the order\'s currency.' })
  lineTotal!: Money;

  @Field(() => Money, { description: "This line's share of the order's coupon discounts (0 without coupons): each coupon's discount is split across the lines it applies to in proportion to what they cost (README, Coupons)." })
  discount!: Money;

  @Field(() => Money, { description: 'What was paid for the line: lineTotal less discount. A refund gives back what the lines were paid; commissions are on it.' })
  paid!: Money;
}

@ObjectType({ implements: Node, description: 'An order; visible only to its buyer, its merchant and admins.' })
export class Order {
  @Field(() => ID, { description: 'The order, for order(id), cancelOrder and refundOrder.' })
  id!: string;

  @Field(() => OrderStatus, { description: 'Where it is: PLACED, or finally CANCELLED or REFUNDED.' })
  status!: OrderStatus;

  @Field({ description: 'True while fraud checks hold its commissions for review.' })
  isFlagged!: boolean;
}

@InputType({ description: 'A product to list; merchants and admins only.' })
export class CreateProductInput {
  @Field({ description: 'Its name, 1 to 100 characters.' })
  @MaxLength(200)
  title!: string;

  @Field(() => MinorUnitsScalar, { description: 'Price in minor units of the currency (fen for CNY: 1999 is ¥19.99), from 0 to 10000000000 (¥100,000,000.00); a higher price is refused as INVALID naming priceMinor.' })
  priceMinor!: number;

  @Field({ defaultValue: 'CNY', description: 'The ISO 4217 code of the price, such as CNY (the default).' })
  @MaxLength(3)
  currency!: string;

  @Field(() => [String], { defaultValue: [], description: 'Image URLs (http or https), at most 9.' })
  images!: string[];

  @Field({ description: 'The category to list it under, 1 to 50 characters.' })
  @MaxLength(100)
  category!: string;

  @Field({ description: 'The brand, 1 to 50 characters.' })
  @MaxLength(100)
  brand!: string;

  @Field(() => Int, { description: 'Units to sell, 0 to 10000000.' })
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

  @Field(() => String, { nullable: true, description: 'A new name, 1 to 100 characters.' })
  @MaxLength(200)
  title?: string | null;

  @Field(() => MinorUnitsScalar, { nullable: true, description: 'The new price in minor units, from 0 to 10000000000 (¥100,000,000.00); a higher price is refused as INVALID naming priceMinor. Orders already placed keep their prices.' })
  priceMinor?: number | null;

  @Field(() => String, { nullable: true, description: 'A new ISO 4217 code of the price.' })
  @MaxLength(3)
  currency?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new image URLs, replacing the old ones, at most 9.' })
  images?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A new category, 1 to 50 characters.' })
  @MaxLength(100)
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'A new brand, 1 to 50 characters.' })
  @MaxLength(100)
  brand?: string | null;

  @Field(() => Int, { nullable: true, description: 'The new number of units in stock, 0 to 10000000.' })
  stock?: number | null;
}

@InputType({ description: 'One line of an order.' })
export class OrderItemInput {
  @Field(() => ID, { description: 'The product; each product once per order.' })
  productId!: string;

  @Field(() => Int, { description: 'How many units, 1 to 999 and at most the stock (OUT_OF_STOCK otherwise).' })
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

  @Field(() => ID, {
    nullable: true,
    description:
      "The direct message whose product card the buyer bought from. Only a member of its conversation who received it may name it (for anyone else, a message from someone in a block with the buyer included, NOT_FOUND, as for an unknown id). Its sender is credited as through a share link (a DIRECT_MESSAGE touchpoint, their commission) when a card on it shows an ordered product, it arrived within the attribution window and the buyer is not its sender; otherwise (a deleted message keeps no cards) the order is placed crediting nobody.",
  })
  messageId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The LIVE room the buyer bought in (one they may see, featuring an ordered product; INVALID_STATE when it is not LIVE). The order gets a LIVE touchpoint and is credited to the room's host through their LIVE share link (their commission by the merchant's rates). The room's pinned product is priced at its flash price while that holds; the flash units are exact, however many buy at once.",
  })
  liveRoomId?: string | null;

  @Field(() => FlashSoldOutChoice, { nullable: true, description: "With liveRoomId: what to do when the pinned product's flash price is gone by the time the order is placed. Default REFUSE (FLASH_SOLD_OUT)." })
  ifFlashSoldOut?: FlashSoldOutChoice | null;
}

@InputType({ description: 'An order to place.' })
export class PlaceOrderInput {
  @Field(() => [OrderItemInput], { description: 'One to 20 lines, all from one merchant and in one currency.' })
  items!: OrderItemInput[];

  @Field(() => OrderContextInput, { nullable: true, description: 'Where the purchase happened, for attribution; optional.' })
  context?: OrderContextInput | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      "Coupons the viewer claimed, at most one of each scope (at most 4): each must apply to the order (its merchant or product, its currency, its use window, its threshold) or the order is refused with COUPON_NOT_APPLICABLE naming it; one no longer held unused is COUPON_UNAVAILABLE. The discount is split across the lines (OrderItem.discount) by the rule in the README (Coupons).",
  })
  couponIds?: string[] | null;

  @Field({ description: 'Required: retrying with the same key returns the same order.' })
  @MaxLength(100)
  idempotencyKey!: string;
}
