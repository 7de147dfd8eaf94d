import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { PayloadResult } from '../common/user-errors';
import type { Scope } from '../accounts/scope';
import { SEARCH_LIMITS } from './rules';
import { SearchService } from './service';
import {
  ClearSearchHistoryPayload,
  HotSearch,
  SearchFilters,
  SearchHistoryConnection,
  SearchHitConnection,
  SearchSort,
  SearchSuggestion,
  SearchType,
  SearchWindow,
} from './types';

const L = SEARCH_LIMITS;

@Resolver()
export class SearchResolver {
  constructor(readonly searchService: SearchService) {}

  @Query(() => SearchHitConnection, {
    description:
      'Searches notes, products, users, groups or topics in Chinese, English or both (油皮 finds 油皮亲妈 toner; toner finds Toners; width and case do not matter). Every hit passes the same visibility rules as every other read, and totalCount counts only those. The query is plain text: Lucene syntax in it is not interpreted. Rate-limited per user and per IP. The first page is ranked once; later pages read that ranking for an hour.',
  })
  search(
    @Ctx() ctx: Scope,
    @Arg('query', () => String, { description: `What to look for, ${L.queryMin} to ${L.queryMax} characters.` }) query: string,
    @Arg('type', () => SearchType, { description: 'What to look for.' }) type: SearchType,
    @Arg('filters', () => SearchFilters, { nullable: true, description: 'Narrows the hits; filters of other types are ignored.' }) filters?: SearchFilters | null,
    @Arg('sort', () => SearchSort, { nullable: true, defaultValue: SearchSort.RELEVANCE, description: 'The order of the hits.' }) sort?: SearchSort | null,
    @Arg('first', () => Int, { nullable: true, description: `Hits per page. Default 20, at most ${L.pageMax}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the page before, from the same search.' }) after?: string | null,
  ) {
    return this.searchService.search(ctx, { query, type, filters, sort, first, after });
  }

  @Query(() => [SearchSuggestion], {
    description: `Completions of a search box's text: topics, handles, product titles and popular queries, each with its kind; at most ${L.suggestionsMax}. Rate-limited with search.`,
  })
  searchSuggestions(
    @Ctx() ctx: Scope,
    @Arg('prefix', () => String, { description: `What the user typed so far, 1 to ${L.prefixMax} characters.` }) prefix: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: L.suggestionsDefault, description: `Default ${L.suggestionsDefault}, at most ${L.suggestionsMax}.` }) first?: number | null,
  ) {
    return this.searchService.suggestions(ctx, prefix, first);
  }

  @Query(() => [HotSearch], {
    description: `Trending queries of the window, by how many distinct signed-in users searched each (a query counts only from 3 users, so no one user can push a term), with the rank change against the window before; at most ${L.hotMax}.`,
  })
  hotSearches(
    @Ctx() ctx: Scope,
    @Arg('window', () => SearchWindow, { description: 'The last hour or the last day.' }) window: SearchWindow,
    @Arg('first', () => Int, { nullable: true, defaultValue: L.hotDefault, description: `Default ${L.hotDefault}, at most ${L.hotMax}.` }) first?: number | null,
  ) {
    return this.searchService.hotSearches(ctx, window, first);
  }

  @Query(() => SearchHistoryConnection, { description: "The signed-in viewer's recent distinct queries, most recent first." })
  searchHistory(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `Default ${L.historyDefault}, at most ${L.historyMax}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the page before.' }) after?: string | null,
  ) {
    return this.searchService.history(ctx, first, after);
  }

  @Mutation(() => ClearSearchHistoryPayload, { description: "Forgets the viewer's search history (and their part in hot searches)." })
  async clearSearchHistory(@Ctx() ctx: Scope): Promise<PayloadResult<ClearSearchHistoryPayload>> {
    return { clearedCount: await this.searchService.clearHistory(ctx) };
  }
}
