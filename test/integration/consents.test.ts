import { startTestApp, TestApp } from '../helpers/app';
import { follow, people, postNote, type Person } from '../helpers/people';
import {
  LikeDocument,
  PrivacyAcceptPolicyDocument,
  PrivacyConsentHistoryDocument,
  PrivacyConsentsDocument,
  PrivacyDiscoverDocument,
  PrivacyPolicyOfUserDocument,
  PrivacyPolicyStateDocument,
  PrivacySearchDocument,
  PrivacySetConsentDocument,
  PrivacySetInterestsDocument,
  PrivacyShowPurchasesDocument,
  type ConsentPurpose,
  type PrivacyDiscoverQuery,
  type SearchType,
} from '../generated/graphql';

/**
 * Consents and personalisation (issue 23 §2), against the real Neo4j: every purpose with its
 * default, each change kept with its time and policy version, the purchase setting as one truth
 * with updateProfile's, the policy version and its acceptance, and the discover feed and search
 * ranking on public signals only, saying so, without PERSONALISED_RECOMMENDATIONS.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PRIVACY_POLICY_VERSION: 'test-v1', SEARCH_MAX_PER_USER_PER_MINUTE: '100000', SEARCH_MAX_PER_IP_PER_MINUTE: '1000000' });
});
afterAll(async () => {
  await t.db.driver.executeQuery(
    `MATCH (u:User)-[:CHANGED_CONSENT]->(c:ConsentChange) WHERE u.handleLower STARTS WITH $prefix DETACH DELETE c`,
    { prefix: (process.env.ZHONGCAO_TEST_PREFIX ?? 'tlocal').toLowerCase() },
    { database: t.db.name },
  );
  await t.close();
});

const run = Math.random().toString(36).slice(2, 8);
const setConsent = (who: Person, purpose: ConsentPurpose, isGranted: boolean) => t.ok(PrivacySetConsentDocument, { input: { purpose, isGranted } }, who.token);
const consentsOf = async (who: Person) => (await t.ok(PrivacyConsentsDocument, {}, who.token)).consents;

/** Every edge of the viewer's discover ranking, first page afresh. */
async function discover(who: Person) {
  const edges: { id: string; reason: string | null; reasonText: string | null }[] = [];
  let after: string | null = null;
  for (;;) {
    const feed: PrivacyDiscoverQuery['discoverFeed'] = (await t.ok(PrivacyDiscoverDocument, { after }, who.token)).discoverFeed;
    edges.push(...feed.edges.map((e) => ({ id: e.node.id, reason: e.reason ?? null, reasonText: e.reasonText ?? null })));
    if (!feed.pageInfo.hasNextPage || !feed.pageInfo.endCursor) return edges;
    after = feed.pageInfo.endCursor;
  }
}

async function search(who: Person, q: string, type: SearchType) {
  return (await t.ok(PrivacySearchDocument, { q, type }, who.token)).search.edges.map((e) => ({ id: (e.node as { id: string }).id, reason: e.reason ?? null, reasonText: e.reasonText ?? null }));
}

const PUBLIC_REASONS = ['TRENDING', 'NEW', 'POPULAR_TOPIC'];

