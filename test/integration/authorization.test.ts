import { startTestApp, TestApp } from '../helpers/app';
import { signUp, Person } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, SHARE, PLACE, orderInput } from '../helpers/commerce';

const ADMIN_EMAIL = `authz-${process.pid}@admins.example.com`;
let t: TestApp;
let admin: Person;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, ADMIN_EMAIL);
});
afterAll(() => t.close());

const code = async (query: string, variables: Record<string, unknown>, who: Person | null) => (await t.gql(query, variables, who?.token)).errors?.[0]?.extensions.code;

test('orders: myOrders lists only your own; fraud flags show only to staff; admins read anyone\'s commissions', async () => {
  const merchant = await signUpMerchant(t, admin, 'az_shop');
  const product = await listProduct(t, merchant);
  const [buyer, other] = [await signUp(t, 'az_buyer'), await signUp(t, 'az_other')];
  const share = (await t.ok(SHARE, { target: { productId: product }, channel: 'LINK' }, other.token)).share;
  await t.ok(`mutation($code: String!) { openShareLink(code: $code) { code } }`, { code: share.code }, buyer.token);
  const order = (await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: share.code }) }, buyer.token)).placeOrder;
  expect((await t.ok(`{ myOrders { totalCount nodes { id } } }`, {}, buyer.token)).myOrders).toEqual({ totalCount: 1, nodes: [{ id: order.id }] });
  expect((await t.ok(`{ myOrders { totalCount } }`, {}, other.token)).myOrders.totalCount).toBe(0);
  expect((await t.ok(`query($id: ID!) { order(id: $id) { fraudFlags { id } } }`, { id: order.id }, buyer.token)).order.fraudFlags).toEqual([]);
  expect((await t.ok(`query($id: ID!) { order(id: $id) { fraudFlags { id } } }`, { id: order.id }, admin.token)).order.fraudFlags).toEqual([]);
  expect((await t.ok(`query($c: String!) { shareLink(code: $c) { code sharer { id } } }`, { c: share.code })).shareLink).toEqual({ code: share.code, sharer: { id: other.id } });

  const COMMISSIONS = `query($id: ID) { commissions(userId: $id) { totalCount } }`;
  expect((await t.ok(COMMISSIONS, { id: other.id }, admin.token)).commissions.totalCount).toBe(1);
  expect(await code(COMMISSIONS, { id: other.id }, buyer)).toBe('NOT_FOUND');
  expect(await code(`{ commissionRateSets { id } }`, {}, merchant)).toBe('FORBIDDEN');
  expect((await t.ok(`{ commissionRateSets(scope: GLOBAL) { version current } }`, {}, admin.token)).commissionRateSets.length).toBeGreaterThanOrEqual(1);
});

test('admin-only mutations refuse everyone else', async () => {
  const user = await signUp(t, 'az_user');
  expect(await code(`mutation($id: ID!) { setUserRole(userId: $id, role: ADMIN) { id } }`, { id: user.id }, user)).toBe('FORBIDDEN');
  expect(await code(`mutation { setSensitiveWords(words: ["x"]) }`, {}, user)).toBe('FORBIDDEN');
  expect(await code(`mutation { setCommissionRates(input: { scope: GLOBAL, levelRatesBps: [100], rewardDepth: 1 }) { id } }`, {}, null)).toBe('UNAUTHENTICATED');
  expect((await t.ok(`{ sensitiveWords }`, {}, user.token)).sensitiveWords).toEqual([]);
  const words = (await t.ok(`{ sensitiveWords }`, {}, admin.token)).sensitiveWords;
  expect(words).toEqual(expect.arrayContaining(['最好', '第一']));
});

test('groups: members lists, edits and archiving follow the roles', async () => {
  const [owner, member, outsider] = [await signUp(t, 'az_go'), await signUp(t, 'az_gm'), await signUp(t, 'az_gx')];
  const g = (await t.ok(`mutation { createGroup(input: { name: "Authz circle", visibility: CLOSED }) { id } }`, {}, owner.token)).createGroup.id;
  await t.ok(`mutation($g: ID!, $u: ID!) { inviteToGroup(groupId: $g, userId: $u) }`, { g, u: member.id }, owner.token);
  await t.ok(`mutation($g: ID!) { joinGroup(groupId: $g, acceptRules: true) { status } }`, { g }, member.token);
  const MEMBERS = `query($g: ID!) { group(id: $g) { members { totalCount } } }`;
  expect((await t.ok(MEMBERS, { g }, member.token)).group.members.totalCount).toBe(2);
  expect(await code(MEMBERS, { g }, outsider)).toBe('FORBIDDEN');
  expect((await t.ok(`{ myGroups { id } }`, {}, member.token)).myGroups).toEqual([{ id: g }]);

  const UPDATE = `mutation($g: ID!) { updateGroup(id: $g, input: { description: "new" }) { description } }`;
  expect(await code(UPDATE, { g }, member)).toBe('FORBIDDEN');
  expect((await t.ok(UPDATE, { g }, owner.token)).updateGroup.description).toBe('new');
  const ARCHIVE = `mutation($g: ID!) { archiveGroup(id: $g) }`;
  expect(await code(ARCHIVE, { g }, member)).toBe('FORBIDDEN');
  expect((await t.ok(ARCHIVE, { g }, owner.token)).archiveGroup).toBe(true);
  expect(await code(`query($g: ID!) { group(id: $g) { id } }`, { g }, member)).toBe('NOT_FOUND');
  expect(await code(`{ openAppeals { id } }`, {}, member)).toBe('FORBIDDEN');
  expect((await t.ok(`{ openAppeals { id } }`, {}, admin.token)).openAppeals).toEqual(expect.any(Array));
});
