import { startTestApp, TestApp } from '../helpers/app';
import { signUp, follow, postNote, Person } from '../helpers/people';
import { signUpAdmin, setRole, listProduct } from '../helpers/commerce';
import { startRedis } from '../helpers/redis';

// Issue 14, section 4: every per-instance cache is kept true by the writes that change what it
// holds, on the instance that wrote and, through the Redis bus, on every other one. Each test first
// makes the reading instance cache what the write then changes (shown by a read that costs no round
// trip), so a test that passed without the invalidation could not pass at all.

const ME = `{ me { id handle displayName bio role followerCount followingCount noteCount } }`;
const FEED = `{ followingFeed(first: 5) { edges { node { id author { id displayName } } } } }`;
const CHANGE_PASSWORD = `mutation($c: String!, $n: String!) { updatePassword(input: { currentPassword: $c, newPassword: $n }) { token userErrors { code } } }`;
const RENAME = `mutation($n: String!) { updateProfile(input: { displayName: $n }) { user { displayName } userErrors { code } } }`;
const LOG_IN = `mutation($l: String!, $p: String!) { logIn(input: { login: $l, password: $p }) { token userErrors { code } } }`;
const SESSIONS = `{ sessions { edges { node { id isCurrent } } } }`;
const REVOKE = `mutation($id: ID!) { revokeSession(input: { sessionId: $id }) { userErrors { code } } }`;
const BLOCK = `mutation($id: ID!) { block(input: { userId: $id }) { userErrors { code } } }`;

type Me = { id: string; handle: string; displayName: string; bio: string; role: string; followerCount: number; followingCount: number; noteCount: number } | null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function me(t: TestApp, who: Person | string): Promise<Me> {
  return (await t.ok<{ me: Me }>(ME, {}, typeof who === 'string' ? who : who.token)).me;
}

/** Reads the viewer and counts the round trips it took: 0 means the instance answered from its viewer cache. */
async function meTrips(t: TestApp, who: Person | string): Promise<{ me: Me; trips: number }> {
  const before = t.db.totals.roundTrips;
  const answer = await me(t, who);
  return { me: answer, trips: t.db.totals.roundTrips - before };
}

/** Makes the instance cache the viewer, and proves it did: the second read costs no round trip. */
async function cached(t: TestApp, who: Person | string): Promise<Me> {
  await me(t, who);
  const { me: answer, trips } = await meTrips(t, who);
  expect(trips).toBe(0);
  return answer;
}

/**
 * What another instance answers once the bus has delivered the event: polled for at most a
 * second, a fifth of the viewer cache's 5 s TTL, so it is the bus and not the TTL that made it true.
 */
async function soon<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 1000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await sleep(20);
  }
}

const PROFILE = `query($id: ID!) { user(id: $id) { id displayName role followerCount followingCount noteCount } }`;
type Profile = { id: string; displayName: string; role: string; followerCount: number; followingCount: number; noteCount: number } | null;

async function profile(t: TestApp, of: Person, reader: Person): Promise<Profile> {
  return (await t.ok<{ user: Profile }>(PROFILE, { id: of.id }, reader.token)).user;
}

/** Makes the instance cache the reader (as viewer) and the user read, and proves it: the second read costs no round trip. */
async function cachedProfile(t: TestApp, of: Person, reader: Person): Promise<Profile> {
  await profile(t, of, reader);
  const before = t.db.totals.roundTrips;
  const answer = await profile(t, of, reader);
  expect(t.db.totals.roundTrips - before).toBe(0);
  return answer;
}

async function sessionIdOf(t: TestApp, token: string): Promise<string> {
  const data = await t.ok<{ sessions: { edges: { node: { id: string; isCurrent: boolean } }[] } }>(SESSIONS, {}, token);
  return data.sessions.edges.find((e) => e.node.isCurrent)!.node.id;
}

async function logIn(t: TestApp, who: Person): Promise<string> {
  return (await t.ok<{ logIn: { token: string } }>(LOG_IN, { l: who.handle, p: who.password })).logIn.token;
}

