import { badInput } from '../common/errors';
import { CONTROL } from '../common/validate';

/**
 * The pure rules of search: what a query is after normalisation, how user text becomes a Lucene
 * query that can only ever be a set of plain terms, the ranking, and the highlighted snippets.
 */

export const SEARCH_LIMITS = {
  queryMin: 1,
  queryMax: 100,
  /** Terms sent to Lucene; a query of more words keeps the first ones. */
  terms: 10,
  /** Hits read from the index per search, before filters and visibility. */
  candidates: 200,
  /** Suggestions: the prefix, and the answers. */
  prefixMax: 50,
  suggestionsDefault: 10,
  suggestionsMax: 20,
  hotDefault: 20,
  hotMax: 50,
  historyDefault: 20,
  historyMax: 50,
  pageMax: 50,
  brand: 100,
  category: 100,
  /** Snippets a hit shows, and their length around the first match. */
  highlights: 3,
  snippet: 80,
};

/** A query enters hot searches only once this many distinct users searched it in the window. */
export const HOT_MIN_USERS = 3;
/** History and trends count searches in buckets of this length, one per user and query. */
export const BUCKET_MS = 10 * 60_000;

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, or runs of other letters, digits and _ (handles, which the index keeps whole): anything else separates terms. */
const TERM = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}_])+/gu;

/**
 * One canonical form per query, for history, trends and matching: Unicode NFKC (full-width
 * ＴＯＮＥＲ becomes TONER, the ideographic space a space), lower case, one space between words.
 */
