import type { Scope } from '../accounts/scope';
import type { ModerationRepository } from './repository';
import type { Premoderation } from './access';

/**
 * Moderation's word list and holds, built from the moderation repository alone: content and groups
 * need them, and moderation itself needs content and groups, so they live here, below all three.
 */
export class ModerationPolicy implements Premoderation {
  constructor(private readonly deps: { repo: (scope: Scope) => ModerationRepository }) {}

  /** The word list is read at most once per request (a request that changes it reads it again). */
  private words(scope: Scope): { list: Promise<string[]> | null } {
    return scope.slot('moderation.sensitiveWords', () => ({ list: null }));
  }

  sensitiveWords(scope: Scope): Promise<string[]> {
    const cached = this.words(scope);
    cached.list ??= this.deps.repo(scope).sensitiveWords();
    return cached.list;
  }

  /** After the list changed in this request, its next read goes to the database again. */
  forgetWords(scope: Scope): void {
    this.words(scope).list = null;
  }

  /** Content held by a group's pre-moderation waits in its queue. */
  async hold(scope: Scope, targetType: 'NOTE' | 'COMMENT', targetId: string, groupId: string, authorId: string, matched: string[]) {
    await this.deps.repo(scope).openPremoderationCase(targetType, targetId, groupId, authorId, matched, Date.now());
  }
}
