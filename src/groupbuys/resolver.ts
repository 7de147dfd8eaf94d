import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User } from '../accounts/types';
import { Product } from '../commerce/types';
import type { GroupBuyEvent } from '../events/bus';
import type { Context } from '../server/context';
import type { ProductRecord } from '../commerce/types';
import {
  CreateGroupBuyOfferInput,
  GroupBuy,
  GroupBuyOffer,
  GroupBuyOfferRecord,
  GroupBuyOfferStatus,
  GroupBuyProgress,
  GroupBuyRecord,
  offerIsLive,
  StartGroupBuyInput,
} from './types';

@Resolver(() => GroupBuy)
export class GroupBuyResolver {
  @Mutation(() => GroupBuy, {
    description: "Starts a group buy (拼团) from a merchant's offer, at the offer's price, size and time. The starter is the first participant and reserves one unit; a user is in at most one open group per offer.",
  })
  startGroupBuy(@Ctx() ctx: Context, @Arg('input') input: StartGroupBuyInput) {
    return ctx.groupBuys.start(input);
  }

  @Mutation(() => GroupBuy, {
    description: 'Joins a group buy and reserves one unit; the one that fills it creates the orders. A full one answers BAD_USER_INPUT "this group buy is full".',
  })
  joinGroupBuy(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return ctx.groupBuys.join(id);
  }

  @Query(() => GroupBuy)
  groupBuy(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return ctx.groupBuys.groupBuy(id);
  }

  @Subscription(() => GroupBuyProgress, {
    description: 'Joins, completion and expiry of one group buy.',
    subscribe: ({ args, context }) => (context as Context).groupBuys.progressEvents(args.id as string),
  })
  async groupBuyProgress(@Root() e: GroupBuyEvent, @Ctx() ctx: Context, @Arg('id', () => ID) _id: string): Promise<GroupBuyProgress> {
    ctx.loaders.groupBuyById.clear(e.groupBuyId);
    return { kind: e.kind, groupBuy: (await ctx.loaders.groupBuyById.load(e.groupBuyId))!, userId: e.userId };
  }

  @FieldResolver(() => Product)
  product(@Root() b: GroupBuyRecord, @Ctx() ctx: Context) {
    return ctx.loaders.productById.load(b.productId);
  }

  @FieldResolver(() => User)
  starter(@Root() b: GroupBuyRecord, @Ctx() ctx: Context) {
    return ctx.loaders.userById.load(b.starterId);
  }

  @FieldResolver(() => [User])
  participants(@Root() b: GroupBuyRecord, @Ctx() ctx: Context) {
    return ctx.groupBuys.participants(b);
  }

  @FieldResolver(() => DateTimeISOResolver)
  expiresAt(@Root() b: GroupBuyRecord) {
    return new Date(b.expiresAt);
  }

  @FieldResolver(() => GroupBuyOffer, { nullable: true, description: 'The offer it was started from (null for group buys from before offers).' })
  offer(@Root() b: GroupBuyRecord, @Ctx() ctx: Context) {
    return b.offerId ? ctx.loaders.groupBuyOfferById.load(b.offerId) : null;
  }
}

@Resolver(() => GroupBuyOffer)
export class GroupBuyOfferResolver {
  @Mutation(() => GroupBuyOffer, { description: "The product's merchant (or an admin) offers group buys on it: groups start only from an offer, at its price." })
  createGroupBuyOffer(@Ctx() ctx: Context, @Arg('input') input: CreateGroupBuyOfferInput) {
    return ctx.groupBuys.createOffer(input);
  }

  @Mutation(() => GroupBuyOffer, { description: "The product's merchant (or an admin) closes an offer: no new groups start from it; running groups keep their time." })
  closeGroupBuyOffer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return ctx.groupBuys.closeOffer(id);
  }

  @Query(() => GroupBuyOffer, { description: 'A group-buy offer; anyone may read one.' })
  groupBuyOffer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return ctx.groupBuys.offer(id);
  }

  @FieldResolver(() => Product)
  product(@Root() o: GroupBuyOfferRecord, @Ctx() ctx: Context) {
    return ctx.loaders.productById.load(o.productId);
  }

  @FieldResolver(() => GroupBuyOfferStatus)
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

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() o: GroupBuyOfferRecord) {
    return new Date(o.createdAt);
  }
}

@Resolver(() => Product)
export class ProductGroupBuyResolver {
  @FieldResolver(() => [GroupBuyOffer], { description: 'Its offers that still start groups, newest first (at most 10).' })
  groupBuyOffers(@Root() product: ProductRecord, @Ctx() ctx: Context) {
    return ctx.groupBuys.liveOffers(product.id);
  }
}