describe('consents', () => {
  test('every purpose answers its default until the viewer decides, then their answer with its time and policy version', async () => {
    const { mei } = await people(t, ['mei']);
    expect(await consentsOf(mei)).toEqual([
      { purpose: 'PERSONALISED_RECOMMENDATIONS', isGranted: true, isDefault: true, decidedAt: null, policyVersion: null },
      { purpose: 'MARKETING_MESSAGES', isGranted: false, isDefault: true, decidedAt: null, policyVersion: null },
      { purpose: 'SHOW_PURCHASES_TO_FRIENDS', isGranted: true, isDefault: true, decidedAt: null, policyVersion: null },
      { purpose: 'ANALYTICS', isGranted: false, isDefault: true, decidedAt: null, policyVersion: null },
    ]);
    const before = Date.now();
    const { consent } = (await setConsent(mei, 'MARKETING_MESSAGES', true)).setConsent;
    expect(consent).toMatchObject({ purpose: 'MARKETING_MESSAGES', isGranted: true, isDefault: false, policyVersion: 'test-v1' });
    expect(Date.parse(consent!.decidedAt!)).toBeGreaterThanOrEqual(before - 1000);
    await setConsent(mei, 'ANALYTICS', false);
    const now = await consentsOf(mei);
    expect(now.map((c) => [c.purpose, c.isGranted, c.isDefault])).toEqual([
      ['PERSONALISED_RECOMMENDATIONS', true, true],
      ['MARKETING_MESSAGES', true, false],
      ['SHOW_PURCHASES_TO_FRIENDS', true, true],
      ['ANALYTICS', false, false],
    ]);
  });

  test('each change is kept, newest first, as an audit trail with its time and policy version', async () => {
    const { lin } = await people(t, ['lin']);
    await setConsent(lin, 'MARKETING_MESSAGES', true);
    await setConsent(lin, 'ANALYTICS', true);
    await setConsent(lin, 'MARKETING_MESSAGES', false);
    const all = (await t.ok(PrivacyConsentHistoryDocument, {}, lin.token)).consentHistory;
    expect(all.totalCount).toBe(3);
    expect(all.nodes.map((c) => [c.purpose, c.isGranted, c.policyVersion])).toEqual([
      ['MARKETING_MESSAGES', false, 'test-v1'],
      ['ANALYTICS', true, 'test-v1'],
      ['MARKETING_MESSAGES', true, 'test-v1'],
    ]);
    const times = all.nodes.map((c) => Date.parse(c.changedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const marketing = (await t.ok(PrivacyConsentHistoryDocument, { purpose: 'MARKETING_MESSAGES', first: 1 }, lin.token)).consentHistory;
    expect(marketing.totalCount).toBe(2);
    expect(marketing.nodes.map((c) => c.isGranted)).toEqual([false]);
    const next = (await t.ok(PrivacyConsentHistoryDocument, { purpose: 'MARKETING_MESSAGES', first: 1, after: marketing.pageInfo.endCursor }, lin.token)).consentHistory;
    expect(next.nodes.map((c) => c.isGranted)).toEqual([true]);
    expect(next.pageInfo.hasNextPage).toBe(false);
    // The trail is the viewer's own.
    const { other } = await people(t, ['other']);
    expect((await t.ok(PrivacyConsentHistoryDocument, {}, other.token)).consentHistory.totalCount).toBe(0);
  });

  test('SHOW_PURCHASES_TO_FRIENDS is showsPurchasesToFriends: either mutation changes the one setting, both kept in the trail', async () => {
    const { yan } = await people(t, ['yan']);
    await setConsent(yan, 'SHOW_PURCHASES_TO_FRIENDS', false);
    expect((await t.ok(PrivacyPolicyStateDocument, {}, yan.token)).me?.showsPurchasesToFriends).toBe(false);
    await t.ok(PrivacyShowPurchasesDocument, { show: true }, yan.token);
    const consent = (await consentsOf(yan)).find((c) => c.purpose === 'SHOW_PURCHASES_TO_FRIENDS');
    expect(consent).toMatchObject({ isGranted: true, isDefault: false, policyVersion: 'test-v1' });
    const trail = (await t.ok(PrivacyConsentHistoryDocument, { purpose: 'SHOW_PURCHASES_TO_FRIENDS' }, yan.token)).consentHistory;
    expect(trail.nodes.map((c) => c.isGranted)).toEqual([true, false]);
  });

  test('consents need a signed-in viewer', async () => {
    const result = await t.gql(PrivacyConsentsDocument, {}, null);
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const set = await t.gql(PrivacySetConsentDocument, { input: { purpose: 'ANALYTICS', isGranted: true } }, null);
    expect(set.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the privacy policy', () => {
  test('a user accepts the version in force; a new version asks them again, through me.isPolicyAcceptanceNeeded', async () => {
    const { zhou, fan } = await people(t, ['zhou', 'fan']);
    await follow(t, fan, zhou);
    expect(await t.ok(PrivacyPolicyStateDocument, {}, zhou.token)).toMatchObject({ policyVersion: 'test-v1', me: { isPolicyAcceptanceNeeded: true, acceptedPolicyVersion: null } });
    const stale = (await t.answer(PrivacyAcceptPolicyDocument, { version: 'test-v0' }, zhou.token)).acceptPolicy;
    expect(stale).toEqual({ acceptedPolicyVersion: null, userErrors: [{ field: ['version'], code: 'INVALID' }] });
    expect((await t.ok(PrivacyAcceptPolicyDocument, { version: 'test-v1' }, zhou.token)).acceptPolicy.acceptedPolicyVersion).toBe('test-v1');
    expect((await t.ok(PrivacyPolicyStateDocument, {}, zhou.token)).me).toMatchObject({ isPolicyAcceptanceNeeded: false, acceptedPolicyVersion: 'test-v1' });

    // Only the user learns where they stand, on every path to them.
    for (const reader of [fan, null]) {
      const data = await t.ok(PrivacyPolicyOfUserDocument, { id: zhou.id }, reader?.token ?? null);
      expect(data.user).toMatchObject({ isPolicyAcceptanceNeeded: null, acceptedPolicyVersion: null });
    }
    const own = await t.ok(PrivacyPolicyOfUserDocument, { id: zhou.id }, fan.token);
    expect(own.user?.followers.nodes).toEqual([{ isPolicyAcceptanceNeeded: true, acceptedPolicyVersion: null }]);

    // The policy changes: the same account is asked to accept the new version.
    const next = await startTestApp({ PRIVACY_POLICY_VERSION: 'test-v2' });
    try {
      expect(await next.ok(PrivacyPolicyStateDocument, {}, zhou.token)).toMatchObject({ policyVersion: 'test-v2', me: { isPolicyAcceptanceNeeded: true, acceptedPolicyVersion: 'test-v1' } });
      expect((await next.answer(PrivacyAcceptPolicyDocument, { version: 'test-v1' }, zhou.token)).acceptPolicy.userErrors[0]?.code).toBe('INVALID');
      await next.ok(PrivacyAcceptPolicyDocument, { version: 'test-v2' }, zhou.token);
      expect((await next.ok(PrivacyPolicyStateDocument, {}, zhou.token)).me).toMatchObject({ isPolicyAcceptanceNeeded: false, acceptedPolicyVersion: 'test-v2' });
    } finally {
      await next.close();
    }
  });
});

describe('turning off personalisation', () => {
  test('the discover feed ranks on public signals only, and every reason says so; turning it back on brings the viewer\'s signals back', async () => {
    const { viewer, author, a, b, c } = await people(t, ['viewer', 'author', 'a', 'b', 'c']);
    const topic = `pzn${run}`;
    for (const friend of [a, b, c]) {
      await follow(t, viewer, friend);
      await follow(t, friend, viewer);
    }
    await t.ok(PrivacySetInterestsDocument, { interests: [topic] }, viewer.token);
    const liked = await postNote(t, author, { title: `Liked by friends ${run}`, topics: [topic] });
    for (const friend of [a, b, c]) await t.ok(LikeDocument, { id: liked.id }, friend.token);

    const personal = await discover(viewer);
    expect(personal.find((e) => e.id === liked.id)).toMatchObject({ reason: 'LIKED_BY_FOLLOWEES', reasonText: 'liked by 3 people you follow' });

    await setConsent(viewer, 'PERSONALISED_RECOMMENDATIONS', false);
    const general = await discover(viewer);
    expect(general.length).toBeGreaterThan(0);
    // No interest, followee like or purchase reaches the ranking: every reason is a public signal and says so.
    for (const edge of general) {
      expect(PUBLIC_REASONS).toContain(edge.reason);
      expect(edge.reasonText).toMatch(/ · not personalised$/);
    }
    const note = general.find((e) => e.id === liked.id);
    expect(note).toBeDefined();
    expect(note!.reasonText).not.toMatch(/you follow|you searched/);

    await setConsent(viewer, 'PERSONALISED_RECOMMENDATIONS', true);
    expect((await discover(viewer)).find((e) => e.id === liked.id)?.reason).toBe('LIKED_BY_FOLLOWEES');
  });

  test('search ranks without the viewer\'s social signals and says so on every hit', async () => {
    const { seeker, writer } = await people(t, ['seeker', 'writer']);
    await follow(t, seeker, writer);
    const word = `qzx${run}`;
    const note = await postNote(t, writer, { title: `Serum ${word}`, body: `All about ${word} serums.` });
    expect(await search(seeker, word, 'NOTE')).toEqual([{ id: note.id, reason: 'FOLLOWED_AUTHOR', reasonText: 'by someone you follow' }]);
    const users = await search(seeker, writer.handle, 'USER');
    expect(users.find((u) => u.id === writer.id)?.reason).toBe('FOLLOWING');

    await setConsent(seeker, 'PERSONALISED_RECOMMENDATIONS', false);
    const notes = await search(seeker, word, 'NOTE');
    expect(notes).toEqual([{ id: note.id, reason: 'NOT_PERSONALISED', reasonText: 'not personalised: ranked on the words and public popularity' }]);
    const general = await search(seeker, writer.handle, 'USER');
    expect(general.find((u) => u.id === writer.id)?.reason).toBe('NOT_PERSONALISED');
    expect(general.every((u) => u.reason === 'NOT_PERSONALISED')).toBe(true);
  });
});
