import { getNamedType, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, GraphQLType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { startTestApp, TestApp, collect } from '../helpers/app';
import { signUp, follow, postNote, createProduct, Person } from '../helpers/people';
import { buildAppSchema } from '../../src/server/schema';
import { guardedFields } from '../../src/server/visibility';
import { contentLoaders } from '../../src/content/loaders';
import type { CommentRecord, NoteRecord } from '../../src/content/types';
import { signUpAdmin, signUpMerchant, listProduct } from '../helpers/commerce';
import { reviewLoaders } from '../../src/reviews/loaders';
import { commerceLoaders } from '../../src/commerce/loaders';

/**
 * The schema-driven check of the visibility rule, like the mutation sweep: every field whose type
 * is a Note or a Comment, a list of them or a connection of them must have a case below, in which
 * a viewer who may not see the object gets null, an omission or NOT_FOUND through that very
 * field; and the schema's guard (src/server/visibility.ts) must wrap it. Across the table every
 * part of the rule is used: FOLLOWERS-only notes, CLOSED group membership, bans and removals
 * (the author's own notes included), blocks either way, moderation (held by pre-moderation),
 * deletion, and comments held or by a blocked author.
 */

// Its documents are strings, not typed operations: the table holds one probe per schema field that
// reaches a Note or a Comment, checked against the schema, each with ids placed in code.
let t: TestApp;
let schema: GraphQLSchema;
beforeAll(async () => {
  t = await startTestApp();
  schema = await buildAppSchema();
  await world();
});
afterAll(() => t.close());

const KINDS = ['Note', 'Comment'];

/** The object type a connection or an edge list carries, if any. */
function carried(type: GraphQLType): string | null {
  const named = getNamedType(type);
  if (KINDS.includes(named.name)) return named.name;
  // A union with a Note or Comment among its members (ShareLink.target) carries one too.
  if (isUnionType(named)) return named.getTypes().find((m) => KINDS.includes(m.name))?.name ?? null;
  // So does an interface they implement (Query.node).
  if (isInterfaceType(named)) return schema.getPossibleTypes(named).find((m) => KINDS.includes(m.name))?.name ?? null;
  if (!isObjectType(named)) return null;
  const fields = named.getFields();
  for (const sub of ['node', 'nodes', 'edges']) {
    const field = fields[sub];
    if (!field) continue;
    const inner = getNamedType(field.type);
    if (KINDS.includes(inner.name)) return inner.name;
    if (isObjectType(inner) && inner.getFields().node && KINDS.includes(getNamedType(inner.getFields().node!.type).name)) return getNamedType(inner.getFields().node!.type).name;
  }
  return null;
}

/** Every field, on every object type (Query, Mutation and Subscription included), that returns Notes or Comments. */
function noteAndCommentFields(s: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (carried(field.type)) found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

// ---------------------------------------------------------------------------------------------
// The world the cases look at. `stranger` is the viewer who may not see; the others are controls.

let author: Person, fan: Person, stranger: Person, blocker: Person, owner: Person, exAdmin: Person, commenter: Person, replier: Person;
let topic: string, product: string, closedGroup: string, premodGroup: string;
const notes: Record<string, string> = {};
let announcement: string, retryKey: string, shareCode: string, blockerComment: string;

const COMMENT = `mutation($id: ID!, $text: String!, $replyTo: ID) { comment(input: { noteId: $id, text: $text, replyToId: $replyTo }) { comment { id } userErrors { code } } }`;
const JOIN = `mutation($id: ID!) { joinGroup(input: { groupId: $id, acceptRules: true }) { status } }`;

async function createGroup(who: Person, fields: Record<string, unknown>): Promise<string> {
  const name = `Sweep circle ${Math.random().toString(36).slice(2, 8)}`;
  return (await t.ok(`mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }`, { input: { name, rules: 'Be kind.', ...fields } }, who.token)).createGroup.group!.id;
}

async function admit(groupId: string, ...people: Person[]) {
  for (const p of people) {
    await t.ok(`mutation($g: ID!, $u: ID!) { inviteToGroup(input: { groupId: $g, userId: $u }) { userErrors { code } } }`, { g: groupId, u: p.id }, owner.token);
    await t.ok(JOIN, { id: groupId }, p.token);
  }
}

async function world() {
  const people = await Promise.all(['sw_author', 'sw_fan', 'sw_stranger', 'sw_blocker', 'sw_owner', 'sw_exadmin', 'sw_commenter', 'sw_replier'].map((n) => signUp(t, n)));
  [author, fan, stranger, blocker, owner, exAdmin, commenter, replier] = people as [Person, Person, Person, Person, Person, Person, Person, Person];
  topic = `sweep${Math.random().toString(36).slice(2, 8)}`;
  product = await createProduct(t);
  await follow(t, fan, author);
  await follow(t, stranger, owner);
  const tagged = { topics: [topic], productIds: [product] };

  notes.public = (await postNote(t, author, { ...tagged, title: 'Public' })).id;
  notes.followersOnly = (await postNote(t, author, { ...tagged, visibility: 'FOLLOWERS', title: 'Followers only' })).id;
  await t.ok(`mutation($id: ID!) { like(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: notes.followersOnly }, fan.token);
  notes.deleted = (await postNote(t, author, { ...tagged, title: 'Deleted' })).id;
  await t.ok(`mutation($id: ID!) { deleteNote(input: { noteId: $id }) { deletedNoteId userErrors { code } } }`, { id: notes.deleted }, author.token);

  // The blocker's note: the stranger collected it before being blocked.
  notes.blocker = (await postNote(t, blocker, { ...tagged, title: 'By the blocker' })).id;
  await t.ok(`mutation($id: ID!) { collect(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: notes.blocker }, stranger.token);
  shareCode = (await t.ok(`mutation($id: ID!) { share(input: { target: { noteId: $id }, channel: WECHAT }) { shareLink { code } } }`, { id: notes.blocker }, stranger.token)).share.shareLink!.code;

  // A CLOSED group the stranger is not in; its ex-admin was removed after posting.
  closedGroup = await createGroup(owner, { visibility: 'CLOSED' });
  await admit(closedGroup, author, exAdmin);
  await t.ok(`mutation($g: ID!, $u: ID!) { setGroupRole(input: { groupId: $g, userId: $u, role: ADMIN }) { member { role } } }`, { g: closedGroup, u: exAdmin.id }, owner.token);
  notes.closed = (await postNote(t, author, { ...tagged, groupId: closedGroup, title: 'Members only' })).id;
  notes.ownerClosed = (await postNote(t, owner, { groupId: closedGroup, title: 'Owner, members only' })).id;
  announcement = (await t.ok(`mutation($g: ID!) { postAnnouncement(input: { groupId: $g, title: "Welcome", body: "Read the rules" }) { note { id } } }`, { g: closedGroup }, owner.token)).postAnnouncement.note.id;
  retryKey = `sweep-retry-${topic}`;
  notes.exAdmin = (await postNote(t, exAdmin, { groupId: closedGroup, title: 'Posted while admin', idempotencyKey: retryKey })).id;
  await t.ok(`mutation($g: ID!, $u: ID!) { removeMember(input: { groupId: $g, userId: $u }) { userErrors { code } } }`, { g: closedGroup, u: exAdmin.id }, owner.token);
  notes.ownerPublic = (await postNote(t, owner, { title: 'Owner, public' })).id;

  // A pre-moderated OPEN group the stranger belongs to: a held note and a held comment.
  premodGroup = await createGroup(owner, { visibility: 'OPEN', isPremoderated: true });
  for (const p of [author, stranger]) await t.ok(JOIN, { id: premodGroup }, p.token);
  notes.held = (await postNote(t, author, { groupId: premodGroup, title: '全网最好 cream' })).id;
  notes.premodClean = (await postNote(t, author, { groupId: premodGroup, title: 'Clean one' })).id;
  await t.ok(COMMENT, { id: notes.premodClean, text: '全网最好, trust me' }, author.token);

  // On the public note: a comment by the blocker and a reply by them; the stranger's own note
  // gets a comment from someone the stranger then blocks, and a reply to it.
  const fanComment = (await t.ok(COMMENT, { id: notes.public, text: 'fan says hi' }, fan.token)).comment.comment.id;
  blockerComment = (await t.ok(COMMENT, { id: notes.public, text: 'blocker comment' }, blocker.token)).comment.comment.id;
  await t.ok(COMMENT, { id: notes.public, text: 'blocker reply', replyTo: fanComment }, blocker.token);
  notes.strangers = (await postNote(t, stranger, { title: "The stranger's own" })).id;
  const top = (await t.ok(COMMENT, { id: notes.strangers, text: 'to be blocked' }, commenter.token)).comment.comment.id;
  await t.ok(COMMENT, { id: notes.strangers, text: 'a reply to it', replyTo: top }, replier.token);
  await t.ok(`mutation($id: ID!) { block(input: { userId: $id }) { user { id } } }`, { id: commenter.id }, stranger.token);

  // A mention of the stranger in a note that then becomes FOLLOWERS-only.
  notes.mention = (await postNote(t, author, { title: 'Mention', body: `hi @${stranger.handle}` })).id;
  await t.ok(`mutation($id: ID!) { updateNote(input: { noteId: $id, visibility: FOLLOWERS }) { note { id } userErrors { code } } }`, { id: notes.mention }, author.token);

  // Last: the blocker blocks the stranger.
  await t.ok(`mutation($id: ID!) { block(input: { userId: $id }) { user { id } } }`, { id: stranger.id }, blocker.token);
}

// ---------------------------------------------------------------------------------------------

type Ids = { id: string }[];
const ids = (list: Ids) => list.map((n) => n.id);
const NOTE_PAGE = 'edges { node { id } } nodes { id }';

/** A connection of notes seen by `who`: its edges' nodes and its nodes, which must agree. */
function pageIds(connection: { edges: { node: { id: string } }[]; nodes: Ids }): string[] {
  expect(connection.edges.map((e) => e.node.id)).toEqual(ids(connection.nodes));
  return ids(connection.nodes);
}

/** The notes no stranger may see, each for a different part of the rule. */
const unseen = () => [notes.followersOnly!, notes.deleted!, notes.blocker!, notes.closed!];

async function notFoundFor(who: Person, query: string, variables: Record<string, unknown>) {
  const result = await t.gql(query, variables, who.token);
  // A payload mutation answers NOT_FOUND in its userErrors; a query (or a mutation not yet moved) as a top-level error.
  const payload = Object.values((result.data ?? {}) as Record<string, unknown>)[0] as { userErrors?: { code: string }[] } | null | undefined;
  expect(payload?.userErrors ? payload.userErrors[0]?.code : result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
}

/** Calls a field's (guarded) resolver directly, for fields no query can reach with an object the viewer may not see. */
async function resolveAs(who: Person, coordinate: string, source: unknown): Promise<unknown> {
  const [typeName, fieldName] = coordinate.split('.');
  const field = (schema.getType(typeName!) as GraphQLObjectType).getFields()[fieldName!]!;
  const ctx = t.app.scope({ token: who.token, ip: '127.0.0.1' });
  // A plain field resolves through graphql-js's default resolver, which reads info.fieldName.
  return field.resolve!(source, {}, ctx, { fieldName: fieldName! } as GraphQLResolveInfo);
}

async function subjectCase(coordinate: string, source: Record<string, unknown>): Promise<void> {
  expect(await resolveAs(stranger, coordinate, source)).toBeNull();
  expect(await resolveAs(fan, coordinate, source)).toMatchObject({ id: notes.followersOnly });
}

async function loadNote(id: string): Promise<NoteRecord> {
  return (await contentLoaders(t.app.scope({ token: null, ip: '127.0.0.1' })).noteById.load(id))!;
}

const feedCase = (query: string, pick: (data: any) => any) => async () => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const seen = pageIds(pick(await t.ok(query, { topic, product, author: author.id }, stranger.token)));
  for (const id of unseen()) expect(seen).not.toContain(id);
  expect(seen).toContain(notes.public);
};

const CASES: Record<string, () => Promise<void>> = {
  // A FOLLOWERS-only note: null to a stranger, visible to a follower.
  'Query.note': async () => {
    const NOTE = `query($id: ID!) { note(id: $id) { id } }`;
    expect((await t.ok(NOTE, { id: notes.followersOnly }, stranger.token)).note).toBeNull();
    expect((await t.ok(NOTE, { id: notes.followersOnly }, fan.token)).note).toEqual({ id: notes.followersOnly });
    // Deleted, blocked, CLOSED group, held: null too.
    for (const id of [notes.deleted, notes.blocker, notes.closed, notes.held]) expect((await t.ok(NOTE, { id }, stranger.token)).note).toBeNull();
  },
  // Any id, each by its own type's rule: the notes and the comment no stranger may see are null, in place.
  'Query.node': async () => {
    const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
    for (const id of [...unseen(), notes.held!, blockerComment]) expect((await t.ok(NODE, { id }, stranger.token)).node).toBeNull();
    expect((await t.ok(NODE, { id: notes.followersOnly }, fan.token)).node).toEqual({ __typename: 'Note', id: notes.followersOnly });
  },
  'Query.nodes': async () => {
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
    const { nodes } = await t.ok(NODES, { ids: [notes.public, ...unseen(), blockerComment, notes.public] }, stranger.token);
    expect(nodes).toEqual([{ __typename: 'Note', id: notes.public }, null, null, null, null, null, { __typename: 'Note', id: notes.public }]);
  },
  'Query.topicFeed': feedCase(`query($topic: String!) { topicFeed(topic: $topic) { ${NOTE_PAGE} } }`, (d) => d.topicFeed),
  'Query.productNotes': feedCase(`query($product: ID!) { productNotes(productId: $product) { ${NOTE_PAGE} } }`, (d) => d.productNotes),
  'Product.notes': feedCase(`query($product: ID!) { product(id: $product) { notes { ${NOTE_PAGE} } } }`, (d) => d.product.notes),
  'Query.authorFeed': feedCase(`query($author: ID!) { authorFeed(userId: $author) { ${NOTE_PAGE} } }`, (d) => d.authorFeed),
  'NoteConnection.edges': async () => CASES['Query.topicFeed']!(),
  'NoteConnection.nodes': async () => CASES['Query.topicFeed']!(),
  'NoteEdge.node': async () => CASES['Query.productNotes']!(),
  // The stranger follows the owner: the owner's CLOSED group note stays out, the public one is in.
  'Query.followingFeed': async () => {
    const seen = pageIds((await t.ok(`{ followingFeed(first: 50) { ${NOTE_PAGE} } }`, {}, stranger.token)).followingFeed);
    expect(seen).toContain(notes.ownerPublic);
    expect(seen).not.toContain(notes.ownerClosed);
  },
  'Query.discoverFeed': async () => {
    const seen = pageIds((await t.ok(`{ discoverFeed(first: 50) { ${NOTE_PAGE} } }`, {}, stranger.token)).discoverFeed);
    for (const id of [...unseen(), notes.ownerClosed!, notes.held!]) expect(seen).not.toContain(id);
  },
  // A held note (pre-moderation) is out of the group feed for other members, in for its author.
  'Query.groupFeed': async () => {
    const FEED = `query($g: ID!) { groupFeed(groupId: $g) { ${NOTE_PAGE} } }`;
    expect(pageIds((await t.ok(FEED, { g: premodGroup }, stranger.token)).groupFeed)).toEqual([notes.premodClean]);
    expect((await t.ok(`query($id: ID!) { note(id: $id) { id } }`, { id: notes.held }, author.token)).note).toEqual({ id: notes.held });
  },
  // The stranger collected the blocker's note before the block: it leaves the collection's page.
  'Collection.notes': async () => {
    const data = await t.ok(`{ collections(first: 100) { nodes { notes(first: 10) { ${NOTE_PAGE} } } } }`, {}, stranger.token);
    expect(data.collections.nodes.flatMap((c: { notes: { edges: { node: { id: string } }[]; nodes: Ids } }) => pageIds(c.notes))).not.toContain(notes.blocker);
  },
  'Group.pinnedNotes': async () => {
    const PINNED = `query($g: ID!) { group(id: $g) { pinnedNotes { id } } }`;
    expect((await t.ok(PINNED, { g: closedGroup }, stranger.token)).group.pinnedNotes).toEqual([]);
    expect(ids((await t.ok(PINNED, { g: closedGroup }, author.token)).group.pinnedNotes)).toEqual([announcement]);
  },
  'KolReport.topNotes': async () => {
    const REPORT = `query($u: ID!) { kolReport(userId: $u) { topNotes { id } } }`;
    const seen = ids((await t.ok(REPORT, { u: author.id }, stranger.token)).kolReport.topNotes);
    expect(seen).toContain(notes.public);
    for (const id of [notes.followersOnly, notes.deleted, notes.closed, notes.held]) expect(seen).not.toContain(id);
    expect(ids((await t.ok(REPORT, { u: author.id }, fan.token)).kolReport.topNotes)).toContain(notes.followersOnly);
  },
  'ShareLink.target': async () => {
    const LINK = `query($code: String!) { shareLink(code: $code) { code target { __typename ... on Note { id } } } }`;
    expect((await t.ok(LINK, { code: shareCode }, stranger.token)).shareLink).toEqual({ code: shareCode, target: null });
    expect((await t.ok(LINK, { code: shareCode }, fan.token)).shareLink.target).toEqual({ __typename: 'Note', id: notes.blocker });
  },
  // Search filters hits by the rule before paging (test/integration/search.test.ts); the guard is the backstop.
  'SearchHit.node': async () => {
    const hidden = await loadNote(notes.followersOnly!);
    await expect(resolveAs(stranger, 'SearchHit.node', { node: hidden })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await resolveAs(fan, 'SearchHit.node', { node: hidden })).toBe(hidden);
    const SEARCH = `query($q: String!, $topic: String) { search(query: $q, type: NOTE, filters: { topic: $topic }) { edges { node { ... on Note { id } } } } }`;
    const seen = (await t.ok(SEARCH, { q: topic, topic }, stranger.token)).search.edges.map((e: { node: { id: string } }) => e.node.id);
    for (const id of unseen()) expect(seen).not.toContain(id);
    expect(seen).toContain(notes.public);
  },
  'LikePayload.note': () => notFoundFor(stranger, `mutation($id: ID!) { like(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: notes.followersOnly }),
  'UnlikePayload.note': () => notFoundFor(stranger, `mutation($id: ID!) { unlike(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: notes.closed }),
  'CollectPayload.note': () => notFoundFor(stranger, `mutation($id: ID!) { collect(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: notes.held }),
  'RecordViewPayload.note': () => notFoundFor(stranger, `mutation($id: ID!) { recordView(input: { noteId: $id }) { note { id } userErrors { code } } }`, { id: notes.deleted }),
  'CommentPayload.comment': () => notFoundFor(stranger, `mutation($id: ID!) { comment(input: { noteId: $id, text: "hello" }) { comment { id } userErrors { code } } }`, { id: notes.followersOnly }),
  // Taking the blocker's note out of a collection works, but the payload does not hand the note back.
  'UncollectPayload.note': async () => {
    const taken = await t.ok(`mutation($id: ID!) { uncollect(input: { noteId: $id }) { note { id title } userErrors { code } } }`, { id: notes.blocker }, stranger.token);
    expect(taken.uncollect).toEqual({ note: null, userErrors: [] });
    const { records } = await t.db.driver.executeQuery(`MATCH (:User {id: $u})-[c:COLLECTED]->(:Note {id: $n}) RETURN count(c) AS n`, { u: stranger.id, n: notes.blocker });
    expect(records[0]!.get('n')).toBe(0);
  },
  // Retrying a create with the key of a note posted into a group the author was removed from
  // does not hand back that note: the same note is refused as a post there, and another note
  // with that key is another request (IDEMPOTENCY_KEY_REUSED).
  'CreateNotePayload.note': async () => {
    const CREATE = `mutation($input: CreateNoteInput!) { createNote(input: $input) { note { id title } userErrors { code } } }`;
    const media = [{ url: 'https://img.example.com/serum.jpg', kind: 'IMAGE', width: 1080, height: 1440 }];
    const same = { title: 'Posted while admin', body: 'Three weeks in and my skin is glowing.', format: 'IMAGE_TEXT', media, topics: ['skincare'], groupId: closedGroup, idempotencyKey: retryKey };
    const again = await t.gql(CREATE, { input: same }, exAdmin.token);
    expect(again.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(again.data).toBeNull();
    const other = await t.gql(CREATE, { input: { title: 'retry', body: '', format: 'IMAGE_TEXT', visibility: 'PUBLIC', idempotencyKey: retryKey } }, exAdmin.token);
    expect(other.data).toEqual({ createNote: { note: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED' }] } });
  },
  'UpdateNotePayload.note': async () => {
    const result = await t.gql(`mutation($id: ID!) { updateNote(input: { noteId: $id, title: "edited" }) { note { id title } userErrors { code } } }`, { id: notes.exAdmin }, exAdmin.token);
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  },
  'PostAnnouncementPayload.note': async () => {
    const result = await t.gql(`mutation($g: ID!) { postAnnouncement(input: { groupId: $g, title: "Back", body: "hi" }) { note { id } userErrors { code } } }`, { g: closedGroup }, exAdmin.token);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.errors?.[0]?.extensions.code);
    expect(result.data).toBeNull();
  },
  // The blocker's comment and reply on the public note are left out for the stranger; a held
  // comment is left out for other members.
  'Note.comments': async () => {
    const THREAD = `query($id: ID!) { note(id: $id) { comments { totalCount edges { node { text } } nodes { text replies { nodes { text } } } } } }`;
    const page = (await t.ok(THREAD, { id: notes.public }, stranger.token)).note.comments;
    expect(page).toEqual({ totalCount: 1, edges: [{ node: { text: 'fan says hi' } }], nodes: [{ text: 'fan says hi', replies: { nodes: [] } }] });
    expect((await t.ok(THREAD, { id: notes.premodClean }, stranger.token)).note.comments.nodes).toEqual([]);
    expect((await t.ok(THREAD, { id: notes.premodClean }, author.token)).note.comments.nodes).toEqual([{ text: '全网最好, trust me', replies: { nodes: [] } }]);
  },
  'Comment.replies': async () => {
    const THREAD = `query($id: ID!) { note(id: $id) { comments { nodes { replies { totalCount edges { node { text } } nodes { text } } } } } }`;
    expect((await t.ok(THREAD, { id: notes.public }, stranger.token)).note.comments.nodes[0].replies).toEqual({ totalCount: 0, edges: [], nodes: [] });
    expect((await t.ok(THREAD, { id: notes.public }, fan.token)).note.comments.nodes[0].replies.nodes).toEqual([{ text: 'blocker reply' }]);
  },
  'CommentConnection.edges': async () => CASES['Note.comments']!(),
  'CommentConnection.nodes': async () => CASES['Note.comments']!(),
  'CommentEdge.node': async () => CASES['Comment.replies']!(),
  // The stranger blocked a commenter on their own note: the notification keeps no comment, and
  // the reply to that comment no longer leads to it.
  'Notification.comment': async () => {
    const data = await t.ok(`{ notifications(first: 20) { nodes { type actor { id } comment { text replyTo { text } } } } }`, {}, stranger.token);
    const commented = data.notifications.nodes.filter((n: { type: string }) => n.type === 'NOTE_COMMENTED');
    expect(commented.map((n: { comment: unknown }) => n.comment)).toEqual([{ text: 'a reply to it', replyTo: null }, null]);
  },
  'Comment.replyTo': async () => CASES['Notification.comment']!(),
  'Notification.note': async () => {
    const data = await t.ok(`{ notifications(first: 20) { nodes { type note { id } } } }`, {}, stranger.token);
    expect(data.notifications.nodes.filter((n: { type: string }) => n.type === 'MENTION')).toEqual([{ type: 'MENTION', note: null }]);
  },
  // A note card is rendered for its reader by the conversations service (conversations.test.ts);
  // the guard is the backstop: a card that still held a hidden note would show null.
  // A subject union resolves its note by the note's own rule: null for whoever may not see it.
  'ModerationCase.target': async () => {
    await subjectCase('ModerationCase.target', { targetType: 'NOTE', targetId: notes.followersOnly });
    // The union's Comment member is checked by the comment rule, not passed for not being its Note.
    const comment = { targetType: 'COMMENT', targetId: blockerComment };
    expect(await resolveAs(stranger, 'ModerationCase.target', comment)).toBeNull();
    expect(await resolveAs(fan, 'ModerationCase.target', comment)).toMatchObject({ id: blockerComment });
  },
  'ModerationAction.target': () => subjectCase('ModerationAction.target', { targetType: 'NOTE', targetId: notes.followersOnly }),
  'AuditLogEntry.subject': () => subjectCase('AuditLogEntry.subject', { subjectType: 'NOTE', subjectId: notes.followersOnly }),
  'Notification.subject': () => subjectCase('Notification.subject', { noteId: notes.followersOnly, commentId: null, actionId: null, actorId: author.id }),
  'NotificationGroup.subject': () => subjectCase('NotificationGroup.subject', { noteId: notes.followersOnly, commentId: null, actionId: null, subjectUserId: null }),
  'NoteCard.note': async () => {
    const hidden = await loadNote(notes.followersOnly!);
    expect(await resolveAs(stranger, 'NoteCard.note', { kind: 'NOTE', isAvailable: true, note: hidden })).toBeNull();
    expect(await resolveAs(fan, 'NoteCard.note', { kind: 'NOTE', isAvailable: true, note: hidden })).toBe(hidden);
  },
  // A live room's recap becomes its host's note: the payload and the recap show it by the note's rule.
  'PublishLiveRecapPayload.note': async () => {
    const hidden = await loadNote(notes.followersOnly!);
    expect(await resolveAs(stranger, 'PublishLiveRecapPayload.note', { note: hidden, liveRoom: null })).toBeNull();
    expect(await resolveAs(fan, 'PublishLiveRecapPayload.note', { note: hidden, liveRoom: null })).toBe(hidden);
  },
  'LiveRoomRecap.note': async () => {
    const recap = { roomId: 'r', title: 't', body: '', draftedAt: 0, updatedAt: 0, noteId: notes.followersOnly!, publishedAt: 0 };
    expect(await resolveAs(stranger, 'LiveRoomRecap.note', recap)).toBeNull();
    expect(await resolveAs(fan, 'LiveRoomRecap.note', recap)).toMatchObject({ id: notes.followersOnly });
  },
  // A live group event names its note and comment; each resolves by its own lookup's rule.
  'GroupActivity.note': () => subjectCase('GroupActivity.note', { noteId: notes.followersOnly, commentId: null }),
  'GroupActivity.comment': async () => {
    const made = await t.ok(`mutation($id: ID!) { comment(input: { noteId: $id, text: "on a followers-only note" }) { comment { id } userErrors { code } } }`, { id: notes.followersOnly }, fan.token);
    const source = { noteId: null, commentId: made.comment.comment.id };
    expect(await resolveAs(stranger, 'GroupActivity.comment', source)).toBeNull();
    expect(await resolveAs(fan, 'GroupActivity.comment', source)).toMatchObject({ id: made.comment.comment.id });
  },
  // A comment always reaches Comment.note through a visible comment, which means a visible note:
  // the field is checked directly with a comment on a note the stranger may not see.
  'Comment.note': async () => {
    const comment: CommentRecord = { id: 'c', text: 'x', createdAt: 0, deletedAt: null, replyCount: 0, modState: null, authorId: fan.id, noteId: notes.followersOnly!, replyToId: null };
    expect(await resolveAs(stranger, 'Comment.note', comment)).toBeNull();
    expect(await resolveAs(fan, 'Comment.note', comment)).toMatchObject({ id: notes.followersOnly });
  },
  // The subscription ends before a payload with a note the viewer may no longer see is made;
  // the payload's field is checked directly too.
  'NoteActivity.note': async () => {
    const live = await loadNote(notes.public!);
    const hidden = await loadNote(notes.followersOnly!);
    await expect(resolveAs(stranger, 'NoteActivity.note', { note: hidden })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await resolveAs(stranger, 'NoteActivity.note', { note: live })).toBe(live);
  },
  // A comment by someone who blocked the subscriber is not delivered; a fan's is.
  'NoteActivity.comment': async () => {
    const events = collect<{ noteActivity: { comment: { text: string } | null } }>(
      t.ws(stranger.token),
      `subscription { noteActivity(noteId: "${notes.ownerPublic}") { kind comment { text } } }`,
      1,
    );
    await events.started;
    await new Promise((r) => setTimeout(r, 200));
    await t.ok(COMMENT, { id: notes.ownerPublic, text: 'live from the blocker' }, blocker.token);
    await new Promise((r) => setTimeout(r, 200));
    await t.ok(COMMENT, { id: notes.ownerPublic, text: 'live from the fan' }, fan.token);
    expect((await events.events).map((e) => e.noteActivity.comment)).toEqual([{ text: 'live from the fan' }]);
    // A held comment in a payload answers null.
    const held: CommentRecord = { id: 'h', text: 'x', createdAt: 0, deletedAt: null, replyCount: 0, modState: 'PENDING', authorId: fan.id, noteId: notes.public!, replyToId: null };
    expect(await resolveAs(stranger, 'NoteActivity.comment', { comment: held })).toBeNull();
  },
};

describe('the visibility sweep', () => {
  test('every field returning Notes or Comments has a case, and the guard wraps it', () => {
    const fields = noteAndCommentFields(schema);
    expect(fields.filter((f) => !CASES[f])).toEqual([]);
    expect(Object.keys(CASES).filter((c) => !fields.includes(c))).toEqual([]);
    // A field is guarded when it is wrapped itself, or returns a connection whose edges and nodes are.
    const wrapped = new Set(guardedFields.map((g) => g.coordinate));
    const unguarded = fields.filter((coordinate) => {
      if (wrapped.has(coordinate)) return false;
      const [typeName, fieldName] = coordinate.split('.');
      const type = getNamedType((schema.getType(typeName!) as GraphQLObjectType).getFields()[fieldName!]!.type) as GraphQLObjectType;
      const subs = ['edges', 'nodes'].filter((s) => type.getFields()[s]);
      return subs.length === 0 || !subs.every((s) => wrapped.has(`${type.name}.${s}`));
    });
    expect(unguarded).toEqual([]);
  });

  test.each(Object.keys(CASES).sort())('%s keeps what the viewer may not see out', async (coordinate) => {
    await CASES[coordinate]!();
  });
});

// ---------------------------------------------------------------------------------------------
// Reviews (issue 17 §1): every field returning a Review, a list or a connection of them, or a union
// with Review among its members, has a case: a review hidden by moderation reaches the stranger
// through none of them (its author still sees it), and an anonymous review's author is null to
// everyone but the author and staff, on every path.

const REVIEW_KINDS = ['Review'];
const reviewed: { product: string; shown: string; hidden: string; anonymous: string; order: string; buyer: Person; admin: Person; merchant: Person } = {} as never;

function reviewFields(s: GraphQLSchema): string[] {
  const found: string[] = [];
  const carriesReview = (type: GraphQLType): boolean => {
    const named = getNamedType(type);
    if (REVIEW_KINDS.includes(named.name)) return true;
    if (isUnionType(named)) return named.getTypes().some((m) => REVIEW_KINDS.includes(m.name));
    if (!isObjectType(named)) return false;
    return ['node', 'nodes', 'edges'].some((sub) => {
      const field = named.getFields()[sub];
      if (!field) return false;
      const inner = getNamedType(field.type);
      return REVIEW_KINDS.includes(inner.name) || (isObjectType(inner) && !!inner.getFields().node && REVIEW_KINDS.includes(getNamedType(inner.getFields().node!.type).name));
    });
  };
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (carriesReview(field.type)) found.push(`${type.name}.${field.name}`);
  }
  return found.sort();
}

async function reviewWorld() {
  reviewed.admin = await signUpAdmin(t, `sweep-reviews-${process.pid}@admins.example.com`);
  reviewed.merchant = await signUpMerchant(t, reviewed.admin, 'sw_rv_shop');
  reviewed.product = await listProduct(t, reviewed.merchant);
  reviewed.buyer = author;
  const PLACE = `mutation($p: ID!, $k: String!) { placeOrder(input: { items: [{ productId: $p, qty: 1 }], idempotencyKey: $k }) { order { id } } }`;
  const REVIEW = `mutation($o: ID!, $p: ID!, $anonymous: Boolean!) { reviewProduct(input: { orderId: $o, productId: $p, rating: 4, anonymous: $anonymous }) { review { id } } }`;
  const write = async (anonymous: boolean) => {
    const order = (await t.ok(PLACE, { p: reviewed.product, k: `sweep-rv-${Math.random()}` }, author.token)).placeOrder.order.id as string;
    return { order, id: (await t.ok(REVIEW, { o: order, p: reviewed.product, anonymous }, author.token)).reviewProduct.review.id as string };
  };
  const shown = await write(false);
  reviewed.shown = shown.id;
  reviewed.order = shown.order;
  reviewed.anonymous = (await write(true)).id;
  const hidden = await write(false);
  reviewed.hidden = hidden.id;
  await t.ok(`mutation($id: ID!) { report(input: { target: { reviewId: $id }, reason: SPAM }) { received } }`, { id: reviewed.hidden }, fan.token);
  const { records } = await t.db.driver.executeQuery(`MATCH (c:ModerationCase {targetId: $id, status: 'OPEN'}) RETURN c.id AS id`, { id: reviewed.hidden });
  await t.ok(`mutation($c: ID!) { moderate(input: { caseId: $c, action: HIDE, reason: "spam" }) { moderationAction { id } } }`, { c: records[0]!.get('id') }, reviewed.admin.token);
}

const REVIEW_PAGE = 'edges { node { id author { id } } } nodes { id author { id } }';
const reviewPage = async (who: Person) => {
  const page = (await t.ok(`query($p: ID!) { product(id: $p) { reviews(sort: LATEST) { ${REVIEW_PAGE} } } }`, { p: reviewed.product }, who.token)).product.reviews;
  expect(page.edges.map((e: { node: unknown }) => e.node)).toEqual(page.nodes);
  return page.nodes as { id: string; author: { id: string } | null }[];
};
const loadReview = async (id: string) => {
  return (await reviewLoaders(t.app.scope({ token: null, ip: '127.0.0.1' })).reviewById.load(id))!;
};
const reviewPayload = (coordinate: string) => async () => {
  // A payload's review passes the same rule: the hidden review resolves to null for the stranger.
  const hidden = await loadReview(reviewed.hidden);
  expect(await resolveAs(stranger, coordinate, { review: hidden })).toBeNull();
  expect(await resolveAs(author, coordinate, { review: hidden })).toMatchObject({ id: reviewed.hidden });
};
const reviewSubject = (coordinate: string, sourceOf: () => Record<string, unknown>) => async () => {
  const source = sourceOf();
  expect(await resolveAs(stranger, coordinate, source)).toBeNull();
  expect(await resolveAs(reviewed.admin, coordinate, source)).toMatchObject({ id: reviewed.hidden });
};

const REVIEW_CASES: Record<string, () => Promise<void>> = {
  'Query.review': async () => {
    const REVIEW = `query($id: ID!) { review(id: $id) { id author { id } } }`;
    expect((await t.ok(REVIEW, { id: reviewed.hidden }, stranger.token)).review).toBeNull();
    expect((await t.ok(REVIEW, { id: reviewed.hidden }, author.token)).review).toEqual({ id: reviewed.hidden, author: { id: author.id } });
    expect((await t.ok(REVIEW, { id: reviewed.anonymous }, stranger.token)).review).toEqual({ id: reviewed.anonymous, author: null });
    expect((await t.ok(REVIEW, { id: reviewed.anonymous }, reviewed.merchant.token)).review).toEqual({ id: reviewed.anonymous, author: null });
    expect((await t.ok(REVIEW, { id: reviewed.anonymous }, reviewed.admin.token)).review).toEqual({ id: reviewed.anonymous, author: { id: author.id } });
  },
  'Product.reviews': async () => {
    const seen = await reviewPage(stranger);
    expect(seen.map((r) => r.id)).not.toContain(reviewed.hidden);
    expect(seen).toContainEqual({ id: reviewed.shown, author: { id: author.id } });
    expect(seen).toContainEqual({ id: reviewed.anonymous, author: null });
  },
  'ReviewConnection.edges': async () => REVIEW_CASES['Product.reviews']!(),
  'ReviewConnection.nodes': async () => REVIEW_CASES['Product.reviews']!(),
  'ReviewEdge.node': async () => {
    const hidden = await loadReview(reviewed.hidden);
    await expect(resolveAs(stranger, 'ReviewEdge.node', { cursor: 'x', node: hidden })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await resolveAs(author, 'ReviewEdge.node', { cursor: 'x', node: hidden })).toMatchObject({ id: reviewed.hidden });
  },
  'ReviewProductPayload.review': reviewPayload('ReviewProductPayload.review'),
  'MarkReviewHelpfulPayload.review': async () => {
    await reviewPayload('MarkReviewHelpfulPayload.review')();
    await notFoundFor(stranger, `mutation($id: ID!) { markReviewHelpful(input: { reviewId: $id }) { review { id } userErrors { code } } }`, { id: reviewed.hidden });
  },
  'UnmarkReviewHelpfulPayload.review': async () => {
    await reviewPayload('UnmarkReviewHelpfulPayload.review')();
    await notFoundFor(stranger, `mutation($id: ID!) { unmarkReviewHelpful(input: { reviewId: $id }) { review { id } userErrors { code } } }`, { id: reviewed.hidden });
  },
  'ReplyToReviewPayload.review': async () => {
    await reviewPayload('ReplyToReviewPayload.review')();
    // The merchant replies publicly: the reply and its merchant show with the review, an anonymous review's author still does not.
    const reply = (await t.ok(`mutation($id: ID!) { replyToReview(input: { reviewId: $id, text: "Thanks" }) { review { id author { id } merchantReply { text merchant { id } } } } }`, { id: reviewed.anonymous }, reviewed.merchant.token)).replyToReview.review;
    expect(reply).toEqual({ id: reviewed.anonymous, author: null, merchantReply: { text: 'Thanks', merchant: { id: reviewed.merchant.id } } });
    await notFoundFor(reviewed.merchant, `mutation($id: ID!) { replyToReview(input: { reviewId: $id, text: "Thanks" }) { review { id } userErrors { code } } }`, { id: reviewed.hidden });
  },
  'Note.review': async () => {
    const note = (await t.ok(`mutation($input: CreateNoteInput!) { createNote(input: $input) { note { id review { id } } } }`, { input: { title: 'My haul', body: '', format: 'IMAGE_TEXT', media: [{ url: 'https://img.example.com/h.jpg', kind: 'IMAGE' }], reviewId: reviewed.shown } }, author.token)).createNote.note;
    expect(note.review).toEqual({ id: reviewed.shown });
    // A note's review passes the review's rule: once it is hidden, the note shows none.
    const record = await loadNote(note.id);
    await t.db.driver.executeQuery(`MATCH (n:Note {id: $n}), (r:Review {id: $r}) CREATE (n)-[:SHOWS_REVIEW]->(r)`, { n: note.id, r: reviewed.hidden });
    await t.db.driver.executeQuery(`MATCH (:Note {id: $n})-[s:SHOWS_REVIEW]->(:Review {id: $r}) DELETE s`, { n: note.id, r: reviewed.shown });
    expect(await resolveAs(stranger, 'Note.review', record)).toBeNull();
    expect(await resolveAs(author, 'Note.review', record)).toMatchObject({ id: reviewed.hidden });
  },
  'OrderItem.review': async () => {
    const hiddenOrder = (await loadReview(reviewed.hidden)).orderId;
    const product = { id: reviewed.product };
    expect(await resolveAs(stranger, 'OrderItem.review', { orderId: hiddenOrder, product })).toBeNull();
    expect(await resolveAs(author, 'OrderItem.review', { orderId: hiddenOrder, product })).toMatchObject({ id: reviewed.hidden });
  },
  'ModerationCase.target': reviewSubject('ModerationCase.target', () => ({ targetType: 'REVIEW', targetId: reviewed.hidden })),
  'ModerationAction.target': reviewSubject('ModerationAction.target', () => ({ targetType: 'REVIEW', targetId: reviewed.hidden })),
  'AuditLogEntry.subject': reviewSubject('AuditLogEntry.subject', () => ({ subjectType: 'REVIEW', subjectId: reviewed.hidden })),
};

describe('the visibility sweep: reviews', () => {
  beforeAll(reviewWorld);

  test('every field returning Reviews has a case, and the guard wraps it', () => {
    const fields = reviewFields(schema);
    expect(fields.filter((f) => !REVIEW_CASES[f])).toEqual([]);
    expect(Object.keys(REVIEW_CASES).filter((c) => !fields.includes(c))).toEqual([]);
    const wrapped = new Set(guardedFields.map((g) => g.coordinate));
    expect(fields.filter((f) => !wrapped.has(f) && !/^Product\.reviews$/.test(f))).toEqual([]);
  });

  test.each(Object.keys(REVIEW_CASES).sort())('%s keeps a hidden review (and an anonymous author) out', async (coordinate) => {
    await REVIEW_CASES[coordinate]!();
  });
});

// ---------------------------------------------------------------------------------------------
// Live rooms (issue 16): every field returning a LiveRoom, a LiveComment or a LiveProductPin (a
// list or connection of them, or an interface they implement) has a case: a SECRET group's room
// reaches a non-member through none of them (its member still sees it), nor does a room whose host
// is in a block with the viewer, nor a comment by someone in a block with them.

const LIVE_KINDS = ['LiveRoom', 'LiveComment', 'LiveProductPin'];
const lived: { secretRoom: string; blockerRoom: string; openRoom: string; admin: Person; merchant: Person; member: Person } = {} as never;

function liveFields(s: GraphQLSchema): string[] {
  const found: string[] = [];
  const carriesLive = (type: GraphQLType): boolean => {
    const named = getNamedType(type);
    if (LIVE_KINDS.includes(named.name)) return true;
    if (isUnionType(named)) return named.getTypes().some((m) => LIVE_KINDS.includes(m.name));
    if (isInterfaceType(named)) return s.getPossibleTypes(named).some((m) => LIVE_KINDS.includes(m.name));
    if (!isObjectType(named)) return false;
    return ['node', 'nodes', 'edges'].some((sub) => {
      const field = named.getFields()[sub];
      if (!field) return false;
      const inner = getNamedType(field.type);
      return LIVE_KINDS.includes(inner.name) || (isObjectType(inner) && !!inner.getFields().node && LIVE_KINDS.includes(getNamedType(inner.getFields().node!.type).name));
    });
  };
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (carriesLive(field.type)) found.push(`${type.name}.${field.name}`);
  }
  return found.sort();
}

async function liveWorld() {
  lived.admin = await signUpAdmin(t, `sweep-live-${process.pid}@admins.example.com`);
  lived.merchant = await signUpMerchant(t, lived.admin, 'sw_live_shop');
  lived.member = fan;
  const productId = await listProduct(t, lived.merchant, { priceMinor: 10000 });
  const at = new Date(Date.now() + 3_600_000).toISOString();
  const room = async (host: Person, groupId: string | null) => {
    await t.ok(`mutation($h: ID!) { allowLiveHost(input: { hostId: $h }) { host { id } } }`, { h: host.id }, lived.merchant.token);
    const id = (await t.ok(`mutation($p: ID!, $at: DateTimeISO!, $g: ID) { scheduleLiveRoom(input: { title: "Sweep live", coverUrl: "https://img.example.com/c.jpg", streamUrl: "https://live.example.com/s.m3u8", scheduledStartAt: $at, groupId: $g, productIds: [$p] }) { liveRoom { id } } }`, { p: productId, at, g: groupId }, host.token)).scheduleLiveRoom.liveRoom.id as string;
    await t.ok(`mutation($r: ID!) { startLive(input: { roomId: $r }) { liveRoom { id } } }`, { r: id }, host.token);
    await t.ok(`mutation($r: ID!, $p: ID!) { pinProduct(input: { roomId: $r, productId: $p, flashPriceMinor: 5000, flashQuantity: 5 }) { liveRoom { id } } }`, { r: id, p: productId }, host.token);
    return id;
  };
  // The owner's SECRET community, the fan a member; the stranger follows the owner but is no member.
  const secret = await createGroup(owner, { visibility: 'SECRET' });
  await admit(secret, fan);
  lived.secretRoom = await room(owner, secret);
  const said = (await t.ok(`mutation($r: ID!) { sendLiveComment(input: { roomId: $r, body: "members only" }) { comment { id } } }`, { r: lived.secretRoom }, fan.token)).sendLiveComment.comment.id;
  await t.ok(`mutation($r: ID!, $c: ID) { pinComment(input: { roomId: $r, commentId: $c }) { liveRoom { id } } }`, { r: lived.secretRoom, c: said }, owner.token);
  // The blocker (who blocked the stranger) hosts a public room, and comments, pinned, in the owner's public one.
  lived.blockerRoom = await room(blocker, null);
  lived.openRoom = await room(owner, null);
  const blockerSaid = (await t.ok(`mutation($r: ID!) { sendLiveComment(input: { roomId: $r, body: "from the blocker" }) { comment { id } } }`, { r: lived.openRoom }, blocker.token)).sendLiveComment.comment.id;
  await t.ok(`mutation($r: ID!, $c: ID) { pinComment(input: { roomId: $r, commentId: $c }) { liveRoom { id } } }`, { r: lived.openRoom, c: blockerSaid }, owner.token);
}

const ROOM = `query($id: ID!) { liveRoom(id: $id) { id pinnedProduct { product { id } flashLeft } pinnedComment { body } comments { totalCount edges { node { body } } nodes { body } } } }`;
const roomsOf = async (who: Person, query: string, pick: (data: any) => { edges: { node: { id: string } }[]; nodes: Ids }) => pageIds(pick(await t.ok(query, {}, who.token))); // eslint-disable-line @typescript-eslint/no-explicit-any
const hiddenRooms = () => [lived.secretRoom, lived.blockerRoom];

/** The room the stranger may not see, read as its member reads it and as the stranger does. */
const roomCase = async () => {
  for (const id of hiddenRooms()) expect((await t.ok(ROOM, { id }, stranger.token)).liveRoom).toBeNull();
  const seen = (await t.ok(ROOM, { id: lived.secretRoom }, fan.token)).liveRoom;
  expect(seen).toMatchObject({ id: lived.secretRoom, pinnedProduct: { flashLeft: 5 }, pinnedComment: { body: 'members only' }, comments: { totalCount: 1 } });
};
/** In a room the stranger may see, the comment of someone in a block with them is left out, pinned or not. */
const blockedCommentCase = async () => {
  const room = (await t.ok(ROOM, { id: lived.openRoom }, stranger.token)).liveRoom;
  expect(room).toMatchObject({ id: lived.openRoom, pinnedComment: null, comments: { totalCount: 0, edges: [], nodes: [] } });
  expect((await t.ok(ROOM, { id: lived.openRoom }, fan.token)).liveRoom.pinnedComment).toEqual({ body: 'from the blocker' });
};
const listCase = async () => {
  const LIVE = `{ liveRooms(status: LIVE, first: 100) { edges { node { id } } nodes { id } } }`;
  const seen = await roomsOf(stranger, LIVE, (d) => d.liveRooms);
  for (const id of hiddenRooms()) expect(seen).not.toContain(id);
  expect(seen).toContain(lived.openRoom);
  expect(await roomsOf(fan, LIVE, (d) => d.liveRooms)).toContain(lived.secretRoom);
};
/** A room's mutation by the stranger answers NOT_FOUND, as for a room that does not exist. */
const liveMutation = (mutation: string, input: string) => () => {
  const declared = ['$r: ID!', ...(input.includes('$u') ? ['$u: ID!'] : []), ...(input.includes('$c') ? ['$c: ID'] : [])].join(', ');
  return notFoundFor(stranger, `mutation(${declared}) { ${mutation}(input: { roomId: $r${input} }) { __typename userErrors { code } } }`, { r: lived.secretRoom, ...(input.includes('$u') ? { u: fan.id } : {}), ...(input.includes('$c') ? { c: null } : {}) });
};
/** A subscription to the SECRET group's room is refused to the stranger: no comment, pin or count of it reaches them. */
const subscriptionCase = async () => {
  const watch = collect(t.ws(stranger.token), `subscription($r: ID!) { liveRoomEvents(roomId: $r) { __typename } }`, 1, 10_000, { r: lived.secretRoom });
  await expect(watch.events).rejects.toThrow(/NOT_FOUND/);
};

const LIVE_CASES: Record<string, () => Promise<void>> = {
  'Query.liveRoom': roomCase,
  'LiveRoom.pinnedProduct': roomCase,
  'LiveRoom.pinnedComment': async () => {
    await roomCase();
    await blockedCommentCase();
  },
  'LiveRoom.comments': blockedCommentCase,
  'LiveCommentConnection.edges': blockedCommentCase,
  'LiveCommentConnection.nodes': blockedCommentCase,
  'LiveCommentEdge.node': blockedCommentCase,
  'Query.liveRooms': listCase,
  'LiveRoomConnection.edges': listCase,
  'LiveRoomConnection.nodes': listCase,
  'LiveRoomEdge.node': listCase,
  // The stranger follows the owner: the owner's open room is listed, their SECRET group's is not.
  'Query.followedLiveRooms': async () => {
    const seen = await roomsOf(stranger, `{ followedLiveRooms(first: 100) { edges { node { id } } nodes { id } } }`, (d) => d.followedLiveRooms);
    expect(seen).toContain(lived.openRoom);
    expect(seen).not.toContain(lived.secretRoom);
  },
  'Query.node': async () => {
    const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
    for (const id of hiddenRooms()) expect((await t.ok(NODE, { id }, stranger.token)).node).toBeNull();
    expect((await t.ok(NODE, { id: lived.secretRoom }, fan.token)).node).toEqual({ __typename: 'LiveRoom', id: lived.secretRoom });
  },
  'Query.nodes': async () => {
    const { nodes } = await t.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [lived.openRoom, ...hiddenRooms()] }, stranger.token);
    expect(nodes).toEqual([{ __typename: 'LiveRoom', id: lived.openRoom }, null, null]);
  },
  'AttributedTouchpoint.liveRoom': async () => {
    const touch = { kind: 'LIVE', ref: lived.secretRoom, at: 0 };
    expect(await resolveAs(stranger, 'AttributedTouchpoint.liveRoom', touch)).toBeNull();
    expect(await resolveAs(fan, 'AttributedTouchpoint.liveRoom', touch)).toMatchObject({ id: lived.secretRoom });
  },
  // Stats are null for a room the viewer may not see, before any question of who runs it.
  'LiveRoomStats.room': async () => {
    const STATS = `query($r: ID!) { liveRoomStats(roomId: $r) { room { id } } }`;
    expect((await t.ok(STATS, { r: lived.secretRoom }, stranger.token)).liveRoomStats).toBeNull();
    expect((await t.ok(STATS, { r: lived.secretRoom }, owner.token)).liveRoomStats.room).toEqual({ id: lived.secretRoom });
  },
  'AddRoomModeratorPayload.liveRoom': liveMutation('addRoomModerator', ', userId: $u'),
  'EndLivePayload.liveRoom': liveMutation('endLive', ''),
  'JoinRoomPayload.liveRoom': liveMutation('joinRoom', ''),
  'LeaveRoomPayload.liveRoom': liveMutation('leaveRoom', ''),
  'LikeRoomPayload.liveRoom': liveMutation('likeRoom', ''),
  'MuteInRoomPayload.liveRoom': liveMutation('muteInRoom', ', userId: $u, minutes: 5'),
  'PinCommentPayload.liveRoom': liveMutation('pinComment', ', commentId: $c'),
  'PinProductPayload.liveRoom': liveMutation('pinProduct', ', productId: $u'),
  'PublishLiveRecapPayload.liveRoom': liveMutation('publishLiveRecap', ''),
  'StartLivePayload.liveRoom': liveMutation('startLive', ''),
  'UnpinProductPayload.liveRoom': liveMutation('unpinProduct', ''),
  'UpdateLiveRecapPayload.liveRoom': liveMutation('updateLiveRecap', ', title: "mine"'),
  'SendLiveCommentPayload.comment': liveMutation('sendLiveComment', ', body: "hello"'),
  // Scheduling a room in a SECRET group one is not in: the group is unknown to them.
  'ScheduleLiveRoomPayload.liveRoom': async () => {
    const result = await t.gql(`mutation($g: ID!, $at: DateTimeISO!) { scheduleLiveRoom(input: { title: "x", coverUrl: "https://img.example.com/c.jpg", streamUrl: "https://live.example.com/s.m3u8", scheduledStartAt: $at, groupId: $g, productIds: ["${UNKNOWN_LIVE_ID}"] }) { liveRoom { id } userErrors { code } } }`, { g: (await t.ok(`query($id: ID!) { liveRoom(id: $id) { group { id } } }`, { id: lived.secretRoom }, fan.token)).liveRoom.group.id, at: new Date(Date.now() + 3_600_000).toISOString() }, stranger.token);
    expect(result.data?.scheduleLiveRoom).toEqual({ liveRoom: null, userErrors: [{ code: 'NOT_FOUND' }] });
  },
  'LiveCommentsAdded.comments': subscriptionCase,
  'LiveCommentPinChanged.comment': subscriptionCase,
  'LiveProductPinChanged.pin': subscriptionCase,
};
const UNKNOWN_LIVE_ID = '00000000-0000-4000-8000-000000000000';

describe('the visibility sweep: live rooms', () => {
  beforeAll(liveWorld);

  test('every field returning a LiveRoom, LiveComment or LiveProductPin has a case', () => {
    const fields = liveFields(schema);
    expect(fields.filter((f) => !LIVE_CASES[f])).toEqual([]);
    expect(Object.keys(LIVE_CASES).filter((c) => !fields.includes(c))).toEqual([]);
  });

  test.each(Object.keys(LIVE_CASES).sort())("%s keeps a SECRET group's room, a blocking host's room and a blocker's comment out", async (coordinate) => {
    await LIVE_CASES[coordinate]!();
  });
});


// Coupons (issue 18 §2): every field returning a Coupon, a list or a connection of them, has a
// case: a group-exclusive coupon of the CLOSED group reaches members (and its merchant) only, and
// a proposal awaiting its merchant reaches its creator and that merchant only, on every path.
const couponed: { merchant: Person; admin: Person; coupon: string; proposal: string; claim: string; order: string } = {} as never;

function couponFields(s: GraphQLSchema): string[] {
  const found: string[] = [];
  const carriesCoupon = (type: GraphQLType): boolean => {
    const named = getNamedType(type);
    if (named.name === 'Coupon') return true;
    if (isInterfaceType(named)) return s.getPossibleTypes(named).some((m) => m.name === 'Coupon');
    if (!isObjectType(named)) return false;
    return ['node', 'nodes', 'edges'].some((sub) => {
      const field = named.getFields()[sub];
      if (!field) return false;
      const inner = getNamedType(field.type);
      return inner.name === 'Coupon' || (isObjectType(inner) && !!inner.getFields().node && getNamedType(inner.getFields().node!.type).name === 'Coupon');
    });
  };
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (carriesCoupon(field.type)) found.push(`${type.name}.${field.name}`);
  }
  return found.sort();
}

async function couponWorld() {
  couponed.admin = await signUpAdmin(t, `sweep-coupons-${process.pid}@admins.example.com`);
  couponed.merchant = await signUpMerchant(t, couponed.admin, 'sw_cp_shop');
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const CREATE = `mutation($input: CreateCouponInput!) { createCoupon(input: $input) { coupon { id } } }`;
  const input = { name: 'Members only', kind: 'AMOUNT_OFF', scope: 'GROUP_EXCLUSIVE', groupId: closedGroup, amountOffMinor: 500, totalQuantity: 10, claimEndsAt: at(3_600_000), useEndsAt: at(7_200_000) };
  couponed.coupon = (await t.ok(CREATE, { input }, couponed.merchant.token)).createCoupon.coupon.id;
  couponed.proposal = (await t.ok(CREATE, { input: { ...input, merchantId: couponed.merchant.id } }, owner.token)).createCoupon.coupon.id;
  couponed.claim = (await t.ok(`mutation($c: ID!, $k: String!) { claimCoupon(input: { couponId: $c, idempotencyKey: $k }) { claim { id } } }`, { c: couponed.coupon, k: `sweep-cp-${process.pid}` }, author.token)).claimCoupon.claim.id;
  const product = await listProduct(t, couponed.merchant);
  couponed.order = (await t.ok(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`, { input: { items: [{ productId: product, qty: 1 }], couponIds: [couponed.coupon], idempotencyKey: `sweep-cp-order-${process.pid}` } }, author.token)).placeOrder.order.id;
}

const COUPON_PAGE = `query { coupons(first: 100) { edges { node { id } } nodes { id } } }`;
const couponPage = async (who: Person) => {
  const page = (await t.ok(COUPON_PAGE, {}, who.token)).coupons;
  const ids = page.nodes.map((n: { id: string }) => n.id);
  expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(ids);
  return ids as string[];
};

const COUPON_CASES: Record<string, () => Promise<void>> = {
  'Query.coupon': async () => {
    const COUPON = `query($id: ID!) { coupon(id: $id) { id } }`;
    for (const id of [couponed.coupon, couponed.proposal]) {
      expect((await t.ok(COUPON, { id }, stranger.token)).coupon).toBeNull();
      expect((await t.ok(COUPON, { id }, couponed.merchant.token)).coupon).toEqual({ id });
    }
    expect((await t.ok(COUPON, { id: couponed.coupon }, author.token)).coupon).toEqual({ id: couponed.coupon });
    // A member sees the group's ACTIVE coupon, not a proposal still waiting for the merchant.
    expect((await t.ok(COUPON, { id: couponed.proposal }, author.token)).coupon).toBeNull();
    expect((await t.ok(COUPON, { id: couponed.proposal }, owner.token)).coupon).toEqual({ id: couponed.proposal });
  },
  'Query.coupons': async () => {
    expect(await couponPage(stranger)).not.toContain(couponed.coupon);
    expect(await couponPage(author)).toContain(couponed.coupon);
    expect(await couponPage(author)).not.toContain(couponed.proposal);
  },
  'CouponConnection.edges': async () => COUPON_CASES['Query.coupons']!(),
  'CouponConnection.nodes': async () => COUPON_CASES['Query.coupons']!(),
  'CouponEdge.node': async () => COUPON_CASES['Query.coupons']!(),
  'Query.couponProposals': async () => {
    const PROPOSALS = `query { couponProposals { nodes { id } } }`;
    expect((await t.ok(PROPOSALS, {}, couponed.merchant.token)).couponProposals.nodes).toContainEqual({ id: couponed.proposal });
    expect((await t.gql(PROPOSALS, {}, stranger.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const other = await signUpMerchant(t, couponed.admin, 'sw_cp_other');
    expect((await t.ok(PROPOSALS, {}, other.token)).couponProposals.nodes).toEqual([]);
  },
  'Query.node': async () => {
    const NODE = `query($id: ID!) { node(id: $id) { id } }`;
    expect((await t.ok(NODE, { id: couponed.coupon }, stranger.token)).node).toBeNull();
    expect((await t.ok(NODE, { id: couponed.coupon }, author.token)).node).toEqual({ id: couponed.coupon });
    expect((await t.ok(NODE, { id: couponed.proposal }, author.token)).node).toBeNull();
  },
  'Query.nodes': async () => {
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    expect((await t.ok(NODES, { ids: [couponed.coupon, couponed.proposal] }, stranger.token)).nodes).toEqual([null, null]);
    expect((await t.ok(NODES, { ids: [couponed.coupon, couponed.proposal] }, author.token)).nodes).toEqual([{ id: couponed.coupon }, null]);
  },
  'CreateCouponPayload.coupon': async () => {
    // A non-member issues no coupon for the CLOSED group (nor proposes one), so no payload shows one.
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const result = await t.gql(`mutation($input: CreateCouponInput!) { createCoupon(input: $input) { coupon { id } userErrors { code } } }`, {
      input: { name: 'Sneaky', kind: 'AMOUNT_OFF', scope: 'GROUP_EXCLUSIVE', groupId: closedGroup, merchantId: couponed.merchant.id, amountOffMinor: 500, totalQuantity: 10, claimEndsAt: at(3_600_000), useEndsAt: at(7_200_000) },
    }, stranger.token);
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(result.data?.createCoupon ?? null).toBeNull();
  },
  'DecideCouponProposalPayload.coupon': async () => {
    await notFoundFor(stranger, `mutation($c: ID!) { decideCouponProposal(input: { couponId: $c, decision: APPROVE }) { coupon { id } userErrors { code } } }`, { c: couponed.proposal });
  },
  'CouponClaim.coupon': async () => {
    // A claim is reached by its holder alone (myCoupons, node), so its coupon is too.
    const NODE = `query($id: ID!) { node(id: $id) { ... on CouponClaim { coupon { id } } } }`;
    expect((await t.ok(NODE, { id: couponed.claim }, stranger.token)).node).toBeNull();
    expect((await t.ok(NODE, { id: couponed.claim }, author.token)).node).toEqual({ coupon: { id: couponed.coupon } });
    expect((await t.ok(`query { myCoupons(status: USED) { nodes { coupon { id } } } }`, {}, stranger.token)).myCoupons.nodes).toEqual([]);
  },
  'AppliedCoupon.coupon': async () => {
    // Order.coupons resolves each coupon by the coupon's rule: a stranger handed the order sees none.
    const order = (await commerceLoaders(t.app.scope({ token: null, ip: '127.0.0.1' })).orderById.load(couponed.order))!;
    expect(await resolveAs(stranger, 'Order.coupons', order)).toEqual([expect.objectContaining({ coupon: null })]);
    expect(await resolveAs(author, 'Order.coupons', order)).toEqual([expect.objectContaining({ coupon: expect.objectContaining({ id: couponed.coupon }) })]);
    expect(await resolveAs(couponed.merchant, 'Order.coupons', order)).toEqual([expect.objectContaining({ coupon: expect.objectContaining({ id: couponed.coupon }) })]);
  },
};

describe('the visibility sweep: coupons', () => {
  beforeAll(couponWorld);

  test('every field returning Coupons has a case', () => {
    const fields = couponFields(schema);
    expect(fields.filter((f) => !COUPON_CASES[f])).toEqual([]);
    expect(Object.keys(COUPON_CASES).filter((c) => !fields.includes(c))).toEqual([]);
  });

  test.each(Object.keys(COUPON_CASES).sort())('%s keeps a group-exclusive coupon and a proposal to those who may see them', async (coordinate) => {
    await COUPON_CASES[coordinate]!();
  });
});
