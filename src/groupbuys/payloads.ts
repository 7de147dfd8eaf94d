import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MutationPayload } from '../common/user-errors';
import { MinorUnitsScalar } from '../common/money';
import { GroupBuy, GroupBuyOffer, type GroupBuyOfferRecord, type GroupBuyRecord } from './types';

/**
 * The highest group price an offer may set (¥100,000,000.00, the product price's own cap): a
 * group price is below its product's price anyway; this bounds the input itself.
 */
export const MAX_GROUP_PRICE_MINOR = 100_000_000_00;

@InputType({ description: "A merchant's group-buy offer on one of its own products." })
export class CreateGroupBuyOfferInput {
  @Field(() => ID, { description: "One of the merchant's own products." })
  productId!: string;

  @Field(() => MinorUnitsScalar, { description: `What each participant pays, in minor units of the product's currency (fen for CNY): at least 1, below the product's price, and at most ${MAX_GROUP_PRICE_MINOR}.` })
  groupPrice!: number;

  @Field(() => Int, { description: '2 to 50 people, the starter included.' })
  requiredSize!: number;

  @Field(() => Int, { description: '1 to 1,000 groups.' })
  maxGroups!: number;

  @Field(() => Int, { description: 'Hours each group has to fill: 1 to 72.' })
  windowHours!: number;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the offer stops taking new groups: in the future, at most 90 days away. Without it the offer runs until closed.' })
  endsAt?: Date | null;
}

@ObjectType({ description: 'The result of createGroupBuyOffer.' })
export class CreateGroupBuyOfferPayload extends MutationPayload {
  @Field(() => GroupBuyOffer, { nullable: true, description: 'The new offer; null when refused.' })
  groupBuyOffer!: GroupBuyOfferRecord | null;
}

@InputType({ description: 'The group-buy offer to close.' })
export class CloseGroupBuyOfferInput {
  @Field(() => ID, { description: 'The offer; its product must be the viewer\'s (or the viewer an admin).' })
  offerId!: string;
}

@ObjectType({ description: 'The result of closeGroupBuyOffer.' })
export class CloseGroupBuyOfferPayload extends MutationPayload {
  @Field(() => GroupBuyOffer, { nullable: true, description: 'The offer, now CLOSED (closing a closed offer answers it as it is); null when refused.' })
  groupBuyOffer!: GroupBuyOfferRecord | null;
}

@InputType({ description: "A group buy to start. The price, size and time come from the merchant's offer, never from the starter." })
export class StartGroupBuyInput {
  @Field(() => ID, { description: 'The offer to start a group from.' })
  offerId!: string;

  @Field(() => ID, { nullable: true, description: 'The community to run it in; members who are not muted may.' })
  groupId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Retrying with the same key and the same input returns the first group buy; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.',
  })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of startGroupBuy.' })
export class StartGroupBuyPayload extends MutationPayload {
  @Field(() => GroupBuy, { nullable: true, description: 'The new group buy, with the starter as its first participant; null when refused.' })
  groupBuy!: GroupBuyRecord | null;
}

@InputType({ description: 'The group buy to join.' })
export class JoinGroupBuyInput {
  @Field(() => ID, { description: 'The group buy; joining one the viewer is already in answers it as it is.' })
  groupBuyId!: string;
}

@ObjectType({ description: 'The result of joinGroupBuy.' })
export class JoinGroupBuyPayload extends MutationPayload {
  @Field(() => GroupBuy, { nullable: true, description: 'The group buy as it now is (COMPLETED when this join filled it); null when refused.' })
  groupBuy!: GroupBuyRecord | null;
}
