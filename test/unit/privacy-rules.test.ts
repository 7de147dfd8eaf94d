import { Candidate, NoteEdgeReason, rankPublic, rankPublicOne, reasonOfText, topicPopularity } from '../../src/feeds/ranking';
import { CONSENT_DEFAULT, CONSENT_PURPOSES, ConsentPurpose, isGranted, needsPolicyAcceptance } from '../../src/privacy/policy';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 11, 1, 12);

function candidate(over: Partial<Candidate> = {}): Candidate {
  return {
    id: 'n1', authorId: 'a1', createdAt: now - 2 * HOUR,
    likes: 0, collects: 0, comments: 0, shares: 0, topics: [],
    likedByFollowees: 0, collectedByFollowees: 0, boughtByFollowees: 0,
    ...over,
  };
}

describe('the ranking without personalisation', () => {
  test('what the viewer\'s followees liked, collected or bought changes nothing', () => {
    const plain = candidate({ likes: 5, topics: ['skincare'] });
    const social = { ...plain, likedByFollowees: 9, collectedByFollowees: 4, boughtByFollowees: 3 };
    const popularity = topicPopularity([plain]);
    expect(rankPublicOne(social, popularity, now)).toEqual(rankPublicOne(plain, popularity, now));
  });

  test('ranks on trending, freshness and topic popularity, and every reason says it is not personalised', () => {
    const trending = candidate({ id: 'hot', likes: 300, comments: 40, createdAt: now - 20 * HOUR, topics: ['travel'] });
    const fresh = candidate({ id: 'fresh', authorId: 'a2', createdAt: now - 60_000 });
    const topical = candidate({ id: 'topical', authorId: 'a3', likes: 1, createdAt: now - 40 * HOUR, topics: ['skincare'] });
    const crowd = Array.from({ length: 6 }, (_, i) => candidate({ id: `c${i}`, authorId: `x${i}`, likes: 40, createdAt: now - 200 * HOUR, topics: ['skincare'] }));
    const ranked = rankPublic([trending, fresh, topical, ...crowd], now);
    const byId = new Map(ranked.map((r) => [r.id, r]));
    expect(byId.get('hot')).toMatchObject({ reason: NoteEdgeReason.TRENDING, reasonText: 'trending · not personalised' });
    expect(byId.get('fresh')).toMatchObject({ reason: NoteEdgeReason.NEW, reasonText: 'new · not personalised' });
    expect(byId.get('topical')).toMatchObject({ reason: NoteEdgeReason.POPULAR_TOPIC, reasonText: 'popular in #skincare · not personalised' });
    expect(ranked[0]?.id).toBe('hot');
    for (const r of ranked) expect([NoteEdgeReason.TRENDING, NoteEdgeReason.NEW, NoteEdgeReason.POPULAR_TOPIC]).toContain(r.reason);
  });

  test('a stored text reads back as its code', () => {
    expect(reasonOfText('popular in #skincare · not personalised')).toBe(NoteEdgeReason.POPULAR_TOPIC);
    expect(reasonOfText('new · not personalised')).toBe(NoteEdgeReason.NEW);
    expect(reasonOfText('trending · not personalised')).toBe(NoteEdgeReason.TRENDING);
  });
});

describe('consents and the policy', () => {
  test('marketing and analytics are opt-in; personalisation and the purchase setting hold until refused', () => {
    expect(CONSENT_PURPOSES.filter((p) => !CONSENT_DEFAULT[p]).sort()).toEqual([ConsentPurpose.ANALYTICS, ConsentPurpose.MARKETING_MESSAGES]);
    expect(isGranted(ConsentPurpose.MARKETING_MESSAGES, null)).toBe(false);
    expect(isGranted(ConsentPurpose.MARKETING_MESSAGES, true)).toBe(true);
    expect(isGranted(ConsentPurpose.PERSONALISED_RECOMMENDATIONS, undefined)).toBe(true);
    expect(isGranted(ConsentPurpose.PERSONALISED_RECOMMENDATIONS, false)).toBe(false);
  });

  test('acceptance is needed for no version or another one', () => {
    expect(needsPolicyAcceptance(null, 'v2')).toBe(true);
    expect(needsPolicyAcceptance('v1', 'v2')).toBe(true);
    expect(needsPolicyAcceptance('v2', 'v2')).toBe(false);
  });
});
