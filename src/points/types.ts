import { Node } from '../common/node';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { PointAction } from './rules';

export { PointAction } from './rules';

registerEnumType(PointAction, {
  name: 'PointAction',
  description: 'An action that earns points, each with its amount and daily cap (see pointRules).',
  valuesConfig: {
    CHECK_IN: { description: 'A daily check-in (checkIn), once per UTC day.' },
    NOTE_PUBLISHED: { description: 'A note published (when a pre-moderated note is approved, then).' },
    LIKE_RECEIVED: { description: "A like on one of the user's notes, once per note and liker; an unlike takes it back." },
    COLLECT_RECEIVED: { description: "A collect of one of the user's notes, once per note and collector; uncollecting it from every collection takes it back." },
    REVIEW_WITH_MEDIA: { description: 'A product review with photos or video, while it is shown and its order is live: hiding or removing the review, or refunding or cancelling its order, takes it back; a restored review earns again.' },
    REFERRAL_CONVERTED: { description: "An order placed through the user's share link (not their own order, nor the merchant's sale through their own link), once per order; a fraud-flagged order pays once its flags are found legitimate. Refunding or cancelling the order, or confirmed fraud, takes it back." },
    GROUP_BUY_COMPLETED: { description: "A group buy the user took part in filled (their order of it), once per group buy; refunding or cancelling the user's order takes it back." },
  },
});

export enum RewardKind {
  BADGE = 'BADGE',
}

registerEnumType(RewardKind, {
  name: 'RewardKind',
  description: 'What a reward gives. Coupons come with the campaigns issue.',
  valuesConfig: {
    BADGE: { description: 'A badge of its own (name and icon of the reward), awarded to the redeemer once.' },
  },
});

/** A ledger entry as stored. */
export interface PointEntryRecord {
  id: string;
  action: PointAction | null;
  points: number;
  reverses: string | null;
  isCapped: boolean | null;
  createdAt: number;
  reversed: boolean;
  rewardId: string | null;
}

@ObjectType({ description: "A user's points: what they hold, earned today and in all, and their check-in streak. Only the user reads their own." })
export class PointsSummary {
  @Field(() => Int, { description: 'Points held now: earned, less clawed back and spent. Below zero only when a clawback took back points already spent.' })
  balance!: number;

  @Field(() => Int, { description: 'Points earned today (UTC), less what was clawed back of them.' })
  earnedToday!: number;

  @Field(() => Int, { description: 'Points ever earned, less clawbacks; spending does not lower it. The user level is read from it.' })
  lifetimePoints!: number;

  @Field(() => Int, { description: 'UTC days in a row the user checked in, ending today or yesterday; 0 when the run is broken.' })
  streak!: number;

  @Field({ description: 'The user has checked in today (UTC).' })
  hasCheckedInToday!: boolean;
}

@ObjectType({ implements: Node, description: 'One line of the points ledger: an award, a clawback of one, or a redemption.' })
export class PointEntry {
  @Field(() => ID, { description: 'The entry.' })
  id!: string;

  @Field(() => PointAction, { nullable: true, description: 'The action that earned (or, for a clawback, lost) the points; null for a redemption.' })
  action!: PointAction | null;

  @Field(() => Int, { description: 'Points added (positive) or taken (negative: a clawback or a redemption).' })
  points!: number;

  @Field({ description: 'This entry takes back an earlier award (an unlike, an uncollect, a refund, a removed review).' })
  isClawback!: boolean;

  @Field({ description: 'This award was taken back later (its clawback is another entry).' })
  isReversed!: boolean;

  @Field({ description: "The award paid less than its rule (or nothing) because the action's daily cap was reached." })
  isCapped!: boolean;

  @Field({ description: 'This entry spent points on a reward (redeemPoints).' })
  isRedemption!: boolean;

  @Field(() => DateTimeISOResolver, { description: 'When it was written.' })
  createdAt!: Date;
}

export const PointEntryConnection = Connection(PointEntry, 'PointEntry', {
  page: "A page of the viewer's points ledger, newest first.",
  item: 'a ledger entry',
  total: "entries of the viewer's ledger",
});

@ObjectType({ description: 'What one action pays.' })
export class PointRule {
  @Field(() => PointAction, { description: 'The action.' })
  action!: PointAction;

  @Field(() => Int, { description: 'Points per action.' })
  points!: number;

  @Field(() => Int, { description: 'At most this many points a user earns for this action per UTC day; actions past it still count, for 0 points.' })
  dailyCap!: number;
}

/** A rule set version as stored: its rules are JSON. */
export interface PointRuleSetRecord {
  id: string;
  version: number;
  rules: string;
  createdAt: number;
  createdBy: string | null;
  current: boolean;
}

@ObjectType({ implements: Node, description: 'A version of the point rules, set by an admin with setPointRules; the newest is in force.' })
export class PointRuleSet {
  @Field(() => ID, { description: 'The version.' })
  id!: string;

  @Field(() => Int, { description: 'Its number: 1 for the first set, one more for each later set.' })
  version!: number;

  @Field(() => [PointRule], { description: 'What each action pays: one rule per PointAction (at most 7).' })
  rules!: PointRule[];

  @Field({ description: 'This is the version in force.' })
  isCurrent!: boolean;

  @Field(() => DateTimeISOResolver, { description: 'When this version was set.' })
  createdAt!: Date;
}

export const PointRuleSetConnection = Connection(PointRuleSet, 'PointRuleSet', {
  page: 'A page of point rule versions, newest first.',
  item: 'a rule set version',
  total: 'versions of the point rules',
});

/** A reward as stored. */
export interface RewardRecord {
  id: string;
  kind: RewardKind;
  name: string;
  description: string;
  costPoints: number;
  badgeKey: string | null;
  isActive: boolean;
  createdAt: number;
}

@ObjectType({ implements: Node, description: 'Something users spend points on (redeemPoints), defined by admins.' })
export class Reward {
  @Field(() => ID, { description: 'The reward.' })
  id!: string;

  @Field(() => RewardKind, { description: 'What it gives.' })
  kind!: RewardKind;

  @Field({ description: 'Its name, as shown in the rewards list.' })
  name!: string;

  @Field({ description: 'What the user gets, in words (may be empty).' })
  description!: string;

  @Field(() => Int, { description: 'Points it costs.' })
  costPoints!: number;

  @Field({ description: 'It can be redeemed now.' })
  isActive!: boolean;
}

export const RewardConnection = Connection(Reward, 'Reward', { page: 'A page of the rewards on offer, cheapest first.', item: 'a reward', total: 'rewards on offer' });

/** A redemption as stored. */
export interface RedemptionRecord {
  id: string;
  userId: string;
  rewardId: string;
  costPoints: number;
  createdAt: number;
}

@ObjectType({ implements: Node, description: 'Points spent on a reward.' })
export class Redemption {
  @Field(() => ID, { description: 'The redemption.' })
  id!: string;

  @Field(() => Int, { description: 'Points it cost (the reward\'s cost at the time).' })
  costPoints!: number;
}
