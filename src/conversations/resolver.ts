import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User, type UserRecord } from '../accounts/types';
import type { PayloadResult } from '../common/user-errors';
import { instanceOf } from '../request/scope';
import type { Scope } from '../accounts/scope';
import { ConversationService } from './service';
import { CONVERSATIONS_PAGE, Folder, MAX_ATTACHMENTS, MAX_MEMBERS, MAX_REPORTED_MESSAGES, MESSAGES_PAGE } from './rules';
import { ModerationCase, type CaseRecord } from '../moderation/types';
import {
  Conversation,
  ConversationConnection,
  ConversationMember,
  ConversationUpdate,
  HeldMessageConnection,
  Message,
  MessageAttachment,
  MessageConnection,
  MessagingSettings,
  type CardRecord,
  type ConversationRecord,
  type MessageRecord,
} from './types';
import {
  AcceptMessageRequestInput,
  AcceptMessageRequestPayload,
  DecideHeldMessageInput,
  DecideHeldMessagePayload,
  DeleteMessageInput,
  DeleteMessagePayload,
  DeleteMessageRequestInput,
  DeleteMessageRequestPayload,
  LeaveConversationInput,
  LeaveConversationPayload,
  MarkConversationReadInput,
  MarkConversationReadPayload,
  ReportMessageInput,
  ReportMessagePayload,
  SendMessageInput,
  SendMessagePayload,
  SetTypingInput,
  SetTypingPayload,
  StartConversationInput,
  StartConversationPayload,
  UpdateMessagingSettingsInput,
  UpdateMessagingSettingsPayload,
} from './payloads';

