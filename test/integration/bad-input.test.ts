import crypto from 'node:crypto';
import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { signUp, postNote, CREATE_NOTE, SIGN_UP } from '../helpers/people';

// Its inline documents are strings, not typed operations: they send deliberately invalid variables
// (NUL and injection text, out-of-range or wrongly typed numbers, forged cursors) that typed
// variables would refuse to compile.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function count(query: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await t.db.driver.executeQuery(query, params);
  return records[0]!.get('n') as number;
}

const NUL = 'bad\u0000text';
const ZERO_WIDTH_ONLY = '\u200B\u200C\u200D\uFEFF';
const INJECTION = `"}) MATCH (n) DETACH DELETE n //`;

describe('unicode edge cases and injection attempts', () => {
  test('control characters and invisible-only text are refused, and nothing is written', async () => {
    const yan = await signUp(t, 'bi_yan');
    for (const [field, input] of [
      ['title', { title: NUL }],
      ['title', { title: ZERO_WIDTH_ONLY }],
      ['body', { title: 'ok', body: NUL }],
    ] as const) {
      const result = await t.gql(CREATE_NOTE, { input: { format: 'IMAGE_TEXT', body: '', ...input } }, yan.token);
      expect(result.data?.createNote).toMatchObject({ note: null, userErrors: [{ code: 'INVALID', field: [field] }] });
    }
    expect(await count('MATCH (:User {id: $id})-[:POSTED]->(n) RETURN count(n) AS n', { id: yan.id })).toBe(0);
    const note = await postNote(t, yan);
    for (const text of [NUL, ZERO_WIDTH_ONLY]) {
      const r = await t.gql(`mutation($id: ID!, $t: String!) { comment(input: { noteId: $id, text: $t }) { comment { id } userErrors { code field } } }`, { id: note.id, t: text }, yan.token);
      expect(r.data?.comment).toEqual({ comment: null, userErrors: [{ code: 'INVALID', field: ['text'] }] });
    }
    const handle = uniqueHandle('bi_nul');
    const r = await t.gql(SIGN_UP, { input: { email: `${handle}\u0000@example.com`, handle, displayName: 'x', password: 'long enough pw' } });
    expect(r.data?.signUp.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['email'] });
    const profile = await t.gql(`mutation($b: String) { updateProfile(input: { bio: $b }) { user { bio } userErrors { field code } } }`, { b: NUL }, yan.token);
    expect(profile.data?.updateProfile).toEqual({ user: null, userErrors: [{ code: 'INVALID', field: ['bio'] }] });
  });

  test('emoji, right-to-left text and inner zero-width joiners are content, stored exactly', async () => {
    const user = await signUp(t, 'bi_emoji');
    const title = '👩‍👩‍👧 عائلة سعيدة 种草';
    const body = 'مرحبا — RTL mark \u200F inside';
    const note = (await t.ok(CREATE_NOTE, { input: { title, body, format: 'IMAGE_TEXT' } }, user.token)).createNote.note!;
    expect(note).toMatchObject({ title, body });
  });

  test('Cypher-looking input is data, never code', async () => {
    const user = await signUp(t, 'bi_inj');
    const before = await count('MATCH (n:User) RETURN count(n) AS n', {});
    const note = (await t.ok(CREATE_NOTE, { input: { title: INJECTION, body: `' OR 1=1 //`, format: 'IMAGE_TEXT', topics: [] } }, user.token)).createNote.note!;
    expect(note.title).toBe(INJECTION);
    expect(await count('MATCH (n:User) RETURN count(n) AS n', {})).toBeGreaterThanOrEqual(before);
    for (const [query, vars, field] of [
      [`query($id: ID!) { user(id: $id) { id } }`, { id: INJECTION }, 'id'],
      [`query($h: String!) { userByHandle(handle: $h) { id } }`, { h: INJECTION }, 'handle'],
      [`query($t: String!) { topicFeed(topic: $t) { totalCount } }`, { t: INJECTION }, 'topic'],
      [`query($s: String!) { users(search: $s) { totalCount } }`, { s: INJECTION }, null],
    ] as const) {
      const result = await t.gql(query, vars, user.token);
      if (field) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      else expect(result.data).toEqual({ users: { totalCount: 0 } });
    }
  });

  test('negative and huge numbers, wrong types and malformed cursors are refused', async () => {
    const user = await signUp(t, 'bi_num');
    for (const first of [-1, 0, 101]) {
      const r = await t.gql(`query($n: Int) { users(first: $n) { totalCount } }`, { n: first });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
    // A huge page is refused before it runs, by the complexity limit.
    const huge = await t.gql(`query($n: Int) { users(first: $n) { totalCount } }`, { n: 2_147_483_647 });
    expect(huge.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxComplexity: 20000 });
    const wrongType = await t.gql(`query($n: Int) { users(first: $n) { totalCount } }`, { n: 'many' });
    expect(wrongType.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    // Beyond 32 bits: refused by the cost check, which reads variables before they are coerced.
    const tooBig = await t.gql(`query($n: Int) { users(first: $n) { totalCount } }`, { n: 2 ** 40 });
    expect(tooBig.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const after of ['%%%', Buffer.from('[1]').toString('base64url'), Buffer.from('["x", 5]').toString('base64url')]) {
      const r = await t.gql(`query($a: String) { followingFeed(after: $a) { totalCount } }`, { a: after }, user.token);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const unknown = await t.gql(`mutation($id: ID!) { like(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: crypto.randomUUID() }, user.token);
    expect((unknown.data as { like: { userErrors: { code: string }[] } }).like.userErrors[0]?.code).toBe('NOT_FOUND');
  });
});
