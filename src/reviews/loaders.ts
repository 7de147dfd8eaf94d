import DataLoader from 'dataloader';
import { reviewRepository, lineKey, type ReviewRepository } from './repository';
import { ratingOf } from './rules';
import type { RequestScope } from '../request/scope';
import type { ReviewRecord } from './types';

const EMPTY = { count: 0, sum: 0, stars: [0, 0, 0, 0, 0] };

export function createReviewLoaders(repo: ReviewRepository, viewerId: () => Promise<string | null>) {
  return {
    reviewById: new DataLoader<string, ReviewRecord | null>(async (ids) => {
      const reviews = new Map((await repo.reviewsByIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => reviews.get(id) ?? null);
    }),
    productRating: new DataLoader<string, ReturnType<typeof ratingOf>>(async (ids) => {
      const rows = new Map((await repo.productRatings(ids)).map((r) => [r.id, r]));
      return ids.map((id) => ratingOf(rows.get(id) ?? EMPTY));
    }),
    /** null for a user who sells nothing. */
    merchantRating: new DataLoader<string, ReturnType<typeof ratingOf> | null>(async (ids) => {
      const rows = new Map((await repo.merchantRatings(ids)).map((r) => [r.id, r]));
      return ids.map((id) => {
        const row = rows.get(id);
        return row ? ratingOf(row) : null;
      });
    }),
    viewerFoundHelpful: new DataLoader<string, boolean>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => false);
      const voted = new Set(await repo.viewerHelpful(viewer, ids));
      return ids.map((id) => voted.has(id));
    }),
    reviewIdOfNote: new DataLoader<string, string | null>(async (noteIds) => {
      const rows = new Map((await repo.reviewsOfNotes(noteIds)).map((r) => [r.noteId, r.reviewId]));
      return noteIds.map((id) => rows.get(id) ?? null);
    }),
    /** Keyed by `orderId:productId` (lineKey). */
    reviewIdOfLine: new DataLoader<string, string | null>(async (keys) => {
      const lines = keys.map((k) => {
        const [orderId, productId] = k.split(':');
        return { orderId: orderId!, productId: productId! };
      });
      const rows = new Map((await repo.reviewsOfLines(lines)).map((r) => [r.lineKey, r.id]));
      return keys.map((k) => rows.get(k) ?? null);
    }),
  };
}

export type ReviewLoaders = ReturnType<typeof createReviewLoaders>;

/** The request's review loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function reviewLoaders(scope: RequestScope): ReviewLoaders {
  return scope.memo('reviews.loaders', () => createReviewLoaders(reviewRepository(scope), () => scope.viewerId()));
}

export { lineKey };