@ArgsType()
class MessagePageArgs {
  @Field(() => Int, { nullable: true, description: `The newest messages (after \`after\`: the next older ones). Default ${MESSAGES_PAGE.default}, at most ${MESSAGES_PAGE.max}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the page before: continues with older messages.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `The oldest messages (before \`before\`: the ones just newer). Default ${MESSAGES_PAGE.default}, at most ${MESSAGES_PAGE.max}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'startCursor of a page: continues with newer messages.' })
  before?: string | null;
}

@Resolver(() => Conversation)
export class ConversationResolver {
  constructor(readonly conversationService: ConversationService) {}

  @Mutation(() => StartConversationPayload, {
    description: `Starts a conversation: with one user, the 1:1 (the existing one if there is one, also when both start it at once); with 2 to ${MAX_MEMBERS - 1}, a new group. BLOCKED when a block stands between the viewer and one of them. Each member's copy lands in their inbox or, when their messaging setting does not let the viewer in, their requests. New conversations are rate-limited per day (a top-level RATE_LIMITED).`,
  })
  async startConversation(@Ctx() ctx: Scope, @Arg('input', () => StartConversationInput, { description: 'Whom to talk with.' }) input: StartConversationInput): Promise<PayloadResult<StartConversationPayload>> {
    return { conversation: await this.conversationService.start(ctx, input.userIds) };
  }

  @Mutation(() => SendMessagePayload, {
    description: `Sends a message: text of at most 2,000 characters (INVALID naming text) and up to ${MAX_ATTACHMENTS} cards the sender can see. BLOCKED in a 1:1 with a block either way. A message with a sensitive word to someone who does not follow the sender is HELD: only the sender sees it. Replying to a request accepts it. Rate-limited per minute (a top-level RATE_LIMITED).`,
  })
  async sendMessage(@Ctx() ctx: Scope, @Arg('input', () => SendMessageInput, { description: 'The message.' }) input: SendMessageInput): Promise<PayloadResult<SendMessagePayload>> {
    return { message: await this.conversationService.send(ctx, input) };
  }

  @Mutation(() => MarkConversationReadPayload, { description: "Moves the viewer's read position up to a message (never back): their read receipt and unread count." })
  async markConversationRead(@Ctx() ctx: Scope, @Arg('input', () => MarkConversationReadInput, { description: 'The conversation and the latest message read.' }) input: MarkConversationReadInput): Promise<PayloadResult<MarkConversationReadPayload>> {
    return { conversation: await this.conversationService.markRead(ctx, input.conversationId, input.upToMessageId) };
  }

  @Mutation(() => AcceptMessageRequestPayload, { description: "Moves a message request to the viewer's inbox." })
  async acceptMessageRequest(@Ctx() ctx: Scope, @Arg('input', () => AcceptMessageRequestInput, { description: 'The request.' }) input: AcceptMessageRequestInput): Promise<PayloadResult<AcceptMessageRequestPayload>> {
    return { conversation: await this.conversationService.accept(ctx, input.conversationId) };
  }

  @Mutation(() => DeleteMessageRequestPayload, {
    description: "Deletes a message request: it leaves the viewer's requests (a group's: the viewer leaves it). A later message of a 1:1 arrives as a new request, without the history.",
  })
  async deleteMessageRequest(@Ctx() ctx: Scope, @Arg('input', () => DeleteMessageRequestInput, { description: 'The request.' }) input: DeleteMessageRequestInput): Promise<PayloadResult<DeleteMessageRequestPayload>> {
    return { deletedConversationId: await this.conversationService.leave(ctx, input.conversationId, true) };
  }

  @Mutation(() => LeaveConversationPayload, { description: 'Leaves a conversation: its messages and events stop reaching the viewer.' })
  async leaveConversation(@Ctx() ctx: Scope, @Arg('input', () => LeaveConversationInput, { description: 'The conversation.' }) input: LeaveConversationInput): Promise<PayloadResult<LeaveConversationPayload>> {
    return { leftConversationId: await this.conversationService.leave(ctx, input.conversationId, false) };
  }

  @Mutation(() => DeleteMessagePayload, { description: 'Deletes a message the viewer sent, for everyone: its text and cards are not kept, only a DELETED tombstone in its place.' })
  async deleteMessage(@Ctx() ctx: Scope, @Arg('input', () => DeleteMessageInput, { description: 'The message.' }) input: DeleteMessageInput): Promise<PayloadResult<DeleteMessagePayload>> {
    return { deletedMessageId: await this.conversationService.deleteMessage(ctx, input.messageId) };
  }

  @Mutation(() => ReportMessagePayload, { description: "Reports someone else's message to platform moderation (a case about its sender, quoting it, in the staff queue)." })
  async reportMessage(@Ctx() ctx: Scope, @Arg('input', () => ReportMessageInput, { description: 'The report.' }) input: ReportMessageInput): Promise<PayloadResult<ReportMessagePayload>> {
    return { received: await this.conversationService.report(ctx, input) };
  }

  @Mutation(() => SetTypingPayload, {
    description:
      'Tells the other members of a conversation that the viewer is typing: a TYPING conversationUpdated event for each of them (never the viewer), showing until expiresAt unless renewed; nothing is stored. Members only (NOT_FOUND otherwise); BLOCKED in a 1:1 under a block. Rate-limited per minute (a top-level RATE_LIMITED).',
  })
  async setTyping(@Ctx() ctx: Scope, @Arg('input', () => SetTypingInput, { description: 'The conversation.' }) input: SetTypingInput): Promise<PayloadResult<SetTypingPayload>> {
    return this.conversationService.setTyping(ctx, input.conversationId);
  }

  @Mutation(() => UpdateMessagingSettingsPayload, { description: "Sets whose messages reach the viewer's inbox directly." })
  async updateMessagingSettings(@Ctx() ctx: Scope, @Arg('input', () => UpdateMessagingSettingsInput, { description: 'The settings.' }) input: UpdateMessagingSettingsInput): Promise<PayloadResult<UpdateMessagingSettingsPayload>> {
    return { messagingSettings: await this.conversationService.updateMessagingSettings(ctx, input.audience) };
  }

  @Mutation(() => DecideHeldMessagePayload, {
    description: 'Platform admins: delivers a message held by the sensitive-word check, or rejects it (its text is not kept). ALREADY_DECIDED for a message no longer held.',
  })
  async decideHeldMessage(@Ctx() ctx: Scope, @Arg('input', () => DecideHeldMessageInput, { description: 'The message and the decision.' }) input: DecideHeldMessageInput): Promise<PayloadResult<DecideHeldMessagePayload>> {
    return { message: await this.conversationService.decideHeld(ctx, input.messageId, input.decision) };
  }

  @Query(() => HeldMessageConnection, { description: 'Platform admins: messages held by the sensitive-word check, oldest first.' })
  heldMessages(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `Default ${CONVERSATIONS_PAGE.default}, at most ${CONVERSATIONS_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the page before.' }) after?: string | null,
  ) {
    return this.conversationService.heldMessages(ctx, first, after);
  }

  @Query(() => MessagingSettings, { description: "The viewer's messaging settings." })
  messagingSettings(@Ctx() ctx: Scope) {
    return this.conversationService.messagingSettings(ctx);
  }

  @Query(() => Conversation, { nullable: true, description: 'A conversation of the viewer; null when it is missing or the viewer is not a member.' })
  conversation(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The conversation.' }) id: string) {
    return this.conversationService.conversation(ctx, id);
  }

  @Query(() => ConversationConnection, { description: "The viewer's conversations in one folder, latest activity first." })
  conversations(
    @Ctx() ctx: Scope,
    @Arg('folder', () => Folder, { defaultValue: Folder.INBOX, description: 'The inbox (default) or the message requests.' }) folder: Folder,
    @Arg('first', () => Int, { nullable: true, description: `Default ${CONVERSATIONS_PAGE.default}, at most ${CONVERSATIONS_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the page before.' }) after?: string | null,
  ) {
    return this.conversationService.conversations(ctx, folder, first, after);
  }

  @Query(() => Int, { description: "Unread messages over the viewer's whole inbox (requests not counted until accepted)." })
  unreadMessageCount(@Ctx() ctx: Scope) {
    return this.conversationService.unreadTotal(ctx);
  }

  @FieldResolver(() => Int, { description: 'Messages the viewer has not read yet, by others.' })
  unreadCount(@Root() conversation: ConversationRecord, @Ctx() ctx: Scope) {
    return this.conversationService.unreadCount(ctx, conversation);
  }

  @FieldResolver(() => [ConversationMember], { description: `The members and their read receipts, at most ${MAX_MEMBERS}.` })
  members(@Root() conversation: ConversationRecord, @Ctx() ctx: Scope) {
    return this.conversationService.members(ctx, conversation);
  }

  @FieldResolver(() => MessageConnection, { description: 'The messages the viewer may see, newest first.' })
  messages(@Root() conversation: ConversationRecord, @Ctx() ctx: Scope, @Args() args: MessagePageArgs) {
    return this.conversationService.messages(ctx, conversation, args);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was started.' })
  createdAt(@Root() conversation: ConversationRecord) {
    return new Date(conversation.createdAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When its latest delivered message was sent; null before the first.' })
  lastMessageAt(@Root() conversation: ConversationRecord) {
    return conversation.lastMessageAt == null ? null : new Date(conversation.lastMessageAt);
  }

  @Subscription(() => Message, {
    description: 'Messages of one conversation as they arrive, for its members. Rights are checked on every event: a member who leaves stops receiving, a blocked sender is never shown, a 1:1 under a block ends. Needs a token in connectionParams.authorization.',
    subscribe: ({ args, context }) => instanceOf(context as Scope, ConversationResolver).conversationService.messageAdded(context as Scope, (args as { conversationId: string }).conversationId),
  })
  messageAdded(@Root() message: MessageRecord, @Arg('conversationId', () => ID, { description: 'The conversation.' }) _conversationId: string): MessageRecord {
    return message;
  }

  @Subscription(() => ConversationUpdate, {
    description: "Changes to the viewer's conversations: messages, read receipts, requests accepted, members leaving, others typing (TYPING, with expiresAt); each re-checked against the viewer's rights. Needs a token in connectionParams.authorization.",
    subscribe: ({ context }) => instanceOf(context as Scope, ConversationResolver).conversationService.conversationUpdated(context as Scope),
  })
  conversationUpdated(@Root() update: ConversationUpdate): ConversationUpdate {
    return update;
  }
}

@Resolver(() => Message)
export class MessageResolver {
  constructor(readonly conversationService: ConversationService) {}

  @FieldResolver(() => User, { nullable: true, description: 'Who sent it; null when their account is gone.' })
  sender(@Root() message: MessageRecord, @Ctx() ctx: Scope): Promise<UserRecord | null> {
    return this.conversationService.sender(ctx, message);
  }

  @FieldResolver(() => Conversation, { nullable: true, description: 'The conversation it is in; null when the viewer is no longer a member.' })
  conversation(@Root() message: MessageRecord, @Ctx() ctx: Scope) {
    return this.conversationService.conversationOf(ctx, message);
  }

  @FieldResolver(() => [MessageAttachment], { description: `Its cards, at most ${MAX_ATTACHMENTS}, each rendered with what the viewer may see.` })
  attachments(@Root() message: MessageRecord, @Ctx() ctx: Scope): Promise<CardRecord[]> {
    return this.conversationService.cards(ctx, message);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was sent.' })
  createdAt(@Root() message: MessageRecord) {
    return new Date(message.createdAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When its sender deleted it; null while it stands.' })
  deletedAt(@Root() message: MessageRecord) {
    return message.deletedAt == null ? null : new Date(message.deletedAt);
  }
}

/** The direct messages a platform case's reports quote (reportMessage), read from the case. */
@Resolver(() => ModerationCase)
export class ReportedMessagesResolver {
  constructor(readonly conversationService: ConversationService) {}

  @FieldResolver(() => [Message], {
    description: `The direct messages its reports quote (reportMessage), newest first, at most ${MAX_REPORTED_MESSAGES}: platform admins only, an empty list for everyone else. Read from the messages themselves: one its sender deleted is a DELETED tombstone without text, since a deleted message's text is kept nowhere, the case included.`,
  })
  reportedMessages(@Root() moderationCase: CaseRecord, @Ctx() ctx: Scope): Promise<MessageRecord[]> {
    return this.conversationService.reportedMessages(ctx, moderationCase);
  }
}
