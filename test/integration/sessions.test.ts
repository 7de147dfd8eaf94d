import jwt from 'jsonwebtoken';
import type { Client } from 'graphql-ws';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startTestApp, TestApp, operationText } from '../helpers/app';
import { signUp, follow, postNote, Person } from '../helpers/people';
import { issueToken } from '../../src/accounts/tokens';
import { MAX_SESSIONS_PER_USER } from '../../src/accounts/repository';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION, SESSION_RECHECK_MS } from '../../src/events/live';
import { signUpAdmin, signUpMerchant, listProduct, offerGroupBuy, START_GROUP_BUY } from '../helpers/commerce';
import {
  ArchiveGroupDocument,
  UpdatePasswordDocument,
  CreateGroupDocument,
  GroupActivityKindDocument,
  GroupBuyProgressKindDocument,
  InfluenceUpdatedDocument,
  JoinGroupDocument,
  LogInDocument,
  LogOutDocument,
  LogOutEverywhereDocument,
  MeDocument,
  NewFollowerDocument,
  NoteActivityKindDocument,
  NotificationAddedDocument,
  ReferralActivityKindDocument,
  RevokeSessionDocument,
  SessionsDocument,
  UpdateGroupVisibilityDocument,
  type GroupVisibility,
} from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const LOG_IN = LogInDocument;
const SESSIONS = SessionsDocument;
const ME = MeDocument;

async function logIn(who: Person, device?: string): Promise<string> {
  return (await t.ok(LOG_IN, { login: who.handle, password: who.password, device: device ?? null })).logIn.token!;
}

/** Logs in over raw HTTP with a browser's User-Agent, as a phone would. */
async function logInFrom(who: Person, userAgent: string): Promise<string> {
  const res = await fetch(t.app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ query: operationText(LOG_IN), variables: { login: who.handle, password: who.password } }),
  });
  return ((await res.json()) as { data: { logIn: { token: string } } }).data.logIn.token;
}

async function sessionsOf(token: string) {
  return (await t.ok(SESSIONS, { first: 100 }, token)).sessions.edges.map((e) => e.node);
}

const sessionIdOf = (token: string) => (jwt.decode(token) as { sid: string }).sid;
const codeOf = async <T, V>(operation: TypedDocumentNode<T, V>, token: string, variables?: V) => {
  const result = await t.gql(operation, variables, token);
  // A payload mutation answers an expected failure in its userErrors; the rest are top-level errors.
  const payload = Object.values((result.data ?? {}) as Record<string, { userErrors?: { code: string }[] } | null>)[0];
  return result.errors?.[0]?.extensions.code ?? payload?.userErrors?.[0]?.code;
};

