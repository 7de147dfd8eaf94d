import { startTestApp, TestApp } from '../helpers/app';
import { signUp } from '../helpers/people';

/**
 * The mutation contract as a client meets it: an expected failure comes back in the payload's
 * userErrors with `data` intact, and nothing is written.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const CREATE_COLLECTION = `mutation($input: CreateCollectionInput!) { createCollection(input: $input) { collection { id name } userErrors { field code message } } }`;

async function collectionsOf(userId: string): Promise<string[]> {
  const { records } = await t.db.driver.executeQuery('MATCH (:User {id: $userId})-[:OWNS]->(c:Collection) RETURN c.name AS name ORDER BY name', { userId });
  return records.map((r) => r.get('name') as string);
}

test('a user names a new collection and gets it back in the payload, with no user errors', async () => {
  const mei = await signUp(t, 'ct_mei');
  const result = await t.gql(CREATE_COLLECTION, { input: { name: 'Summer 防晒' } }, mei.token);
  expect(result.errors).toBeUndefined();
  expect(result.data).toMatchObject({ createCollection: { collection: { name: 'Summer 防晒' }, userErrors: [] } });
});

test('a name that is too long is refused in userErrors, naming the field from the input root, and nothing is written', async () => {
  const mei = await signUp(t, 'ct_long');
  const before = await collectionsOf(mei.id);
  const result = await t.gql(CREATE_COLLECTION, { input: { name: 'x'.repeat(51) } }, mei.token);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({
    createCollection: { collection: null, userErrors: [{ field: ['name'], code: 'INVALID', message: 'must be at most 50 characters' }] },
  });
  expect(await collectionsOf(mei.id)).toEqual(before);
});

test('a signed-out client is still refused top-level with UNAUTHENTICATED: no input change fixes that', async () => {
  const result = await t.gql(CREATE_COLLECTION, { input: { name: 'Mine' } });
  expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
});

describe('a client retries createCollection with its idempotency key', () => {
  test('the retry returns the first collection, and only one exists', async () => {
    const mei = await signUp(t, 'ct_retry');
    const input = { name: 'Gifts 礼物', idempotencyKey: `retry-${mei.id}` };
    const first = await t.ok(CREATE_COLLECTION, { input }, mei.token);
    const again = await t.ok(CREATE_COLLECTION, { input: { idempotencyKey: input.idempotencyKey, name: input.name } }, mei.token);
    expect(again.createCollection).toEqual(first.createCollection);
    expect((await collectionsOf(mei.id)).filter((n) => n === 'Gifts 礼物')).toHaveLength(1);
  });

  test('ten retries racing each other still make one collection', async () => {
    const mei = await signUp(t, 'ct_race');
    const input = { name: 'Race', idempotencyKey: `race-${mei.id}` };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.ok(CREATE_COLLECTION, { input }, mei.token)));
    expect(new Set(results.map((r) => r.createCollection.collection.id)).size).toBe(1);
    expect((await collectionsOf(mei.id)).filter((n) => n === 'Race')).toHaveLength(1);
  });

  test('the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
    const mei = await signUp(t, 'ct_reuse');
    const key = `reuse-${mei.id}`;
    await t.ok(CREATE_COLLECTION, { input: { name: 'First', idempotencyKey: key } }, mei.token);
    const result = await t.gql(CREATE_COLLECTION, { input: { name: 'Second', idempotencyKey: key } }, mei.token);
    expect(result.data).toEqual({ createCollection: { collection: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] } });
    expect(await collectionsOf(mei.id)).not.toContain('Second');
  });

  test('keys are per user: another user with the same key makes a collection of their own', async () => {
    const [a, b] = [await signUp(t, 'ct_ka'), await signUp(t, 'ct_kb')];
    const input = { name: 'Shared key', idempotencyKey: 'the-same-key' };
    const [ra, rb] = [await t.ok(CREATE_COLLECTION, { input }, a.token), await t.ok(CREATE_COLLECTION, { input }, b.token)];
    expect(ra.createCollection.collection.id).not.toBe(rb.createCollection.collection.id);
    expect(await collectionsOf(b.id)).toContain('Shared key');
  });
});
