import crypto from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { follow, people, postNote, Person } from '../helpers/people';
import { DeleteNoteDocument, FollowingFeedDocument, MuteDocument, MuteWordDocument, VisibilityBlockDocument, VisibilityCreateGroupDocument, type FollowingFeedQuery, type GroupVisibility } from '../generated/graphql';

/**
 * A viewer who follows many accounts gets their following feed from a walk over the newest notes
 * (cypher/feeds/following-feed-wide.cypher) instead of from every followee's notes. The walk must
 * give exactly the same pages: the same notes, in the same order, with the same cursors, whether
 * its window fills a page or it falls back. Here "many" is one follow (FEED_WIDE_FOLLOWS=1), and
 * the window is shrunk so both the full-window page and the fallback happen.
 */
let narrow: TestApp;
const wide: Record<string, TestApp> = {};
beforeAll(async () => {
  narrow = await startTestApp();
  for (const scan of ['2', '4', '100000']) wide[scan] = await startTestApp({ FEED_WIDE_FOLLOWS: '1', FEED_WIDE_SCAN: scan });
});
afterAll(async () => {
  await Promise.all([narrow, ...Object.values(wide)].map((t) => t?.close()));
});

async function group(t: TestApp, owner: Person, visibility: GroupVisibility): Promise<string> {
  return (await t.ok(VisibilityCreateGroupDocument, { input: { name: `Wide circle ${crypto.randomUUID().slice(0, 8)}`, visibility } }, owner.token)).createGroup.group!.id;
}

/** Every page of the viewer's following feed, `first` at a time, as ids and cursors. */
async function allPages(t: TestApp, viewer: Person, first: number) {
  const pages: { ids: string[]; endCursor: string | null; hasNextPage: boolean }[] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const feed: FollowingFeedQuery['followingFeed'] = (await t.ok(FollowingFeedDocument, { first, after }, viewer.token)).followingFeed;
    pages.push({ ids: feed.edges.map((e) => e.node.id), endCursor: feed.pageInfo.endCursor ?? null, hasNextPage: feed.pageInfo.hasNextPage });
    if (!feed.pageInfo.hasNextPage) break;
    after = feed.pageInfo.endCursor ?? null;
  }
  return pages;
}

test('a viewer who follows many accounts reads the same following feed, page for page, as one who follows few', async () => {
  const t = narrow;
  const { reader, fan, quiet, blocked, stranger, owner, muted } = await people(t, ['reader', 'fan', 'quiet', 'blocked', 'stranger', 'owner', 'muted']);
  for (const author of [fan, quiet, blocked, owner, muted]) await follow(t, reader, author);
  const closed = await group(t, owner, 'CLOSED');

  const expected: string[] = [];
  expected.push((await postNote(t, quiet)).id);
  // Notes of people the reader does not follow sit between the followees' ones, so the walk skips them.
  for (let i = 0; i < 3; i++) await postNote(t, stranger);
  expected.push((await postNote(t, fan, { visibility: 'FOLLOWERS' })).id);
  await postNote(t, blocked);
  await postNote(t, owner, { groupId: closed });
  // Muted: an author, and a word in a followee's note (feeds scope).
  await postNote(t, muted);
  await postNote(t, fan, { title: 'Ｓｐｏｉｌｅｒ inside' });
  const gone = await postNote(t, fan);
  await t.ok(DeleteNoteDocument, { id: gone.id }, fan.token);
  for (let i = 0; i < 2; i++) await postNote(t, stranger);
  // The newest run is all the fan's: a window of 4 holds a full page of 2 (+1) here.
  for (let i = 0; i < 5; i++) expected.push((await postNote(t, fan)).id);
  await t.ok(VisibilityBlockDocument, { id: blocked.id }, reader.token);
  await t.ok(MuteDocument, { input: { userId: muted.id } }, reader.token);
  await t.ok(MuteWordDocument, { input: { word: 'spoiler', scope: 'FEEDS' } }, reader.token);
  expected.reverse();

  for (const first of [1, 2, 3, 50]) {
    const reference = await allPages(narrow, reader, first);
    expect(reference.flatMap((p) => p.ids)).toEqual(expected);
    for (const [scan, app] of Object.entries(wide)) {
      // Each instance has its own caches, but the same Neo4j: the pages must match exactly.
      expect({ scan, first, pages: await allPages(app, reader, first) }).toEqual({ scan, first, pages: reference });
    }
  }
});
