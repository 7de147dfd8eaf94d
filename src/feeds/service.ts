import { contentLoaders } from '../content/loaders';
import { groupLoaders } from '../groups/loaders';
import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { requireId } from '../common/validate';
import { diversify, rank } from './ranking';
import type { FeedRepository, HydratedPage } from './repository';
import { accountLoaders } from '../accounts/loaders';
import { socialLoaders } from '../social/loaders';
import type { Scope } from '../accounts/scope';
import type { ContentService } from '../content/service';

/** Feeds return at most 50 notes a page. */
export const FEED_PAGE_MAX = 50;
export const DISCOVER_LOOKBACK_MS = 30 * 24 * 3600_000;
export const DISCOVER_PER_SOURCE = 200;
export const DISCOVER_SNAPSHOT_SIZE = 500;
export const SNAPSHOT_TTL_MS = 3600_000;

/**
 * Every feed is skeleton → hydrate → rules → present. The time-ordered feeds run skeleton and
 * hydration as one Cypher query and prime the DataLoaders with its answer; the discover feed
 * hydrates through the DataLoaders. Either way ContentService.present applies the visibility rules
 * (against the primed loaders, so without another round trip) and shapes edges.
 */
/** What FeedService needs, named one by one; wired once per process in src/app/services.ts. */
export interface FeedServiceDeps {
  repo: (scope: Scope) => FeedRepository;
  content: Pick<ContentService, 'present' | 'topicName' | 'visibleNote'>;
}

export class FeedService {
  constructor(private readonly deps: FeedServiceDeps) {}

  async followingFeed(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    const page = await this.deps.repo(scope).followingFeed(viewer.id, position, limit + 1);
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
    const page = await this.deps.repo(scope).authorFeed(authorId, viewerId, includeFollowersOnly, position, limit + 1);
    return this.present(scope, page, viewerId, limit, () => this.deps.repo(scope).countAuthorFeed(authorId, viewerId, includeFollowersOnly));
  }

  async topicFeed(scope: Scope, topic: string, first?: number | null, after?: string | null) {
    const name = this.deps.content.topicName(scope, topic);
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    const viewerId = await scope.viewerId();
    const page = await this.deps.repo(scope).topicFeed(name, viewerId, position, limit + 1);
    return this.present(scope, page, viewerId, limit, () => this.deps.repo(scope).countTopicFeed(name, viewerId));
  }

  async productNotes(scope: Scope, productId: string, first?: number | null, after?: string | null) {
    const id = requireId(productId, 'productId');
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    if (!(await this.deps.repo(scope).productExists(id))) throw notFound('Product');
    const viewerId = await scope.viewerId();
    const page = await this.deps.repo(scope).productNotes(id, viewerId, position, limit + 1);
    return this.present(scope, page, viewerId, limit, () => this.deps.repo(scope).countProductNotes(id, viewerId));
  }

  /**
   * Primes the request's DataLoaders with the hydrated page, then presents it through the same
   * visibility rules as every other list of notes. prime() leaves keys already loaded alone.
   * Viewer-relative answers are primed only for a signed-in viewer: for anonymous requests the
   * loaders answer without the database anyway.
   */
  private present(scope: Scope, page: HydratedPage, viewerId: string | null, limit: number, count: () => Promise<number>) {
    // Priming across features goes through each feature's loader accessor.
    const { noteById, viewerNoteState } = contentLoaders(scope);
    const { userById } = accountLoaders(scope);
    const { relationToViewer } = socialLoaders(scope);
    const { groupById, standing } = groupLoaders(scope);
    for (const { id, note, user, relation, viewerState } of page.notes) {
      noteById.prime(id, note);
      userById.prime(note.authorId, user);
      if (viewerId) {
        relationToViewer.prime(note.authorId, relation);
        viewerNoteState.prime(id, viewerState);
      }
    }
    for (const { grp, standing: viewerStanding } of page.groups) {
      groupById.prime(grp.id, grp);
      if (viewerId) standing.prime(grp.id, viewerStanding);
    }
    const { items, hasNextPage } = toPage(page.notes, limit);
    return this.deps.content.present(scope, items, hasNextPage, count);
  }

  /**
   * "For you". The first page ranks the candidates once and stores the order as a snapshot; the
   * cursor names the snapshot and a position in it, so later pages neither repeat nor skip items
   * however engagement changes meanwhile.
   */
  async discoverFeed(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: FEED_PAGE_MAX });
    let snapshotId: string;
    let snapshot;
    let offset = 0;
    if (position) {
      if (position.k < 0) throw badInput('after', 'is not a valid cursor');
      snapshot = await this.deps.repo(scope).snapshot(position.id, viewer.id);
      if (!snapshot) throw badInput('after', 'has expired; start again from the first page');
      snapshotId = position.id;
      offset = position.k + 1;
    } else {
      const now = Date.now();
      const signals = await this.deps.repo(scope).viewerSignals(viewer.id);
      const topics = [...signals.interests.keys()].slice(0, 20);
      const candidates = await this.deps.repo(scope).discoverCandidates(viewer.id, topics, now - DISCOVER_LOOKBACK_MS, now, DISCOVER_PER_SOURCE);
      const ranked = diversify(rank(candidates, signals, now)).slice(0, DISCOVER_SNAPSHOT_SIZE);
      snapshot = { ids: ranked.map((r) => r.id), reasons: ranked.map((r) => r.reason), scores: ranked.map((r) => r.score) };
      snapshotId = randomUUID();
      await this.deps.repo(scope).saveSnapshot(snapshotId, viewer.id, snapshot, now, now - SNAPSHOT_TTL_MS);
    }
    const slice = snapshot.ids.slice(offset, offset + limit);
    const notes = await Promise.all(slice.map((id) => this.deps.content.visibleNote(scope, id)));
    const edges = slice.flatMap((id, i) => {
      const note = notes[i];
      const index = offset + i;
      return note ? [{ cursor: encodeCursor({ k: index, id: snapshotId }), node: note, reason: snapshot.reasons[index]!, score: snapshot.scores[index]! }] : [];
    });
    const hasNextPage = offset + limit < snapshot.ids.length;
    const endCursor = slice.length ? encodeCursor({ k: offset + slice.length - 1, id: snapshotId }) : null;
    return connectionOf(edges, hasNextPage, snapshot.ids.length, endCursor);
  }
}
