import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User } from '../accounts/types';
import { Product } from '../commerce/types';
import type { GroupBuyEvent } from '../events/bus';
import type { ProductRecord } from '../commerce/types';
import type { PayloadResult } from '../common/user-errors';
import { Money, money } from '../common/money';
import {
  CloseGroupBuyOfferInput,
  CloseGroupBuyOfferPayload,
  CreateGroupBuyOfferInput,
  CreateGroupBuyOfferPayload,
  JoinGroupBuyInput,
  JoinGroupBuyPayload,
  StartGroupBuyInput,
  StartGroupBuyPayload,
} from './payloads';
import {
  GroupBuy,
  GroupBuyOffer,
  GroupBuyOfferRecord,
  GroupBuyOfferStatus,
  GroupBuyProgress,
  GroupBuyProgressKind,
  GroupBuyRecord,
  offerIsLive,
} from './types';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { instanceOf } from '../request/scope';
import { groupBuyLoaders } from './loaders';
import { GroupBuyService, MAX_GROUP_SIZE } from './service';
import type { Scope } from '../accounts/scope';

@Resolver(() => GroupBuy)
export class GroupBuyResolver {
  constructor(readonly groupBuysService: GroupBuyService) {}

  @Mutation(() => StartGroupBuyPayload, {
    description:
      "Starts a group buy (拼团) from a merchant's offer, at the offer's price, size and time. The starter is the first participant and reserves one unit; a user is in at most one open group per offer (ALREADY_MEMBER). A closed offer answers OFFER_CLOSED, one with no groups left GROUP_BUY_FULL, a product out of stock OUT_OF_STOCK.",
  })
  async startGroupBuy(@Ctx() ctx: Scope, @Arg('input', () => StartGroupBuyInput, { description: 'The offer to start from.' }) input: StartGroupBuyInput): Promise<PayloadResult<StartGroupBuyPayload>> {
    return { groupBuy: await this.groupBuysService.start(ctx, input) };
  }

  @Mutation(() => JoinGroupBuyPayload, {
    description:
      'Joins a group buy and reserves one unit; the one that fills it creates the orders. A full one answers GROUP_BUY_FULL, an expired one GROUP_BUY_EXPIRED, a completed one INVALID_STATE, a product out of stock OUT_OF_STOCK.',
  })
  async joinGroupBuy(@Ctx() ctx: Scope, @Arg('input', () => JoinGroupBuyInput, { description: 'The group buy to join.' }) input: JoinGroupBuyInput): Promise<PayloadResult<JoinGroupBuyPayload>> {
    return { groupBuy: await this.groupBuysService.join(ctx, input.groupBuyId) };
  }

  @Query(() => GroupBuy, { nullable: true, description: 'A group buy; null when it is unknown or in a group the viewer cannot read.' })
  groupBuy(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The group buy.' }) id: string) {
    return this.groupBuysService.groupBuy(ctx, id);
  }

  @Subscription(() => GroupBuyProgress, {
    description: 'Joins, completion and expiry of one group buy.',
    subscribe: ({ args, context }) => instanceOf(context as Scope, GroupBuyResolver).groupBuysService.progressEvents(context as Scope, args.id as string),
  })
  async groupBuyProgress(@Root() e: GroupBuyEvent, @Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The group buy to follow; anyone who may read it (groupBuy(id)) may.' }) _id: string): Promise<GroupBuyProgress> {
    groupBuyLoaders(ctx).groupBuyById.clear(e.groupBuyId);
    const [groupBuy, user] = await Promise.all([groupBuyLoaders(ctx).groupBuyById.load(e.groupBuyId), e.userId ? accountLoaders(ctx).userById.load(e.userId) : null]);
    return { kind: e.kind as GroupBuyProgressKind, groupBuy: groupBuy!, userId: e.userId, user };
  }

  @FieldResolver(() => Product, { description: 'The product bought together.' })
  product(@Root() b: GroupBuyRecord, @Ctx() ctx: Scope) {
    return commerceLoaders(ctx).productById.load(b.productId);
  }

  @FieldResolver(() => Money, { description: "What each participant pays, in the product's currency: the offer's price when the group started." })
  groupPrice(@Root() b: GroupBuyRecord): Money {
    return money(b.groupPrice, b.currency);
  }

