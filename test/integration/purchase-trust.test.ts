import { startTestApp, TestApp } from '../helpers/app';
import { signUp, Person } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, SHARE, OPEN, PLACE, orderInput } from '../helpers/commerce';

/**
 * The trust boundary around purchases: fraud reviews racing cancellations, which share links an
 * order may credit, who may learn who bought what, and how fine analytics periods may be.
 */
jest.setTimeout(120_000);

const ADMIN_EMAIL = `trust-${process.pid}@admins.example.com`;
let t: TestApp;
let admin: Person;
let merchant: Person;
beforeAll(async () => {
  // One order per link per minute: every later order through the same link is flagged for velocity.
  t = await startTestApp({ ADMIN_EMAILS: ADMIN_EMAIL, FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE: '1' });
  admin = await signUpAdmin(t, ADMIN_EMAIL);
  merchant = await signUpMerchant(t, admin, 'trust_shop');
});
afterAll(() => t.close());

const COMMISSIONS = `{ commissions(first: 100) { nodes { orderId status } } }`;
const FLAGS_OF = `query($id: ID!) { order(id: $id) { status fraudFlags { id status } } }`;
const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id) { status } }`;
const APPROVE = `mutation($id: ID!) { approveFraudFlag(id: $id) { status } }`;

describe('a fraud review racing a cancellation', () => {
  test('approving the flag of an order being cancelled never turns its reversed commission back to pending', async () => {
    const product = await listProduct(t, merchant, { priceMinor: 10000, stock: 1000 });
    const [sharer, buyer] = [await signUp(t, 'rc_sharer'), await signUp(t, 'rc_buyer')];
    const code = (await t.ok(SHARE, { target: { productId: product }, channel: 'WECHAT' }, sharer.token)).share.code;
    await t.ok(OPEN, { code }, buyer.token);
    // The first order through the link passes; each later one within the minute is held for review.
    const ROUNDS = 40;
    const BATCH = 4;
    const orders: string[] = [];
    for (let i = 0; i <= ROUNDS; i++) orders.push((await t.ok(PLACE, { input: orderInput(product, 1, { shareCode: code }) }, buyer.token)).placeOrder.id);
    const held = orders.slice(1);

    const flags: string[] = [];
    for (const orderId of held) {
      const flag = (await t.ok(FLAGS_OF, { id: orderId }, admin.token)).order.fraudFlags[0];
      expect(flag).toMatchObject({ status: 'OPEN' });
      flags.push(flag.id);
    }
    // Rounds of the pair, a few rounds at a time so their transactions overlap in every order.
    for (let i = 0; i < held.length; i += BATCH) {
      const results = await Promise.all(
        held.slice(i, i + BATCH).flatMap((orderId, j) => [t.gql(APPROVE, { id: flags[i + j] }, admin.token), t.gql(CANCEL, { id: orderId }, buyer.token)]),
      );
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    }

    const statuses = new Map<string, string>((await t.ok(COMMISSIONS, {}, sharer.token)).commissions.nodes.map((c: { orderId: string; status: string }) => [c.orderId, c.status]));
    expect(statuses.get(orders[0]!)).toBe('PENDING');
    expect(held.map((id) => statuses.get(id))).toEqual(held.map(() => 'REVERSED'));
  });
});
