import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, ObjectType, Field, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection, loaded } from '../common/connection';
import { requireIntInRange } from '../common/validate';
import { User } from '../accounts/types';
import type { NoteActivityEvent } from '../events/bus';
import { NoteConnection } from '../feeds/types';
import type { PayloadResult } from '../common/user-errors';
import {
  CollectInput,
  CollectPayload,
  CommentInput,
  CommentPayload,
  CreateNotePayload,
  DeleteCommentInput,
  DeleteCommentPayload,
  DeleteNoteInput,
  DeleteNotePayload,
  UpdateNotePayload,
  CreateCollectionInput,
  CreateCollectionPayload,
  LikeInput,
  LikePayload,
  RecordViewInput,
  RecordViewPayload,
  UncollectInput,
  UncollectPayload,
  UnlikeInput,
  UnlikePayload,
} from './payloads';
import { FOLLOWEE_LIKES_MAX } from './loaders';
import { LIMITS } from './rules';
import { Product, ProductRecord } from '../commerce/types';
import {
  Collection,
  CollectionRecord,
  Comment,
  CommentPermissions,
  CommentRecord,
  CreateNoteInput,
  FolloweeLikes,
  HotTopic,
  Media,
  MediaRecord,
  Note,
  NotePermissions,
  NoteRecord,
  Topic,
  topicOf,
  TrendWindow,
  UpdateNoteInput,
} from './types';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { instanceOf } from '../request/scope';
import { contentLoaders } from './loaders';
import { ContentService } from './service';
import type { Scope } from '../accounts/scope';

const CollectionConnection = Connection(Collection, 'Collection', "the viewer's collections");

export const CommentConnection = Connection(Comment, 'Comment', {
  page: "A page of a note's comments or of a comment's replies, oldest first.",
  item: 'a comment',
  total: 'comments in the whole list that the viewer may see',
  node: 'The comment (a placeholder without text or author once deleted).',
});

/** What changed on a note, for its live page. */
export enum NoteActivityKind {
  COMMENT_ADDED = 'COMMENT_ADDED',
  COMMENT_DELETED = 'COMMENT_DELETED',
  LIKE_COUNT_CHANGED = 'LIKE_COUNT_CHANGED',
}
registerEnumType(NoteActivityKind, {
  name: 'NoteActivityKind',
  description: 'What changed on a note, for its live page.',
  valuesConfig: {
    COMMENT_ADDED: { description: 'A comment or reply the viewer may see was posted (or approved out of pre-moderation); `comment` and `commentCount` are set.' },
    COMMENT_DELETED: { description: 'A comment was deleted; `comment` is its placeholder and `commentCount` the new count.' },
    LIKE_COUNT_CHANGED: { description: 'The like count changed; `likeCount` is set.' },
  },
});

@ObjectType({ description: 'A change on one note, pushed to its live page.' })
class NoteActivity {
  @Field(() => NoteActivityKind, { description: 'What changed, and so which of the other fields are set.' })
  kind!: NoteActivityKind;

  @Field(() => Note, { description: 'The note the change is on.' })
  note!: NoteRecord;

  @Field(() => Comment, { nullable: true, description: 'The comment added or deleted; null for a like-count change.' })
  comment!: CommentRecord | null;

  @Field(() => Int, { nullable: true, description: "The note's new like count; null unless the like count changed." })
  likeCount!: number | null;

  @Field(() => Int, { nullable: true, description: "The note's new comment count; null for a like-count change." })
  commentCount!: number | null;
}

@Resolver(() => Note)
export class NoteResolver {
  constructor(readonly contentService: ContentService) {}

