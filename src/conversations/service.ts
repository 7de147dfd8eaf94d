import { badInput, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { decodeCursor, encodeCursor, pageRequest } from '../common/pagination';
import { requireId, requireIntInRange, requireText } from '../common/validate';
import { requireIdempotencyKey } from '../db/idempotency';
import { isAdmin, requireAdmin } from '../common/roles';
import { UserErrorCode } from '../common/user-error-code';
import { END, SKIP, transform, type EventBus, type ConversationUpdatedEvent, type MessageAddedEvent } from '../events/bus';
import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { groupLoaders } from '../groups/loaders';
import { referralLoaders } from '../referral/loaders';
import type { ContentVisibility } from '../content/access';
import type { GroupAccess } from '../groups/access';
import type { BlockList } from '../social/access';
import type { MutedContent } from '../mutes/access';
import type { Premoderation } from '../moderation/access';
import type { ReportInput } from '../moderation/payloads';
import type { ReportReason } from '../moderation/types';
import type { ConversationRepository } from './repository';
import { conversationLoaders } from './loaders';
import type { MessagingLimits } from './limits';
import { startConversation } from './start-conversation';
import { sendMessage } from './send-message';
import { audienceOf, canSeeMessage, cardCredit, checkMembers, checkText, CONVERSATIONS_PAGE, Folder, MAX_ATTACHMENTS, MESSAGES_PAGE, MessagingAudience, pairKey, TYPING_TTL_MS, type CardOrder } from './rules';
import { HeldMessageDecision, MessageAttachmentKind, MessageStatus, type CardRecord, type ConversationRecord, type MessageRecord } from './types';
import type { MessageAttachmentInput } from './types';
import type { Touch } from '../referral/attribution';

/** What ConversationService needs, named one by one; wired once per process in src/app/services.ts. */
export interface ConversationServiceDeps {
  repo: (scope: Scope) => ConversationRepository;
  events: EventBus;
  limits: MessagingLimits;
  /** Cards are rendered with the visibility rules of their own domains. */
  content: ContentVisibility;
  groups: Pick<GroupAccess, 'isVisible'>;
  blocks: BlockList;
  moderation: Pick<Premoderation, 'sensitiveWords'>;
  /** Platform moderation's reports (ModerationService.report). */
  reports: { report(scope: Scope, input: ReportInput): Promise<boolean> };
  /** A conversation the viewer muted pushes them no new-message update. */
  mutes: Pick<MutedContent, 'isConversationMuted'>;
}

export interface MessagePageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const NO_SEQ_ABOVE = Number.MAX_SAFE_INTEGER;

export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  // ---- settings

  async messagingSettings(scope: Scope): Promise<{ audience: MessagingAudience }> {
    const viewer = await scope.requireViewer();
    return { audience: audienceOf(await this.deps.repo(scope).messagingSetting(viewer.id)) };
  }

  async updateMessagingSettings(scope: Scope, audience: MessagingAudience): Promise<{ audience: MessagingAudience }> {
    const viewer = await scope.requireViewer();
    if (!Object.values(MessagingAudience).includes(audience)) throw badInput('audience', 'is not a messaging audience');
    await this.deps.repo(scope).updateMessagingSetting(viewer.id, audience);
    return { audience };
  }

  // ---- starting and sending

  /** The 1:1 with one user (the existing one if any) or a new group. New conversations count against the daily limit; finding one does not. */
  async start(scope: Scope, userIds: string[]): Promise<ConversationRecord> {
    const viewer = await scope.requireViewer();
    const others = checkMembers(viewer.id, (userIds ?? []).map((id, i) => requireId(id, `userIds[${i}]`)));
    // Finding the pair's existing 1:1 is not a new conversation, so it never meets the daily limit;
    // a 1:1 exists once made (conversations are not deleted), so this read cannot go stale.
    if (others.length === 1 && (await this.deps.repo(scope).directExists(pairKey(viewer.id, others[0]!)))) {
      return this.reloadConversation(scope, (await startConversation(scope, viewer.id, others)).id);
    }
    await this.deps.limits.conversations.reserve(viewer.id);
    let started: { id: string; created: boolean };
    try {
      started = await startConversation(scope, viewer.id, others);
    } catch (error) {
      await this.deps.limits.conversations.release(viewer.id);
      throw error;
    }
    // Another start of the same pair won the race: this one found it, and counts for nothing.
    if (!started.created) await this.deps.limits.conversations.release(viewer.id);
    return this.reloadConversation(scope, started.id);
  }

  async send(scope: Scope, input: { conversationId: string; text?: string | null; attachments?: MessageAttachmentInput[] | null; idempotencyKey?: string | null }): Promise<MessageRecord> {
    const viewer = await scope.requireViewer();
    const conversationId = requireId(input.conversationId, 'conversationId');
    const attachments = await this.checkAttachments(scope, input.attachments ?? []);
    const text = checkText(input.text, attachments.length);
    const idempotencyKey = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    await this.deps.limits.messages.consume(viewer.id);
    const words = await this.deps.moderation.sensitiveWords(scope);
    const sent = await sendMessage(scope, { viewerId: viewer.id, conversationId, text, attachments, idempotencyKey, words });
    if (sent.fresh) {
      this.deps.events.pubsub.publish('MESSAGE_ADDED', conversationId, { conversationId, messageId: sent.message.id, senderId: viewer.id });
      // A held message changes nothing the others can see; the sender's own copy still moved.
      const told = sent.message.status === 'HELD' ? [viewer.id] : [viewer.id, ...sent.recipientIds];
      this.tell(told, { conversationId, reason: 'MESSAGE_ADDED', actorId: viewer.id });
    }
    conversationLoaders(scope).conversationForViewer.clear(conversationId);
    conversationLoaders(scope).messageById.prime(sent.message.id, sent.message);
    return sent.message;
  }

  /** The cards, checked against what the sender may see: nobody shares what they cannot see themselves. */
  private async checkAttachments(scope: Scope, given: MessageAttachmentInput[]): Promise<{ kind: string; id: string }[]> {
    if (given.length > MAX_ATTACHMENTS) throw badInput('attachments', `at most ${MAX_ATTACHMENTS} cards a message`);
    const checked: { kind: string; id: string }[] = [];
    for (const [i, card] of given.entries()) {
      const field = `attachments[${i}].id`;
      const id = requireId(card.id, field);
      const visible =
        card.kind === MessageAttachmentKind.PRODUCT
          ? (await commerceLoaders(scope).productById.load(id)) !== null
          : card.kind === MessageAttachmentKind.NOTE
            ? (await this.deps.content.visibleNote(scope, id)) !== null
            : card.kind === MessageAttachmentKind.GROUP_INVITE
              ? await this.deps.groups.isVisible(scope, id)
              : false;
      if (!visible) throw notFound(card.kind === MessageAttachmentKind.GROUP_INVITE ? 'Group' : card.kind === MessageAttachmentKind.NOTE ? 'Note' : 'Product', field);
      checked.push({ kind: card.kind, id });
    }
    return checked;
  }

  // ---- member state

  async markRead(scope: Scope, conversationId: string, upToMessageId: string): Promise<ConversationRecord> {
    const viewer = await scope.requireViewer();
    const id = requireId(conversationId, 'conversationId');
    const messageId = requireId(upToMessageId, 'upToMessageId');
    if (!(await conversationLoaders(scope).conversationForViewer.load(id))) throw notFound('Conversation', 'conversationId');
    const moved = await this.deps.repo(scope).markRead(viewer.id, id, messageId, Date.now());
    if (moved === null) throw notFound('Message', 'upToMessageId');
    if (moved) await this.tellMembers(scope, id, { conversationId: id, reason: 'READ', actorId: viewer.id });
    return this.reloadConversation(scope, id);
  }

  async accept(scope: Scope, conversationId: string): Promise<ConversationRecord> {
    const viewer = await scope.requireViewer();
    const id = requireId(conversationId, 'conversationId');
    const moved = await this.deps.repo(scope).acceptRequest(viewer.id, id);
    if (moved === null) throw notFound('Conversation', 'conversationId');
    if (moved) this.tell([viewer.id], { conversationId: id, reason: 'ACCEPTED', actorId: viewer.id });
    return this.reloadConversation(scope, id);
  }

  /** Deletes a request (onlyRequest) or leaves any conversation. */
  async leave(scope: Scope, conversationId: string, onlyRequest: boolean): Promise<string> {
    const viewer = await scope.requireViewer();
    const id = requireId(conversationId, 'conversationId');
    const before = await this.deps.repo(scope).memberIds(id);
    if (!(await this.deps.repo(scope).leave(viewer.id, id, onlyRequest))) throw notFound(onlyRequest ? 'Message request' : 'Conversation', 'conversationId');
    this.tell(before, { conversationId: id, reason: 'MEMBER_LEFT', actorId: viewer.id });
    conversationLoaders(scope).conversationForViewer.clear(id);
    return id;
  }

  async deleteMessage(scope: Scope, messageId: string): Promise<string> {
    const viewer = await scope.requireViewer();
    const id = requireId(messageId, 'messageId');
    const conversationId = await this.deps.repo(scope).deleteMessage(viewer.id, id, Date.now());
    if (!conversationId) throw notFound('Message', 'messageId');
    conversationLoaders(scope).messageById.clear(id);
    await this.tellMembers(scope, conversationId, { conversationId, reason: 'MESSAGE_DELETED', actorId: viewer.id });
    return id;
  }

  /**
   * Files the report with platform moderation: a case about the sender (platform staff's queue, as a
   * user report without a group), whose report names the message and links to it, so staff read
   * the message itself from the case (ModerationCase.reportedMessages): a private message has no
   * public page a moderator could open. The case holds no copy of the text, so when its sender
   * deletes the message its text is gone from the case as from everywhere else.
   */
  async report(scope: Scope, input: { messageId: string; reason: ReportReason; details?: string | null; idempotencyKey?: string | null }): Promise<boolean> {
    const viewer = await scope.requireViewer();
    const id = requireId(input.messageId, 'messageId');
    const message = await this.visibleMessage(scope, id);
    if (!message) throw notFound('Message', 'messageId');
    if (message.senderId === viewer.id) throw badInput('messageId', 'you cannot report your own message');
    const details = input.details == null ? '' : requireText(input.details, 'details', { max: 500 });
    const received = await this.deps.reports.report(scope, {
      target: { userId: message.senderId },
      reason: input.reason,
      details: `Direct message ${message.id} in conversation ${message.conversationId}${details ? `. Reporter: ${details}` : ''}`,
      groupId: null,
      idempotencyKey: input.idempotencyKey ?? null,
    } as ReportInput);
    if (received) await this.deps.repo(scope).quoteInReport({ reporterId: viewer.id, senderId: message.senderId, messageId: message.id });
    return received;
  }

  /** The messages a case's reports quote: platform admins only (they alone handle platform cases), newest first. */
  async reportedMessages(scope: Scope, moderationCase: { id: string; groupId: string | null }): Promise<MessageRecord[]> {
    const viewer = await scope.viewer();
    if (!viewer || !isAdmin(viewer) || moderationCase.groupId !== null) return [];
    return conversationLoaders(scope).reportedMessages.load(moderationCase.id);
  }

  // ---- typing

  /**
   * Tells the other members the viewer is typing, until expiresAt: a live event only, nothing is
   * stored. Only a member may, and not in a 1:1 under a block (BLOCKED, as a send would be).
   * Rate-limited per minute (a top-level RATE_LIMITED), as a client renews it while the user types.
   */
  async setTyping(scope: Scope, conversationId: string): Promise<{ conversation: ConversationRecord; expiresAt: Date }> {
    const viewer = await scope.requireViewer();
    const id = requireId(conversationId, 'conversationId');
    const conversation = await conversationLoaders(scope).conversationForViewer.load(id);
    if (!conversation) throw notFound('Conversation', 'conversationId');
    const others = (await conversationLoaders(scope).members.load(id)).map((m) => m.userId).filter((userId) => userId !== viewer.id);
    if (conversation.kind === 'DIRECT') {
      const blocked = await this.blockedWithViewer(scope);
      if (others.some((userId) => blocked.has(userId))) throw badInput('conversationId', 'you cannot message this user', UserErrorCode.BLOCKED);
    }
    await this.deps.limits.typing.consume(viewer.id);
    const expiresAt = Date.now() + TYPING_TTL_MS;
    this.tell(others, { conversationId: id, reason: 'TYPING', actorId: viewer.id, expiresAt });
    return { conversation, expiresAt: new Date(expiresAt) };
  }

  // ---- buying from a card

  /**
   * The DM touchpoint of an order bought from a message's product card (OrderContextInput.messageId).
   * Only a member who received the message may name it: for anyone else (not a member, a message
   * from before they joined, someone else's held one, a sender in a block with them) it is
   * NOT_FOUND, as an unknown id, so naming ids reveals nothing of other people's conversations. A
   * message they can see whose card does not qualify (see cardCredit) adds no touchpoint: the order
   * is placed crediting nobody, as with a share code that does not qualify.
   */
  async cardTouch(scope: Scope, messageId: string, order: CardOrder): Promise<Touch | null> {
    const message = await this.visibleMessage(scope, messageId);
    if (!message) throw notFound('Message', 'context.messageId');
    const credit = cardCredit(message, order);
    return credit && { kind: 'DIRECT_MESSAGE', ref: credit.code, at: credit.at };
  }

  // ---- moderation of held messages

  /** Platform admins' queue of held messages, oldest first. */
  async heldMessages(scope: Scope, first?: number | null, after?: string | null) {
    requireAdmin(await scope.requireViewer());
    const { limit, after: position } = pageRequest(first ?? CONVERSATIONS_PAGE.default, after, { key: 'number', max: CONVERSATIONS_PAGE.max });
    const rows = await this.deps.repo(scope).heldMessagesPage(position, limit + 1);
    const edges = rows.slice(0, limit).map((m) => ({ cursor: encodeCursor({ k: m.createdAt, id: m.id }), node: m }));
    const page = connectionOf(edges, rows.length > limit, 0);
    return { edges: page.edges, pageInfo: page.pageInfo };
  }

  /**
   * An admin delivers a held message or rejects it. Approved, it reaches the members as a new
   * message does (events, unread counts, a deleted 1:1 is not brought back: it arrives in place);
   * rejected, its text is gone. A message no longer held answers ALREADY_DECIDED.
   */
  async decideHeld(scope: Scope, messageId: string, decision: HeldMessageDecision): Promise<MessageRecord> {
    requireAdmin(await scope.requireViewer());
    const id = requireId(messageId, 'messageId');
    const decided = await this.deps.repo(scope).decideHeld(id, decision === HeldMessageDecision.APPROVE, Date.now());
    if (!decided) {
      const message = await conversationLoaders(scope).messageById.load(id);
      if (!message) throw notFound('Message', 'messageId');
      throw badInput('messageId', 'this message is not held (already decided)', UserErrorCode.ALREADY_DECIDED);
    }
    conversationLoaders(scope).messageById.clear(id);
    if (decided.status === MessageStatus.DELIVERED) {
      const { conversationId } = decided;
      this.deps.events.pubsub.publish('MESSAGE_ADDED', conversationId, { conversationId, messageId: id, senderId: decided.senderId });
      await this.tellMembers(scope, conversationId, { conversationId, reason: 'MESSAGE_ADDED', actorId: decided.senderId });
    }
    return decided;
  }

  // ---- reads

  async conversation(scope: Scope, id: string): Promise<ConversationRecord | null> {
    await scope.requireViewer();
    return conversationLoaders(scope).conversationForViewer.load(requireId(id, 'id'));
  }

  private async reloadConversation(scope: Scope, id: string): Promise<ConversationRecord> {
    const loaders = conversationLoaders(scope);
    loaders.conversationForViewer.clear(id);
    loaders.unreadCount.clear(id);
    loaders.members.clear(id);
    const conversation = await loaders.conversationForViewer.load(id);
    if (!conversation) throw notFound('Conversation', 'conversationId');
    return conversation;
  }

  async conversations(scope: Scope, folder: Folder, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first ?? CONVERSATIONS_PAGE.default, after, { key: 'number', max: CONVERSATIONS_PAGE.max });
    const rows = await this.deps.repo(scope).conversationsPage(viewer.id, folder, position, limit + 1);
    const items = rows.slice(0, limit);
    const edges = items.map((c) => {
      conversationLoaders(scope).conversationForViewer.prime(c.id, c);
      return { cursor: encodeCursor({ k: c.activityAt, id: c.id }), node: c };
    });
    return connectionOf(edges, rows.length > limit, () => this.deps.repo(scope).countConversations(viewer.id, folder));
  }

  async messages(scope: Scope, conversation: ConversationRecord, args: MessagePageArgs) {
    const viewer = await scope.requireViewer();
    if (args.first != null && args.last != null) throw badInput('last', 'give first or last, not both');
    const size = (n: number | null | undefined, field: string) => (n == null ? MESSAGES_PAGE.default : requireIntInRange(n, field, 1, MESSAGES_PAGE.max));
    const seqOf = (cursor: string | null | undefined, field: string) => {
      const position = decodeCursor(cursor, field);
      if (position && typeof position.k !== 'number') throw badInput(field, 'is not a valid cursor');
      return position ? (position.k as number) : null;
    };
    const backwards = args.last != null || (args.before != null && args.first == null);
    const repo = this.deps.repo(scope);
    let items: MessageRecord[];
    let hasNextPage: boolean;
    let hasPreviousPage: boolean;
    if (!backwards) {
      const limit = size(args.first, 'first');
      const after = seqOf(args.after, 'after');
      const rows = await repo.messages(viewer.id, conversation.id, { olderThan: after ?? NO_SEQ_ABOVE }, limit + 1);
      items = rows.slice(0, limit);
      hasNextPage = rows.length > limit;
      hasPreviousPage = after !== null;
    } else {
      const limit = size(args.last, 'last');
      const before = seqOf(args.before, 'before');
      const rows = await repo.messages(viewer.id, conversation.id, { newerThan: before ?? 0 }, limit + 1);
      items = rows.slice(0, limit).reverse();
      hasPreviousPage = rows.length > limit;
      hasNextPage = before !== null;
    }
    const edges = items.map((m) => {
      conversationLoaders(scope).messageById.prime(m.id, m);
      return { cursor: encodeCursor({ k: m.seq, id: m.id }), node: m };
    });
    const page = connectionOf(edges, hasNextPage, 0);
    return { edges: page.edges, pageInfo: { ...page.pageInfo, hasPreviousPage } };
  }

  unreadCount(scope: Scope, conversation: ConversationRecord): Promise<number> {
    return conversationLoaders(scope).unreadCount.load(conversation.id);
  }

  async unreadTotal(scope: Scope): Promise<number> {
    const viewer = await scope.requireViewer();
    return this.deps.repo(scope).unreadTotal(viewer.id);
  }

  async members(scope: Scope, conversation: ConversationRecord) {
    const members = await conversationLoaders(scope).members.load(conversation.id);
    const users = await accountLoaders(scope).userById.loadMany(members.map((m) => m.userId));
    const read = await Promise.all(members.map((m) => (m.lastReadMessageId ? this.visibleMessage(scope, m.lastReadMessageId) : null)));
    return members.flatMap((m, i) => {
      const user = users[i];
      if (!user || user instanceof Error) return [];
      return [{ user, lastReadMessage: read[i] ?? null, lastReadAt: m.lastReadAt == null ? null : new Date(m.lastReadAt) }];
    });
  }

  /** A message, if the viewer may see it: a member's, from where they joined, not someone else's held one, not a blocked user's. */
  async visibleMessage(scope: Scope, id: string): Promise<MessageRecord | null> {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    const message = await conversationLoaders(scope).messageById.load(id);
    if (!message) return null;
    const conversation = await conversationLoaders(scope).conversationForViewer.load(message.conversationId);
    if (!conversation) return null;
    const blocked = await this.blockedWithViewer(scope);
    return canSeeMessage(message, { id: viewer.id, visibleFromSeq: conversation.visibleFromSeq, blocked }) ? message : null;
  }

  /** Who is in a block with the viewer, read once per loader generation (a live stream reads it again per event). */
  private blockedWithViewer(scope: Scope): Promise<Set<string>> {
    return scope.memo('conversations.blocked', () => this.deps.blocks.usersInABlockWithViewer(scope));
  }

  async conversationOf(scope: Scope, message: MessageRecord): Promise<ConversationRecord | null> {
    return conversationLoaders(scope).conversationForViewer.load(message.conversationId);
  }

  async sender(scope: Scope, message: MessageRecord): Promise<UserRecord | null> {
    return accountLoaders(scope).userById.load(message.senderId);
  }

  /** The message's cards, each rendered with what the viewer (the recipient reading) may see. */
  async cards(scope: Scope, message: MessageRecord): Promise<CardRecord[]> {
    return Promise.all(
      message.attachmentKinds.map(async (kind, i): Promise<CardRecord> => {
        const id = message.attachmentIds[i]!;
        switch (kind) {
          case MessageAttachmentKind.PRODUCT: {
            const product = await commerceLoaders(scope).productById.load(id);
            const code = product ? message.attachmentCodes?.[i] || null : null;
            const shareLink = code ? await referralLoaders(scope).shareLinkByCode.load(code) : null;
            return { kind, product, shareLink, isAvailable: product !== null };
          }
          case MessageAttachmentKind.NOTE: {
            const note = await this.deps.content.visibleNote(scope, id);
            return { kind, note, isAvailable: note !== null };
          }
          default: {
            const group = (await this.deps.groups.isVisible(scope, id)) ? await groupLoaders(scope).groupById.load(id) : null;
            return { kind: MessageAttachmentKind.GROUP_INVITE, group, isAvailable: group !== null };
          }
        }
      }),
    );
  }

  // ---- live

  private tell(memberIds: string[], event: ConversationUpdatedEvent): void {
    for (const memberId of new Set(memberIds)) this.deps.events.pubsub.publish('CONVERSATION_UPDATED', memberId, event);
  }

  private async tellMembers(scope: Scope, conversationId: string, event: ConversationUpdatedEvent): Promise<void> {
    this.tell(await this.deps.repo(scope).memberIds(conversationId), event);
  }

  /**
   * Messages of one conversation as they arrive. Each event is checked afresh: the subscriber is
   * still signed in and still a member (one who left stops receiving), and may see the message (a
   * blocked sender's, or someone else's held one, is skipped); a 1:1 in which a block now stands ends.
   */
  async messageAdded(scope: Scope, conversationId: string): Promise<AsyncIterable<MessageRecord>> {
    const viewer = await scope.requireViewer();
    const id = requireId(conversationId, 'conversationId');
    if (!(await conversationLoaders(scope).conversationForViewer.load(id))) throw notFound('Conversation', 'conversationId');
    return transform(this.deps.events.pubsub.subscribe('MESSAGE_ADDED', id), async (event: MessageAddedEvent) => {
      scope.resetLoaders();
      if ((await scope.viewer())?.id !== viewer.id) return END;
      const conversation = await conversationLoaders(scope).conversationForViewer.load(id);
      if (!conversation) return END;
      const blocked = await this.blockedWithViewer(scope);
      if (conversation.kind === 'DIRECT') {
        const members = await conversationLoaders(scope).members.load(id);
        if (members.some((m) => blocked.has(m.userId))) return END;
      }
      const message = await conversationLoaders(scope).messageById.load(event.messageId);
      if (!message || !canSeeMessage(message, { id: viewer.id, visibleFromSeq: conversation.visibleFromSeq, blocked })) return SKIP;
      return message;
    });
  }

  /**
   * Changes to any of the viewer's conversations (new messages, read receipts, requests accepted,
   * typing), each re-checked as above; a typing event also needs its typist still a member, and
   * one that arrives after it lapsed is dropped.
   */
  async conversationUpdated(scope: Scope): Promise<AsyncIterable<{ conversation: ConversationRecord; reason: ConversationUpdatedEvent['reason']; actor: UserRecord | null; expiresAt: Date | null }>> {
    const viewer = await scope.requireViewer();
    return transform(this.deps.events.pubsub.subscribe('CONVERSATION_UPDATED', viewer.id), async (event: ConversationUpdatedEvent) => {
      scope.resetLoaders();
      if ((await scope.viewer())?.id !== viewer.id) return END;
      const conversation = await conversationLoaders(scope).conversationForViewer.load(event.conversationId);
      if (!conversation) return SKIP;
      const blocked = await this.blockedWithViewer(scope);
      if (blocked.has(event.actorId)) return SKIP;
      if (event.reason === 'TYPING') {
        if (event.actorId === viewer.id || (event.expiresAt ?? 0) <= Date.now()) return SKIP;
        const members = await conversationLoaders(scope).members.load(event.conversationId);
        if (!members.some((m) => m.userId === event.actorId)) return SKIP;
      }
      const expiresAt = event.reason === 'TYPING' && event.expiresAt != null ? new Date(event.expiresAt) : null;
      // Muted: the message is there when the viewer looks, but it pushes nothing.
      if (event.reason === 'MESSAGE_ADDED' && (await this.deps.mutes.isConversationMuted(scope, conversation.id))) return SKIP;
      return { conversation, reason: event.reason, actor: await accountLoaders(scope).userById.load(event.actorId), expiresAt };
    });
  }
}
