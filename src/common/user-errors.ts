import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { CODE_DESCRIPTIONS, UserErrorCode } from './user-error-code';

export { UserErrorCode, fieldPath } from './user-error-code';

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input: an expected business failure a client can branch on.',
  valuesConfig: Object.fromEntries(Object.entries(CODE_DESCRIPTIONS).map(([k, description]) => [k, { description }])),
});

@ObjectType({ description: 'An expected failure of a mutation, caused by its input.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description:
      'The path from the mutation\'s input root to the value at fault, e.g. ["items", "0", "qty"] for input.items[0].qty; null when the failure is not about one value.',
  })
  field!: string[] | null;

  @Field(() => UserErrorCode, { description: 'What went wrong, for clients to branch on.' })
  code!: UserErrorCode;

  @Field(() => String, { description: 'What went wrong, in words a user can read (English).' })
  message!: string;
}


/**
 * What every mutation returns: its entity fields (nullable: null when refused) and `userErrors`.
 * A resolver returns only the entity fields; src/server/payloads.ts adds `userErrors`, and turns
 * a thrown UserFailure into `{ userErrors: [...] }`.
 */
@ObjectType({ description: 'The fields every mutation payload has.' })
export abstract class MutationPayload {
  @Field(() => [UserError], { description: 'Why the mutation refused its input; empty when it succeeded. A refused mutation writes nothing.' })
  userErrors!: UserError[];
}

/** What a payload mutation's resolver returns: the payload without userErrors, which the schema wrapper adds. */
export type PayloadResult<P extends MutationPayload> = Partial<Omit<P, 'userErrors'>>;
