import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User, UserRecord } from '../accounts/types';
import { Note, NoteRecord } from '../content/types';
import { KOL_REPORT_TOP_NOTES, KolTier } from './scoring';
import { Money } from '../common/money';
import { GMV_LIST } from '../common/gmv';

registerEnumType(KolTier, {
  name: 'KolTier',
  description: 'A creator\'s reach class from the last influence run, by followers first (defaults below; the thresholds are configurable).',
  valuesConfig: {
    HEAD: { description: 'Head KOL: at least 1,000,000 followers.' },
    WAIST: { description: 'Mid-tier KOL: at least 100,000 followers (fewer than HEAD).' },
    TAIL: { description: 'Long-tail KOL: at least 5,000 followers (fewer than WAIST).' },
    KOC: { description: 'Key opinion consumer: fewer than 5,000 followers, but at least 10 followers with engagement of at least 0.05 per follower, or at least 3 orders through their shares in 30 days.' },
    NONE: { description: 'None of the above: an ordinary user, or one not scored yet.' },
  },
});

export enum LeaderboardKind {
  INFLUENCE = 'INFLUENCE',
  ENGAGEMENT = 'ENGAGEMENT',
  REFERRAL = 'REFERRAL',
  GMV = 'GMV',
  POINTS = 'POINTS',
}
registerEnumType(LeaderboardKind, {
  name: 'LeaderboardKind',
  description: 'What a leaderboard ranks users by; LeaderboardEntry.value is in its unit.',
  valuesConfig: {
    INFLUENCE: { description: 'The composite influence score (0-100) of the last influence run.' },
    ENGAGEMENT: { description: 'Engagement (decayed likes, collects, comments and shares on their notes) of the last influence run.' },
    REFERRAL: { description: 'Live orders through their share links in the period, leaving out those held by an open or confirmed fraud flag.' },
    GMV: { description: 'GMV of those orders (as REFERRAL counts them) in the period, in minor units summed over currencies.' },
    POINTS: { description: 'Points earned in the period and kept (awards less those clawed back since; spending does not lower it).' },
  },
});

export interface InfluenceRecord {
  score: number | null;
  pageRank: number | null;
  engagement: number | null;
  engagementRate: number | null;
  conversions: number | null;
  /** The GMV per currency: gmvAmounts[i] minor units of gmvCurrencies[i] (Neo4j stores no maps). */
  gmvCurrencies: string[] | null;
  gmvAmounts: number[] | null;
  reach: number | null;
  tier: KolTier | null;
  rank: number | null;
  computedAt: number | null;
}

@ObjectType({ description: 'Who actually moves people, as of the last influence run (see computedAt).' })
export class Influence {
  @Field(() => Float, { description: 'Composite 0-100 from PageRank, engagement, conversion and reach.' })
  score!: number;

  @Field(() => Float, { description: 'PageRank on the follow graph (damping 0.85; all users sum to 1).' })
  pageRank!: number;

  @Field(() => Float, { description: 'Likes + collects + 4 × comments + 4 × shares per note, decayed by age, summed.' })
  engagement!: number;

  @Field(() => Float, { description: 'Engagement per follower.' })
  engagementRate!: number;

  @Field(() => Int, { description: 'Orders through their shares in the last 30 days: live (not cancelled or refunded) and not held by an open or confirmed fraud flag.' })
  conversions!: number;

  @Field(() => [Money], { description: `GMV of those orders. ${GMV_LIST}` })
  gmv!: Money[];

  @Field(() => Int, { description: 'Links re-shared downstream of theirs.' })
  reach!: number;

  @Field(() => KolTier, { description: 'Their tier, by followers, engagement and conversions.' })
  tier!: KolTier;

  @Field(() => Int, { description: '1 = the highest score.' })
  rank!: number;

  @Field(() => DateTimeISOResolver, { description: 'When the influence run that computed these figures finished (runs are periodic, so figures may be hours old).' })
  computedAt!: Date;
}

@ObjectType({ description: 'One ranked user on a leaderboard.' })
export class LeaderboardEntry {
  @Field(() => Int, { description: 'Their place, 1 = the first.' })
  position!: number;

  @Field(() => User, { description: 'The ranked user.' })
  user!: UserRecord;

  @Field(() => Float, { description: "What they are ranked by, in the leaderboard kind's unit (a score, engagement, an order count, minor units or points)." })
  value!: number;
}

@ObjectType({ description: "A KOL's evaluation over a period (Query.kolReport, signed-in users)." })
export class KolReport {
  @Field(() => User, { description: 'The KOL evaluated.' })
  user!: UserRecord;

  @Field(() => Int, { description: 'Their followers now.' })
  followers!: number;

  @Field(() => Int, { description: 'New follows they received in the period (unfollows not subtracted).' })
  followerGrowth!: number;

  @Field(() => Int, { description: 'Notes they posted in the period (deleted ones not counted).' })
  notes!: number;

  @Field(() => Int, { description: 'Likes, collects and comments received in the period.' })
  interactions!: number;

  @Field(() => Float, { description: 'Interactions in the period per follower.' })
  engagementRate!: number;

  @Field(() => Int, { description: 'Live orders through their links in the period, leaving out those held by an open or confirmed fraud flag. For all but staff and the KOL themself, only days of at least 3 distinct buyers count.' })
  conversions!: number;

  @Field(() => [Money], { description: `GMV of those orders (the same days). ${GMV_LIST}` })
  gmv!: Money[];

  @Field(() => [Note], { description: `Their most engaged notes of all time that the viewer may see: at most ${KOL_REPORT_TOP_NOTES}, the most engaged first (likes + collects + 4 × comments + 4 × shares).` })
  topNotes!: NoteRecord[];

  @Field(() => Influence, { nullable: true, description: 'Their influence as of the last run (null before the first one).' })
  influence!: object | null;
}

@ObjectType({ description: 'One KOL proposed by Query.matchKols, with how well they fit and why.' })
export class KolMatch {
  @Field(() => User, { description: 'The proposed KOL.' })
  user!: UserRecord;

  @Field(() => Float, { description: '0-1, higher is a better fit.' })
  score!: number;

  @Field(() => [String], { description: 'Why this KOL fits.' })
  reasons!: string[];
}

@ObjectType({ description: "One influence change, sent by Subscription.influenceUpdated when a run changes a user's score or tier." })
export class InfluenceUpdate {
  @Field(() => ID, { description: "The user's id, beside user for a client that keys its cache by id." })
  userId!: string;

  @Field(() => User, { nullable: true, description: 'The user whose influence changed (null once the account is gone).' })
  user!: UserRecord | null;

  @Field(() => Influence, { nullable: true, description: 'Their influence after the run (null if it has been cleared since).' })
  influence!: object | null;
}
