import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { ModerationActionKind } from './rules';

export enum ReportReason {
  SPAM = 'SPAM',
  FALSE_ADVERTISING = 'FALSE_ADVERTISING',
  VULGAR = 'VULGAR',
  VIOLENCE = 'VIOLENCE',
  FRAUD = 'FRAUD',
  IP_INFRINGEMENT = 'IP_INFRINGEMENT',
  HARASSMENT = 'HARASSMENT',
  OTHER = 'OTHER',
}
registerEnumType(ReportReason, { name: 'ReportReason' });
registerEnumType(ModerationActionKind, {
  name: 'ModerationActionKind',
  description: 'HIDE, REMOVE or RESTORE a note or comment; MUTE or BAN a user in a group; DISMISS the reports.',
});

export enum TargetType {
  NOTE = 'NOTE',
  COMMENT = 'COMMENT',
  USER = 'USER',
  GROUP = 'GROUP',
}
registerEnumType(TargetType, { name: 'ModerationTargetType' });

export enum AppealDecision {
  UPHOLD = 'UPHOLD',
  REVERSE = 'REVERSE',
}
registerEnumType(AppealDecision, { name: 'AppealDecision' });

export enum ModerationCaseKind {
  REPORT = 'REPORT',
  PREMODERATION = 'PREMODERATION',
}
registerEnumType(ModerationCaseKind, {
  name: 'ModerationCaseKind',
  description: 'Why a case is in a queue.',
  valuesConfig: { REPORT: { description: 'Users reported its target.' }, PREMODERATION: { description: "Pre-moderation held the content (the group's word filter)." } },
});

export enum ModerationCaseStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(ModerationCaseStatus, {
  name: 'ModerationCaseStatus',
  description: 'Where a case stands.',
  valuesConfig: {
    OPEN: { description: 'Waiting for a moderator.' },
    RESOLVED: { description: 'A moderator acted on it.' },
    DISMISSED: { description: 'A moderator dismissed its reports.' },
  },
});

export enum AppealStatus {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  REVERSED = 'REVERSED',
}
registerEnumType(AppealStatus, {
  name: 'AppealStatus',
  description: 'Where an appeal stands.',
  valuesConfig: {
    OPEN: { description: 'Waiting for a moderator of the action.' },
    UPHELD: { description: 'The action stands.' },
    REVERSED: { description: 'The action was undone.' },
  },
});

export interface CaseRecord {
  id: string;
  kind: ModerationCaseKind;
  targetType: TargetType;
  targetId: string;
  groupId: string | null;
  status: ModerationCaseStatus;
  reportCount: number;
  firstReportedAt: number;
  lastReportedAt: number;
  authorId: string | null;
  matched: string[] | null;
  reasons: string[];
}

export interface ActionRecord {
  id: string;
  action: ModerationActionKind;
  targetType: TargetType;
  targetId: string;
  groupId: string | null;
  actorId: string;
  reason: string;
  at: number;
  subjectUserId: string | null;
  until: number | null;
  reversed: boolean;
  appealId: string | null;
}

@InputType({ description: 'What is reported: exactly one of a note, a comment, a user or a group.' })
export class ReportTargetInput {
  @Field(() => ID, { nullable: true })
  noteId?: string | null;

  @Field(() => ID, { nullable: true })
  commentId?: string | null;

  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => ID, { nullable: true })
  groupId?: string | null;
}

@InputType()
export class ModerateInput {
  @Field(() => ID, { description: 'The case in a queue.' })
  caseId!: string;

  @Field(() => ModerationActionKind)
  action!: ModerationActionKind;

  @Field({ description: 'Why; shown to the author and kept in the audit log.' })
  @MaxLength(1000)
  reason!: string;

  @Field(() => Int, { nullable: true, description: 'For MUTE: minutes, 1 to 43200.' })
  durationMinutes?: number | null;
}

@ObjectType({ description: 'Reports about one target, queued for moderators (or content held by pre-moderation).' })
export class ModerationCase {
  @Field(() => ID)
  id!: string;

  @Field(() => ModerationCaseKind, { description: 'Reported by users, or held by pre-moderation.' })
  kind!: ModerationCaseKind;

  @Field(() => TargetType)
  targetType!: TargetType;

  @Field(() => ID)
  targetId!: string;

  @Field(() => ID, { nullable: true })
  groupId!: string | null;

  @Field(() => ModerationCaseStatus, { description: 'Open in the queue, or decided.' })
  status!: ModerationCaseStatus;

  @Field(() => Int)
  reportCount!: number;

  @Field(() => [String], { description: 'Report reasons given.' })
  reasons!: string[];

  /** Resolved by ModerationResolver.matched: the words are the admin-only list, so only admins see them. */
  matched!: string[] | null;
}

@ObjectType({ description: 'A moderation action; the affected user may appeal it once.' })
export class ModerationAction {
  @Field(() => ID)
  id!: string;

  @Field(() => ModerationActionKind)
  action!: ModerationActionKind;

  @Field(() => TargetType)
  targetType!: TargetType;

  @Field(() => ID)
  targetId!: string;

  @Field(() => ID, { nullable: true })
  groupId!: string | null;

  @Field()
  reason!: string;

  @Field({ description: 'True once an appeal reversed it.' })
  reversed!: boolean;

  @Field(() => ID, { nullable: true })
  appealId!: string | null;
}

@ObjectType()
export class Appeal {
  @Field(() => ID)
  id!: string;

  @Field()
  text!: string;

  @Field(() => AppealStatus, { description: 'Open, or decided.' })
  status!: AppealStatus;

  @Field(() => ID)
  actionId!: string;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;
}

@ObjectType()
export class AuditLogEntry {
  @Field(() => ID)
  id!: string;

  @Field()
  action!: string;

  @Field(() => ID)
  actorId!: string;

  @Field(() => DateTimeISOResolver)
  at!: Date;

  @Field()
  subjectId!: string;

  @Field(() => String, { nullable: true })
  details!: string | null;
}
