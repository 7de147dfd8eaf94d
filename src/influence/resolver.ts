import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Connection } from '../common/connection';
import { gmvOf } from '../common/gmv';
import { PeriodInput } from '../common/period';
import { User, UserRecord } from '../accounts/types';
import { KolTier } from './scoring';
import { Influence, InfluenceUpdate, KolMatch, KolReport, LeaderboardEntry, LeaderboardKind } from './types';
import { instanceOf } from '../request/scope';
import { influenceLoaders } from './loaders';
import { accountLoaders } from '../accounts/loaders';
import { DEFAULT_KOL_MATCHES, InfluenceService, MAX_KOL_MATCHES } from './service';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';
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

  @Query(() => LeaderboardConnection, { description: 'INFLUENCE and ENGAGEMENT from the last influence run; REFERRAL (orders) and GMV through shares in the period (for all but staff: completed days only, and only days of at least 3 distinct buyers of the sharer); POINTS earned and kept in the period. Erased accounts are not ranked. Optionally among one group\'s members; totalCount counts everyone ranked.' })
  leaderboard(
    @Ctx() ctx: Scope,
    @Arg('kind', () => LeaderboardKind, { description: 'What to rank by (see LeaderboardKind).' }) kind: LeaderboardKind,
    @Arg('groupId', () => ID, { nullable: true, description: "Rank only this group's members (a group the viewer may read). Everyone without it." }) groupId?: string | null,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'The days counted for REFERRAL, GMV and POINTS (the last 30 days without it); INFLUENCE and ENGAGEMENT ignore it and read the last influence run.' }) period?: PeriodInput | null,
    @Arg('first', () => Int, { nullable: true, description: `How many entries. Default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.influenceService.leaderboard(ctx, kind, groupId, period, first, after);
  }

  @Query(() => KolReport, {
    nullable: true,
    description: 'A KOL evaluation: follower growth, engagement rate, notes, conversions, GMV and top notes in the period. Null for an unknown user, or when it cannot be computed.',
  })
  async kolReport(
    @Ctx() ctx: Scope,
    @Arg('userId', () => ID, { description: 'The KOL to evaluate.' }) userId: string,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'The days the report covers (the last 30 days without it).' }) period?: PeriodInput | null,
  ) {
    const report = await this.influenceService.kolReport(ctx, userId, period);
    if (!report) return null;
    return { ...report, influence: report.influence ? present(report.influence as unknown as { computedAt: number } & Record<string, unknown>) : null };
  }

  @Query(() => [KolMatch], {
    description: `KOLs for a brand, ranked by topic fit, engagement, conversion and follower overlap with a group, each with its reasons: at most ${MAX_KOL_MATCHES}, the best first (signed-in users).`,
  })
  matchKols(
    @Ctx() ctx: Scope,
    @Arg('topics', () => [String], { description: 'The brand\'s topics, without "#" (at least one; normalised like note topics).' }) topics: string[],
    @Arg('tier', () => KolTier, { nullable: true, description: 'Only KOLs of this tier; every tier without it.' }) tier?: KolTier | null,
    @Arg('minEngagementRate', () => Float, { nullable: true, description: 'Only KOLs with at least this engagement per follower (zero or more; 0 without it).' }) minEngagementRate?: number | null,
    @Arg('groupId', () => ID, { nullable: true, description: "Also rank by how many of this group's members already follow each KOL (a group the viewer may read)." }) groupId?: string | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_KOL_MATCHES, description: `How many KOLs. Default ${DEFAULT_KOL_MATCHES}, at most ${MAX_KOL_MATCHES}.` }) first?: number,
  ) {
    return this.influenceService.match(ctx, topics, tier, minEngagementRate, groupId, first ?? DEFAULT_KOL_MATCHES);
  }

  @Subscription(() => InfluenceUpdate, {
    description: "Fires when an influence run changes the user's score or tier (signed-in users; ends when the viewer's session does).",
    subscribe: ({ args, context }) => instanceOf(context as Scope, InfluenceResolver).influenceService.updates(context as Scope, args.userId as string),
  })
  async influenceUpdated(@Root() e: { userId: string }, @Ctx() ctx: Scope, @Arg('userId', () => ID, { description: 'The user whose influence to follow.' }) _userId: string) {
    influenceLoaders(ctx).influenceByUserId.clear(e.userId);
    const rec = await this.influenceService.of(ctx, e.userId);
    return { userId: e.userId, user: await accountLoaders(ctx).userById.load(e.userId), influence: rec ? present(rec as unknown as { computedAt: number } & Record<string, unknown>) : null };
  }
}
