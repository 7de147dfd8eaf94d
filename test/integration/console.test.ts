import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, TestApp } from '../helpers/app';
import { signUp, postNote, Person } from '../helpers/people';
import { SHARE, OPEN, PLACE, signUpAdmin, signUpMerchant, listProduct, orderInput } from '../helpers/commerce';
import { CONSOLE_DIR } from '../../src/server/console';
import {
  AllowLiveHostDocument,
  JoinRoomDocument,
  LivePlaceOrderDocument,
  LiveRoomDocument,
  LiveRoomStatsDocument,
  ScheduleLiveRoomDocument,
  SendLiveCommentDocument,
} from '../generated/graphql';

/**
 * The web console in a real browser (Debian's Chromium through playwright-core): a community
 * manager signs in, watches a group live, and a growth lead opens a referral tree. Screenshots
 * land in test-artifacts/console/ for CI to keep.
 */
jest.setTimeout(120_000);

const ADMIN_EMAIL = `console-lead-${process.pid}@admins.example.com`;
const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'console');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let t: TestApp;
let browser: Browser;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  // `npm test` builds the console first; a lone `npx jest` run builds it here.
  if (!fs.existsSync(path.join(CONSOLE_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'console/vite.config.mts', '--logLevel', 'warn'], { cwd: path.resolve(__dirname, '..', '..'), stdio: 'inherit' });
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (as .ci/run does), or set CHROMIUM_PATH`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestApp();
  base = t.app.url.replace(/\/graphql$/, '');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function openConsole(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${base}/console/`);
  return page;
}

async function signIn(page: Page, who: Person) {
  await page.getByLabel('Email or handle').fill(who.handle);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').filter({ hasText: `@${who.handle}` }).waitFor();
}

