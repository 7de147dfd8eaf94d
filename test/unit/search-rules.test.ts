import { highlight, hotSearches, luceneQuery, narrowTo, normaliseQuery, queryTerms, scoreNote, sortHits, trendRanks } from '../../src/search/rules';

const NOW = Date.UTC(2026, 11, 1);
const note = { id: 'a', text: 1, createdAt: NOW, likes: 0, collects: 0, comments: 0, shares: 0, authorFollowed: false, likedByFollowees: 0, collectedByFollowees: 0 };

describe('queries', () => {
  test('normalised for width, case and spaces', () => {
    expect(normaliseQuery('  ＴＯＮＥＲ　for\tOily  ')).toBe('toner for oily');
  });

  test('1 to 100 characters, no control characters', () => {
    expect(() => normaliseQuery('')).toThrow(/1 to 100/);
    expect(() => normaliseQuery('　')).toThrow(/1 to 100/);
    expect(() => normaliseQuery('油'.repeat(101))).toThrow(/1 to 100/);
    expect(normaliseQuery('油'.repeat(100))).toHaveLength(100);
    expect(() => normaliseQuery('a\u0000b')).toThrow(/control/);
  });

  test('only letters and digits reach Lucene: operators, fields, quotes, wildcards and escapes are gone', () => {
    expect(queryTerms(normaliseQuery('title:secret AND "x" ~ * \\ body:油皮toner'))).toEqual(['title', 'secret', 'and', 'x', 'body', '油皮', 'toner']);
    expect(luceneQuery(queryTerms(normaliseQuery('*:* && || !')))).toBeNull();
    const lucene = luceneQuery(queryTerms(normaliseQuery('NOT toner~ 油皮')))!;
    expect(lucene).toBe('(not^2 OR not*) OR (toner^2 OR toner*) OR 油皮');
    expect(lucene).not.toMatch(/NOT|AND/);
  });

  test('short words match exactly, not as a prefix', () => {
    expect(luceneQuery(['a', 'ok', 'spf'])).toBe('a OR ok OR (spf^2 OR spf*)');
  });

  test('filters narrow the query to their field with plain terms only', () => {
    expect(narrowTo('x', [['brand', 'Dewy "Lab"'], ['category', null]])).toBe('(x) AND brand:(dewy AND lab)');
    expect(narrowTo('x', [['brand', '***']])).toBe('x');
  });
});

describe('highlights', () => {
  test('marks Han bigrams and words, folding width and case, and escapes HTML', () => {
    expect(highlight('油皮亲妈 TONER', ['油皮', 'toner'])).toBe('<em>油皮</em>亲妈 <em>TONER</em>');
    expect(highlight('ＴＯＮＥＲ <b>', ['toner'])).toBe('<em>ＴＯＮＥＲ</em> &lt;b&gt;');
    expect(highlight('成都 火锅', ['成都火锅'])).toBe('<em>成都</em> <em>火锅</em>');
    expect(highlight('nothing here', ['toner'])).toBeNull();
  });

  test('a long text is cut around the first match', () => {
    const text = `${'a'.repeat(200)} toner ${'b'.repeat(200)}`;
    const snippet = highlight(text, ['toner'])!;
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<em>toner</em>');
  });
});

describe('ranking', () => {
  test('social signals raise a note and give the reason', () => {
    const plain = scoreNote(note, NOW);
    const followed = scoreNote({ ...note, authorFollowed: true }, NOW);
    const liked = scoreNote({ ...note, likedByFollowees: 3 }, NOW);
    expect(followed.score).toBeGreaterThan(plain.score);
    expect(followed.reason).toBe('FOLLOWED_AUTHOR');
    expect(liked).toMatchObject({ reason: 'LIKED_BY_FOLLOWEES', reasonText: 'liked by 3 people you follow' });
    expect(plain.reason).toBeNull();
  });

  test('engagement decays with age, as in the discover feed', () => {
    const engaged = { ...note, likes: 100 };
    expect(scoreNote(engaged, NOW).score).toBeGreaterThan(scoreNote({ ...engaged, createdAt: NOW - 7 * 24 * 3600_000 }, NOW).score);
  });

  test('LATEST and POPULAR sort by their keys, ties by score then id', () => {
    const items = [
      { id: 'b', score: 1, reason: null, reasonText: null, createdAt: 2, popularity: 5 },
      { id: 'a', score: 3, reason: null, reasonText: null, createdAt: 1, popularity: 5 },
      { id: 'c', score: 2, reason: null, reasonText: null, createdAt: 3, popularity: 9 },
    ];
    expect(sortHits(items, 'RELEVANCE').map((x) => x.id)).toEqual(['a', 'c', 'b']);
    expect(sortHits(items, 'LATEST').map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(sortHits(items, 'POPULAR').map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('hot searches', () => {
  test('a query counts only from 3 distinct users; rank change against the window before', () => {
    expect([...trendRanks([{ text: 'solo', users: 2 }, { text: 'x', users: 3 }]).keys()]).toEqual(['x']);
    const hot = hotSearches(
      [{ text: 'rising', users: 9 }, { text: 'steady', users: 5 }, { text: 'new', users: 4 }],
      [{ text: 'steady', users: 8 }, { text: 'rising', users: 4 }],
      10,
    );
    expect(hot).toEqual([
      { query: 'rising', rank: 1, count: 9, previousRank: 2, rankChange: 1 },
      { query: 'steady', rank: 2, count: 5, previousRank: 1, rankChange: -1 },
      { query: 'new', rank: 3, count: 4, previousRank: null, rankChange: null },
    ]);
  });
});