describe('sessions', () => {
  test('each sign-up and login is a session, listed with its device and last use; only the viewer sees theirs', async () => {
    const mei = await signUp(t, 'se_mei');
    const phone = await logInFrom(mei, IPHONE_SAFARI);
    const laptop = await logIn(mei, "Mei's MacBook");

    const listed = await sessionsOf(laptop);
    expect(listed.map((s) => s.deviceLabel)).toEqual(["Mei's MacBook", 'Safari on iPhone', expect.any(String)]);
    expect(listed.map((s) => s.isCurrent)).toEqual([true, false, false]);
    expect(listed.map((s) => s.id)).toEqual([sessionIdOf(laptop), sessionIdOf(phone), sessionIdOf(mei.token)]);
    for (const s of listed) {
      expect(Date.parse(s.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
      expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.now());
    }
    expect((await sessionsOf(phone)).find((s) => s.isCurrent)?.deviceLabel).toBe('Safari on iPhone');

    // Paginated like every list.
    const first = (await t.ok(SESSIONS, { first: 2 }, laptop)).sessions;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = (await t.ok(SESSIONS, { first: 2, after: first.pageInfo.endCursor }, laptop)).sessions;
    expect(rest.edges.map((e) => e.node.id)).toEqual([sessionIdOf(mei.token)]);
    expect(await codeOf(SESSIONS, laptop, { first: 101 })).toBe('BAD_USER_INPUT');

    expect((await t.gql(SESSIONS, {})).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const other = await signUp(t, 'se_other');
    expect((await sessionsOf(other.token)).map((s) => s.id)).toEqual([sessionIdOf(other.token)]);
  });

  test('a device label is validated; a missing one is derived from the User-Agent', async () => {
    const lin = await signUp(t, 'se_lin');
    for (const device of ['', '   ', 'x'.repeat(65), 'tab\there']) {
      const result = await t.gql(LOG_IN, { login: lin.handle, password: lin.password, device });
      expect(result.data?.logIn).toMatchObject({ token: null, userErrors: [{ code: 'INVALID', field: ['deviceLabel'] }] });
    }
    // Nothing was opened by the refused logins.
    expect(await sessionsOf(lin.token)).toHaveLength(1);
  });

  test('logOut ends this session only: its token stops working at once, the other devices stay signed in', async () => {
    const kai = await signUp(t, 'se_kai');
    const phone = await logIn(kai, 'phone');
    expect(await t.ok(LogOutDocument, {}, kai.token)).toEqual({ logOut: { endedSessionId: sessionIdOf(kai.token) } });

    expect(await t.ok(ME, {}, kai.token)).toEqual({ me: null });
    expect(await codeOf(LogOutDocument, kai.token)).toBe('UNAUTHENTICATED');
    expect((await t.gql(SESSIONS, {}, kai.token)).errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/session has ended/) });
    expect(await t.ok(ME, {}, phone)).toEqual({ me: { id: kai.id } });
    expect((await sessionsOf(phone)).map((s) => s.deviceLabel)).toEqual(['phone']);
  });

  test('logOutEverywhere ends every session; revokeSession ends one, and only one of your own', async () => {
    const ana = await signUp(t, 'se_ana');
    const [tablet, phone, laptop] = [await logIn(ana, 'tablet'), await logIn(ana, 'phone'), await logIn(ana, 'laptop')];
    const stranger = await signUp(t, 'se_stranger');

    expect(await codeOf(RevokeSessionDocument, stranger.token, { id: sessionIdOf(tablet) })).toBe('NOT_FOUND');
    expect(await codeOf(RevokeSessionDocument, laptop, { id: 'not an id' })).toBe('INVALID');
    expect(await t.ok(RevokeSessionDocument, { id: sessionIdOf(tablet) }, laptop)).toEqual({ revokeSession: { revokedSessionId: sessionIdOf(tablet), userErrors: [] } });
    expect(await t.ok(ME, {}, tablet)).toEqual({ me: null });
    expect(await codeOf(RevokeSessionDocument, laptop, { id: sessionIdOf(tablet) })).toBe('NOT_FOUND');
    expect(await t.ok(ME, {}, phone)).toEqual({ me: { id: ana.id } });

    expect(await t.ok(LogOutEverywhereDocument, {}, phone)).toEqual({ logOutEverywhere: { endedSessionCount: 3 } });
    for (const token of [ana.token, phone, laptop]) expect(await t.ok(ME, {}, token)).toEqual({ me: null });
    // Logging in again works and starts a fresh list.
    const again = await logIn(ana, 'new phone');
    expect((await sessionsOf(again)).map((s) => s.deviceLabel)).toEqual(['new phone']);
  });

  test('changing the password keeps this session (with the new token) and signs the others out', async () => {
    const bo = await signUp(t, 'se_bo');
    const other = await logIn(bo, 'other');
    const changed = await t.ok(
      UpdatePasswordDocument,
      { c: bo.password, n: 'a brand new passphrase' },
      bo.token,
    );
    const fresh = changed.updatePassword.token!;
    expect(sessionIdOf(fresh)).toBe(sessionIdOf(bo.token));
    expect(await t.ok(ME, {}, bo.token)).toEqual({ me: null });
    expect(await t.ok(ME, {}, other)).toEqual({ me: null });
    expect(await sessionsOf(fresh)).toEqual([expect.objectContaining({ id: sessionIdOf(fresh), isCurrent: true })]);
  });

  test('lastUsedAt is written at most once a minute per session, behind the request', async () => {
    // The minute is simulated by moving lastUsedAt back in the database, which the instance's
    // viewer cache does not hear of: this app caches viewers for 200 ms (at most 5 s in production)
    // and writes session uses 30 ms after the first one of a batch (2 s in production).
    const short = await startTestApp({ VIEWER_CACHE_TTL_MS: '200', SESSION_TOUCH_FLUSH_MS: '30' });
    try {
      const jo = await signUp(short, 'se_jo');
      const ko = await signUp(short, 'se_ko');
      const lastUsed = async (p: Person) => {
        const { records } = await short.db.driver.executeQuery('MATCH (:User {id: $id})-[:HAS_SESSION]->(s:Session) RETURN s.lastUsedAt AS at', { id: p.id });
        return records[0]!.get('at') as number;
      };
      const written = async (p: Person, since: number) => {
        for (let i = 0; i < 100 && (await lastUsed(p)) < since; i++) await sleep(20);
        return lastUsed(p);
      };
      const opened = await lastUsed(jo);
      await short.ok(ME, {}, jo.token);
      await sleep(100);
      expect(await lastUsed(jo)).toBe(opened);

      const twoMinutesAgo = Date.now() - 120_000;
      await short.db.driver.executeQuery('MATCH (u:User)-[:HAS_SESSION]->(s:Session) WHERE u.id IN $ids SET s.lastUsedAt = $at', { ids: [jo.id, ko.id], at: twoMinutesAgo });
      await sleep(250);
      const before = Date.now();
      await Promise.all([short.ok(ME, {}, jo.token), short.ok(ME, {}, ko.token)]);
      const touched = await written(jo, before);
      expect(touched).toBeGreaterThanOrEqual(before);
      expect(await written(ko, before)).toBeGreaterThanOrEqual(before);
      await Promise.all(Array.from({ length: 5 }, () => short.ok(ME, {}, jo.token)));
      await sleep(100);
      expect(await lastUsed(jo)).toBe(touched);
    } finally {
      await short.close();
    }
  });

  test(`parallel logins keep at most ${MAX_SESSIONS_PER_USER} live sessions, revoking the least recently used`, async () => {
    const zoe = await signUp(t, 'se_zoe');
    // Logins in flight count against the account's login allowance until they succeed (hole 9),
    // so they race in waves of five, the allowance, rather than all at once.
    const tokens: string[] = [];
    for (let wave = 0; wave < (MAX_SESSIONS_PER_USER + 5) / 5; wave++) {
      tokens.push(...(await Promise.all(Array.from({ length: 5 }, (_, i) => logIn(zoe, `device ${wave * 5 + i}`)))));
    }
    const { records } = await t.db.driver.executeQuery(
      'MATCH (:User {id: $id})-[:HAS_SESSION]->(s:Session) WHERE s.revokedAt IS NULL RETURN count(s) AS live',
      { id: zoe.id },
    );
    expect(records[0]!.get('live')).toBe(MAX_SESSIONS_PER_USER);
    // The sign-up's session was used least recently: it is the first to go.
    expect(await t.ok(ME, {}, zoe.token)).toEqual({ me: null });
    const still = (await Promise.all(tokens.map((token) => t.ok(ME, {}, token)))).filter((r) => r.me !== null);
    expect(still).toHaveLength(MAX_SESSIONS_PER_USER);
  });

  test('a token without a session id (issued before sessions) is not accepted', async () => {
    const old = await signUp(t, 'se_old');
    const legacy = jwt.sign({ pwv: 1 }, t.deps.config.jwtSecret, { subject: old.id, expiresIn: 60, algorithm: 'HS256', issuer: 'zhongcao' });
    expect(await t.ok(ME, {}, legacy)).toEqual({ me: null });
  });
});