export function normaliseText(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Validates a query (1-100 characters, no control characters) and returns its normal form. */
export function normaliseQuery(raw: unknown, field = 'query'): string {
  if (typeof raw !== 'string') throw badInput(field, 'must be a string');
  if (CONTROL.test(raw)) throw badInput(field, 'must not contain control characters');
  const text = normaliseText(raw);
  if ([...text].length < SEARCH_LIMITS.queryMin || [...raw].length > SEARCH_LIMITS.queryMax) {
    throw badInput(field, `must be ${SEARCH_LIMITS.queryMin} to ${SEARCH_LIMITS.queryMax} characters`);
  }
  return text;
}

export function normalisePrefix(raw: unknown, field = 'prefix'): string {
  if (typeof raw !== 'string') throw badInput(field, 'must be a string');
  if (CONTROL.test(raw)) throw badInput(field, 'must not contain control characters');
  const text = normaliseText(raw);
  if (text.length < 1 || [...raw].length > SEARCH_LIMITS.prefixMax) throw badInput(field, `must be 1 to ${SEARCH_LIMITS.prefixMax} characters`);
  return text;
}

/**
 * The plain terms of a normalised query: only letters, digits and _ survive, so Lucene syntax
 * (AND, *, title:, ", ~, \, brackets...) can never reach the parser as syntax.
 */
export function queryTerms(normalised: string): string[] {
  const terms = normalised.match(TERM) ?? [];
  return [...new Set(terms)].slice(0, SEARCH_LIMITS.terms);
}

export const isHan = (term: string) => HAN.test(term);

/**
 * The Lucene query for a list of terms, or null when nothing searchable is left. Every term is
 * letters or digits only and lower case, so none is an operator (AND/OR/NOT are upper case in
 * Lucene) and none names a field. Han runs go through the cjk analyzer as they are (bigrams, any
 * of which may match, more matching ranks higher); a Latin word of three or more letters also
 * matches as a prefix (toner finds toners), the whole word weighing more.
 */
export function luceneQuery(terms: string[]): string | null {
  const parts = terms.map((term) => (!isHan(term) && term.length >= 3 ? `(${term}^2 OR ${term}*)` : term));
  return parts.length ? parts.join(' OR ') : null;
}

/**
 * Narrows a Lucene query to hits whose indexed `field` holds every term of `value`, so that a
 * filter on an indexed property (a brand, a topic) applies inside the index, before its limit,
 * rather than to whatever the limit left. The terms are queryTerms' (letters and digits only) and
 * the field names are the caller's constants, so nothing of the user's reaches Lucene as syntax.
 * The exact filter still runs in Cypher: this only makes sure the candidates include its matches.
 */
export function narrowTo(lucene: string, fields: [string, string | null][]): string {
  const clauses = fields.flatMap(([field, value]) => {
    const terms = value === null ? [] : queryTerms(normaliseText(value));
    return terms.length ? [`${field}:(${terms.join(' AND ')})`] : [];
  });
  return clauses.length ? `(${lucene}) AND ${clauses.join(' AND ')}` : lucene;
}

/** The Lucene query of a suggestion prefix: its last word as a prefix, earlier words as terms. */
export function lucenePrefixQuery(prefix: string): string | null {
  const terms = queryTerms(prefix);
  if (!terms.length) return null;
  const last = terms[terms.length - 1]!;
  return [...terms.slice(0, -1), `${last}*`].join(' AND ');
}

// ---------------------------------------------------------------------------------------------
// Ranking

export const ENGAGEMENT_WEIGHTS = { like: 1, collect: 1, comment: 4, share: 4 };
/** The discover feed's half-lives: engagement decays over two days, freshness over twelve hours. */
export const ENGAGEMENT_HALF_LIFE_HOURS = 48;
export const FRESHNESS_HALF_LIFE_HOURS = 12;

export interface NoteCandidate {
  id: string;
  /** Lucene's score for the query. */
  text: number;
  createdAt: number;
  likes: number;
  collects: number;
  comments: number;
  shares: number;
  authorFollowed: boolean;
  likedByFollowees: number;
  collectedByFollowees: number;
}

export interface ProductCandidate {
  id: string;
  text: number;
  createdAt: number;
  /** Notes featuring it: its popularity. */
  noteCount: number;
  /** Mutual follows who bought it and show their purchases (the friendsWhoBought rule). */
  boughtByFriends: number;
}

/** The social signals a hit can be raised by (the SearchReason enum's values). */
export type ReasonCode = 'FOLLOWED_AUTHOR' | 'LIKED_BY_FOLLOWEES' | 'COLLECTED_BY_FOLLOWEES' | 'BOUGHT_BY_FRIENDS' | 'FOLLOWING' | 'FOLLOWED_BY_FOLLOWEES' | 'NOT_PERSONALISED';

/**
 * A viewer who refused PERSONALISED_RECOMMENDATIONS: their hits were ranked without their social
 * signals (none was read), and each says so instead of naming a signal.
 */
export function notPersonalised(hit: Scored): Scored {
  return { ...hit, reason: 'NOT_PERSONALISED', reasonText: 'not personalised: ranked on the words and public popularity' };
}

export interface Scored {
  id: string;
  score: number;
  reason: ReasonCode | null;
  reasonText: string | null;
  /** The LATEST and POPULAR sort keys. */
  createdAt: number;
  popularity: number;
}

export interface UserCandidate {
  id: string;
  text: number;
  createdAt: number;
  followers: number;
  followed: boolean;
  followedByFollowees: number;
}

export interface PlainCandidate {
  id: string;
  text: number;
  createdAt: number;
  popularity: number;
}

const halfLife = (ageHours: number, hours: number) => Math.pow(2, -Math.max(0, ageHours) / hours);
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

export function noteEngagement(c: Pick<NoteCandidate, 'likes' | 'collects' | 'comments' | 'shares'>): number {
  const w = ENGAGEMENT_WEIGHTS;
  return c.likes * w.like + c.collects * w.collect + c.comments * w.comment + c.shares * w.share;
}

/**
 * RELEVANCE for a note: the text score leads (a search must find what was asked), engagement
 * decayed like the discover feed's and freshness add to it, and the viewer's social signals
 * (an author they follow, notes their followees liked or collected) raise a hit and say so.
 */
export function scoreNote(c: NoteCandidate, now: number): Scored {
  const ageHours = (now - c.createdAt) / 3_600_000;
  const trend = 0.5 * Math.log1p(noteEngagement(c)) * halfLife(ageHours, ENGAGEMENT_HALF_LIFE_HOURS);
  const fresh = 0.3 * halfLife(ageHours, FRESHNESS_HALF_LIFE_HOURS);
  const proof = c.likedByFollowees + c.collectedByFollowees;
  const social = (c.authorFollowed ? 1 : 0) + 0.8 * Math.log1p(proof);
  let reason: ReasonCode | null = null;
  let reasonText: string | null = null;
  if (c.authorFollowed) [reason, reasonText] = ['FOLLOWED_AUTHOR', 'by someone you follow'];
  else if (proof > 0 && c.likedByFollowees >= c.collectedByFollowees) [reason, reasonText] = ['LIKED_BY_FOLLOWEES', `liked by ${people(c.likedByFollowees)} you follow`];
  else if (proof > 0) [reason, reasonText] = ['COLLECTED_BY_FOLLOWEES', `collected by ${people(c.collectedByFollowees)} you follow`];
  return { id: c.id, score: round(2 * c.text + trend + fresh + social), reason, reasonText, createdAt: c.createdAt, popularity: noteEngagement(c) };
}

export function scoreProduct(c: ProductCandidate): Scored {
  const social = 1.2 * Math.log1p(c.boughtByFriends);
  const bought = c.boughtByFriends > 0;
  return {
    id: c.id,
    score: round(2 * c.text + 0.3 * Math.log1p(c.noteCount) + social),
    reason: bought ? 'BOUGHT_BY_FRIENDS' : null,
    reasonText: bought ? `bought by ${c.boughtByFriends === 1 ? '1 friend' : `${c.boughtByFriends} friends`}` : null,
    createdAt: c.createdAt,
    popularity: c.noteCount,
  };
}

/** A user: the text, then whether the viewer follows them or their followees do, then followers. */
export function scoreUser(c: UserCandidate): Scored {
  const social = (c.followed ? 1 : 0) + 0.8 * Math.log1p(c.followedByFollowees);
  let reason: ReasonCode | null = null;
  let reasonText: string | null = null;
  if (c.followed) [reason, reasonText] = ['FOLLOWING', 'you follow them'];
  else if (c.followedByFollowees > 0) [reason, reasonText] = ['FOLLOWED_BY_FOLLOWEES', `followed by ${people(c.followedByFollowees)} you follow`];
  return { id: c.id, score: round(2 * c.text + 0.2 * Math.log1p(c.followers) + social), reason, reasonText, createdAt: c.createdAt, popularity: c.followers };
}

/** Groups and topics: the text, and their size (members, notes). */
export function scorePlain(c: PlainCandidate): Scored {
  return { id: c.id, score: round(2 * c.text + 0.2 * Math.log1p(c.popularity)), reason: null, reasonText: null, createdAt: c.createdAt, popularity: c.popularity };
}

export type SortOrder = 'RELEVANCE' | 'LATEST' | 'POPULAR';

/** The order of a ranked list: by score, by time or by popularity, ties by score then id. */
export function sortHits(items: Scored[], sort: SortOrder): Scored[] {
  const key = (x: Scored) => (sort === 'LATEST' ? x.createdAt : sort === 'POPULAR' ? x.popularity : x.score);
  return [...items].sort((a, b) => key(b) - key(a) || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Highlights

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** What a term matches in text: a Han term any of its bigrams (as the index does), a word itself. */
function needles(terms: string[]): string[] {
  const out = new Set<string>();
  for (const term of terms) {
    const chars = [...term];
    if (isHan(term) && chars.length > 2) for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    else out.add(term);
  }
  // Longest first, so a longer needle wins where two start at one place.
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * A snippet of `text` around its first match of the query's terms, HTML-escaped, with each match
 * wrapped in <em>…</em>; null when nothing matches. Matching is on each character's normal form
 * (width and case folded), so ＴＯＮＥＲ in a title is marked for a query of toner.
 */
export function highlight(text: string, terms: string[], size = SEARCH_LIMITS.snippet): string | null {
  if (!text) return null;
  const chars = [...text];
  // One normal form per original character, so positions in the folded text are positions in the original.
  const folded = chars.map((c) => {
    const n = c.normalize('NFKC').toLowerCase();
    return [...n].length === 1 ? n : c.toLowerCase();
  });
  const marks: [number, number][] = [];
  for (const needle of needles(terms)) {
    const n = [...needle];
    for (let i = 0; i + n.length <= folded.length; i++) {
      let match = true;
      for (let j = 0; j < n.length && match; j++) match = folded[i + j] === n[j];
      if (match && !marks.some(([s, e]) => i < e && i + n.length > s)) marks.push([i, i + n.length]);
    }
  }
  if (!marks.length) return null;
  marks.sort((a, b) => a[0] - b[0]);
  const start = Math.max(0, Math.min(marks[0]![0] - Math.floor(size / 4), chars.length - size));
  const end = Math.min(chars.length, start + size);
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [s, e] of marks) {
    if (s < at || e > end) continue;
    out += escapeHtml(chars.slice(at, s).join('')) + '<em>' + escapeHtml(chars.slice(s, e).join('')) + '</em>';
    at = e;
  }
  out += escapeHtml(chars.slice(at, end).join('')) + (end < chars.length ? '…' : '');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Trends

export interface TrendRow {
  text: string;
  users: number;
}

/** Ranks (1-based) of the rows that reach the distinct-user threshold, most users first, ties by text. */
export function trendRanks(rows: TrendRow[], minUsers = HOT_MIN_USERS): Map<string, number> {
  const kept = rows.filter((r) => r.users >= minUsers).sort((a, b) => b.users - a.users || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return new Map(kept.map((r, i) => [r.text, i + 1]));
}

/**
 * Hot searches: the current window's ranks, each with its rank change against the previous
 * window (positive: up; null: not there before).
 */
export function hotSearches(current: TrendRow[], previous: TrendRow[], first: number, minUsers = HOT_MIN_USERS) {
  const now = trendRanks(current, minUsers);
  const before = trendRanks(previous, minUsers);
  const users = new Map(current.map((r) => [r.text, r.users]));
  return [...now.entries()].slice(0, first).map(([query, rank]) => {
    const previousRank = before.get(query) ?? null;
    return { query, rank, count: users.get(query)!, previousRank, rankChange: previousRank === null ? null : previousRank - rank };
  });
}
