import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Connection } from '../common/connection';
import { gmvOf } from '../common/gmv';
import { PeriodInput } from '../common/period';
import { User, UserRecord } from '../accounts/types';
import { KolTier } from './scoring';
import { Influence, InfluenceUpdate, KolMatch, KolReport, LeaderboardEntry, LeaderboardKind } from './types';
import { instanceOf } from '../request/scope';
import { influenceLoaders } from './loaders';
import { InfluenceService } from './service';
import type { Scope } from '../accounts/scope';

export const LeaderboardConnection = Connection(LeaderboardEntry, 'Leaderboard', 'leaderboard entries');

function present(rec: { computedAt: number; gmvCurrencies?: string[] | null; gmvAmounts?: number[] | null } & Record<string, unknown>) {
  const gmv = gmvOf((rec.gmvCurrencies ?? []).map((currency, i) => ({ currency, amountMinor: rec.gmvAmounts?.[i] ?? 0 })));
  return { ...rec, score: rec.score ?? 0, pageRank: rec.pageRank ?? 0, engagement: rec.engagement ?? 0, engagementRate: rec.engagementRate ?? 0, conversions: rec.conversions ?? 0, gmv, reach: rec.reach ?? 0, tier: rec.tier ?? KolTier.NONE, rank: rec.rank ?? 0, computedAt: new Date(rec.computedAt) };
}

@Resolver(() => User)
export class InfluenceResolver {
  constructor(readonly influenceService: InfluenceService) {}

  @FieldResolver(() => Influence, { nullable: true, description: 'Influence as of the last run (null before the first one).' })
  async influence(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    const rec = await this.influenceService.of(ctx, user.id);
    return rec ? present(rec as unknown as { computedAt: number } & Record<string, unknown>) : null;
  }

  @Query(() => LeaderboardConnection, { description: 'INFLUENCE and ENGAGEMENT from the last influence run; REFERRAL (orders) and GMV through shares in the period (for all but staff: completed days only, and only days of at least 3 distinct buyers of the sharer). Optionally among one group\'s members; totalCount counts everyone ranked.' })
  leaderboard(
    @Ctx() ctx: Scope,
    @Arg('kind', () => LeaderboardKind) kind: LeaderboardKind,
    @Arg('groupId', () => ID, { nullable: true }) groupId?: string | null,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return this.influenceService.leaderboard(ctx, kind, groupId, period, first, after);
  }

  @Query(() => KolReport, {
    nullable: true,
    description: 'A KOL evaluation: follower growth, engagement rate, notes, conversions, GMV and top notes in the period. Null for an unknown user, or when it cannot be computed.',
  })
  async kolReport(@Ctx() ctx: Scope, @Arg('userId', () => ID) userId: string, @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput | null) {
    const report = await this.influenceService.kolReport(ctx, userId, period);
    if (!report) return null;
    return { ...report, influence: report.influence ? present(report.influence as unknown as { computedAt: number } & Record<string, unknown>) : null };
  }

  @Query(() => [KolMatch], { description: 'KOLs for a brand, ranked by topic fit, engagement, conversion and follower overlap with a group, each with its reasons.' })
  matchKols(
    @Ctx() ctx: Scope,
    @Arg('topics', () => [String]) topics: string[],
    @Arg('tier', () => KolTier, { nullable: true }) tier?: KolTier | null,
    @Arg('minEngagementRate', () => Float, { nullable: true }) minEngagementRate?: number | null,
    @Arg('groupId', () => ID, { nullable: true }) groupId?: string | null,
    @Arg('first', () => Int, { defaultValue: 10 }) first?: number,
  ) {
    return this.influenceService.match(ctx, topics, tier, minEngagementRate, groupId, first ?? 10);
  }

  @Subscription(() => InfluenceUpdate, {
    description: "Fires when an influence run changes the user's score or tier.",
    subscribe: ({ args, context }) => instanceOf(context as Scope, InfluenceResolver).influenceService.updates(context as Scope, args.userId as string),
  })
  async influenceUpdated(@Root() e: { userId: string }, @Ctx() ctx: Scope, @Arg('userId', () => ID) _userId: string) {
    influenceLoaders(ctx).influenceByUserId.clear(e.userId);
    const rec = await this.influenceService.of(ctx, e.userId);
    return { userId: e.userId, influence: rec ? present(rec as unknown as { computedAt: number } & Record<string, unknown>) : null };
  }
}