/** A live subscription's events and how it ended: 'complete', or the codes of the error it ended with. */
function watch<T, V>(client: Client, operation: TypedDocumentNode<T, V>, variables?: V) {
  const query = operationText(operation);
  const events: T[] = [];
  let ended: 'complete' | { codes: string[]; messages: string[] } | null = null;
  let acknowledged = false;
  client.on('connected', () => (acknowledged = true));
  const done = new Promise<void>((resolve) => {
    client.subscribe<T>(
      { query, variables: variables as Record<string, unknown> | undefined },
      {
        next: (value) => {
          if (value.errors) {
            ended = { codes: value.errors.map((e) => String(e.extensions?.code)), messages: value.errors.map((e) => e.message) };
            resolve();
          } else events.push(value.data as T);
        },
        error: (errors) => {
          const list = Array.isArray(errors) ? (errors as { message: string; extensions?: { code?: string } }[]) : [];
          ended = { codes: list.map((e) => String(e.extensions?.code)), messages: list.map((e) => e.message) };
          resolve();
        },
        complete: () => {
          ended ??= 'complete';
          resolve();
        },
      },
    );
  });
  return {
    events,
    ended: () => ended,
    /** Waits until the server has the subscription (there is no ack per subscription in the protocol). */
    async ready() {
      const deadline = Date.now() + 5000;
      while (!acknowledged && Date.now() < deadline) await sleep(20);
      await sleep(250);
    },
    /** Resolves with how the stream ended, failing after timeoutMs. */
    async end(timeoutMs = 3000) {
      await Promise.race([done, sleep(timeoutMs).then(() => Promise.reject(new Error(`still open after ${timeoutMs} ms with ${events.length} events`)))]);
      return ended;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NEW_FOLLOWER = NewFollowerDocument;

describe('live subscriptions lose what the subscriber lost', () => {
  test('logOut ends the streams of that session at once with UNAUTHENTICATED; another session keeps its stream', async () => {
    const star = await signUp(t, 'lv_star');
    const phone = await logIn(star, 'phone');
    const [fan1, fan2] = [await signUp(t, 'lv_fan1'), await signUp(t, 'lv_fan2')];
    const onLaptop = watch(t.ws(star.token), NEW_FOLLOWER);
    const onPhone = watch(t.ws(phone), NEW_FOLLOWER);
    await Promise.all([onLaptop.ready(), onPhone.ready()]);
    await follow(t, fan1, star);
    await sleep(200);

    await t.ok(LogOutDocument, {}, star.token);
    // No further event is needed for the stream to end.
    expect(await onLaptop.end()).toEqual({ codes: ['UNAUTHENTICATED'], messages: ['You logged out; log in again'] });
    expect(onLaptop.events).toHaveLength(1);

    await follow(t, fan2, star);
    await sleep(300);
    expect(onPhone.ended()).toBeNull();
    expect(onPhone.events.map((e) => e.newFollower.follower.id)).toEqual([fan1.id, fan2.id]);
  });

  test('a password change ends the streams opened with older tokens, on every session', async () => {
    const lee = await signUp(t, 'lv_lee');
    const tablet = await logIn(lee, 'tablet');
    const notifications = watch(t.ws(lee.token), NotificationAddedDocument);
    const influence = watch(t.ws(tablet), InfluenceUpdatedDocument, { userId: lee.id });
    await Promise.all([notifications.ready(), influence.ready()]);
    await t.ok(UpdatePasswordDocument, { c: lee.password, n: 'another long passphrase' }, lee.token);
    expect(await notifications.end()).toEqual({ codes: ['UNAUTHENTICATED'], messages: ['Your password changed; log in again'] });
    expect(await influence.end()).toMatchObject({ codes: ['UNAUTHENTICATED'] });
  });

  test('logOutEverywhere and revokeSession end the streams of the sessions they end', async () => {
    const ivy = await signUp(t, 'lv_ivy');
    const [a, b] = [await logIn(ivy, 'a'), await logIn(ivy, 'b')];
    const onA = watch(t.ws(a), ReferralActivityKindDocument, { userId: ivy.id });
    const onB = watch(t.ws(b), NEW_FOLLOWER);
    const onSignUp = watch(t.ws(ivy.token), NEW_FOLLOWER);
    await Promise.all([onA.ready(), onB.ready(), onSignUp.ready()]);

    await t.ok(RevokeSessionDocument, { id: sessionIdOf(a) }, b);
    expect(await onA.end()).toMatchObject({ codes: ['UNAUTHENTICATED'], messages: ['This session was signed out; log in again'] });
    expect(onB.ended()).toBeNull();

    await t.ok(LogOutEverywhereDocument, {}, b);
    expect(await onB.end()).toMatchObject({ codes: ['UNAUTHENTICATED'] });
    expect(await onSignUp.end()).toMatchObject({ codes: ['UNAUTHENTICATED'] });
  });

  test('a stream ends with UNAUTHENTICATED when its token expires', async () => {
    const mo = await signUp(t, 'lv_mo');
    const { pwv, sid } = jwt.decode(mo.token) as { pwv: number; sid: string };
    const shortLived = issueToken({ sub: mo.id, pwv, sid }, t.deps.config.jwtSecret, 2).token;
    const live = watch(t.ws(shortLived), NEW_FOLLOWER);
    await live.ready();
    expect(live.ended()).toBeNull();
    expect(await live.end(4000)).toEqual({ codes: ['UNAUTHENTICATED'], messages: ['Your session has expired; log in again'] });
  });

  test('a revocation the bus never delivered still ends the stream at its next event', async () => {
    const ray = await signUp(t, 'lv_ray');
    const fan = await signUp(t, 'lv_rfan');
    const live = watch(t.ws(ray.token), NEW_FOLLOWER);
    await live.ready();
    // Revoked straight in the database: no SESSION_REVOKED event is published.
    await t.db.driver.executeQuery('MATCH (:User {id: $id})-[:HAS_SESSION]->(s:Session) SET s.revokedAt = timestamp()', { id: ray.id });
    await sleep(200);
    expect(live.ended()).toBeNull();
    await follow(t, fan, ray);
    expect(await live.end()).toMatchObject({ codes: ['UNAUTHENTICATED'] });
    expect(live.events).toEqual([]);
  });

  const createGroup = async (owner: Person, visibility: GroupVisibility) =>
    (await t.ok(CreateGroupDocument, { input: { name: `Live circle ${Math.random().toString(36).slice(2, 8)}`, rules: 'Be kind.', topics: ['skincare'], visibility } }, owner.token)).createGroup.group!.id;
  
  test('an OPEN group turning CLOSED ends the streams of non-members at once with FORBIDDEN; members keep theirs', async () => {
    const [owner, member, outsider] = [await signUp(t, 'lv_gown'), await signUp(t, 'lv_gmem'), await signUp(t, 'lv_gout')];
    const g = await createGroup(owner, 'OPEN');
    await t.ok(JoinGroupDocument, { id: g }, member.token);
    const note = await postNote(t, owner, { groupId: g, title: 'Open thread' });

    const outsiderGroup = watch(t.ws(outsider.token), GroupActivityKindDocument, { g });
    const outsiderNote = watch(t.ws(outsider.token), NoteActivityKindDocument, { noteId: note.id });
    const memberGroup = watch(t.ws(member.token), GroupActivityKindDocument, { g });
    await Promise.all([outsiderGroup.ready(), outsiderNote.ready(), memberGroup.ready()]);

    await t.ok(UpdateGroupVisibilityDocument, { id: g, visibility: 'CLOSED' }, owner.token);
    expect(await outsiderGroup.end()).toEqual({ codes: ['FORBIDDEN'], messages: ['You can no longer see this group'] });
    expect(await outsiderNote.end()).toMatchObject({ codes: ['FORBIDDEN'] });

    await postNote(t, owner, { groupId: g, title: 'Members only now' });
    await sleep(300);
    expect(memberGroup.ended()).toBeNull();
    expect(memberGroup.events.map((e) => e.groupActivity.kind)).toEqual(['NOTE_POSTED']);
  });

  test("a group turning SECRET ends an outsider's groupBuyProgress stream of a group buy in it", async () => {
    const admin = await signUpAdmin(t, `lv-admin-${process.pid}@admins.example.com`);
    const shop = await signUpMerchant(t, admin, 'lv_shop');
    const product = await listProduct(t, shop);
    const [owner, outsider] = [await signUp(t, 'lv_bown'), await signUp(t, 'lv_bout')];
    const g = await createGroup(owner, 'OPEN');
    const offer = await offerGroupBuy(t, shop, product);
    const buy = (await t.ok(START_GROUP_BUY, { input: { groupId: g, offerId: offer } }, owner.token)).startGroupBuy.groupBuy!;
    const progress = watch(t.ws(outsider.token), GroupBuyProgressKindDocument, { id: buy.id });
    const ownersProgress = watch(t.ws(owner.token), GroupBuyProgressKindDocument, { id: buy.id });
    await Promise.all([progress.ready(), ownersProgress.ready()]);
    await t.ok(UpdateGroupVisibilityDocument, { id: g, visibility: 'SECRET' }, owner.token);
    expect(await progress.end()).toEqual({ codes: ['FORBIDDEN'], messages: ['You can no longer see this group'] });
    await sleep(200);
    expect(ownersProgress.ended()).toBeNull();
  });

  test('archiving a group ends every stream of it with FORBIDDEN, the members’ included', async () => {
    const [owner, member] = [await signUp(t, 'lv_aown'), await signUp(t, 'lv_amem')];
    const g = await createGroup(owner, 'OPEN');
    await t.ok(JoinGroupDocument, { id: g }, member.token);
    const memberStream = watch(t.ws(member.token), GroupActivityKindDocument, { g });
    const ownerStream = watch(t.ws(owner.token), GroupActivityKindDocument, { g });
    await Promise.all([memberStream.ready(), ownerStream.ready()]);
    await t.ok(ArchiveGroupDocument, { id: g }, owner.token);
    expect(await memberStream.end()).toMatchObject({ codes: ['FORBIDDEN'] });
    expect(await ownerStream.end()).toMatchObject({ codes: ['FORBIDDEN'] });
  });

  test('a group stream, whose events do not re-read the viewer, re-reads the session itself after SESSION_RECHECK_MS', async () => {
    const [owner, member] = [await signUp(t, 'lv_rown'), await signUp(t, 'lv_rmem')];
    const g = await createGroup(owner, 'OPEN');
    await t.ok(JoinGroupDocument, { id: g }, member.token);
    const live = watch(t.ws(member.token), GroupActivityKindDocument, { g });
    await live.ready();
    // Revoked straight in the database: no SESSION_REVOKED event is published.
    await t.db.driver.executeQuery('MATCH (:User {id: $id})-[:HAS_SESSION]->(s:Session) SET s.revokedAt = timestamp()', { id: member.id });
    await postNote(t, owner, { groupId: g, title: 'Soon after' });
    await sleep(300);
    // Within SESSION_RECHECK_MS the last reading stands (one event to many subscribers stays cheap)...
    expect(live.events).toHaveLength(1);
    await sleep(SESSION_RECHECK_MS);
    await postNote(t, owner, { groupId: g, title: 'Later' });
    // ...after it, the next event re-reads the session and ends the stream.
    expect(await live.end()).toMatchObject({ codes: ['UNAUTHENTICATED'] });
    expect(live.events).toHaveLength(1);
  }, 15_000);

  test(`one connection holds at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions; the next gets RATE_LIMITED`, async () => {
    const sam = await signUp(t, 'lv_sam');
    const client = t.ws(sam.token);
    const streams = Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION }, () => watch(client, NEW_FOLLOWER));
    await streams[0]!.ready();
    const extra = watch(client, NEW_FOLLOWER);
    expect(await extra.end()).toMatchObject({ codes: ['RATE_LIMITED'], messages: [expect.stringMatching(/At most 50 subscriptions per connection/)] });
    expect(streams.every((s) => s.ended() === null)).toBe(true);
    // A fresh connection is not limited by the first one.
    const other = watch(t.ws(sam.token), NEW_FOLLOWER);
    await other.ready();
    expect(other.ended()).toBeNull();
  });
});
