import { startTestApp, TestApp } from '../helpers/app';
import { signUp, Person } from '../helpers/people';
import { signUpAdmin } from '../helpers/commerce';

const ADMIN_EMAIL = `trust-${process.pid}@admins.example.com`;
let t: TestApp;
let admin: Person;
beforeAll(async () => {
  t = await startTestApp({ ADMIN_EMAILS: ADMIN_EMAIL });
  admin = await signUpAdmin(t, ADMIN_EMAIL);
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`;
const JOIN = `mutation($id: ID!) { joinGroup(groupId: $id, acceptRules: true) { status } }`;
const INVITE = `mutation($g: ID!, $u: ID!) { inviteToGroup(groupId: $g, userId: $u) }`;
const SET_ROLE = `mutation($g: ID!, $u: ID!, $r: GroupRole!) { setGroupRole(groupId: $g, userId: $u, role: $r) { role } }`;
const TRANSFER = `mutation($g: ID!, $u: ID!) { transferOwnership(groupId: $g, userId: $u) { id } }`;
const BAN = `mutation($g: ID!, $u: ID!) { banMember(groupId: $g, userId: $u, reason: "spam") }`;
const MUTE = `mutation($g: ID!, $u: ID!) { muteMember(groupId: $g, userId: $u, durationMinutes: 30) }`;
const MEMBERS = `query($id: ID!) { group(id: $id) { members(first: 50) { nodes { role user { id } } } } }`;

async function createGroup(owner: Person, fields: Record<string, unknown> = {}): Promise<string> {
  const data = await t.ok(CREATE, { input: { name: `Trust circle ${Math.random().toString(36).slice(2, 8)}`, rules: 'Be kind', ...fields } }, owner.token);
  return data.createGroup.id;
}

async function people(...names: string[]): Promise<Person[]> {
  return Promise.all(names.map((n) => signUp(t, n)));
}

async function rolesIn(groupId: string, asWho: Person): Promise<Record<string, string>> {
  const nodes = (await t.ok(MEMBERS, { id: groupId }, asWho.token)).group.members.nodes as { role: string; user: { id: string } }[];
  return Object.fromEntries(nodes.map((m) => [m.user.id, m.role]));
}

/**
 * Holds the group's write lock (as a concurrent membership change would), lets `request` start and
 * queue behind it, applies `meanwhile` under the lock, then lets go: the request acts on a world
 * that changed after it began, which is exactly the race a role check before the lock loses.
 */
async function whileLocked<T>(groupId: string, request: () => Promise<T>, meanwhile: string, params: Record<string, unknown>): Promise<T> {
  const session = t.db.driver.session();
  const tx = session.beginTransaction();
  try {
    await tx.run('MATCH (g:Group {id: $groupId}) SET g._lock = true REMOVE g._lock', { groupId });
    const pending = request();
    // Long enough for the request to read what it reads before locking and queue on the lock.
    await new Promise((r) => setTimeout(r, 800));
    await tx.run(meanwhile, { groupId, ...params });
    await tx.commit();
    return await pending;
  } finally {
    await session.close();
  }
}
const DEMOTE = 'MATCH (:User {id: $userId})-[m:MEMBER_OF]->(:Group {id: $groupId}) SET m.role = $role';

describe('group roles are checked under the lock that changes them (hole 8)', () => {
  test('an owner who hands the group to two members at once leaves exactly one owner', async () => {
    const [owner, ann, bo] = await people('tr_o', 'tr_a', 'tr_b');
    const g = await createGroup(owner!);
    for (const p of [ann!, bo!]) await t.ok(JOIN, { id: g }, p.token);
    const results = await Promise.all([ann!, bo!].map((p) => t.gql(TRANSFER, { g, u: p.id }, owner!.token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)!.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const roles = await rolesIn(g, owner!);
    expect(Object.values(roles).filter((r) => r === 'OWNER')).toHaveLength(1);
    expect(roles[owner!.id]).toBe('ADMIN');
  });

  test('an admin demoted while promoting someone is refused, and the promotion never happens', async () => {
    const [owner, adminUser, member] = await people('sr_o', 'sr_a', 'sr_m');
    const g = await createGroup(owner!);
    for (const p of [adminUser!, member!]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: adminUser!.id, r: 'ADMIN' }, owner!.token);
    const result = await whileLocked(g, () => t.gql(SET_ROLE, { g, u: member!.id, r: 'MODERATOR' }, adminUser!.token), DEMOTE, { userId: adminUser!.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await rolesIn(g, owner!))[member!.id]).toBe('MEMBER');
  });

  test('a role change racing the demotion of its caller: whichever order, no change by a mere member', async () => {
    const [owner, adminUser, member] = await people('sq_o', 'sq_a', 'sq_m');
    const g = await createGroup(owner!);
    for (const p of [adminUser!, member!]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: adminUser!.id, r: 'ADMIN' }, owner!.token);
    const [demotion, promotion] = await Promise.all([
      t.gql(SET_ROLE, { g, u: adminUser!.id, r: 'MEMBER' }, owner!.token),
      t.gql(SET_ROLE, { g, u: member!.id, r: 'MODERATOR' }, adminUser!.token),
    ]);
    expect(demotion.errors).toBeUndefined();
    const roles = await rolesIn(g, owner!);
    expect(roles[adminUser!.id]).toBe('MEMBER');
    expect(roles[member!.id]).toBe(promotion.errors ? 'MEMBER' : 'MODERATOR');
  });

  test('an admin demoted while banning is refused: the member stays in', async () => {
    const [owner, adminUser, member] = await people('sb_o', 'sb_a', 'sb_m');
    const g = await createGroup(owner!);
    for (const p of [adminUser!, member!]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: adminUser!.id, r: 'ADMIN' }, owner!.token);
    const result = await whileLocked(g, () => t.gql(BAN, { g, u: member!.id }, adminUser!.token), DEMOTE, { userId: adminUser!.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await rolesIn(g, owner!))[member!.id]).toBe('MEMBER');
  });

  test('a moderator demoted while muting is refused: the member can still post', async () => {
    const [owner, mod, member] = await people('sm_o', 'sm_m', 'sm_u');
    const g = await createGroup(owner!);
    for (const p of [mod!, member!]) await t.ok(JOIN, { id: g }, p.token);
    await t.ok(SET_ROLE, { g, u: mod!.id, r: 'MODERATOR' }, owner!.token);
    const result = await whileLocked(g, () => t.gql(MUTE, { g, u: member!.id }, mod!.token), DEMOTE, { userId: mod!.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const { records } = await t.db.driver.executeQuery('MATCH (:User {id: $u})-[m:MEMBER_OF]->(:Group {id: $g}) RETURN m.mutedUntil AS until', { u: member!.id, g });
    expect(records[0]!.get('until')).toBeNull();
  });

  test('a moderator demoted while inviting is refused: no invitation is left behind', async () => {
    const [owner, mod, guest] = await people('si_o', 'si_m', 'si_g');
    const g = await createGroup(owner!, { visibility: 'CLOSED' });
    await t.ok(INVITE, { g, u: mod!.id }, owner!.token);
    await t.ok(JOIN, { id: g }, mod!.token);
    await t.ok(SET_ROLE, { g, u: mod!.id, r: 'MODERATOR' }, owner!.token);
    const result = await whileLocked(g, () => t.gql(INVITE, { g, u: guest!.id }, mod!.token), DEMOTE, { userId: mod!.id, role: 'MEMBER' });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await t.ok(JOIN, { id: g }, guest!.token)).joinGroup.status).toBe('REQUESTED');
    void admin;
  });
});
