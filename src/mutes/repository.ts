import { cypher } from '../db/cypher';
import type { RequestScope } from '../request/scope';
import type { DbScope, Tx } from '../db/database';
import type { Position } from '../common/pagination';
import type { MutedUserRecord, MutedWordRecord } from './types';

const q = {
  muteUser: cypher('mutes/mute-user'),
  unmuteUser: cypher('mutes/unmute-user'),
  mutedUsersPage: cypher('mutes/muted-users-page'),
  countMutedUsers: cypher('mutes/count-muted-users'),
  lockWordOwner: cypher('mutes/lock-word-owner'),
  muteWord: cypher('mutes/mute-word'),
  unmuteWord: cypher('mutes/unmute-word'),
  mutedWords: cypher('mutes/muted-words'),
  muteConversation: cypher('mutes/mute-conversation'),
  unmuteConversation: cypher('mutes/unmute-conversation'),
  conversationMutes: cypher('mutes/conversation-mutes'),
};

export class MuteRepository {
  constructor(private readonly db: DbScope) {}

  /** false when either user is missing. */
  async muteUser(viewerId: string, userId: string, until: number | null, now: number): Promise<boolean> {
    return (await this.db.write(q.muteUser, { viewerId, userId, until, now })).length > 0;
  }

  /** false when the user is missing. */
  async unmuteUser(viewerId: string, userId: string): Promise<boolean> {
    return (await this.db.write(q.unmuteUser, { viewerId, userId })).length > 0;
  }

  mutedUsersPage(viewerId: string, after: Position | null, limit: number): Promise<MutedUserRecord[]> {
    return this.db.read<MutedUserRecord & Record<string, unknown>>(q.mutedUsersPage, { viewerId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countMutedUsers(viewerId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countMutedUsers, { viewerId });
    return row?.total ?? 0;
  }

  /** Locks the viewer for a change of their words: how many live ones they have and whether this one is among them. */
  static async lockWordOwner(tx: Tx, viewerId: string, folded: string): Promise<{ live: number; existing: boolean } | null> {
    const [row] = await tx.run<{ live: number; existing: boolean }>(q.lockWordOwner, { viewerId, folded });
    return row ?? null;
  }

  static async muteWord(tx: Tx, args: { viewerId: string; word: string; folded: string; scope: string; until: number | null; now: number }): Promise<MutedWordRecord> {
    const [row] = await tx.run<MutedWordRecord & Record<string, unknown>>(q.muteWord, args);
    return row!;
  }

  async unmuteWord(viewerId: string, folded: string): Promise<boolean> {
    return (await this.db.write(q.unmuteWord, { viewerId, folded })).length > 0;
  }

  mutedWords(viewerId: string): Promise<MutedWordRecord[]> {
    return this.db.read<MutedWordRecord & Record<string, unknown>>(q.mutedWords, { viewerId });
  }

  /** false when the viewer is not a member. */
  async muteConversation(viewerId: string, conversationId: string, until: number | null, now: number): Promise<boolean> {
    return (await this.db.write(q.muteConversation, { viewerId, conversationId, until, now })).length > 0;
  }

  async unmuteConversation(viewerId: string, conversationId: string): Promise<boolean> {
    return (await this.db.write(q.unmuteConversation, { viewerId, conversationId })).length > 0;
  }

  /** The conversations among ids the viewer mutes now, with each mute's end (null: until lifted). */
  async conversationMutes(viewerId: string, ids: readonly string[]): Promise<Map<string, number | null>> {
    const rows = await this.db.read<{ id: string; mutedUntil: number | null }>(q.conversationMutes, { viewerId, ids });
    return new Map(rows.map((r) => [r.id, r.mutedUntil]));
  }
}

/** The mutes repository of a request, over its counted DbScope (made once per request). */
export function muteRepository(scope: RequestScope): MuteRepository {
  return scope.slot('mutes.repository', () => new MuteRepository(scope.db));
}
