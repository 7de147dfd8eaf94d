import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import { LIMITS } from './rules';
import { Collection, Comment, Note, type CollectionRecord, type CommentRecord, type NoteRecord } from './types';

const IDEMPOTENCY_KEY = (what: string) => `Retrying with the same key returns the ${what} the first call made, without making another. At most 100 characters.`;

@ObjectType({ description: 'The result of createNote.' })
export class CreateNotePayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The new note (or, for a retried idempotency key, the note the first call made); null when refused.' })
  note!: NoteRecord | null;
}

@ObjectType({ description: 'The result of updateNote.' })
export class UpdateNotePayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The note as it is after the change; null when refused.' })
  note!: NoteRecord | null;
}

@InputType({ description: "The viewer's own note to delete." })
export class DeleteNoteInput {
  @Field(() => ID, { description: "The note to delete; it must be the viewer's own." })
  noteId!: string;
}

@ObjectType({ description: 'The result of deleteNote.' })
export class DeleteNotePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted note, also when it was already deleted; null when refused.' })
  deletedNoteId!: string | null;
}

@InputType({ description: 'A comment on a note, or a reply to one of its comments.' })
export class CommentInput {
  @Field(() => ID, { description: 'The note commented on; the viewer must be able to see it.' })
  noteId!: string;

  @Field(() => String, { description: `The comment, 1 to ${LIMITS.comment} characters. @handles mention (and notify) users.` })
  text!: string;

  @Field(() => ID, { nullable: true, description: 'The comment on the same note this one replies to; a top-level comment when omitted.' })
  replyToId?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY('comment') })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of comment.' })
export class CommentPayload extends MutationPayload {
  @Field(() => Comment, { nullable: true, description: 'The new comment (or, for a retried idempotency key, the first call\'s); null when refused.' })
  comment!: CommentRecord | null;
}

@InputType({ description: 'The comment to delete.' })
export class DeleteCommentInput {
  @Field(() => ID, { description: "The comment to delete: the viewer's own, or any comment on the viewer's note." })
  commentId!: string;
}

@ObjectType({ description: 'The result of deleteComment.' })
export class DeleteCommentPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted comment, also when it was already deleted; null when refused.' })
  deletedCommentId!: string | null;
}

@InputType({ description: 'A new collection of the viewer\'s.' })
export class CreateCollectionInput {
  @Field(() => String, { description: `The collection's name, 1 to ${LIMITS.collectionName} characters.` })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Retrying with the same key and the same input returns the first collection; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.',
  })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of createCollection.' })
export class CreateCollectionPayload extends MutationPayload {
  @Field(() => Collection, { nullable: true, description: 'The new collection; null when refused.' })
  collection!: CollectionRecord | null;
}

@InputType({ description: 'The note to like.' })
export class LikeInput {
  @Field(() => ID, { description: 'The note to like.' })
  noteId!: string;
}

@ObjectType({ description: 'The result of like.' })
export class LikePayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The liked note, with its new like count; null when refused.' })
  note!: NoteRecord | null;
}

@InputType({ description: 'The note to stop liking.' })
export class UnlikeInput {
  @Field(() => ID, { description: 'The note to stop liking.' })
  noteId!: string;
}

@ObjectType({ description: 'The result of unlike.' })
export class UnlikePayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The note, with its new like count; null when refused.' })
  note!: NoteRecord | null;
}

@InputType({ description: 'The note to collect, and where.' })
export class CollectInput {
  @Field(() => ID, { description: 'The note to collect.' })
  noteId!: string;

  @Field(() => ID, { nullable: true, description: "One of the viewer's collections; the default one when omitted." })
  collectionId?: string | null;
}

@ObjectType({ description: 'The result of collect.' })
export class CollectPayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The collected note, with its new collect count; null when refused.' })
  note!: NoteRecord | null;
}

@InputType({ description: 'The note to take out of collections, and from which.' })
export class UncollectInput {
  @Field(() => ID, { description: 'The note to take out.' })
  noteId!: string;

  @Field(() => ID, { nullable: true, description: "The collection to take it out of; all of the viewer's collections when omitted." })
  collectionId?: string | null;
}

@ObjectType({ description: 'The result of uncollect.' })
export class UncollectPayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The note, with its new collect count; null when refused.' })
  note!: NoteRecord | null;
}

@InputType({ description: 'The note the viewer saw.' })
export class RecordViewInput {
  @Field(() => ID, { description: 'The note the viewer saw.' })
  noteId!: string;
}

@ObjectType({ description: 'The result of recordView.' })
export class RecordViewPayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The note, with its view count; null when refused.' })
  note!: NoteRecord | null;
}
