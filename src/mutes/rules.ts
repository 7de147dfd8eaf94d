import { badInput } from '../common/errors';
import { requireText } from '../common/validate';

/**
 * Mutes (issue 20 §2): the viewer's own filter, not a trust boundary. A muted user's notes leave the
 * viewer's following and discover feeds, search and notifications, and their comments collapse; a
 * muted word does the same to notes and comments containing it on the surfaces of its scope. The
 * muted user is not told and sees no change. These are the pure halves of the rule; the Cypher
 * halves (cypher/fragments/mutes-*.cypher) match the same way, so a page's size and its count
 * agree with what the rules keep.
 */

export enum MuteScope {
  FEEDS = 'FEEDS',
  NOTIFICATIONS = 'NOTIFICATIONS',
  ALL = 'ALL',
}

export const MUTE_LIMITS = {
  /** Code points of a muted word, after trimming. */
  wordMin: 1,
  wordMax: 50,
  /** Live muted words per user; an expired one no longer counts. */
  wordsPerUser: 100,
  /** How far ahead `until` may be. */
  untilMaxMs: 365 * 24 * 3600_000,
};

/** A page of mutedUsers: "Default 20, at most 100." */
export const MUTED_USERS_PAGE_MAX = 100;

/**
 * Case- and width-insensitive form of a text: NFKC folds full-width ＡＢＣ to ABC (and other
 * compatibility forms), then lower case. Cypher's `toLower(normalize(text, NFKC))` is the same.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A word as given, checked: trimmed, 1 to 50 characters, no line breaks (the matcher joins a note's title and body with one). */
export function checkMutedWord(raw: string, field = 'word'): { word: string; folded: string } {
  const word = requireText(raw, field, { min: MUTE_LIMITS.wordMin, max: MUTE_LIMITS.wordMax });
  if (/[\r\n\t]/.test(word)) throw badInput(field, 'must be one line');
  const folded = foldText(word).trim();
  if (folded.length === 0) throw badInput(field, 'must not be empty');
  return { word, folded };
}

/** `until` as epoch ms: null mutes until lifted; else in the future and at most a year ahead. */
export function checkUntil(until: Date | null | undefined, now: number, field = 'until'): number | null {
  if (until === null || until === undefined) return null;
  const at = until.getTime();
  if (!Number.isFinite(at)) throw badInput(field, 'must be a date and time');
  if (at <= now) throw badInput(field, 'must be in the future');
  if (at > now + MUTE_LIMITS.untilMaxMs) throw badInput(field, 'must be at most a year from now');
  return at;
}

/** A mute counts while it has no end or its end is still ahead: an expired one stops at once, before anything cleans it up. */
export function isLive(until: number | null, now: number): boolean {
  return until === null || until > now;
}

export function coversFeeds(scope: MuteScope): boolean {
  return scope !== MuteScope.NOTIFICATIONS;
}

export function coversNotifications(scope: MuteScope): boolean {
  return scope !== MuteScope.FEEDS;
}

/** Whether a text contains one of the (folded) muted words, case- and width-insensitively. */
export function containsMutedWord(text: string | null | undefined, foldedWords: readonly string[]): boolean {
  if (!text || foldedWords.length === 0) return false;
  const folded = foldText(text);
  return foldedWords.some((word) => folded.includes(word));
}

/** A note's searchable text as the matcher reads it: title and body, one line break apart (as in Cypher). */
export function noteText(note: { title: string; body: string }): string {
  return `${note.title}\n${note.body}`;
}