  @Query(() => Note, { nullable: true, description: 'A note, or null when it does not exist or the viewer may not see it.' })
  note(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: "The note's id." }) id: string) {
    return this.contentService.note(ctx, id);
  }

  @Query(() => [HotTopic], { description: 'The topics with the most engagement inside the window, best first (at most 50).' })
  hotTopics(
    @Ctx() ctx: Scope,
    @Arg('window', () => TrendWindow, { defaultValue: TrendWindow.WEEK, description: 'How far back engagement counts.' }) window: TrendWindow,
    @Arg('first', () => Int, { defaultValue: 10, description: 'Default 10, at most 50.' }) first: number,
  ) {
    return this.contentService.hotTopics(ctx, window, first);
  }

  @Mutation(() => CreateNotePayload, { description: 'Posts a note by the viewer, on their profile or into a group they may post in; @handles in it notify the users mentioned.' })
  async createNote(@Ctx() ctx: Scope, @Arg('input', () => CreateNoteInput, { description: 'The note to post.' }) input: CreateNoteInput): Promise<PayloadResult<CreateNotePayload>> {
    return { note: await this.contentService.createNote(ctx, input) };
  }

  @Mutation(() => UpdateNotePayload, { description: "Changes the viewer's own note; only the fields given change." })
  async updateNote(@Ctx() ctx: Scope, @Arg('input', () => UpdateNoteInput, { description: 'The note and its changes.' }) input: UpdateNoteInput): Promise<PayloadResult<UpdateNotePayload>> {
    return { note: await this.contentService.updateNote(ctx, input) };
  }

  @Mutation(() => DeleteNotePayload, { description: "Soft-deletes the viewer's own note: it leaves every feed and count but is kept for moderation. Deleting it again succeeds." })
  async deleteNote(@Ctx() ctx: Scope, @Arg('input', () => DeleteNoteInput, { description: 'The note to delete.' }) input: DeleteNoteInput): Promise<PayloadResult<DeleteNotePayload>> {
    return { deletedNoteId: await this.contentService.deleteNote(ctx, input.noteId) };
  }

  @Mutation(() => LikePayload, { description: 'Likes a note; liking a note already liked succeeds.' })
  async like(@Ctx() ctx: Scope, @Arg('input', () => LikeInput, { description: 'The note to like.' }) input: LikeInput): Promise<PayloadResult<LikePayload>> {
    return { note: await this.contentService.like(ctx, input.noteId) };
  }

  @Mutation(() => UnlikePayload, { description: 'Removes a like; unliking a note not liked succeeds.' })
  async unlike(@Ctx() ctx: Scope, @Arg('input', () => UnlikeInput, { description: 'The note to stop liking.' }) input: UnlikeInput): Promise<PayloadResult<UnlikePayload>> {
    return { note: await this.contentService.unlike(ctx, input.noteId) };
  }

  @Mutation(() => CollectPayload, { description: "Collects a note into one of the viewer's collections (the default one when collectionId is omitted); collecting it again succeeds." })
  async collect(@Ctx() ctx: Scope, @Arg('input', () => CollectInput, { description: 'The note and the collection.' }) input: CollectInput): Promise<PayloadResult<CollectPayload>> {
    return { note: await this.contentService.collect(ctx, input.noteId, input.collectionId) };
  }

  @Mutation(() => UncollectPayload, { description: 'Takes a note out of one collection, or out of all of them when collectionId is omitted; taking out a note not there succeeds.' })
  async uncollect(@Ctx() ctx: Scope, @Arg('input', () => UncollectInput, { description: 'The note and the collection.' }) input: UncollectInput): Promise<PayloadResult<UncollectPayload>> {
    return { note: await this.contentService.uncollect(ctx, input.noteId, input.collectionId) };
  }

  @Mutation(() => CreateCollectionPayload, { description: 'Creates a named collection for the viewer.' })
  async createCollection(@Ctx() ctx: Scope, @Arg('input', () => CreateCollectionInput, { description: 'The collection to create.' }) input: CreateCollectionInput): Promise<PayloadResult<CreateCollectionPayload>> {
    return { collection: await this.contentService.createCollection(ctx, input) };
  }

  @Query(() => CollectionConnection, { description: "The viewer's collections: the default one first, then the others oldest first. Signed-in viewers only." })
  collections(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'How many collections to read after `after`. Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
  ) {
    return this.contentService.collections(ctx, first, after);
  }

  @Mutation(() => CommentPayload, { description: 'Comments on a note, or replies to a comment on it. @handles mention (and notify) users.' })
  async comment(@Ctx() ctx: Scope, @Arg('input', () => CommentInput, { description: 'The comment to post.' }) input: CommentInput): Promise<PayloadResult<CommentPayload>> {
    return { comment: await this.contentService.comment(ctx, input) };
  }

  @Mutation(() => DeleteCommentPayload, { description: "Deletes a comment, leaving a placeholder so the thread keeps its shape; allowed to its author and to the note's author. Deleting it again succeeds." })
  async deleteComment(@Ctx() ctx: Scope, @Arg('input', () => DeleteCommentInput, { description: 'The comment to delete.' }) input: DeleteCommentInput): Promise<PayloadResult<DeleteCommentPayload>> {
    return { deletedCommentId: await this.contentService.deleteComment(ctx, input.commentId) };
  }

  @Mutation(() => RecordViewPayload, { description: 'Records that the viewer saw the note; counted at most once per viewer per hour.' })
  async recordView(@Ctx() ctx: Scope, @Arg('input', () => RecordViewInput, { description: 'The note seen.' }) input: RecordViewInput): Promise<PayloadResult<RecordViewPayload>> {
    return { note: await this.contentService.recordView(ctx, input.noteId) };
  }

  @Subscription(() => NoteActivity, {
    description: 'New comments and like-count changes on one note, for a live note page; ends if the viewer can no longer see the note.',
    subscribe: ({ args, context }) => instanceOf(context as Scope, NoteResolver).contentService.noteActivity(context as Scope, args.noteId as string),
  })
  async noteActivity(@Root() event: NoteActivityEvent, @Ctx() ctx: Scope, @Arg('noteId', () => ID, { description: 'The note to follow; NOT_FOUND when the viewer may not see it.' }) _noteId: string): Promise<NoteActivity> {
    const note = await contentLoaders(ctx).noteById.load(event.noteId);
    return {
      kind: event.kind as NoteActivityKind,
      note: note!,
      comment: event.kind === 'LIKE_COUNT_CHANGED' ? null : await contentLoaders(ctx).commentById.load(event.commentId),
      likeCount: event.kind === 'LIKE_COUNT_CHANGED' ? event.likeCount : null,
      commentCount: event.kind === 'LIKE_COUNT_CHANGED' ? null : event.commentCount,
    };
  }

  @FieldResolver(() => User, { description: 'Who posted the note.' })
  async author(@Root() note: NoteRecord, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(note.authorId);
  }

  // The input limits bound these lists; the slices hold the bound for notes stored before them (imports).
  @FieldResolver(() => [Media], { description: `The images or video, in display order: at most ${LIMITS.media}.` })
  media(@Root() note: NoteRecord): MediaRecord[] {
    return (JSON.parse(note.mediaJson) as MediaRecord[]).slice(0, LIMITS.media);
  }

  @FieldResolver(() => [Topic], { description: `The note's #topics: at most ${LIMITS.topics}.` })
  topics(@Root() note: NoteRecord) {
    return note.topics.slice(0, LIMITS.topics).map(topicOf);
  }

  @FieldResolver(() => [Product], { description: `The products the note features: at most ${LIMITS.products} (a product since removed is left out).` })
  async products(@Root() note: NoteRecord, @Ctx() ctx: Scope): Promise<ProductRecord[]> {
    const products = await commerceLoaders(ctx).productById.loadMany(note.productIds.slice(0, LIMITS.products));
    return loaded(products);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the note was posted.' })
  createdAt(@Root() note: NoteRecord) {
    return new Date(note.createdAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When the author last changed it with updateNote; null if never.' })
  editedAt(@Root() note: NoteRecord) {
    return note.editedAt === null ? null : new Date(note.editedAt);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer likes the note; false for anonymous viewers.' })
  async viewerHasLiked(@Root() note: NoteRecord, @Ctx() ctx: Scope) {
    return (await contentLoaders(ctx).viewerNoteState.load(note.id)).liked;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the note is in any of the viewer\'s collections; false for anonymous viewers.' })
  async viewerHasCollected(@Root() note: NoteRecord, @Ctx() ctx: Scope) {
    return (await contentLoaders(ctx).viewerNoteState.load(note.id)).collected;
  }

  @FieldResolver(() => NotePermissions, { description: 'What the viewer may do with the note.' })
  viewerCan(@Root() note: NoteRecord, @Ctx() ctx: Scope) {
    return this.contentService.notePermissions(ctx, note);
  }

  @FieldResolver(() => FolloweeLikes, {
    nullable: true,
    description: 'Social proof: people the viewer follows who liked this note, most recent first. Null when it could not be computed: a failure here loses only this field, not the feed page.',
  })
  async likedByFollowees(@Root() note: NoteRecord, @Ctx() ctx: Scope, @Arg('first', () => Int, { defaultValue: 3, description: 'Default 3, at most 10.' }) first: number) {
    requireIntInRange(first, 'first', 1, FOLLOWEE_LIKES_MAX);
    const { total, userIds } = await contentLoaders(ctx).likedByFollowees.load(note.id);
    const users = await accountLoaders(ctx).userById.loadMany(userIds.slice(0, first));
    return { totalCount: total, users: loaded(users) };
  }

  @FieldResolver(() => CommentConnection, {
    description:
      'Top-level comments, oldest first; replies hang off each comment. Page to newer ones with first/after, or from the newest end to older ones with last/before (not both); pageInfo says whether more lie either way.',
  })
  comments(
    @Root() note: NoteRecord,
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'How many comments to read after `after` (without it, the oldest ones). Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
    @Arg('last', () => Int, { nullable: true, description: 'How many comments to read before `before` (without it, the newest ones). Default 20, at most 50.' }) last?: number | null,
    @Arg('before', () => String, { nullable: true, description: "A page's pageInfo.startCursor: the page before it holds older comments." }) before?: string | null,
  ) {
    return this.contentService.comments(ctx, note, null, { first, after, last, before });
  }
}

@Resolver(() => Comment)
export class CommentResolver {
  constructor(readonly contentService: ContentService) {}

  @FieldResolver(() => String, { nullable: true })
  text(@Root() comment: CommentRecord) {
    return comment.deletedAt === null ? comment.text : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the comment was deleted: it stays in its thread as a placeholder, without text or author.' })
  isDeleted(@Root() comment: CommentRecord) {
    return comment.deletedAt !== null;
  }

  @FieldResolver(() => CommentPermissions, { description: 'What the viewer may do with the comment.' })
  viewerCan(@Root() comment: CommentRecord, @Ctx() ctx: Scope) {
    return this.contentService.commentPermissions(ctx, comment);
  }

  @FieldResolver(() => User, { nullable: true, description: 'null once the comment is deleted.' })
  author(@Root() comment: CommentRecord, @Ctx() ctx: Scope) {
    return comment.deletedAt === null ? accountLoaders(ctx).userById.load(comment.authorId) : null;
  }

  @FieldResolver(() => Note, { nullable: true, description: 'The note the comment is on; null when the viewer may no longer see it.' })
  note(@Root() comment: CommentRecord, @Ctx() ctx: Scope) {
    return this.contentService.visibleNote(ctx, comment.noteId);
  }

  @FieldResolver(() => Comment, { nullable: true, description: 'The comment this one replies to; null for a top-level comment, or when the viewer may not see that one.' })
  replyTo(@Root() comment: CommentRecord, @Ctx() ctx: Scope) {
    return comment.replyToId ? contentLoaders(ctx).commentById.load(comment.replyToId) : null;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the comment was posted.' })
  createdAt(@Root() comment: CommentRecord) {
    return new Date(comment.createdAt);
  }

  @FieldResolver(() => CommentConnection, {
    description: 'Replies, oldest first. Page to newer ones with first/after, or from the newest end to older ones with last/before (not both); pageInfo says whether more lie either way.',
  })
  async replies(
    @Root() comment: CommentRecord,
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'How many replies to read after `after` (without it, the oldest ones). Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
    @Arg('last', () => Int, { nullable: true, description: 'How many replies to read before `before` (without it, the newest ones). Default 20, at most 50.' }) last?: number | null,
    @Arg('before', () => String, { nullable: true, description: "A page's pageInfo.startCursor: the page before it holds older replies." }) before?: string | null,
  ) {
    const note = await contentLoaders(ctx).noteById.load(comment.noteId);
    return this.contentService.comments(ctx, note!, comment.id, { first, after, last, before });
  }
}

@Resolver(() => Collection)
export class CollectionResolver {
  constructor(readonly contentService: ContentService) {}

  @FieldResolver(() => NoteConnection, { description: 'Notes in the collection, most recently added first.' })
  notes(
    @Root() collection: CollectionRecord,
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's pageInfo.endCursor; the first page when omitted." }) after?: string | null,
  ) {
    return this.contentService.collectionNotes(ctx, collection, first, after);
  }

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() collection: CollectionRecord) {
    return new Date(collection.createdAt);
  }
}
