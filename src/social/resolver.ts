import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { User, UserRecord } from '../accounts/types';
import type { NewFollowerEvent } from '../events/bus';
import { FollowConnection, NewFollower, SocialPath, UserConnection } from './types';
import { MAX_SOCIAL_PATH_DEPTH } from './service';
import { BlockInput, BlockPayload, FollowInput, FollowPayload, UnblockInput, UnblockPayload, UnfollowInput, UnfollowPayload } from './payloads';
import type { PayloadResult } from '../common/user-errors';
import { accountLoaders } from '../accounts/loaders';
import { instanceOf } from '../request/scope';
import { socialLoaders } from './loaders';
import { SocialService } from './service';
import type { Scope } from '../accounts/scope';

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Default 20, at most 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}

@Resolver(() => User)
export class SocialResolver {
  constructor(readonly socialService: SocialService) {}

  @Mutation(() => FollowPayload, {
    description: 'Follows a user; following someone you already follow succeeds and changes nothing. BLOCKED when either blocks the other.',
  })
  async follow(@Ctx() ctx: Scope, @Arg('input', () => FollowInput, { description: 'The user to follow.' }) input: FollowInput): Promise<PayloadResult<FollowPayload>> {
    return { user: await this.socialService.follow(ctx, input.userId) };
  }

  @Mutation(() => UnfollowPayload, { description: 'Stops following a user; unfollowing someone you do not follow succeeds and changes nothing.' })
  async unfollow(@Ctx() ctx: Scope, @Arg('input', () => UnfollowInput, { description: 'The user to stop following.' }) input: UnfollowInput): Promise<PayloadResult<UnfollowPayload>> {
    return { user: await this.socialService.unfollow(ctx, input.userId) };
  }

  @Mutation(() => BlockPayload, { description: 'Blocks a user: removes follows both ways, and neither can follow or interact with the other.' })
  async block(@Ctx() ctx: Scope, @Arg('input', () => BlockInput, { description: 'The user to block.' }) input: BlockInput): Promise<PayloadResult<BlockPayload>> {
    return { user: await this.socialService.block(ctx, input.userId) };
  }

  @Mutation(() => UnblockPayload, { description: 'Lifts a block the viewer made; unblocking someone not blocked succeeds and changes nothing.' })
  async unblock(@Ctx() ctx: Scope, @Arg('input', () => UnblockInput, { description: 'The user to unblock.' }) input: UnblockInput): Promise<PayloadResult<UnblockPayload>> {
    return { user: await this.socialService.unblock(ctx, input.userId) };
  }

  @Query(() => UserConnection, { description: 'Accounts that both the viewer and the given user follow.' })
  mutualFollows(@Ctx() ctx: Scope, @Arg('userId', () => ID, { description: 'The other user: the answer is who both the viewer and they follow.' }) userId: string, @Args() { first, after }: PageArgs) {
    return this.socialService.mutualFollows(ctx, userId, first, after);
  }

  @Query(() => SocialPath, {
    nullable: true,
    description: `The shortest follow chain from the viewer to a user ("2nd/3rd-degree connection"); null when none is within maxDepth (1 to ${MAX_SOCIAL_PATH_DEPTH}).`,
  })
  socialPath(
    @Ctx() ctx: Scope,
    @Arg('to', () => ID, { description: 'The user to reach.' }) to: string,
    @Arg('maxDepth', () => Int, { defaultValue: MAX_SOCIAL_PATH_DEPTH, description: `The most follow hops to look through: 1 to ${MAX_SOCIAL_PATH_DEPTH}, default ${MAX_SOCIAL_PATH_DEPTH}.` }) maxDepth: number,
  ) {
    return this.socialService.socialPath(ctx, to, maxDepth);
  }

  @FieldResolver(() => FollowConnection, { description: 'Who follows this user, newest follow first.' })
  followers(@Root() user: UserRecord, @Ctx() ctx: Scope, @Args() { first, after }: PageArgs) {
    return this.socialService.followers(ctx, user, first, after);
  }

  @FieldResolver(() => FollowConnection, { description: 'Who this user follows, newest follow first.' })
  following(@Root() user: UserRecord, @Ctx() ctx: Scope, @Args() { first, after }: PageArgs) {
    return this.socialService.following(ctx, user, first, after);
  }

  @FieldResolver(() => Boolean, { description: 'The viewer follows this user.' })
  async viewerIsFollowing(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return (await socialLoaders(ctx).relationToViewer.load(user.id)).isFollowing;
  }

  @FieldResolver(() => Boolean, { description: 'This user follows the viewer.' })
  async isFollowingViewer(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return (await socialLoaders(ctx).relationToViewer.load(user.id)).followsViewer;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer has blocked this user.' })
  async isBlocked(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return (await socialLoaders(ctx).relationToViewer.load(user.id)).isBlocked;
  }

  @FieldResolver(() => Boolean, { description: 'This user has blocked the viewer.' })
  async hasBlockedViewer(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return (await socialLoaders(ctx).relationToViewer.load(user.id)).hasBlockedViewer;
  }

  @Subscription(() => NewFollower, {
    description: "Each new follower of the viewer, as it happens. Needs a token in connectionParams.authorization.",
    subscribe: ({ context }) => instanceOf(context as Scope, SocialResolver).socialService.newFollowers(context as Scope),
  })
  async newFollower(@Root() event: NewFollowerEvent, @Ctx() ctx: Scope): Promise<NewFollower> {
    const follower = await accountLoaders(ctx).userById.load(event.followerId);
    return { follower: follower!, followedAt: new Date(event.followedAt) };
  }
}
