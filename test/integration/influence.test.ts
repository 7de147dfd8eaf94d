import { startTestApp, TestApp, collect } from '../helpers/app';
import { signUp, follow, postNote, Person } from '../helpers/people';
import { computeInfluence } from '../../src/influence/job';
import {
  CreateGroupDocument,
  InfluenceLeaderboardDocument,
  InfluenceTierUpdatedDocument,
  JoinGroupDocument,
  KolReportDocument,
  LikeNoteDocument,
  MatchKolsDocument,
  UserInfluenceDocument,
} from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const thresholds = { head: 1_000_000, waist: 100_000, tail: 4, kocMinEngagementRate: 0.5, kocMinConversions: 3, kocMinFollowers: 1 };

test('a run scores users from the follow graph, engagement and conversion; queries read it', async () => {
  const [kol, koc, plain, ...fans] = await Promise.all(['if_kol', 'if_koc', 'if_plain', 'if_f1', 'if_f2', 'if_f3', 'if_f4', 'if_f5'].map((n) => signUp(t, n)));
  for (const fan of fans) await follow(t, fan!, kol!);
  await follow(t, kol!, koc!);
  await follow(t, fans[0]!, koc!);
  const topic = `if${kol!.id.slice(0, 6)}`;
  const hit = await postNote(t, koc!, { topics: [topic] });
  for (const fan of fans) await t.ok(LikeNoteDocument, { id: hit.id }, fan!.token);
  await postNote(t, kol!, { topics: [topic] });
  const group = (await t.ok(CreateGroupDocument, { input: { name: `Influence circle ${topic}` } }, kol!.token)).createGroup.group!.id;
  for (const p of [koc!, plain!, fans[0]!]) await t.ok(JoinGroupDocument, { id: group }, p.token);

  const watch = collect(t.ws(kol!.token), InfluenceTierUpdatedDocument, 1, 60_000, { id: kol!.id });
  await watch.started;
  await new Promise((r) => setTimeout(r, 200));
  const run = await computeInfluence(t.db, { thresholds, events: t.deps.events });
  expect(run.users).toBeGreaterThanOrEqual(8);
  expect((await watch.events)[0]!.influenceUpdated).toMatchObject({ userId: kol!.id, influence: { tier: 'TAIL' } });

  const INF = UserInfluenceDocument;
  // Each of them was scored by the run above, so each has an influence.
  const influenceOf = async (u: Person) => (await t.ok(INF, { id: u.id })).user!.influence!;
  const [k, c, p] = await Promise.all([influenceOf(kol!), influenceOf(koc!), influenceOf(plain!)]);
  expect(k.tier).toBe('TAIL');
  expect(c.tier).toBe('KOC');
  expect(p.tier).toBe('NONE');
  expect(k.pageRank).toBeGreaterThan(p.pageRank);
  expect(c.engagement).toBeGreaterThan(4.9);
  expect(c.score).toBeGreaterThan(p.score);
  expect(Date.parse(k.computedAt)).toBeGreaterThan(Date.now() - 120_000);

  const board = await t.ok(InfluenceLeaderboardDocument, { g: group }, kol!.token);
  // Everyone ranked fits on the page, so the exact count is the page's length.
  expect(board.leaderboard.totalCount).toBeGreaterThan(0);
  expect(board.leaderboard.totalCount).toBe(board.leaderboard.edges.length);
  const order = board.leaderboard.edges.map((e) => e.node.user.id);
  expect(order.indexOf(koc!.id)).toBeLessThan(order.indexOf(plain!.id) === -1 ? Infinity : order.indexOf(plain!.id));
  expect(board.leaderboard.edges[0]?.node.position).toBe(1);

  // The KOC reads their own report, whose default period includes today (for others it ends yesterday).
  const report = await t.ok(KolReportDocument, { id: koc!.id }, koc!.token);
  expect(report.kolReport).toMatchObject({ followers: 2, followerGrowth: 2, notes: 1, interactions: 5, engagementRate: 2.5, topNotes: [{ id: hit.id }], influence: { tier: 'KOC' } });

  const matches = await t.ok(MatchKolsDocument, { t: [topic], g: group }, kol!.token);
  const ids = matches.matchKols.map((m) => m.user.id);
  expect(ids).toContain(koc!.id);
  const kocMatch = matches.matchKols.find((m) => m.user.id === koc!.id)!;
  expect(kocMatch.reasons.join(' ')).toMatch(/100% of their notes/);
  expect(kocMatch.reasons.join(' ')).toMatch(/members follow them/);
});