describe('the viewer cache, on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('a cached viewer costs no round trip; a password change refuses the old token at once', async () => {
    const mei = await signUp(t, 'vc_pw');
    expect((await cached(t, mei))?.id).toBe(mei.id);
    const { token } = (await t.ok<{ updatePassword: { token: string } }>(CHANGE_PASSWORD, { c: mei.password, n: 'a brand new passphrase' }, mei.token)).updatePassword;
    expect(await me(t, mei)).toBeNull();
    expect((await me(t, token))?.id).toBe(mei.id);
  });

  test('logOut, revokeSession and logOutEverywhere refuse the ended tokens at once', async () => {
    const kai = await signUp(t, 'vc_out');
    const [phone, tablet, laptop] = [await logIn(t, kai), await logIn(t, kai), await logIn(t, kai)];
    for (const token of [kai.token, phone, tablet, laptop]) await cached(t, token);

    await t.ok(`mutation { logOut { endedSessionId } }`, {}, phone);
    expect(await me(t, phone)).toBeNull();
    expect((await me(t, tablet))?.id).toBe(kai.id);

    await t.ok(REVOKE, { id: await sessionIdOf(t, tablet) }, laptop);
    expect(await me(t, tablet)).toBeNull();

    await cached(t, laptop);
    await t.ok(`mutation { logOutEverywhere { endedSessionCount } }`, {}, kai.token);
    expect(await me(t, laptop)).toBeNull();
    expect(await me(t, kai)).toBeNull();
  });

  test('a role change takes effect at once for the cached viewer', async () => {
    const admin = await signUpAdmin(t, `vc-admin-${process.pid}@admins.example.com`);
    const shop = await signUp(t, 'vc_role');
    expect((await cached(t, shop))?.role).toBe('USER');
    await setRole(t, admin, shop, 'MERCHANT');
    expect((await me(t, shop))?.role).toBe('MERCHANT');
    // The role is what authorisation reads: a merchant-only operation now succeeds.
    expect(await listProduct(t, shop)).toEqual(expect.any(String));
  });

  test('a rename shows at once in the cached viewer and in a follower’s feed', async () => {
    const [author, fan] = [await signUp(t, 'vc_name'), await signUp(t, 'vc_fan')];
    await follow(t, fan, author);
    const note = await postNote(t, author);
    expect((await cached(t, author))?.displayName).toBe('vc_name');
    await t.ok(FEED, {}, fan.token);
    await t.ok(RENAME, { n: 'Mei the planter' }, author.token);
    expect((await me(t, author))?.displayName).toBe('Mei the planter');
    const feed = await t.ok<{ followingFeed: { edges: { node: { id: string; author: { displayName: string } } }[] } }>(FEED, {}, fan.token);
    expect(feed.followingFeed.edges.find((e) => e.node.id === note.id)?.node.author.displayName).toBe('Mei the planter');
  });

  test('follows, unfollows, blocks, new and deleted notes show in the cached viewers’ counts at once', async () => {
    const [star, fan] = [await signUp(t, 'vc_star'), await signUp(t, 'vc_cnt')];
    await cached(t, star);
    await cached(t, fan);
    await follow(t, fan, star);
    expect((await me(t, fan))?.followingCount).toBe(1);
    expect((await me(t, star))?.followerCount).toBe(1);

    await cached(t, fan);
    await t.ok(`mutation($id: ID!) { unfollow(input: { userId: $id }) { userErrors { code } } }`, { id: star.id }, fan.token);
    expect((await me(t, fan))?.followingCount).toBe(0);
    expect((await me(t, star))?.followerCount).toBe(0);

    await follow(t, fan, star);
    await cached(t, star);
    await t.ok(BLOCK, { id: fan.id }, star.token);
    expect((await me(t, star))?.followerCount).toBe(0);
    expect((await me(t, fan))?.followingCount).toBe(0);

    await cached(t, star);
    const note = await postNote(t, star);
    expect((await me(t, star))?.noteCount).toBe(1);
    await cached(t, star);
    await t.ok(`mutation($id: ID!) { deleteNote(input: { noteId: $id }) { deletedNoteId userErrors { code } } }`, { id: note.id }, star.token);
    expect((await me(t, star))?.noteCount).toBe(0);
  });

  test('a user record, cached for its readers, shows a rename, a role and new counts at once', async () => {
    const admin = await signUpAdmin(t, `vc-uadmin-${process.pid}@admins.example.com`);
    const [author, reader, fan] = [await signUp(t, 'uc_author'), await signUp(t, 'uc_reader'), await signUp(t, 'uc_fan')];
    expect(await cachedProfile(t, author, reader)).toMatchObject({ displayName: 'uc_author', followerCount: 0, noteCount: 0 });
    await t.ok(RENAME, { n: 'Author renamed' }, author.token);
    expect((await profile(t, author, reader))?.displayName).toBe('Author renamed');

    await cachedProfile(t, author, reader);
    await follow(t, fan, author);
    expect((await profile(t, author, reader))?.followerCount).toBe(1);
    expect((await profile(t, fan, reader))?.followingCount).toBe(1);

    await cachedProfile(t, author, reader);
    await postNote(t, author);
    expect((await profile(t, author, reader))?.noteCount).toBe(1);

    await cachedProfile(t, author, reader);
    await setRole(t, admin, author, 'MERCHANT');
    expect((await profile(t, author, reader))?.role).toBe('MERCHANT');
  });

  test('a revocation the bus never carried is covered by the TTL (2 s here, at most 5 s in production)', async () => {
    // Long enough that a loaded machine still reads within the TTL, short enough to wait out.
    const short = await startTestApp({ VIEWER_CACHE_TTL_MS: '2000' });
    try {
      const ray = await signUp(short, 'vc_ttl');
      await cached(short, ray);
      // Revoked straight in the database: no event is published, so the cached viewer stands...
      await short.db.driver.executeQuery('MATCH (:User {id: $id})-[:HAS_SESSION]->(s:Session) SET s.revokedAt = timestamp()', { id: ray.id });
      expect((await me(short, ray))?.id).toBe(ray.id);
      // ...until its TTL ends, and no longer.
      await sleep(2100);
      expect(await me(short, ray)).toBeNull();
    } finally {
      await short.close();
    }
  });

  test('VIEWER_CACHE_TTL_MS above 5 s is refused at start-up', async () => {
    await expect(startTestApp({ VIEWER_CACHE_TTL_MS: '6000' })).rejects.toThrow(/VIEWER_CACHE_TTL_MS/);
  });
});

