import { Node } from '../common/node';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Lazy, PageInfo } from '../common/connection';
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
registerEnumType(ReportReason, {
  name: 'ReportReason',
  description: 'Why something is reported; the moderators handling the case see every reason given.',
  valuesConfig: {
    SPAM: { description: 'Spam or unsolicited advertising.' },
    FALSE_ADVERTISING: { description: 'False or exaggerated claims about a product.' },
    VULGAR: { description: 'Vulgar or sexual content.' },
    VIOLENCE: { description: 'Violence or threats.' },
    FRAUD: { description: 'A scam or fraud.' },
    IP_INFRINGEMENT: { description: "Someone else's copyright or trademark." },
    HARASSMENT: { description: 'Harassment of a person.' },
    OTHER: { description: 'Anything else; say what in details.' },
  },
});
registerEnumType(ModerationActionKind, {
  name: 'ModerationActionKind',
  description: 'HIDE, REMOVE or RESTORE a note or comment; MUTE or BAN a user in a group; DISMISS the reports.',
  valuesConfig: {
    HIDE: { description: 'Hides the note, comment or review from everyone but its author; reversible on appeal. A review leaves its product\'s rating while hidden.' },
    REMOVE: { description: 'Removes the note, comment or review for everyone but its author; reversible on appeal. A review leaves its product\'s rating while removed.' },
    RESTORE: { description: 'Makes hidden, removed or held content visible again (approves content held by pre-moderation).' },
    MUTE: { description: 'Mutes the user in the group for durationMinutes; they cannot post until then.' },
    BAN: { description: 'Bans the user from the group; they are removed and cannot rejoin.' },
    DISMISS: { description: "Dismisses the case's reports; nothing changes for the target." },
  },
});

export enum TargetType {
  NOTE = 'NOTE',
  COMMENT = 'COMMENT',
  USER = 'USER',
  GROUP = 'GROUP',
  REVIEW = 'REVIEW',
}
registerEnumType(TargetType, { name: 'ModerationTargetType' });

export enum AppealDecision {
  UPHOLD = 'UPHOLD',
  REVERSE = 'REVERSE',
}
registerEnumType(AppealDecision, {
  name: 'AppealDecision',
  description: "A moderator's decision on an appeal.",
  valuesConfig: {
    UPHOLD: { description: 'The action stands (the appeal becomes UPHELD).' },
    REVERSE: { description: 'The action is undone: content restored, mute or ban lifted (the appeal becomes REVERSED).' },
  },
});

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

/** An audit entry as the moderation log reads it; subjectType says what subjectId names, when the log knows. */
export enum AuditAction {
  MODERATION_HIDE = 'MODERATION_HIDE',
  MODERATION_REMOVE = 'MODERATION_REMOVE',
  MODERATION_RESTORE = 'MODERATION_RESTORE',
  MODERATION_MUTE = 'MODERATION_MUTE',
  MODERATION_BAN = 'MODERATION_BAN',
  MODERATION_DISMISS = 'MODERATION_DISMISS',
  APPEAL_UPHELD = 'APPEAL_UPHELD',
  APPEAL_REVERSED = 'APPEAL_REVERSED',
  SET_ROLE = 'SET_ROLE',
  SET_SENSITIVE_WORDS = 'SET_SENSITIVE_WORDS',
  SET_COMMISSION_RATES = 'SET_COMMISSION_RATES',
  REVIEW_FRAUD_FLAG = 'REVIEW_FRAUD_FLAG',
}
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What an audit log entry records. A group\'s log holds only the MODERATION_ and APPEAL_ entries of the group; the platform\'s log holds all.',
  valuesConfig: {
    MODERATION_HIDE: { description: 'A moderator hid a note or comment (subject: the content).' },
    MODERATION_REMOVE: { description: 'A moderator removed a note or comment (subject: the content).' },
    MODERATION_RESTORE: { description: 'A moderator restored a note or comment, or approved one held by pre-moderation (subject: the content).' },
    MODERATION_MUTE: { description: 'A moderator muted a user in a group (subject: the user).' },
    MODERATION_BAN: { description: 'A moderator banned a user from a group (subject: the user).' },
    MODERATION_DISMISS: { description: "A moderator dismissed a case's reports (subject: the case's target)." },
    APPEAL_UPHELD: { description: 'A moderator upheld an appealed action (subject: the action).' },
    APPEAL_REVERSED: { description: 'A moderator reversed an appealed action, undoing it (subject: the action).' },
    SET_ROLE: { description: "An admin (or the command-line tool, actor `operator`) changed a user's role (subject: the user; details: the new role)." },
    SET_SENSITIVE_WORDS: { description: 'An admin replaced the sensitive-word list (details: the new list as JSON).' },
    SET_COMMISSION_RATES: { description: 'An admin set a new version of commission rates (subjectId: the rate set).' },
    REVIEW_FRAUD_FLAG: { description: 'An admin approved or rejected a fraud flag (subjectId: the flag; details: the decision).' },
  },
});

