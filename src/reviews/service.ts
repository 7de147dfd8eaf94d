import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../common/errors';
import { keyedConnection } from '../common/connection';
import { pageRequest, toPage } from '../common/pagination';
import { isStaff } from '../common/roles';
import { requireId, requireText } from '../common/validate';
import { UserErrorCode } from '../common/user-error-code';
import { requireIdempotencyKey } from '../db/idempotency';
import { publishAfterCommit } from '../events/after-commit';
import { matchSensitive } from '../moderation/rules';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { socialLoaders } from '../social/loaders';
import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import type { EventBus } from '../events/bus';
import type { Premoderation } from '../moderation/access';
import type { MediaRecord } from '../content/types';
import { reviewLoaders } from './loaders';
import { lineKey, type LineRefusal, type ReviewRepository } from './repository';
import { canSeeReview, REVIEW_LIMITS, ReviewSort, SORT_KEY_PREFIX, validateReview } from './rules';
import type { ReviewProductInput } from './payloads';
import type { ReviewRecord } from './types';

/** What ReviewService needs, named one by one; wired once per process in src/app/services.ts. */
export interface ReviewServiceDeps {
  repo: (scope: Scope) => ReviewRepository;
  events: EventBus;
  /** The platform's sensitive-word list (read once per request). */
  moderation: Pick<Premoderation, 'sensitiveWords'>;
}

const REFUSALS: Record<LineRefusal, () => Error> = {
  NO_ORDER: () => notFound('Order', 'orderId'),
  NO_LINE: () => notFound('Product in this order', 'productId'),
  ENDED: () => badInput('orderId', 'a cancelled or refunded order cannot be reviewed', UserErrorCode.INVALID_STATE),
  REVIEWED: () => badInput('productId', 'you have already reviewed this product of the order', UserErrorCode.ALREADY_REVIEWED),
};

