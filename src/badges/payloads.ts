import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import { BadgeMetric, MAX_BADGE_THRESHOLD, MAX_DISPLAYED_BADGES } from './rules';
import { Badge, BadgeDefinition, type BadgeDefinitionView } from './types';

@InputType({ description: 'The badges to show on the viewer\'s profile.' })
export class SetDisplayedBadgesInput {
  @Field(() => [String], { description: `Keys of badges the viewer holds (Badge.key), at most ${MAX_DISPLAYED_BADGES}, each once, in the order to show them; an empty list shows none. A badge held for several periods shows its latest.` })
  badgeKeys!: string[];
}

@ObjectType({ description: 'The result of setDisplayedBadges.' })
export class SetDisplayedBadgesPayload extends MutationPayload {
  @Field(() => [Badge], { nullable: true, description: `The badges the viewer now shows, in order (at most ${MAX_DISPLAYED_BADGES}); null when refused (NOT_FOUND for a badge not held, INVALID for too many or a repeat).` })
  displayedBadges!: Badge[] | null;
}

@InputType({ description: 'A new count badge rule (admins).' })
export class CreateBadgeDefinitionInput {
  @Field({ description: 'Its key: upper-case letters, digits and underscores, 2 to 60, starting with a letter (REWARD_ keys are rewards\').' })
  key!: string;

  @Field({ description: "The badge's name, 1 to 60 characters." })
  name!: string;

  @Field({ description: 'What it is earned for, 1 to 300 characters.' })
  description!: string;

  @Field({ description: "The badge's icon, a key of the client's icon set: lower-case letters, digits and dashes, 1 to 60 characters." })
  iconKey!: string;

  @Field(() => BadgeMetric, { description: 'What it counts: NOTE_PUBLISHED, LIKE_RECEIVED or CHECK_IN_STREAK (the other metrics are the platform\'s own).' })
  metric!: BadgeMetric;

  @Field(() => Int, { description: `The value that earns it, 1 to ${MAX_BADGE_THRESHOLD}.` })
  threshold!: number;

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same input answers the rule the first call made (1 to 100 characters).' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of createBadgeDefinition.' })
export class CreateBadgeDefinitionPayload extends MutationPayload {
  @Field(() => BadgeDefinition, { nullable: true, description: 'The new rule, in force at once; null when refused (TAKEN for a key in use).' })
  badgeDefinition!: BadgeDefinitionView | null;
}

@InputType({ description: "Changes to a badge rule (admins); each field left out keeps the rule's value." })
export class UpdateBadgeDefinitionInput {
  @Field({ description: 'The rule (BadgeDefinition.key).' })
  key!: string;

  @Field(() => String, { nullable: true, description: "The badge's new name, 1 to 60 characters." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What it is earned for, 1 to 300 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "The new icon: lower-case letters, digits and dashes, 1 to 60 characters." })
  iconKey?: string | null;

  @Field(() => Int, { nullable: true, description: `The new threshold, 1 to ${MAX_BADGE_THRESHOLD}; only for NOTE_PUBLISHED, LIKE_RECEIVED and CHECK_IN_STREAK rules. Lowered, everyone who now reaches it earns the badge at once; raised, nobody loses it.` })
  threshold?: number | null;
}

@ObjectType({ description: 'The result of updateBadgeDefinition.' })
export class UpdateBadgeDefinitionPayload extends MutationPayload {
  @Field(() => BadgeDefinition, { nullable: true, description: 'The rule as it now is; null when refused.' })
  badgeDefinition!: BadgeDefinitionView | null;
}