/** Polls until the value satisfies the check (the browser acts asynchronously), for up to 10 s. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (ok(value) || i >= 50) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

test('the API serves the console with a strict content security policy', async () => {
  const res = await fetch(`${base}/console/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(await res.text()).toContain('<div id="root">');
  const deep = await fetch(`${base}/console/anything/else`);
  expect(deep.status).toBe(200);
  expect(deep.headers.get('cache-control')).toBe('no-cache');
  const html = await deep.text();
  const script = /assets\/[^"]+\.js/.exec(html)![0];
  const asset = await fetch(`${base}/console/${script}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toContain('immutable');
  expect((await fetch(`${base}/console/assets/gone-0000.js`)).status).toBe(404);
});

test('a wrong password shows the error and keeps the sign-in form', async () => {
  const who = await signUp(t, 'co_wrong');
  const page = await openConsole();
  await page.getByLabel('Email or handle').fill(who.handle);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/INVALID_CREDENTIALS/);
  await page.close();
});

test('a community manager signs in and sees a member join live, without a reload', async () => {
  const owner = await signUp(t, 'co_owner');
  const group = (
    await t.ok(`mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id name } } }`, { input: { name: `Console circle ${Date.now() % 100000}`, rules: 'Be kind.' } }, owner.token)
  ).createGroup.group!;
  const page = await openConsole();
  await signIn(page, owner);
  await shot(page, '01-signed-in');

  await page.getByRole('link', { name: new RegExp(group.name) }).click();
  await page.getByRole('heading', { name: group.name }).waitFor();
  const items = page.getByTestId('activity-item');

  // The subscription starts asynchronously; the owner posts until the stream shows a post, so
  // the stream is known to be live before the event under test.
  for (let i = 0; i < 20 && (await items.count()) === 0; i++) {
    await postNote(t, owner, { groupId: group.id, title: `Warm-up ${i}` });
    await items.first().waitFor({ timeout: 1000 }).catch(() => undefined);
  }
  expect(await items.count()).toBeGreaterThan(0);

  const newcomer = await signUp(t, 'co_new');
  await t.ok(`mutation($id: ID!) { joinGroup(input: { groupId: $id, acceptRules: true }) { status } }`, { id: group.id }, newcomer.token);
  const joined = page.locator('[data-testid="activity-item"][data-kind="MEMBER_JOINED"]');
  await joined.waitFor({ timeout: 10_000 });
  expect(await joined.textContent()).toContain(`@${newcomer.handle}`);
  await shot(page, '02-live-activity');

  // The members tab shows the newcomer with a role the owner can change.
  await page.getByRole('tab', { name: 'Members' }).click();
  await page.getByLabel(`Role of @${newcomer.handle}`).selectOption('MODERATOR');
  const moderators = async () =>
    (await t.ok(`query($id: ID!) { group(id: $id) { members(role: MODERATOR, first: 5) { nodes { user { id } } } } }`, { id: group.id }, owner.token)).group.members.nodes;
  expect(await eventually(moderators, (m) => m.length > 0)).toEqual([{ user: { id: newcomer.id } }]);
  await page.locator('[data-testid="activity-item"][data-kind="ROLE_CHANGED"]').waitFor({ state: 'attached' });
  // A member reports the newcomer's spam; the owner hides it from the queue, and the queue empties.
  const spam = await postNote(t, newcomer, { groupId: group.id, title: 'Cheap followers, DM me' });
  await t.ok(`mutation($n: ID!) { report(input: { target: { noteId: $n }, reason: SPAM, details: "ad" }) { received } }`, { n: spam.id }, owner.token);
  await page.getByRole('tab', { name: 'Moderation' }).click();
  const reported = page.getByTestId('moderation-case').filter({ hasText: spam.id });
  await reported.getByLabel('Reason').fill('Advertising is not allowed here');
  await reported.getByRole('button', { name: 'hide' }).click();
  await reported.waitFor({ state: 'detached' });
  expect(await t.ok(`query($id: ID!) { moderationQueue(groupId: $id) { totalCount } }`, { id: group.id }, owner.token)).toEqual({ moderationQueue: { totalCount: 0 } });
  expect((await t.ok(`query($id: ID!) { note(id: $id) { id } }`, { id: spam.id }, owner.token)).note).toBeNull();
  await shot(page, '03-moderation');

  await page.getByRole('tab', { name: 'Stats' }).click();
  await page.getByRole('figure', { name: 'Members over time' }).waitFor();
  // The level distribution: one row per level, the group's two members spread over them as the API counts them.
  await page.getByRole('figure', { name: 'Members per level' }).waitFor();
  const levelRows = page.getByTestId('level-row');
  expect(await levelRows.count()).toBe(10);
  const shown = (await levelRows.locator('td:nth-child(2)').allTextContents()).map(Number);
  const counted = (await t.ok(`query($g: ID!) { groupStats(groupId: $g) { levelDistribution { members } } }`, { g: group.id }, owner.token)).groupStats.levelDistribution.map((l: { members: number }) => l.members);
  expect(shown).toEqual(counted);
  expect(shown.reduce((a: number, b: number) => a + b, 0)).toBe(2);
  await shot(page, '04-group-stats');

  // The settings tab sets the level rights; the API holds what was saved.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Start group buys from level', { exact: true }).selectOption('2');
  await page.getByLabel('Post without pre-moderation from level', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Save level rights' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const rights = (await t.ok(`query($id: ID!) { group(id: $id) { levelRights { postWithoutPremoderationFromLevel startGroupBuyFromLevel } } }`, { id: group.id }, owner.token)).group.levelRights;
  expect(rights).toEqual({ postWithoutPremoderationFromLevel: 3, startGroupBuyFromLevel: 2 });
  await shot(page, '05-group-settings');
  await page.close();
});

test('a sharer opens their referral tree and finds every link, folds a branch, and zooms', async () => {
  const [a, b, c, d, e] = await Promise.all(['co_a', 'co_b', 'co_c', 'co_d', 'co_e'].map((n) => signUp(t, n)));
  const note = await postNote(t, a!, { title: 'The sunscreen I keep re-buying' });
  const share = async (who: Person, from: string | null) => {
    if (from) await t.ok(OPEN, { code: from }, who.token);
    return (await t.ok(SHARE, { target: { noteId: note.id }, channel: 'WECHAT' }, who.token)).share.shareLink!.code as string;
  };
  // a → b → c, and a → d → e: five links in two branches.
  const root = await share(a!, null);
  const bCode = await share(b!, root);
  await share(c!, bCode);
  const dCode = await share(d!, root);
  await share(e!, dCode);

  const page = await openConsole();
  await signIn(page, a!);
  await page.getByRole('link', { name: 'Growth' }).click();
  await page.getByLabel('User handle').fill(a!.handle);
  await page.getByRole('button', { name: 'Open tree' }).click();
  const nodes = page.getByTestId('tree-node');
  await page.getByTestId('referral-tree').waitFor();
  expect(await nodes.count()).toBe(5);
  expect(await page.getByTestId('tree-totals').textContent()).toMatch(/^5 links/);
  expect(await page.locator('[data-testid="tree-node"][data-depth="2"]').count()).toBe(2);
  await shot(page, '05-referral-tree');

  // Folding b's branch hides c; the folded node says how many it hides.
  await page.locator(`[data-node="${bCode}"]`).click();
  await page.locator(`[data-node="${bCode}"]`, { hasText: '(+1)' }).waitFor();
  expect(await nodes.count()).toBe(4);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.locator('[data-testid="referral-tree"] > g[transform*="scale(1.25)"]').waitFor();

  // The note's tree is the same five links, drawn under the note.
  await page.getByLabel('Tree of').selectOption('note');
  await page.getByLabel('Note id').fill(note.id);
  await page.getByRole('button', { name: 'Open tree' }).click();
  await page.getByTestId('tree-root').filter({ hasText: 'Note id' }).waitFor();
  expect(await nodes.count()).toBe(5);

  // The KOL report of the sharer, found by handle: one note, engaged with by nobody yet.
  await page.getByRole('link', { name: 'Influence' }).click();
  await page.getByTestId('leaderboard').waitFor();
  await page.getByLabel('Creator handle').fill(a!.handle);
  await page.getByRole('button', { name: 'Open KOL report' }).click();
  const report = page.getByTestId('kol-report');
  await report.waitFor();
  expect(await page.getByRole('heading', { name: `KOL report: co_a @${a!.handle}` }).count()).toBe(1);
  expect(await report.locator('.stat', { hasText: 'notes' }).first().textContent()).toBe('1notes');
  expect(await report.getByRole('cell', { name: 'The sunscreen I keep re-buying' }).count()).toBe(1);
  await shot(page, '07-influence');
  await page.close();
});

test('a growth lead follows an order back along its referral chain and reads the channel table', async () => {
  const lead = await signUpAdmin(t, ADMIN_EMAIL);
  const shop = await signUpMerchant(t, lead, 'co_shop');
  const product = await listProduct(t, shop, { priceMinor: 8800 });
  const [seed, friend, buyer] = await Promise.all(['co_seed', 'co_friend', 'co_buyer'].map((n) => signUp(t, n)));
  const first = (await t.ok(SHARE, { target: { productId: product }, channel: 'WEIBO' }, seed!.token)).share.shareLink!.code as string;
  await t.ok(OPEN, { code: first }, friend!.token);
  const second = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, friend!.token)).share.shareLink!.code as string;
  await t.ok(OPEN, { code: second }, buyer!.token);
  const order = (await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: second }) }, buyer!.token)).placeOrder.order!;
  expect(order.shareLink).toEqual({ code: second });
  // Three people search one term (in two spellings): it trends on the growth page.
  const term = `console${Math.random().toString(36).slice(2, 8)} toner`;
  const SEARCH = `query($q: String!) { search(query: $q, type: PRODUCT) { totalCount } }`;
  for (const [who, q] of [[seed!, term], [friend!, term.toUpperCase()], [buyer!, `  ${term}  `]] as const) await t.ok(SEARCH, { q }, who.token);

  const page = await openConsole();
  await signIn(page, lead);
  await page.getByRole('link', { name: 'Growth' }).click();
  await page.getByLabel('Order id').fill(order.id);
  await page.getByRole('button', { name: 'Show chain' }).click();
  await page.getByTestId('referral-chain').waitFor();
  const hops = await page.getByTestId('chain-hop').allTextContents();
  expect(hops.map((h) => h.split(/shared|bought/)[0])).toEqual([`@${seed!.handle}`, `@${friend!.handle}`, `@${buyer!.handle}`]);
  expect(hops[0]).toContain(first);
  expect(hops[2]).toContain('bought');
  // Staff see the growth tables: the WECHAT row counts this order.
  const wechat = page.getByRole('row', { name: /^WECHAT/ });
  await wechat.waitFor();
  expect(Number((await wechat.locator('td').nth(4).textContent()) ?? '0')).toBeGreaterThanOrEqual(1);
  const hot = page.getByTestId('hot-searches').getByRole('row', { name: new RegExp(term) });
  await hot.waitFor();
  expect(await hot.locator('td').allTextContents()).toEqual([expect.any(String), term, '3', 'new']);
  await page.getByLabel('Hot searches window').selectOption('DAY');
  await page.getByTestId('hot-searches').getByRole('row', { name: new RegExp(term) }).waitFor();
  await shot(page, '06-referral-chain');
  await page.close();
});

test('a host runs a live room from the console: comments arrive live, a pin and a mute, flash stock falls as a viewer buys, and the figures chart after the end', async () => {
  const lead = await signUpAdmin(t, `console-live-${process.pid}@admins.example.com`);
  const shop = await signUpMerchant(t, lead, 'co_live_shop');
  const product = await listProduct(t, shop, { title: 'Cushion foundation', priceMinor: 12_900, stock: 50 });
  const [host, viewer, buyer] = await Promise.all(['co_host', 'co_viewer', 'co_live_buyer'].map((n) => signUp(t, n)));
  await t.ok(AllowLiveHostDocument, { hostId: host!.id }, shop.token);
  const title = `Base makeup live ${Date.now() % 100000}`;
  const scheduled = (
    await t.ok(ScheduleLiveRoomDocument, {
      input: { title, coverUrl: 'https://img.example.com/cover.jpg', streamUrl: 'https://live.example.com/base.m3u8', scheduledStartAt: new Date(Date.now() + 600_000).toISOString(), productIds: [product] },
    }, host!.token)
  ).scheduleLiveRoom.liveRoom!;

  // The host finds the room among their scheduled ones and goes live from the page.
  const page = await openConsole();
  await signIn(page, host!);
  await page.getByRole('link', { name: 'Live', exact: true }).click();
  await page.getByRole('tab', { name: 'Scheduled' }).click();
  // Soonest first: rooms other runs left scheduled earlier may fill the first pages.
  const link = page.getByTestId('live-room-link').filter({ hasText: title });
  await page.getByTestId('live-room-list').locator('a, button').first().waitFor();
  for (let i = 0; i < 20 && (await link.count()) === 0; i++) {
    const further = page.getByRole('button', { name: /^Look further/ });
    if ((await further.count()) === 0) await link.waitFor({ timeout: 2000 }).catch(() => undefined);
    else await further.click();
  }
  await link.click();
  await page.getByRole('button', { name: 'Go live' }).click();
  await page.locator('[data-testid="live-room"][data-status="LIVE"]').waitFor();
  expect((await t.ok(LiveRoomDocument, { id: scheduled.id }, host!.token)).liveRoom?.status).toBe('LIVE');
  await shot(page, '08-live-room-started');

  // The stream attaches asynchronously: the viewer says hello (about once a second, the room's
  // limit) until one shows, so the stream is known to be live before the comment under test.
  const comments = page.getByTestId('live-comment');
  for (let i = 0; i < 15 && (await comments.count()) === 0; i++) {
    await t.ok(SendLiveCommentDocument, { roomId: scheduled.id, body: `hello ${i}` }, viewer!.token);
    await comments.first().waitFor({ timeout: 1100 }).catch(() => undefined);
  }
  expect(await comments.count()).toBeGreaterThan(0);
  // The viewer's entry reaches the counters with the next push.
  await t.ok(JoinRoomDocument, { roomId: scheduled.id }, viewer!.token);
  await page.getByTestId('counter-viewers').filter({ hasText: /^1$/ }).waitFor();
  await new Promise((r) => setTimeout(r, 1100));
  const question = (await t.ok(SendLiveCommentDocument, { roomId: scheduled.id, body: 'Does it suit dry skin?' }, viewer!.token)).sendLiveComment.comment!;
  const asked = page.locator(`[data-testid="live-comment"][data-comment="${question.id}"]`);
  await asked.waitFor({ timeout: 10_000 });
  expect(await asked.textContent()).toContain(`@${viewer!.handle} Does it suit dry skin?`);
  // In order: the question is the last comment, after the hellos.
  expect(await comments.last().getAttribute('data-comment')).toBe(question.id);

  // Pin the question, then mute its author for 30 minutes: their next comment is refused.
  await asked.getByRole('button', { name: 'Pin' }).click();
  await page.getByTestId('pinned-comment').filter({ hasText: 'Does it suit dry skin?' }).waitFor();
  expect((await t.ok(LiveRoomDocument, { id: scheduled.id }, host!.token)).liveRoom?.pinnedComment).toMatchObject({ id: question.id });
  await page.getByLabel('Mute minutes').selectOption('30');
  await asked.getByRole('button', { name: `Mute @${viewer!.handle}` }).click();
  await page.getByRole('status').filter({ hasText: `@${viewer!.handle} is muted in this room for 30 minutes` }).waitFor();
  await new Promise((r) => setTimeout(r, 1100));
  expect((await t.answer(SendLiveCommentDocument, { roomId: scheduled.id, body: 'still here?' }, viewer!.token)).sendLiveComment.userErrors[0]?.code).toBe('MUTED');
  const mutedUntil = (await t.ok(LiveRoomDocument, { id: scheduled.id }, viewer!.token)).liveRoom?.viewerMutedUntil;
  expect(Date.parse(mutedUntil!) - Date.now()).toBeGreaterThan(28 * 60_000);

  // A refusal is shown as the API gave it: the host cannot be their own moderator.
  await page.getByLabel('Moderator handle').fill(host!.handle);
  await page.getByRole('button', { name: 'Add moderator' }).click();
  await page.getByRole('alert').filter({ hasText: 'the host runs the room already' }).waitFor();

  // A flash price above the regular one is caught before sending; then 5 units at 99.00 for 10 minutes.
  await page.getByLabel('Flash price of Cushion foundation').fill('199');
  await page.getByLabel('Flash units of Cushion foundation').fill('5');
  await page.getByRole('button', { name: 'Pin Cushion foundation' }).click();
  await page.getByRole('alert').filter({ hasText: 'below the regular price' }).waitFor();
  await page.getByLabel('Flash price of Cushion foundation').fill('99');
  await page.getByLabel('Flash seconds of Cushion foundation').fill('600');
  await page.getByRole('button', { name: 'Pin Cushion foundation' }).click();
  const pinned = page.getByTestId('pinned-product');
  await pinned.filter({ hasText: '¥99.00' }).waitFor();
  expect(await page.getByTestId('flash-left').textContent()).toBe('5');
  expect(await page.getByTestId('flash-countdown').textContent()).toMatch(/^(10:00|9:[0-5]\d)$/);

  // A viewer buys in the room at the flash price: the stock left falls and the purchase counts, live.
  const order = (await t.ok(LivePlaceOrderDocument, { input: { items: [{ productId: product, qty: 1 }], context: { liveRoomId: scheduled.id }, idempotencyKey: `console-live-${Date.now()}` } }, buyer!.token)).placeOrder.order!;
  expect(order.items[0]?.unitPrice.amountMinor).toBe(9900);
  await page.getByTestId('flash-left').filter({ hasText: /^4$/ }).waitFor({ timeout: 10_000 });
  await page.getByTestId('counter-purchases').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
  await shot(page, '09-live-room-flash');

  // Ending the room asks once more, then shows its figures with the per-minute chart.
  await page.getByRole('button', { name: 'End live' }).click();
  await page.getByRole('button', { name: 'End the stream now' }).click();
  await page.locator('[data-testid="live-room"][data-status="ENDED"]').waitFor();
  await page.getByRole('figure', { name: 'Viewers per minute (most at once)' }).waitFor();
  const stats = (await t.ok(LiveRoomStatsDocument, { roomId: scheduled.id }, host!.token)).liveRoomStats!;
  expect(stats.orders).toBe(1);
  const row = page.getByTestId('live-product-stats').filter({ hasText: 'Cushion foundation' });
  expect(await row.locator('td').allTextContents()).toEqual(['Cushion foundation', '1', '1', '1', '1', '1', expect.stringMatching(/%$/), '¥99.00']);
  expect(await page.getByTestId('live-room-stats').locator('.stat', { hasText: 'orders' }).textContent()).toBe('1orders');
  await shot(page, '10-live-room-figures');
  await page.close();
});

test('no script error happened in any page', () => {
  expect(pageErrors).toEqual([]);
});
