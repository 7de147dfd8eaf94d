import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import type { AppealRecord } from './repository';
import { Appeal, AppealDecision, ModerationAction, ReportReason, ReportTargetInput, type ActionRecord } from './types';

const IDEMPOTENCY_KEY = (what: string) =>
  `Retrying with the same key and the same input returns ${what}; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.`;

@InputType({ description: 'A report of a note, comment, user or group.' })
export class ReportInput {
  @Field(() => ReportTargetInput, { description: 'What is reported: exactly one of its ids.' })
  target!: ReportTargetInput;

  @Field(() => ReportReason, { description: 'Why it is reported.' })
  reason!: ReportReason;

  @Field(() => String, { nullable: true, description: 'At most 1,000 characters.' })
  details?: string | null;

  @Field(() => ID, { nullable: true, description: "For a user report only: the group it is about, so that group's moderators see it (without it, platform staff do)." })
  groupId?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY('the first answer and files nothing more') })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of report. The reporter does not see the case.' })
export class ReportPayload extends MutationPayload {
  @Field(() => Boolean, { nullable: true, description: 'True once the report is received; null when refused.' })
  received!: boolean | null;
}

@ObjectType({ description: 'The result of moderate.' })
export class ModeratePayload extends MutationPayload {
  @Field(() => ModerationAction, { nullable: true, description: 'The action taken; null when refused.' })
  moderationAction!: ActionRecord | null;
}

@InputType({ description: "The affected user's appeal of a moderation action." })
export class AppealInput {
  @Field(() => ID, { description: 'The action appealed; each is appealed once (ALREADY_APPEALED).' })
  actionId!: string;

  @Field(() => String, { description: 'Why it should be reversed: 1 to 2,000 characters.' })
  text!: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY('the first appeal') })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of appeal.' })
export class AppealPayload extends MutationPayload {
  @Field(() => Appeal, { nullable: true, description: 'The open appeal; null when refused.' })
  appeal!: AppealRecord | null;
}

@InputType({ description: "A moderator's decision on an open appeal." })
export class DecideAppealInput {
  @Field(() => ID, { description: 'The open appeal; one already decided answers ALREADY_DECIDED.' })
  appealId!: string;

  @Field(() => AppealDecision, { description: 'Uphold the action, or reverse (undo) it.' })
  decision!: AppealDecision;

  @Field(() => String, { description: 'Why; kept in the audit log. 1 to 1,000 characters.' })
  reason!: string;
}

@ObjectType({ description: 'The result of decideAppeal.' })
export class DecideAppealPayload extends MutationPayload {
  @Field(() => Appeal, { nullable: true, description: 'The appeal, now UPHELD or REVERSED; null when refused.' })
  appeal!: AppealRecord | null;
}

@InputType({ description: 'The new sensitive-word list, replacing the old one.' })
export class SetSensitiveWordsInput {
  @Field(() => [String], { description: 'At most 1,000 words of 1 to 50 characters; duplicates are dropped.' })
  words!: string[];
}

@ObjectType({ description: 'The result of setSensitiveWords.' })
export class SetSensitiveWordsPayload extends MutationPayload {
  @Field(() => [String], { nullable: true, description: 'The list as stored; null when refused.' })
  words!: string[] | null;
}
