import { cypher } from '../db/cypher';
import type { RequestScope } from '../request/scope';
import type { DbScope, Tx } from '../db/database';
import type { ConversationRecord, MemberRecord, MessageRecord } from './types';

const q = {
  membersContext: cypher('conversations/members-context'),
  startDirect: cypher('conversations/start-direct'),
  startGroup: cypher('conversations/start-group'),
  lockForSend: cypher('conversations/lock-for-send'),
  addMessage: cypher('conversations/add-message'),
  messagesOlder: cypher('conversations/messages-older'),
  messagesNewer: cypher('conversations/messages-newer'),
  messagesByIds: cypher('conversations/messages-by-ids'),
  conversationsForViewer: cypher('conversations/conversations-for-viewer'),
  conversationsPage: cypher('conversations/conversations-page'),
  countConversations: cypher('conversations/count-conversations'),
  unreadCounts: cypher('conversations/unread-counts'),
  unreadTotal: cypher('conversations/unread-total'),
  members: cypher('conversations/members'),
  markRead: cypher('conversations/mark-read'),
  acceptRequest: cypher('conversations/accept-request'),
  leave: cypher('conversations/leave'),
  deleteMessage: cypher('conversations/delete-message'),
  messagingSetting: cypher('conversations/messaging-setting'),
  updateMessagingSetting: cypher('conversations/update-messaging-setting'),
  memberIds: cypher('conversations/member-ids'),
  directExists: cypher('conversations/direct-exists'),
  heldMessagesPage: cypher('conversations/held-messages-page'),
  decideHeld: cypher('conversations/decide-held'),
  quoteInReport: cypher('conversations/quote-in-report'),
  reportedMessages: cypher('conversations/reported-messages'),
};

/** What a new conversation's decision needs about one user asked for. */
export interface Candidate {
  id: string;
  exists: boolean;
  blocked: boolean;
  setting: string;
  followsSender: boolean;
  followedBySender: boolean;
}

/** Another member as a send sees them, under the conversation's lock. */
export interface OtherMember {
  id: string;
  folder: string;
  setting: string;
  blocked: boolean;
  followsSender: boolean;
  followedBySender: boolean;
}

export interface SendContext {
  id: string;
  kind: 'DIRECT' | 'GROUP';
  folder: string;
  others: OtherMember[];
}

export interface NewMessage {
  conversationId: string;
  messageId: string;
  viewerId: string;
  text: string;
  attachmentKinds: string[];
  attachmentIds: string[];
  /** Per card, the share code a product card carries ('' for other cards). */
  attachmentCodes: string[];
  status: 'DELIVERED' | 'HELD';
  now: number;
  folders: { userId: string; folder: string }[];
}

export class ConversationRepository {
  constructor(private readonly db: DbScope) {}

  static async candidates(tx: Tx, viewerId: string, userIds: string[]): Promise<Candidate[]> {
    return tx.run<Candidate & Record<string, unknown>>(q.membersContext, { viewerId, userIds });
  }

  /** The 1:1 of the pair, created or found (created says which). */
  static async startDirect(tx: Tx, args: { pairKey: string; conversationId: string; viewerId: string; members: { userId: string; folder: string }[]; now: number }) {
    const [row] = await tx.run<{ id: string; created: boolean }>(q.startDirect, args);
    return row!;
  }

  static async startGroup(tx: Tx, args: { conversationId: string; viewerId: string; members: { userId: string; folder: string }[]; now: number }) {
    const [row] = await tx.run<{ id: string; created: boolean }>(q.startGroup, args);
    return row!;
  }

  /** Locks the conversation for a send; null when it is missing or the viewer is not a member. */
  static async lockForSend(tx: Tx, conversationId: string, viewerId: string): Promise<SendContext | null> {
    const [row] = await tx.run<SendContext & Record<string, unknown>>(q.lockForSend, { conversationId, viewerId });
    return row ?? null;
  }

  static async addMessage(tx: Tx, message: NewMessage): Promise<MessageRecord> {
    const [row] = await tx.run<{ message: MessageRecord }>(q.addMessage, { ...message });
    return row!.message;
  }

  static async messagesByIds(tx: Tx, ids: readonly string[]): Promise<MessageRecord[]> {
    return (await tx.run<{ message: MessageRecord }>(q.messagesByIds, { ids })).map((r) => r.message);
  }

