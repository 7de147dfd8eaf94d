import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../server/context';
import { User, UserRecord } from '../accounts/types';
import type { NewFollowerEvent } from '../events/bus';
import { FollowConnection, NewFollower, SocialPath, UserConnection } from './types';
import { MAX_SOCIAL_PATH_DEPTH } from './service';

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Default 20, at most 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}

@Resolver(() => User)
export class SocialResolver {
  @Mutation(() => User, { description: 'Follows a user; following someone you already follow is a no-op. Returns the followed user.' })
  follow(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string) {
    return ctx.social.follow(userId);
  }

  @Mutation(() => User, { description: 'Stops following a user; idempotent. Returns the user.' })
  unfollow(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string) {
    return ctx.social.unfollow(userId);
  }

  @Mutation(() => User, { description: 'Blocks a user: removes follows both ways, and neither can follow or interact with the other.' })
  block(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string) {
    return ctx.social.block(userId);
  }

  @Mutation(() => User)
  unblock(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string) {
    return ctx.social.unblock(userId);
  }

  @Query(() => UserConnection, { description: 'Accounts that both the viewer and the given user follow.' })
  mutualFollows(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string, @Args() { first, after }: PageArgs) {
    return ctx.social.mutualFollows(userId, first, after);
  }

  @Query(() => SocialPath, {
    nullable: true,
    description: 'The shortest follow chain from the viewer to a user ("2nd/3rd-degree connection"); null when none is within maxDepth (1 to 6).',
  })
  socialPath(
    @Ctx() ctx: Context,
    @Arg('to', () => ID) to: string,
    @Arg('maxDepth', () => Int, { defaultValue: MAX_SOCIAL_PATH_DEPTH }) maxDepth: number,
  ) {
    return ctx.social.socialPath(to, maxDepth);
  }

  @FieldResolver(() => FollowConnection)
  followers(@Root() user: UserRecord, @Ctx() ctx: Context, @Args() { first, after }: PageArgs) {
    return ctx.social.followers(user, first, after);
  }

  @FieldResolver(() => FollowConnection)
  following(@Root() user: UserRecord, @Ctx() ctx: Context, @Args() { first, after }: PageArgs) {
    return ctx.social.following(user, first, after);
  }

  @FieldResolver(() => Boolean, { description: 'The viewer follows this user.' })
  async isFollowing(@Root() user: UserRecord, @Ctx() ctx: Context) {
    return (await ctx.loaders.relationToViewer.load(user.id)).isFollowing;
  }

  @FieldResolver(() => Boolean, { description: 'This user follows the viewer.' })
  async followsViewer(@Root() user: UserRecord, @Ctx() ctx: Context) {
    return (await ctx.loaders.relationToViewer.load(user.id)).followsViewer;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer has blocked this user.' })
  async isBlocked(@Root() user: UserRecord, @Ctx() ctx: Context) {
    return (await ctx.loaders.relationToViewer.load(user.id)).isBlocked;
  }

  @FieldResolver(() => Boolean, { description: 'This user has blocked the viewer.' })
  async hasBlockedViewer(@Root() user: UserRecord, @Ctx() ctx: Context) {
    return (await ctx.loaders.relationToViewer.load(user.id)).hasBlockedViewer;
  }

  @Subscription(() => NewFollower, {
    description: "Each new follower of the viewer, as it happens. Needs a token in connectionParams.authorization.",
    subscribe: ({ context }) => (context as Context).social.newFollowers(),
  })
  async newFollower(@Root() event: NewFollowerEvent, @Ctx() ctx: Context): Promise<NewFollower> {
    const follower = await ctx.loaders.userById.load(event.followerId);
    return { follower: follower!, followedAt: new Date(event.followedAt) };
  }
}
