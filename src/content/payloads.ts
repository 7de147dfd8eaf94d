import { Field, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import { LIMITS } from './rules';
import { Collection, type CollectionRecord } from './types';

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
