import { startTestApp, TestApp, collect } from '../helpers/app';
import { signUp, follow, Person, people } from '../helpers/people';
import {
  BlockSeenByViewerDocument,
  BlockWithRelationDocument,
  FollowCountsDocument,
  FollowersDocument,
  FollowingDocument,
  FollowWithCountsDocument,
  MutualFollowsAfterDocument,
  MutualFollowsFirstDocument,
  NewFollowerAtDocument,
  NewFollowerHandlesDocument,
  RelationToViewerDocument,
  SearchUsersDocument,
  SocialPathDocument,
  UnblockDocument,
  UnfollowWithCountsDocument,
  UserByHandleDocument,
  UsersPageDocument,
  type UsersPageQuery,
} from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const FOLLOW = FollowWithCountsDocument;
const UNFOLLOW = UnfollowWithCountsDocument;
const BLOCK = BlockWithRelationDocument;
const COUNTS = FollowCountsDocument;
const FOLLOWERS = FollowersDocument;

async function relationshipCount(query: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await t.db.driver.executeQuery(query, params);
  return records[0]!.get('n') as number;
}

describe('following', () => {
  test('a user follows another; both counts and the viewer-relative fields agree', async () => {
    const [mei, lin] = [await signUp(t, 'mei'), await signUp(t, 'lin')];
    const followed = await t.ok(FOLLOW, { id: lin.id }, mei.token);
    expect(followed.follow).toEqual({ user: { id: lin.id, followerCount: 1, viewerIsFollowing: true, isFollowingViewer: false }, userErrors: [] });
    const back = await t.ok(RelationToViewerDocument, { id: mei.id }, lin.token);
    expect(back.user).toEqual({ viewerIsFollowing: false, isFollowingViewer: true, followingCount: 1 });
  });

  test('following twice is idempotent, and so is unfollowing', async () => {
    const [a, b] = [await signUp(t, 'fa'), await signUp(t, 'fb')];
    await t.ok(FOLLOW, { id: b.id }, a.token);
    expect((await t.ok(FOLLOW, { id: b.id }, a.token)).follow.user?.followerCount).toBe(1);
    expect(await relationshipCount('MATCH (:User {id: $a})-[f:FOLLOWS]->(:User {id: $b}) RETURN count(f) AS n', { a: a.id, b: b.id })).toBe(1);
    expect((await t.ok(UNFOLLOW, { id: b.id }, a.token)).unfollow).toEqual({ user: { id: b.id, followerCount: 0, viewerIsFollowing: false } });
    expect((await t.ok(UNFOLLOW, { id: b.id }, a.token)).unfollow.user?.followerCount).toBe(0);
    expect((await t.ok(COUNTS, { id: a.id })).user).toEqual({ followerCount: 0, followingCount: 0 });
  });

  test('you cannot follow yourself, a missing user, or a malformed id', async () => {
    const a = await signUp(t, 'self');
    expect((await t.gql(FOLLOW, { id: a.id }, a.token)).data?.follow).toMatchObject({ user: null, userErrors: [{ code: 'INVALID', field: ['userId'] }] });
    expect((await t.gql(FOLLOW, { id: '00000000-0000-4000-8000-000000000000' }, a.token)).data?.follow).toMatchObject({ user: null, userErrors: [{ code: 'NOT_FOUND', field: ['userId'] }] });
    expect((await t.gql(FOLLOW, { id: 'robert"); DROP' }, a.token)).data?.follow).toMatchObject({ user: null, userErrors: [{ code: 'INVALID', field: ['userId'] }] });
    expect((await t.gql(FOLLOW, { id: a.id })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  test('100 concurrent follows of one user count exactly 100', async () => {
    const star = await signUp(t, 'star');
    const fans: Person[] = [];
    for (let i = 0; i < 100; i += 20) fans.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => signUp(t, `fan${i + j}`)))));
    await Promise.all(fans.map((fan) => follow(t, fan, star)));
    // Some follow twice at the same time: still one follow each.
    await Promise.all(fans.slice(0, 10).map((fan) => follow(t, fan, star)));
    expect((await t.ok(COUNTS, { id: star.id })).user?.followerCount).toBe(100);
    expect(await relationshipCount('MATCH (:User {id: $id})<-[f:FOLLOWS]-() RETURN count(f) AS n', { id: star.id })).toBe(100);
  });
});

