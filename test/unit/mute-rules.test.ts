import { checkMutedWord, checkUntil, containsMutedWord, coversFeeds, coversNotifications, foldText, isLive, MUTE_LIMITS, MuteScope, noteText } from '../../src/mutes/rules';
import { UserFailure } from '../../src/common/errors';
import { NoteFormat, NoteVisibility, type NoteRecord } from '../../src/content/types';
import { emptyHydration } from '../../src/feeds/hydration';
import { unmutedNotes } from '../../src/feeds/rules';
import { NO_RELATION } from '../../src/social/types';

const folded = (...words: string[]) => words.map((w) => checkMutedWord(w).folded);

describe('the muted-word matcher', () => {
  test('ignores case and width: full-width ＡＢＣ matches abc, and the other way round', () => {
    expect(containsMutedWord('Learn ＡＢＣ today', folded('abc'))).toBe(true);
    expect(containsMutedWord('learn abc today', folded('ＡＢＣ'))).toBe(true);
    expect(containsMutedWord('SPOILER: he lives', folded('spoiler'))).toBe(true);
    expect(containsMutedWord('ｓｐｏｉｌｅｒ alert', folded('Spoiler'))).toBe(true);
    // Half-width katakana and compatibility forms fold too (NFKC).
    expect(containsMutedWord('ｶﾀｶﾅ', folded('カタカナ'))).toBe(true);
    expect(containsMutedWord('ﬁne print', folded('fine'))).toBe(true);
  });

  test('matches inside a text, Chinese included, and only what is there', () => {
    expect(containsMutedWord('这款面膜真的好用', folded('面膜'))).toBe(true);
    expect(containsMutedWord('这款精华真的好用', folded('面膜'))).toBe(false);
    expect(containsMutedWord('face mask review', folded('face mask'))).toBe(true);
    expect(containsMutedWord('face and mask', folded('face mask'))).toBe(false);
    expect(containsMutedWord('anything', [])).toBe(false);
    expect(containsMutedWord(null, folded('x'))).toBe(false);
  });

  test("a note's title and body are matched apart: a phrase does not run across them", () => {
    const note = { title: 'all about face', body: 'mask of the day' };
    expect(containsMutedWord(noteText(note), folded('face mask'))).toBe(false);
    expect(containsMutedWord(noteText(note), folded('mask'))).toBe(true);
  });

  test('foldText is NFKC then lower case', () => {
    expect(foldText('ＡＢＣ１２３')).toBe('abc123');
    expect(foldText('Straße')).toBe('straße');
  });
});

describe('muted words as given', () => {
  test('are trimmed, 1 to 50 characters on one line', () => {
    expect(checkMutedWord('  Spoiler  ')).toEqual({ word: 'Spoiler', folded: 'spoiler' });
    expect(checkMutedWord('x'.repeat(MUTE_LIMITS.wordMax)).word).toHaveLength(50);
    // 50 characters are 50 code points, whatever their UTF-16 length.
    expect(checkMutedWord('😀'.repeat(50)).word).toBe('😀'.repeat(50));
    for (const bad of ['', '   ', 'x'.repeat(51), 'two\nlines', 'tab\there', '\u200b']) {
      expect(() => checkMutedWord(bad)).toThrow(UserFailure);
    }
  });
});

describe('ends and scopes', () => {
  const now = Date.UTC(2026, 0, 1);
  test('until is optional, in the future, at most a year ahead', () => {
    expect(checkUntil(null, now)).toBeNull();
    expect(checkUntil(undefined, now)).toBeNull();
    expect(checkUntil(new Date(now + 60_000), now)).toBe(now + 60_000);
    expect(checkUntil(new Date(now + MUTE_LIMITS.untilMaxMs), now)).toBe(now + MUTE_LIMITS.untilMaxMs);
    expect(() => checkUntil(new Date(now), now)).toThrow(UserFailure);
    expect(() => checkUntil(new Date(now - 1), now)).toThrow(UserFailure);
    expect(() => checkUntil(new Date(now + MUTE_LIMITS.untilMaxMs + 1), now)).toThrow(UserFailure);
    expect(() => checkUntil(new Date(Number.NaN), now)).toThrow(UserFailure);
  });

  test('a mute counts until its end, and no longer at it', () => {
    expect(isLive(null, now)).toBe(true);
    expect(isLive(now + 1, now)).toBe(true);
    expect(isLive(now, now)).toBe(false);
  });

  test('FEEDS and NOTIFICATIONS cover one surface each, ALL both', () => {
    expect([MuteScope.FEEDS, MuteScope.NOTIFICATIONS, MuteScope.ALL].map((s) => [coversFeeds(s), coversNotifications(s)])).toEqual([
      [true, false],
      [false, true],
      [true, true],
    ]);
  });
});

describe("the mute half of a feed's rules step", () => {
  const note = (id: string, authorId: string, title = 'a note'): { id: string; note: NoteRecord } => ({
    id,
    note: {
      id, title, body: '', format: NoteFormat.IMAGE_TEXT, visibility: NoteVisibility.PUBLIC, mediaJson: '[]',
      createdAt: 0, editedAt: null, deletedAt: null, likeCount: 0, collectCount: 0, commentCount: 0, shareCount: 0, viewCount: 0,
      authorId, groupId: null, topics: [], productIds: [], modState: null, isAnnouncement: null,
    },
  });

  test('leaves out notes by muted authors and notes with a feed word, never the viewer’s own', () => {
    const state = emptyHydration('viewer');
    state.relations.set('muted', { ...NO_RELATION, isMuted: true });
    state.relations.set('friend', { ...NO_RELATION, isFollowing: true });
    const items = [note('a', 'muted'), note('b', 'friend'), note('c', 'friend', 'ＳＰＯＩＬＥＲ inside'), note('d', 'viewer', 'my spoiler')];
    expect(unmutedNotes(state, items, folded('spoiler')).map((i) => i.id)).toEqual(['b', 'd']);
    expect(unmutedNotes(state, items, []).map((i) => i.id)).toEqual(['b', 'c', 'd']);
  });
});