export interface AuditRecord {
  id: string;
  action: AuditAction;
  actorId: string;
  at: number;
  subjectId: string;
  subjectType: TargetType | 'ACTION' | null;
  details: string | null;
  groupId: string | null;
}

@InputType({ description: 'What is reported: exactly one of a note, a comment, a user, a group or a review.' })
export class ReportTargetInput {
  @Field(() => ID, { nullable: true, description: 'The note reported (give only one of the four ids).' })
  noteId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The comment reported (give only one of the four ids).' })
  commentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The user reported (give only one of the four ids).' })
  userId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The group reported (give only one of the four ids).' })
  groupId?: string | null;

  @Field(() => ID, { nullable: true, description: "A product review reported (give only one id); its case goes to the platform's queue." })
  reviewId?: string | null;
}

@InputType({ description: "A moderator's decision on a case in their queue (platform moderators, or the group's for a group case)." })
export class ModerateInput {
  @Field(() => ID, { description: 'The case in a queue.' })
  caseId!: string;

  @Field(() => ModerationActionKind, { description: 'What to do with the case\'s target.' })
  action!: ModerationActionKind;

  @Field({ description: 'Why; shown to the author and kept in the audit log.' })
  @MaxLength(1000)
  reason!: string;

  @Field(() => Int, { nullable: true, description: 'For MUTE: minutes, 1 to 43200.' })
  durationMinutes?: number | null;
}

@ObjectType({ implements: Node, description: 'Reports about one target, queued for moderators (or content held by pre-moderation).' })
export class ModerationCase {
  @Field(() => ID, { description: 'The case id, for moderate.' })
  id!: string;

  @Field(() => ModerationCaseKind, { description: 'Reported by users, or held by pre-moderation.' })
  kind!: ModerationCaseKind;

  @Field(() => ID, { description: 'The id of the note, comment, user or group reported (or held), also when `target` is null for the viewer.' })
  targetId!: string;

  @Field(() => ID, { nullable: true, description: "The id of the group whose moderators handle the case; null for the platform's queue." })
  groupId!: string | null;

  @Field(() => ModerationCaseStatus, { description: 'Open in the queue, or decided.' })
  status!: ModerationCaseStatus;

  @Field(() => Int, { description: 'How many reports the case gathered (0 for content held by pre-moderation).' })
  reportCount!: number;

  @Field(() => [String], { description: 'Report reasons given.' })
  reasons!: string[];

  /** Resolved by ModerationResolver.matched: the words are the admin-only list, so only admins see them. */
  matched!: string[] | null;
}

@ObjectType({ implements: Node, description: 'A moderation action; the affected user may appeal it once.' })
export class ModerationAction {
  @Field(() => ID, { description: 'The action id, for appeal.' })
  id!: string;

