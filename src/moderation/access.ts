import type { Scope } from '../accounts/scope';

/** What other domains ask of moderation; ModerationPolicy (src/moderation/policy.ts) implements it, and it imports no service. */
export interface Premoderation {
  /** The platform's sensitive words (read once per request). */
  sensitiveWords(scope: Scope): Promise<string[]>;
  /** Opens a premoderation case for a held note or comment. */
  hold(scope: Scope, targetType: 'NOTE' | 'COMMENT', targetId: string, groupId: string, authorId: string, matched: string[]): Promise<void>;
}
