import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { User, type UserRecord } from '../accounts/types';
import type { PayloadResult } from '../common/user-errors';
import type { Scope } from '../accounts/scope';
import { instanceOf } from '../request/scope';
import { CreateBadgeDefinitionInput, CreateBadgeDefinitionPayload, SetDisplayedBadgesInput, SetDisplayedBadgesPayload, UpdateBadgeDefinitionInput, UpdateBadgeDefinitionPayload } from './payloads';
import { MAX_DISPLAYED_BADGES } from './rules';
import { BADGE_DEFINITIONS_PAGE, BADGES_PAGE, BadgeService } from './service';
import { Badge, BadgeConnection, BadgeDefinitionConnection } from './types';

@Resolver()
export class BadgesResolver {
  constructor(readonly badgeService: BadgeService) {}

  @Mutation(() => SetDisplayedBadgesPayload, { description: `Picks the badges the viewer shows on their profile (User.displayedBadges): at most ${MAX_DISPLAYED_BADGES} they hold, in order; it replaces the earlier pick.` })
  async setDisplayedBadges(@Ctx() ctx: Scope, @Arg('input', () => SetDisplayedBadgesInput, { description: 'The badges to show.' }) input: SetDisplayedBadgesInput): Promise<PayloadResult<SetDisplayedBadgesPayload>> {
    return { displayedBadges: await this.badgeService.setDisplayed(ctx, input.badgeKeys) };
  }

  @Query(() => BadgeDefinitionConnection, { description: 'The badge rules, as data, by key: what each badge counts and the value that earns it (BADGE rewards\' own badges included). Anyone may read them.' })
  badgeDefinitions(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many rules. Default ${BADGE_DEFINITIONS_PAGE.default}, at most ${BADGE_DEFINITIONS_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.badgeService.definitions(ctx, first, after);
  }

  @Mutation(() => CreateBadgeDefinitionPayload, { description: 'Admins only: a new count badge rule, in force at once (audited); everyone whose count already reaches it earns the badge now, the others when they reach it.' })
  async createBadgeDefinition(@Ctx() ctx: Scope, @Arg('input', () => CreateBadgeDefinitionInput, { description: 'The rule.' }) input: CreateBadgeDefinitionInput): Promise<PayloadResult<CreateBadgeDefinitionPayload>> {
    return { badgeDefinition: await this.badgeService.createDefinition(ctx, input) };
  }

  @Mutation(() => UpdateBadgeDefinitionPayload, { description: "Admins only: changes a badge rule's name, description, icon or (count rules) threshold, audited. Badges already earned are kept." })
  async updateBadgeDefinition(@Ctx() ctx: Scope, @Arg('input', () => UpdateBadgeDefinitionInput, { description: 'The changes.' }) input: UpdateBadgeDefinitionInput): Promise<PayloadResult<UpdateBadgeDefinitionPayload>> {
    return { badgeDefinition: await this.badgeService.updateDefinition(ctx, input) };
  }

  @Subscription(() => Badge, {
    description: "Each badge the viewer earns, as it is awarded (a count reached, a period won, a reward redeemed); only its owner hears it. Needs a token in connectionParams.authorization; ends with the viewer's session.",
    subscribe: ({ context }) => instanceOf(context as Scope, BadgesResolver).badgeService.awarded(context as Scope),
  })
  async badgeAwarded(@Root() event: { awardId: string }, @Ctx() ctx: Scope): Promise<Badge> {
    const badge = await this.badgeService.badge(ctx, event.awardId);
    if (!badge) throw new Error(`badgeAwarded: award ${event.awardId} not found`);
    return badge;
  }
}

@Resolver(() => User)
export class UserBadgesResolver {
  constructor(readonly badgeService: BadgeService) {}

  @FieldResolver(() => BadgeConnection, { description: 'The badges the user earned, newest first (a period badge once per period won). Public.' })
  badges(
    @Root() user: UserRecord,
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many badges. Default ${BADGES_PAGE.default}, at most ${BADGES_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.badgeService.badgesOf(ctx, user.id, first, after);
  }

  @FieldResolver(() => [Badge], { description: `The badges the user picked to show on their profile (setDisplayedBadges), in their order: at most ${MAX_DISPLAYED_BADGES}, empty until they pick. Public.` })
  displayedBadges(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return this.badgeService.displayedOf(ctx, user.id);
  }
}
