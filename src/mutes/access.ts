import type { Scope } from '../accounts/scope';
import type { CommentRecord, NoteRecord } from '../content/types';

/**
 * What other domains ask of mutes, as a narrow interface MuteService implements; it imports no
 * service, so no import cycle runs through it. Each answer is the pure rule of ./rules.ts over the
 * viewer's relation to the author (the viewer-relation loader's `isMuted`, which feed and comment
 * pages prime) and their live muted words (read once per loader generation).
 */
export interface MutedContent {
  /** The folded words the viewer mutes now on feed surfaces (scope FEEDS or ALL). */
  feedWords(scope: Scope): Promise<string[]>;
  /** Whether the note leaves the viewer's feed surfaces: its author is muted, or it contains a feed word. */
  isNoteMuted(scope: Scope, note: NoteRecord): Promise<boolean>;
  /** Whether the comment collapses for the viewer: its author is muted, or it contains a feed word. */
  isCommentMuted(scope: Scope, comment: CommentRecord): Promise<boolean>;
  /** Whether a notification leaves the viewer's notifications (the rule of cypher/fragments/notification-muted). */
  isNotificationMuted(scope: Scope, notification: { type: string; actorId: string; noteId: string | null; commentId: string | null }): Promise<boolean>;
  /** Whether the viewer has muted the conversation (no live push, no unread badge). */
  isConversationMuted(scope: Scope, conversationId: string): Promise<boolean>;
}