  async messagesByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    return this.db.readTx((tx) => ConversationRepository.messagesByIds(tx, ids));
  }

  /** Newest first: older than beforeSeq when olderThan, else newer than afterSeq (returned oldest first). */
  async messages(viewerId: string, conversationId: string, direction: { olderThan: number } | { newerThan: number }, limit: number): Promise<MessageRecord[]> {
    const rows =
      'olderThan' in direction
        ? await this.db.read<{ message: MessageRecord }>(q.messagesOlder, { viewerId, conversationId, beforeSeq: direction.olderThan, limit })
        : await this.db.read<{ message: MessageRecord }>(q.messagesNewer, { viewerId, conversationId, afterSeq: direction.newerThan, limit });
    return rows.map((r) => r.message);
  }

  async conversationsForViewer(viewerId: string, ids: readonly string[]): Promise<ConversationRecord[]> {
    return (await this.db.read<{ conversation: ConversationRecord }>(q.conversationsForViewer, { viewerId, ids })).map((r) => r.conversation);
  }

  async conversationsPage(viewerId: string, folder: string, after: { k: number; id: string } | null, limit: number): Promise<ConversationRecord[]> {
    const rows = await this.db.read<{ conversation: ConversationRecord }>(q.conversationsPage, { viewerId, folder, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
    return rows.map((r) => r.conversation);
  }

  async countConversations(viewerId: string, folder: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countConversations, { viewerId, folder });
    return row?.total ?? 0;
  }

  async unreadCounts(viewerId: string, ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db.read<{ id: string; unread: number }>(q.unreadCounts, { viewerId, ids });
    return new Map(rows.map((r) => [r.id, r.unread]));
  }

  async unreadTotal(viewerId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.unreadTotal, { viewerId });
    return row?.total ?? 0;
  }

  async members(ids: readonly string[]): Promise<Map<string, MemberRecord[]>> {
    const rows = await this.db.read<{ conversationId: string; members: MemberRecord[] }>(q.members, { ids });
    return new Map(rows.map((r) => [r.conversationId, r.members]));
  }

  async heldMessagesPage(after: { k: number; id: string } | null, limit: number): Promise<MessageRecord[]> {
    const rows = await this.db.read<{ message: MessageRecord }>(q.heldMessagesPage, { afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
    return rows.map((r) => r.message);
  }

  /** The decided message, or null when it is not (or no longer) held. */
  async decideHeld(messageId: string, approve: boolean, now: number): Promise<MessageRecord | null> {
    const [row] = await this.db.write<{ message: MessageRecord }>(q.decideHeld, { messageId, approve, now });
    return row?.message ?? null;
  }

  /** Whether the reporter's report in the platform's open case about the sender now quotes the message. */
  async quoteInReport(args: { reporterId: string; senderId: string; messageId: string }): Promise<boolean> {
    return (await this.db.write(q.quoteInReport, args)).length > 0;
  }

  async reportedMessages(caseIds: readonly string[], limit: number): Promise<Map<string, MessageRecord[]>> {
    const rows = await this.db.read<{ caseId: string; messages: MessageRecord[] }>(q.reportedMessages, { caseIds, limit });
    return new Map(rows.map((r) => [r.caseId, r.messages]));
  }

  async directExists(pairKey: string): Promise<boolean> {
    const [row] = await this.db.read<{ exists: boolean }>(q.directExists, { pairKey });
    return row?.exists ?? false;
  }

  async memberIds(conversationId: string): Promise<string[]> {
    const [row] = await this.db.read<{ ids: string[] }>(q.memberIds, { conversationId });
    return row?.ids ?? [];
  }

  /** Whether the position moved; null when the message is not in what the viewer's membership covers. */
  async markRead(viewerId: string, conversationId: string, messageId: string, now: number): Promise<boolean | null> {
    const [row] = await this.db.write<{ moved: boolean }>(q.markRead, { viewerId, conversationId, messageId, now });
    return row ? row.moved : null;
  }

  /** Whether it moved from the requests; null when the viewer is not a member. */
  async acceptRequest(viewerId: string, conversationId: string): Promise<boolean | null> {
    const [row] = await this.db.write<{ moved: boolean }>(q.acceptRequest, { viewerId, conversationId });
    return row ? row.moved : null;
  }

  /** False when there was nothing to leave (not a member; for onlyRequest, not a request). */
  async leave(viewerId: string, conversationId: string, onlyRequest: boolean): Promise<boolean> {
    return (await this.db.write(q.leave, { viewerId, conversationId, onlyRequest })).length > 0;
  }

  /** The conversation of the deleted message, or null when the viewer may not delete it. */
  async deleteMessage(viewerId: string, messageId: string, now: number): Promise<string | null> {
    const [row] = await this.db.write<{ conversationId: string }>(q.deleteMessage, { viewerId, messageId, now });
    return row?.conversationId ?? null;
  }

  async messagingSetting(userId: string): Promise<string> {
    const [row] = await this.db.read<{ setting: string }>(q.messagingSetting, { userId });
    return row?.setting ?? 'MUTUALS';
  }

  async updateMessagingSetting(userId: string, setting: string): Promise<void> {
    await this.db.write(q.updateMessagingSetting, { userId, setting });
  }
}

/** The conversation repository of a request, over its counted DbScope (made once per request). */
export function conversationRepository(scope: RequestScope): ConversationRepository {
  return scope.slot('conversations.repository', () => new ConversationRepository(scope.db));
}
