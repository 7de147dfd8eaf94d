import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { NoteConnection } from './types';
import { FeedService } from './service';
import type { Scope } from '../accounts/scope';

@Resolver()
export class FeedResolver {
  constructor(readonly feedsService: FeedService) {}

  @Query(() => NoteConnection, { description: 'Notes by people the viewer follows, newest first.' })
  followingFeed(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
  ) {
    return this.feedsService.followingFeed(ctx, first, after);
  }

  @Query(() => NoteConnection, {
    description:
      '"For you": notes ranked by engagement (1 like : 1 collect : 4 comments : 4 shares, decayed by age), social proof, the viewer\'s topic interests and freshness; trending notes for a new viewer. Each edge has a reason and a score. The ranking is built in blocks of 20 with at most two notes per author in each, so a page of 20 (the default) never shows an author more than twice; pages never repeat a note.',
  })
  discoverFeed(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
  ) {
    return this.feedsService.discoverFeed(ctx, first, after);
  }

  @Query(() => NoteConnection, { description: 'Notes tagged with a topic, newest first.' })
  topicFeed(
    @Ctx() ctx: Scope,
    @Arg('topic', { description: 'The topic, with or without the #, in any case ("#SkinCare" is "skincare").' }) topic: string,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
  ) {
    return this.feedsService.topicFeed(ctx, topic, first, after);
  }

  @Query(() => NoteConnection, { description: "A user's notes (their profile), newest first." })
  authorFeed(
    @Ctx() ctx: Scope,
    @Arg('userId', () => ID, { description: 'The author; an unknown user, or one in a block with the viewer, is NOT_FOUND.' }) userId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
  ) {
    return this.feedsService.authorFeed(ctx, userId, first, after);
  }

  @Query(() => NoteConnection, { description: 'Notes featuring a product, newest first.' })
  productNotes(
    @Ctx() ctx: Scope,
    @Arg('productId', () => ID, { description: 'The product the notes feature.' }) productId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
  ) {
    return this.feedsService.productNotes(ctx, productId, first, after);
  }
}
