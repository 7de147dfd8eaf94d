import type { Tx } from '../db/database';
import type { AfterCommit } from '../events/after-commit';
import { ReviewRepository } from './repository';
import { moderationChange, type ReviewModState } from './rules';

/**
 * After moderation changed a review's state in this transaction (an action, an approval, an appeal
 * reversed): the review comes into or leaves its product's rating in the same transaction, and what
 * changed for its readers is announced once committed, for the points ledger: REVIEW_CREATED when a
 * held review is approved, REVIEW_REMOVED when a shown one is hidden or removed, REVIEW_RESTORED
 * when a hidden or removed one is shown again.
 */
export async function settleModeratedReview(tx: Tx, reviewId: string, before: { modState: string | null }): Promise<AfterCommit[]> {
  const [settled] = await tx.run<{ id: string; authorId: string; productId: string; hasMedia: boolean; verified: boolean; modState: string | null }>(
    ReviewRepository.settleQuery,
    { id: reviewId },
  );
  if (!settled) return [];
  const at = Date.now();
  switch (moderationChange(before.modState as ReviewModState, settled.modState as ReviewModState)) {
    case 'PUBLISHED':
      return [{ to: 'review', topic: 'REVIEW_CREATED', event: { reviewId, productId: settled.productId, authorId: settled.authorId, hasMedia: settled.hasMedia, verified: settled.verified, at } }];
    case 'REMOVED':
      return [{ to: 'review', topic: 'REVIEW_REMOVED', event: { reviewId, authorId: settled.authorId, at } }];
    case 'RESTORED':
      return [{ to: 'review', topic: 'REVIEW_RESTORED', event: { reviewId, authorId: settled.authorId, at } }];
    default:
      return [];
  }
}
