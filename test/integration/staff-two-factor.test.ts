import { generate } from 'otplib';
import { startTestApp, TestApp, type GraphQLResult } from '../helpers/app';
import { signUp, type Person } from '../helpers/people';
import { signUpAdmin } from '../helpers/commerce';
import { ConfirmTwoFactorDocument, ConversionByChannelDocument, EnableTwoFactorDocument, ListProductDocument, SetUserRoleDocument } from '../generated/graphql';

/** REQUIRE_2FA_FOR_ROLES: staff operations of these roles need two-factor sign-in on. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ REQUIRE_2FA_FOR_ROLES: 'ADMIN,GROWTH,MERCHANT' });
});
afterAll(() => t.close());

async function enrol(who: Person): Promise<void> {
  const { secret } = (await t.ok(EnableTwoFactorDocument, { password: who.password }, who.token)).enableTwoFactor;
  await t.ok(ConfirmTwoFactorDocument, { code: await generate({ secret: secret! }) }, who.token);
}

const refusal = (result: GraphQLResult) => result.errors?.[0] && { code: result.errors[0].extensions.code, reason: result.errors[0].extensions.reason };
const TWO_FACTOR_REQUIRED = { code: 'FORBIDDEN', reason: 'TWO_FACTOR_REQUIRED' };
const product = { title: 'Hydrating toner 200ml', priceMinor: 10000, currency: 'CNY', category: 'beauty', brand: 'Dewy', stock: 100 };

let admin: Person;
beforeAll(async () => {
  admin = await signUpAdmin(t, 'staff2fa@example.com');
});

test('an admin without two-factor sign-in is refused admin operations with the reason; with it, allowed', async () => {
  const mei = await signUp(t, 'mei');
  const refused = await t.gql(SetUserRoleDocument, { id: mei.id, role: 'MERCHANT' }, admin.token);
  expect(refusal(refused)).toEqual(TWO_FACTOR_REQUIRED);
  expect(refused.errors?.[0]?.message).toMatch(/two-factor sign-in/);
  await enrol(admin);
  expect((await t.ok(SetUserRoleDocument, { id: mei.id, role: 'MERCHANT' }, admin.token)).setUserRole.user?.role).toBe('MERCHANT');
});

test('a merchant without it cannot list products, and can once it is on', async () => {
  const shop = await signUp(t, 'shop');
  await t.ok(SetUserRoleDocument, { id: shop.id, role: 'MERCHANT' }, admin.token);
  expect(refusal(await t.gql(ListProductDocument, { input: product }, shop.token))).toEqual(TWO_FACTOR_REQUIRED);
  await enrol(shop);
  expect((await t.ok(ListProductDocument, { input: product }, shop.token)).createProduct.product?.id).toBeTruthy();
});

test('growth staff without it cannot read everyone’s analytics, and can once it is on', async () => {
  const analyst = await signUp(t, 'analyst');
  await t.ok(SetUserRoleDocument, { id: analyst.id, role: 'GROWTH' }, admin.token);
  expect(refusal(await t.gql(ConversionByChannelDocument, {}, analyst.token))).toEqual(TWO_FACTOR_REQUIRED);
  await enrol(analyst);
  expect((await t.gql(ConversionByChannelDocument, {}, analyst.token)).errors).toBeUndefined();
});

test('a regular user is refused staff operations as before, with no two-factor reason', async () => {
  const user = await signUp(t, 'user');
  const refused = refusal(await t.gql(ConversionByChannelDocument, {}, user.token));
  expect(refused).toEqual({ code: 'FORBIDDEN', reason: undefined });
});
