import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { requireId } from '../common/validate';
import { diversify, rank, rankPublic } from './ranking';
import type { FeedRepository, HydratedPage } from './repository';
import { notePage } from './pipeline';
import { hydratePage, primeLoaders, type HydrationState } from './hydration';
import { unmutedNotes, visibleNotes } from './rules';
import type { Snapshot, SnapshotStore } from './snapshots';
import type { DiscoverCache } from './discover-cache';
import { accountLoaders } from '../accounts/loaders';
import { socialLoaders } from '../social/loaders';
import type { Scope } from '../accounts/scope';
import type { ContentService } from '../content/service';
import type { MutedContent } from '../mutes/access';
import type { PageRecordsPolicy } from './page-records';
import type { ConsentAccess } from '../privacy/access';

/** Feeds return at most 50 notes a page. */
export const FEED_PAGE_MAX = 50;
export const DISCOVER_LOOKBACK_MS = 30 * 24 * 3600_000;
export const DISCOVER_PER_SOURCE = 200;
export const DISCOVER_SNAPSHOT_SIZE = 500;
export const SNAPSHOT_TTL_MS = 3600_000;

/**
 * Every feed is skeleton → hydrate → rules → present (src/feeds/pipeline.ts). The time-ordered
 * feeds run skeleton and hydration as one Cypher query and take its answer as the hydration state;
 * the discover feed hydrates its snapshot's slice through the batch loaders. Either way the same
 * pure rules decide what the viewer sees, and the loaders are primed last, for field resolvers.
 */
/** What FeedService needs, named one by one; wired once per process in src/app/services.ts. */
export interface FeedServiceDeps {
  repo: (scope: Scope) => FeedRepository;
  content: Pick<ContentService, 'topicName'>;
  /** The hydrate step for lists known only by id (the discover snapshot's slice): hydrateNotes. */
  hydrate: (scope: Scope, ids: string[]) => Promise<HydrationState>;
  /** The discover rankings of this instance, written to Neo4j in batches (src/feeds/snapshots.ts). */
  snapshots: Pick<SnapshotStore, 'get' | 'put'>;
  /**
   * From how many follows the following feed walks the newest notes first, and how many of them it
   * looks at before asking the followees' notes instead (config FEED_WIDE_FOLLOWS, FEED_WIDE_SCAN).
   */
  wideFeed: { follows: number; scanCap: number };
  /** Each viewer's latest first-page ranking, reused for a short while (src/feeds/discover-cache.ts). */
  discoverCache: Pick<DiscoverCache, 'get' | 'ticket' | 'set'>;
  /** The viewer's feed words, for the mute half of the discover feed's rules step (a mute made after its snapshot). */
  mutes: Pick<MutedContent, 'feedWords'>;
  /** Whether one-query pages bring their note and author records (src/feeds/page-records.ts). */
  pageRecords: PageRecordsPolicy;
  /** Whether the ranking may use the viewer's own signals (PERSONALISED_RECOMMENDATIONS): without it, public signals only. */
  consents: ConsentAccess;
}

export class FeedService {
  constructor(private readonly deps: FeedServiceDeps) {}

  async followingFeed(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    const page = await this.deps.repo(scope).followingFeed(viewer.id, position, limit + 1, viewer.followingCount >= this.deps.wideFeed.follows ? this.deps.wideFeed : null, this.deps.pageRecords.withRecords());
    return this.present(scope, page, viewer.id, limit, () => this.deps.repo(scope).countFollowingFeed(viewer.id));
  }

  async authorFeed(scope: Scope, userId: string, first?: number | null, after?: string | null) {
    const authorId = requireId(userId, 'userId');
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    // Together, so the author and the token's user are looked up in one DataLoader batch.
    const [author, viewerId] = await Promise.all([accountLoaders(scope).userById.load(authorId), scope.viewerId()]);
    if (!author) throw notFound('User');
    let includeFollowersOnly = viewerId === authorId;
    if (viewerId && viewerId !== authorId) {
      const relation = await socialLoaders(scope).relationToViewer.load(authorId);
      if (relation.isBlocked || relation.hasBlockedViewer) return connectionOf([], false, 0);
      includeFollowersOnly = relation.isFollowing;
    }
    const page = await this.deps.repo(scope).authorFeed(authorId, viewerId, includeFollowersOnly, position, limit + 1, this.deps.pageRecords.withRecords());
    return this.present(scope, page, viewerId, limit, () => this.deps.repo(scope).countAuthorFeed(authorId, viewerId, includeFollowersOnly));
  }

  async topicFeed(scope: Scope, topic: string, first?: number | null, after?: string | null) {
    const name = this.deps.content.topicName(scope, topic);
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    const viewerId = await scope.viewerId();
    const page = await this.deps.repo(scope).topicFeed(name, viewerId, position, limit + 1, this.deps.pageRecords.withRecords());
    return this.present(scope, page, viewerId, limit, () => this.deps.repo(scope).countTopicFeed(name, viewerId));
  }

