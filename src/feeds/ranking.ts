/**
 * The discover ("for you") ranking, as pure functions: engagement decayed by age, social proof
 * from the people the viewer follows, the viewer's learned topic interests, and freshness.
 */

export const ENGAGEMENT_WEIGHTS = { like: 1, collect: 1, comment: 4, share: 4 };
export const ENGAGEMENT_HALF_LIFE_HOURS = 48;
export const FRESHNESS_HALF_LIFE_HOURS = 12;
export const MAX_PER_AUTHOR = 2;
export const DIVERSITY_WINDOW = 20;

export interface Candidate {
  id: string;
  authorId: string;
  createdAt: number;
  likes: number;
  collects: number;
  comments: number;
  shares: number;
  topics: string[];
  likedByFollowees: number;
  collectedByFollowees: number;
  boughtByFollowees: number;
}

export interface ViewerSignals {
  /** Topic → weight learned from the viewer's likes, collects, views and profile. */
  interests: Map<string, number>;
  followsAnyone: boolean;
  /** Topic → the recent search that named it: such a topic's notes come "because you searched" it. */
  searched?: Map<string, string>;
}

/** A topic the viewer searched weighs as much as one they collected from. */
export const SEARCH_INTEREST_WEIGHT = 3;

/** Why the discover feed chose a note: the code a client may switch on (NoteEdge.reason). */
export enum NoteEdgeReason {
  BOUGHT_BY_FOLLOWEES = 'BOUGHT_BY_FOLLOWEES',
  LIKED_BY_FOLLOWEES = 'LIKED_BY_FOLLOWEES',
  COLLECTED_BY_FOLLOWEES = 'COLLECTED_BY_FOLLOWEES',
  TOPIC = 'TOPIC',
  SEARCHED = 'SEARCHED',
  TRENDING = 'TRENDING',
  NEW = 'NEW',
  POPULAR_TOPIC = 'POPULAR_TOPIC',
}

/** A reason: its code and the sentence shown beside the note (NoteEdge.reasonText). */
export interface Reason {
  code: NoteEdgeReason;
  text: string;
}

export interface Ranked {
  id: string;
  authorId: string;
  score: number;
  reason: NoteEdgeReason;
  reasonText: string;
}

const TRENDING: Reason = { code: NoteEdgeReason.TRENDING, text: 'trending' };

/**
 * The code of a reason stored before codes were (a snapshot holding only its texts): read from
 * the text's wording, and TRENDING, the ranking's fallback reason, for anything else.
 */
export function reasonOfText(text: string): NoteEdgeReason {
  if (text.startsWith('bought by')) return NoteEdgeReason.BOUGHT_BY_FOLLOWEES;
  if (text.startsWith('liked by')) return NoteEdgeReason.LIKED_BY_FOLLOWEES;
  if (text.startsWith('collected by')) return NoteEdgeReason.COLLECTED_BY_FOLLOWEES;
  if (text.startsWith('because you searched')) return NoteEdgeReason.SEARCHED;
  if (text.startsWith('#')) return NoteEdgeReason.TOPIC;
  if (text.startsWith('popular in #')) return NoteEdgeReason.POPULAR_TOPIC;
  if (text === 'new' || text.startsWith('new ·')) return NoteEdgeReason.NEW;
  return NoteEdgeReason.TRENDING;
}

/** A viewer we know nothing about gets trending notes. */
export function isColdStart(signals: ViewerSignals): boolean {
  return signals.interests.size === 0 && !signals.followsAnyone;
}

export function engagement(c: Pick<Candidate, 'likes' | 'collects' | 'comments' | 'shares'>): number {
  const w = ENGAGEMENT_WEIGHTS;
  return c.likes * w.like + c.collects * w.collect + c.comments * w.comment + c.shares * w.share;
}

const halfLife = (ageHours: number, hours: number) => Math.pow(2, -Math.max(0, ageHours) / hours);

export function rankOne(c: Candidate, signals: ViewerSignals, now: number): Ranked {
  const ageHours = (now - c.createdAt) / 3_600_000;
  const trend = Math.log1p(engagement(c)) * halfLife(ageHours, ENGAGEMENT_HALF_LIFE_HOURS);
  const fresh = halfLife(ageHours, FRESHNESS_HALF_LIFE_HOURS);
  if (isColdStart(signals)) {
    return { id: c.id, authorId: c.authorId, score: round(trend + 0.5 * fresh), reason: TRENDING.code, reasonText: TRENDING.text };
  }

  const proof = c.likedByFollowees + c.collectedByFollowees + 2 * c.boughtByFollowees;
  const social = 1.5 * Math.log1p(proof);
  const maxInterest = Math.max(1, ...signals.interests.values());
  let bestTopic: string | null = null;
  let interestSum = 0;
  for (const topic of c.topics) {
    const weight = signals.interests.get(topic) ?? 0;
    interestSum += weight;
    if (weight > 0 && (bestTopic === null || weight > (signals.interests.get(bestTopic) ?? 0))) bestTopic = topic;
  }
  const interest = 1.2 * Math.min(1, interestSum / maxInterest);
  const freshness = 0.8 * fresh;

  const parts: [number, Reason][] = [
    [social, socialReason(c)],
    [interest, bestTopic ? topicReason(bestTopic, signals) : TRENDING],
    [trend, TRENDING],
    [freshness, { code: NoteEdgeReason.NEW, text: 'new' }],
  ];
  const [, reason] = parts.reduce((best, part) => (part[0] > best[0] ? part : best));
  return { id: c.id, authorId: c.authorId, score: round(trend + social + interest + freshness), reason: reason.code, reasonText: reason.text };
}

