import { PageRecordsPolicy } from '../../../src/feeds/page-records';
import { emptyHydration } from '../../../src/feeds/hydration';
import { DISCOVER_LOOKBACK_MS, FeedService, SNAPSHOT_TTL_MS } from '../../../src/feeds/service';
import type { FeedRepository, Snapshot } from '../../../src/feeds/repository';
import type { Candidate } from '../../../src/feeds/ranking';
import { SnapshotStore, type SnapshotRow } from '../../../src/feeds/snapshots';
import { DiscoverCache } from '../../../src/feeds/discover-cache';
import type { Invalidation } from '../../../src/events/invalidation';
import { createLogger } from '../../../src/server/logger';
import { NoteFormat, NoteVisibility, type NoteRecord } from '../../../src/content/types';
import type { UserRecord } from '../../../src/accounts/types';
import { asRepository, codeOf, scopeFor, user } from './fakes';

const HOUR = 3_600_000;

/** The discover feed's inputs (the viewer's signals, the candidates) and its stored snapshots. */
class FakeFeeds implements Pick<FeedRepository, 'viewerSignals' | 'discoverCandidates' | 'saveSnapshots' | 'snapshot'> {
  interests = new Map<string, number>();
  followsAnyone = false;
  candidates: Candidate[] = [];
  asked: { topics: string[]; since: number; asOf: number }[] = [];
  snapshots = new Map<string, { viewerId: string; snapshot: Snapshot }>();

  async viewerSignals() {
    return { interests: this.interests, followsAnyone: this.followsAnyone };
  }
  async discoverCandidates(viewerId: string, topics: string[], since: number, asOf: number) {
    this.asked.push({ topics, since, asOf });
    return this.candidates;
  }
  asPersistence() {
    return { saveAll: (rows: SnapshotRow[]) => this.saveSnapshots(rows) };
  }
  async saveSnapshots(rows: SnapshotRow[]) {
    for (const { id, viewerId, ...snapshot } of rows) this.snapshots.set(id, { viewerId, snapshot });
  }
  async snapshot(id: string, viewerId: string) {
    const saved = this.snapshots.get(id);
    return saved && saved.viewerId === viewerId ? saved.snapshot : null;
  }
}

function candidate(id: string, fields: Partial<Candidate> = {}): Candidate {
  return { id, authorId: `author-of-${id}`, createdAt: Date.now() - HOUR, likes: 0, collects: 0, comments: 0, shares: 0, topics: [], likedByFollowees: 0, collectedByFollowees: 0, boughtByFollowees: 0, ...fields };
}

function note(id: string): NoteRecord {
  return { id, title: id, body: '', format: NoteFormat.IMAGE_TEXT, visibility: NoteVisibility.PUBLIC, mediaJson: '[]', createdAt: 0, editedAt: null, deletedAt: null, likeCount: 0, collectCount: 0, commentCount: 0, shareCount: 0, viewCount: 0, modState: null, isAnnouncement: null, authorId: 'a', groupId: null, topics: [], productIds: [] };
}

/** The cache's invalidations, as CacheInvalidation would hand them to it. */
function invalidations() {
  const handlers: ((change: Invalidation) => void)[] = [];
  return {
    onInvalidate: (handler: (change: Invalidation) => void) => void handlers.push(handler),
    discoverChanged: (userIds: string[]) => handlers.forEach((h) => h({ kind: 'discover', event: { userIds, reason: 'RELATIONS' } })),
  };
}

/** Off unless a test is about it: the other tests count the rankings each first page makes. */
function setUp(viewer: UserRecord | null = user(), discoverCacheTtlMs = 0) {
  const feeds = new FakeFeeds();
  /** Notes the viewer may not see (held, in a hidden group, by someone who blocked them...). */
  const hidden = new Set<string>();
  const clock = { now: Date.now() };
  // Snapshots leave memory after the TTL, or after a restart (a new store over the same Neo4j).
  const snapshots = new SnapshotStore({ persistence: feeds.asPersistence(), logger: createLogger('silent'), ttlMs: SNAPSHOT_TTL_MS, now: () => clock.now });
  const invalidation = invalidations();
  const discoverCache = new DiscoverCache({ ttlMs: discoverCacheTtlMs, maxEntries: 10, now: () => clock.now }, invalidation);
  const service = new FeedService({
    snapshots,
    wideFeed: { follows: 1000, scanCap: 5000 },
    pageRecords: new PageRecordsPolicy(0.5),
    discoverCache,
    mutes: { feedWords: async () => [] },
    consents: { isPersonalised: async () => true },
    repo: () => asRepository<FeedRepository>(feeds),
    content: {
      topicName: () => { throw new Error('not a topic feed'); },
    },
    // A note the viewer may not see is one the hydrate step does not find: the rules step drops it.
    hydrate: async (scope, ids) => {
      const state = emptyHydration(await scope.viewerId());
      for (const id of ids) if (!hidden.has(id)) state.notes.set(id, note(id));
      return state;
    },
  });
  return { service, feeds, hidden, snapshots, clock, invalidation, scope: scopeFor(viewer) };
}

