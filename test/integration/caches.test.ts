import { startTestApp, TestApp } from '../helpers/app';
import { signUp, follow, postNote, Person } from '../helpers/people';
import { signUpAdmin, setRole, listProduct } from '../helpers/commerce';
import { twoInstancesSharingRedis } from '../helpers/redis';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../../src/jobs/import';

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
  const instances = twoInstancesSharingRedis();
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => ({ a, b } = instances));

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

// The note record cache (src/content/note-cache.ts): each write that changes a note record, seen
// in a cached feed page or note page of another reader. "Cached" is proved by the round trips: a
// warm following page costs its one query, a warm note page only the reader's relation to the author.

const NOTE_FEED = `{ followingFeed(first: 10) { edges { node { id title likeCount collectCount commentCount viewerHasLiked author { id displayName viewerIsFollowing } } } } }`;
const NOTE_PAGE = `query($id: ID!) { note(id: $id) { id title likeCount commentCount } }`;
const LIKE = `mutation($id: ID!) { like(input: { noteId: $id }) { note { likeCount } userErrors { code } } }`;
const UNLIKE = `mutation($id: ID!) { unlike(input: { noteId: $id }) { note { likeCount } userErrors { code } } }`;
const COLLECT = `mutation($id: ID!) { collect(input: { noteId: $id }) { note { collectCount } userErrors { code } } }`;
const COMMENT = `mutation($id: ID!, $t: String!) { comment(input: { noteId: $id, text: $t }) { comment { id } userErrors { code } } }`;
const DELETE_COMMENT = `mutation($id: ID!) { deleteComment(input: { commentId: $id }) { deletedCommentId userErrors { code } } }`;
const UPDATE_NOTE = `mutation($id: ID!, $title: String!) { updateNote(input: { noteId: $id, title: $title }) { note { title } userErrors { code } } }`;
const DELETE_NOTE = `mutation($id: ID!) { deleteNote(input: { noteId: $id }) { deletedNoteId userErrors { code } } }`;
const CREATE_GROUP = `mutation($n: String!) { createGroup(input: { name: $n, visibility: OPEN }) { group { id } userErrors { code } } }`;
const JOIN_GROUP = `mutation($id: ID!) { joinGroup(input: { groupId: $id, acceptRules: true }) { status userErrors { code } } }`;
const SECRET_GROUP = `mutation($id: ID!) { updateGroup(input: { groupId: $id, visibility: SECRET }) { group { visibility } userErrors { code } } }`;
const REPORT_NOTE = `mutation($id: ID!) { report(input: { target: { noteId: $id }, reason: SPAM }) { received userErrors { code } } }`;
const QUEUE = `query($g: ID) { moderationQueue(groupId: $g) { nodes { id targetId } } }`;
const MODERATE = `mutation($c: ID!) { moderate(input: { caseId: $c, action: HIDE, reason: "spam" }) { moderationAction { id } userErrors { code } } }`;

type FeedNote = { id: string; title: string; likeCount: number; collectCount: number; commentCount: number; viewerHasLiked: boolean; author: { id: string; displayName: string; viewerIsFollowing: boolean } };
type NotePage = { id: string; title: string; likeCount: number; commentCount: number } | null;

async function feedTrips(t: TestApp, reader: Person): Promise<{ notes: FeedNote[]; trips: number }> {
  const before = t.db.totals.roundTrips;
  const data = await t.ok<{ followingFeed: { edges: { node: FeedNote }[] } }>(NOTE_FEED, {}, reader.token);
  return { notes: data.followingFeed.edges.map((e) => e.node), trips: t.db.totals.roundTrips - before };
}

async function feedNote(t: TestApp, reader: Person, id: string): Promise<FeedNote | undefined> {
  return (await feedTrips(t, reader)).notes.find((n) => n.id === id);
}

/**
 * Reads until a read costs `trips` round trips, at most three times: on a loaded machine the
 * viewer's 5 s TTL can run out between two reads, and the next read caches it again.
 */
async function warmed<T>(read: () => Promise<{ value: T; trips: number }>, trips: number): Promise<T> {
  let last = await read();
  for (let attempt = 0; attempt < 3 && last.trips !== trips; attempt++) last = await read();
  expect(last.trips).toBe(trips);
  return last.value;
}

