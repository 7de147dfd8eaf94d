import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { decodeCursor, encodeCursor, pageRequest, pageSize } from '../common/pagination';
import { requireId } from '../common/validate';
import type { RateLimit } from '../common/rate-limiter';
import type { Scope } from '../accounts/scope';
import { accountLoaders } from '../accounts/loaders';
import { socialLoaders } from '../social/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { groupLoaders } from '../groups/loaders';
import type { ContentVisibility } from '../content/access';
import type { MutedContent } from '../mutes/access';
import type { GroupAccess } from '../groups/access';
import type { CacheInvalidation } from '../events/invalidation';
import type { ConsentAccess } from '../privacy/access';
import { normaliseTopic } from '../content/rules';
import { topicOf, type NoteRecord } from '../content/types';
import type { ProductRecord } from '../commerce/types';
import type { UserRecord } from '../accounts/types';
import type { GroupRecord } from '../groups/types';
import {
  BUCKET_MS,
  highlight,
  hotSearches,
  HOT_MIN_USERS,
  isHan,
  luceneQuery,
  narrowTo,
  notPersonalised,
  normalisePrefix,
  normaliseQuery,
  normaliseText,
  queryTerms,
  scoreNote,
  scorePlain,
  scoreProduct,
  scoreUser,
  SEARCH_LIMITS,
  sortHits,
  type Scored,
} from './rules';
import type { SearchRepository, SearchSnapshot } from './repository';
import { SearchField, SearchFilters, SearchNode, SearchReason, SearchSort, SearchType, SearchWindow, SuggestionKind } from './types';

export const SEARCH_SNAPSHOT_TTL_MS = 3600_000;
/** With filters the index is asked for more, since filters drop candidates after it ranked them. */
export const FILTERED_CANDIDATES = 1000;
const WINDOW_BUCKETS: Record<SearchWindow, number> = { HOUR: 3600_000 / BUCKET_MS, DAY: (24 * 3600_000) / BUCKET_MS };

export interface SearchLimits {
  perUser: RateLimit;
  perIp: RateLimit;
}

/** What SearchService needs, named one by one; wired once per process in src/app/services.ts. */
export interface SearchServiceDeps {
  repo: (scope: Scope) => SearchRepository;
  content: ContentVisibility;
  /** Note hits by authors the viewer mutes, or with a word they mute on feeds, are left out. */
  mutes: Pick<MutedContent, 'isNoteMuted'>;
  groups: Pick<GroupAccess, 'isVisible' | 'canReadContent'>;
  limits: SearchLimits;
  /** A signed-in search is a signal of the viewer's discover feed. */
  invalidation: Pick<CacheInvalidation, 'discoverChanged'>;
  /** Whether the viewer lets the ranking use their own signals (PERSONALISED_RECOMMENDATIONS). */
  consents: ConsentAccess;
}

export interface SearchArgs {
  query: string;
  type: SearchType;
  filters?: SearchFilters | null;
  sort?: SearchSort | null;
  first?: number | null;
  after?: string | null;
}

interface CheckedFilters {
  topic: string | null;
  format: string | null;
  groupId: string | null;
  minPrice: number | null;
  maxPrice: number | null;
  brand: string | null;
  category: string | null;
  inStock: boolean;
  any: boolean;
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const text = normaliseText(String(value));
  if (text.length < 1 || [...String(value)].length > max) throw badInput(field, `must be 1 to ${max} characters`);
  return text;
}

function price(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isSafeInteger(value) || value < 0) throw badInput(field, 'must be a whole number of minor units, 0 or more');
  return value;
}

const HIGHLIGHT_FIELDS: Record<SearchType, [SearchField, (node: never) => string][]> = {
  NOTE: [
    [SearchField.TITLE, (n: NoteRecord) => n.title],
    [SearchField.BODY, (n: NoteRecord) => n.body],
    [SearchField.TOPICS, (n: NoteRecord) => n.topics.map((t) => `#${t}`).join(' ')],
  ],
  PRODUCT: [
    [SearchField.TITLE, (p: ProductRecord) => p.title],
    [SearchField.BRAND, (p: ProductRecord) => p.brand],
    [SearchField.CATEGORY, (p: ProductRecord) => p.category],
  ],
  USER: [
    [SearchField.HANDLE, (u: UserRecord) => u.handle],
    [SearchField.DISPLAY_NAME, (u: UserRecord) => u.displayName],
    [SearchField.BIO, (u: UserRecord) => u.bio],
  ],
  GROUP: [
    [SearchField.NAME, (g: GroupRecord) => g.name],
    [SearchField.DESCRIPTION, (g: GroupRecord) => g.description],
  ],
  TOPIC: [[SearchField.NAME, (t: { name: string }) => t.name]],
};

