import { startTestApp, TestApp } from '../helpers/app';
import { signUp } from '../helpers/people';
import { listProduct, orderInput, PLACE, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import type { Person } from '../helpers/people';

/**
 * The retries of commerce and commissions as a client meets them (issue 22, section 2): the same
 * idempotency key with the same input returns the first payload, also when the retries race; the
 * same key with a different input is IDEMPOTENCY_KEY_REUSED and writes nothing.
 */
jest.setTimeout(60_000);

let t: TestApp;
let admin: Person;
let merchant: Person;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, 'cc-admin@admins.example.com');
  merchant = await signUpMerchant(t, admin, 'cc_shop');
});
afterAll(() => t.close());

const ERRORS = 'userErrors { field code message }';
const CREATE_PRODUCT = `mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id title } ${ERRORS} } }`;
const CREATE_PRODUCT_PRICE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id price { amountMinor currency } } ${ERRORS} } }`;
const UPDATE_PRODUCT_PRICE = `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { id price { amountMinor currency } } ${ERRORS} } }`;
const SET_RATES = `mutation($input: SetCommissionRatesInput!) { setCommissionRates(input: $input) { rateSet { id version } ${ERRORS} } }`;
const CANCEL = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { order { id status } ${ERRORS} } }`;
const REFUND = `mutation($input: RefundOrderInput!) { refundOrder(input: $input) { order { id status } ${ERRORS} } }`;
const reused = (entity: string) => ({ [entity]: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });

async function count(cypher: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await t.db.driver.executeQuery(cypher, params);
  return Number(records[0]!.get('n'));
}

async function placed(buyer: Person, product: string): Promise<string> {
  return (await t.ok(PLACE, { input: orderInput(product, 1) }, buyer.token)).placeOrder.order!.id;
}

const statusOf = async (orderId: string) =>
  (await t.db.driver.executeQuery('MATCH (o:Order {id: $orderId}) RETURN o.status AS s', { orderId })).records[0]!.get('s') as string;

describe('createProduct', () => {
  const product = (title: string, idempotencyKey: string) => ({ title, priceMinor: 1000, currency: 'CNY', category: 'beauty', brand: 'Dewy', stock: 5, idempotencyKey });
  const titled = (title: string) => count('MATCH (p:Product {title: $title}) RETURN count(p) AS n', { title });

  test('ten retries racing each other list one product, and each gets it back', async () => {
    const title = `Racing toner ${Date.now()}`;
    const input = product(title, `race-${title}`);
    const results = await Promise.all(Array.from({ length: 10 }, () => t.ok(CREATE_PRODUCT, { input }, merchant.token)));
    expect(new Set(results.map((r) => r.createProduct.product.id)).size).toBe(1);
    expect(results.every((r) => r.createProduct.userErrors.length === 0)).toBe(true);
    expect(await titled(title)).toBe(1);
  });

  test('the same key with a different input is refused, and lists nothing', async () => {
    const title = `Keyed serum ${Date.now()}`;
    await t.ok(CREATE_PRODUCT, { input: product(title, `reuse-${title}`) }, merchant.token);
    const second = (await t.gql(CREATE_PRODUCT, { input: product(`${title} 2`, `reuse-${title}`) }, merchant.token)).data!;
    expect(second.createProduct).toEqual(reused('product'));
    expect(await titled(`${title} 2`)).toBe(0);
  });
});

describe('setCommissionRates', () => {
  test('racing retries make one version; the same key with other rates is refused and makes none', async () => {
    const shop = await signUpMerchant(t, admin, 'cc_rates');
    const input = { scope: 'MERCHANT', merchantId: shop.id, levelRatesBps: [500], rewardDepth: 1, idempotencyKey: `rates-${shop.id}` };
    const results = await Promise.all(Array.from({ length: 6 }, () => t.ok(SET_RATES, { input }, admin.token)));
    expect(new Set(results.map((r) => r.setCommissionRates.rateSet.id)).size).toBe(1);
    expect(results[0].setCommissionRates.rateSet.version).toBe(1);
    const versions = () => count('MATCH (r:CommissionRateSet {scope: "MERCHANT", scopeId: $id}) RETURN count(r) AS n', { id: shop.id });
    expect(await versions()).toBe(1);
    expect((await t.gql(SET_RATES, { input: { ...input, levelRatesBps: [900] } }, admin.token)).data!.setCommissionRates).toEqual(reused('rateSet'));
    expect(await versions()).toBe(1);
  });
});

