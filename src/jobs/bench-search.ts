import type { BenchRequest, ScenarioResult } from './bench/load';
import type { TargetRow } from './bench/targets';

/**
 * The search rows of `npm run bench` (issue 15): a note search, a product search with filters and
 * suggestions. bench.ts runs them like every other row (many signed-in viewers, a random one per
 * request, histogram percentiles, CPU per request), so the per-viewer parts (social signals,
 * visibility, history) are exercised as in production. Targets: p95 ≤ 50 ms for search, ≤ 20 ms
 * for suggestions.
 */

// Words the seed generator writes (src/jobs/seed-text.ts), Chinese, English and mixed.
const NOTE_QUERIES = ['油皮 toner', '成都 火锅', '防晒霜', 'serum', '显瘦穿搭', 'hotpot', '学生党平价', '蓝牙耳机 earbuds', '周末去哪儿', 'yoga mat', '新手妈妈', 'Honest review'];
const PRODUCT_QUERIES = ['toner', '爽肤水', 'lipstick', '精华 serum', 'sunscreen', '面膜'];
const PREFIXES = ['油', '成都', 'ton', 'se', '#beau', '护', 'li', '防晒', 'hot', 'user1'];

const NOTE_SEARCH = `query($q: String!) { search(query: $q, type: NOTE, first: 20) { totalCount edges { score reason highlights { field snippet } node { ... on Note { id title likeCount author { handle } } } } } }`;
const PRODUCT_SEARCH = `query($q: String!) { search(query: $q, type: PRODUCT, first: 20, filters: { category: "beauty", maxPrice: 30000, inStock: true }) { totalCount edges { score reason node { ... on Product { id title brand } } } } }`;
const SUGGEST = `query($p: String!) { searchSuggestions(prefix: $p, first: 10) { text kind } }`;

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

export interface SearchScenario {
  key: string;
  name: string;
  targetMs: number;
  request: (token: string) => BenchRequest;
}

export const SEARCH_SCENARIOS: SearchScenario[] = [
  { key: 'search-note', name: 'search NOTE, first page', targetMs: 50, request: (token) => ({ token, body: { query: NOTE_SEARCH, variables: { q: pick(NOTE_QUERIES) } } }) },
  { key: 'search-product', name: 'search PRODUCT with filters', targetMs: 50, request: (token) => ({ token, body: { query: PRODUCT_SEARCH, variables: { q: pick(PRODUCT_QUERIES) } } }) },
  { key: 'search-suggest', name: 'searchSuggestions', targetMs: 20, request: (token) => ({ token, body: { query: SUGGEST, variables: { p: pick(PREFIXES) } } }) },
];

/** The search targets for the results table; a row that had errors or did not run meets nothing. */
export function searchTargets(byKey: Record<string, ScenarioResult | undefined>, connections: number): TargetRow[] {
  return SEARCH_SCENARIOS.map(({ key, name, targetMs }) => {
    const row = byKey[key];
    const ran = row !== undefined && row.requests > 0;
    return {
      measure: `${name}, p95 at ${connections} connections, many viewers (issue 15)`,
      target: `≤ ${targetMs} ms`,
      actual: ran ? `${row.p95} ms${row.errors ? `, ${row.errors} errors` : ''}` : 'no request completed in the run',
      met: ran && row.errors === 0 && row.p95 <= targetMs,
    };
  });
}
