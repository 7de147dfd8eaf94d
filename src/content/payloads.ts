import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import { LIMITS } from './rules';
import { Collection, Note, type CollectionRecord, type NoteRecord } from './types';

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
