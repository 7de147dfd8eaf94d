import { startTestApp, TestApp } from '../helpers/app';
import { signUp, follow, postNote, Person } from '../helpers/people';
import { twoInstancesSharingRedis } from '../helpers/redis';
import { FeedRepository } from '../../src/feeds/repository';

// Issue 14, Discover: a viewer's first pages reuse one ranking for DISCOVER_CACHE_TTL_MS, and
// every write that changes what the ranking holds for them drops it, on the writing instance at
// once and on the others through the Redis bus. A first page's cursor names its ranking (the
// snapshot), so "the same cursor again" is the cache answering and "a new cursor" a new ranking.

const FIRST_PAGE = `{ discoverFeed(first: 5) { pageInfo { endCursor } edges { node { id } } } }`;
const PAGE = `query($after: String) { discoverFeed(first: 50, after: $after) { pageInfo { endCursor hasNextPage } edges { node { id } } } }`;
const FOLLOW = `mutation($id: ID!) { follow(input: { userId: $id }) { userErrors { code } } }`;
const UNFOLLOW = `mutation($id: ID!) { unfollow(input: { userId: $id }) { userErrors { code } } }`;
const BLOCK = `mutation($id: ID!) { block(input: { userId: $id }) { userErrors { code } } }`;
const UNBLOCK = `mutation($id: ID!) { unblock(input: { userId: $id }) { userErrors { code } } }`;
const LIKE = `mutation($id: ID!) { like(input: { noteId: $id }) { userErrors { code } } }`;
const UNLIKE = `mutation($id: ID!) { unlike(input: { noteId: $id }) { userErrors { code } } }`;
const COLLECT = `mutation($id: ID!) { collect(input: { noteId: $id }) { userErrors { code } } }`;
const UNCOLLECT = `mutation($id: ID!) { uncollect(input: { noteId: $id }) { userErrors { code } } }`;
const SEARCH = `query($q: String!) { search(query: $q, type: NOTE, first: 5) { totalCount } }`;
const MUTE = `mutation($id: ID!) { mute(input: { userId: $id }) { userErrors { code } } }`;
const UNMUTE = `mutation($id: ID!) { unmute(input: { userId: $id }) { userErrors { code } } }`;
const MUTE_WORD = `mutation($w: String!) { muteWord(input: { word: $w, scope: FEEDS }) { userErrors { code } } }`;
const UNMUTE_WORD = `mutation($w: String!) { unmuteWord(input: { word: $w }) { userErrors { code } } }`;

type Page = { pageInfo: { endCursor: string | null; hasNextPage?: boolean }; edges: { node: { id: string } }[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function firstCursor(t: TestApp, who: Person): Promise<string> {
  const page = (await t.ok<{ discoverFeed: Page }>(FIRST_PAGE, {}, who.token)).discoverFeed;
  expect(page.pageInfo.endCursor).not.toBeNull();
  return page.pageInfo.endCursor!;
}

/** Makes the instance cache the viewer's ranking, and proves it: a second first page names the same one. */
async function cachedRanking(t: TestApp, who: Person): Promise<string> {
  const cursor = await firstCursor(t, who);
  expect(await firstCursor(t, who)).toBe(cursor);
  return cursor;
}

/** Every id of the viewer's current ranking, from its first page on. */
async function ranking(t: TestApp, who: Person): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 12; page++) {
    const feed: Page = (await t.ok<{ discoverFeed: Page }>(PAGE, { after }, who.token)).discoverFeed;
    ids.push(...feed.edges.map((e) => e.node.id));
    if (!feed.pageInfo.hasNextPage) break;
    after = feed.pageInfo.endCursor;
  }
  return ids;
}

/** What another instance answers once the bus delivered the event: polled for at most a second, far inside the 30 s TTL. */
async function soon<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 1000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await sleep(20);
  }
}

/** Each write that drops the viewer's cached ranking, with what it needs set up first. */
type Write = { name: string; prepare?: (t: TestApp, viewer: Person, other: Person, noteId: string) => Promise<void>; run: (t: TestApp, viewer: Person, other: Person, noteId: string) => Promise<unknown> };
const WRITES: Write[] = [
  { name: 'a follow', run: (t, v, o) => t.ok(FOLLOW, { id: o.id }, v.token) },
  { name: 'an unfollow', prepare: (t, v, o) => follow(t, v, o), run: (t, v, o) => t.ok(UNFOLLOW, { id: o.id }, v.token) },
  { name: 'a block by the viewer', run: (t, v, o) => t.ok(BLOCK, { id: o.id }, v.token) },
  { name: 'a block of the viewer', run: (t, v, o) => t.ok(BLOCK, { id: v.id }, o.token) },
  { name: 'an unblock', prepare: async (t, v, o) => void (await t.ok(BLOCK, { id: o.id }, v.token)), run: (t, v, o) => t.ok(UNBLOCK, { id: o.id }, v.token) },
  { name: 'a like', run: (t, v, _o, n) => t.ok(LIKE, { id: n }, v.token) },
  { name: 'an unlike', prepare: async (t, v, _o, n) => void (await t.ok(LIKE, { id: n }, v.token)), run: (t, v, _o, n) => t.ok(UNLIKE, { id: n }, v.token) },
  { name: 'a collect', run: (t, v, _o, n) => t.ok(COLLECT, { id: n }, v.token) },
  { name: 'an uncollect', prepare: async (t, v, _o, n) => void (await t.ok(COLLECT, { id: n }, v.token)), run: (t, v, _o, n) => t.ok(UNCOLLECT, { id: n }, v.token) },
  { name: 'a search', run: (t, v) => t.ok(SEARCH, { q: 'serum' }, v.token) },
  { name: 'a mute', run: (t, v, o) => t.ok(MUTE, { id: o.id }, v.token) },
  { name: 'an unmute', prepare: async (t, v, o) => void (await t.ok(MUTE, { id: o.id }, v.token)), run: (t, v, o) => t.ok(UNMUTE, { id: o.id }, v.token) },
  { name: 'a muted word', run: (t, v) => t.ok(MUTE_WORD, { w: 'toner' }, v.token) },
  { name: 'an unmuted word', prepare: async (t, v) => void (await t.ok(MUTE_WORD, { w: 'toner' }, v.token)), run: (t, v) => t.ok(UNMUTE_WORD, { w: 'toner' }, v.token) },
];

