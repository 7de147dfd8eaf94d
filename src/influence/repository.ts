import { cypher } from '../db/cypher';
import type { RequestScope } from '../request/scope';
import type { DbScope } from '../db/database';
import type { OrderDay } from '../common/order-disclosure';
import type { InfluenceRecord } from './types';
import type { Money } from '../common/money';
import { KOL_REPORT_TOP_NOTES } from './scoring';

const q = {
  byIds: cypher('influence/influence-by-ids'),
  stored: cypher('influence/leaderboard-stored'),
  orders: cypher('influence/leaderboard-orders'),
  countStored: cypher('influence/count-leaderboard-stored'),
  countOrders: cypher('influence/count-leaderboard-orders'),
  points: cypher('influence/leaderboard-points'),
  countPoints: cypher('influence/count-leaderboard-points'),
  report: cypher('influence/kol-report'),
  candidates: cypher('influence/kol-candidates'),
};

export class InfluenceRepository {
  constructor(private readonly db: DbScope) {}

  async byIds(ids: readonly string[]): Promise<(InfluenceRecord & { id: string })[]> {
    return this.db.read(q.byIds, { ids });
  }

  /** minBuyers: for REFERRAL and GMV, the fewest distinct buyers a sharer's day needs to count. */
  async leaderboard(kind: string, groupId: string | null, from: number, to: number, minBuyers: number, skip: number, limit: number) {
    const query = kind === 'INFLUENCE' || kind === 'ENGAGEMENT' ? q.stored : kind === 'POINTS' ? q.points : q.orders;
    return this.db.read<{ id: string; value: number }>(query, { kind, groupId, from, to, minBuyers, skip, limit });
  }

  async countLeaderboard(kind: string, groupId: string | null, from: number, to: number, minBuyers: number): Promise<number> {
    const query = kind === 'INFLUENCE' || kind === 'ENGAGEMENT' ? q.countStored : kind === 'POINTS' ? q.countPoints : q.countOrders;
    const [row] = await this.db.read<{ total: number }>(query, { kind, groupId, from, to, minBuyers });
    return row?.total ?? 0;
  }

  async report(userId: string, from: number, to: number) {
    const [row] = await this.db.read<{ followers: number; newFollowers: number; notes: number; likes: number; collects: number; comments: number; orderDays: (OrderDay & { gmv: Money[] })[]; topNoteIds: string[] }>(
      q.report, { userId, from, to, topNotes: KOL_REPORT_TOP_NOTES },
    );
    return row ?? null;
  }

  async candidates(topics: string[], tier: string | null, minEngagementRate: number, groupId: string | null) {
    return this.db.read<{ id: string; engagementRate: number | null; conversions: number | null; gmv: number | null; tier: string; followers: number; topicFit: number; groupFollowers: number; groupMembers: number }>(
      q.candidates, { topics, tier, minEngagementRate, groupId },
    );
  }
}

/** The influence repository of a request, over its counted DbScope (made once per request). */
export function influenceRepository(scope: RequestScope): InfluenceRepository {
  return scope.slot('influence.repository', () => new InfluenceRepository(scope.db));
}