describe('cancelOrder and refundOrder', () => {
  test('racing cancellations with one key answer the cancelled order; the stock comes back once', async () => {
    const product = await listProduct(t, merchant, { stock: 3 });
    const buyer = await signUp(t, 'cc_cancel');
    const orderId = await placed(buyer, product);
    const input = { orderId, idempotencyKey: `cancel-${orderId}` };
    const results = await Promise.all(Array.from({ length: 6 }, () => t.ok(CANCEL, { input }, buyer.token)));
    expect(results.map((r) => r.cancelOrder)).toEqual(Array(6).fill({ order: { id: orderId, status: 'CANCELLED' }, userErrors: [] }));
    expect(await count('MATCH (p:Product {id: $product}) RETURN p.stock AS n', { product })).toBe(3);
  });

  test('the same key on another order is refused, and that order stays PLACED', async () => {
    const product = await listProduct(t, merchant, { stock: 3 });
    const buyer = await signUp(t, 'cc_cancel_reuse');
    const [first, second] = [await placed(buyer, product), await placed(buyer, product)];
    const key = `cancel-reuse-${first}`;
    await t.ok(CANCEL, { input: { orderId: first, idempotencyKey: key } }, buyer.token);
    expect((await t.gql(CANCEL, { input: { orderId: second, idempotencyKey: key } }, buyer.token)).data!.cancelOrder).toEqual(reused('order'));
    expect(await statusOf(second)).toBe('PLACED');
  });

  test('a refund retried with its key answers the refunded order; reused on another order it is refused', async () => {
    const product = await listProduct(t, merchant, { stock: 3 });
    const buyer = await signUp(t, 'cc_refund');
    const [first, second] = [await placed(buyer, product), await placed(buyer, product)];
    const key = `refund-${first}`;
    const answers = await Promise.all([0, 1, 2].map(() => t.ok(REFUND, { input: { orderId: first, idempotencyKey: key } }, merchant.token)));
    expect(answers.map((a) => a.refundOrder)).toEqual(Array(3).fill({ order: { id: first, status: 'REFUNDED' }, userErrors: [] }));
    expect((await t.gql(REFUND, { input: { orderId: second, idempotencyKey: key } }, merchant.token)).data!.refundOrder).toEqual(reused('order'));
    expect(await statusOf(second)).toBe('PLACED');
    // Refunding a refunded order is done already; cancelling it cannot be.
    expect((await t.ok(REFUND, { input: { orderId: first } }, merchant.token)).refundOrder).toEqual({ order: { id: first, status: 'REFUNDED' }, userErrors: [] });
    expect((await t.gql(CANCEL, { input: { orderId: first } }, buyer.token)).data!.cancelOrder).toMatchObject({ order: null, userErrors: [{ field: ['orderId'], code: 'INVALID_STATE' }] });
  });
});

describe('money above 2^31 minor units', () => {
  test('an order of 999 × ¥30,000 (2,997,000,000 fen) commits and serializes, totals and lines alike', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 3_000_000, stock: 999 });
    const buyer = await signUp(t, 'cc_big');
    const order = (await t.ok(PLACE, { input: orderInput(product, 999) }, buyer.token)).placeOrder.order!;
    expect(order.total).toEqual({ amountMinor: 2_997_000_000, currency: 'CNY' });
    expect(order.items).toEqual([expect.objectContaining({ qty: 999, unitPrice: { amountMinor: 3_000_000, currency: 'CNY' }, lineTotal: { amountMinor: 2_997_000_000, currency: 'CNY' } })]);
    expect(await count('MATCH (o:Order {id: $id}) WHERE o.totalMinor = 2997000000 RETURN count(o) AS n', { id: order.id })).toBe(1);
  });

  test('a price up to ¥100,000,000.00 is listed; one fen more is refused naming priceMinor, and nothing is listed', async () => {
    const top = `Top price ${Date.now()}`;
    const listed = await t.ok(CREATE_PRODUCT_PRICE, { input: { title: top, priceMinor: 10_000_000_000, category: 'luxury', brand: 'Dewy', stock: 1 } }, merchant.token);
    expect(listed.createProduct.product.price).toEqual({ amountMinor: 10_000_000_000, currency: 'CNY' });
    const over = `Over price ${Date.now()}`;
    const refused = await t.gql(CREATE_PRODUCT_PRICE, { input: { title: over, priceMinor: 10_000_000_001, category: 'luxury', brand: 'Dewy', stock: 1 } }, merchant.token);
    expect(refused.data?.createProduct).toEqual({ product: null, userErrors: [expect.objectContaining({ field: ['priceMinor'], code: 'INVALID' })] });
    expect(await count('MATCH (p:Product {title: $title}) RETURN count(p) AS n', { title: over })).toBe(0);
    const edited = await t.gql(UPDATE_PRODUCT_PRICE, { input: { productId: listed.createProduct.product.id, priceMinor: 10_000_000_001 } }, merchant.token);
    expect(edited.data?.updateProduct).toEqual({ product: null, userErrors: [expect.objectContaining({ field: ['priceMinor'], code: 'INVALID' })] });
  });
});
