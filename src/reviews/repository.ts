import { randomUUID } from 'node:crypto';
import { cypher } from '../db/cypher';
import { claimIdempotencyKey } from '../db/idempotency';
import type { DbScope, Tx } from '../db/database';
import type { RequestScope } from '../request/scope';
import type { KeyedPosition } from '../common/pagination';
import type { KeyedItem } from '../common/connection';
import { REVIEW_BURST, type ReviewDraft } from './rules';
import type { ReviewRecord } from './types';

const q = {
  lockLine: cypher('reviews/lock-line'),
  createReview: cypher('reviews/create-review'),
  settleReview: cypher('reviews/settle-review'),
  settleOrderReviews: cypher('reviews/settle-order-reviews'),
  lockReview: cypher('reviews/lock-review'),
  reviewsByIds: cypher('reviews/reviews-by-ids'),
  reviewsPage: cypher('reviews/reviews-page'),
  countReviews: cypher('reviews/count-reviews'),
  productRatings: cypher('reviews/product-ratings'),
  merchantRatings: cypher('reviews/merchant-ratings'),
  markHelpful: cypher('reviews/mark-helpful'),
  unmarkHelpful: cypher('reviews/unmark-helpful'),
  viewerHelpful: cypher('reviews/viewer-helpful'),
  reply: cypher('reviews/reply'),
  reviewsOfNotes: cypher('reviews/reviews-of-notes'),
  reviewOfLine: cypher('reviews/review-of-line'),
  holdReview: cypher('reviews/hold-review'),
  showOnNote: cypher('reviews/show-on-note'),
};

export interface RatingRow {
  id: string;
  count: number;
  sum: number;
  stars: number[];
}

/** A review's place in the rating before and after a change (cypher/fragments/review-settle.cypher). */
export interface Settled {
  id: string;
  authorId: string;
  wasCounted: boolean;
  counts: boolean;
}

export const lineKey = (orderId: string, productId: string) => `${orderId}:${productId}`;

/** Why a line cannot be reviewed, found under the order's lock; null when it can. */
export type LineRefusal = 'NO_ORDER' | 'NO_LINE' | 'ENDED' | 'REVIEWED';

export interface NewReview extends ReviewDraft {
  id: string;
  authorId: string;
  orderId: string;
  productId: string;
  /** Set when the sensitive-word check holds the review: the words it matched. */
  held: string[] | null;
  clientKey: string | null;
}

export class ReviewRepository {
  constructor(private readonly db: DbScope) {}

  /**
   * Writes a review of an order line, in one transaction: the order locked, the line checked (the
   * buyer's, not ended, not reviewed yet), the review stored and counted in the product's rating
   * under the product's lock, the burst check run. A retried key answers the first review's id.
   */
  async create(review: NewReview, now: number, refuse: (why: LineRefusal) => Error): Promise<{ id: string; created: boolean }> {
    const { id, clientKey, media, held, ...rest } = review;
    return this.db.writeTx(async (tx) => {
      const key = lineKey(review.orderId, review.productId);
      const [line] = await tx.run<{ status: string; hasLine: boolean; reviewed: boolean }>(q.lockLine, { buyerId: review.authorId, orderId: review.orderId, productId: review.productId, lineKey: key });
      const claim = clientKey === null ? null : await claimIdempotencyKey(tx, { actorId: review.authorId, operation: 'reviewProduct', key: clientKey, input: { ...rest, media } });
      if (claim && !claim.fresh) return { id: claim.resultId, created: false };
      // Thrown, so the transaction rolls back with the key it claimed.
      if (!line) throw refuse('NO_ORDER');
      if (!line.hasLine) throw refuse('NO_LINE');
      if (line.status !== 'PLACED') throw refuse('ENDED');
      if (line.reviewed) throw refuse('REVIEWED');
      await tx.run(q.createReview, {
        ...rest,
        modState: held ? 'PENDING' : null,
        id,
        lineKey: key,
        mediaJson: JSON.stringify(media),
        hasMedia: media.length > 0,
        now,
        flagId: randomUUID(),
        burstMin: REVIEW_BURST.minReviews,
        burstWindowMs: REVIEW_BURST.windowMs,
      });
      if (held) await tx.run(q.holdReview, { caseId: randomUUID(), reviewId: id, authorId: review.authorId, matched: held, now });
      await claim?.complete(id);
      return { id, created: true };
    });
  }

