import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { GraphQLClient } from 'graphql-request';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalNeo4j, LocalNeo4j } from '../../src/db/local-neo4j';
import { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { createApp, App } from '../../src/server/app';
import { createEventBus } from '../../src/events/bus';
import { createLimits } from '../../src/accounts/limits';
import { createLogger } from '../../src/server/logger';
import { CONSOLE_DIR } from '../../src/server/console';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, runDemo, signInInstructions, type DemoReport } from '../../src/jobs/demo';
import { testConfig } from '../helpers/app';

/**
 * `npm run demo` on a database of its own (the demo seeds users user0.. with fixed ids, which must
 * not land in the database other tests share): the three accounts sign in with their roles, every
 * console page has data for them (through the API and in Chromium, with screenshots in
 * test-artifacts/demo/), and Chinese text renders with real glyphs.
 */
jest.setTimeout(600_000);

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'demo');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DAY = 86_400_000;

let neo: LocalNeo4j;
let dataDir: string;
let db: Database;
let app: App;
let first: DemoReport;
const pageErrors: string[] = [];

beforeAll(async () => {
  // The importer hashes seeded passwords with BCRYPT_COST; the tests' cost keeps this quick.
  process.env.BCRYPT_COST = '4';
  dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-demo-db-'));
  neo = await startLocalNeo4j({ port: 0, dataDir, heap: '768m', startTimeoutMs: 300_000 });
  db = Database.connect({ uri: neo.uri, user: 'neo4j', password: '', database: 'neo4j', retryTimeMs: 30_000, queryTimeoutMs: 120_000 });
  await migrate(db);
  const config = testConfig();
  app = await createApp({ config, logger: createLogger('silent'), db, events: createEventBus(), limits: createLimits(config) }, { host: '127.0.0.1', port: 0 });
  // A reduced dataset; the timeline pinned to the time of the run, as the default would be.
  first = await runDemo(db, { users: 400, now: Date.now(), quiet: true });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await neo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const client = new GraphQLClient(app.url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return client.request<T>(query, variables);
}

async function logIn(handle: string) {
  const { logIn } = await call(`mutation($l: String!, $p: String!) { logIn(input: { login: $l, password: $p }) { token user { id role } userErrors { code } } }`, { l: handle, p: DEMO_PASSWORD });
  expect(logIn.userErrors).toEqual([]);
  return logIn as { token: string; user: { id: string; role: string } };
}

/** The console's period: the last 30 completed days, and today too for staff. */
const last30Days = (staff: boolean) => {
  const to = Math.floor(Date.now() / DAY) * DAY + (staff ? DAY : 0);
  return { from: new Date(to - 30 * DAY).toISOString(), to: new Date(to).toISOString() };
};

async function graphCounts(): Promise<Record<string, number>> {
  const { records } = await db.driver.executeQuery(
    'MATCH (n) WITH count(n) AS nodes CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
  );
  return records[0]!.toObject() as Record<string, number>;
}

test('the demo seeds, computes influence and creates an admin, a growth lead and a group manager who sign in with their roles', async () => {
  expect(first.seeded).toBe(true);
  expect(first.influencedUsers).toBe(400 + DEMO_ACCOUNTS.length);
  expect(first.managedGroups.length).toBe(2);
  const roles = Object.fromEntries(await Promise.all(DEMO_ACCOUNTS.map(async (a) => [a.handle, (await logIn(a.handle)).user.role])));
  expect(roles).toEqual({ demo_admin: 'ADMIN', demo_growth: 'GROWTH', demo_manager: 'USER' });
  const text = signInInstructions(first, { host: '0.0.0.0', port: 4000 });
  expect(text).toContain('http://127.0.0.1:4000/console/');
  for (const a of DEMO_ACCOUNTS) expect(text).toContain(`${a.handle}`);
  expect(text).toContain(`password ${DEMO_PASSWORD}`);
});

test('running the demo again imports nothing twice and keeps the accounts working', async () => {
  const before = await graphCounts();
  const again = await runDemo(db, { users: 400, now: Date.now() + 3 * DAY, quiet: true });
  expect(again.seeded).toBe(false);
  // The dataset's timeline stays the first run's.
  expect(again.now).toBe(first.now);
  expect(await graphCounts()).toEqual(before);
  expect((await logIn('demo_admin')).user.role).toBe('ADMIN');
});

test("every console page has data for the demo accounts in the last 30 days", async () => {
  const manager = await logIn('demo_manager');
  const { myGroups } = await call(`query { myGroups(roles: [OWNER, ADMIN, MODERATOR], first: 10) { totalCount nodes { id memberCount viewerRole } } }`, {}, manager.token);
  expect(myGroups.totalCount).toBe(2);
  expect(myGroups.nodes.every((g: { viewerRole: string; memberCount: number }) => g.viewerRole === 'ADMIN' && g.memberCount > 5)).toBe(true);
  const { groupStats } = await call(
    `query($g: ID!, $period: PeriodInput) { groupStats(groupId: $g, period: $period) { totalMembers daily { posts likes joined } topContributors { posts } } }`,
    { g: myGroups.nodes[0].id, period: last30Days(false) },
    manager.token,
  );
  const daily = groupStats.daily as { posts: number; likes: number; joined: number }[];
  expect(daily.reduce((s, d) => s + d.posts, 0)).toBeGreaterThan(0);
  expect(daily.reduce((s, d) => s + d.joined, 0)).toBeGreaterThan(0);
  expect(groupStats.topContributors.length).toBeGreaterThan(0);

  const growth = await logIn('demo_growth');
  const period = last30Days(true);
  const { topReferrers, conversionByChannel } = await call(
    `query($period: PeriodInput) { topReferrers(first: 20, period: $period) { orders } conversionByChannel(period: $period) { channel orders } }`,
    { period },
    growth.token,
  );
  expect(topReferrers.length).toBeGreaterThan(5);
  expect(conversionByChannel.reduce((s: number, c: { orders: number }) => s + c.orders, 0)).toBeGreaterThan(10);
  const { referralTreeOfUser } = await call(`query($u: ID!) { referralTreeOfUser(userId: $u, maxDepth: 5) { totals { links orders } } }`, { u: (await chainStarter()).id }, growth.token);
  expect(referralTreeOfUser.totals.links).toBeGreaterThan(1);
  expect(referralTreeOfUser.totals.orders).toBeGreaterThan(0);

  const admin = await logIn('demo_admin');
  const { leaderboard } = await call(`query($period: PeriodInput) { leaderboard(kind: INFLUENCE, first: 10, period: $period) { nodes { value user { handle } } } }`, { period }, admin.token);
  expect(leaderboard.nodes.length).toBe(10);
  expect(leaderboard.nodes[0].value).toBeGreaterThan(0);
});

/** The seeded user who started the most share chains (a user's tree holds the chains they started). */
async function chainStarter(): Promise<{ id: string; handle: string }> {
  const { records } = await db.driver.executeQuery(
    'MATCH (u:User)-[:SHARED]->(l:ShareLink) WHERE NOT (l)-[:RESHARE_OF]->() RETURN u.id AS id, u.handle AS handle, count(l) AS n ORDER BY n DESC LIMIT 1',
  );
  return records[0]!.toObject() as { id: string; handle: string };
}

describe('in Chromium', () => {
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(CONSOLE_DIR, 'index.html'))) {
      execFileSync('npx', ['vite', 'build', '--config', 'console/vite.config.mts', '--logLevel', 'warn'], { cwd: path.resolve(__dirname, '..', '..'), stdio: 'inherit' });
    }
    if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (as .ci/run does), or set CHROMIUM_PATH`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    base = app.url.replace(/\/graphql$/, '');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(() => browser?.close());

  async function signedIn(handle: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base}/console/`);
    await page.getByLabel('Email or handle').fill(handle);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').filter({ hasText: `@${handle}` }).waitFor();
    return page;
  }
  interface Measured {
    zhong: number;
    box: number;
    latin: number;
    zhongPixels: string;
    caoPixels: string;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  test('Chinese text renders with real glyphs, not the missing-glyph box', async () => {
    const page = await signedIn('demo_manager');
    // The console's own font stack; a private-use code point has no glyph in any font, so it draws the box.
    // Run in the page (a string, since the tests compile without the DOM's types).
    const measured = await page.evaluate<Measured>(`(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const ctx = canvas.getContext('2d');
      ctx.font = '32px ' + getComputedStyle(document.body).fontFamily;
      const pixels = (ch) => {
        ctx.clearRect(0, 0, 64, 64);
        ctx.fillText(ch, 8, 44);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
      };
      return { zhong: ctx.measureText('种').width, box: ctx.measureText('\\uE000').width, latin: ctx.measureText('a').width, zhongPixels: pixels('种'), caoPixels: pixels('草') };
    })()`);
    expect(measured.zhong).toBeGreaterThan(0);
    expect(measured.zhong).not.toBeCloseTo(measured.box, 1);
    // A CJK glyph is full width; and two characters draw differently (two missing glyphs draw the same box).
    expect(measured.zhong).toBeGreaterThan(measured.latin * 1.5);
    expect(measured.zhongPixels).not.toBe(measured.caoPixels);
    await page.close();
  });

  test('a demo manager, growth lead and admin see data on every console page', async () => {
    const manager = await signedIn('demo_manager');
    await shot(manager, '01-groups');
    await manager.getByRole('link', { name: new RegExp(first.managedGroups[0]!.name) }).click();
    await manager.getByRole('heading', { name: first.managedGroups[0]!.name }).waitFor();
    await shot(manager, '02-group-activity');
    await manager.getByRole('tab', { name: 'Members' }).click();
    await manager.getByTestId('member-row').first().waitFor();
    expect(await manager.getByTestId('member-row').count()).toBeGreaterThan(5);
    await shot(manager, '03-group-members');
    await manager.getByRole('tab', { name: 'Moderation' }).click();
    await shot(manager, '04-group-moderation');
    await manager.getByRole('tab', { name: 'Stats' }).click();
    await manager.getByRole('figure', { name: 'Members over time' }).waitFor({ timeout: 120_000 });
    await shot(manager, '05-group-stats');
    await manager.close();

    const growth = await signedIn('demo_growth');
    await growth.getByRole('link', { name: 'Growth' }).click();
    const referrers = growth.getByTestId('top-referrers').locator('tbody tr');
    await referrers.first().waitFor();
    expect(await referrers.count()).toBeGreaterThan(5);
    expect(await growth.getByRole('row', { name: /^(IN_APP|WECHAT|WEIBO|DOUYIN|LINK|OTHER)/ }).count()).toBeGreaterThan(0);
    await growth.getByLabel('User handle').fill((await chainStarter()).handle);
    await growth.getByRole('button', { name: 'Open tree' }).click();
    await growth.getByTestId('tree-node').first().waitFor();
    await shot(growth, '06-growth');
    await growth.close();

    const admin = await signedIn('demo_admin');
    await admin.getByRole('link', { name: 'Influence' }).click();
    const rows = admin.getByTestId('leaderboard').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    // The top creator's handle, from the API (a row's text runs its cells together).
    const { leaderboard } = await call(`query { leaderboard(kind: INFLUENCE, first: 1) { nodes { user { handle } } } }`, {}, (await logIn('demo_admin')).token);
    await admin.getByLabel('Creator handle').fill(leaderboard.nodes[0].user.handle);
    await admin.getByRole('button', { name: 'Open KOL report' }).click();
    await admin.getByTestId('kol-report').waitFor({ timeout: 90_000 });
    await shot(admin, '07-influence');
    await admin.close();
  });

  test('no script error happened in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
