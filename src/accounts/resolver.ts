import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { badInput } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { requireId, requireText } from '../common/validate';
import type { Context } from '../server/context';
import { UserConnection } from '../social/types';
import { AuthPayload, ChangePasswordInput, LogInInput, SessionConnection, SignUpInput, UpdateProfileInput, User, UserRecord } from './types';

@Resolver(() => User)
export class AccountResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null when the request carries no valid token.' })
  me(@Ctx() ctx: Context): Promise<UserRecord | null> {
    return ctx.viewer();
  }

  @Query(() => User, { nullable: true, description: 'A user by id or by handle (give exactly one); null when there is none.' })
  async user(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('handle', () => String, { nullable: true }) handle?: string | null,
  ): Promise<UserRecord | null> {
    if ((id == null) === (handle == null)) throw badInput('id', 'give exactly one of id and handle');
    if (id != null) return ctx.loaders.userById.load(requireId(id, 'id'));
    return ctx.accounts.userByHandle(handle!);
  }

  @Query(() => UserConnection, { description: 'Users whose handle starts with, or whose display name contains, search; in handle order.' })
  async users(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    const term = search == null ? null : requireText(search, 'search', { min: 1, max: 50 }).toLowerCase();
    const { limit, after: position } = pageRequest(first, after);
    if (position && typeof position.k !== 'string') throw badInput('after', 'is not a valid cursor');
    const page = toPage(await ctx.accounts.searchUsers(term, position ? String(position.k) : null, limit + 1), limit);
    const edges = page.items.map((user) => ({ cursor: encodeCursor({ k: user.handle.toLowerCase(), id: user.id }), node: user }));
    return connectionOf(edges, page.hasNextPage, () => ctx.accounts.countUsers(term));
  }

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  signUp(@Ctx() ctx: Context, @Arg('input') input: SignUpInput) {
    return ctx.accounts.signUp(input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email or handle. Attempts are rate-limited per account and per IP.' })
  logIn(@Ctx() ctx: Context, @Arg('input') input: LogInInput) {
    return ctx.accounts.logIn(input);
  }

  @Mutation(() => AuthPayload, { description: 'Changes the password; every token issued before stops working, and a new one is returned.' })
  changePassword(@Ctx() ctx: Context, @Arg('input') input: ChangePasswordInput) {
    return ctx.accounts.changePassword(input);
  }

  @Mutation(() => Boolean, { description: "Ends this session: the token stops working at once, and the session's live subscriptions end with UNAUTHENTICATED." })
  logOut(@Ctx() ctx: Context): Promise<boolean> {
    return ctx.accounts.logOut();
  }

  @Mutation(() => Boolean, { description: 'Ends every session of the viewer, this one included.' })
  logOutEverywhere(@Ctx() ctx: Context): Promise<boolean> {
    return ctx.accounts.logOutEverywhere();
  }

  @Mutation(() => Boolean, { description: "Ends one of the viewer's sessions (from `sessions`), such as a lost phone's." })
  revokeSession(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.accounts.revokeSession(id);
  }

  @Query(() => SessionConnection, { description: "The viewer's live sessions (signed-in devices), newest first." })
  sessions(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.accounts.sessions(first, after);
  }

  @Mutation(() => User)
  updateProfile(@Ctx() ctx: Context, @Arg('input') input: UpdateProfileInput) {
    return ctx.accounts.updateProfile(input);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Visible only to the user themself.' })
  email(@Root() user: UserRecord): string {
    // Private: the schema's guard (PRIVATE_FIELDS in src/server/visibility.ts) answers null to anyone but the user.
    return user.email;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether mutual follows see what this user bought (friendsWhoBought); on by default, changed with updateProfile. Visible only to the user themself (null for others).',
  })
  showPurchasesToFriends(@Root() user: UserRecord, @Ctx() ctx: Context): Promise<boolean | null> {
    return ctx.accounts.purchasePrivacyOf(user.id);
  }

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() user: UserRecord): Date {
    return new Date(user.createdAt);
  }

  @FieldResolver(() => [String], { description: 'Interest topics, such as beauty, fashion, food or travel.' })
  interests(@Root() user: UserRecord, @Ctx() ctx: Context): Promise<string[]> {
    return ctx.loaders.interestsByUserId.load(user.id);
  }
}