describe('the discover feed', () => {
  test('the first page ranks the candidates once; later pages come from that ranking however engagement changes', async () => {
    const { service, feeds, scope } = setUp();
    feeds.candidates = [candidate('quiet'), candidate('busy', { likes: 500, comments: 50 }), candidate('middling', { likes: 20 })];

    const first = await service.discoverFeed(scope, 2);
    expect(first.edges.map((e) => e.node.id)).toEqual(['busy', 'middling']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(3);

    feeds.candidates = [candidate('quiet', { likes: 10_000 })];
    const second = await service.discoverFeed(scope, 2, first.pageInfo.endCursor);
    expect(second.edges.map((e) => e.node.id)).toEqual(['quiet']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(feeds.asked).toHaveLength(1);
  });

  test('a first page writes nothing itself: its snapshot reaches Neo4j with the next batch, and answers cursors there once out of memory', async () => {
    const { service, feeds, snapshots, clock, scope } = setUp();
    feeds.candidates = [candidate('a', { likes: 3 }), candidate('b', { likes: 2 }), candidate('c', { likes: 1 })];
    const firsts = [await service.discoverFeed(scope, 1), await service.discoverFeed(scope, 1)];
    expect(feeds.snapshots.size).toBe(0);
    await snapshots.flush();
    expect(feeds.snapshots.size).toBe(2);
    // Another instance (here: this one after the snapshots left its memory) reads them from Neo4j.
    const elsewhere = new FeedService({ wideFeed: { follows: 1000, scanCap: 5000 }, pageRecords: new PageRecordsPolicy(0.5), repo: () => asRepository<FeedRepository>(feeds), content: { topicName: () => 'x' }, mutes: { feedWords: async () => [] }, consents: { isPersonalised: async () => true }, hydrate: async (s, ids) => {
      const state = emptyHydration(await s.viewerId());
      for (const id of ids) state.notes.set(id, note(id));
      return state;
    }, snapshots: new SnapshotStore({ persistence: feeds.asPersistence(), logger: createLogger('silent'), ttlMs: SNAPSHOT_TTL_MS, now: () => clock.now }), discoverCache: new DiscoverCache({ ttlMs: 0, maxEntries: 1 }, invalidations()) });
    for (const first of firsts) expect((await elsewhere.discoverFeed(scope, 1, first.pageInfo.endCursor)).edges.map((e) => e.node.id)).toEqual(['b']);
  });

  test('candidates are drawn from the last 30 days on the viewer\'s top 20 interests', async () => {
    const { service, feeds, scope } = setUp();
    feeds.interests = new Map(Array.from({ length: 25 }, (_, i) => [`topic${i}`, 25 - i]));
    await service.discoverFeed(scope, 5);
    const [asked] = feeds.asked;
    expect(asked?.topics).toEqual(Array.from({ length: 20 }, (_, i) => `topic${i}`));
    expect(asked!.asOf - asked!.since).toBe(DISCOVER_LOOKBACK_MS);
  });

  test('each item says why it is there: trending for a viewer we know nothing about, purchases by followees otherwise', async () => {
    const cold = setUp();
    cold.feeds.candidates = [candidate('n1', { likes: 5, boughtByFollowees: 2 })];
    expect((await cold.service.discoverFeed(cold.scope, 5)).edges.map((e) => [e.reason, e.reasonText])).toEqual([['TRENDING', 'trending']]);

    const known = setUp();
    known.feeds.followsAnyone = true;
    known.feeds.candidates = [candidate('n1', { likes: 5, boughtByFollowees: 2 })];
    expect((await known.service.discoverFeed(known.scope, 5)).edges.map((e) => [e.reason, e.reasonText])).toEqual([['BOUGHT_BY_FOLLOWEES', 'bought by 2 people you follow']]);
  });

  test('no author has more than two notes in a page of 20, however well their notes rank', async () => {
    const { service, feeds, scope } = setUp();
    feeds.candidates = [
      ...Array.from({ length: 5 }, (_, i) => candidate(`star${i}`, { authorId: 'star', likes: 1000 })),
      ...Array.from({ length: 30 }, (_, i) => candidate(`other${i}`, { authorId: `author${i}` })),
    ];
    const page = await service.discoverFeed(scope, 20);
    expect(page.edges.filter((e) => e.node.id.startsWith('star'))).toHaveLength(2);
  });

  test('a note the viewer may no longer see is left out of its page, and the next page still starts after it', async () => {
    const { service, feeds, hidden, scope } = setUp();
    feeds.candidates = [candidate('a', { likes: 30 }), candidate('b', { likes: 20 }), candidate('c', { likes: 10 })];
    hidden.add('b');
    const first = await service.discoverFeed(scope, 2);
    expect(first.edges.map((e) => e.node.id)).toEqual(['a']);
    const second = await service.discoverFeed(scope, 2, first.pageInfo.endCursor);
    expect(second.edges.map((e) => e.node.id)).toEqual(['c']);
  });

  test("an expired snapshot, or another viewer's, refuses the cursor and asks to start again", async () => {
    const { service, feeds, snapshots, clock, scope } = setUp();
    feeds.candidates = [candidate('a'), candidate('b')];
    const first = await service.discoverFeed(scope, 1);
    const someoneElse = scopeFor(user());
    expect(await codeOf(service.discoverFeed(someoneElse, 1, first.pageInfo.endCursor))).toBe('BAD_USER_INPUT');
    await snapshots.flush();
    expect(await codeOf(service.discoverFeed(someoneElse, 1, first.pageInfo.endCursor))).toBe('BAD_USER_INPUT');
    // An hour on, it has left memory, and Neo4j dropped it with the viewer's next batch.
    // (The ranking was stamped by the service's own clock, a few ms after this test's clock started.)
    clock.now += SNAPSHOT_TTL_MS + 60_000;
    feeds.snapshots.clear();
    await expect(service.discoverFeed(scope, 1, first.pageInfo.endCursor)).rejects.toThrow('start again from the first page');
  });

  test('a viewer’s first pages within the TTL reuse one ranking and its snapshot, until a change of the viewer’s relations or signals, or the TTL', async () => {
    const viewer = user();
    const { service, feeds, snapshots, clock, invalidation, scope } = setUp(viewer, 30_000);
    feeds.candidates = [candidate('a', { likes: 3 }), candidate('b', { likes: 2 })];
    const first = await service.discoverFeed(scope, 1);
    feeds.candidates = [candidate('c', { likes: 9 })];
    const again = await service.discoverFeed(scope, 1);
    expect(again.edges.map((e) => e.node.id)).toEqual(['a']);
    expect(again.pageInfo.endCursor).toBe(first.pageInfo.endCursor);
    expect(feeds.asked).toHaveLength(1);
    await snapshots.flush();
    expect(feeds.snapshots.size).toBe(1);
    // Someone else's change leaves it; the viewer's own drops it.
    invalidation.discoverChanged([user().id]);
    expect((await service.discoverFeed(scope, 1)).edges.map((e) => e.node.id)).toEqual(['a']);
    invalidation.discoverChanged([viewer.id]);
    expect((await service.discoverFeed(scope, 1)).edges.map((e) => e.node.id)).toEqual(['c']);
    expect(feeds.asked).toHaveLength(2);
    // Without any event, the TTL ends it.
    feeds.candidates = [candidate('d', { likes: 9 })];
    clock.now += 30_001;
    expect((await service.discoverFeed(scope, 1)).edges.map((e) => e.node.id)).toEqual(['d']);
  });

  test('a ranking whose reads started before an invalidation of its viewer is not kept', async () => {
    const viewer = user();
    const { service, feeds, invalidation, scope } = setUp(viewer, 30_000);
    feeds.candidates = [candidate('a')];
    const read = feeds.discoverCandidates.bind(feeds);
    feeds.discoverCandidates = async (...args) => {
      invalidation.discoverChanged([viewer.id]);
      return read(...args);
    };
    await service.discoverFeed(scope, 1);
    feeds.discoverCandidates = read;
    await service.discoverFeed(scope, 1);
    expect(feeds.asked).toHaveLength(2);
  });

  test('is for signed-in viewers only', async () => {
    const { service } = setUp(null);
    expect(await codeOf(service.discoverFeed(scopeFor(null), 5))).toBe('UNAUTHENTICATED');
  });
});
