import { badInput } from '../common/errors';
import { isAdmin } from '../common/roles';
import { requireIntInRange, requireText } from '../common/validate';
import { normaliseMedia } from '../content/rules';
import { MediaInput, MediaRecord, NoteFormat } from '../content/types';

export const REVIEW_LIMITS = {
  text: 2000,
  media: 9,
  reply: 1000,
  /** Product.reviews pages. */
  pageDefault: 20,
  pageMax: 50,
};

/**
 * Fake-review signal: this many reviews of one product within the window, from accounts created on
 * one (UTC) day, open a REVIEW_BURST fraud flag for staff. Freshly made accounts reviewing one
 * product together is what bought reviews look like; real buyers' accounts are of all ages.
 */
export const REVIEW_BURST = { minReviews: 5, windowMs: 24 * 60 * 60 * 1000 };

export enum ReviewSort {
  HELPFUL = 'HELPFUL',
  LATEST = 'LATEST',
  RATING_HIGH = 'RATING_HIGH',
  RATING_LOW = 'RATING_LOW',
}

/** The first letter of a page key names the order it was made in (cypher/reviews/reviews-page.cypher). */
export const SORT_KEY_PREFIX: Record<ReviewSort, string> = { HELPFUL: 'H', LATEST: 'L', RATING_HIGH: 'R', RATING_LOW: 'W' };

export interface ReviewDraft {
  rating: number;
  quality: number | null;
  value: number | null;
  shipping: number | null;
  text: string;
  media: MediaRecord[];
  anonymous: boolean;
}

const stars = (value: number | null | undefined, field: string) => (value == null ? null : requireIntInRange(value, field, 1, 5));

/** A review as the buyer sent it, checked: ratings 1 to 5, text and media within their limits. */
export function validateReview(input: {
  rating: number;
  dimensions?: { quality?: number | null; value?: number | null; shipping?: number | null } | null;
  text?: string | null;
  media?: MediaInput[] | null;
  anonymous?: boolean | null;
}): ReviewDraft {
  const media = input.media ?? [];
  if (media.length > REVIEW_LIMITS.media) throw badInput('media', `at most ${REVIEW_LIMITS.media} items`);
  return {
    rating: requireIntInRange(input.rating, 'rating', 1, 5),
    quality: stars(input.dimensions?.quality, 'dimensions.quality'),
    value: stars(input.dimensions?.value, 'dimensions.value'),
    shipping: stars(input.dimensions?.shipping, 'dimensions.shipping'),
    text: requireText(input.text ?? '', 'text', { max: REVIEW_LIMITS.text }),
    // A review's pictures and clips are checked as a note's are (a review has no format to require a video).
    media: normaliseMedia(media, NoteFormat.IMAGE_TEXT, 'media'),
    anonymous: input.anonymous ?? false,
  };
}

/** Average of a rating, to two decimals; null when nothing is rated. */
export function ratingOf(row: { count: number; sum: number; stars: number[] }) {
  return {
    count: row.count,
    average: row.count === 0 ? null : Math.round((row.sum / row.count) * 100) / 100,
    distribution: [0, 1, 2, 3, 4].map((i) => row.stars[i] ?? 0),
  };
}

/** The moderation states a review can be in: null (shown), PENDING (held by the sensitive-word check), HIDDEN, REMOVED. */
export type ReviewModState = null | 'PENDING' | 'HIDDEN' | 'REMOVED';

/** What a change of moderation state means for the review's readers, for the events the points ledger consumes. */
export function moderationChange(before: ReviewModState, after: ReviewModState): 'PUBLISHED' | 'REMOVED' | 'RESTORED' | null {
  if (before === after) return null;
  if (after === null) return before === 'PENDING' ? 'PUBLISHED' : 'RESTORED';
  return before === null ? 'REMOVED' : null;
}

/**
 * Who may see a review: everyone once it is shown; its author and admins (the platform's
 * moderators, who handle review cases) while it is held, hidden or removed.
 */
export function canSeeReview(viewer: { id: string; role: string } | null, review: { modState: string | null; authorId: string }): boolean {
  return review.modState === null || (viewer !== null && (viewer.id === review.authorId || isAdmin(viewer)));
}