/**
 * Search: the index finds candidates, the domain rules decide what the viewer may see, the ranking
 * orders what is left, and the order is kept as a snapshot that later pages read (like the
 * discover feed), so cursors stay stable however scores move. The first page also records the
 * query in the signed-in viewer's history, in the same write as the snapshot.
 */
export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  /** Per user and per IP; anonymous searches count against their IP only. */
  private async limit(scope: Scope, viewerId: string | null): Promise<void> {
    await this.deps.limits.perIp.consume(scope.request.ip);
    if (viewerId) await this.deps.limits.perUser.consume(viewerId);
  }

  private async checkFilters(scope: Scope, type: SearchType, filters: SearchFilters | null | undefined): Promise<CheckedFilters> {
    const f = filters ?? {};
    const checked: CheckedFilters = {
      topic: type === SearchType.NOTE && f.topic != null ? normaliseTopic(f.topic, 'filters.topic') : null,
      format: type === SearchType.NOTE ? (f.format ?? null) : null,
      groupId: type === SearchType.NOTE && f.groupId != null ? requireId(f.groupId, 'filters.groupId') : null,
      minPrice: type === SearchType.PRODUCT ? price(f.minPrice, 'filters.minPrice') : null,
      maxPrice: type === SearchType.PRODUCT ? price(f.maxPrice, 'filters.maxPrice') : null,
      brand: type === SearchType.PRODUCT ? optionalText(f.brand, 'filters.brand', SEARCH_LIMITS.brand) : null,
      category: type === SearchType.PRODUCT ? optionalText(f.category, 'filters.category', SEARCH_LIMITS.category) : null,
      inStock: type === SearchType.PRODUCT && f.inStock === true,
      any: false,
    };
    if (checked.minPrice !== null && checked.maxPrice !== null && checked.maxPrice < checked.minPrice) throw badInput('filters.maxPrice', 'must be at least minPrice');
    // A group the viewer may not read is one they may not know of: the same answer as a missing one.
    if (checked.groupId && !(await this.deps.groups.canReadContent(scope, checked.groupId))) throw notFound('Group', 'filters.groupId');
    checked.any = Object.entries(checked).some(([key, value]) => key !== 'any' && value !== null && value !== false);
    return checked;
  }

  async search(scope: Scope, args: SearchArgs) {
    const query = normaliseQuery(args.query);
    const { limit, after } = pageRequest(args.first, args.after, SEARCH_LIMITS.pageMax);
    const viewerId = await scope.viewerId();
    await this.limit(scope, viewerId);
    const viewerKey = viewerId ?? 'anonymous';
    const now = Date.now();
    let snapshot: SearchSnapshot;
    let snapshotId: string;
    let offset = 0;
    if (after) {
      if (typeof after.k !== 'number' || after.k < 0) throw badInput('after', 'is not a valid cursor');
      const found = await this.deps.repo(scope).snapshot(after.id, viewerKey, now - SEARCH_SNAPSHOT_TTL_MS);
      if (!found) throw badInput('after', 'has expired; start again from the first page');
      if (found.type !== args.type || found.query !== query) throw badInput('after', 'belongs to another search');
      snapshot = found;
      snapshotId = after.id;
      offset = after.k + 1;
    } else {
      const filters = await this.checkFilters(scope, args.type, args.filters);
      const terms = queryTerms(query);
      const lucene = luceneQuery(terms);
      const ranked = lucene ? sortHits(await this.rank(scope, args.type, lucene, filters, viewerId, now), args.sort ?? SearchSort.RELEVANCE) : [];
      snapshot = {
        type: args.type,
        query,
        ids: ranked.map((r) => r.id),
        scores: ranked.map((r) => r.score),
        reasons: ranked.map((r) => r.reason ?? ''),
        reasonTexts: ranked.map((r) => r.reasonText ?? ''),
      };
      snapshotId = randomUUID();
      const bucket = Math.floor(now / BUCKET_MS);
      await this.deps.repo(scope).saveSearch({ ...snapshot, id: snapshotId, viewerKey, userId: viewerId, now, bucket, expiredBefore: now - SEARCH_SNAPSHOT_TTL_MS });
      if (viewerId) this.deps.invalidation.discoverChanged([viewerId], 'SIGNALS');
    }
    const slice = snapshot.ids.slice(offset, offset + limit);
    const nodes = await this.hydrate(scope, args.type, slice);
    const terms = queryTerms(query);
    const edges = slice.flatMap((id, i) => {
      const node = nodes[i];
      const index = offset + i;
      if (!node) return [];
      return [
        {
          cursor: encodeCursor({ k: index, id: snapshotId }),
          node,
          score: snapshot.scores[index]!,
          highlights: this.highlights(args.type, node, terms),
          reason: (snapshot.reasons[index] || null) as SearchReason | null,
          reasonText: snapshot.reasonTexts[index] || null,
        },
      ];
    });
    const endCursor = slice.length ? encodeCursor({ k: offset + slice.length - 1, id: snapshotId }) : null;
    return connectionOf(edges, offset + limit < snapshot.ids.length, snapshot.ids.length, endCursor);
  }

  private highlights(type: SearchType, node: SearchNode, terms: string[]) {
    return HIGHLIGHT_FIELDS[type]
      .flatMap(([field, text]) => {
        const snippet = highlight(text(node as never), terms);
        return snippet ? [{ field, snippet }] : [];
      })
      .slice(0, SEARCH_LIMITS.highlights);
  }

  /** Candidates the viewer may see, scored. Every kind passes its own domain's rule, through its loaders. */
  private async rank(scope: Scope, type: SearchType, lucene: string, filters: CheckedFilters, viewerId: string | null, now: number): Promise<Scored[]> {
    const personalised = viewerId !== null && (await this.deps.consents.isPersonalised(scope, viewerId));
    const scored = await this.rankFor(scope, type, lucene, filters, viewerId, personalised, now);
    return viewerId !== null && !personalised ? scored.map(notPersonalised) : scored;
  }

  private async rankFor(scope: Scope, type: SearchType, lucene: string, filters: CheckedFilters, viewerId: string | null, personalised: boolean, now: number): Promise<Scored[]> {
    const repo = this.deps.repo(scope);
    const candidates = filters.any ? FILTERED_CANDIDATES : SEARCH_LIMITS.candidates;
    switch (type) {
      case SearchType.NOTE: {
        const narrowed = narrowTo(lucene, [['topicText', filters.topic]]);
        const rows = await repo.notes({ lucene: narrowed, candidates, viewerId, personalised, format: filters.format, topic: filters.topic, groupId: filters.groupId });
        const seen = await Promise.all(rows.map((r) => this.deps.content.visibleNote(scope, r.id)));
        return rows.filter((_, i) => seen[i]).map((r) => scoreNote(r, now));
      }
      case SearchType.PRODUCT: {
        const narrowed = narrowTo(lucene, [['brand', filters.brand], ['category', filters.category]]);
        const rows = await repo.products({ lucene: narrowed, candidates, viewerId, personalised, ...filters });
        return rows.map(scoreProduct);
      }
      case SearchType.USER: {
        const rows = await repo.users(lucene, candidates, viewerId, personalised);
        const relations = viewerId ? await socialLoaders(scope).relationToViewer.loadMany(rows.filter((r) => r.id !== viewerId).map((r) => r.id)) : [];
        const blocked = new Set(
          rows
            .filter((r) => r.id !== viewerId)
            .filter((_, i) => {
              const relation = relations[i];
              return relation && !(relation instanceof Error) && (relation.isBlocked || relation.hasBlockedViewer);
            })
            .map((r) => r.id),
        );
        return rows.filter((r) => !blocked.has(r.id)).map(scoreUser);
      }
      case SearchType.GROUP: {
        const rows = await repo.groups(lucene, candidates);
        const visible = await Promise.all(rows.map((r) => this.deps.groups.isVisible(scope, r.id)));
        return rows.filter((_, i) => visible[i]).map(scorePlain);
      }
      case SearchType.TOPIC:
        return (await repo.topics(lucene, candidates)).map(scorePlain);
    }
  }

  /**
   * The records of a page, null where the viewer may no longer see one (a note hidden, a user who
   * blocked them, a group gone secret since the snapshot): such hits are left out of the page.
   */
  private async hydrate(scope: Scope, type: SearchType, ids: string[]): Promise<(SearchNode | null)[]> {
    switch (type) {
      case SearchType.NOTE:
        // A mute made after the snapshot applies to its later pages too.
        return Promise.all(
          ids.map(async (id) => {
            const note = await this.deps.content.visibleNote(scope, id);
            return note && !(await this.deps.mutes.isNoteMuted(scope, note)) ? note : null;
          }),
        );
      case SearchType.PRODUCT:
        return Promise.all(ids.map((id) => commerceLoaders(scope).productById.load(id)));
      case SearchType.USER: {
        const viewerId = await scope.viewerId();
        return Promise.all(
          ids.map(async (id) => {
            const [user, relation] = await Promise.all([accountLoaders(scope).userById.load(id), viewerId && viewerId !== id ? socialLoaders(scope).relationToViewer.load(id) : null]);
            return user && !(relation && (relation.isBlocked || relation.hasBlockedViewer)) ? user : null;
          }),
        );
      }
      case SearchType.GROUP:
        return Promise.all(ids.map(async (id) => ((await this.deps.groups.isVisible(scope, id)) ? groupLoaders(scope).groupById.load(id) : null)));
      case SearchType.TOPIC:
        return ids.map(topicOf);
    }
  }

  /**
   * Completions of what the user is typing: topics and handles that start with it, product titles
   * matching it, and queries enough distinct users searched today, interleaved by kind so that no
   * kind crowds out the others.
   */
  async suggestions(scope: Scope, rawPrefix: string, first?: number | null) {
    const prefix = normalisePrefix(rawPrefix);
    const limit = pageSize(first, 'first', SEARCH_LIMITS.suggestionsMax);
    const viewerId = await scope.viewerId();
    await this.limit(scope, viewerId);
    const terms = queryTerms(prefix);
    if (!terms.length) return [];
    const last = terms[terms.length - 1]!;
    // A Han run of two or more characters matches as bigrams; a shorter one or a word as a prefix.
    const lastTerm = isHan(last) && [...last].length >= 2 ? last : `${last}*`;
    const productQuery = `title:(${[...terms.slice(0, -1), lastTerm].map((t) => `+${t}`).join(' ')})`;
    const rows = await this.deps.repo(scope).suggestions({
      prefix: prefix.replace(/^[#@]/, ''),
      productQuery,
      viewerId,
      since: Math.floor((Date.now() - 24 * 3600_000) / BUCKET_MS),
      minUsers: HOT_MIN_USERS,
      limit,
    });
    const byKind = new Map<string, { text: string; kind: string }[]>();
    for (const row of rows) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row]);
    const order = [SuggestionKind.QUERY, SuggestionKind.TOPIC, SuggestionKind.PRODUCT, SuggestionKind.USER];
    const out: { text: string; kind: SuggestionKind }[] = [];
    const seen = new Set<string>();
    for (let i = 0; out.length < limit && order.some((k) => (byKind.get(k)?.length ?? 0) > i); i++) {
      for (const kind of order) {
        const row = byKind.get(kind)?.[i];
        if (!row || out.length >= limit) continue;
        const key = `${kind}:${row.text.toLowerCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ text: row.text, kind });
      }
    }
    return out;
  }

  /** Trending queries of the window, ranked by distinct users, with their move against the window before. */
  async hotSearches(scope: Scope, window: SearchWindow, first?: number | null) {
    const limit = pageSize(first, 'first', SEARCH_LIMITS.hotMax);
    const buckets = WINDOW_BUCKETS[window];
    const to = Math.floor(Date.now() / BUCKET_MS) + 1;
    const currentFrom = to - buckets;
    const rows = await this.deps.repo(scope).trends(currentFrom - buckets, currentFrom, to, HOT_MIN_USERS);
    const current = rows.filter((r) => r.current);
    const previous = rows.filter((r) => !r.current);
    return hotSearches(current, previous, limit);
  }

  async history(scope: Scope, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const limit = pageSize(first, 'first', SEARCH_LIMITS.historyMax);
    const position = decodeCursor(after);
    if (position && (typeof position.k !== 'string' || !/^\d+$/.test(position.id))) throw badInput('after', 'is not a valid cursor');
    const rows = await this.deps.repo(scope).history(viewer.id, position ? { query: position.k as string, at: Number(position.id) } : null, limit + 1);
    const edges = rows.slice(0, limit).map((r) => ({ cursor: encodeCursor({ k: r.query, id: String(r.at) }), node: { query: r.query, searchedAt: new Date(r.at) } }));
    return connectionOf(edges, rows.length > limit, () => this.deps.repo(scope).countHistory(viewer.id));
  }

  async clearHistory(scope: Scope): Promise<number> {
    const viewer = await scope.requireViewer();
    return this.deps.repo(scope).clearHistory(viewer.id);
  }
}
