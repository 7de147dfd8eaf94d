import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MutationPayload } from '../common/user-errors';
import { User, type UserRecord } from '../accounts/types';
import { Conversation, type ConversationRecord } from '../conversations/types';
import { MUTE_LIMITS, MuteScope } from './rules';
import { MutedWord } from './types';

const UNTIL = 'When the mute ends by itself: in the future, at most a year from now (INVALID otherwise). Without it, the mute lasts until lifted; muting again replaces the end.';

@InputType({ description: 'The user to mute.' })
export class MuteInput {
  @Field(() => ID, { description: 'The user to mute; not the viewer. They are not told.' })
  userId!: string;

  @Field(() => DateTimeISOResolver, { nullable: true, description: UNTIL })
  until?: Date | null;
}

@InputType({ description: 'The user to unmute.' })
export class UnmuteInput {
  @Field(() => ID, { description: 'The user to unmute.' })
  userId!: string;
}

@InputType({ description: 'The word to mute.' })
export class MuteWordInput {
  @Field({ description: `The word or phrase, ${MUTE_LIMITS.wordMin} to ${MUTE_LIMITS.wordMax} characters on one line. Matched anywhere in a text, ignoring case and width.` })
  word!: string;

  @Field(() => MuteScope, { defaultValue: MuteScope.ALL, description: 'Where it hides what contains it. Default ALL.' })
  scope!: MuteScope;

  @Field(() => DateTimeISOResolver, { nullable: true, description: UNTIL })
  until?: Date | null;
}

@InputType({ description: 'The word to unmute.' })
export class UnmuteWordInput {
  @Field({ description: 'The word, as muted (case and width do not matter).' })
  word!: string;
}

@InputType({ description: 'The conversation to mute.' })
export class MuteConversationInput {
  @Field(() => ID, { description: 'A conversation the viewer is a member of (NOT_FOUND otherwise).' })
  conversationId!: string;

  @Field(() => DateTimeISOResolver, { nullable: true, description: UNTIL })
  until?: Date | null;
}

@InputType({ description: 'The conversation to unmute.' })
export class UnmuteConversationInput {
  @Field(() => ID, { description: 'A conversation the viewer is a member of (NOT_FOUND otherwise).' })
  conversationId!: string;
}

@ObjectType({ description: 'The result of mute.' })
export class MutePayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The muted user; null when refused.' })
  user!: UserRecord | null;
}

@ObjectType({ description: 'The result of unmute.' })
export class UnmutePayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user no longer muted; null when refused.' })
  user!: UserRecord | null;
}

@ObjectType({ description: 'The result of muteWord.' })
export class MuteWordPayload extends MutationPayload {
  @Field(() => MutedWord, { nullable: true, description: 'The muted word; null when refused.' })
  mutedWord!: MutedWord | null;
}

@ObjectType({ description: 'The result of unmuteWord.' })
export class UnmuteWordPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'The word no longer muted, as given; null when refused.' })
  word!: string | null;
}

@ObjectType({ description: 'The result of muteConversation.' })
export class MuteConversationPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The muted conversation; null when refused.' })
  conversation!: ConversationRecord | null;
}

@ObjectType({ description: 'The result of unmuteConversation.' })
export class UnmuteConversationPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The conversation no longer muted; null when refused.' })
  conversation!: ConversationRecord | null;
}
