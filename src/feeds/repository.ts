import { cypher, CypherQuery } from '../db/cypher';
import type { RequestScope } from '../request/scope';
import type { DbScope } from '../db/database';
import type { Position } from '../common/pagination';
import type { Standing } from '../groups/permissions';
import type { GroupRecord } from '../groups/types';
import type { ViewerRelation } from '../social/types';
import type { NoteRecord } from '../content/types';
import type { UserRecord } from '../accounts/types';
import { reasonOfText, SEARCH_INTEREST_WEIGHT, type Candidate, type NoteEdgeReason, type ViewerSignals } from './ranking';
import type { Snapshot, SnapshotRow } from './snapshots';

const hydratePage = cypher('feeds/hydrate-page');

/**
 * A feed skeleton (rows `id`, `key`, ordered and limited) followed by hydrate-page.cypher, so a
 * page and everything its notes need come back in one round trip.
 */
export function hydrated(skeleton: CypherQuery): CypherQuery {
  return { name: `${skeleton.name}+${hydratePage.name}`, text: `CALL () {\n${skeleton.text.trimEnd()}\n}\n${hydratePage.text}` };
}

const q = {
  followingFeed: hydrated(cypher('feeds/following-feed')),
  followingFeedWide: hydrated(cypher('feeds/following-feed-wide')),
  countFollowingFeed: cypher('feeds/count-following-feed'),
  authorFeed: hydrated(cypher('feeds/author-feed')),
  countAuthorFeed: cypher('feeds/count-author-feed'),
  topicFeed: hydrated(cypher('feeds/topic-feed')),
  countTopicFeed: cypher('feeds/count-topic-feed'),
  productNotes: hydrated(cypher('feeds/product-notes')),
  countProductNotes: cypher('feeds/count-product-notes'),
  productExists: cypher('feeds/product-exists'),
  viewerSignals: cypher('feeds/viewer-signals'),
  discoverCandidates: cypher('feeds/discover-candidates'),
  saveSnapshots: cypher('feeds/save-snapshots'),
  snapshot: cypher('feeds/snapshot'),
};

const cursorParams = (after: Position | null) => ({ afterKey: after?.k ?? null, afterId: after?.id ?? null });


async function total(rows: Promise<{ total: number }[]>): Promise<number> {
  return (await rows)[0]?.total ?? 0;
}

/**
 * One note of a hydrated page: its skeleton row, its author's id and the viewer-relative answers
 * the DataLoaders would otherwise load for it. The note and author records come from the caches,
 * or with the page when it was asked for them (`withRecords`).
 */
export interface HydratedNote {
  id: string;
  key: number;
  authorId: string;
  /** The author's relation to the viewer; null without a viewer. */
  relation: ViewerRelation | null;
  /** null without a viewer. */
  viewerState: { liked: boolean; collected: boolean } | null;
  /** The note's record, when the page was read `withRecords`; otherwise null. */
  note?: NoteRecord | null;
  /** The author's record, when the page was read `withRecords`; otherwise null. */
  author?: UserRecord | null;
}

export interface HydratedPage {
  /** limit + 1 notes at most, in feed order. */
  notes: HydratedNote[];
  /** Each group the notes were posted in, with the viewer's standing there (null without a viewer). */
  groups: { grp: GroupRecord; standing: Standing | null }[];
  /** When the read began: records it brought may be cached only if nothing invalidated them since. */
  readStartedAt: number;
}

type PageRow = Omit<HydratedPage, 'readStartedAt'>;

async function hydratedPage(read: () => Promise<PageRow[]>): Promise<HydratedPage> {
  const readStartedAt = Date.now();
  const [row] = await read();
  return { notes: row?.notes ?? [], groups: row?.groups ?? [], readStartedAt };
}

export type { Snapshot } from './snapshots';

export class FeedRepository {
  constructor(private readonly db: DbScope) {}

