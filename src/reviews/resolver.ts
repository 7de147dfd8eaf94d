import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User, type UserRecord } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { OrderItem, Product, type ProductRecord } from '../commerce/types';
import { Media, Note, type MediaRecord, type NoteRecord } from '../content/types';
import type { PayloadResult } from '../common/user-errors';
import type { Scope } from '../accounts/scope';
import {
  MarkReviewHelpfulInput,
  MarkReviewHelpfulPayload,
  ReplyToReviewInput,
  ReplyToReviewPayload,
  ReviewProductInput,
  ReviewProductPayload,
  UnmarkReviewHelpfulInput,
  UnmarkReviewHelpfulPayload,
} from './payloads';
import { REVIEW_LIMITS, ReviewSort } from './rules';
import { Rating, Review, ReviewConnection, ReviewDimensions, ReviewReply, type ReviewRecord } from './types';
import { ReviewService } from './service';

@Resolver(() => Review)
export class ReviewResolver {
  constructor(readonly reviewService: ReviewService) {}

  @Mutation(() => ReviewProductPayload, {
    description:
      "The buyer reviews one product line of their own order, once (ALREADY_REVIEWED), while the order is paid for and live: a cancelled or refunded order's lines cannot be reviewed (INVALID_STATE). The review is a verified purchase and counts in the product's rating at once, unless its text has a sensitive word (it is held for moderators, shown only to its author until approved) or the order has an open or confirmed fraud flag (it is shown but left out of the rating until the flag is decided legitimate).",
  })
  async reviewProduct(@Ctx() ctx: Scope, @Arg('input', () => ReviewProductInput, { description: 'The order line, the ratings, the text and media.' }) input: ReviewProductInput): Promise<PayloadResult<ReviewProductPayload>> {
    return { review: await this.reviewService.reviewProduct(ctx, input) };
  }

  @Mutation(() => MarkReviewHelpfulPayload, { description: "Marks a review helpful: one vote per user; voting again changes nothing and succeeds. Not for the viewer's own review (INVALID)." })
  async markReviewHelpful(@Ctx() ctx: Scope, @Arg('input', () => MarkReviewHelpfulInput, { description: 'The review.' }) input: MarkReviewHelpfulInput): Promise<PayloadResult<MarkReviewHelpfulPayload>> {
    return { review: await this.reviewService.markHelpful(ctx, input.reviewId) };
  }

  @Mutation(() => UnmarkReviewHelpfulPayload, { description: "Takes the viewer's helpful vote back; without one, nothing changes and it succeeds." })
  async unmarkReviewHelpful(@Ctx() ctx: Scope, @Arg('input', () => UnmarkReviewHelpfulInput, { description: 'The review.' }) input: UnmarkReviewHelpfulInput): Promise<PayloadResult<UnmarkReviewHelpfulPayload>> {
    return { review: await this.reviewService.unmarkHelpful(ctx, input.reviewId) };
  }

  @Mutation(() => ReplyToReviewPayload, { description: 'The merchant of the reviewed product replies publicly, once per review (ALREADY_REPLIED); anyone else gets NOT_FOUND.' })
  async replyToReview(@Ctx() ctx: Scope, @Arg('input', () => ReplyToReviewInput, { description: 'The review and the reply.' }) input: ReplyToReviewInput): Promise<PayloadResult<ReplyToReviewPayload>> {
    return { review: await this.reviewService.reply(ctx, input.reviewId, input.text) };
  }

