import { badInput, forbidden, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, offsetAfter, pageRequest } from '../common/pagination';
import { minBuyersPerDay, publishDays, publishedTotals } from '../common/order-disclosure';
import { periodOf, PeriodInput } from '../common/period';
import { gmvOf } from '../common/gmv';
import { isSelfOrStaff, isStaff } from '../common/roles';
import { requireId, requireIntInRange } from '../common/validate';
import { normaliseTopics } from '../content/rules';
import { guarded } from '../events/bus';
import type { UserRecord } from '../accounts/types';
import type { NoteRecord } from '../content/types';
import type { InfluenceRepository } from './repository';
import { KolTier } from './scoring';
import type { InfluenceRecord, LeaderboardKind } from './types';
import { accountLoaders } from '../accounts/loaders';
import { influenceLoaders } from './loaders';
import type { Scope } from '../accounts/scope';
import type { EventBus } from '../events/bus';
import type { ContentVisibility } from '../content/access';
import type { GroupAccess } from '../groups/access';

const MAX_OFFSET = 10_000;
/** The most KOLs one matchKols answer ranks (and its default). */
export const MAX_KOL_MATCHES = 50;
export const DEFAULT_KOL_MATCHES = 10;

/** What InfluenceService needs, named one by one; wired once per process in src/app/services.ts. */
export interface InfluenceServiceDeps {
  repo: (scope: Scope) => InfluenceRepository;
  events: EventBus;
  content: ContentVisibility;
  groups: Pick<GroupAccess, 'canReadContent' | 'isVisible'>;
}

export class InfluenceService {
  constructor(private readonly deps: InfluenceServiceDeps) {}

  /** A user's stored influence, or null before the first run. */
  async of(scope: Scope, userId: string): Promise<(InfluenceRecord & { computedAt: number }) | null> {
    const rec = await influenceLoaders(scope).influenceByUserId.load(userId);
    return rec && rec.computedAt !== null ? (rec as InfluenceRecord & { computedAt: number }) : null;
  }

