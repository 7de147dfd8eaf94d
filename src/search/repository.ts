import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import type { DbScope } from '../db/database';
import type { NoteCandidate, PlainCandidate, ProductCandidate, UserCandidate } from './rules';

const q = {
  notes: cypher('search/notes'),
  products: cypher('search/products'),
  users: cypher('search/users'),
  groups: cypher('search/groups'),
  topics: cypher('search/topics'),
  saveSearch: cypher('search/save-search'),
  snapshot: cypher('search/snapshot'),
  history: cypher('search/history'),
  countHistory: cypher('search/count-history'),
  clearHistory: cypher('search/clear-history'),
  trends: cypher('search/trends'),
  suggestions: cypher('search/suggestions'),
};

export interface NoteQuery {
  lucene: string;
  candidates: number;
  viewerId: string | null;
  /** false: the viewer refused PERSONALISED_RECOMMENDATIONS, so no social signal is read. */
  personalised: boolean;
  format: string | null;
  topic: string | null;
  groupId: string | null;
}

export interface ProductQuery {
  lucene: string;
  candidates: number;
  viewerId: string | null;
  personalised: boolean;
  minPrice: number | null;
  maxPrice: number | null;
  brand: string | null;
  category: string | null;
  inStock: boolean;
}

export interface SearchSnapshot {
  type: string;
  query: string;
  ids: string[];
  scores: number[];
  /** '' where no social signal raised the hit: stored lists cannot hold nulls. */
  reasons: string[];
  reasonTexts: string[];
}

export interface SavedSearch extends SearchSnapshot {
  id: string;
  viewerKey: string;
  userId: string | null;
  now: number;
  bucket: number;
  expiredBefore: number;
}

export class SearchRepository {
  constructor(private readonly db: DbScope) {}

  notes(params: NoteQuery) {
    return this.db.read<Omit<NoteCandidate, never>>(q.notes, { ...params });
  }

  products(params: ProductQuery) {
    return this.db.read<ProductCandidate>(q.products, { ...params });
  }

  users(lucene: string, candidates: number, viewerId: string | null, personalised: boolean) {
    return this.db.read<UserCandidate>(q.users, { lucene, candidates, viewerId, personalised });
  }

  groups(lucene: string, candidates: number) {
    return this.db.read<PlainCandidate>(q.groups, { lucene, candidates });
  }

  topics(lucene: string, candidates: number) {
    return this.db.read<PlainCandidate>(q.topics, { lucene, candidates });
  }

  /** The snapshot and the history entry in one write transaction and one round trip. */
  async saveSearch(search: SavedSearch): Promise<void> {
    await this.db.write(q.saveSearch, { ...search });
  }

  async snapshot(id: string, viewerKey: string, expiredBefore: number): Promise<SearchSnapshot | null> {
    const [row] = await this.db.read<SearchSnapshot>(q.snapshot, { id, viewerKey, expiredBefore });
    return row ?? null;
  }

  history(userId: string, after: { at: number; query: string } | null, limit: number) {
    return this.db.read<{ query: string; at: number }>(q.history, { userId, afterAt: after?.at ?? null, afterQuery: after?.query ?? null, limit });
  }

  async countHistory(userId: string): Promise<number> {
    const [row] = await this.db.read<{ count: number }>(q.countHistory, { userId });
    return row?.count ?? 0;
  }

  async clearHistory(userId: string): Promise<number> {
    const [row] = await this.db.write<{ cleared: number }>(q.clearHistory, { userId });
    return row?.cleared ?? 0;
  }

  trends(previousFrom: number, currentFrom: number, to: number, minUsers: number) {
    return this.db.read<{ text: string; current: boolean; users: number }>(q.trends, { previousFrom, currentFrom, to, minUsers });
  }

  suggestions(params: { prefix: string; productQuery: string; viewerId: string | null; since: number; minUsers: number; limit: number }) {
    return this.db.read<{ text: string; kind: string; weight: number }>(q.suggestions, { ...params });
  }
}

/** The search repository of a request, over its counted DbScope (made once per request). */
export function searchRepository(scope: RequestScope): SearchRepository {
  return scope.slot('search.repository', () => new SearchRepository(scope.db));
}
