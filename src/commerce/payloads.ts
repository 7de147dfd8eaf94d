import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { MutationPayload } from '../common/user-errors';
import { Order, type OrderRecord, Product, type ProductRecord } from './types';

const IDEMPOTENCY =
  'Retrying with the same key and the same input returns the first result; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.';

@ObjectType({ description: 'The result of createProduct.' })
export class CreateProductPayload extends MutationPayload {
  @Field(() => Product, { nullable: true, description: 'The new product; null when refused.' })
  product!: ProductRecord | null;
}

@ObjectType({ description: 'The result of updateProduct.' })
export class UpdateProductPayload extends MutationPayload {
  @Field(() => Product, { nullable: true, description: 'The product as edited; null when refused.' })
  product!: ProductRecord | null;
}

@ObjectType({ description: 'The result of placeOrder.' })
export class PlaceOrderPayload extends MutationPayload {
  @Field(() => Order, { nullable: true, description: 'The order placed (or, for a retry with the same key, the first one); null when refused.' })
  order!: OrderRecord | null;
}

@InputType({ description: 'The order to cancel.' })
export class CancelOrderInput {
  @Field(() => ID, { description: 'The order; the buyer, the merchant or an admin may cancel it.' })
  orderId!: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY })
  @MaxLength(100)
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of cancelOrder.' })
export class CancelOrderPayload extends MutationPayload {
  @Field(() => Order, { nullable: true, description: 'The cancelled order (also when it was cancelled already); null when refused.' })
  order!: OrderRecord | null;
}

@InputType({ description: 'The order to refund.' })
export class RefundOrderInput {
  @Field(() => ID, { description: 'The order; its merchant or an admin may refund it.' })
  orderId!: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY })
  @MaxLength(100)
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of refundOrder.' })
export class RefundOrderPayload extends MutationPayload {
  @Field(() => Order, { nullable: true, description: 'The refunded order (also when it was refunded already); null when refused.' })
  order!: OrderRecord | null;
}
