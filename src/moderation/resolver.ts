import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import type { AppealRecord } from './repository';
import type { CaseRecord } from './types';
import { Appeal, AppealDecision, AuditLogEntry, ModerateInput, ModerationAction, ModerationCase, ReportReason, ReportTargetInput } from './types';
import { ModerationService } from './service';
import type { Scope } from '../accounts/scope';

export const ModerationCaseConnection = Connection(ModerationCase, 'ModerationCase');

@Resolver(() => ModerationCase)
export class ModerationResolver {
  constructor(readonly moderationService: ModerationService) {}

  @Mutation(() => Boolean, {
    description:
      "Reports a note, comment, user or group; true once received. Reports about one target in one group share a case, which goes to that group's moderators (a user report without groupId, or a group report, goes to platform staff); the reporter does not see the case.",
  })
  report(
    @Ctx() ctx: Scope,
    @Arg('target') target: ReportTargetInput,
    @Arg('reason', () => ReportReason) reason: ReportReason,
    @Arg('details', () => String, { nullable: true, description: 'At most 1,000 characters.' }) details?: string | null,
    @Arg('groupId', () => ID, { nullable: true, description: "For a user report only: the group it is about, so that group's moderators see it (without it, platform staff do)." }) groupId?: string | null,
  ) {
    return this.moderationService.report(ctx, target, reason, details, groupId);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description:
      "Sensitive words that held the content: admins only (the list is theirs), null for everyone else. A group's moderators see that the word filter held it from kind PREMODERATION.",
  })
  matched(@Ctx() ctx: Scope, @Root() c: CaseRecord) {
    return this.moderationService.matchedWordsOf(ctx, c);
  }

  @Query(() => ModerationCaseConnection, {
    description: "Open cases, most reported and oldest first: a group's (for its moderators) or, without groupId, the global queue (platform admins).",
  })
  moderationQueue(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID, { nullable: true }) groupId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return this.moderationService.queue(ctx, groupId, first, after);
  }

  @Mutation(() => ModerationAction, { description: 'Acts on a case: hide, remove, restore, mute, ban or dismiss. Audited; the author is notified and may appeal once.' })
  moderate(@Ctx() ctx: Scope, @Arg('input') input: ModerateInput) {
    return this.moderationService.moderate(ctx, input);
  }

  @Mutation(() => Appeal, { description: 'The affected user appeals a moderation action; once per action.' })
  appeal(@Ctx() ctx: Scope, @Arg('actionId', () => ID) actionId: string, @Arg('text') text: string) {
    return this.moderationService.appeal(ctx, actionId, text);
  }

  @Mutation(() => Appeal, { description: "Moderators of the action's group (or admins) uphold or reverse it; reversing undoes the action." })
  resolveAppeal(@Ctx() ctx: Scope, @Arg('appealId', () => ID) appealId: string, @Arg('decision', () => AppealDecision) decision: AppealDecision, @Arg('reason') reason: string) {
    return this.moderationService.resolveAppeal(ctx, appealId, decision, reason);
  }

  @Query(() => [Appeal])
  openAppeals(@Ctx() ctx: Scope, @Arg('groupId', () => ID, { nullable: true }) groupId?: string | null) {
    return this.moderationService.openAppeals(ctx, groupId);
  }

  @Query(() => [AuditLogEntry], { description: "A group's moderation log (its moderators), or the platform's (admins)." })
  async moderationLog(@Ctx() ctx: Scope, @Arg('groupId', () => ID, { nullable: true }) groupId?: string | null, @Arg('first', () => Int, { defaultValue: 50 }) first?: number) {
    return (await this.moderationService.auditLog(ctx, groupId, first ?? 50)).map((e) => ({ ...e, at: new Date(e.at) }));
  }

  @Query(() => [String], { description: 'Admins: the sensitive-word list pre-moderation checks.' })
  async sensitiveWords(@Ctx() ctx: Scope) {
    const viewer = await ctx.requireViewer();
    if (viewer.role !== 'ADMIN') return [];
    return this.moderationService.sensitiveWords(ctx);
  }

  @Mutation(() => [String], { description: 'Admins replace the sensitive-word list (for example absolute claims such as 最好, 第一, 100%有效).' })
  setSensitiveWords(@Ctx() ctx: Scope, @Arg('words', () => [String]) words: string[]) {
    return this.moderationService.setSensitiveWords(ctx, words);
  }
}

@Resolver(() => Appeal)
export class AppealResolver {
  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() a: AppealRecord) {
    return new Date(a.createdAt);
  }
}
