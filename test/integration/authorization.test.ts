import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startTestApp, TestApp } from '../helpers/app';
import { signUp, Person } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, SHARE, OPEN, PLACE, orderInput } from '../helpers/commerce';
import {
  ArchiveGroupDocument,
  CommissionCountOfDocument,
  CommissionRateSetsDocument,
  CreateGroupDocument,
  GroupDocument,
  GroupMemberCountDocument,
  InviteToGroupDocument,
  JoinGroupDocument,
  MyGroupsDocument,
  MyOrderCountDocument,
  MyOrdersDocument,
  OpenAppealsDocument,
  OrderFraudFlagIdsDocument,
  SensitiveWordsDocument,
  SetCommissionRatesDocument,
  SetSensitiveWordsDocument,
  SetUserRoleDocument,
  ShareLinkSharerDocument,
  UpdateGroupDescriptionDocument,
} from '../generated/graphql';

const ADMIN_EMAIL = `authz-${process.pid}@admins.example.com`;
let t: TestApp;
let admin: Person;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, ADMIN_EMAIL);
});
afterAll(() => t.close());

const code = async <T, V>(operation: TypedDocumentNode<T, V>, variables: V, who: Person | null) => (await t.gql(operation, variables, who?.token)).errors?.[0]?.extensions.code;

test('orders: myOrders lists only your own; fraud flags show only to staff; admins read anyone\'s commissions', async () => {
  const merchant = await signUpMerchant(t, admin, 'az_shop');
  const product = await listProduct(t, merchant);
  const [buyer, other] = [await signUp(t, 'az_buyer'), await signUp(t, 'az_other')];
  const share = (await t.ok(SHARE, { target: { productId: product }, channel: 'LINK' }, other.token)).share.shareLink!;
  await t.ok(OPEN, { code: share.code }, buyer.token);
  const order = (await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: share.code }) }, buyer.token)).placeOrder.order!;
  expect((await t.ok(MyOrdersDocument, {}, buyer.token)).myOrders).toEqual({ totalCount: 1, nodes: [{ id: order.id }] });
  expect((await t.ok(MyOrderCountDocument, {}, other.token)).myOrders.totalCount).toBe(0);
  expect((await t.ok(OrderFraudFlagIdsDocument, { id: order.id }, buyer.token)).order!.fraudFlags).toEqual([]);
  expect((await t.ok(OrderFraudFlagIdsDocument, { id: order.id }, admin.token)).order!.fraudFlags).toEqual([]);
  expect((await t.ok(ShareLinkSharerDocument, { c: share.code })).shareLink).toEqual({ code: share.code, sharer: { id: other.id } });

  const COMMISSIONS = CommissionCountOfDocument;
  expect((await t.ok(COMMISSIONS, { id: other.id }, admin.token)).commissions.totalCount).toBe(1);
  expect(await code(COMMISSIONS, { id: other.id }, buyer)).toBe('NOT_FOUND');
  expect(await code(CommissionRateSetsDocument, {}, merchant)).toBe('FORBIDDEN');
  expect((await t.ok(CommissionRateSetsDocument, { scope: 'GLOBAL' }, admin.token)).commissionRateSets.totalCount).toBeGreaterThanOrEqual(1);
});

test('admin-only mutations refuse everyone else', async () => {
  const user = await signUp(t, 'az_user');
  expect(await code(SetUserRoleDocument, { id: user.id, role: 'ADMIN' }, user)).toBe('FORBIDDEN');
  expect(await code(SetSensitiveWordsDocument, { words: ['x'] }, user)).toBe('FORBIDDEN');
  expect(await code(SetCommissionRatesDocument, { input: { scope: 'GLOBAL', levelRatesBps: [100], rewardDepth: 1 } }, null)).toBe('UNAUTHENTICATED');
  expect((await t.ok(SensitiveWordsDocument, {}, user.token)).sensitiveWords).toEqual([]);
  const words = (await t.ok(SensitiveWordsDocument, {}, admin.token)).sensitiveWords;
  expect(words).toEqual(expect.arrayContaining(['最好', '第一']));
});

test('groups: members lists, edits and archiving follow the roles', async () => {
  const [owner, member, outsider] = [await signUp(t, 'az_go'), await signUp(t, 'az_gm'), await signUp(t, 'az_gx')];
  const g = (await t.ok(CreateGroupDocument, { input: { name: 'Authz circle', visibility: 'CLOSED' } }, owner.token)).createGroup.group!.id;
  await t.ok(InviteToGroupDocument, { g, u: member.id }, owner.token);
  await t.ok(JoinGroupDocument, { id: g }, member.token);
  const MEMBERS = GroupMemberCountDocument;
  expect((await t.ok(MEMBERS, { g }, member.token)).group?.members.totalCount).toBe(2);
  expect(await code(MEMBERS, { g }, outsider)).toBe('FORBIDDEN');
  expect((await t.ok(MyGroupsDocument, {}, member.token)).myGroups.nodes).toEqual([{ id: g }]);

  const UPDATE = UpdateGroupDescriptionDocument;
  expect(await code(UPDATE, { g, description: 'new' }, member)).toBe('FORBIDDEN');
  expect((await t.ok(UPDATE, { g, description: 'new' }, owner.token)).updateGroup.group!.description).toBe('new');
  const ARCHIVE = ArchiveGroupDocument;
  expect(await code(ARCHIVE, { id: g }, member)).toBe('FORBIDDEN');
  expect((await t.ok(ARCHIVE, { id: g }, owner.token)).archiveGroup.archivedGroupId).toBe(g);
  // An archived group answers null, like an unknown one.
  expect((await t.ok(GroupDocument, { id: g }, member.token)).group).toBeNull();
  expect(await code(OpenAppealsDocument, {}, member)).toBe('FORBIDDEN');
  expect((await t.ok(OpenAppealsDocument, {}, admin.token)).openAppeals.nodes).toEqual(expect.any(Array));
});
