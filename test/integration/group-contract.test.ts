import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { signUp } from '../helpers/people';

/**
 * The API contract as a group client meets it: a lookup of a group the viewer cannot see answers
 * null without blanking the rest of the response, and the mutations a client may retry
 * (createGroup, createGroupEvent, postAnnouncement) take an idempotency key.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const UE = 'userErrors { field code message }';
const CREATE_GROUP = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id name } ${UE} } }`;
const CREATE_EVENT = `mutation($input: CreateGroupEventInput!) { createGroupEvent(input: $input) { event { id title } ${UE} } }`;
const ANNOUNCE = `mutation($input: PostAnnouncementInput!) { postAnnouncement(input: $input) { note { id title } ${UE} } }`;

async function count(cypher: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await t.db.driver.executeQuery(`${cypher} RETURN count(*) AS n`, params);
  return Number(records[0]!.get('n'));
}
const groupsNamed = (name: string) => count('MATCH (g:Group {name: $name})', { name });

test('an unknown group answers null and leaves the rest of the response: { me { id } group(id: "<unknown>") { id } }', async () => {
  const mei = await signUp(t, 'gc_me');
  const result = await t.gql(`{ me { id } group(id: "${randomUUID()}") { id } }`, {}, mei.token);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({ me: { id: mei.id }, group: null });
});

test('a SECRET group answers an outsider null, as an unknown one does', async () => {
  const [owner, outsider] = [await signUp(t, 'gc_so'), await signUp(t, 'gc_out')];
  const made = await t.ok(CREATE_GROUP, { input: { name: `Secret ${randomUUID().slice(0, 8)}`, visibility: 'SECRET' } }, owner.token);
  const result = await t.gql(`query($id: ID!) { me { id } group(id: $id) { id } }`, { id: made.createGroup.group.id }, outsider.token);
  expect(result.data).toEqual({ me: { id: outsider.id }, group: null });
});

describe('createGroup with an idempotency key', () => {
  test('retries, racing or not, return the first group, and only one exists', async () => {
    const owner = await signUp(t, 'gc_race');
    const input = { name: `Race ${randomUUID().slice(0, 8)}`, idempotencyKey: `group-${owner.id}` };
    const results = await Promise.all(Array.from({ length: 6 }, () => t.ok(CREATE_GROUP, { input }, owner.token)));
    expect(results.map((r) => r.createGroup.userErrors)).toEqual(results.map(() => []));
    expect(new Set(results.map((r) => r.createGroup.group.id)).size).toBe(1);
    const again = await t.ok(CREATE_GROUP, { input }, owner.token);
    expect(again.createGroup).toEqual(results[0]!.createGroup);
    expect(await groupsNamed(input.name)).toBe(1);
  });

  test('the same key with a different input is IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
    const owner = await signUp(t, 'gc_reuse');
    const key = `reuse-${owner.id}`;
    await t.ok(CREATE_GROUP, { input: { name: `First ${owner.id.slice(0, 8)}`, idempotencyKey: key } }, owner.token);
    const second = `Second ${owner.id.slice(0, 8)}`;
    const result = await t.answer(CREATE_GROUP, { input: { name: second, idempotencyKey: key } }, owner.token);
    expect(result.createGroup).toEqual({ group: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
    expect(await groupsNamed(second)).toBe(0);
  });
});

describe('createGroupEvent and postAnnouncement with an idempotency key', () => {
  async function groupOf(who: string) {
    const owner = await signUp(t, who);
    const made = await t.ok(CREATE_GROUP, { input: { name: `Events ${randomUUID().slice(0, 8)}` } }, owner.token);
    return { owner, groupId: made.createGroup.group.id as string };
  }
  const startsAt = () => new Date(Date.now() + 86_400_000).toISOString();

  test('event retries, racing, make one event; a different input with the key is refused', async () => {
    const { owner, groupId } = await groupOf('gc_ev');
    const input = { groupId, title: 'Meet-up', startsAt: startsAt(), mode: 'ONLINE', idempotencyKey: `event-${groupId}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => t.ok(CREATE_EVENT, { input }, owner.token)));
    expect(new Set(results.map((r) => r.createGroupEvent.event.id)).size).toBe(1);
    expect(await count('MATCH (e:GroupEvent {title: $title})-[:OF_GROUP]->(:Group {id: $groupId})', { title: 'Meet-up', groupId })).toBe(1);
    const reused = await t.answer(CREATE_EVENT, { input: { ...input, title: 'Another' } }, owner.token);
    expect(reused.createGroupEvent).toEqual({ event: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
    expect(await count('MATCH (e:GroupEvent {title: $title})-[:OF_GROUP]->(:Group {id: $groupId})', { title: 'Another', groupId })).toBe(0);
  });

  test('an announcement retried returns the first note; a different text with the key is refused', async () => {
    const { owner, groupId } = await groupOf('gc_ann');
    const input = { groupId, title: 'Welcome', body: 'Read the rules', idempotencyKey: `ann-${groupId}` };
    const first = await t.ok(ANNOUNCE, { input }, owner.token);
    const again = await t.ok(ANNOUNCE, { input }, owner.token);
    expect(again.postAnnouncement).toEqual(first.postAnnouncement);
    expect(first.postAnnouncement.userErrors).toEqual([]);
    const reused = await t.answer(ANNOUNCE, { input: { ...input, title: 'Other' } }, owner.token);
    expect(reused.postAnnouncement).toEqual({ note: null, userErrors: [expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
    expect(await count('MATCH (n:Note {isAnnouncement: true})-[:POSTED_IN]->(:Group {id: $groupId})', { groupId })).toBe(1);
  });
});

test('joinRequests lists a CLOSED group\'s pending requests, oldest first, to its moderators only; deciding one takes it off', async () => {
  const [owner, ann, bo, member] = [await signUp(t, 'gc_jo'), await signUp(t, 'gc_ja'), await signUp(t, 'gc_jb'), await signUp(t, 'gc_jm')];
  const made = await t.ok(CREATE_GROUP, { input: { name: `Closed ${randomUUID().slice(0, 8)}`, visibility: 'CLOSED' } }, owner.token);
  const groupId = made.createGroup.group.id as string;
  const JOIN = `mutation($input: JoinGroupInput!) { joinGroup(input: $input) { status ${UE} } }`;
  const DECIDE = `mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { user { id } ${UE} } }`;
  const REQUESTS = `query($g: ID!, $first: Int, $after: String) { joinRequests(groupId: $g, first: $first, after: $after) { totalCount nodes { user { id } message } pageInfo { hasNextPage endCursor } } }`;
  expect((await t.ok(JOIN, { input: { groupId, acceptRules: true, message: 'fan since 2019' } }, ann.token)).joinGroup).toEqual({ status: 'REQUESTED', userErrors: [] });
  await t.ok(JOIN, { input: { groupId, acceptRules: true } }, bo.token);
  await t.ok(JOIN, { input: { groupId, acceptRules: true } }, member.token);
  await t.ok(DECIDE, { input: { groupId, userId: member.id, decision: 'APPROVE' } }, owner.token);

  const first = (await t.ok(REQUESTS, { g: groupId, first: 1 }, owner.token)).joinRequests;
  expect(first).toMatchObject({ totalCount: 2, nodes: [{ user: { id: ann.id }, message: 'fan since 2019' }], pageInfo: { hasNextPage: true } });
  const rest = (await t.ok(REQUESTS, { g: groupId, first: 5, after: first.pageInfo.endCursor }, owner.token)).joinRequests;
  expect(rest).toMatchObject({ nodes: [{ user: { id: bo.id }, message: '' }], pageInfo: { hasNextPage: false } });
  // A plain member may not read the queue.
  expect((await t.gql(REQUESTS, { g: groupId }, member.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

  const denied = await t.ok(DECIDE, { input: { groupId, userId: ann.id, decision: 'DENY' } }, owner.token);
  expect(denied.decideJoinRequest).toEqual({ user: { id: ann.id }, userErrors: [] });
  expect((await t.ok(REQUESTS, { g: groupId }, owner.token)).joinRequests).toMatchObject({ totalCount: 1, nodes: [{ user: { id: bo.id } }] });
  // A request already answered is no longer there to decide.
  expect((await t.answer(DECIDE, { input: { groupId, userId: ann.id, decision: 'APPROVE' } }, owner.token)).decideJoinRequest.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['userId'] }]);
});
