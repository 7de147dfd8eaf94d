import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User } from '../accounts/types';
import { Product } from '../commerce/types';
import type { GroupBuyEvent } from '../events/bus';
import type { Context } from '../server/context';
import { GroupBuy, GroupBuyProgress, GroupBuyRecord, StartGroupBuyInput } from './types';

@Resolver(() => GroupBuy)
export class GroupBuyResolver {
  @Mutation(() => GroupBuy, { description: 'Starts a group buy (拼团); the starter is the first participant and the stock is reserved.' })
  startGroupBuy(@Ctx() ctx: Context, @Arg('input') input: StartGroupBuyInput) {
    return ctx.groupBuys.start(input);
  }

  @Mutation(() => GroupBuy, { description: 'Joins a group buy; the one that fills it creates the orders. A full one answers BAD_USER_INPUT "this group buy is full".' })
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
}