describe('follower lists', () => {
  test('are newest first, paginate with stable cursors, and count exactly', async () => {
    const host = await signUp(t, 'host');
    const fans: Person[] = [];
    for (let i = 0; i < 5; i++) {
      const fan = await signUp(t, `pg${i}`);
      await follow(t, fan, host);
      fans.push(fan);
    }
    const first = await t.ok(FOLLOWERS, { id: host.id, first: 2 });
    const page1 = first.user!.followers;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges.map((e) => e.node.id)).toEqual([fans[4]!.id, fans[3]!.id]);
    expect(page1.pageInfo.hasNextPage).toBe(true);

    // A new follower arrives between pages: the next page neither repeats nor skips anyone.
    const late = await signUp(t, 'late');
    await follow(t, late, host);
    const second = await t.ok(FOLLOWERS, { id: host.id, first: 2, after: page1.pageInfo.endCursor });
    expect(second.user?.followers.edges.map((e) => e.node.id)).toEqual([fans[2]!.id, fans[1]!.id]);
    const third = await t.ok(FOLLOWERS, { id: host.id, first: 2, after: second.user?.followers.pageInfo.endCursor });
    expect(third.user?.followers.edges.map((e) => e.node.id)).toEqual([fans[0]!.id]);
    expect(third.user?.followers.pageInfo.hasNextPage).toBe(false);
    expect(third.user?.followers.totalCount).toBe(6);
    expect(Date.parse(page1.edges[0]!.followedAt)).toBeGreaterThan(0);

    const following = await t.ok(FollowingDocument, { id: fans[0]!.id });
    expect(following.user?.following).toEqual({ totalCount: 1, nodes: [{ id: host.id }] });
  });

  test.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ after: 'garbage!' }, 'after'],
  ])('bad page arguments %p are rejected naming %s', async (args, field) => {
    const u = await signUp(t, 'pgbad');
    const result = await t.gql(FOLLOWERS, { id: u.id, ...args });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('blocking', () => {
  test('a block removes follows both ways and stops either from following the other', async () => {
    const [ann, bob] = [await signUp(t, 'ann'), await signUp(t, 'bob')];
    await follow(t, ann, bob);
    await follow(t, bob, ann);
    const blocked = await t.ok(BLOCK, { id: bob.id }, ann.token);
    expect(blocked.block).toEqual({ user: { id: bob.id, isBlocked: true, viewerIsFollowing: false, isFollowingViewer: false } });
    expect((await t.ok(COUNTS, { id: ann.id })).user).toEqual({ followerCount: 0, followingCount: 0 });
    expect((await t.ok(COUNTS, { id: bob.id })).user).toEqual({ followerCount: 0, followingCount: 0 });

    const refused = { user: null, userErrors: [{ field: ['userId'], code: 'BLOCKED', message: 'you cannot follow this user' }] };
    expect((await t.gql(FOLLOW, { id: ann.id }, bob.token)).data?.follow).toEqual(refused);
    expect((await t.gql(FOLLOW, { id: bob.id }, ann.token)).data?.follow).toEqual(refused);
    const seenByBob = await t.ok(BlockSeenByViewerDocument, { id: ann.id }, bob.token);
    expect(seenByBob.user).toEqual({ hasBlockedViewer: true, isBlocked: false });

    await t.ok(UnblockDocument, { id: bob.id }, ann.token);
    expect((await t.ok(FOLLOW, { id: ann.id }, bob.token)).follow.user?.followerCount).toBe(1);
  });
});

describe('finding people', () => {
  test('user by handle ignores case; users searches by handle prefix and display name', async () => {
    const tea = await signUp(t, 'teaLover');
    const byHandle = await t.ok(UserByHandleDocument, { h: tea.handle.toUpperCase() });
    expect(byHandle.userByHandle?.id).toBe(tea.id);
    const search = await t.ok(SearchUsersDocument, { s: tea.handle.toUpperCase() });
    expect(search.users).toEqual({ totalCount: 1, nodes: [{ id: tea.id }] });
    const none = await t.ok(UserByHandleDocument, { h: 'nobody_here_zz' });
    expect(none.userByHandle).toBeNull();
  });

  test('users pages through everyone in handle order', async () => {
    const seen = new Set<string>();
    let after: string | null | undefined = null;
    let total = 0;
    for (let pages = 0; pages < 1000; pages++) {
      // Annotated: `after` comes from the previous page, so TypeScript cannot infer it in the loop.
      const data: UsersPageQuery = await t.ok(UsersPageDocument, { after });
      total = data.users.totalCount;
      const handles = data.users.nodes.map((n) => n.handle.toLowerCase());
      expect([...handles].sort()).toEqual(handles);
      for (const h of handles) seen.add(h);
      if (!data.users.pageInfo.hasNextPage) break;
      after = data.users.pageInfo.endCursor;
    }
    expect(seen.size).toBeGreaterThanOrEqual(total - 200); // other test files may sign users up meanwhile
    expect(seen.size).toBeGreaterThan(100);
  });

  test('mutualFollows lists accounts both people follow', async () => {
    const { me, friend, x, y, z } = await people(t, ['me', 'friend', 'x', 'y', 'z']);
    for (const target of [x, y, z]) await follow(t, me, target);
    for (const target of [y, z]) await follow(t, friend, target);
    const data = await t.ok(MutualFollowsFirstDocument, { id: friend.id }, me.token);
    expect(data.mutualFollows.totalCount).toBe(2);
    expect(data.mutualFollows.pageInfo.hasNextPage).toBe(true);
    const next = await t.ok(MutualFollowsAfterDocument, { id: friend.id, after: data.mutualFollows.pageInfo.endCursor }, me.token);
    expect([data.mutualFollows.nodes[0]?.id, next.mutualFollows.nodes[0]?.id].sort()).toEqual([y.id, z.id].sort());
    expect(next.mutualFollows.pageInfo.hasNextPage).toBe(false);
  });

  test('socialPath finds the shortest follow chain within maxDepth', async () => {
    const chain = await Promise.all(['sp0', 'sp1', 'sp2', 'sp3'].map((n) => signUp(t, n)));
    for (let i = 0; i < 3; i++) await follow(t, chain[i]!, chain[i + 1]!);
    const PATH = SocialPathDocument;
    const third = await t.ok(PATH, { to: chain[3]!.id, d: 6 }, chain[0]!.token);
    expect(third.socialPath).toEqual({ degree: 3, users: chain.map((p) => ({ id: p.id })) });
    expect((await t.ok(PATH, { to: chain[3]!.id, d: 2 }, chain[0]!.token)).socialPath).toBeNull();
    // A shortcut makes it 2nd degree.
    await follow(t, chain[0]!, chain[2]!);
    expect((await t.ok(PATH, { to: chain[3]!.id, d: 2 }, chain[0]!.token)).socialPath?.degree).toBe(2);
    // Follows are directed: no path back.
    expect((await t.ok(PATH, { to: chain[0]!.id, d: 6 }, chain[3]!.token)).socialPath).toBeNull();
    expect((await t.gql(PATH, { to: chain[3]!.id, d: 7 }, chain[0]!.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxDepth' });
  });
});

describe('newFollower subscription', () => {
  test('pushes each new follower to the followed user over WebSocket', async () => {
    const { idol, f1, f2 } = await people(t, ['idol', 'f1', 'f2']);
    const client = t.ws(idol.token);
    const { events, started } = collect(client, NewFollowerHandlesDocument, 2);
    await started;
    await new Promise((r) => setTimeout(r, 200));
    await follow(t, f1, idol);
    await follow(t, f1, idol); // idempotent: no second event
    await follow(t, f2, idol);
    expect((await events).map((e) => e.newFollower.follower.id)).toEqual([f1.id, f2.id]);
  });

  test('is refused without a token, and a bad token is refused at connection', async () => {
    const anon = t.ws(null);
    const { events } = collect(anon, NewFollowerAtDocument, 1);
    await expect(events).rejects.toThrow(/UNAUTHENTICATED/);
    const bad = t.ws('forged');
    const attempt = collect(bad, NewFollowerAtDocument, 1);
    await expect(attempt.events).rejects.toBeDefined();
  });
});
