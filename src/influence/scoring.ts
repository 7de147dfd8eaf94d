/** The composite influence score and KOL tiers, as pure functions over the job's components. */

/** How many of a KOL's notes their report shows, the most engaged first. */
export const KOL_REPORT_TOP_NOTES = 5;

export enum KolTier {
  HEAD = 'HEAD',
  WAIST = 'WAIST',
  TAIL = 'TAIL',
  KOC = 'KOC',
  NONE = 'NONE',
}

export interface TierThresholds {
  head: number;
  waist: number;
  tail: number;
  kocMinEngagementRate: number;
  kocMinConversions: number;
  /** Below this many followers, engagement alone is noise, not a KOC. */
  kocMinFollowers: number;
}

export const DEFAULT_THRESHOLDS: TierThresholds = { head: 1_000_000, waist: 100_000, tail: 5_000, kocMinEngagementRate: 0.05, kocMinConversions: 3, kocMinFollowers: 10 };

export interface Weights {
  pageRank: number;
  engagement: number;
  conversion: number;
  reach: number;
}

export const DEFAULT_WEIGHTS: Weights = { pageRank: 0.3, engagement: 0.3, conversion: 0.25, reach: 0.15 };

export interface Components {
  followers: number;
  pageRank: number;
  engagement: number;
  conversions: number;
  gmv: number;
  reach: number;
}

export function engagementRate(c: Pick<Components, 'engagement' | 'followers'>): number {
  return c.engagement / Math.max(1, c.followers);
}

export function tierOf(c: Components, t: TierThresholds = DEFAULT_THRESHOLDS): KolTier {
  if (c.followers >= t.head) return KolTier.HEAD;
  if (c.followers >= t.waist) return KolTier.WAIST;
  if (c.followers >= t.tail) return KolTier.TAIL;
  // KOCs: ordinary consumers whose notes are engaged with or whose shares convert.
  if ((c.engagement > 0 && engagementRate(c) >= t.kocMinEngagementRate && c.followers >= t.kocMinFollowers) || c.conversions >= t.kocMinConversions) return KolTier.KOC;
  return KolTier.NONE;
}

export interface Maxima {
  pageRank: number;
  engagement: number;
  conversion: number;
  reach: number;
}

/** Each component is scaled to [0, 1] against the population's maximum (logarithmically for heavy tails). */
export function scoreOf(c: Components, max: Maxima, w: Weights = DEFAULT_WEIGHTS): number {
  const log = (v: number, m: number) => (m > 0 ? Math.log1p(v) / Math.log1p(m) : 0);
  const parts =
    w.pageRank * (max.pageRank > 0 ? Math.log1p(c.pageRank * 1e6) / Math.log1p(max.pageRank * 1e6) : 0) +
    w.engagement * log(c.engagement, max.engagement) +
    w.conversion * log(c.gmv, max.conversion) +
    w.reach * log(c.reach, max.reach);
  const total = w.pageRank + w.engagement + w.conversion + w.reach;
  return Math.round((100 * parts) / Math.max(total, 1e-9) * 100) / 100;
}

export function parseWeights(spec: string | undefined): Weights {
  if (!spec) return DEFAULT_WEIGHTS;
  const out = { ...DEFAULT_WEIGHTS };
  for (const part of spec.split(',')) {
    const [key, value] = part.split(':').map((s) => s.trim());
    if (!key || !(key in out) || !value || !Number.isFinite(Number(value)) || Number(value) < 0) throw new Error(`INFLUENCE_WEIGHTS: bad entry "${part}"`);
    out[key as keyof Weights] = Number(value);
  }
  return out;
}
