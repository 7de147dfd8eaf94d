import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BadgeMetric } from './rules';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Node } from '../common/node';
import { Connection } from '../common/connection';

/** A badge award as stored, with its rule's name, description and icon. */
export interface BadgeRecord {
  id: string;
  userId: string;
  badgeKey: string;
  period: string | null;
  awardedAt: number;
  displayPosition: number | null;
  name: string;
  description: string;
  iconKey: string;
}

@ObjectType({ implements: Node, description: 'A badge a user earned: by a rule of badgeDefinitions (a count reached, a period ranking won) or by redeeming a BADGE reward. Badges are public and kept once earned.' })
export class Badge {
  @Field(() => ID, { description: "This earning of the badge (one user's, once; a period badge once per period won), for node(id)." })
  id!: string;

  @Field({ description: "The badge's rule (BadgeDefinition.key): the same for everyone who earned it, e.g. FIRST_NOTE." })
  key!: string;

  @Field({ description: 'Its name, as the rule names it now.' })
  name!: string;

  @Field({ description: 'What it was earned for, in words.' })
  description!: string;

  @Field({ description: "Its icon: a key of the client's icon set (lower-case letters, digits and dashes)." })
  iconKey!: string;

  @Field(() => String, { nullable: true, description: 'For a period badge, the period won: a UTC month ("2026-11") or an ISO week ("2026-W48"); null for every other badge.' })
  period!: string | null;

  @Field(() => DateTimeISOResolver, { description: 'When it was earned.' })
  earnedAt!: Date;

  @Field({ description: 'Its owner shows it on their profile (User.displayedBadges).' })
  isDisplayed!: boolean;
}

export const presentBadge = (b: BadgeRecord): Badge => ({
  id: b.id,
  key: b.badgeKey,
  name: b.name,
  description: b.description,
  iconKey: b.iconKey,
  period: b.period ?? null,
  earnedAt: new Date(b.awardedAt),
  isDisplayed: b.displayPosition != null,
});

export const BadgeConnection = Connection(Badge, 'Badge', { page: "A page of a user's badges, newest first.", item: 'a badge', total: 'badges the user earned' });

registerEnumType(BadgeMetric, {
  name: 'BadgeMetric',
  description: 'What a badge rule counts; the badge is earned when the user\'s value reaches the rule\'s threshold.',
  valuesConfig: {
    NOTE_PUBLISHED: { description: 'Notes the user published (awards of NOTE_PUBLISHED points, less clawbacks).' },
    LIKE_RECEIVED: { description: "Likes on the user's notes (less unlikes)." },
    CHECK_IN_STREAK: { description: 'UTC days in a row the user checked in.' },
    VERIFIED_REVIEW: { description: 'A shown review of a product the user bought, its order live (threshold 1).' },
    TOP_REFERRER_MONTH: { description: 'Won by the influence job: the most counted referral orders of a UTC month (threshold 1).' },
    GROUP_CONTRIBUTOR_WEEK: { description: "Won by the influence job: a group's top contribution score over an ISO week (threshold 1)." },
    REDEEMED: { description: "A BADGE reward's own badge, earned by redeeming it (threshold 1)." },
  },
});

export interface BadgeDefinitionView {
  key: string;
  name: string;
  description: string;
  iconKey: string;
  metric: BadgeMetric;
  threshold: number;
}

@ObjectType({ description: 'A badge rule, as data: the badge is earned when the metric of a user reaches the threshold. Anyone may read the rules.' })
export class BadgeDefinition {
  @Field({ description: 'The rule\'s key, shared by every Badge earned by it (Badge.key).' })
  key!: string;

  @Field({ description: 'The badge\'s name.' })
  name!: string;

  @Field({ description: 'What it is earned for, in words.' })
  description!: string;

  @Field({ description: "The badge's icon: a key of the client's icon set." })
  iconKey!: string;

  @Field(() => BadgeMetric, { description: 'What the rule counts.' })
  metric!: BadgeMetric;

  @Field(() => Int, { description: 'The value of the metric that earns the badge.' })
  threshold!: number;
}

export const BadgeDefinitionConnection = Connection(BadgeDefinition, 'BadgeDefinition', { page: 'A page of the badge rules, by key.', item: 'a badge rule', total: 'badge rules' });