describe('the discover ranking cache, on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('a repeated first page reuses the ranking: no signals or candidates read, no new snapshot', async () => {
    const [viewer, author] = [await signUp(t, 'dc_rt'), await signUp(t, 'dc_rt_a')];
    await postNote(t, author);
    const signals = jest.spyOn(FeedRepository.prototype, 'viewerSignals');
    const candidates = jest.spyOn(FeedRepository.prototype, 'discoverCandidates');
    const saved = jest.spyOn(FeedRepository.prototype, 'saveSnapshots');
    try {
      await firstCursor(t, viewer);
      await sleep(200); // the snapshot store writes its batch 50 ms after a first page
      expect([signals.mock.calls.length, candidates.mock.calls.length, saved.mock.calls.length]).toEqual([1, 1, 1]);
      await firstCursor(t, viewer);
      await sleep(200); // the snapshot store writes its batch 50 ms after a first page
      expect([signals.mock.calls.length, candidates.mock.calls.length, saved.mock.calls.length]).toEqual([1, 1, 1]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  test.each(WRITES)('$name drops the cached ranking at once', async ({ prepare, run }) => {
    const [viewer, other] = [await signUp(t, 'dc_v'), await signUp(t, 'dc_o')];
    const note = await postNote(t, other, { topics: ['skincare'] });
    await prepare?.(t, viewer, other, note.id);
    const cursor = await cachedRanking(t, viewer);
    await run(t, viewer, other, note.id);
    expect(await firstCursor(t, viewer)).not.toBe(cursor);
  });

  test('after a follow, the next first page ranks the followee’s followers-only note', async () => {
    const [viewer, author] = [await signUp(t, 'dc_fv'), await signUp(t, 'dc_fa')];
    const note = await postNote(t, author, { visibility: 'FOLLOWERS' });
    await cachedRanking(t, viewer);
    expect(await ranking(t, viewer)).not.toContain(note.id);
    await follow(t, viewer, author);
    expect(await ranking(t, viewer)).toContain(note.id);
  });

  test('another viewer’s write leaves the ranking cached', async () => {
    const [viewer, a, b] = [await signUp(t, 'dc_kv'), await signUp(t, 'dc_ka'), await signUp(t, 'dc_kb')];
    await postNote(t, b);
    const cursor = await cachedRanking(t, viewer);
    await follow(t, a, b);
    expect(await firstCursor(t, viewer)).toBe(cursor);
  });

  test('DISCOVER_CACHE_TTL_MS=0 ranks every first page afresh', async () => {
    const off = await startTestApp({ DISCOVER_CACHE_TTL_MS: '0' });
    try {
      const viewer = await signUp(off, 'dc_off');
      expect(await firstCursor(off, viewer)).not.toBe(await firstCursor(off, viewer));
    } finally {
      await off.close();
    }
  });
});

describe('the discover ranking cache, on two instances sharing a Redis bus', () => {
  const instances = twoInstancesSharingRedis();
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => ({ a, b } = instances));

  test.each(WRITES)('$name on A drops the ranking B cached', async ({ prepare, run }) => {
    const [viewer, other] = [await signUp(a, 'dc2_v'), await signUp(a, 'dc2_o')];
    const note = await postNote(a, other, { topics: ['skincare'] });
    await prepare?.(a, viewer, other, note.id);
    // A's own ranking made by prepare's writes is none of B's business; B caches its own.
    await sleep(50);
    const cursor = await cachedRanking(b, viewer);
    await run(a, viewer, other, note.id);
    expect(await soon(() => firstCursor(b, viewer), (c) => c !== cursor)).not.toBe(cursor);
  });

  test('a follow on A shows the followee’s followers-only note in B’s next ranking', async () => {
    const [viewer, author] = [await signUp(a, 'dc2_fv'), await signUp(a, 'dc2_fa')];
    const note = await postNote(a, author, { visibility: 'FOLLOWERS' });
    await cachedRanking(b, viewer);
    await follow(a, viewer, author);
    expect(await soon(() => ranking(b, viewer), (ids) => ids.includes(note.id))).toContain(note.id);
  });
});