describe('the viewer cache, on two instances sharing a Redis bus', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    a = await startTestApp({ REDIS_URL: redis.url });
    b = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  test('a password change on A refuses the old token on A at once and on B as soon as the bus delivers', async () => {
    const mei = await signUp(a, 'vc2_pw');
    await cached(a, mei);
    await cached(b, mei);
    await a.ok(CHANGE_PASSWORD, { c: mei.password, n: 'another new passphrase' }, mei.token);
    expect(await me(a, mei)).toBeNull();
    expect(await soon(() => me(b, mei), (m) => m === null)).toBeNull();
  });

  test('a logOut on A refuses the token on B', async () => {
    const kai = await signUp(a, 'vc2_out');
    await cached(b, kai);
    await a.ok(`mutation { logOut { endedSessionId } }`, {}, kai.token);
    expect(await soon(() => me(b, kai), (m) => m === null)).toBeNull();
  });

  test('a role change on A takes effect on B', async () => {
    const admin = await signUpAdmin(a, `vc2-admin-${process.pid}@admins.example.com`);
    const shop = await signUp(a, 'vc2_role');
    expect((await cached(b, shop))?.role).toBe('USER');
    await setRole(a, admin, shop, 'MERCHANT');
    expect((await soon(() => me(b, shop), (m) => m?.role === 'MERCHANT'))?.role).toBe('MERCHANT');
  });

  test('a rename and a follow on A show in user records B has cached for their readers', async () => {
    const [author, reader, fan] = [await signUp(a, 'uc2_author'), await signUp(a, 'uc2_reader'), await signUp(a, 'uc2_fan')];
    await cachedProfile(b, author, reader);
    await a.ok(RENAME, { n: 'Renamed for B' }, author.token);
    expect((await soon(() => profile(b, author, reader), (p) => p?.displayName === 'Renamed for B'))?.displayName).toBe('Renamed for B');
    await cachedProfile(b, author, reader);
    await follow(a, fan, author);
    expect((await soon(() => profile(b, author, reader), (p) => p?.followerCount === 1))?.followerCount).toBe(1);
  });

  test('a rename and a follow on A show in the cached viewers on B', async () => {
    const [author, fan] = [await signUp(a, 'vc2_name'), await signUp(a, 'vc2_fan')];
    await cached(b, author);
    await cached(b, fan);
    await a.ok(RENAME, { n: 'Renamed on A' }, author.token);
    expect((await soon(() => me(b, author), (m) => m?.displayName === 'Renamed on A'))?.displayName).toBe('Renamed on A');
    await follow(a, fan, author);
    expect((await soon(() => me(b, fan), (m) => m?.followingCount === 1))?.followingCount).toBe(1);
    expect((await soon(() => me(b, author), (m) => m?.followerCount === 1))?.followerCount).toBe(1);
  });
});