  @Field(() => ModerationActionKind, { description: 'What was done to the target.' })
  action!: ModerationActionKind;

  @Field(() => ID, { description: 'The id of the note, comment, user or group acted on, also when `target` is null for the viewer.' })
  targetId!: string;

  @Field(() => ID, { nullable: true, description: 'The id of the group the action was taken in; null for a platform action.' })
  groupId!: string | null;

  /** explanation and isReversed: resolved by ModerationActionResolver from the stored reason and reversed. */

  @Field(() => ID, { nullable: true, description: "The id of the affected user's appeal of it, if they appealed; see `appeal`." })
  appealId!: string | null;
}

@ObjectType({ implements: Node, description: "An affected user's appeal of a moderation action (one per action), decided by a moderator." })
export class Appeal {
  @Field(() => ID, { description: 'The appeal id, for decideAppeal.' })
  id!: string;

  @Field({ description: 'Why the user thinks the action was wrong, as they wrote it.' })
  text!: string;

  @Field(() => AppealStatus, { description: 'Open, or decided.' })
  status!: AppealStatus;

  @Field(() => ID, { description: 'The id of the moderation action appealed; see `action`.' })
  actionId!: string;

  @Field(() => DateTimeISOResolver, { description: 'When the user appealed.' })
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: "One entry of a moderation log (a group's, for its moderators; the platform's, for admins): who did what to what, and when." })
export class AuditLogEntry {
  @Field(() => ID, { description: 'The entry id.' })
  id!: string;

  @Field(() => AuditAction, { description: 'What was done.' })
  action!: AuditAction;

  @Field(() => ID, { description: 'The id of the user who acted (`operator` for the command-line admin tool); see `actor`.' })
  actorId!: string;

  @Field(() => DateTimeISOResolver, { description: 'When it was done.' })
  createdAt!: Date;

  @Field({ description: 'The id of what the entry is about, also when `subject` is null (the sensitive-word list is `sensitive-words`).' })
  subjectId!: string;

  @Field(() => String, { nullable: true, description: 'Free text the action recorded, such as the reason given; null when there is none.' })
  details!: string | null;
}

@ObjectType({ description: 'An open appeal in a page of them.' })
export class AppealEdge {
  @Field(() => String, { description: 'Where this appeal is in the list, for `after`.' })
  cursor!: string;

  @Field(() => Appeal, { description: 'The appeal.' })
  node!: Appeal;
}

@ObjectType({ description: 'A page of open appeals, oldest first.' })
export class AppealConnection {
  @Field(() => [AppealEdge], { description: 'The appeals of this page, with cursors.' })
  edges!: AppealEdge[];

  @Field(() => [Appeal], { description: 'The nodes of edges, for clients that need no cursors.' })
  nodes!: Appeal[];

  @Field(() => PageInfo, { description: 'Whether more appeals follow, and the cursors of this page.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many appeals are open in all, not just this page.' })
  totalCount!: Lazy<number>;
}

@ObjectType({ description: 'An entry of a moderation log in a page of them.' })
export class AuditLogEntryEdge {
  @Field(() => String, { description: 'Where this entry is in the log, for `after`.' })
  cursor!: string;

  @Field(() => AuditLogEntry, { description: 'The entry.' })
  node!: AuditLogEntry;
}

@ObjectType({ description: 'A page of a moderation log, newest first.' })
export class AuditLogEntryConnection {
  @Field(() => [AuditLogEntryEdge], { description: 'The entries of this page, with cursors.' })
  edges!: AuditLogEntryEdge[];

  @Field(() => [AuditLogEntry], { description: 'The nodes of edges, for clients that need no cursors.' })
  nodes!: AuditLogEntry[];

  @Field(() => PageInfo, { description: 'Whether more entries follow, and the cursors of this page.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many entries the log holds in all, not just this page.' })
  totalCount!: Lazy<number>;
}