/** Makes the instance cache the reader's feed page (viewer, notes, authors) and proves it: the page costs its one query. */
async function cachedFeedNote(t: TestApp, reader: Person, id: string): Promise<FeedNote | undefined> {
  const notes = await warmed(async () => {
    const { notes: value, trips } = await feedTrips(t, reader);
    return { value, trips };
  }, 1);
  return notes.find((n) => n.id === id);
}

async function notePage(t: TestApp, reader: Person, id: string): Promise<NotePage> {
  return (await t.ok<{ note: NotePage }>(NOTE_PAGE, { id }, reader.token)).note;
}

/**
 * Makes the instance cache the note (and the viewer) and proves it: the page costs only what is
 * read fresh for the reader, their relation to the author and, for a group's note, the group and
 * their standing in it (3 round trips).
 */
async function cachedNotePage(t: TestApp, reader: Person, id: string, freshTrips = 1): Promise<NotePage> {
  return warmed(async () => {
    const before = t.db.totals.roundTrips;
    const value = await notePage(t, reader, id);
    return { value, trips: t.db.totals.roundTrips - before };
  }, freshTrips);
}

/** An OPEN group by its owner, with the author a member who posted a note in it. */
async function groupNote(t: TestApp, owner: Person, author: Person): Promise<{ groupId: string; noteId: string }> {
  const created = await t.ok<{ createGroup: { group: { id: string } } }>(CREATE_GROUP, { n: `Cache circle ${Math.random().toString(36).slice(2, 10)}` }, owner.token);
  const groupId = created.createGroup.group.id;
  await t.ok(JOIN_GROUP, { id: groupId }, author.token);
  return { groupId, noteId: (await postNote(t, author, { groupId })).id };
}

/** Reports the note and has the group's owner hide it. */
async function hideByModerator(t: TestApp, owner: Person, reporter: Person, groupId: string, noteId: string): Promise<void> {
  await t.ok(REPORT_NOTE, { id: noteId }, reporter.token);
  const queue = await t.ok<{ moderationQueue: { nodes: { id: string; targetId: string }[] } }>(QUEUE, { g: groupId }, owner.token);
  const found = queue.moderationQueue.nodes.find((c) => c.targetId === noteId)!;
  await t.ok(MODERATE, { c: found.id }, owner.token);
}

