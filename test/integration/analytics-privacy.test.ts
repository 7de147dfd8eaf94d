import type { DocumentNode } from 'graphql';
import { startTestApp, TestApp, operationText } from '../helpers/app';
import { signUp, Person } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, SHARE, OPEN, PLACE, orderInput } from '../helpers/commerce';
import {
  CreateGroupDocument,
  GmvLeaderboardOverDocument,
  GroupStatsDailyOverDocument,
  JoinGroupDocument,
  KolReportOverDocument,
  SetGroupRoleDocument,
  type PeriodInput,
} from '../generated/graphql';

/**
 * Analytics about other people's orders (kolReport's conversions and GMV, the GMV leaderboard, a
 * group's orders and GMV) publish completed UTC days only, and only days of at least 3 distinct
 * buyers, to anyone but platform staff: no figure gives away one buyer's order.
 */
jest.setTimeout(120_000);

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const yesterday = today - DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const YESTERDAY = { from: iso(yesterday), to: iso(today) };

const ADMIN_EMAIL = `analytics-${process.pid}@admins.example.com`;
let t: TestApp;
let admin: Person;
let brand: Person;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, ADMIN_EMAIL);
  brand = await signUpMerchant(t, admin, 'ap_brand');
});
afterAll(() => t.close());

const REPORT = KolReportOverDocument;
/** A GMV in yuan, as kolReport returns it (one amount per currency). */
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const BOARD = GmvLeaderboardOverDocument;
const STATS = GroupStatsDailyOverDocument;

/** A creator who shares a product in their group, and the group's moderator. */
async function creatorWithGroup(prefix: string) {
  const product = await listProduct(t, brand, { priceMinor: 4200, stock: 1000 });
  const [kol, owner, moderator] = [await signUp(t, `${prefix}_kol`), await signUp(t, `${prefix}_own`), await signUp(t, `${prefix}_mod`)];
  const group = (await t.ok(CreateGroupDocument,
    { input: { name: `Glow club ${prefix} ${process.pid}`, description: '', visibility: 'OPEN', rules: '', isPremoderated: false, topics: [] } }, owner.token)).createGroup.group!.id;
  for (const p of [kol, moderator]) await t.ok(JoinGroupDocument, { id: group }, p.token);
  await t.ok(SetGroupRoleDocument, { g: group, u: moderator.id, r: 'MODERATOR' }, owner.token);
  const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, kol.token)).share.shareLink!.code;
  /** A buyer arrives through the creator's link and buys in the group; the order is dated yesterday noon. */
  const buysYesterday = async (buyer: Person, qty: number) => {
    await t.ok(OPEN, { code }, buyer.token);
    const order = (await t.ok(PLACE, { input: orderInput(product, qty, { shareCode: code, groupId: group }) }, buyer.token)).placeOrder.order!;
    expect(order).toMatchObject({ status: 'PLACED', shareLink: { code } });
    await t.db.driver.executeQuery('MATCH (o:Order {id: $id}) SET o.createdAt = $at', { id: order.id, at: yesterday + DAY / 2 });
  };
  return { kol, moderator, group, buysYesterday };
}

