import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { requireId, requireText } from '../common/validate';
import { UserConnection } from '../social/types';
import { SessionConnection, User, UserRecord } from './types';
import {
  UpdatePasswordInput,
  UpdatePasswordPayload,
  LogInInput,
  LogInPayload,
  CompleteTwoFactorLogInInput,
  CompleteTwoFactorLogInPayload,
  LogOutEverywherePayload,
  LogOutPayload,
  RevokeSessionInput,
  RevokeSessionPayload,
  SetUserRoleInput,
  SetUserRolePayload,
  SignUpInput,
  SignUpPayload,
  UpdateProfileInput,
  UpdateProfilePayload,
} from './payloads';
import type { PayloadResult } from '../common/user-errors';
import { accountLoaders } from './loaders';
import { AccountService } from './service';
import type { Scope } from './scope';

@Resolver(() => User)
export class AccountResolver {
  constructor(readonly accountsService: AccountService) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null when the request carries no valid token.' })
  me(@Ctx() ctx: Scope): Promise<UserRecord | null> {
    return ctx.viewer();
  }

  @Query(() => User, { nullable: true, description: 'A user by id; null when there is none.' })
  user(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The user\'s id.' }) id: string): Promise<UserRecord | null> {
    return accountLoaders(ctx).userById.load(requireId(id, 'id'));
  }

  @Query(() => User, { nullable: true, description: 'A user by handle, ignoring case; null when there is none.' })
  userByHandle(@Ctx() ctx: Scope, @Arg('handle', () => String, { description: 'The handle, with or without capitals (3 to 30 letters, digits or underscores).' }) handle: string): Promise<UserRecord | null> {
    return this.accountsService.userByHandle(ctx, handle);
  }

  @Query(() => UserConnection, { description: 'Users whose handle starts with, or whose display name contains, search; in handle order.' })
  async users(
    @Ctx() ctx: Scope,
    @Arg('search', () => String, { nullable: true, description: 'A handle prefix or part of a display name, 1 to 50 characters, case-insensitive; every user without it.' }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    const term = search == null ? null : requireText(search, 'search', { min: 1, max: 50 }).toLowerCase();
    const { limit, after: position } = pageRequest(first, after, { key: 'string' });
    const page = toPage(await this.accountsService.searchUsers(ctx, term, position?.k ?? null, limit + 1), limit);
    const edges = page.items.map((user) => ({ cursor: encodeCursor({ k: user.handle.toLowerCase(), id: user.id }), node: user }));
    return connectionOf(edges, page.hasNextPage, () => this.accountsService.countUsers(ctx, term));
  }

  @Mutation(() => SignUpPayload, { description: 'Creates an account and signs it in. A handle or email in use is refused with TAKEN.' })
  async signUp(@Ctx() ctx: Scope, @Arg('input', () => SignUpInput, { description: 'The new account.' }) input: SignUpInput): Promise<PayloadResult<SignUpPayload>> {
    return this.accountsService.signUp(ctx, input);
  }

  @Mutation(() => LogInPayload, {
    description: 'Signs in with email or handle. A wrong login or password is refused with INVALID_CREDENTIALS; attempts are rate-limited per account and per IP (a top-level RATE_LIMITED).',
  })
  async logIn(@Ctx() ctx: Scope, @Arg('input', () => LogInInput, { description: 'The credentials.' }) input: LogInInput): Promise<PayloadResult<LogInPayload>> {
    const signedIn = await this.accountsService.logIn(ctx, input);
    if ('challenge' in signedIn) return { token: null, expiresAt: null, user: null, twoFactorChallenge: signedIn.challenge, twoFactorChallengeExpiresAt: new Date(signedIn.expiresAt) };
    return { ...signedIn, twoFactorChallenge: null, twoFactorChallengeExpiresAt: null };
  }

  @Mutation(() => CompleteTwoFactorLogInPayload, {
    description:
      "logIn's second step for an account with two-factor sign-in on: the challenge logIn returned and a current code (or a recovery code) open the session. A wrong code is INVALID_CREDENTIALS (5 per challenge, then log in again); attempts are rate-limited like logins (a top-level RATE_LIMITED).",
  })
  async completeTwoFactorLogIn(
    @Ctx() ctx: Scope,
    @Arg('input', () => CompleteTwoFactorLogInInput, { description: 'The challenge and the code.' }) input: CompleteTwoFactorLogInInput,
  ): Promise<PayloadResult<CompleteTwoFactorLogInPayload>> {
    return this.accountsService.completeTwoFactorLogIn(ctx, input.challenge, input);
  }

  @Mutation(() => UpdatePasswordPayload, { description: 'Changes the password; every token issued before stops working, and a new one is returned.' })
  async updatePassword(
    @Ctx() ctx: Scope,
    @Arg('input', () => UpdatePasswordInput, { description: 'The current and the new password.' }) input: UpdatePasswordInput,
  ): Promise<PayloadResult<UpdatePasswordPayload>> {
    return this.accountsService.updatePassword(ctx, input);
  }

  @Mutation(() => LogOutPayload, { description: "Ends this session: the token stops working at once, and the session's live subscriptions end with UNAUTHENTICATED." })
  async logOut(@Ctx() ctx: Scope): Promise<PayloadResult<LogOutPayload>> {
    return { endedSessionId: await this.accountsService.logOut(ctx) };
  }

  @Mutation(() => LogOutEverywherePayload, { description: 'Ends every session of the viewer, this one included.' })
  async logOutEverywhere(@Ctx() ctx: Scope): Promise<PayloadResult<LogOutEverywherePayload>> {
    return { endedSessionCount: await this.accountsService.logOutEverywhere(ctx) };
  }

  @Mutation(() => RevokeSessionPayload, { description: "Ends one of the viewer's sessions (from `sessions`), such as a lost phone's; NOT_FOUND for anyone else's." })
  async revokeSession(
    @Ctx() ctx: Scope,
    @Arg('input', () => RevokeSessionInput, { description: 'The session to end.' }) input: RevokeSessionInput,
  ): Promise<PayloadResult<RevokeSessionPayload>> {
    return { revokedSessionId: await this.accountsService.revokeSession(ctx, input.sessionId) };
  }

  @Mutation(() => SetUserRolePayload, { description: 'Admins only: makes a user a MERCHANT, GROWTH staff, ADMIN or plain USER. Audited.' })
  async setUserRole(@Ctx() ctx: Scope, @Arg('input', () => SetUserRoleInput, { description: 'The user and the role.' }) input: SetUserRoleInput): Promise<PayloadResult<SetUserRolePayload>> {
    return { user: await this.accountsService.setRole(ctx, input.userId, input.role) };
  }

  @Query(() => SessionConnection, { description: "The viewer's live sessions (signed-in devices), newest first." })
  sessions(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.accountsService.sessions(ctx, first, after);
  }

  @Mutation(() => UpdateProfilePayload, { description: "Changes the viewer's profile; only the fields given change." })
  async updateProfile(
    @Ctx() ctx: Scope,
    @Arg('input', () => UpdateProfileInput, { description: 'The fields to change.' }) input: UpdateProfileInput,
  ): Promise<PayloadResult<UpdateProfilePayload>> {
    return { user: await this.accountsService.updateProfile(ctx, input) };
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
  showsPurchasesToFriends(@Root() user: UserRecord, @Ctx() ctx: Scope): Promise<boolean | null> {
    return this.accountsService.purchasePrivacyOf(ctx, user.id);
  }

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() user: UserRecord): Date {
    return new Date(user.createdAt);
  }

  @FieldResolver(() => [String], { description: 'Interest topics, such as beauty, fashion, food or travel.' })
  interests(@Root() user: UserRecord, @Ctx() ctx: Scope): Promise<string[]> {
    return accountLoaders(ctx).interestsByUserId.load(user.id);
  }
}