describe('the note cache, on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('a warm following page costs its one query; a cold one brings its records with it, or adds one batch of notes and one of authors', async () => {
    const [author, other, fan] = [await signUp(t, 'nc_cold_a'), await signUp(t, 'nc_cold_o'), await signUp(t, 'nc_cold_f')];
    await follow(t, fan, author);
    await follow(t, fan, other);
    await postNote(t, author);
    await postNote(t, other);
    // Second instances on the same database have cached nothing. Their viewer cache is off, so the
    // viewer costs one round trip on every request, and no TTL can run out between two reads.
    const fresh = await startTestApp({ VIEWER_CACHE_TTL_MS: '0' });
    const skeletonOnly = await startTestApp({ VIEWER_CACHE_TTL_MS: '0', FEED_PAGE_RECORDS_BELOW_PCT: '0' });
    try {
      // A fresh instance's pages bring their records (src/feeds/page-records.ts): the viewer and the page.
      const cold = await feedTrips(fresh, fan);
      expect(cold.trips).toBe(2);
      // Pages that never bring them: the viewer; the page's one query; the notes and their authors, one batch each.
      const coldSkeleton = await feedTrips(skeletonOnly, fan);
      expect(coldSkeleton.trips).toBe(4);
      expect(coldSkeleton.notes).toEqual(cold.notes);
      // Warm: the viewer and the page's one query; the notes and authors came from the caches.
      const warm = await feedTrips(skeletonOnly, fan);
      expect(warm.trips).toBe(2);
      expect(warm.notes).toEqual(cold.notes);
      expect(warm.notes.map((n) => n.author.id).sort()).toEqual([author.id, other.id].sort());
    } finally {
      await Promise.all([fresh.close(), skeletonOnly.close()]);
    }
  });

  test('like, comment, collect, unlike and a deleted comment show in a follower’s cached feed at once', async () => {
    const [author, fan, liker] = [await signUp(t, 'nc_cnt_a'), await signUp(t, 'nc_cnt_f'), await signUp(t, 'nc_cnt_l')];
    await follow(t, fan, author);
    const { id } = await postNote(t, author);
    expect(await cachedFeedNote(t, fan, id)).toMatchObject({ likeCount: 0, commentCount: 0, collectCount: 0 });
    await t.ok(LIKE, { id }, liker.token);
    expect((await feedNote(t, fan, id))?.likeCount).toBe(1);

    await cachedFeedNote(t, fan, id);
    const comment = (await t.ok<{ comment: { comment: { id: string } } }>(COMMENT, { id, t: 'so good' }, liker.token)).comment.comment.id;
    expect((await feedNote(t, fan, id))?.commentCount).toBe(1);

    await cachedFeedNote(t, fan, id);
    await t.ok(COLLECT, { id }, liker.token);
    expect((await feedNote(t, fan, id))?.collectCount).toBe(1);

    await cachedFeedNote(t, fan, id);
    await t.ok(UNLIKE, { id }, liker.token);
    expect((await feedNote(t, fan, id))?.likeCount).toBe(0);

    await cachedFeedNote(t, fan, id);
    await t.ok(DELETE_COMMENT, { id: comment }, liker.token);
    expect((await feedNote(t, fan, id))?.commentCount).toBe(0);
  });

  test('updateNote shows the new title, and deleteNote removes the note, in cached feeds and note pages at once', async () => {
    const [author, fan] = [await signUp(t, 'nc_ed_a'), await signUp(t, 'nc_ed_f')];
    await follow(t, fan, author);
    const { id } = await postNote(t, author, { title: 'Before the edit' });
    expect((await cachedFeedNote(t, fan, id))?.title).toBe('Before the edit');
    expect((await cachedNotePage(t, fan, id))?.title).toBe('Before the edit');
    await t.ok(UPDATE_NOTE, { id, title: 'After the edit' }, author.token);
    expect((await feedNote(t, fan, id))?.title).toBe('After the edit');
    expect((await notePage(t, fan, id))?.title).toBe('After the edit');

    await cachedFeedNote(t, fan, id);
    await cachedNotePage(t, fan, id);
    await t.ok(DELETE_NOTE, { id }, author.token);
    expect(await notePage(t, fan, id)).toBeNull();
    expect(await feedNote(t, fan, id)).toBeUndefined();
  });

  test('a moderator hiding a cached note removes it for its readers at once', async () => {
    const [owner, author, fan] = [await signUp(t, 'nc_mod_o'), await signUp(t, 'nc_mod_a'), await signUp(t, 'nc_mod_f')];
    await follow(t, fan, author);
    const { groupId, noteId } = await groupNote(t, owner, author);
    expect((await cachedFeedNote(t, fan, noteId))?.id).toBe(noteId);
    expect((await cachedNotePage(t, fan, noteId, 3))?.id).toBe(noteId);
    await hideByModerator(t, owner, fan, groupId, noteId);
    expect(await notePage(t, fan, noteId)).toBeNull();
    expect(await feedNote(t, fan, noteId)).toBeUndefined();
  });

  test('an import announced on the bus shows its likes in a cached feed at once', async () => {
    const [author, fan, liker] = [await signUp(t, 'nc_imp_a'), await signUp(t, 'nc_imp_f'), await signUp(t, 'nc_imp_l')];
    await follow(t, fan, author);
    const { id } = await postNote(t, author);
    expect((await cachedFeedNote(t, fan, id))?.likeCount).toBe(0);
    const path = join(mkdtempSync(join(tmpdir(), 'zhongcao-cache-import-')), 'likes.jsonl');
    writeFileSync(path, `${JSON.stringify({ type: 'like', user: liker.id, note: id, createdAt: Date.now() })}\n`);
    // What `npm run import` does with REDIS_URL: the instances on its bus hear that every note changed.
    await importFile(path, { db: t.db, quiet: true, events: t.deps.events });
    expect((await soon(() => feedNote(t, fan, id), (n) => n?.likeCount === 1))?.likeCount).toBe(1);
  });

  test('a group turned SECRET hides its cached notes from a non-member at once', async () => {
    const [owner, author, fan] = [await signUp(t, 'nc_sec_o'), await signUp(t, 'nc_sec_a'), await signUp(t, 'nc_sec_f')];
    await follow(t, fan, author);
    const { groupId, noteId } = await groupNote(t, owner, author);
    expect((await cachedFeedNote(t, fan, noteId))?.id).toBe(noteId);
    expect((await cachedNotePage(t, fan, noteId, 3))?.id).toBe(noteId);
    await t.ok(SECRET_GROUP, { id: groupId }, owner.token);
    expect(await notePage(t, fan, noteId)).toBeNull();
    expect(await feedNote(t, fan, noteId)).toBeUndefined();
    // The member still sees it: the decision is the reader's, not the cached record's.
    expect((await notePage(t, author, noteId))?.id).toBe(noteId);
  });
});

