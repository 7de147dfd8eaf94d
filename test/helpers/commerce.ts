import type { TestApp } from './app';
import { uniqueHandle } from './app';
import { signUp, Person } from './people';
import { runAdmin } from '../../src/jobs/admin';
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

/**
 * Signs up a person and makes them admin the way an operator does, through the code behind
 * `npm run admin -- --grant` (src/jobs/admin.ts), against the test database.
 */
export async function signUpAdmin(t: TestApp, given: string): Promise<Person> {
  const handle = uniqueHandle('admin');
  // Test files that run in one worker share a process id: the handle keeps their admins apart.
  const email = `${handle.toLowerCase()}.${given}`;
  const password = 'admin password 1';
  const { user, token, userErrors } = (await t.ok(SignUpDocument, { input: { email, handle, displayName: 'admin', password } })).signUp;
  if (!user || !token) throw new Error(`signUp refused: ${JSON.stringify(userErrors)}`);
  const granted = await runAdmin(t.db, ['--grant', handle], () => undefined, (line) => {
    throw new Error(line);
  });
  if (granted !== 0) throw new Error(`could not grant admin to ${handle}`);
  return { id: user.id, handle, email, token, password };
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
  return data.createProduct.product!.id;
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
  return data.createGroupBuyOffer.groupBuyOffer!.id;
}

/** The clock runs past a group buy's end: its expiry is moved into the past, for the sweep to find. */
export async function runOutTheClock(t: TestApp, groupBuyId: string): Promise<void> {
  await t.db.driver.executeQuery('MATCH (b:GroupBuy {id: $id}) SET b.expiresAt = timestamp() - 1', { id: groupBuyId });
}