  @FieldResolver(() => User, { description: 'Who started it, its first participant.' })
  starter(@Root() b: GroupBuyRecord, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(b.starterId);
  }

  @FieldResolver(() => [User], { description: `Who joined, first joiner (the starter) first; at most ${MAX_GROUP_SIZE}, the most people a group buy takes.` })
  participants(@Root() b: GroupBuyRecord, @Ctx() ctx: Scope) {
    return this.groupBuysService.participants(ctx, b);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: "When it expires unless full: its start plus the offer's windowHours." })
  expiresAt(@Root() b: GroupBuyRecord) {
    return new Date(b.expiresAt);
  }

  @FieldResolver(() => GroupBuyOffer, { nullable: true, description: 'The offer it was started from (null for group buys from before offers).' })
  offer(@Root() b: GroupBuyRecord, @Ctx() ctx: Scope) {
    return b.offerId ? groupBuyLoaders(ctx).groupBuyOfferById.load(b.offerId) : null;
  }
}

@Resolver(() => GroupBuyOffer)
export class GroupBuyOfferResolver {
  constructor(readonly groupBuysService: GroupBuyService) {}

  @Mutation(() => CreateGroupBuyOfferPayload, {
    description: "The product's merchant (or an admin) offers group buys on it: groups start only from an offer, at its price. A product with the most live offers answers LIMIT_REACHED.",
  })
  async createGroupBuyOffer(@Ctx() ctx: Scope, @Arg('input', () => CreateGroupBuyOfferInput, { description: 'The offer.' }) input: CreateGroupBuyOfferInput): Promise<PayloadResult<CreateGroupBuyOfferPayload>> {
    return { groupBuyOffer: await this.groupBuysService.createOffer(ctx, input) };
  }

  @Mutation(() => CloseGroupBuyOfferPayload, { description: "The product's merchant (or an admin) closes an offer: no new groups start from it; running groups keep their time." })
  async closeGroupBuyOffer(@Ctx() ctx: Scope, @Arg('input', () => CloseGroupBuyOfferInput, { description: 'The offer to close.' }) input: CloseGroupBuyOfferInput): Promise<PayloadResult<CloseGroupBuyOfferPayload>> {
    return { groupBuyOffer: await this.groupBuysService.closeOffer(ctx, input.offerId) };
  }

  @Query(() => GroupBuyOffer, { nullable: true, description: 'A group-buy offer; anyone may read one. Null when it is unknown.' })
  groupBuyOffer(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The offer.' }) id: string) {
    return this.groupBuysService.offer(ctx, id);
  }

  @FieldResolver(() => Product, { description: "The merchant's product on offer." })
  product(@Root() o: GroupBuyOfferRecord, @Ctx() ctx: Scope) {
    return commerceLoaders(ctx).productById.load(o.productId);
  }

  @FieldResolver(() => Money, { description: "What each participant of a group started from it pays, in the product's currency; below the product's price when offered." })
  groupPrice(@Root() o: GroupBuyOfferRecord): Money {
    return money(o.groupPrice, o.currency);
  }

  @FieldResolver(() => GroupBuyOfferStatus, { description: 'OPEN while groups may start from it; CLOSED once closed or past endsAt.' })
  status(@Root() o: GroupBuyOfferRecord) {
    return offerIsLive(o, Date.now()) ? GroupBuyOfferStatus.OPEN : GroupBuyOfferStatus.CLOSED;
  }

  @FieldResolver(() => Int, { description: 'Groups that may still start: maxGroups less the groups running or completed.' })
  groupsLeft(@Root() o: GroupBuyOfferRecord) {
    return Math.max(0, o.maxGroups - o.groupCount);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When it stops taking new groups; null: until closed.' })
  endsAt(@Root() o: GroupBuyOfferRecord) {
    return o.endsAt === null ? null : new Date(o.endsAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the merchant made the offer.' })
  createdAt(@Root() o: GroupBuyOfferRecord) {
    return new Date(o.createdAt);
  }
}

@Resolver(() => Product)
export class ProductGroupBuyResolver {
  constructor(readonly groupBuysService: GroupBuyService) {}

  @FieldResolver(() => [GroupBuyOffer], { description: 'Its offers that still start groups, newest first (at most 10).' })
  groupBuyOffers(@Root() product: ProductRecord, @Ctx() ctx: Scope) {
    return this.groupBuysService.liveOffers(ctx, product.id);
  }
}
