import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import type { AppealRecord } from './repository';
import type { CaseRecord } from './types';
import { Appeal, AuditLogEntry, ModerateInput, ModerationCase } from './types';
import type { PayloadResult } from '../common/user-errors';
import {
  AppealInput,
  AppealPayload,
  ModeratePayload,
  ReportInput,
  ReportPayload,
  ResolveAppealInput,
  ResolveAppealPayload,
  SetSensitiveWordsInput,
  SetSensitiveWordsPayload,
} from './payloads';
import { ModerationService } from './service';
import type { Scope } from '../accounts/scope';

export const ModerationCaseConnection = Connection(ModerationCase, 'ModerationCase');

@Resolver(() => ModerationCase)
export class ModerationResolver {
  constructor(readonly moderationService: ModerationService) {}

  @Mutation(() => ReportPayload, {
    description:
      "Reports a note, comment, user or group; received is true once it arrived. Reports about one target in one group share a case, which goes to that group's moderators (a user report without groupId, or a group report, goes to platform staff); the reporter does not see the case.",
  })
  async report(@Ctx() ctx: Scope, @Arg('input', () => ReportInput, { description: 'The report.' }) input: ReportInput): Promise<PayloadResult<ReportPayload>> {
    return { received: await this.moderationService.report(ctx, input) };
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

  @Mutation(() => ModeratePayload, {
    description: 'Acts on a case: hide, remove, restore, mute, ban or dismiss. Audited; the author is notified and may appeal once. A case already decided answers ALREADY_DECIDED.',
  })
  async moderate(@Ctx() ctx: Scope, @Arg('input', () => ModerateInput, { description: 'The case and the action.' }) input: ModerateInput): Promise<PayloadResult<ModeratePayload>> {
    return { moderationAction: await this.moderationService.moderate(ctx, input) };
  }

  @Mutation(() => AppealPayload, { description: 'The affected user appeals a moderation action; once per action (ALREADY_APPEALED).' })
  async appeal(@Ctx() ctx: Scope, @Arg('input', () => AppealInput, { description: 'The appeal.' }) input: AppealInput): Promise<PayloadResult<AppealPayload>> {
    return { appeal: await this.moderationService.appeal(ctx, input) };
  }

  @Mutation(() => ResolveAppealPayload, {
    description: "Moderators of the action's group (or admins) uphold or reverse it; reversing undoes the action. An appeal already decided answers ALREADY_DECIDED.",
  })
  async resolveAppeal(@Ctx() ctx: Scope, @Arg('input', () => ResolveAppealInput, { description: 'The decision.' }) input: ResolveAppealInput): Promise<PayloadResult<ResolveAppealPayload>> {
    return { appeal: await this.moderationService.resolveAppeal(ctx, input.appealId, input.decision, input.reason) };
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

  @Mutation(() => SetSensitiveWordsPayload, { description: 'Admins replace the sensitive-word list (for example absolute claims such as 最好, 第一, 100%有效).' })
  async setSensitiveWords(@Ctx() ctx: Scope, @Arg('input', () => SetSensitiveWordsInput, { description: 'The new list.' }) input: SetSensitiveWordsInput): Promise<PayloadResult<SetSensitiveWordsPayload>> {
    return { words: await this.moderationService.setSensitiveWords(ctx, input.words) };
  }
}

@Resolver(() => Appeal)
export class AppealResolver {
  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() a: AppealRecord) {
    return new Date(a.createdAt);
  }
}
