import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User, UserRecord } from '../accounts/types';
import { Note, NoteRecord } from '../content/types';
import { KOL_REPORT_TOP_NOTES, KolTier } from './scoring';
import { Money } from '../common/money';
import { GMV_LIST } from '../common/gmv';

registerEnumType(KolTier, { name: 'KolTier', description: 'HEAD ≥ 1M followers, WAIST ≥ 100k, TAIL ≥ 5k, KOC: fewer but high engagement or conversion (thresholds are configurable).' });

export enum LeaderboardKind {
  INFLUENCE = 'INFLUENCE',
  ENGAGEMENT = 'ENGAGEMENT',
  REFERRAL = 'REFERRAL',
  GMV = 'GMV',
}
registerEnumType(LeaderboardKind, { name: 'LeaderboardKind' });

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

  @Field(() => Int, { description: 'Orders through their shares in the last 30 days.' })
  conversions!: number;

  @Field(() => [Money], { description: `GMV of those orders. ${GMV_LIST}` })
  gmv!: Money[];

  @Field(() => Int, { description: 'Links re-shared downstream of theirs.' })
  reach!: number;

  @Field(() => KolTier)
  tier!: KolTier;

  @Field(() => Int, { description: '1 = the highest score.' })
  rank!: number;

  @Field(() => DateTimeISOResolver)
  computedAt!: Date;
}

@ObjectType()
export class LeaderboardEntry {
  @Field(() => Int)
  position!: number;

  @Field(() => User)
  user!: UserRecord;

  @Field(() => Float)
  value!: number;
}

@ObjectType()
export class KolReport {
  @Field(() => User)
  user!: UserRecord;

  @Field(() => Int)
  followers!: number;

  @Field(() => Int)
  followerGrowth!: number;

  @Field(() => Int)
  notes!: number;

  @Field(() => Int, { description: 'Likes, collects and comments received in the period.' })
  interactions!: number;

  @Field(() => Float, { description: 'Interactions in the period per follower.' })
  engagementRate!: number;

  @Field(() => Int, { description: 'Live orders through their links in the period. For all but staff and the KOL themself, only days of at least 3 distinct buyers count.' })
  conversions!: number;

  @Field(() => [Money], { description: `GMV of those orders (the same days). ${GMV_LIST}` })
  gmv!: Money[];

  @Field(() => [Note], { description: `Their most engaged notes of all time that the viewer may see: at most ${KOL_REPORT_TOP_NOTES}, the most engaged first (likes + collects + 4 × comments + 4 × shares).` })
  topNotes!: NoteRecord[];

  @Field(() => Influence, { nullable: true })
  influence!: object | null;
}

@ObjectType()
export class KolMatch {
  @Field(() => User)
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