  async productNotes(scope: Scope, productId: string, first?: number | null, after?: string | null) {
    const id = requireId(productId, 'productId');
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    if (!(await this.deps.repo(scope).productExists(id))) throw notFound('Product');
    const viewerId = await scope.viewerId();
    const page = await this.deps.repo(scope).productNotes(id, viewerId, position, limit + 1, this.deps.pageRecords.withRecords());
    return this.present(scope, page, viewerId, limit, () => this.deps.repo(scope).countProductNotes(id, viewerId));
  }

  /** A one-query page (skeleton and viewer-relative hydration in one round trip, records from the caches or with the page) through the shared rules and presentation. */
  private present(scope: Scope, page: HydratedPage, viewerId: string | null, limit: number, count: () => Promise<number>) {
    const { items, hasNextPage } = toPage(page.notes, limit);
    const skeleton = { items: items.map(({ id, key }) => ({ id, key })), hasNextPage };
    // Only the page's notes are hydrated: the row past it only tells that there is a next page.
    return notePage(scope, skeleton, () => hydratePage(scope, { ...page, notes: items }, viewerId, this.deps.pageRecords), count);
  }

  /**
   * "For you". The first page ranks the candidates once and keeps the order as a snapshot (in
   * memory, and in Neo4j with the next batch: no write of its own); the cursor names the snapshot
   * and a position in it, so later pages neither repeat nor skip items however engagement changes
   * meanwhile. Each page is hydrated and checked for the viewer as it is asked for. A viewer's
   * first pages within DISCOVER_CACHE_TTL_MS reuse one ranking until it is invalidated.
   */
  async discoverFeed(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    let snapshotId: string;
    let snapshot: Snapshot;
    let offset = 0;
    if (position) {
      if (position.k < 0) throw badInput('after', 'is not a valid cursor');
      let kept = this.deps.snapshots.get(position.id, viewer.id);
      if (kept === undefined) kept = await this.deps.repo(scope).snapshot(position.id, viewer.id);
      if (!kept) throw badInput('after', 'has expired; start again from the first page');
      snapshot = kept;
      snapshotId = position.id;
      offset = position.k + 1;
    } else {
      ({ snapshotId, snapshot } = this.deps.discoverCache.get(viewer.id) ?? (await this.rankDiscover(scope, viewer.id)));
    }
    // Skeleton: the snapshot's slice; hydrate, rules and priming as in every list of notes.
    const slice = snapshot.ids.slice(offset, offset + limit).map((id, i) => ({ id, index: offset + i }));
    const [state, feedWords] = await Promise.all([this.deps.hydrate(scope, slice.map((s) => s.id)), this.deps.mutes.feedWords(scope)]);
    const visible = unmutedNotes(state, visibleNotes(state, slice), feedWords);
    primeLoaders(scope, state);
    const edges = visible.map(({ note, index }) => ({
      cursor: encodeCursor({ k: index, id: snapshotId }),
      node: note,
      reason: snapshot.reasonCodes[index]!,
      reasonText: snapshot.reasons[index]!,
      score: snapshot.scores[index]!,
    }));
    const hasNextPage = offset + limit < snapshot.ids.length;
    const endCursor = slice.length ? encodeCursor({ k: offset + slice.length - 1, id: snapshotId }) : null;
    return connectionOf(edges, hasNextPage, snapshot.ids.length, endCursor);
  }

  /** A new ranking for a first page: kept for the viewer's next first pages and for its cursors. */
  private async rankDiscover(scope: Scope, viewerId: string) {
    const now = Date.now();
    const ticket = this.deps.discoverCache.ticket();
    // Without the viewer's consent their signals are not even read, and the candidates come from public sources only.
    const personalised = await this.deps.consents.isPersonalised(scope, viewerId);
    const signals = personalised ? await this.deps.repo(scope).viewerSignals(viewerId) : null;
    const topics = signals ? [...signals.interests.keys()].slice(0, 20) : [];
    const candidates = await this.deps.repo(scope).discoverCandidates(viewerId, topics, now - DISCOVER_LOOKBACK_MS, now, DISCOVER_PER_SOURCE, personalised);
    const ranked = diversify(signals ? rank(candidates, signals, now) : rankPublic(candidates, now)).slice(0, DISCOVER_SNAPSHOT_SIZE);
    const snapshot = { ids: ranked.map((r) => r.id), reasonCodes: ranked.map((r) => r.reason), reasons: ranked.map((r) => r.reasonText), scores: ranked.map((r) => r.score) };
    const snapshotId = randomUUID();
    // Kept at once for this instance's later pages, written to Neo4j with the next batch.
    this.deps.snapshots.put({ id: snapshotId, viewerId, createdAt: now, ...snapshot });
    this.deps.discoverCache.set(viewerId, { snapshotId, snapshot }, ticket);
    return { snapshotId, snapshot };
  }
}
