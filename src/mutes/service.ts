import { badInput, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { requireId } from '../common/validate';
import { UserErrorCode } from '../common/user-error-code';
import { accountLoaders } from '../accounts/loaders';
import { socialLoaders } from '../social/loaders';
import { contentLoaders } from '../content/loaders';
import { conversationLoaders } from '../conversations/loaders';
import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import type { CommentRecord, NoteRecord } from '../content/types';
import type { ConversationRecord } from '../conversations/types';
import { MuteRepository } from './repository';
import { muteLoaders } from './loaders';
import type { MutedContent } from './access';
import { checkMutedWord, checkUntil, containsMutedWord, coversFeeds, coversNotifications, MUTE_LIMITS, MUTED_USERS_PAGE_MAX, MuteScope, noteText } from './rules';
import type { MutedWordRecord } from './types';
import type { CacheInvalidation } from '../events/invalidation';

/** What MuteService needs, named one by one; wired once per process in src/app/services.ts. */
export interface MuteServiceDeps {
  repo: (scope: Scope) => MuteRepository;
  /** The discover candidates leave out what the viewer mutes: a mute or unmute drops their cached ranking. */
  invalidation: Pick<CacheInvalidation, 'discoverChanged'>;
}

export class MuteService implements MutedContent {
  constructor(private readonly deps: MuteServiceDeps) {}

  // ---- users

  private async target(scope: Scope, userId: string): Promise<{ viewer: UserRecord; id: string }> {
    const viewer = await scope.requireViewer();
    const id = requireId(userId, 'userId');
    if (id === viewer.id) throw badInput('userId', 'you cannot mute yourself');
    return { viewer, id };
  }

  private async reloadUser(scope: Scope, id: string): Promise<UserRecord> {
    socialLoaders(scope).relationToViewer.clear(id);
    const user = await accountLoaders(scope).userById.load(id);
    if (!user) throw notFound('User', 'userId');
    return user;
  }

  /** Muting again renews the mute with the new end; nothing reaches the muted user. */
  async mute(scope: Scope, userId: string, until: Date | null | undefined): Promise<UserRecord> {
    const { viewer, id } = await this.target(scope, userId);
    const now = Date.now();
    const end = checkUntil(until, now);
    if (!(await this.deps.repo(scope).muteUser(viewer.id, id, end, now))) throw notFound('User', 'userId');
    this.deps.invalidation.discoverChanged([viewer.id], 'RELATIONS');
    return this.reloadUser(scope, id);
  }

  /** Unmuting someone not muted succeeds and changes nothing. */
  async unmute(scope: Scope, userId: string): Promise<UserRecord> {
    const viewer = await scope.requireViewer();
    const id = requireId(userId, 'userId');
    if (!(await this.deps.repo(scope).unmuteUser(viewer.id, id))) throw notFound('User', 'userId');
    this.deps.invalidation.discoverChanged([viewer.id], 'RELATIONS');
    return this.reloadUser(scope, id);
  }

  async mutedUsers(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: MUTED_USERS_PAGE_MAX });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.mutedUsersPage(viewer.id, position, limit + 1), limit);
    const edges = page.items.map((row) => {
      accountLoaders(scope).userById.prime(row.user.id, row.user);
      return {
        cursor: encodeCursor({ k: row.mutedAt, id: row.user.id }),
        node: row.user,
        mutedAt: new Date(row.mutedAt),
        mutedUntil: row.mutedUntil === null ? null : new Date(row.mutedUntil),
      };
    });
    return connectionOf(edges, page.hasNextPage, () => repo.countMutedUsers(viewer.id));
  }

  // ---- words

  /**
   * Mutes a word, or changes the scope and end of one muted before. The count is checked under the
   * viewer's lock in the transaction that adds the word, so two calls at once cannot pass the limit.
   */
  async muteWord(scope: Scope, input: { word: string; scope?: MuteScope | null; until?: Date | null }): Promise<MutedWordRecord> {
    const viewer = await scope.requireViewer();
    const { word, folded } = checkMutedWord(input.word);
    const muteScope = input.scope ?? MuteScope.ALL;
    if (!Object.values(MuteScope).includes(muteScope)) throw badInput('scope', 'is not a mute scope');
    const now = Date.now();
    const until = checkUntil(input.until, now);
    const muted = await scope.db.writeTx(async (tx) => {
      const owner = await MuteRepository.lockWordOwner(tx, viewer.id, folded);
      if (!owner) return null;
      if (!owner.existing && owner.live >= MUTE_LIMITS.wordsPerUser) {
        throw badInput('word', `you can mute at most ${MUTE_LIMITS.wordsPerUser} words; unmute one first`, UserErrorCode.LIMIT_REACHED);
      }
      return MuteRepository.muteWord(tx, { viewerId: viewer.id, word, folded, scope: muteScope, until, now });
    });
    if (!muted) throw notFound('User');
    if (coversFeeds(muted.scope)) this.deps.invalidation.discoverChanged([viewer.id], 'SIGNALS');
    return muted;
  }

  /** Unmuting a word not muted succeeds and changes nothing; answers the word as given. */
  async unmuteWord(scope: Scope, rawWord: string): Promise<string> {
    const viewer = await scope.requireViewer();
    const { word, folded } = checkMutedWord(rawWord);
    await this.deps.repo(scope).unmuteWord(viewer.id, folded);
    this.deps.invalidation.discoverChanged([viewer.id], 'SIGNALS');
    return word;
  }

  async mutedWords(scope: Scope): Promise<MutedWordRecord[]> {
    await scope.requireViewer();
    return muteLoaders(scope).words();
  }

  // ---- conversations

  async muteConversation(scope: Scope, conversationId: string, until: Date | null | undefined): Promise<ConversationRecord> {
    const viewer = await scope.requireViewer();
    const id = requireId(conversationId, 'conversationId');
    const now = Date.now();
    const end = checkUntil(until, now);
    if (!(await this.deps.repo(scope).muteConversation(viewer.id, id, end, now))) throw notFound('Conversation', 'conversationId');
    return this.reloadConversation(scope, id);
  }

  async unmuteConversation(scope: Scope, conversationId: string): Promise<ConversationRecord> {
    const viewer = await scope.requireViewer();
    const id = requireId(conversationId, 'conversationId');
    if (!(await this.deps.repo(scope).unmuteConversation(viewer.id, id))) throw notFound('Conversation', 'conversationId');
    return this.reloadConversation(scope, id);
  }

  private async reloadConversation(scope: Scope, id: string): Promise<ConversationRecord> {
    muteLoaders(scope).conversationMute.clear(id);
    const conversation = await conversationLoaders(scope).conversationForViewer.load(id);
    if (!conversation) throw notFound('Conversation', 'conversationId');
    return conversation;
  }

  /** The mute's end for a conversation the viewer mutes (null: until lifted); undefined when not muted. */
  async conversationMute(scope: Scope, conversationId: string): Promise<{ mutedUntil: number | null } | null> {
    return muteLoaders(scope).conversationMute.load(conversationId);
  }

  async isConversationMuted(scope: Scope, conversationId: string): Promise<boolean> {
    return (await this.conversationMute(scope, conversationId)) !== null;
  }

  // ---- the rule, for the surfaces a mute covers

  private async wordsFor(scope: Scope, covers: (s: MuteScope) => boolean): Promise<string[]> {
    if (!(await scope.viewerId())) return [];
    return (await muteLoaders(scope).words()).filter((w) => covers(w.scope)).map((w) => w.folded);
  }

  feedWords(scope: Scope): Promise<string[]> {
    return this.wordsFor(scope, coversFeeds);
  }

  /** Whether the viewer mutes the user now (the viewer-relation loader's answer, primed by feed and comment pages). */
  private async mutesUser(scope: Scope, userId: string): Promise<boolean> {
    const viewerId = await scope.viewerId();
    if (!viewerId || viewerId === userId) return false;
    return (await socialLoaders(scope).relationToViewer.load(userId)).isMuted;
  }

  async isNoteMuted(scope: Scope, note: NoteRecord): Promise<boolean> {
    if ((await scope.viewerId()) === note.authorId) return false;
    if (await this.mutesUser(scope, note.authorId)) return true;
    return containsMutedWord(noteText(note), await this.feedWords(scope));
  }

  /** A deleted comment has no text or author to mute; the viewer's own comments never collapse. */
  async isCommentMuted(scope: Scope, comment: CommentRecord): Promise<boolean> {
    if (comment.deletedAt !== null || (await scope.viewerId()) === comment.authorId) return false;
    if (await this.mutesUser(scope, comment.authorId)) return true;
    return containsMutedWord(comment.text, await this.feedWords(scope));
  }

  async isNotificationMuted(scope: Scope, n: { type: string; actorId: string; noteId: string | null; commentId: string | null }): Promise<boolean> {
    const viewerId = await scope.viewerId();
    if (!viewerId) return false;
    if (n.type !== 'MODERATION_ACTION' && (await this.mutesUser(scope, n.actorId))) return true;
    const words = await this.wordsFor(scope, coversNotifications);
    if (words.length === 0) return false;
    // What it is about, as the Cypher half reads it: the comment it names, else a note by someone else.
    const comment = n.commentId ? await contentLoaders(scope).commentById.load(n.commentId) : null;
    if (comment?.text) return containsMutedWord(comment.text, words);
    const note = n.noteId ? await contentLoaders(scope).noteById.load(n.noteId) : null;
    return note !== null && note.authorId !== viewerId && containsMutedWord(noteText(note), words);
  }
}
