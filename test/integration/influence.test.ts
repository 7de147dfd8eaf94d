import { startTestApp, TestApp, collect } from '../helpers/app';
import { signUp, follow, postNote, Person } from '../helpers/people';
import { computeInfluence } from '../../src/influence/job';

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
  for (const fan of fans) await t.ok(`mutation($id: ID!) { like(noteId: $id) { id } }`, { id: hit.id }, fan!.token);
  await postNote(t, kol!, { topics: [topic] });
  const group = (await t.ok(`mutation { createGroup(input: { name: "Influence circle ${topic}" }) { id } }`, {}, kol!.token)).createGroup.id;
  for (const p of [koc!, plain!, fans[0]!]) await t.ok(`mutation($id: ID!) { joinGroup(groupId: $id, acceptRules: true) { status } }`, { id: group }, p.token);

  const watch = collect<{ influenceUpdated: { userId: string; influence: { tier: string } } }>(t.ws(kol!.token), `subscription($id: ID!) { influenceUpdated(userId: $id) { userId influence { tier score } } }`.replace('$id: ID!', `$id: ID! = "${kol!.id}"`), 1, 60_000);
  await watch.started;
  await new Promise((r) => setTimeout(r, 200));
  const run = await computeInfluence(t.db, { thresholds, events: t.deps.events });
  expect(run.users).toBeGreaterThanOrEqual(8);
  expect((await watch.events)[0]!.influenceUpdated).toMatchObject({ userId: kol!.id, influence: { tier: 'TAIL' } });

  const INF = `query($id: ID!) { user(id: $id) { influence { score pageRank engagement engagementRate conversions gmv reach tier rank computedAt } } }`;
  const [k, c, p] = await Promise.all([kol!, koc!, plain!].map(async (u: Person) => (await t.ok(INF, { id: u.id })).user.influence));
  expect(k.tier).toBe('TAIL');
  expect(c.tier).toBe('KOC');
  expect(p.tier).toBe('NONE');
  expect(k.pageRank).toBeGreaterThan(p.pageRank);
  expect(c.engagement).toBeGreaterThan(4.9);
  expect(c.score).toBeGreaterThan(p.score);
  expect(Date.parse(k.computedAt)).toBeGreaterThan(Date.now() - 120_000);

  const board = await t.ok(`query($g: ID) { leaderboard(kind: INFLUENCE, groupId: $g, first: 10) { totalCount edges { node { position user { id } value } } } }`, { g: group }, kol!.token);
  // Everyone ranked fits on the page, so the exact count is the page's length.
  expect(board.leaderboard.totalCount).toBeGreaterThan(0);
  expect(board.leaderboard.totalCount).toBe(board.leaderboard.edges.length);
  const order = board.leaderboard.edges.map((e: { node: { user: { id: string } } }) => e.node.user.id);
  expect(order.indexOf(koc!.id)).toBeLessThan(order.indexOf(plain!.id) === -1 ? Infinity : order.indexOf(plain!.id));
  expect(board.leaderboard.edges[0].node.position).toBe(1);

  // The KOC reads their own report, whose default period includes today (for others it ends yesterday).
  const report = await t.ok(`query($id: ID!) { kolReport(userId: $id) { followers followerGrowth notes interactions engagementRate topNotes { id } influence { tier } } }`, { id: koc!.id }, koc!.token);
  expect(report.kolReport).toMatchObject({ followers: 2, followerGrowth: 2, notes: 1, interactions: 5, engagementRate: 2.5, topNotes: [{ id: hit.id }], influence: { tier: 'KOC' } });

  const matches = await t.ok(`query($t: [String!]!, $g: ID) { matchKols(topics: $t, groupId: $g) { user { id } score reasons } }`, { t: [topic], g: group }, kol!.token);
  const ids = matches.matchKols.map((m: { user: { id: string } }) => m.user.id);
  expect(ids).toContain(koc!.id);
  const kocMatch = matches.matchKols.find((m: { user: { id: string } }) => m.user.id === koc!.id);
  expect(kocMatch.reasons.join(' ')).toMatch(/100% of their notes/);
  expect(kocMatch.reasons.join(' ')).toMatch(/members follow them/);
});