export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  /**
   * The buyer reviews one line of their order, once. The review is stored and counted in the
   * product's rating in one transaction (src/reviews/repository.ts); a text with a sensitive word
   * holds it for the platform's moderators (shown to its author only, counted once approved).
   * Published at once, it announces REVIEW_CREATED after the commit.
   */
  async reviewProduct(scope: Scope, input: ReviewProductInput): Promise<ReviewRecord> {
    const viewer = await scope.requireViewer();
    const orderId = requireId(input.orderId, 'orderId');
    const productId = requireId(input.productId, 'productId');
    const draft = validateReview(input);
    const clientKey = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const matched = draft.text ? matchSensitive(draft.text, await this.deps.moderation.sensitiveWords(scope)) : [];
    const now = Date.now();
    const result = await this.deps.repo(scope).create(
      { ...draft, id: randomUUID(), authorId: viewer.id, orderId, productId, held: matched.length ? matched : null, clientKey },
      now,
      (why) => REFUSALS[why](),
    );
    reviewLoaders(scope).productRating.clear(productId);
    const review = await reviewLoaders(scope).reviewById.load(result.id);
    if (!review) throw notFound('Review', 'idempotencyKey');
    if (result.created && review.modState === null) {
      publishAfterCommit(scope, [{ to: 'review', topic: 'REVIEW_CREATED', event: createdEvent(review) }], this.deps);
    }
    return review;
  }

  /** Who may see a review (src/reviews/rules.ts, canSeeReview). */
  canSee(viewer: UserRecord | null, review: ReviewRecord): boolean {
    return canSeeReview(viewer, review);
  }

  /**
   * A review by id, by the rule of canSee; null when missing or not visible, and when its author is
   * in a block with the viewer, either way, unless it is anonymous (as in Product.reviews).
   */
  async visibleReview(scope: Scope, id: string): Promise<ReviewRecord | null> {
    const review = await reviewLoaders(scope).reviewById.load(id);
    const viewer = await scope.viewer();
    if (!review || !this.canSee(viewer, review)) return null;
    if (review.isAnonymous || !viewer || viewer.id === review.authorId) return review;
    const relation = await socialLoaders(scope).relationToViewer.load(review.authorId);
    return relation.isBlocked || relation.hasBlockedViewer ? null : review;
  }

  async review(scope: Scope, id: string): Promise<ReviewRecord | null> {
    return this.visibleReview(scope, requireId(id, 'id'));
  }

  /** The author, unless the review is anonymous: then only to the author and staff. */
  async author(scope: Scope, review: ReviewRecord): Promise<UserRecord | null> {
    if (review.isAnonymous) {
      const viewer = await scope.viewer();
      if (!viewer || (viewer.id !== review.authorId && !isStaff(viewer))) return null;
    }
    return accountLoaders(scope).userById.load(review.authorId);
  }

  /** Whether the review counts in the rating now: staff only (a held review's author is not told why). */
  async isCounted(scope: Scope, review: ReviewRecord): Promise<boolean | null> {
    const viewer = await scope.viewer();
    return viewer && isStaff(viewer) ? review.counted : null;
  }

  viewerHasMarkedHelpful(scope: Scope, review: ReviewRecord): Promise<boolean> {
    return reviewLoaders(scope).viewerFoundHelpful.load(review.id);
  }

  media(review: ReviewRecord): MediaRecord[] {
    return (JSON.parse(review.mediaJson) as MediaRecord[]).slice(0, REVIEW_LIMITS.media);
  }

  /**
   * A product's shown reviews, a page at a time, in the order asked for; those by an author in a
   * block with the viewer are left out unless anonymous. The rating counts them all: it is the
   * product's, the same for everyone.
   */
  async reviewsOfProduct(scope: Scope, productId: string, sort: ReviewSort, withMedia: boolean, first?: number | null, after?: string | null) {
    const { limit, after: position } = pageRequest(first, after, { key: 'string', max: REVIEW_LIMITS.pageMax });
    if (position && !position.k.startsWith(SORT_KEY_PREFIX[sort])) throw badInput('after', 'is not a valid cursor');
    const viewerId = await scope.viewerId();
    const page = toPage(await this.deps.repo(scope).reviewsPage(productId, viewerId, sort, withMedia, position, limit + 1), limit);
    return keyedConnection(page, reviewLoaders(scope).reviewById, () => this.deps.repo(scope).countReviews(productId, viewerId, withMedia));
  }

  productRating(scope: Scope, productId: string) {
    return reviewLoaders(scope).productRating.load(productId);
  }

  merchantRating(scope: Scope, userId: string) {
    return reviewLoaders(scope).merchantRating.load(userId);
  }

  /** One helpful vote per user: voting again changes nothing and succeeds. */
  async markHelpful(scope: Scope, reviewId: string): Promise<ReviewRecord> {
    const viewer = await scope.requireViewer();
    const review = await this.shownReview(scope, reviewId);
    if (review.authorId === viewer.id) throw badInput('reviewId', 'you cannot vote for your own review');
    if (!(await this.deps.repo(scope).markHelpful(viewer.id, review.id, Date.now()))) throw notFound('Review', 'reviewId');
    return this.reload(scope, review.id);
  }

  /** Takes the viewer's vote back; without one, nothing changes and it succeeds. */
  async unmarkHelpful(scope: Scope, reviewId: string): Promise<ReviewRecord> {
    const viewer = await scope.requireViewer();
    const review = await this.visibleReview(scope, requireId(reviewId, 'reviewId'));
    if (!review) throw notFound('Review', 'reviewId');
    await this.deps.repo(scope).unmarkHelpful(viewer.id, review.id);
    return this.reload(scope, review.id);
  }

  /** The merchant of the reviewed product replies, once. */
  async reply(scope: Scope, reviewId: string, text: string): Promise<ReviewRecord> {
    const viewer = await scope.requireViewer();
    const review = await this.shownReview(scope, reviewId);
    const clean = requireText(text, 'text', { min: 1, max: REVIEW_LIMITS.reply });
    const product = await commerceLoaders(scope).productById.load(review.productId);
    if (!product || product.merchantId !== viewer.id) throw notFound('Review of your product', 'reviewId');
    const done = await this.deps.repo(scope).reply(viewer.id, review.id, clean, Date.now());
    if (!done) throw notFound('Review of your product', 'reviewId');
    if (!done.replied) throw badInput('reviewId', 'you have already replied to this review', UserErrorCode.ALREADY_REPLIED);
    return this.reload(scope, review.id);
  }

  /** The review of an order line, for the order's readers (who see the order see its lines). */
  async reviewOfLine(scope: Scope, orderId: string, productId: string): Promise<ReviewRecord | null> {
    const id = await reviewLoaders(scope).reviewIdOfLine.load(lineKey(orderId, productId));
    return id ? this.visibleReview(scope, id) : null;
  }

  /** The review a note shows (a 曬單), by the review's own rule. */
  async reviewOfNote(scope: Scope, noteId: string): Promise<ReviewRecord | null> {
    const id = await reviewLoaders(scope).reviewIdOfNote.load(noteId);
    return id ? this.visibleReview(scope, id) : null;
  }

  private async shownReview(scope: Scope, reviewId: string): Promise<ReviewRecord> {
    const review = await reviewLoaders(scope).reviewById.load(requireId(reviewId, 'reviewId'));
    if (!review || review.modState !== null) throw notFound('Review', 'reviewId');
    return review;
  }

  private async reload(scope: Scope, id: string): Promise<ReviewRecord> {
    reviewLoaders(scope).reviewById.clear(id);
    const review = await reviewLoaders(scope).reviewById.load(id);
    if (!review) throw notFound('Review', 'reviewId');
    return review;
  }
}

/** What REVIEW_CREATED says about a published review. */
export function createdEvent(review: ReviewRecord) {
  return { reviewId: review.id, productId: review.productId, authorId: review.authorId, hasMedia: review.hasMedia, verified: review.verified, at: Date.now() };
}