describe('figures about other people\'s orders show only days of at least 3 buyers', () => {
  test('one buyer\'s order yesterday shows in no figure to a brand or a moderator; with three buyers that day, the day counts', async () => {
    const { kol, moderator, group, buysYesterday } = await creatorWithGroup('ap1');
    const [first, second, third] = [await signUp(t, 'ap1_b1'), await signUp(t, 'ap1_b2'), await signUp(t, 'ap1_b3')];
    const report = async (viewer: Person, p: PeriodInput | null = YESTERDAY) => (await t.ok(REPORT, { u: kol.id, p }, viewer.token)).kolReport;
    const board = async (viewer: Person) => (await t.ok(BOARD, { g: group, p: YESTERDAY }, viewer.token)).leaderboard;
    const stats = async (viewer: Person, p: PeriodInput | null = YESTERDAY) => (await t.ok(STATS, { g: group, p }, viewer.token)).groupStats!;

    await buysYesterday(first, 1);
    // The lone order's 42.00 cannot be read off the brand's report, the leaderboard or the group's stats.
    expect(await report(brand)).toEqual({ conversions: 0, gmv: [] });
    expect(await report(brand, null)).toEqual({ conversions: 0, gmv: [] });
    expect(await board(brand)).toEqual({ totalCount: 0, edges: [] });
    expect(await stats(moderator)).toEqual({ orders: 0, gmv: [], daily: [{ day: iso(yesterday).slice(0, 10), orders: null, gmv: null }] });
    expect((await stats(moderator, null)).daily.at(-1)).toEqual({ day: iso(yesterday).slice(0, 10), orders: null, gmv: null });
    // Staff read orders anyway, and the creator sees their own sales.
    expect(await report(admin)).toEqual({ conversions: 1, gmv: [cny(4200)] });
    expect(await report(kol)).toEqual({ conversions: 1, gmv: [cny(4200)] });
    expect(await board(admin)).toEqual({ totalCount: 1, edges: [{ node: { user: { id: kol.id }, value: 4200 } }] });
    expect(await stats(admin)).toMatchObject({ orders: 1, gmv: [{ amountMinor: 4200, currency: 'CNY' }] });

    // A second buyer could subtract their own order from a day of two: still withheld.
    await buysYesterday(second, 2);
    expect(await report(brand)).toEqual({ conversions: 0, gmv: [] });
    expect((await stats(moderator)).daily).toEqual([{ day: iso(yesterday).slice(0, 10), orders: null, gmv: null }]);

    // A third distinct buyer: the day is published, everywhere.
    await buysYesterday(third, 1);
    const gmv = 4200 + 2 * 4200 + 4200;
    expect(await report(brand)).toEqual({ conversions: 3, gmv: [cny(gmv)] });
    expect(await board(brand)).toEqual({ totalCount: 1, edges: [{ node: { user: { id: kol.id }, value: gmv } }] });
    expect(await stats(moderator)).toEqual({ orders: 3, gmv: [{ amountMinor: gmv, currency: 'CNY' }], daily: [{ day: iso(yesterday).slice(0, 10), orders: 3, gmv: [{ amountMinor: gmv, currency: 'CNY' }] }] });
  });

  test('three orders of one buyer are still one buyer\'s: the day stays withheld', async () => {
    const { kol, moderator, group, buysYesterday } = await creatorWithGroup('ap2');
    const buyer = await signUp(t, 'ap2_b');
    for (const qty of [1, 2, 3]) await buysYesterday(buyer, qty);
    expect((await t.ok(REPORT, { u: kol.id, p: YESTERDAY }, brand.token)).kolReport).toEqual({ conversions: 0, gmv: [] });
    expect((await t.ok(STATS, { g: group, p: YESTERDAY }, moderator.token)).groupStats).toMatchObject({ orders: 0, gmv: [] });
    expect((await t.ok(REPORT, { u: kol.id, p: YESTERDAY }, admin.token)).kolReport).toEqual({ conversions: 3, gmv: [cny(6 * 4200)] });
  });
});

describe('figures about other people\'s orders cover completed days only', () => {
  test('a period that includes today is refused to a brand and a moderator, and answered for staff', async () => {
    const { kol, moderator, group } = await creatorWithGroup('ap3');
    const withToday = [{ from: iso(today), to: iso(today + DAY) }, { from: iso(yesterday), to: iso(today + DAY) }, { to: iso(today + 7 * DAY) }];
    // One loop asks queries of different shapes, so it sends each as text with untyped variables.
    const asks: [string, DocumentNode, Record<string, unknown>, Person][] = [
      ['kolReport', REPORT, { u: kol.id }, brand],
      ['leaderboard', BOARD, { g: group }, brand],
      ['groupStats', STATS, { g: group }, moderator],
    ];
    for (const [name, query, vars, viewer] of asks) {
      for (const p of withToday) {
        const errors = (await t.gql(operationText(query), { ...vars, p }, viewer.token)).errors;
        expect({ name, p, error: errors?.[0]?.extensions }).toEqual({ name, p, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'period.to' }) });
        expect({ name, p, errors: (await t.gql(operationText(query), { ...vars, p }, admin.token)).errors }).toEqual({ name, p, errors: undefined });
      }
      expect({ name, errors: (await t.gql(operationText(query), { ...vars, p: YESTERDAY }, viewer.token)).errors }).toEqual({ name, errors: undefined });
    }
    // The default period is the 30 completed days before today: its series ends yesterday.
    const daily = (await t.ok(STATS, { g: group, p: null }, moderator.token)).groupStats!.daily;
    expect(daily).toHaveLength(30);
    expect(daily.at(-1)?.day).toBe(iso(yesterday).slice(0, 10));
    // The creator's own report may include today: their own sales are theirs.
    expect((await t.gql(REPORT, { u: kol.id, p: withToday[0] }, kol.token)).errors).toBeUndefined();
  });
});
