import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../server/context';
import { NoteConnection } from './types';

@Resolver()
export class FeedResolver {
  @Query(() => NoteConnection, { description: 'Notes by people the viewer follows, newest first.' })
  followingFeed(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.feeds.followingFeed(first, after);
  }

  @Query(() => NoteConnection, {
    description:
      '"For you": notes ranked by engagement (1 like : 1 collect : 4 comments : 4 shares, decayed by age), social proof, the viewer\'s topic interests and freshness; trending notes for a new viewer. Each edge has a reason and a score. The ranking is built in blocks of 20 with at most two notes per author in each, so a page of 20 (the default) never shows an author more than twice; pages never repeat a note.',
  })
  discoverFeed(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.feeds.discoverFeed(first, after);
  }

  @Query(() => NoteConnection, { description: 'Notes tagged with a topic, newest first.' })
  topicFeed(
    @Ctx() ctx: Context,
    @Arg('topic') topic: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.feeds.topicFeed(topic, first, after);
  }

  @Query(() => NoteConnection, { description: "A user's notes (their profile), newest first." })
  authorFeed(
    @Ctx() ctx: Context,
    @Arg('userId', () => ID) userId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.feeds.authorFeed(userId, first, after);
  }

  @Query(() => NoteConnection, { description: 'Notes featuring a product, newest first.' })
  productNotes(
    @Ctx() ctx: Context,
    @Arg('productId', () => ID) productId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.feeds.productNotes(productId, first, after);
  }
}
