import { randomUUID } from 'node:crypto';
import { InfluenceService } from '../../../src/influence/service';
import { influenceRepository, type InfluenceRepository } from '../../../src/influence/repository';
import { LeaderboardKind, type InfluenceRecord } from '../../../src/influence/types';
import { KolTier } from '../../../src/influence/scoring';
import { DAY_MS, startOfUtcDay } from '../../../src/common/period';
import type { OrderDay } from '../../../src/common/order-disclosure';
import { money, type Money } from '../../../src/common/money';
import { NoteFormat, NoteVisibility, type NoteRecord } from '../../../src/content/types';
import { Role, type UserRecord } from '../../../src/accounts/types';
import { asRepository, codeOf, provide, provideUsers, RecordingBus, scopeFor, user } from './fakes';

type Report = NonNullable<Awaited<ReturnType<InfluenceRepository['report']>>>;
type CandidateRow = Awaited<ReturnType<InfluenceRepository['candidates']>>[number];

/** One KOL's report, the match candidates and the stored influence runs. */
class FakeInfluence implements Pick<InfluenceRepository, 'report' | 'candidates' | 'byIds' | 'leaderboard' | 'countLeaderboard'> {
  reports = new Map<string, Report>();
  rows: CandidateRow[] = [];
  stored = new Map<string, InfluenceRecord>();
  periods: { from: number; to: number; minBuyers?: number }[] = [];

  async report(userId: string, from: number, to: number) {
    this.periods.push({ from, to });
    return this.reports.get(userId) ?? null;
  }
  async candidates() {
    return this.rows;
  }
  async byIds(ids: readonly string[]) {
    return ids.flatMap((id) => {
      const rec = this.stored.get(id);
      return rec ? [{ ...rec, id }] : [];
    });
  }
  async leaderboard(kind: string, groupId: string | null, from: number, to: number, minBuyers: number) {
    this.periods.push({ from, to, minBuyers });
    return [];
  }
  async countLeaderboard() {
    return 0;
  }
}

const kol = user({ followerCount: 200 });
const growth = user({ role: Role.GROWTH });
const member = user();

function note(id: string): NoteRecord {
  return { id, title: id, body: '', format: NoteFormat.IMAGE_TEXT, visibility: NoteVisibility.PUBLIC, mediaJson: '[]', createdAt: 0, editedAt: null, deletedAt: null, likeCount: 0, collectCount: 0, commentCount: 0, shareCount: 0, viewCount: 0, modState: null, isAnnouncement: null, authorId: kol.id, groupId: null, topics: [], productIds: [] };
}

function setUp(viewer: UserRecord, groups: { visible?: boolean; readable?: boolean } = {}) {
  const influence = new FakeInfluence();
  const hiddenNotes = new Set<string>();
  const service = new InfluenceService({
    repo: () => asRepository<InfluenceRepository>(influence),
    events: new RecordingBus().bus,
    content: { visibleNote: async (_scope, id) => (hiddenNotes.has(id) ? null : note(id)), canSeeNote: async () => true },
    groups: { isVisible: async () => groups.visible ?? true, canReadContent: async () => groups.readable ?? true },
  });
  const scope = scopeFor(viewer);
  provide(scope, influenceRepository, 'influence.repository', influence);
  provideUsers(scope, [kol, growth, member, viewer]);
  return { service, influence, hiddenNotes, scope };
}

describe("a KOL's report", () => {
  const today = startOfUtcDay(Date.now());
  const days: (OrderDay & { gmv: Money[] })[] = [
    { dayStart: today - 2 * DAY_MS, orders: 5, buyers: 4, gmvMinor: 10_000, gmv: [money(9_000, 'CNY'), money(1_000, 'HKD')] },
    // One buyer: that day's GMV would be their order's amount outright.
    { dayStart: today - DAY_MS, orders: 1, buyers: 1, gmvMinor: 3_000, gmv: [money(3_000, 'CNY')] },
  ];
  const report = (): Report => ({ followers: 200, newFollowers: 10, notes: 4, likes: 30, collects: 6, comments: 4, orderDays: days, topNoteIds: ['n1', 'n2'] });

  test('to another member, conversions and GMV count only completed days with at least three buyers', async () => {
    const { service, influence, scope } = setUp(member);
    influence.reports.set(kol.id, report());
    const r = (await service.kolReport(scope, kol.id, null))!;
    expect([r.conversions, r.gmv]).toEqual([5, [money(9_000, 'CNY'), money(1_000, 'HKD')]]);
    expect(influence.periods[0]?.to).toBe(today);
  });

  test('the KOL themself and growth staff see every order, today included', async () => {
    for (const viewer of [kol, growth]) {
      const { service, influence, scope } = setUp(viewer);
      influence.reports.set(kol.id, report());
      const r = (await service.kolReport(scope, kol.id, null))!;
      expect([r.conversions, r.gmv]).toEqual([6, [money(12_000, 'CNY'), money(1_000, 'HKD')]]);
      expect(influence.periods[0]?.to).toBe(today + DAY_MS);
    }
  });

  test('engagement is interactions per follower, and top notes the viewer may not see are left out', async () => {
    const { service, influence, hiddenNotes, scope } = setUp(member);
    influence.reports.set(kol.id, report());
    hiddenNotes.add('n2');
    const r = (await service.kolReport(scope, kol.id, null))!;
    expect(r.interactions).toBe(40);
    expect(r.engagementRate).toBe(0.2);
    expect(r.topNotes.map((n) => n.id)).toEqual(['n1']);
  });

  test('influence is null until the first run has computed it', async () => {
    const { service, influence, scope } = setUp(member);
    influence.reports.set(kol.id, report());
    const none: InfluenceRecord = { score: null, pageRank: null, engagement: null, engagementRate: null, conversions: null, gmvCurrencies: null, gmvAmounts: null, reach: null, tier: null, rank: null, computedAt: null };
    influence.stored.set(kol.id, none);
    expect((await service.kolReport(scope, kol.id, null))!.influence).toBeNull();

    const after = setUp(member);
    after.influence.reports.set(kol.id, report());
    after.influence.stored.set(kol.id, { ...none, score: 71, tier: KolTier.TAIL, computedAt: 1 });
    expect((await after.service.kolReport(after.scope, kol.id, null))!.influence?.score).toBe(71);
  });

  test('an unknown user has no report: null, as a lookup answers', async () => {
    const { service, scope } = setUp(member);
    expect(await service.kolReport(scope, randomUUID(), null)).toBeNull();
  });
});

