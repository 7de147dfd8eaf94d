import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import type { Context } from '../server/context';
import type { AppealRecord } from './repository';
import type { CaseRecord } from './types';
import { Appeal, AppealDecision, AuditLogEntry, ModerateInput, ModerationAction, ModerationCase, ReportReason, ReportTargetInput } from './types';

export const ModerationCaseConnection = Connection(ModerationCase, 'ModerationCase');

@Resolver(() => ModerationCase)
export class ModerationResolver {
  @Mutation(() => Boolean, {
    description:
      "Reports a note, comment, user or group; true once received. Reports about one target in one group share a case, which goes to that group's moderators (a user report without groupId, or a group report, goes to platform staff); the reporter does not see the case.",
  })
  report(
    @Ctx() ctx: Context,
    @Arg('target') target: ReportTargetInput,
    @Arg('reason', () => ReportReason) reason: ReportReason,
    @Arg('details', () => String, { nullable: true, description: 'At most 1,000 characters.' }) details?: string | null,
    @Arg('groupId', () => ID, { nullable: true, description: "For a user report only: the group it is about, so that group's moderators see it (without it, platform staff do)." }) groupId?: string | null,
  ) {
    return ctx.moderation.report(target, reason, details, groupId);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description:
      "Sensitive words that held the content: admins only (the list is theirs), null for everyone else. A group's moderators see that the word filter held it from kind PREMODERATION.",
  })
  matched(@Ctx() ctx: Context, @Root() c: CaseRecord) {
    return ctx.moderation.matchedWordsOf(c);
  }

  @Query(() => ModerationCaseConnection, {
    description: "Open cases, most reported and oldest first: a group's (for its moderators) or, without groupId, the global queue (platform admins).",
  })
  moderationQueue(
    @Ctx() ctx: Context,
    @Arg('groupId', () => ID, { nullable: true }) groupId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.moderation.queue(groupId, first, after);
  }

  @Mutation(() => ModerationAction, { description: 'Acts on a case: hide, remove, restore, mute, ban or dismiss. Audited; the author is notified and may appeal once.' })
  moderate(@Ctx() ctx: Context, @Arg('input') input: ModerateInput) {
    return ctx.moderation.moderate(input);
  }

  @Mutation(() => Appeal, { description: 'The affected user appeals a moderation action; once per action.' })
  appeal(@Ctx() ctx: Context, @Arg('actionId', () => ID) actionId: string, @Arg('text') text: string) {
    return ctx.moderation.appeal(actionId, text);
  }

  @Mutation(() => Appeal, { description: "Moderators of the action's group (or admins) uphold or reverse it; reversing undoes the action." })
  resolveAppeal(@Ctx() ctx: Context, @Arg('appealId', () => ID) appealId: string, @Arg('decision', () => AppealDecision) decision: AppealDecision, @Arg('reason') reason: string) {
    return ctx.moderation.resolveAppeal(appealId, decision, reason);
  }

  @Query(() => [Appeal])
  openAppeals(@Ctx() ctx: Context, @Arg('groupId', () => ID, { nullable: true }) groupId?: string | null) {
    return ctx.moderation.openAppeals(groupId);
  }

  @Query(() => [AuditLogEntry], { description: "A group's moderation log (its moderators), or the platform's (admins)." })
  async moderationLog(@Ctx() ctx: Context, @Arg('groupId', () => ID, { nullable: true }) groupId?: string | null, @Arg('first', () => Int, { defaultValue: 50 }) first?: number) {
    return (await ctx.moderation.auditLog(groupId, first ?? 50)).map((e) => ({ ...e, at: new Date(e.at) }));
  }

  @Query(() => [String], { description: 'Admins: the sensitive-word list pre-moderation checks.' })
  async sensitiveWords(@Ctx() ctx: Context) {
    const viewer = await ctx.requireViewer();
    if (viewer.role !== 'ADMIN') return [];
    return ctx.moderation.sensitiveWords();
  }

  @Mutation(() => [String], { description: 'Admins replace the sensitive-word list (for example absolute claims such as 最好, 第一, 100%有效).' })
  setSensitiveWords(@Ctx() ctx: Context, @Arg('words', () => [String]) words: string[]) {
    return ctx.moderation.setSensitiveWords(words);
  }
}

@Resolver(() => Appeal)
export class AppealResolver {
  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() a: AppealRecord) {
    return new Date(a.createdAt);
  }
}
