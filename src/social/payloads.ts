import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import { User, type UserRecord } from '../accounts/types';

@InputType({ description: 'The user to follow.' })
export class FollowInput {
  @Field(() => ID, { description: 'The user to follow; not the viewer.' })
  userId!: string;
}

@InputType({ description: 'The user to stop following.' })
export class UnfollowInput {
  @Field(() => ID, { description: 'The user to stop following; not the viewer.' })
  userId!: string;
}

@InputType({ description: 'The user to block.' })
export class BlockInput {
  @Field(() => ID, { description: 'The user to block; not the viewer.' })
  userId!: string;
}

@InputType({ description: 'The user to unblock.' })
export class UnblockInput {
  @Field(() => ID, { description: 'The user to unblock; not the viewer.' })
  userId!: string;
}

@ObjectType({ description: 'The result of follow.' })
export class FollowPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The followed user; null when refused.' })
  user!: UserRecord | null;
}

@ObjectType({ description: 'The result of unfollow.' })
export class UnfollowPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user no longer followed; null when refused.' })
  user!: UserRecord | null;
}

@ObjectType({ description: 'The result of block.' })
export class BlockPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The blocked user; null when refused.' })
  user!: UserRecord | null;
}

@ObjectType({ description: 'The result of unblock.' })
export class UnblockPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The unblocked user; null when refused.' })
  user!: UserRecord | null;
}
