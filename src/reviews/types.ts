import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { Node } from '../common/node';
import { REVIEW_LIMITS, ReviewSort } from './rules';

export { ReviewSort } from './rules';

registerEnumType(ReviewSort, {
  name: 'ReviewSort',
  description: "The order of a product's reviews; each breaks ties newest first.",
  valuesConfig: {
    HELPFUL: { description: 'Most helpful votes first (the default).' },
    LATEST: { description: 'Newest first.' },
    RATING_HIGH: { description: 'Five stars first.' },
    RATING_LOW: { description: 'One star first.' },
  },
});

export interface ReviewRecord {
  id: string;
  orderId: string;
  productId: string;
  authorId: string;
  rating: number;
  quality: number | null;
  value: number | null;
  shipping: number | null;
  text: string;
  mediaJson: string;
  hasMedia: boolean;
  isAnonymous: boolean;
  verified: boolean;
  /** The same as verified, under its schema name. */
  isVerifiedPurchase: boolean;
  /** null (shown), PENDING (held by the sensitive-word check), HIDDEN or REMOVED (moderation). */
  modState: string | null;
  fraudHeld: boolean;
  counted: boolean;
  helpfulCount: number;
  createdAt: number;
  replyText: string | null;
  repliedAt: number | null;
  replierId: string | null;
}

@ObjectType({ description: 'Sub-ratings of a review, each 1 to 5 stars; null where the buyer gave none.' })
export class ReviewDimensions {
  @Field(() => Int, { nullable: true, description: 'How good the product is, 1 to 5.' })
  quality!: number | null;

  @Field(() => Int, { nullable: true, description: 'Value for money, 1 to 5.' })
  value!: number | null;

  @Field(() => Int, { nullable: true, description: 'Delivery and packaging, 1 to 5.' })
  shipping!: number | null;
}

@ObjectType({ description: "A product's star rating over the reviews that count: verified purchases, shown, from live orders without an open or confirmed fraud flag." })
export class Rating {
  @Field(() => Float, { nullable: true, description: 'The mean of the ratings, 1 to 5, rounded to two decimals; null when nothing is rated yet.' })
  average!: number | null;

  @Field(() => Int, { description: 'How many reviews count towards it.' })
  count!: number;

  @Field(() => [Int], { description: 'How many of them gave 1, 2, 3, 4 and 5 stars, in that order (always five numbers); they add up to count.' })
  distribution!: number[];
}

@ObjectType({ description: "The merchant's public reply to a review (one per review)." })
export class ReviewReply {
  @Field({ description: `The reply, 1 to ${REVIEW_LIMITS.reply} characters.` })
  text!: string;

  @Field(() => DateTimeISOResolver, { description: 'When the merchant replied.' })
  createdAt!: Date;

  /** merchant: resolved by ReviewReplyResolver. */
  merchantId!: string;
}

@ObjectType({ implements: Node, description: "A buyer's review of one product line of their order. Shown to everyone once published; an anonymous review names its author only to the author and staff." })
export class Review {
  @Field(() => ID, { description: 'The review, for review(id), markReviewHelpful, replyToReview and reports.' })
  id!: string;

  @Field(() => Int, { description: 'The overall rating, 1 to 5 stars.' })
  rating!: number;

  @Field({ description: `What the buyer wrote, at most ${REVIEW_LIMITS.text} characters (may be empty).` })
  text!: string;

  @Field({ description: 'True when the buyer asked not to be named: `author` is then null for everyone but the author and staff.' })
  isAnonymous!: boolean;

  @Field({ description: 'True when the review comes from a paid order of the product by its author (every review does: only buyers review).' })
  isVerifiedPurchase!: boolean;

  @Field({ description: 'True when it has pictures or clips.' })
  hasMedia!: boolean;

  @Field(() => Int, { description: 'How many users marked it helpful.' })
  helpfulCount!: number;

  @Field(() => DateTimeISOResolver, { description: 'When it was written.' })
  createdAt!: Date;
}

export const ReviewConnection = Connection(Review, 'Review', {
  page: "A page of a product's reviews, in the order asked for.",
  item: 'a review',
  total: 'shown reviews of the product (with media only, when asked)',
});
