import { startTestApp, TestApp } from '../helpers/app';
import { signUp, type Person } from '../helpers/people';
import { recordSecurityEvent, SecurityEventKind } from '../../src/security/events';
import { LogOutEverywhereDocument, RevokeSessionDocument, SecurityEventsDocument, SecurityLogInDocument, SessionsDocument, UpdatePasswordDocument } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const storedEvents = (userId: string) =>
  t.db.scope().read({ name: 'test/stored-events', text: 'MATCH (:User {id: $userId})-[:HAD_SECURITY_EVENT]->(e:SecurityEvent) RETURN e {.*} AS e ORDER BY e.at' }, { userId });

describe('recordSecurityEvent', () => {
  test('stores the event on the user in the caller’s transaction, with the IP prefix only', async () => {
    const ann = await signUp(t, 'ann');
    const id = await t.db.scope().writeTx((tx) =>
      recordSecurityEvent(tx, { userId: ann.id, kind: SecurityEventKind.DATA_EXPORT_REQUESTED, ip: '203.0.113.77', deviceLabel: 'Safari on iPhone', detail: 'archive', at: 1_700_000_000_000 }),
    );
    const rows = await storedEvents(ann.id);
    expect(rows.map((r) => r.e)).toContainEqual({ id, kind: 'DATA_EXPORT_REQUESTED', at: 1_700_000_000_000, ipPrefix: '203.0.113.0/24', deviceLabel: 'Safari on iPhone', detail: 'archive' });
  });

  test('a transaction that fails after recording leaves no event', async () => {
    const bo = await signUp(t, 'bo');
    await expect(
      t.db.scope().writeTx(async (tx) => {
        await recordSecurityEvent(tx, { userId: bo.id, kind: SecurityEventKind.ACCOUNT_DELETION_REQUESTED, ip: '10.0.0.1' });
        throw new Error('refused later in the same transaction');
      }),
    ).rejects.toThrow('refused later');
    expect((await storedEvents(bo.id)).filter((r) => (r.e as { kind: string }).kind === 'ACCOUNT_DELETION_REQUESTED')).toEqual([]);
  });

  test('an unknown user gets no event', async () => {
    expect(await t.db.scope().writeTx((tx) => recordSecurityEvent(tx, { userId: 'no-such-user', kind: SecurityEventKind.LOG_IN_FAILED, ip: null }))).toBeNull();
  });
});

/** The viewer's events, newest first, as the API lists them. */
async function eventsOf(who: { token: string }, first = 100) {
  return (await t.ok(SecurityEventsDocument, { first }, who.token)).securityEvents;
}

const logIn = async (who: Person, password = who.password, device: string | null = null) => (await t.answer(SecurityLogInDocument, { login: who.handle, password, device }, null)).logIn;

describe('securityEvents', () => {
  test('a sign-up is the first sign-in; a login records its device and network, never the full address', async () => {
    const mei = await signUp(t, 'mei');
    await logIn(mei, mei.password, 'Work laptop');
    const { edges, totalCount } = await eventsOf(mei);
    expect(totalCount).toBe(2);
    const [login, signUpEvent] = edges.map((e) => e.node);
    expect(login).toMatchObject({ kind: 'LOG_IN', deviceLabel: 'Work laptop', ipPrefix: '127.0.0.0/24', detail: null });
    expect(signUpEvent).toMatchObject({ kind: 'LOG_IN', detail: 'sign-up', ipPrefix: '127.0.0.0/24' });
    expect(JSON.stringify(edges)).not.toContain('127.0.0.1');
    expect(Date.parse(login!.occurredAt)).toBeGreaterThanOrEqual(Date.parse(signUpEvent!.occurredAt));
  });

  test('a wrong password is a failed sign-in of that account; an unknown login records nothing', async () => {
    const kai = await signUp(t, 'kai');
    expect((await logIn(kai, 'not the password')).userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
    await t.answer(SecurityLogInDocument, { login: `${kai.handle}x`, password: 'whatever it is', device: null }, null);
    const kinds = (await eventsOf(kai)).edges.map((e) => e.node);
    expect(kinds.map((e) => e.kind)).toEqual(['LOG_IN_FAILED', 'LOG_IN']);
    expect(kinds[0]).toMatchObject({ detail: 'wrong password', ipPrefix: '127.0.0.0/24' });
  });

  test('a password change and ended sessions are recorded, saying which sessions ended', async () => {
    const lin = await signUp(t, 'lin');
    await logIn(lin, lin.password, 'Lin’s phone');
    await logIn(lin, lin.password, 'Lin’s tablet');
    const sessions = (await t.ok(SessionsDocument, { first: 10 }, lin.token)).sessions.edges.map((e) => e.node);
    const phoneSession = sessions.find((s) => s.deviceLabel === 'Lin’s phone')!;
    await t.ok(RevokeSessionDocument, { id: phoneSession.id }, lin.token);
    // Revoking it again ends nothing, and records nothing.
    await t.answer(RevokeSessionDocument, { id: phoneSession.id }, lin.token);
    const changed = (await t.ok(UpdatePasswordDocument, { c: lin.password, n: 'an even better passphrase' }, lin.token)).updatePassword.token!;
    await t.ok(LogOutEverywhereDocument, {}, changed);
    const events = (await eventsOf({ token: (await t.answer(SecurityLogInDocument, { login: lin.handle, password: 'an even better passphrase', device: null }, null)).logIn.token! })).edges.map((e) => e.node);
    expect(events.map((e) => [e.kind, e.detail])).toEqual([
      ['LOG_IN', null],
      // logOutEverywhere: the password change had already ended every other session.
      ['SESSION_REVOKED', 'ended "Node.js"'],
      ['PASSWORD_CHANGED', null],
      ['SESSION_REVOKED', 'ended "Lin’s phone"'],
      ['LOG_IN', null],
      ['LOG_IN', null],
      ['LOG_IN', 'sign-up'],
    ]);
  });

  test('pages newest first with first/after, and lists only the viewer’s own events', async () => {
    const [ru, other] = [await signUp(t, 'ru'), await signUp(t, 'other')];
    for (const device of ['one', 'two', 'three']) await logIn(ru, ru.password, device);
    const first = await t.ok(SecurityEventsDocument, { first: 2 }, ru.token);
    expect(first.securityEvents.edges.map((e) => e.node.deviceLabel)).toEqual(['three', 'two']);
    expect(first.securityEvents.pageInfo.hasNextPage).toBe(true);
    const second = await t.ok(SecurityEventsDocument, { first: 2, after: first.securityEvents.pageInfo.endCursor }, ru.token);
    expect(second.securityEvents.edges.map((e) => [e.node.deviceLabel, e.node.detail])).toEqual([['one', null], [expect.any(String), 'sign-up']]);
    expect(second.securityEvents.pageInfo.hasNextPage).toBe(false);
    const ids = new Set([...first.securityEvents.edges, ...second.securityEvents.edges].map((e) => e.node.id));
    expect((await eventsOf(other)).edges.some((e) => ids.has(e.node.id))).toBe(false);
  });

  test('needs a signed-in viewer', async () => {
    const result = await t.gql(SecurityEventsDocument, { first: 5 }, null);
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