  /** Write-locks a review before moderation changes it; null when there is no such review. */
  static async lockReview(tx: Tx, id: string): Promise<{ modState: string | null; authorId: string } | null> {
    const [row] = await tx.run<{ modState: string | null; authorId: string }>(q.lockReview, { id });
    return row ?? null;
  }

  /** Brings a review into or out of its product's rating after its moderation state changed, in the caller's transaction (src/reviews/moderated.ts). */
  static readonly settleQuery = q.settleReview;

  /** Brings an order's reviews into or out of the ratings after its status or fraud flags changed, in the caller's transaction. */
  static async settleOrderReviews(tx: Tx, orderId: string): Promise<(Settled & { shown: boolean })[]> {
    return tx.run<Settled & { shown: boolean }>(q.settleOrderReviews, { orderId });
  }

  async reviewsByIds(ids: readonly string[]): Promise<ReviewRecord[]> {
    return (await this.db.read<{ review: ReviewRecord }>(q.reviewsByIds, { ids })).map((r) => r.review);
  }

  async reviewsPage(productId: string, viewerId: string | null, sort: string, withMedia: boolean, after: KeyedPosition<string> | null, limit: number): Promise<KeyedItem[]> {
    return this.db.read<KeyedItem>(q.reviewsPage, { productId, viewerId, sort, withMedia, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countReviews(productId: string, viewerId: string | null, withMedia: boolean): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countReviews, { productId, viewerId, withMedia });
    return row?.total ?? 0;
  }

  async productRatings(ids: readonly string[]): Promise<RatingRow[]> {
    return this.db.read<RatingRow>(q.productRatings, { ids });
  }

  async merchantRatings(ids: readonly string[]): Promise<RatingRow[]> {
    return this.db.read<RatingRow>(q.merchantRatings, { ids });
  }

  /** True when the vote is (now or already) there; false when the review is not one the voter may vote for. */
  async markHelpful(userId: string, id: string, now: number): Promise<boolean> {
    return (await this.db.write(q.markHelpful, { userId, id, now })).length > 0;
  }

  async unmarkHelpful(userId: string, id: string): Promise<void> {
    await this.db.write(q.unmarkHelpful, { userId, id });
  }

  async viewerHelpful(viewerId: string, ids: readonly string[]): Promise<string[]> {
    return (await this.db.read<{ id: string }>(q.viewerHelpful, { viewerId, ids })).map((r) => r.id);
  }

  /** null when the review is not of a product the merchant sells; replied false when it had a reply already. */
  async reply(merchantId: string, id: string, text: string, now: number): Promise<{ replied: boolean } | null> {
    const [row] = await this.db.write<{ replied: boolean }>(q.reply, { merchantId, id, text, now });
    return row ?? null;
  }

  async reviewsOfNotes(noteIds: readonly string[]): Promise<{ noteId: string; reviewId: string }[]> {
    return this.db.read<{ noteId: string; reviewId: string }>(q.reviewsOfNotes, { ids: noteIds });
  }

  async reviewsOfLines(lines: readonly { orderId: string; productId: string }[]): Promise<{ lineKey: string; id: string }[]> {
    return this.db.read<{ lineKey: string; id: string }>(q.reviewOfLine, { lines });
  }

  /** A 曬單: the note shows the author's review; false when it is not one they may show (src/content/create-note.ts). */
  static async showOnNote(tx: Tx, authorId: string, noteId: string, reviewId: string): Promise<boolean> {
    return (await tx.run(q.showOnNote, { authorId, noteId, reviewId })).length > 0;
  }
}

/** The review repository of a request, over its counted DbScope (made once per request). */
export function reviewRepository(scope: RequestScope): ReviewRepository {
  return scope.slot('reviews.repository', () => new ReviewRepository(scope.db));
}
