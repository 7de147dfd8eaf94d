import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { MutationPayload } from '../common/user-errors';
import { MediaInput } from '../content/types';
import { REVIEW_LIMITS } from './rules';
import { Review, type ReviewRecord } from './types';

@InputType({ description: 'Sub-ratings, each optional, 1 to 5 stars (INVALID otherwise).' })
export class ReviewDimensionsInput {
  @Field(() => Int, { nullable: true, description: 'How good the product is, 1 to 5.' })
  quality?: number | null;

  @Field(() => Int, { nullable: true, description: 'Value for money, 1 to 5.' })
  value?: number | null;

  @Field(() => Int, { nullable: true, description: 'Delivery and packaging, 1 to 5.' })
  shipping?: number | null;
}

@InputType({ description: 'A review of one product line of an order the viewer bought.' })
export class ReviewProductInput {
  @Field(() => ID, { description: "The order: the viewer's own (NOT_FOUND otherwise), not cancelled or refunded (INVALID_STATE)." })
  orderId!: string;

  @Field(() => ID, { description: 'The product, one of the order\'s lines (NOT_FOUND otherwise); each line is reviewed once (ALREADY_REVIEWED).' })
  productId!: string;

  @Field(() => Int, { description: 'The overall rating, 1 to 5 stars.' })
  rating!: number;

  @Field(() => ReviewDimensionsInput, { nullable: true, description: 'Optional sub-ratings: quality, value and shipping.' })
  dimensions?: ReviewDimensionsInput | null;

  @Field({ defaultValue: '', description: `What the buyer has to say, at most ${REVIEW_LIMITS.text} characters; may be empty. A text with a word of the platform's sensitive-word list holds the review for moderators: only its author sees it until they approve it.` })
  @MaxLength(REVIEW_LIMITS.text * 2)
  text!: string;

  @Field(() => [MediaInput], { defaultValue: [], description: `Pictures or clips, at most ${REVIEW_LIMITS.media}.` })
  media!: MediaInput[];

  @Field({ defaultValue: false, description: 'True to publish without naming the author: only the author and staff see who wrote it. Default false.' })
  anonymous!: boolean;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key and input returns the first review; the same key with another input is IDEMPOTENCY_KEY_REUSED. At most 100 characters.' })
  @MaxLength(100)
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of reviewProduct.' })
export class ReviewProductPayload extends MutationPayload {
  @Field(() => Review, { nullable: true, description: 'The review written; null when refused.' })
  review!: ReviewRecord | null;
}

@InputType({ description: 'The review to vote for.' })
export class MarkReviewHelpfulInput {
  @Field(() => ID, { description: 'A shown review by someone else (NOT_FOUND for an unknown or hidden one, INVALID for the viewer\'s own).' })
  reviewId!: string;
}

@ObjectType({ description: 'The result of markReviewHelpful.' })
export class MarkReviewHelpfulPayload extends MutationPayload {
  @Field(() => Review, { nullable: true, description: 'The review, with its helpful count; null when refused.' })
  review!: ReviewRecord | null;
}

@InputType({ description: 'The review to take a helpful vote back from.' })
export class UnmarkReviewHelpfulInput {
  @Field(() => ID, { description: 'A review the viewer may see (NOT_FOUND otherwise).' })
  reviewId!: string;
}

@ObjectType({ description: 'The result of unmarkReviewHelpful.' })
export class UnmarkReviewHelpfulPayload extends MutationPayload {
  @Field(() => Review, { nullable: true, description: 'The review, with its helpful count; null when refused.' })
  review!: ReviewRecord | null;
}

@InputType({ description: "The merchant's reply to a review of their product." })
export class ReplyToReviewInput {
  @Field(() => ID, { description: 'A review of a product the viewer sells (NOT_FOUND otherwise); replied to once (ALREADY_REPLIED).' })
  reviewId!: string;

  @Field({ description: `The reply, 1 to ${REVIEW_LIMITS.reply} characters.` })
  @MaxLength(REVIEW_LIMITS.reply * 2)
  text!: string;
}

@ObjectType({ description: 'The result of replyToReview.' })
export class ReplyToReviewPayload extends MutationPayload {
  @Field(() => Review, { nullable: true, description: 'The review with its reply; null when refused.' })
  review!: ReviewRecord | null;
}
