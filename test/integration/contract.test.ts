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
