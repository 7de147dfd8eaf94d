import { Candidate, diversify, engagement, rank, rankOne, isColdStart, ViewerSignals, Ranked, NoteEdgeReason, reasonOfText } from '../../src/feeds/ranking';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 22, 12);

function candidate(over: Partial<Candidate> = {}): Candidate {
  return {
    id: 'n1', authorId: 'a1', createdAt: now - 2 * HOUR,
    likes: 0, collects: 0, comments: 0, shares: 0, topics: [],
    likedByFollowees: 0, collectedByFollowees: 0, boughtByFollowees: 0,
    ...over,
  };
}

const cold: ViewerSignals = { interests: new Map(), followsAnyone: false };
const warm: ViewerSignals = { interests: new Map([['skincare', 6], ['travel', 2]]), followsAnyone: true };

describe('engagement', () => {
  test('weighs 1 like : 1 collect : 4 comments : 4 shares', () => {
    expect(engagement({ likes: 1, collects: 1, comments: 1, shares: 1 })).toBe(10);
    expect(engagement({ likes: 4, collects: 0, comments: 0, shares: 0 })).toBe(engagement({ likes: 0, collects: 0, comments: 1, shares: 0 }));
  });

  test('decays with age: the same engagement counts less on an older note', () => {
    const fresh = rankOne(candidate({ likes: 50, createdAt: now - HOUR }), cold, now);
    const old = rankOne(candidate({ likes: 50, createdAt: now - 96 * HOUR }), cold, now);
    expect(fresh.score).toBeGreaterThan(old.score);
  });
});

describe('reasons', () => {
  test('a viewer with no signals is a cold start and gets trending notes', () => {
    expect(isColdStart(cold)).toBe(true);
    expect(rankOne(candidate({ likes: 10 }), cold, now)).toMatchObject({ reason: NoteEdgeReason.TRENDING, reasonText: 'trending' });
  });

  test('social proof names how many followees liked, collected or bought', () => {
    expect(rankOne(candidate({ likedByFollowees: 3 }), warm, now)).toMatchObject({ reason: NoteEdgeReason.LIKED_BY_FOLLOWEES, reasonText: 'liked by 3 people you follow' });
    expect(rankOne(candidate({ collectedByFollowees: 1 }), warm, now)).toMatchObject({ reason: NoteEdgeReason.COLLECTED_BY_FOLLOWEES, reasonText: 'collected by 1 person you follow' });
    expect(rankOne(candidate({ likedByFollowees: 1, boughtByFollowees: 2 }), warm, now)).toMatchObject({ reason: NoteEdgeReason.BOUGHT_BY_FOLLOWEES, reasonText: 'bought by 2 people you follow' });
  });

  test('learned interests name the topic', () => {
    expect(rankOne(candidate({ topics: ['travel', 'skincare'], createdAt: now - 72 * HOUR }), warm, now)).toMatchObject({ reason: NoteEdgeReason.TOPIC, reasonText: '#skincare' });
  });

  test('a topic the viewer searched names the search', () => {
    const searched: ViewerSignals = { ...warm, interests: new Map([...warm.interests, ['sunscreen', 3]]), searched: new Map([['sunscreen', 'sunscreen spf50']]) };
    expect(rankOne(candidate({ topics: ['sunscreen'], createdAt: now - 72 * HOUR }), searched, now)).toMatchObject({ reason: NoteEdgeReason.SEARCHED, reasonText: 'because you searched “sunscreen spf50”' });
    expect(rankOne(candidate({ topics: ['skincare'], createdAt: now - 72 * HOUR }), searched, now)).toMatchObject({ reason: NoteEdgeReason.TOPIC, reasonText: '#skincare' });
  });

  test('a brand-new note with nothing else going for it is "new"', () => {
    expect(rankOne(candidate({ createdAt: now }), warm, now)).toMatchObject({ reason: NoteEdgeReason.NEW, reasonText: 'new' });
  });
});

describe('ranking', () => {
  test('is deterministic: ties are broken by id', () => {
    const list = [candidate({ id: 'b' }), candidate({ id: 'a' }), candidate({ id: 'c', likes: 100 })];
    expect(rank(list, warm, now).map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  test('social proof and interests lift a note above an equally engaging one', () => {
    const plain = candidate({ id: 'plain', likes: 10 });
    const proven = candidate({ id: 'proven', likes: 10, likedByFollowees: 2 });
    const relevant = candidate({ id: 'relevant', likes: 10, topics: ['skincare'] });
    const order = rank([plain, proven, relevant], warm, now).map((r) => r.id);
    expect(order.indexOf('plain')).toBe(2);
  });
});

describe('diversify', () => {
  const item = (id: string, authorId: string, score: number): Ranked => ({ id, authorId, score, reason: NoteEdgeReason.TRENDING, reasonText: 'trending' });

  test('keeps at most two notes per author in each block of 20, deferring the rest', () => {
    const ranked = [
      ...Array.from({ length: 5 }, (_, i) => item(`x${i}`, 'prolific', 100 - i)),
      ...Array.from({ length: 30 }, (_, i) => item(`o${i}`, `author${i}`, 50 - i)),
    ];
    const out = diversify(ranked);
    const firstBlock = out.slice(0, 20);
    expect(firstBlock.filter((r) => r.authorId === 'prolific').map((r) => r.id)).toEqual(['x0', 'x1']);
    expect(out.slice(20, 40).filter((r) => r.authorId === 'prolific').map((r) => r.id)).toEqual(['x2', 'x3']);
    expect(new Set(out.map((r) => r.id)).size).toBe(out.length);
  });

  test('ends at a block it cannot fill, rather than shift later pages', () => {
    const ranked = Array.from({ length: 12 }, (_, i) => item(`n${i}`, `a${i % 3}`, 10 - i));
    const out = diversify(ranked);
    expect(out).toHaveLength(6);
  });
});

describe('reasons of older snapshots', () => {
  test('a snapshot stored with texts only gets each code from its text, TRENDING otherwise', () => {
    expect(['bought by 2 people you follow', 'liked by 1 person you follow', 'collected by 3 people you follow', '#skincare', 'because you searched “toner”', 'new', 'trending', 'anything else'].map(reasonOfText)).toEqual([
      NoteEdgeReason.BOUGHT_BY_FOLLOWEES,
      NoteEdgeReason.LIKED_BY_FOLLOWEES,
      NoteEdgeReason.COLLECTED_BY_FOLLOWEES,
      NoteEdgeReason.TOPIC,
      NoteEdgeReason.SEARCHED,
      NoteEdgeReason.NEW,
      NoteEdgeReason.TRENDING,
      NoteEdgeReason.TRENDING,
    ]);
  });
});
