import DataLoader from 'dataloader';
import type { RequestScope } from '../request/scope';
import { conversationRepository, type ConversationRepository } from './repository';
import type { ConversationRecord, MemberRecord, MessageRecord } from './types';
import { MAX_REPORTED_MESSAGES } from './rules';

export function createConversationLoaders(repo: ConversationRepository, viewerId: () => Promise<string | null>) {
  return {
    /** A conversation with the viewer's own state in it; null when the viewer is not a member. */
    conversationForViewer: new DataLoader<string, ConversationRecord | null>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => null);
      const found = new Map((await repo.conversationsForViewer(viewer, ids)).map((c) => [c.id, c]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** Messages as stored; who may see one is decided by the service. */
    messageById: new DataLoader<string, MessageRecord | null>(async (ids) => {
      const found = new Map((await repo.messagesByIds(ids)).map((m) => [m.id, m]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    unreadCount: new DataLoader<string, number>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => 0);
      const counts = await repo.unreadCounts(viewer, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    /** The messages a moderation case's reports quote, by case id (who may read them is the service's to decide). */
    reportedMessages: new DataLoader<string, MessageRecord[]>(async (caseIds) => {
      const found = await repo.reportedMessages(caseIds, MAX_REPORTED_MESSAGES);
      return caseIds.map((id) => found.get(id) ?? []);
    }),
    members: new DataLoader<string, MemberRecord[]>(async (ids) => {
      const members = await repo.members(ids);
      return ids.map((id) => members.get(id) ?? []);
    }),
  };
}

export type ConversationLoaders = ReturnType<typeof createConversationLoaders>;

/** The request's conversation loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function conversationLoaders(scope: RequestScope): ConversationLoaders {
  return scope.memo('conversations.loaders', () => createConversationLoaders(conversationRepository(scope), () => scope.viewerId()));
}
