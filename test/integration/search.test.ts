import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { importFile } from '../../src/jobs/import';
import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { follow, people, postNote, signUp, Person } from '../helpers/people';
import { listProduct, orderInput, PLACE, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import { VisibilityBlockDocument as BLOCK } from '../generated/graphql';

/**
 * Search (issue 15) against the real Neo4j full-text indexes. Every search of a note here is
 * narrowed to this run's own topic, so notes other runs left in the shared database never count.
 */

let t: TestApp;
beforeAll(async () => {
  // The hostile-syntax table alone searches ~160 times a minute from one user; limits have their own test below.
  t = await startTestApp({ SEARCH_MAX_PER_USER_PER_MINUTE: '100000', SEARCH_MAX_PER_IP_PER_MINUTE: '1000000' });
});
afterAll(() => t.close());

const run = Math.random().toString(36).slice(2, 8);
const SEARCH = `query($q: String!, $type: SearchType!, $filters: SearchFilters, $sort: SearchSort, $first: Int, $after: String) {
  search(query: $q, type: $type, filters: $filters, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor score reason reasonText highlights { field snippet }
      node { __typename ... on Note { id title } ... on Product { id title } ... on User { id handle } ... on Group { id name } ... on Topic { name } } }
  }
}`;

interface Hit {
  cursor: string;
  score: number;
  reason: string | null;
  reasonText: string | null;
  highlights: { field: string; snippet: string }[];
  node: { __typename: string; id?: string; title?: string; handle?: string; name?: string };
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Hit[];
}

async function search(who: Person | null, q: string, type: string, extra: Record<string, unknown> = {}): Promise<Page> {
  return (await t.ok(SEARCH, { q, type, ...extra }, who?.token ?? null)).search as Page;
}
const idsOf = (page: Page) => page.edges.map((e) => e.node.id ?? e.node.name);

describe('Chinese, English and mixed text (item 1)', () => {
  let author: Person, reader: Person;
  const topic = `beauty${run}`;
  const n: Record<string, string> = {};
  beforeAll(async () => {
    ({ author, reader } = await people(t, ['author', 'reader']));
    n.oily = (await postNote(t, author, { title: '油皮亲妈 toner', body: '夏天必备', topics: [topic] })).id;
    n.toners = (await postNote(t, author, { title: 'Toners for oily skin', body: 'three I keep buying', topics: [topic] })).id;
    n.hotpot = (await postNote(t, author, { title: '成都 火锅', body: '排队两小时也值得', topics: [topic] })).id;
    n.wide = (await postNote(t, author, { title: 'ＦＵＬＬ　ＷＩＤＴＨ Serum', body: '', topics: [topic] })).id;
    n.other = (await postNote(t, author, { title: 'Running shoes', body: 'marathon', topics: [topic] })).id;
  });
  const notes = (q: string) => search(reader, q, 'NOTE', { filters: { topic } });

  test('油皮 finds 油皮亲妈 toner', async () => {
    expect(idsOf(await notes('油皮'))).toEqual([n.oily]);
  });

  test('toner finds Toners for oily skin (and 油皮亲妈 toner)', async () => {
    expect(idsOf(await notes('toner')).sort()).toEqual([n.oily!, n.toners!].sort());
  });

  test('成都火锅 finds 成都 火锅', async () => {
    expect(idsOf(await notes('成都火锅'))).toEqual([n.hotpot]);
  });

  test('full-width, half-width and letter case do not matter, either way round', async () => {
    expect(idsOf(await notes('ＴＯＮＥＲ')).sort()).toEqual([n.oily!, n.toners!].sort());
    expect(idsOf(await notes('TONER')).sort()).toEqual([n.oily!, n.toners!].sort());
    expect(idsOf(await notes('full width'))).toEqual([n.wide]);
    expect(idsOf(await notes('ｓｅｒｕｍ'))).toEqual([n.wide]);
  });

  test('a mixed query ranks the note with both words first, and highlights mark the matches', async () => {
    const page = await notes('油皮 toner');
    expect(idsOf(page)[0]).toBe(n.oily);
    expect(page.edges[0]!.highlights).toContainEqual({ field: 'TITLE', snippet: '<em>油皮</em>亲妈 <em>toner</em>' });
    expect(page.totalCount).toBe(2);
  });

  test('topics are searched too', async () => {
    expect((await notes(topic)).totalCount).toBe(5);
  });

  test('a query of 1 to 100 characters; outside that BAD_USER_INPUT naming query', async () => {
    for (const q of ['', '   ', 'x'.repeat(101)]) {
      const result = await t.gql(SEARCH, { q, type: 'NOTE' }, reader.token);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    }
    expect((await notes('x'.repeat(100))).totalCount).toBe(0);
  });
});

describe('hostile Lucene syntax (item 3)', () => {
  let author: Person;
  const topic = `hostile${run}`;
  let secret: string;
  beforeAll(async () => {
    author = await signUp(t, 's_hostile');
    await postNote(t, author, { title: 'plain toner note', body: 'nothing special', topics: [topic] });
    secret = (await postNote(t, author, { title: 'ordinary', body: 'secretword inside the body', topics: [topic] })).id;
  });

  const HOSTILE = ['AND', 'OR', 'NOT', '*', '?', 'title:', 'title:toner', 'body:*', '"', '"unbalanced', 'toner~', 'toner~0.5', '\\', '\\\\', 'a AND OR NOT b', '(((', ')))', '[a TO z]', '{!}', '+-&&||!(){}[]^"~*?:\\/', 'toner^100', '/regex.*/', 'toner AND', '油皮 AND', 'NOT toner', '&&', '||', '　', '@@', '#', '*:*', 'id:*', '___', '_*'];

  test.each(HOSTILE)('%s gives results or nothing, never an error, for every type', async (q) => {
    for (const type of ['NOTE', 'PRODUCT', 'USER', 'GROUP', 'TOPIC']) {
      const result = await t.gql(SEARCH, { q, type, filters: type === 'NOTE' ? { topic } : null }, author.token);
      if (q.trim() === '') {
        expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
        continue;
      }
      expect(result.errors).toBeUndefined();
      expect(Array.isArray((result.data as { search: Page }).search.edges)).toBe(true);
    }
  });

  test('field syntax is plain text: title:secretword still finds the word in the body, as any word would', async () => {
    const page = await search(author, 'title:secretword', 'NOTE', { filters: { topic } });
    expect(idsOf(page)).toEqual([secret]);
  });

  test('a wildcard does not match everything', async () => {
    expect((await search(author, '*', 'NOTE', { filters: { topic } })).totalCount).toBe(0);
  });
});

describe('visibility (item 2): every rule of noteVisibility holds for hits and totalCount', () => {
  let author: Person, fan: Person, stranger: Person, blocker: Person, blocked: Person, owner: Person, member: Person;
  const topic = `vis${run}`;
  const n: Record<string, string> = {};
  const CREATE_GROUP = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }`;
  const group = async (who: Person, visibility: string, extra: Record<string, unknown> = {}) =>
    (await t.ok(CREATE_GROUP, { input: { name: `Search ${visibility} ${run}${Math.random().toString(36).slice(2, 6)}`, rules: 'Be kind.', visibility, ...extra } }, who.token)).createGroup.group.id as string;
  const invite = async (g: string, who: Person) => {
    await t.ok(`mutation($g: ID!, $u: ID!) { inviteToGroup(input: { groupId: $g, userId: $u }) { userErrors { code } } }`, { g, u: who.id }, owner.token);
    await t.ok(`mutation($id: ID!) { joinGroup(input: { groupId: $id, acceptRules: true }) { status } }`, { id: g }, who.token);
  };
  beforeAll(async () => {
    ({ author, fan, stranger, blocker, blocked, owner, member } = await people(t, ['author', 'fan', 'stranger', 'blocker', 'blocked', 'owner', 'member']));
    await follow(t, fan, author);
    const closed = await group(owner, 'CLOSED');
    const secret = await group(owner, 'SECRET');
    const premod = await group(owner, 'OPEN', { isPremoderated: true });
    await invite(closed, member);
    await invite(secret, member);
    for (const p of [author, stranger]) await t.ok(`mutation($id: ID!) { joinGroup(input: { groupId: $id, acceptRules: true }) { status } }`, { id: premod }, p.token);
    const post = async (who: Person, title: string, fields: Record<string, unknown> = {}) => (await postNote(t, who, { title: `${title} lipstick`, topics: [topic], ...fields })).id;
    n.public = await post(author, 'public');
    n.followers = await post(author, 'followers', { visibility: 'FOLLOWERS' });
    n.closed = await post(owner, 'closed', { groupId: closed });
    n.secret = await post(owner, 'secret', { groupId: secret });
    n.held = await post(author, '全网最好', { groupId: premod });
    n.removed = await post(author, 'removed');
    n.deleted = await post(author, 'deleted');
    n.blocker = await post(blocker, 'blocker');
    n.blocked = await post(blocked, 'blocked');
    await t.ok(`mutation($id: ID!) { deleteNote(input: { noteId: $id }) { deletedNoteId userErrors { code } } }`, { id: n.deleted }, author.token);
    // Removal is moderation's to test; here it is the state the read rule looks at.
    await t.db.driver.executeQuery(`MATCH (n:Note {id: $id}) SET n.modState = 'REMOVED'`, { id: n.removed });
    // Written past the API, so announced as a tool would: the instance's note cache holds the note as posted.
    t.deps.events.pubsub.publish('NOTES_CHANGED', { noteIds: [n.removed!], reason: 'STATE' });
    await t.ok(`mutation($id: ID!) { block(input: { userId: $id }) { user { id } } }`, { id: stranger.id }, blocker.token);
    await t.ok(`mutation($id: ID!) { block(input: { userId: $id }) { user { id } } }`, { id: blocked.id }, stranger.token);
  });
  const seen = async (who: Person | null) => {
    const page = await search(who, 'lipstick', 'NOTE', { filters: { topic }, first: 50 });
    expect(page.totalCount).toBe(page.edges.length);
    return idsOf(page).sort();
  };

  test('a stranger sees only the public note: not followers-only, CLOSED, SECRET, held, removed, deleted, nor across a block either way', async () => {
    expect(await seen(stranger)).toEqual([n.public]);
  });

  test('anonymous: public notes, the blockers\' included', async () => {
    expect(await seen(null)).toEqual([n.public!, n.blocker!, n.blocked!].sort());
  });

  test('a follower sees followers-only notes; a member sees CLOSED and SECRET group notes', async () => {
    expect(await seen(fan)).toEqual([n.public!, n.followers!, n.blocker!, n.blocked!].sort());
    expect(await seen(member)).toEqual([n.public!, n.closed!, n.secret!, n.blocker!, n.blocked!].sort());
  });

  test('the author still sees their own held and removed notes, never the deleted one', async () => {
    expect(await seen(author)).toEqual([n.public!, n.followers!, n.held!, n.removed!, n.blocker!, n.blocked!].sort());
  });

  test('groupId narrows to a group the viewer can read; another one is NOT_FOUND', async () => {
    const groups = await search(member, 'search', 'GROUP');
    const secretGroup = groups.edges.find((e) => e.node.name?.startsWith(`Search SECRET ${run}`))!.node.id;
    expect(idsOf(await search(member, 'lipstick', 'NOTE', { filters: { topic, groupId: secretGroup } }))).toEqual([n.secret]);
    const refused = await t.gql(SEARCH, { q: 'lipstick', type: 'NOTE', filters: { groupId: secretGroup } }, stranger.token);
    expect(refused.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  test('SECRET groups are found only by their members; users in a block are not found', async () => {
    const names = async (who: Person) => (await search(who, `search ${run}`, 'GROUP', { first: 50 })).edges.map((e) => e.node.name ?? '');
    expect((await names(member)).some((x) => x.startsWith(`Search SECRET ${run}`))).toBe(true);
    expect((await names(stranger)).some((x) => x.startsWith(`Search SECRET ${run}`))).toBe(false);
    expect((await names(stranger)).some((x) => x.startsWith(`Search CLOSED ${run}`))).toBe(true);
    const handles = async (who: Person, q: string) => (await search(who, q, 'USER')).edges.map((e) => e.node.id);
    expect(await handles(stranger, blocker.handle)).not.toContain(blocker.id);
    expect(await handles(stranger, blocked.handle)).not.toContain(blocked.id);
    expect(await handles(fan, blocker.handle)).toContain(blocker.id);
  });
});

describe('ranking, sorting, cursors and round trips', () => {
  let author: Person, friend: Person, viewer: Person, other: Person;
  const topic = `rank${run}`;
  const n: string[] = [];
  beforeAll(async () => {
    ({ author, friend, viewer, other } = await people(t, ['author', 'friend', 'viewer', 'other']));
    for (let i = 0; i < 7; i++) n.push((await postNote(t, i === 0 ? author : other, { title: `glow serum ${i}`, topics: [topic] })).id);
    await follow(t, viewer, friend);
    await t.ok(`mutation($id: ID!) { like(input: { noteId: $id }) { note { id } } }`, { id: n[3] }, friend.token);
    await follow(t, viewer, author);
  });

  test('social signals raise a hit and say why', async () => {
    const page = await search(viewer, 'glow serum', 'NOTE', { filters: { topic } });
    const byId = new Map(page.edges.map((e) => [e.node.id, e]));
    expect(byId.get(n[0])).toMatchObject({ reason: 'FOLLOWED_AUTHOR' });
    expect(byId.get(n[3])).toMatchObject({ reason: 'LIKED_BY_FOLLOWEES', reasonText: 'liked by 1 person you follow' });
    expect(idsOf(page).slice(0, 2).sort()).toEqual([n[0]!, n[3]!].sort());
    expect(byId.get(n[5])!.reason).toBeNull();
  });

  test('LATEST sorts newest first', async () => {
    expect(idsOf(await search(viewer, 'serum', 'NOTE', { filters: { topic }, sort: 'LATEST' }))).toEqual([...n].reverse());
  });

  test('pages of 3 cover the first page\'s ranking once, in order, though later likes would reorder it', async () => {
    const first = await search(viewer, 'serum', 'NOTE', { filters: { topic }, sort: 'POPULAR', first: 3 });
    const last = n.find((id) => !idsOf(first).includes(id))!;
    // A note outside the first page becomes the most liked between pages.
    for (const p of [friend, other, author]) await t.ok(`mutation($id: ID!) { like(input: { noteId: $id }) { note { id } } }`, { id: last }, p.token);
    const seenIds = idsOf(first);
    let page = first;
    while (page.pageInfo.hasNextPage) {
      page = await search(viewer, 'serum', 'NOTE', { filters: { topic }, sort: 'POPULAR', first: 3, after: page.pageInfo.endCursor });
      expect(page.totalCount).toBe(7);
      seenIds.push(...idsOf(page));
    }
    expect(seenIds).toHaveLength(7);
    expect([...seenIds].sort()).toEqual([...n].sort());
    expect(seenIds.slice(0, 3)).not.toContain(last);
    // A new search ranks it first.
    expect(idsOf(await search(viewer, 'serum', 'NOTE', { filters: { topic }, sort: 'POPULAR', first: 1 }))).toEqual([last]);
    const foreign = await t.gql(SEARCH, { q: 'other words', type: 'NOTE', after: first.pageInfo.endCursor }, viewer.token);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test('a search costs a bounded number of round trips, whatever the number of hits', async () => {
    const trips = async (first: number) => {
      const before = t.db.totals.roundTrips;
      await search(viewer, 'serum', 'NOTE', { filters: { topic }, first });
      return t.db.totals.roundTrips - before;
    };
    const one = await trips(1);
    const all = await trips(7);
    expect(all).toBeLessThanOrEqual(8);
    expect(all).toBe(one);
  });
});

describe('products, users and topics', () => {
  let merchant: Person, shopper: Person;
  const brand = `Dewy${run}`;
  const p: Record<string, string> = {};
  beforeAll(async () => {
    const admin = await signUpAdmin(t, 'search-admin@example.com');
    merchant = await signUpMerchant(t, admin, 'p_merchant');
    shopper = await signUp(t, 'p_shopper');
    p.toner = await listProduct(t, merchant, { title: 'Hydrating Toner 200ml', brand, category: 'skincare', priceMinor: 12900, stock: 10 });
    p.cheap = await listProduct(t, merchant, { title: '油皮 控油 toner 小样', brand, category: 'skincare', priceMinor: 1900, stock: 0 });
    p.lip = await listProduct(t, merchant, { title: 'Velvet lipstick', brand, category: 'makeup', priceMinor: 8800, stock: 5 });
  });
  const products = (q: string, filters: Record<string, unknown> = {}) => search(shopper, q, 'PRODUCT', { filters: { brand, ...filters } });

  test('title, brand and category are searched; filters narrow by price, category and stock', async () => {
    expect(idsOf(await products('toner')).sort()).toEqual([p.toner!, p.cheap!].sort());
    expect(idsOf(await products('油皮'))).toEqual([p.cheap]);
    expect(idsOf(await products(brand.toUpperCase())).sort()).toEqual([p.toner!, p.cheap!, p.lip!].sort());
    expect(idsOf(await products('makeup'))).toEqual([p.lip]);
    expect(idsOf(await products('toner', { maxPrice: 5000 }))).toEqual([p.cheap]);
    expect(idsOf(await products('toner', { minPrice: 5000, maxPrice: 20000 }))).toEqual([p.toner]);
    expect(idsOf(await products('toner', { inStock: true }))).toEqual([p.toner]);
    expect(idsOf(await products(brand, { category: 'SKINCARE' })).sort()).toEqual([p.toner!, p.cheap!].sort());
    const bad = await t.gql(SEARCH, { q: 'toner', type: 'PRODUCT', filters: { minPrice: 100, maxPrice: 10 } }, shopper.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filters.maxPrice' });
  });

  test('a product bought by friends says so: only mutual follows count, never one across a block, each friend once', async () => {
    const serum = await listProduct(t, merchant, { title: `Friendly serum ${run}`, brand, category: 'skincare', priceMinor: 5000, stock: 20 });
    const { ana, bo, cy, dee } = await people(t, ['ana', 'bo', 'cy', 'dee']);
    const viewer = await signUp(t, 'p_friendly');
    // ana and bo are friends (follow both ways); cy only follows the viewer; dee is a friend the viewer then blocks.
    for (const friend of [ana, bo, dee]) {
      await follow(t, viewer, friend);
      await follow(t, friend, viewer);
    }
    await follow(t, cy, viewer);
    for (const buyer of [ana, ana, bo, cy, dee]) await t.ok(PLACE, { input: orderInput(serum) }, buyer.token);
    const hit = async () => (await search(viewer, `Friendly serum ${run}`, 'PRODUCT', { filters: { brand } })).edges.find((e) => e.node.id === serum);
    expect(await hit()).toMatchObject({ reason: 'BOUGHT_BY_FRIENDS', reasonText: 'bought by 3 friends' });
    await t.ok(BLOCK, { id: dee.id }, viewer.token);
    expect(await hit()).toMatchObject({ reason: 'BOUGHT_BY_FRIENDS', reasonText: 'bought by 2 friends' });
  });

  test('users by handle and display name; topics by name', async () => {
    expect(idsOf(await search(shopper, merchant.handle, 'USER'))).toContain(merchant.id);
    await postNote(t, merchant, { title: 'x', topics: [`护肤${run}`] });
    expect(idsOf(await search(shopper, `护肤${run}`, 'TOPIC'))).toContain(`护肤${run}`);
  });
});

describe('history, hot searches and suggestions (item 4)', () => {
  const HOT = `query($w: SearchWindow!) { hotSearches(window: $w, first: 50) { query rank count previousRank rankChange } }`;
  const HISTORY = `query($first: Int, $after: String) { searchHistory(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { query searchedAt } } } }`;
  const SUGGEST = `query($p: String!) { searchSuggestions(prefix: $p, first: 20) { text kind } }`;
  const CLEAR = `mutation { clearSearchHistory { clearedCount userErrors { code } } }`;
  const term = `vitc${run}`;

  test('each user has their own recent queries, normalised, most recent first, until they clear them', async () => {
    const { me, other } = await people(t, ['me', 'other']);
    await search(me, `  Sunscreen   ${run} `, 'NOTE');
    await search(me, `ＭＡＳＫ ${run}`, 'PRODUCT');
    await search(me, `sunscreen ${run}`, 'NOTE');
    await search(other, `private ${run}`, 'NOTE');
    const history = (await t.ok(HISTORY, { first: 1 }, me.token)).searchHistory;
    expect(history.totalCount).toBe(2);
    expect(history.edges.map((e: { node: { query: string } }) => e.node.query)).toEqual([`sunscreen ${run}`]);
    const rest = (await t.ok(HISTORY, { first: 5, after: history.pageInfo.endCursor }, me.token)).searchHistory;
    expect(rest.edges.map((e: { node: { query: string } }) => e.node.query)).toEqual([`mask ${run}`]);
    expect((await t.ok(CLEAR, {}, me.token)).clearSearchHistory).toEqual({ clearedCount: 2, userErrors: [] });
    expect((await t.ok(HISTORY, {}, me.token)).searchHistory.totalCount).toBe(0);
    expect((await t.ok(HISTORY, {}, other.token)).searchHistory.totalCount).toBe(1);
    expect((await t.gql(HISTORY, {}, null)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(CLEAR, {}, null)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  test('hot searches count distinct users: one user searching again and again cannot push a term', async () => {
    const { a, b, c } = await people(t, ['a', 'b', 'c']);
    for (let i = 0; i < 5; i++) await search(a, `${term} serum`, 'NOTE');
    const before = (await t.ok(HOT, { w: 'HOUR' })).hotSearches as { query: string }[];
    expect(before.map((h) => h.query)).not.toContain(`${term} serum`);
    await search(b, `${term.toUpperCase()}  Serum`, 'NOTE');
    await search(c, `${term} ｓｅｒｕｍ`, 'PRODUCT');
    for (const w of ['HOUR', 'DAY']) {
      const hot = (await t.ok(HOT, { w })).hotSearches as { query: string; count: number; rank: number; previousRank: number | null; rankChange: number | null }[];
      expect(hot.find((h) => h.query === `${term} serum`)).toMatchObject({ count: 3, previousRank: null, rankChange: null });
    }
    // The popular query is suggested now, as is nothing a single user searched.
    const suggested = (await t.ok(SUGGEST, { p: term }, a.token)).searchSuggestions;
    expect(suggested).toContainEqual({ text: `${term} serum`, kind: 'QUERY' });
  });

  test('suggestions complete topics, handles and product titles, each with its kind', async () => {
    const admin = await signUpAdmin(t, 'search-admin@example.com');
    const merchant = await signUpMerchant(t, admin, 'sg_merchant');
    await listProduct(t, merchant, { title: `Zelda${run} 油皮 cleanser` });
    await postNote(t, merchant, { title: 'x', topics: [`zelda${run}tips`] });
    const kinds = async (prefix: string) => (await t.ok(SUGGEST, { p: prefix }, merchant.token)).searchSuggestions as { text: string; kind: string }[];
    const got = await kinds(`zelda${run}`);
    expect(got).toContainEqual({ text: `zelda${run}tips`, kind: 'TOPIC' });
    expect(got).toContainEqual({ text: `Zelda${run} 油皮 cleanser`, kind: 'PRODUCT' });
    expect(await kinds(`#ZELDA${run}`)).toContainEqual({ text: `zelda${run}tips`, kind: 'TOPIC' });
    expect(await kinds(merchant.handle.slice(0, 20))).toContainEqual({ text: merchant.handle, kind: 'USER' });
    expect(await kinds(`Zelda${run} 油`)).toContainEqual({ text: `Zelda${run} 油皮 cleanser`, kind: 'PRODUCT' });
    for (const hostile of ['*', '"', 'title:', '\\', 'AND']) expect((await t.gql(SUGGEST, { p: hostile })).errors).toBeUndefined();
    expect((await t.gql(SUGGEST, { p: '' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'prefix' });
  });
});