  @Query(() => Review, { nullable: true, description: 'A review by id; null when missing, or when held, hidden or removed by moderation (then only its author and admins see it).' })
  review(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The review.' }) id: string) {
    return this.reviewService.review(ctx, id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who wrote it; null for an anonymous review, except to its author and staff.' })
  author(@Root() review: ReviewRecord, @Ctx() ctx: Scope) {
    return this.reviewService.author(ctx, review);
  }

  @FieldResolver(() => Product, { nullable: true, description: 'The product reviewed; null if it is gone.' })
  product(@Root() review: ReviewRecord, @Ctx() ctx: Scope) {
    return commerceLoaders(ctx).productById.load(review.productId);
  }

  @FieldResolver(() => ReviewDimensions, { description: 'The sub-ratings given (quality, value, shipping).' })
  dimensions(@Root() review: ReviewRecord): ReviewDimensions {
    return { quality: review.quality, value: review.value, shipping: review.shipping };
  }

  @FieldResolver(() => [Media], { description: `Its pictures and clips, in the order given, at most ${REVIEW_LIMITS.media}.` })
  media(@Root() review: ReviewRecord): MediaRecord[] {
    return this.reviewService.media(review);
  }

  @FieldResolver(() => ReviewReply, { nullable: true, description: "The merchant's reply; null until they reply." })
  merchantReply(@Root() review: ReviewRecord): ReviewReply | null {
    return review.replyText === null ? null : { text: review.replyText, createdAt: new Date(review.repliedAt!), merchantId: review.replierId! };
  }

  @FieldResolver(() => Boolean, { description: 'The viewer marked it helpful (false when signed out).' })
  viewerHasMarkedHelpful(@Root() review: ReviewRecord, @Ctx() ctx: Scope) {
    return this.reviewService.viewerHasMarkedHelpful(ctx, review);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Staff only (null for everyone else): whether it counts in the product's rating now. It does not while it is held, hidden or removed, while its order has an open or confirmed fraud flag, or once its order is cancelled or refunded.",
  })
  isCountedInRating(@Root() review: ReviewRecord, @Ctx() ctx: Scope) {
    return this.reviewService.isCounted(ctx, review);
  }
}

@Resolver(() => ReviewReply)
export class ReviewReplyResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The merchant who replied.' })
  merchant(@Root() reply: ReviewReply, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(reply.merchantId);
  }
}

@Resolver(() => Product)
export class ProductReviewResolver {
  constructor(readonly reviewService: ReviewService) {}

  @FieldResolver(() => Rating, { description: 'Its star rating over the reviews that count, exact: kept in the transaction of every review and moderation change.' })
  rating(@Root() product: ProductRecord, @Ctx() ctx: Scope) {
    return this.reviewService.productRating(ctx, product.id);
  }

  @FieldResolver(() => ReviewConnection, { description: 'Its shown reviews (not those held or removed by moderation), in the order asked for.' })
  reviews(
    @Root() product: ProductRecord,
    @Ctx() ctx: Scope,
    @Arg('sort', () => ReviewSort, { defaultValue: ReviewSort.HELPFUL, description: 'The order; default HELPFUL.' }) sort: ReviewSort,
    @Arg('withMedia', () => Boolean, { defaultValue: false, description: 'True for reviews with pictures or clips only.' }) withMedia: boolean,
    @Arg('first', () => Int, { nullable: true, description: `How many to read after \`after\`. Default ${REVIEW_LIMITS.pageDefault}, at most ${REVIEW_LIMITS.pageMax}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page, read in the same sort.' }) after?: string | null,
  ) {
    return this.reviewService.reviewsOfProduct(ctx, product.id, sort, withMedia, first, after);
  }
}

@Resolver(() => User)
export class UserReviewResolver {
  constructor(readonly reviewService: ReviewService) {}

  @FieldResolver(() => Rating, { nullable: true, description: "A merchant's rating: the ratings of all their products' reviews that count, together. Null for a user who sells nothing." })
  merchantRating(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return this.reviewService.merchantRating(ctx, user.id);
  }
}

@Resolver(() => OrderItem)
export class OrderItemReviewResolver {
  constructor(readonly reviewService: ReviewService) {}

  @FieldResolver(() => Review, { nullable: true, description: "The buyer's review of this line; null until they write one." })
  review(@Root() item: { orderId: string; product: ProductRecord | null }, @Ctx() ctx: Scope) {
    return item.product ? this.reviewService.reviewOfLine(ctx, item.orderId, item.product.id) : null;
  }
}

@Resolver(() => Note)
export class NoteReviewResolver {
  constructor(readonly reviewService: ReviewService) {}

  @FieldResolver(() => Review, { nullable: true, description: "The author's review this note shows (a 曬單, see createNote's reviewId), with its product; null for none, or once the review is not visible." })
  review(@Root() note: NoteRecord, @Ctx() ctx: Scope) {
    return this.reviewService.reviewOfNote(ctx, note.id);
  }

  @FieldResolver(() => Boolean, { description: "True when the note shows its author's verified-purchase review: clients show the verified-purchase badge." })
  async isVerifiedPurchase(@Root() note: NoteRecord, @Ctx() ctx: Scope) {
    return (await this.reviewService.reviewOfNote(ctx, note.id))?.verified ?? false;
  }
}
