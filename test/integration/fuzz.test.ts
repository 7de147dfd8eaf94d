import { startTestApp, TestApp } from '../helpers/app';
import { signUp, postNote, Person } from '../helpers/people';
import { prng } from '../../src/jobs/seed';

/**
 * A few thousand random operations from many users at once, some with garbage arguments, then
 * the invariants: no INTERNAL_SERVER_ERROR, and every stored count equals the relationships
 * behind it, with no orphan nodes.
 */
jest.setTimeout(240_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const GARBAGE: unknown[] = ['', 'x'.repeat(6000), '\u0000', '00000000-0000-4000-8000-000000000000', 'not-an-id', -1, 1e12, null, '"}) DETACH DELETE n //', '👩‍👩‍👧'];

test('random operations keep every count exact and raise no internal errors', async () => {
  const rand = prng(2026);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const users: Person[] = [];
  for (let i = 0; i < 12; i++) users.push(await signUp(t, `fz${i}`));
  const notes: string[] = [];
  for (const u of users.slice(0, 6)) notes.push((await postNote(t, u)).id);
  const comments: string[] = [];
  const maybe = <T>(value: T): unknown => (rand() < 0.08 ? pick(GARBAGE) : value);

  const ops: (() => Promise<{ code?: string; data?: Record<string, unknown> | null }>)[] = [
    () => gql(`mutation($id: ID!) { follow(input: { userId: $id }) { user { id } userErrors { code } } }`, { id: maybe(pick(users).id) }),
    () => gql(`mutation($id: ID!) { unfollow(input: { userId: $id }) { user { id } userErrors { code } } }`, { id: maybe(pick(users).id) }),
    () => gql(`mutation($id: ID!) { block(input: { userId: $id }) { user { id } userErrors { code } } }`, { id: maybe(pick(users).id) }, 0.1),
    () => gql(`mutation($id: ID!) { unblock(input: { userId: $id }) { user { id } userErrors { code } } }`, { id: maybe(pick(users).id) }),
    () => gql(`mutation($id: ID!) { like(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: maybe(pick(notes)) }),
    () => gql(`mutation($id: ID!) { unlike(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: maybe(pick(notes)) }),
    () => gql(`mutation($id: ID!) { collect(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: maybe(pick(notes)) }),
    () => gql(`mutation($id: ID!) { uncollect(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: maybe(pick(notes)) }),
    () => gql(`mutation($id: ID!) { recordView(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: maybe(pick(notes)) }),
    async () => {
      const r = await gql(`mutation($id: ID!, $t: String!, $r: ID) { comment(input: { noteId: $id, text: $t, replyToId: $r }) { comment { id } userErrors { code } } }`, {
        id: maybe(pick(notes)), t: maybe('nice'), r: comments.length && rand() < 0.3 ? pick(comments) : null,
      });
      const id = (r.data?.comment as { comment?: { id: string } | null } | undefined)?.comment?.id;
      if (id) comments.push(id);
      return r;
    },
    () => gql(`mutation($id: ID!) { deleteComment(input: { commentId: $id }) { deletedCommentId userErrors { code } } }`, { id: maybe(comments.length ? pick(comments) : 'none') }),
    async () => {
      const r = await gql(`mutation($t: String!) { createNote(input: { title: $t, body: "", format: IMAGE_TEXT }) { note { id } userErrors { code } } }`, { t: maybe('fuzz note') });
      const id = (r.data?.createNote as { note?: { id: string } | null } | undefined)?.note?.id;
      if (id) notes.push(id);
      return r;
    },
    () => gql(`mutation($id: ID!) { deleteNote(input: { noteId: $id }) { deletedNoteId userErrors { code } } }`, { id: maybe(pick(notes)) }, 0.05),
    () => gql(`query($id: ID!) { note(id: $id) { likeCount comments(first: 5) { totalCount } } }`, { id: maybe(pick(notes)) }),
    () => gql(`query($a: String) { followingFeed(first: 10, after: $a) { totalCount } }`, { a: maybe(null) }),
  ];

  let current: Person = users[0]!;
  async function gql(query: string, variables: Record<string, unknown>, probability = 1) {
    if (rand() > probability) return {};
    const r = await t.gql<Record<string, unknown>>(query, variables, current.token);
    return { code: r.errors?.[0]?.extensions.code, data: r.data };
  }

  const codes = new Map<string, number>();
  for (let round = 0; round < 250; round++) {
    // Eight users act at once each round.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        current = pick(users);
        const result = await pick(ops)();
        const code = result.code ?? 'OK';
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }),
    );
  }
  expect(codes.get('INTERNAL_SERVER_ERROR') ?? 0).toBe(0);
  expect([...codes.keys()].every((c) => ['OK', 'BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN'].includes(c))).toBe(true);

  const ids = users.map((u) => u.id);
  const run = async (query: string) => (await t.db.driver.executeQuery(query, { ids })).records.map((r) => r.toObject());
  expect(await run(`MATCH (u:User) WHERE u.id IN $ids AND (u.followerCount <> COUNT { (u)<-[:FOLLOWS]-() } OR u.followingCount <> COUNT { (u)-[:FOLLOWS]->() }
    OR u.noteCount <> COUNT { MATCH (u)-[:POSTED]->(n:Note) WHERE n.deletedAt IS NULL RETURN n }) RETURN u.handle AS wrong, u.followerCount AS fc, COUNT { (u)<-[:FOLLOWS]-() } AS fr, u.followingCount AS gc, COUNT { (u)-[:FOLLOWS]->() } AS gr, u.noteCount AS nc, COUNT { MATCH (u)-[:POSTED]->(n:Note) WHERE n.deletedAt IS NULL RETURN n } AS nr`)).toEqual([]);
  expect(await run(`MATCH (a:User)-[:POSTED]->(n:Note) WHERE a.id IN $ids AND (n.likeCount <> COUNT { ()-[:LIKED]->(n) } OR n.collectCount <> COUNT { ()-[:COLLECTED]->(n) }
    OR n.commentCount <> COUNT { MATCH (c:Comment)-[:ON]->(n) WHERE c.deletedAt IS NULL RETURN c } OR n.viewCount > COUNT { ()-[:VIEWED]->(n) } * 1000) RETURN n.id AS wrong, n.likeCount AS lc, COUNT { ()-[:LIKED]->(n) } AS lr, n.collectCount AS cc, COUNT { ()-[:COLLECTED]->(n) } AS cr, n.commentCount AS mc, COUNT { MATCH (c:Comment)-[:ON]->(n) WHERE c.deletedAt IS NULL RETURN c } AS mr`)).toEqual([]);
  expect(await run(`MATCH (a:User)-[:BLOCKS]-(b:User) WHERE a.id IN $ids AND ((a)-[:FOLLOWS]-(b)) RETURN a.handle AS wrong`)).toEqual([]);
  expect(await run(`MATCH (c:Comment) WHERE NOT (c)-[:ON]->(:Note) OR NOT (:User)-[:WROTE]->(c) RETURN c.id AS orphan`)).toEqual([]);
  expect(await run(`MATCH (x:Notification) WHERE NOT (:User)-[:HAS_NOTIFICATION]->(x) RETURN x.id AS orphan`)).toEqual([]);
  expect(await run(`MATCH (c:Collection) WHERE NOT (:User)-[:OWNS]->(c) RETURN c.id AS orphan`)).toEqual([]);
});