  /**
   * `wide` (a viewer who follows many accounts) tries the walk over the newest notes first and falls
   * back to the followees' notes when the `scanCap` newest notes held less than a page
   * (cypher/feeds/following-feed-wide.cypher).
   */
  async followingFeed(viewerId: string, after: Position | null, limit: number, wide: { scanCap: number } | null, withRecords: boolean) {
    if (wide) {
      const upToKey = after?.k ?? Number.MAX_SAFE_INTEGER;
      const page = await hydratedPage(() => this.db.read<PageRow>(q.followingFeedWide, { viewerId, ...cursorParams(after), upToKey, scanCap: wide.scanCap, limit, withRecords }));
      if (page.notes.length >= limit) return page;
    }
    return hydratedPage(() => this.db.read<PageRow>(q.followingFeed, { viewerId, ...cursorParams(after), limit, withRecords }));
  }

  countFollowingFeed(viewerId: string) {
    return total(this.db.read(q.countFollowingFeed, { viewerId }));
  }

  authorFeed(authorId: string, viewerId: string | null, includeFollowersOnly: boolean, after: Position | null, limit: number, withRecords: boolean) {
    return hydratedPage(() => this.db.read<PageRow>(q.authorFeed, { authorId, viewerId, includeFollowersOnly, ...cursorParams(after), limit, withRecords }));
  }

  countAuthorFeed(authorId: string, viewerId: string | null, includeFollowersOnly: boolean) {
    return total(this.db.read(q.countAuthorFeed, { authorId, viewerId, includeFollowersOnly }));
  }

  topicFeed(topic: string, viewerId: string | null, after: Position | null, limit: number, withRecords: boolean) {
    return hydratedPage(() => this.db.read<PageRow>(q.topicFeed, { topic, viewerId, ...cursorParams(after), limit, withRecords }));
  }

  countTopicFeed(topic: string, viewerId: string | null) {
    return total(this.db.read(q.countTopicFeed, { topic, viewerId }));
  }

  productNotes(productId: string, viewerId: string | null, after: Position | null, limit: number, withRecords: boolean) {
    return hydratedPage(() => this.db.read<PageRow>(q.productNotes, { productId, viewerId, ...cursorParams(after), limit, withRecords }));
  }

  countProductNotes(productId: string, viewerId: string | null) {
    return total(this.db.read(q.countProductNotes, { productId, viewerId }));
  }

  async productExists(productId: string): Promise<boolean> {
    return (await this.db.read(q.productExists, { productId })).length > 0;
  }

  async viewerSignals(viewerId: string): Promise<ViewerSignals> {
    const [row] = await this.db.read<{ interests: { topic: string; weight: number }[]; searched: { topic: string; query: string }[]; followsAnyone: boolean }>(q.viewerSignals, { viewerId });
    // Searched topics first, so they stay among the topics the candidates are drawn from.
    const searched = new Map<string, string>();
    for (const s of row?.searched ?? []) if (!searched.has(s.topic)) searched.set(s.topic, s.query);
    const interests = new Map([...searched.keys()].map((topic) => [topic, SEARCH_INTEREST_WEIGHT]));
    for (const i of row?.interests ?? []) interests.set(i.topic, (interests.get(i.topic) ?? 0) + i.weight);
    return { interests, searched, followsAnyone: row?.followsAnyone ?? false };
  }

  /** `personalised` false: the public sources only, and no signal of the viewer's followees (all 0). */
  discoverCandidates(viewerId: string, topics: string[], since: number, asOf: number, perSource: number, personalised = true) {
    return this.db.read<Candidate>(q.discoverCandidates, { viewerId, topics, since, asOf, perSource, personalised });
  }

  /** One transaction for a batch of discover rankings (src/feeds/snapshots.ts). */
  async saveSnapshots(rows: SnapshotRow[], expiredBefore: number) {
    await this.db.write(q.saveSnapshots, { rows, expiredBefore });
  }

  async snapshot(id: string, viewerId: string): Promise<Snapshot | null> {
    const [row] = await this.db.read<Omit<Snapshot, 'reasonCodes'> & { reasonCodes: NoteEdgeReason[] | null }>(q.snapshot, { id, viewerId });
    if (!row) return null;
    // A snapshot stored before reasons had codes: each code read from its text.
    return { ...row, reasonCodes: row.reasonCodes ?? row.reasons.map(reasonOfText) };
  }
}

/** The feeds repository of a request, over its counted DbScope (made once per request). */
export function feedRepository(scope: RequestScope): FeedRepository {
  return scope.slot('feeds.repository', () => new FeedRepository(scope.db));
}