describe('the note cache, on two instances sharing a Redis bus', () => {
  const instances = twoInstancesSharingRedis();
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => ({ a, b } = instances));

  test('a like and a comment on A show in the feed B has cached', async () => {
    const [author, fan, liker] = [await signUp(a, 'nc2_cnt_a'), await signUp(a, 'nc2_cnt_f'), await signUp(a, 'nc2_cnt_l')];
    await follow(a, fan, author);
    const { id } = await postNote(a, author);
    expect(await cachedFeedNote(b, fan, id)).toMatchObject({ likeCount: 0, commentCount: 0 });
    await a.ok(LIKE, { id }, liker.token);
    expect((await soon(() => feedNote(b, fan, id), (n) => n?.likeCount === 1))?.likeCount).toBe(1);
    await cachedFeedNote(b, fan, id);
    await a.ok(COMMENT, { id, t: 'from A' }, liker.token);
    expect((await soon(() => feedNote(b, fan, id), (n) => n?.commentCount === 1))?.commentCount).toBe(1);
  });

  test('an edit and a deletion on A show in the feed and the note page B has cached', async () => {
    const [author, fan] = [await signUp(a, 'nc2_ed_a'), await signUp(a, 'nc2_ed_f')];
    await follow(a, fan, author);
    const { id } = await postNote(a, author, { title: 'Before on A' });
    await cachedFeedNote(b, fan, id);
    await cachedNotePage(b, fan, id);
    await a.ok(UPDATE_NOTE, { id, title: 'After on A' }, author.token);
    expect((await soon(() => feedNote(b, fan, id), (n) => n?.title === 'After on A'))?.title).toBe('After on A');
    expect((await notePage(b, fan, id))?.title).toBe('After on A');

    await cachedNotePage(b, fan, id);
    await a.ok(DELETE_NOTE, { id }, author.token);
    expect(await soon(() => notePage(b, fan, id), (n) => n === null)).toBeNull();
    expect(await feedNote(b, fan, id)).toBeUndefined();
  });

  test('a moderator hiding a note on A, and its group turned SECRET on A, hide it on B', async () => {
    const [owner, author, fan] = [await signUp(a, 'nc2_mod_o'), await signUp(a, 'nc2_mod_a'), await signUp(a, 'nc2_mod_f')];
    await follow(a, fan, author);
    const hidden = await groupNote(a, owner, author);
    await cachedNotePage(b, fan, hidden.noteId, 3);
    await hideByModerator(a, owner, fan, hidden.groupId, hidden.noteId);
    expect(await soon(() => notePage(b, fan, hidden.noteId), (n) => n === null)).toBeNull();

    const secret = await groupNote(a, owner, author);
    expect((await cachedFeedNote(b, fan, secret.noteId))?.id).toBe(secret.noteId);
    await cachedNotePage(b, fan, secret.noteId, 3);
    await a.ok(SECRET_GROUP, { id: secret.groupId }, owner.token);
    expect(await soon(() => notePage(b, fan, secret.noteId), (n) => n === null)).toBeNull();
    expect(await feedNote(b, fan, secret.noteId)).toBeUndefined();
  });
});
