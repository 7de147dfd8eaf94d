import { startTestApp, TestApp } from '../helpers/app';
import { postNote, signUp } from '../helpers/people';
import { listProduct, offerGroupBuy, signUpAdmin, signUpMerchant, START_GROUP_BUY } from '../helpers/commerce';

/**
 * The retries of report, appeal and startGroupBuy, as a client meets them: the same key with the
 * same input returns the first payload and writes nothing more, racing retries write once, and the
 * same key with a different input is refused with IDEMPOTENCY_KEY_REUSED.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const REPORT = `mutation($input: ReportInput!) { report(input: $input) { received userErrors { field code message } } }`;
const MODERATE = `mutation($c: ID!) { moderate(input: { caseId: $c, action: HIDE, reason: "spam" }) { moderationAction { id } } }`;
const APPEAL = `mutation($input: AppealInput!) { appeal(input: $input) { appeal { id status } userErrors { field code message } } }`;

async function count(query: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await t.db.driver.executeQuery(query, params);
  return records[0]!.get('n') as number;
}
const reportsBy = (reporterId: string, noteId: string) => count('MATCH (r:Report {reporterId: $reporterId})-[:IN_CASE]->(:ModerationCase {targetId: $noteId}) RETURN count(r) AS n', { reporterId, noteId });
const appealsOf = (actionId: string) => count('MATCH (a:Appeal)-[:AGAINST]->(:ModerationAction {id: $actionId}) RETURN count(a) AS n', { actionId });
const groupBuysOf = (starterId: string) => count('MATCH (b:GroupBuy {starterId: $starterId}) RETURN count(b) AS n', { starterId });

describe('report', () => {
  test('a retry and ten racing ones answer as the first and file one report; another input under the key is refused', async () => {
    const [author, reporter] = [await signUp(t, 'mgc_ra'), await signUp(t, 'mgc_rr')];
    const note = await postNote(t, author);
    const input = { target: { noteId: note.id }, reason: 'SPAM', details: 'an ad', idempotencyKey: `report-${reporter.id}` };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.ok(REPORT, { input }, reporter.token)));
    for (const r of results) expect(r.report).toEqual({ received: true, userErrors: [] });
    expect((await t.ok(REPORT, { input }, reporter.token)).report).toEqual({ received: true, userErrors: [] });
    expect(await reportsBy(reporter.id, note.id)).toBe(1);

    const reused = await t.gql(REPORT, { input: { ...input, reason: 'FRAUD' } }, reporter.token);
    expect(reused.data?.report).toEqual({ received: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
  });

  test('a refused report leaves its key free: the same key then files a valid one', async () => {
    const [author, reporter] = [await signUp(t, 'mgc_fa'), await signUp(t, 'mgc_fr')];
    const note = await postNote(t, author);
    const key = `free-${reporter.id}`;
    const refused = await t.gql(REPORT, { input: { target: { noteId: note.id }, reason: 'SPAM', details: 'x'.repeat(1001), idempotencyKey: key } }, reporter.token);
    expect(refused.data?.report).toMatchObject({ userErrors: [{ field: ['details'], code: 'INVALID' }] });
    expect((await t.ok(REPORT, { input: { target: { noteId: note.id }, reason: 'SPAM', idempotencyKey: key } }, reporter.token)).report.received).toBe(true);
  });
});

describe('appeal', () => {
  async function actionAgainst(name: string) {
    const admin = await signUpAdmin(t, `mgc-${name}-${process.pid}@admins.example.com`);
    const [author, reporter] = [await signUp(t, `mgc_${name}a`), await signUp(t, `mgc_${name}r`)];
    const note = await postNote(t, author);
    await t.ok(REPORT, { input: { target: { noteId: note.id }, reason: 'SPAM' } }, reporter.token);
    const { records } = await t.db.driver.executeQuery(`MATCH (c:ModerationCase {targetId: $id, status: 'OPEN'}) RETURN c.id AS id`, { id: note.id });
    const action = (await t.ok(MODERATE, { c: records[0]!.get('id') }, admin.token)).moderate.moderationAction.id as string;
    return { author, action };
  }

  test('a retry and ten racing ones return the first appeal, and only one exists', async () => {
    const { author, action } = await actionAgainst('ap');
    const input = { actionId: action, text: 'It was a joke', idempotencyKey: `appeal-${author.id}` };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.ok(APPEAL, { input }, author.token)));
    const ids = new Set(results.map((r) => r.appeal.appeal?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTruthy();
    expect((await t.ok(APPEAL, { input }, author.token)).appeal).toEqual(results[0]!.appeal);
    expect(await appealsOf(action)).toBe(1);
    // Without the key, a second appeal is the business refusal it always was.
    expect((await t.gql(APPEAL, { input: { actionId: action, text: 'Again' } }, author.token)).data?.appeal).toMatchObject({ appeal: null, userErrors: [{ code: 'ALREADY_APPEALED', field: ['actionId'] }] });
  });

  test('the same key with a different text is refused with IDEMPOTENCY_KEY_REUSED', async () => {
    const { author, action } = await actionAgainst('ak');
    const key = `appeal-reuse-${author.id}`;
    await t.ok(APPEAL, { input: { actionId: action, text: 'First', idempotencyKey: key } }, author.token);
    const reused = await t.gql(APPEAL, { input: { actionId: action, text: 'Second', idempotencyKey: key } }, author.token);
    expect(reused.data?.appeal).toEqual({ appeal: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
  });
});

describe('startGroupBuy', () => {
  test('a retry and ten racing ones return the first group buy: one group, one unit, one place taken, even when it took the last place', async () => {
    const admin = await signUpAdmin(t, `mgc-gb-${process.pid}@admins.example.com`);
    const merchant = await signUpMerchant(t, admin, 'mgc_shop');
    const product = await listProduct(t, merchant, { priceMinor: 9900, stock: 5 });
    const offerId = await offerGroupBuy(t, merchant, product, { maxGroups: 1 });
    const starter = await signUp(t, 'mgc_gs');
    const input = { offerId, idempotencyKey: `start-${starter.id}` };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.ok(START_GROUP_BUY, { input }, starter.token)));
    for (const r of results) expect(r.startGroupBuy.userErrors).toEqual([]);
    expect(new Set(results.map((r) => r.startGroupBuy.groupBuy!.id)).size).toBe(1);
    // The offer has no place left now, but the retry is answered with the start it made.
    const again = await t.ok(START_GROUP_BUY, { input }, starter.token);
    expect(again.startGroupBuy.groupBuy!.id).toBe(results[0]!.startGroupBuy.groupBuy!.id);
    expect(await groupBuysOf(starter.id)).toBe(1);
    expect(await count('MATCH (p:Product {id: $product}) RETURN p.stock AS n', { product })).toBe(4);

    const other = await offerGroupBuy(t, merchant, product);
    const reused = await t.answer(START_GROUP_BUY, { input: { ...input, offerId: other } }, starter.token);
    expect(reused.startGroupBuy).toEqual({ groupBuy: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
  });

  test('a refused start leaves its key free', async () => {
    const admin = await signUpAdmin(t, `mgc-gf-${process.pid}@admins.example.com`);
    const merchant = await signUpMerchant(t, admin, 'mgc_shop2');
    const product = await listProduct(t, merchant, { priceMinor: 9900, stock: 3 });
    const offerId = await offerGroupBuy(t, merchant, product);
    await t.db.driver.executeQuery('MATCH (p:Product {id: $product}) SET p.stock = 0', { product });
    const starter = await signUp(t, 'mgc_gf');
    const input = { offerId, idempotencyKey: `start-free-${starter.id}` };
    expect((await t.answer(START_GROUP_BUY, { input }, starter.token)).startGroupBuy).toMatchObject({ groupBuy: null, userErrors: [{ code: 'OUT_OF_STOCK', field: ['offerId'] }] });
    await t.db.driver.executeQuery('MATCH (p:Product {id: $product}) SET p.stock = 3', { product });
    expect((await t.ok(START_GROUP_BUY, { input }, starter.token)).startGroupBuy.groupBuy).toMatchObject({ participantCount: 1 });
  });
});
