import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MutationPayload } from '../common/user-errors';
import { ReportReason } from '../moderation/types';
import { Conversation, HeldMessageDecision, Message, MessageAttachmentInput, MessagingSettings, type ConversationRecord, type MessageRecord } from './types';
import { MAX_ATTACHMENTS, MAX_MEMBERS, MessagingAudience } from './rules';

const IDEMPOTENCY_KEY = (what: string) =>
  `Retrying with the same key and the same input returns ${what}; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.`;

@InputType({ description: 'Whom to start a conversation with.' })
export class StartConversationInput {
  @Field(() => [ID], {
    description: `The other members, 1 to ${MAX_MEMBERS - 1} (at most ${MAX_MEMBERS} members with the viewer). One user gives the 1:1 conversation, the existing one if there is one; more give a new group conversation.`,
  })
  userIds!: string[];
}

@ObjectType({ description: 'The result of startConversation.' })
export class StartConversationPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The conversation (for a 1:1, the existing one when there is one); null when refused.' })
  conversation!: ConversationRecord | null;
}

@InputType({ description: 'A message to send.' })
export class SendMessageInput {
  @Field(() => ID, { description: 'The conversation; the viewer must be a member.' })
  conversationId!: string;

  @Field(() => String, { nullable: true, description: 'What it says, at most 2,000 characters; may be empty when it carries a card.' })
  text?: string | null;

  @Field(() => [MessageAttachmentInput], { nullable: true, description: `Cards, at most ${MAX_ATTACHMENTS}.` })
  attachments?: MessageAttachmentInput[] | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY('the message sent the first time, and sends nothing more') })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of sendMessage.' })
export class SendMessagePayload extends MutationPayload {
  @Field(() => Message, { nullable: true, description: 'The message sent (status HELD when the sensitive-word check held it); null when refused.' })
  message!: MessageRecord | null;
}

@InputType({ description: 'How far the viewer has read a conversation.' })
export class MarkConversationReadInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId!: string;

  @Field(() => ID, { description: 'The latest message read; a read position never moves back.' })
  upToMessageId!: string;
}

@ObjectType({ description: 'The result of markConversationRead.' })
export class MarkConversationReadPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The conversation with its new unread count; null when refused.' })
  conversation!: ConversationRecord | null;
}

@InputType({ description: 'A message request to accept.' })
export class AcceptMessageRequestInput {
  @Field(() => ID, { description: "A conversation in the viewer's requests; one already in the inbox stays there." })
  conversationId!: string;
}

@ObjectType({ description: 'The result of acceptMessageRequest.' })
export class AcceptMessageRequestPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The conversation, now in the inbox; null when refused.' })
  conversation!: ConversationRecord | null;
}

@InputType({ description: 'A message request to delete.' })
export class DeleteMessageRequestInput {
  @Field(() => ID, { description: "A conversation in the viewer's requests." })
  conversationId!: string;
}

@ObjectType({ description: 'The result of deleteMessageRequest.' })
export class DeleteMessageRequestPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The conversation removed from the requests; null when refused.' })
  deletedConversationId!: string | null;
}

@InputType({ description: 'A conversation to leave.' })
export class LeaveConversationInput {
  @Field(() => ID, { description: 'A conversation the viewer is a member of.' })
  conversationId!: string;
}

@ObjectType({ description: 'The result of leaveConversation.' })
export class LeaveConversationPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The conversation left; null when refused.' })
  leftConversationId!: string | null;
}

@InputType({ description: 'A message to delete for everyone.' })
export class DeleteMessageInput {
  @Field(() => ID, { description: 'A message the viewer sent.' })
  messageId!: string;
}

@ObjectType({ description: 'The result of deleteMessage.' })
export class DeleteMessagePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The message deleted; null when refused.' })
  deletedMessageId!: string | null;
}

@InputType({ description: 'A message to report to platform moderation.' })
export class ReportMessageInput {
  @Field(() => ID, { description: 'A message the viewer can see, sent by someone else.' })
  messageId!: string;

  @Field(() => ReportReason, { description: 'Why it is reported.' })
  reason!: ReportReason;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  details?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY('the first answer and files nothing more') })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of reportMessage. The reporter does not see the case.' })
export class ReportMessagePayload extends MutationPayload {
  @Field(() => Boolean, { nullable: true, description: 'True once the report is received; null when refused.' })
  received!: boolean | null;
}

@InputType({ description: 'The viewer’s messaging settings.' })
export class UpdateMessagingSettingsInput {
  @Field(() => MessagingAudience, { description: "Whose messages reach the viewer's inbox directly; the others arrive as requests." })
  audience!: MessagingAudience;
}

@ObjectType({ description: 'The result of updateMessagingSettings.' })
export class UpdateMessagingSettingsPayload extends MutationPayload {
  @Field(() => MessagingSettings, { nullable: true, description: 'The settings now; null when refused.' })
  messagingSettings!: MessagingSettings | null;
}

@InputType({ description: 'The conversation the viewer is typing in.' })
export class SetTypingInput {
  @Field(() => ID, { description: 'A conversation the viewer is a member of.' })
  conversationId!: string;
}

@ObjectType({ description: 'The result of setTyping.' })
export class SetTypingPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The conversation; null when refused.' })
  conversation!: ConversationRecord | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the indicator lapses for the others unless renewed; null when refused.' })
  expiresAt!: Date | null;
}

@InputType({ description: 'A decision on a message held by the sensitive-word check.' })
export class DecideHeldMessageInput {
  @Field(() => ID, { description: 'A HELD message.' })
  messageId!: string;

  @Field(() => HeldMessageDecision, { description: 'Deliver it or not.' })
  decision!: HeldMessageDecision;
}

@ObjectType({ description: 'The result of decideHeldMessage.' })
export class DecideHeldMessagePayload extends MutationPayload {
  @Field(() => Message, { nullable: true, description: 'The message, DELIVERED or DELETED; null when refused.' })
  message!: MessageRecord | null;
}