describe('matching KOLs to a brief', () => {
  const row = (id: string, fields: Partial<CandidateRow> = {}): CandidateRow => ({ id, engagementRate: 0.1, conversions: 2, gmv: 5000, tier: 'TAIL', followers: 8000, topicFit: 0.5, groupFollowers: 0, groupMembers: 10, ...fields });

  test("for a group, of two KOLs alike in every other way, the one the group's members follow ranks first, and says so", async () => {
    const { service, influence, scope } = setUp(member);
    influence.rows = [row(kol.id), row(growth.id, { groupFollowers: 6 })];
    const matches = await service.match(scope, ['skincare'], null, null, randomUUID(), 10);
    expect(matches.map((m) => m.user.id)).toEqual([growth.id, kol.id]);
    expect(matches[0]?.reasons).toContain("6 of the group's 10 members follow them");
  });

  test('without a group, topic fit weighs most', async () => {
    const { service, influence, scope } = setUp(member);
    influence.rows = [row(kol.id, { topicFit: 0.2, engagementRate: 0.12 }), row(growth.id, { topicFit: 0.9 })];
    const matches = await service.match(scope, ['skincare'], null, null, null, 10);
    expect(matches.map((m) => m.user.id)).toEqual([growth.id, kol.id]);
    expect(matches[0]?.reasons[0]).toBe('90% of their notes are on #skincare');
  });

  test('a group the viewer may not know of is NOT_FOUND; one they know but cannot read is FORBIDDEN; staff may use either', async () => {
    const secret = setUp(member, { visible: false, readable: false });
    expect(await codeOf(secret.service.match(secret.scope, ['skincare'], null, null, randomUUID(), 10))).toBe('NOT_FOUND');
    const closed = setUp(member, { visible: true, readable: false });
    expect(await codeOf(closed.service.match(closed.scope, ['skincare'], null, null, randomUUID(), 10))).toBe('FORBIDDEN');
    const staff = setUp(growth, { visible: false, readable: false });
    expect(await codeOf(staff.service.match(staff.scope, ['skincare'], null, null, randomUUID(), 10))).toBe('resolved');
  });

  test('a brief names at least one topic', async () => {
    const { service, scope } = setUp(member);
    expect(await codeOf(service.match(scope, [], null, null, null, 10))).toBe('BAD_USER_INPUT');
  });
});

describe('leaderboards', () => {
  test.each([
    [LeaderboardKind.REFERRAL, 'regular', 3, false, member],
    [LeaderboardKind.GMV, 'regular', 3, false, member],
    [LeaderboardKind.REFERRAL, 'growth staff', 1, true, growth],
  ] as const)('%s for a %s viewer counts days of at least %d buyers (today included: %s)', async (kind, _, minBuyers, today, viewer) => {
    const { service, influence, scope } = setUp(viewer);
    await service.leaderboard(scope, kind, null, null, 10);
    expect(influence.periods[0]?.minBuyers).toBe(minBuyers);
    expect(influence.periods[0]?.to).toBe(startOfUtcDay(Date.now()) + (today ? DAY_MS : 0));
  });

  test("a group's leaderboard is for those who may read the group", async () => {
    const { service, scope } = setUp(member, { readable: false });
    expect(await codeOf(service.leaderboard(scope, LeaderboardKind.INFLUENCE, randomUUID(), null, 10))).toBe('NOT_FOUND');
  });
});