describe('imported data is searchable (item 6)', () => {
  test('notes, their topics and products of an import are found at once', async () => {
    const handle = uniqueHandle('imp_search');
    const [user, note, product] = [randomUUID(), randomUUID(), randomUUID()];
    const topic = `imported${run}`;
    const lines = [
      { type: 'user', id: user, handle, displayName: '导入 Importer', createdAt: 1767225600000 },
      { type: 'product', id: product, title: `雪花秀 润燥精华 serum ${run}`, price: 4900, currency: 'CNY', merchant: user, brand: `Sulwhasoo${run}`, category: 'beauty', stock: 3, createdAt: 1767225600000 },
      { type: 'note', id: note, author: user, title: '杭州 西湖 醋鱼', body: 'worth the queue', createdAt: Date.now() - 3600_000, topics: [topic], products: [product] },
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'zhongcao-search-')), 'import.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await importFile(file, { db: t.db, quiet: true });
    const reader = await signUp(t, 'imp_reader');
    expect(idsOf(await search(reader, '西湖醋鱼', 'NOTE', { filters: { topic } }))).toEqual([note]);
    expect(idsOf(await search(reader, topic, 'NOTE'))).toEqual([note]);
    expect(idsOf(await search(reader, '精华', 'PRODUCT', { filters: { brand: `Sulwhasoo${run}` } }))).toEqual([product]);
    expect(idsOf(await search(reader, handle, 'USER'))).toEqual([user]);
  });
});

