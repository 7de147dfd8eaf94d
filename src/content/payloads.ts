import { Field, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import { LIMITS } from './rules';
import { Collection, type CollectionRecord } from './types';

@InputType({ description: 'A new collection of the viewer\'s.' })
export class CreateCollectionInput {
  @Field(() => String, { description: `The collection's name, 1 to ${LIMITS.collectionName} characters.` })
  name!: string;
}

@ObjectType({ description: 'The result of createCollection.' })
export class CreateCollectionPayload extends MutationPayload {
  @Field(() => Collection, { nullable: true, description: 'The new collection; null when refused.' })
  collection!: CollectionRecord | null;
}