function topicReason(topic: string, signals: ViewerSignals): Reason {
  const query = signals.searched?.get(topic);
  return query ? { code: NoteEdgeReason.SEARCHED, text: `because you searched “${query}”` } : { code: NoteEdgeReason.TOPIC, text: `#${topic}` };
}

function socialReason(c: Candidate): Reason {
  const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
  if (c.boughtByFollowees > 0) return { code: NoteEdgeReason.BOUGHT_BY_FOLLOWEES, text: `bought by ${people(c.boughtByFollowees)} you follow` };
  if (c.likedByFollowees >= c.collectedByFollowees) return { code: NoteEdgeReason.LIKED_BY_FOLLOWEES, text: `liked by ${people(c.likedByFollowees)} you follow` };
  return { code: NoteEdgeReason.COLLECTED_BY_FOLLOWEES, text: `collected by ${people(c.collectedByFollowees)} you follow` };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** What a reason's text adds when the viewer refused PERSONALISED_RECOMMENDATIONS. */
export const NOT_PERSONALISED = ' · not personalised';

/**
 * How popular each topic is among the candidates right now: the summed log-engagement of its
 * notes. A public signal (everyone's activity, no one's in particular).
 */
export function topicPopularity(candidates: Candidate[]): Map<string, number> {
  const popularity = new Map<string, number>();
  for (const c of candidates) for (const topic of c.topics) popularity.set(topic, (popularity.get(topic) ?? 0) + Math.log1p(engagement(c)));
  return popularity;
}

/**
 * The ranking for a viewer who refused PERSONALISED_RECOMMENDATIONS: trending, freshness and the
 * popularity of the note's topics, all public; nothing the viewer did or whom they follow. The
 * reason names the public signal that weighed most and says the ranking is not personalised.
 */
export function rankPublicOne(c: Candidate, popularity: Map<string, number>, now: number): Ranked {
  const ageHours = (now - c.createdAt) / 3_600_000;
  const trend = Math.log1p(engagement(c)) * halfLife(ageHours, ENGAGEMENT_HALF_LIFE_HOURS);
  const freshness = 0.8 * halfLife(ageHours, FRESHNESS_HALF_LIFE_HOURS);
  const maxPopularity = Math.max(1, ...popularity.values());
  let bestTopic: string | null = null;
  for (const topic of c.topics) if (bestTopic === null || (popularity.get(topic) ?? 0) > (popularity.get(bestTopic) ?? 0)) bestTopic = topic;
  const topical = bestTopic === null ? 0 : 0.6 * ((popularity.get(bestTopic) ?? 0) / maxPopularity);
  const parts: [number, Reason][] = [
    [trend, TRENDING],
    [topical, { code: NoteEdgeReason.POPULAR_TOPIC, text: `popular in #${bestTopic ?? ''}` }],
    [freshness, { code: NoteEdgeReason.NEW, text: 'new' }],
  ];
  const [, reason] = parts.reduce((best, part) => (part[0] > best[0] ? part : best));
  return { id: c.id, authorId: c.authorId, score: round(trend + topical + freshness), reason: reason.code, reasonText: reason.text + NOT_PERSONALISED };
}

export function rankPublic(candidates: Candidate[], now: number): Ranked[] {
  const popularity = topicPopularity(candidates);
  return candidates.map((c) => rankPublicOne(c, popularity, now)).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/** Highest score first; ties broken by id so the order is deterministic. */
export function rank(candidates: Candidate[], signals: ViewerSignals, now: number): Ranked[] {
  return candidates.map((c) => rankOne(c, signals, now)).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/**
 * Reorders a ranking in blocks of `block` items (a default page is one block), so that no author
 * has more than maxPerAuthor items in any block. An item that would break that waits for a later
 * block. A block that cannot be filled (too few distinct authors left) is the last one: starting
 * another after it would shift every later page off the block boundaries.
 */
export function diversify(ranked: Ranked[], maxPerAuthor = MAX_PER_AUTHOR, block = DIVERSITY_WINDOW): Ranked[] {
  const out: Ranked[] = [];
  let pending = [...ranked];
  while (pending.length > 0) {
    const perAuthor = new Map<string, number>();
    const deferred: Ranked[] = [];
    let placed = 0;
    for (const item of pending) {
      const seen = perAuthor.get(item.authorId) ?? 0;
      if (placed < block && seen < maxPerAuthor) {
        out.push(item);
        perAuthor.set(item.authorId, seen + 1);
        placed++;
      } else {
        deferred.push(item);
      }
    }
    if (placed < block) break;
    pending = deferred;
  }
  return out;
}
