import { cypher } from '../db/cypher';
import type { Database } from '../db/database';
import type { EventBus } from '../events/bus';
import { pageRank } from './pagerank';
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, engagementRate, scoreOf, tierOf, TierThresholds, Weights } from './scoring';

const q = {
  userIdsPage: cypher('influence/user-ids-page'),
  followsOfUsers: cypher('influence/follows-of-users'),
  engagementOfUsers: cypher('influence/engagement-of-users'),
  conversions: cypher('influence/conversions'),
  reach: cypher('influence/reach'),
  write: cypher('influence/write-influence'),
};

export interface InfluenceOptions {
  pageSize?: number;
  halfLifeDays?: number;
  weights?: Weights;
  thresholds?: TierThresholds;
  events?: EventBus;
  progress?: (phase: string, done: number, total: number) => void;
  now?: number;
}

export interface InfluenceRun {
  users: number;
  follows: number;
  iterations: number;
  seconds: number;
  changed: number;
}

/** Grows a typed array geometrically so edges can be appended without knowing their number. */
class IntList {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  view() {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Recomputes every user's influence. Reads users and follows in pages (never one huge result),
 * computes PageRank in memory over typed arrays, reads the other components per page, and
 * writes the results back in batches. Users whose score or tier changed get influenceUpdated.
 */
export async function computeInfluence(db: Database, options: InfluenceOptions = {}): Promise<InfluenceRun> {
  const started = Date.now();
  const now = options.now ?? Date.now();
  const pageSize = options.pageSize ?? 5000;
  const progress = options.progress ?? (() => undefined);
  const scope = db.scope();

  // 1. Users, in id order: index i is the i-th id.
  const ids: string[] = [];
  const followers: number[] = [];
  for (let after: string | null = null; ; ) {
    const page: { id: string; followers: number | null }[] = await scope.read(q.userIdsPage, { afterId: after, limit: pageSize });
    for (const row of page) {
      ids.push(row.id);
      followers.push(row.followers ?? 0);
    }
    progress('users', ids.length, ids.length);
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
  const n = ids.length;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));

  // 2. Follows, page by page of sources.
  const source = new IntList();
  const target = new IntList();
  for (let start = 0; start < n; start += pageSize) {
    const rows = await scope.read<{ id: string; targets: string[] }>(q.followsOfUsers, { ids: ids.slice(start, start + pageSize) });
    for (const row of rows) {
      const s = index.get(row.id)!;
      for (const t of row.targets) {
        const ti = index.get(t);
        if (ti !== undefined) {
          source.push(s);
          target.push(ti);
        }
      }
    }
    progress('follows', Math.min(n, start + pageSize), n);
  }
  const pr = pageRank({ n, source: source.view(), target: target.view() });
  progress('pagerank', pr.iterations, pr.iterations);

  // 3. Engagement per page; conversions and reach in one aggregate each.
  const engagement = new Float64Array(n);
  const halfLifeMs = (options.halfLifeDays ?? 14) * 24 * 3600_000;
  for (let start = 0; start < n; start += pageSize) {
    const rows = await scope.read<{ id: string; engagement: number }>(q.engagementOfUsers, { ids: ids.slice(start, start + pageSize), now, halfLifeMs });
    for (const row of rows) engagement[index.get(row.id)!] = row.engagement;
    progress('engagement', Math.min(n, start + pageSize), n);
  }
  const conversions = new Float64Array(n);
  const gmv = new Float64Array(n);
  const gmvByCurrency = new Map<number, { gmvCurrencies: string[]; gmvAmounts: number[] }>();
  for (const row of await scope.read<{ id: string; conversions: number; gmv: number; gmvCurrencies: string[]; gmvAmounts: number[] }>(q.conversions, { since: now - 30 * 24 * 3600_000 })) {
    const i = index.get(row.id);
    if (i !== undefined) {
      conversions[i] = row.conversions;
      gmv[i] = row.gmv;
      gmvByCurrency.set(i, { gmvCurrencies: row.gmvCurrencies, gmvAmounts: row.gmvAmounts });
    }
  }
  const reach = new Float64Array(n);
  for (const row of await scope.read<{ id: string; reach: number }>(q.reach)) {
    const i = index.get(row.id);
    if (i !== undefined) reach[i] = row.reach;
  }

  // 4. Scores, ranks and tiers; written back in batches.
  const max = { pageRank: 0, engagement: 0, conversion: 0, reach: 0 };
  for (let i = 0; i < n; i++) {
    max.pageRank = Math.max(max.pageRank, pr.ranks[i]!);
    max.engagement = Math.max(max.engagement, engagement[i]!);
    max.conversion = Math.max(max.conversion, gmv[i]!);
    max.reach = Math.max(max.reach, reach[i]!);
  }
  const rows = ids.map((id, i) => {
    const c = { followers: followers[i]!, pageRank: pr.ranks[i]!, engagement: engagement[i]!, conversions: conversions[i]!, gmv: gmv[i]!, reach: reach[i]! };
    return {
      id,
      score: scoreOf(c, max, options.weights ?? DEFAULT_WEIGHTS),
      pageRank: c.pageRank,
      engagement: Math.round(c.engagement * 1000) / 1000,
      engagementRate: Math.round(engagementRate(c) * 10000) / 10000,
      conversions: c.conversions,
      gmv: c.gmv,
      ...(gmvByCurrency.get(i) ?? { gmvCurrencies: [], gmvAmounts: [] }),
      reach: c.reach,
      tier: tierOf(c, options.thresholds ?? DEFAULT_THRESHOLDS),
      rank: 0,
    };
  });
  [...rows].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).forEach((row, i) => (row.rank = i + 1));
  let changed = 0;
  for (let start = 0; start < n; start += pageSize) {
    const updated = await scope.write<{ id: string }>(q.write, { rows: rows.slice(start, start + pageSize), now });
    changed += updated.length;
    for (const u of updated) options.events?.pubsub.publish('INFLUENCE_UPDATED', u.id, { userId: u.id, at: now });
    progress('write', Math.min(n, start + pageSize), n);
  }
  return { users: n, follows: source.length, iterations: pr.iterations, seconds: (Date.now() - started) / 1000, changed };
}