describe('search as a signal (item 5)', () => {
  test('a topic named in a recent search brings its notes to the discover feed, "because you searched" it', async () => {
    const { writer, searcher } = await people(t, ['writer', 'searcher']);
    const topic = `serumtips${run}`;
    const note = (await postNote(t, writer, { title: 'Vitamin C, three weeks in', topics: [topic] })).id;
    // The whole ranking, page by page: other files write busily to the same database, and notes
    // with likes can outrank a fresh note of a searched topic on the first page.
    type Edge = { reason: string; reasonText: string; node: { id: string } };
    const DISCOVER = `query ($after: String) { discoverFeed(first: 50, after: $after) { pageInfo { hasNextPage endCursor } edges { reason reasonText node { id } } } }`;
    const ranking = async () => {
      const edges: Edge[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const feed = (await t.ok(DISCOVER, { after }, searcher.token)).discoverFeed as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Edge[] };
        edges.push(...feed.edges);
        if (!feed.pageInfo.hasNextPage) break;
        after = feed.pageInfo.endCursor;
      }
      return edges;
    };
    const before = await ranking();
    expect(before.find((e) => e.node.id === note)?.reason).not.toBe('SEARCHED');
    await search(searcher, `${topic.toUpperCase()} serum`, 'NOTE');
    const after = await ranking();
    expect(after.find((e) => e.node.id === note)).toEqual({ node: { id: note }, reason: 'SEARCHED', reasonText: `because you searched “${topic} serum”` });
  });
});

describe('rate limits (item 3)', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ SEARCH_MAX_PER_USER_PER_MINUTE: '3', SEARCH_MAX_PER_IP_PER_MINUTE: '6' });
  });
  afterAll(() => limited.close());

  test('per user, then per IP', async () => {
    const me = await signUp(limited, 'rl_me');
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.gql(SEARCH, { q: 'toner', type: 'NOTE' }, me.token)).errors?.[0]?.extensions.code ?? 'OK');
    expect(codes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
    // The IP has used 4 of its 6; anonymous searches from it get 2 more.
    const anon = [];
    for (let i = 0; i < 3; i++) anon.push((await limited.gql(SEARCH, { q: 'toner', type: 'NOTE' }, null)).errors?.[0]?.extensions.code ?? 'OK');
    expect(anon).toEqual(['OK', 'OK', 'RATE_LIMITED']);
  });
});
