import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import type { AppealRecord } from './repository';
import type { ActionRecord, AuditRecord, CaseRecord } from './types';
import { Appeal, AppealConnection, AuditLogEntry, AuditLogEntryConnection, ModerateInput, ModerationAction, ModerationCase, TargetType } from './types';
import { User, type UserRecord } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { Group, type GroupRecord } from '../groups/types';
import { ContentService } from '../content/service';
import { GroupService } from '../groups/service';
import { AuditLogSubject, ModerationTarget, tagged, visibleSubject, type SubjectLookups } from './subjects';
import type { PayloadResult } from '../common/user-errors';
import {
  AppealInput,
  AppealPayload,
  ModeratePayload,
  ReportInput,
  ReportPayload,
  DecideAppealInput,
  DecideAppealPayload,
  SetSensitiveWordsInput,
  SetSensitiveWordsPayload,
} from './payloads';
import { ModerationService } from './service';
import type { Scope } from '../accounts/scope';

export const ModerationCaseConnection = Connection(ModerationCase, 'ModerationCase', 'moderation cases');

@Resolver(() => ModerationCase)
export class ModerationResolver {
  constructor(
    readonly moderationService: ModerationService,
    readonly contentService: ContentService,
    readonly groupsService: GroupService,
  ) {}

  private get lookups(): SubjectLookups {
    return { content: this.contentService, groups: this.groupsService };
  }

  @FieldResolver(() => ModerationTarget, {
    nullable: true,
    description: 'What was reported or held, by the rule of its own lookup: null when the viewer may not see it (content held by pre-moderation is seen by its author only).',
  })
  target(@Ctx() ctx: Scope, @Root() c: CaseRecord) {
    return visibleSubject(ctx, this.lookups, c.targetType, c.targetId);
  }

  @FieldResolver(() => Group, { nullable: true, description: "The group whose moderators handle the case; null for the platform's queue." })
  group(@Ctx() ctx: Scope, @Root() c: CaseRecord): Promise<GroupRecord | null> | null {
    return c.groupId ? this.groupsService.group(ctx, c.groupId) : null;
  }

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
    @Arg('groupId', () => ID, { nullable: true, description: "The group whose queue to read; without it, the platform's (admins only)." }) groupId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page (the queue pages by position, up to 1,000 cases deep).' }) after?: string | null,
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

  @Mutation(() => DecideAppealPayload, {
    description: "Moderators of the action's group (or admins) uphold or reverse it; reversing undoes the action. An appeal already decided answers ALREADY_DECIDED.",
  })
  async decideAppeal(@Ctx() ctx: Scope, @Arg('input', () => DecideAppealInput, { description: 'The decision.' }) input: DecideAppealInput): Promise<PayloadResult<DecideAppealPayload>> {
    return { appeal: await this.moderationService.resolveAppeal(ctx, input.appealId, input.decision, input.reason) };
  }

  @Query(() => AppealConnection, {
    description: "Open appeals, oldest first: a group's (for its moderators and above) or, without groupId, every one (platform admins).",
  })
  openAppeals(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID, { nullable: true, description: "The group whose appeals to list; without it, the platform's (admins only)." }) groupId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.moderationService.openAppeals(ctx, groupId, first, after);
  }

  @Query(() => AuditLogEntryConnection, { description: "A group's moderation log (its moderators), or the platform's (admins), newest first." })
  moderationLog(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID, { nullable: true, description: "The group whose log to read; without it, the platform's (admins only)." }) groupId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.moderationService.auditLog(ctx, groupId, first, after);
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
  constructor(readonly moderationService: ModerationService) {}

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() a: AppealRecord) {
    return new Date(a.createdAt);
  }

  @FieldResolver(() => ModerationAction, { nullable: true, description: 'The moderation action appealed.' })
  action(@Ctx() ctx: Scope, @Root() a: AppealRecord): Promise<ActionRecord | null> {
    return this.moderationService.actionById(ctx, a.actionId);
  }
}

@Resolver(() => ModerationAction)
export class ModerationActionResolver {
  constructor(
    readonly moderationService: ModerationService,
    readonly contentService: ContentService,
    readonly groupsService: GroupService,
  ) {}

  @FieldResolver(() => ModerationTarget, {
    nullable: true,
    description: 'What was acted on, by the rule of its own lookup: null when the viewer may not see it (a note this action hid is seen by its author only).',
  })
  target(@Ctx() ctx: Scope, @Root() a: ActionRecord) {
    return visibleSubject(ctx, { content: this.contentService, groups: this.groupsService }, a.targetType, a.targetId);
  }

  @FieldResolver(() => Group, { nullable: true, description: 'The group the action was taken in, while the viewer may see it; null for a platform action.' })
  group(@Ctx() ctx: Scope, @Root() a: ActionRecord): Promise<GroupRecord | null> | null {
    return a.groupId ? this.groupsService.group(ctx, a.groupId) : null;
  }

  @FieldResolver(() => String, {
    description: "The moderator's explanation, free text of at most 1,000 characters (ModerateInput.reason); shown to the affected user and kept in the audit log.",
  })
  explanation(@Root() a: ActionRecord): string {
    return a.reason;
  }

  @FieldResolver(() => Boolean, { description: 'True once an appeal reversed it.' })
  isReversed(@Root() a: ActionRecord): boolean {
    return a.reversed;
  }

  @FieldResolver(() => Appeal, { nullable: true, description: "The affected user's appeal of the action; null when there is none." })
  appeal(@Ctx() ctx: Scope, @Root() a: ActionRecord): Promise<AppealRecord | null> | null {
    return a.appealId ? this.moderationService.appealById(ctx, a.appealId) : null;
  }
}

@Resolver(() => AuditLogEntry)
export class AuditLogEntryResolver {
  constructor(
    readonly moderationService: ModerationService,
    readonly contentService: ContentService,
    readonly groupsService: GroupService,
  ) {}

  @FieldResolver(() => AuditLogSubject, {
    nullable: true,
    description: 'What the entry is about, by the rule of its own lookup: null when the viewer may not see it, or for a subject of another kind (see `subjectId`).',
  })
  async subject(@Ctx() ctx: Scope, @Root() e: AuditRecord) {
    if (e.subjectType === 'ACTION') return tagged('ModerationAction', await this.moderationService.actionById(ctx, e.subjectId));
    if (e.subjectType === null || !Object.values(TargetType).includes(e.subjectType)) return null;
    return visibleSubject(ctx, { content: this.contentService, groups: this.groupsService }, e.subjectType, e.subjectId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who acted; null for the command-line admin tool (`actorId` is `operator`).' })
  actor(@Ctx() ctx: Scope, @Root() e: AuditRecord): Promise<UserRecord | null> {
    return accountLoaders(ctx).userById.load(e.actorId);
  }
}
