import { cypher } from '../db/cypher';
import type { DbScope } from '../db/database';
import type { Position } from '../common/pagination';
import type { KeyedId } from '../content/repository';
import type { Candidate } from './ranking';

const q = {
  followingFeed: cypher('feeds/following-feed'),
  countFollowingFeed: cypher('feeds/count-following-feed'),
  authorFeed: cypher('feeds/author-feed'),
  countAuthorFeed: cypher('feeds/count-author-feed'),
  topicFeed: cypher('feeds/topic-feed'),
  countTopicFeed: cypher('feeds/count-topic-feed'),
  productNotes: cypher('feeds/product-notes'),
  countProductNotes: cypher('feeds/count-product-notes'),
  productExists: cypher('feeds/product-exists'),
  viewerSignals: cypher('feeds/viewer-signals'),
  discoverCandidates: cypher('feeds/discover-candidates'),
  saveSnapshot: cypher('feeds/save-snapshot'),
  snapshot: cypher('feeds/snapshot'),
};

const cursorParams = (after: Position | null) => ({ afterKey: after?.k ?? null, afterId: after?.id ?? null });

async function total(rows: Promise<{ total: number }[]>): Promise<number> {
  return (await rows)[0]?.total ?? 0;
}

export interface Snapshot {
  ids: string[];
  reasons: string[];
  scores: number[];
}

export class FeedRepository {
  constructor(private readonly db: DbScope) {}

  followingFeed(viewerId: string, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.followingFeed, { viewerId, ...cursorParams(after), limit });
  }

  countFollowingFeed(viewerId: string) {
    return total(this.db.read(q.countFollowingFeed, { viewerId }));
  }

  authorFeed(authorId: string, viewerId: string | null, includeFollowersOnly: boolean, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.authorFeed, { authorId, viewerId, includeFollowersOnly, ...cursorParams(after), limit });
  }

  countAuthorFeed(authorId: string, viewerId: string | null, includeFollowersOnly: boolean) {
    return total(this.db.read(q.countAuthorFeed, { authorId, viewerId, includeFollowersOnly }));
  }

  topicFeed(topic: string, viewerId: string | null, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.topicFeed, { topic, viewerId, ...cursorParams(after), limit });
  }

  countTopicFeed(topic: string, viewerId: string | null) {
    return total(this.db.read(q.countTopicFeed, { topic, viewerId }));
  }

  productNotes(productId: string, viewerId: string | null, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.productNotes, { productId, viewerId, ...cursorParams(after), limit });
  }

  countProductNotes(productId: string, viewerId: string | null) {
    return total(this.db.read(q.countProductNotes, { productId, viewerId }));
  }

  async productExists(productId: string): Promise<boolean> {
    return (await this.db.read(q.productExists, { productId })).length > 0;
  }

  async viewerSignals(viewerId: string) {
    const [row] = await this.db.read<{ interests: { topic: string; weight: number }[]; followsAnyone: boolean }>(q.viewerSignals, { viewerId });
    return { interests: new Map((row?.interests ?? []).map((i) => [i.topic, i.weight])), followsAnyone: row?.followsAnyone ?? false };
  }

  discoverCandidates(viewerId: string, topics: string[], since: number, asOf: number, perSource: number) {
    return this.db.read<Candidate>(q.discoverCandidates, { viewerId, topics, since, asOf, perSource });
  }

  async saveSnapshot(id: string, viewerId: string, snapshot: Snapshot, now: number, expiredBefore: number) {
    await this.db.write(q.saveSnapshot, { id, viewerId, ...snapshot, now, expiredBefore });
  }

  async snapshot(id: string, viewerId: string): Promise<Snapshot | null> {
    const [row] = await this.db.read<Snapshot>(q.snapshot, { id, viewerId });
    return row ?? null;
  }
}
