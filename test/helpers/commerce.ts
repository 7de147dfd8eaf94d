import type { TestApp } from './app';
import { uniqueHandle } from './app';
import { signUp, Person } from './people';
import {
  JoinGroupBuyDocument,
  ListProductDocument,
  OfferGroupBuyDocument,
  OpenShareLinkDocument,
  PlaceOrderDocument,
  SetUserRoleDocument,
  ShareDocument,
  SignUpDocument,
  StartGroupBuyDocument,
  type CreateGroupBuyOfferInput,
  type CreateProductInput,
  type OrderContextInput,
  type PlaceOrderInput,
  type Role,
} from '../generated/graphql';

export const ADMIN_EMAIL_DOMAIN = 'admins.example.com';

/** Signs up an admin: the test app lists every address at this domain... see adminEmail(). */
export async function signUpAdmin(t: TestApp, email: string): Promise<Person> {
  const handle = uniqueHandle('admin');
  const data = await t.ok(SignUpDocument, { input: { email, handle, displayName: 'admin', password: 'admin password 1' } });
  return { id: data.signUp.user.id, handle, email, token: data.signUp.token, password: 'admin password 1' };
}

export async function setRole(t: TestApp, admin: Person, who: Person, role: Role): Promise<void> {
  await t.ok(SetUserRoleDocument, { id: who.id, role }, admin.token);
}

export async function signUpMerchant(t: TestApp, admin: Person, name: string): Promise<Person> {
  const merchant = await signUp(t, name);
  await setRole(t, admin, merchant, 'MERCHANT');
  return merchant;
}

export async function listProduct(t: TestApp, merchant: Person, fields: Partial<CreateProductInput> = {}): Promise<string> {
  const data = await t.ok(
    ListProductDocument,
    { input: { title: 'Hydrating toner 200ml', priceMinor: 10000, currency: 'CNY', category: 'beauty', brand: 'Dewy', stock: 100, ...fields } },
    merchant.token,
  );
  return data.createProduct.id;
}

export const SHARE = ShareDocument;
export const OPEN = OpenShareLinkDocument;
export const PLACE = PlaceOrderDocument;

let keys = 0;
export function orderInput(productId: string, qty = 1, context: OrderContextInput | null = null, idempotencyKey = `order-${Date.now()}-${++keys}`): PlaceOrderInput {
  return { items: [{ productId, qty }], context, idempotencyKey };
}

export const OFFER_GROUP_BUY = OfferGroupBuyDocument;
export const START_GROUP_BUY = StartGroupBuyDocument;
export const JOIN_GROUP_BUY = JoinGroupBuyDocument;

/** The merchant offers group buys on its product; fields default to 3 people at 69.00 for 24 hours. */
export async function offerGroupBuy(t: TestApp, merchant: Person, productId: string, fields: Partial<CreateGroupBuyOfferInput> = {}): Promise<string> {
  const data = await t.ok(OfferGroupBuyDocument, { input: { productId, groupPrice: 6900, requiredSize: 3, maxGroups: 10, windowHours: 24, ...fields } }, merchant.token);
  return data.createGroupBuyOffer.id;
}

/** The clock runs past a group buy's end: its expiry is moved into the past, for the sweep to find. */
export async function runOutTheClock(t: TestApp, groupBuyId: string): Promise<void> {
  await t.db.driver.executeQuery('MATCH (b:GroupBuy {id: $id}) SET b.expiresAt = timestamp() - 1', { id: groupBuyId });
}