  async leaderboard(scope: Scope, kind: LeaderboardKind, groupId: string | null | undefined, period: PeriodInput | null | undefined, first?: number | null, after?: string | null) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    if (group && !(await this.deps.groups.canReadContent(scope, group))) throw notFound('Group');
    const { limit, after: position } = pageRequest(first, after);
    const skip = offsetAfter(position, MAX_OFFSET);
    // REFERRAL and GMV rank by other people's orders: for all but staff, completed days of
    // enough buyers only. INFLUENCE and ENGAGEMENT come from the last influence run.
    const fromOrders = kind === 'REFERRAL' || kind === 'GMV';
    const viewer = await scope.viewer();
    const staff = viewer !== null && isStaff(viewer);
    const { from, to } = periodOf(period, { completedDaysOnly: fromOrders && !staff });
    const minBuyers = minBuyersPerDay(staff);
    const rows = await this.deps.repo(scope).leaderboard(kind, group, from, to, minBuyers, skip, limit + 1);
    const users = await accountLoaders(scope).userById.loadMany(rows.slice(0, limit).map((r) => r.id));
    const edges = rows.slice(0, limit).map((r, i) => ({
      cursor: encodeCursor({ k: skip + i, id: r.id }),
      node: { position: skip + i + 1, user: users[i] as UserRecord, value: r.value },
    }));
    return connectionOf(edges, rows.length > limit, () => this.deps.repo(scope).countLeaderboard(kind, group, from, to, minBuyers));
  }

  async kolReport(scope: Scope, userId: string, period: PeriodInput | null | undefined) {
    const viewer = await scope.requireViewer();
    const id = requireId(userId, 'userId');
    const user = await accountLoaders(scope).userById.load(id);
    if (!user) return null;
    // Conversions and GMV are other people's orders, except to staff and to the KOL themself
    // (their own sales, which their commissions show order by order anyway).
    const seesEveryOrder = isSelfOrStaff(viewer, id);
    const { from, to } = periodOf(period, { completedDaysOnly: !seesEveryOrder });
    const r = await this.deps.repo(scope).report(id, from, to);
    if (!r) return null;
    const published = publishDays(r.orderDays, minBuyersPerDay(seesEveryOrder));
    const sales = publishedTotals(published);
    // publishDays keeps the days in order, so a day's amounts per currency count when it is published.
    const gmv = gmvOf(r.orderDays.flatMap((day, i) => (published[i]!.gmvMinor === null ? [] : day.gmv)));
    const notes = await Promise.all(r.topNoteIds.map((n) => this.deps.content.visibleNote(scope, n)));
    const interactions = r.likes + r.collects + r.comments;
    return {
      user,
      followers: r.followers,
      followerGrowth: r.newFollowers,
      notes: r.notes,
      interactions,
      engagementRate: Math.round((interactions / Math.max(1, r.followers)) * 10000) / 10000,
      conversions: sales.orders,
      gmv,
      topNotes: notes.filter((n): n is NoteRecord => n !== null),
      influence: await this.of(scope, id),
    };
  }

  /**
   * KOLs for a brand: topic fit, engagement, conversion and, for a group, how many of its members
   * already follow them. Each result says why.
   */
  async match(scope: Scope, topics: string[], tier: KolTier | null | undefined, minEngagementRate: number | null | undefined, groupId: string | null | undefined, first: number) {
    const viewer = await scope.requireViewer();
    const names = normaliseTopics(topics);
    if (names.length === 0) throw badInput('topics', 'give at least one topic');
    const limit = requireIntInRange(first, 'first', 1, MAX_KOL_MATCHES);
    const minRate = minEngagementRate ?? 0;
    if (!Number.isFinite(minRate) || minRate < 0) throw badInput('minEngagementRate', 'must be zero or more');
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    // A group the viewer may not know of answers as an unknown id; a known one they cannot read, FORBIDDEN.
    if (group && !isStaff(viewer) && !(await this.deps.groups.isVisible(scope, group))) throw notFound('Group');
    if (group && !(await this.deps.groups.canReadContent(scope, group)) && !isStaff(viewer)) throw forbidden('You cannot see this group');
    const rows = await this.deps.repo(scope).candidates(names, tier ?? null, minRate, group);
    const maxRate = Math.max(1e-9, ...rows.map((r) => r.engagementRate ?? 0));
    const maxGmv = Math.max(1, ...rows.map((r) => r.gmv ?? 0));
    const ranked = rows
      .map((r) => {
        const fit = r.topicFit;
        const engagement = (r.engagementRate ?? 0) / maxRate;
        const conversion = Math.log1p(r.gmv ?? 0) / Math.log1p(maxGmv);
        const overlap = r.groupMembers > 0 ? r.groupFollowers / r.groupMembers : 0;
        const score = group ? 0.35 * fit + 0.25 * engagement + 0.2 * conversion + 0.2 * overlap : 0.45 * fit + 0.3 * engagement + 0.25 * conversion;
        const reasons = [
          `${Math.round(fit * 100)}% of their notes are on ${names.map((n) => `#${n}`).join(', ')}`,
          `engagement rate ${(r.engagementRate ?? 0).toFixed(3)} per follower`,
          `${r.conversions ?? 0} orders through their shares in 30 days`,
          `tier ${r.tier}, ${r.followers} followers`,
          ...(group ? [`${r.groupFollowers} of the group's ${r.groupMembers} members follow them`] : []),
        ];
        return { id: r.id, score: Math.round(score * 10000) / 10000, reasons };
      })
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
    const users = await accountLoaders(scope).userById.loadMany(ranked.map((r) => r.id));
    return ranked.map((r, i) => ({ ...r, user: users[i] as UserRecord }));
  }

  async updates(scope: Scope, userId: string) {
    await scope.requireViewer();
    const id = requireId(userId, 'userId');
    return guarded(this.deps.events.pubsub.subscribe('INFLUENCE_UPDATED', id), async () => {
      scope.resetLoaders();
      return (await scope.viewer()) !== null;
    });
  }
}
