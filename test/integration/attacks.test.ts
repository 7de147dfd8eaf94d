import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { collect, startTestApp, TestApp } from '../helpers/app';
import { follow, postNote, signUp, Person } from '../helpers/people';
import { VisibilityBlockDocument, VisibilityCommentDocument, VisibilityCreateGroupDocument, VisibilityJoinGroupDocument } from '../generated/graphql';

/**
 * An outside reviewer's attempts on the merged trust boundary, as an attacker would make them
 * against a running server. Each test is an attack that must fail; the ones kept here cover paths
 * the other suites do not.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const CREATE_GROUP = VisibilityCreateGroupDocument;
const JOIN = VisibilityJoinGroupDocument;
const BLOCK = VisibilityBlockDocument;
const COMMENT = VisibilityCommentDocument;

async function openGroup(owner: Person, ...members: Person[]): Promise<string> {
  const g = (await t.ok(CREATE_GROUP, { input: { name: `Attack circle ${Math.random().toString(36).slice(2, 8)}`, rules: 'Be kind' } }, owner.token)).createGroup.group!.id;
  for (const m of members) await t.ok(JOIN, { id: g }, m.token);
  return g;
}

type Activity = { groupActivity: { kind: string; noteId: string | null; commentId: string | null; actor: { id: string } | null } };
const GROUP_ACTIVITY = (g: string) => `subscription { groupActivity(groupId: "${g}") { kind noteId commentId actor { id } } }`;

describe('groupActivity across blocks and note visibility', () => {
  test('a member who blocked someone does not hear, live, what they post or comment in a shared group, nor the other way round', async () => {
    const [owner, blocker, blocked] = await Promise.all(['ga_o', 'ga_blocker', 'ga_blocked'].map((n) => signUp(t, n)));
    const g = await openGroup(owner!, blocker!, blocked!);
    const ownersNote = await postNote(t, owner!, { groupId: g, title: 'Weekly thread' });
    await t.ok(BLOCK, { id: blocked!.id }, blocker!.token);

    // Both sides of the block listen: each hears the owner and themself, never the other.
    const blockerHears = collect<Activity>(t.ws(blocker!.token), GROUP_ACTIVITY(g), 3, 10_000);
    const blockedHears = collect<Activity>(t.ws(blocked!.token), GROUP_ACTIVITY(g), 3, 10_000);
    await Promise.all([blockerHears.started, blockedHears.started]);
    await new Promise((r) => setTimeout(r, 500));

    const blockedsNote = await postNote(t, blocked!, { groupId: g, title: 'Posted by the blocked one' });
    const blockedsComment = (await t.ok(COMMENT, { id: ownersNote.id, text: 'a comment from the blocked one' }, blocked!.token)).comment.comment!.id;
    const blockersNote = await postNote(t, blocker!, { groupId: g, title: 'Posted by the blocker' });
    const blockersComment = (await t.ok(COMMENT, { id: ownersNote.id, text: 'a comment from the blocker' }, blocker!.token)).comment.comment!.id;
    const closing = await postNote(t, owner!, { groupId: g, title: 'Closing note' });

    const heard = async (events: Promise<Activity[]>) => (await events).map((e) => [e.groupActivity.kind, e.groupActivity.actor?.id, e.groupActivity.noteId, e.groupActivity.commentId]);
    expect(await heard(blockerHears.events)).toEqual([
      ['NOTE_POSTED', blocker!.id, blockersNote.id, null],
      ['COMMENT_ADDED', blocker!.id, ownersNote.id, blockersComment],
      ['NOTE_POSTED', owner!.id, closing.id, null],
    ]);
    expect(await heard(blockedHears.events)).toEqual([
      ['NOTE_POSTED', blocked!.id, blockedsNote.id, null],
      ['COMMENT_ADDED', blocked!.id, ownersNote.id, blockedsComment],
      ['NOTE_POSTED', owner!.id, closing.id, null],
    ]);
  });

  test('a member who does not follow an author hears nothing live of the author\'s followers-only group note, while a follower does', async () => {
    const [owner, author, fan, stranger] = await Promise.all(['gf_o', 'gf_author', 'gf_fan', 'gf_stranger'].map((n) => signUp(t, n)));
    const g = await openGroup(owner!, author!, fan!, stranger!);
    await follow(t, fan!, author!);

    const strangerHears = collect<Activity>(t.ws(stranger!.token), GROUP_ACTIVITY(g), 1, 8000);
    const fanHears = collect<Activity>(t.ws(fan!.token), GROUP_ACTIVITY(g), 3, 8000);
    await Promise.all([strangerHears.started, fanHears.started]);
    await new Promise((r) => setTimeout(r, 300));

    const secret = await postNote(t, author!, { groupId: g, title: 'For my followers', visibility: 'FOLLOWERS' });
    await t.ok(COMMENT, { id: secret.id, text: 'only followers read this' }, fan!.token);
    const closing = await postNote(t, owner!, { groupId: g, title: 'Closing note' });

    expect((await strangerHears.events).map((e) => e.groupActivity.noteId)).toEqual([closing.id]);
    expect((await fanHears.events).map((e) => [e.groupActivity.kind, e.groupActivity.noteId])).toEqual([
      ['NOTE_POSTED', secret.id],
      ['COMMENT_ADDED', secret.id],
      ['NOTE_POSTED', closing.id],
    ]);
  });
});

describe('a SECRET group reached through the id of something inside it', () => {
  test('a stranger holding the id of a note, a comment or a share link inside a SECRET group gets the same answer as for an unknown one', async () => {
    const [owner, member, outsider] = await Promise.all(['sg_o', 'sg_m', 'sg_x'].map((n) => signUp(t, n)));
    const g = (await t.ok(CREATE_GROUP, { input: { name: `Hidden circle ${Math.random().toString(36).slice(2, 8)}`, rules: 'Be kind', visibility: 'SECRET' } }, owner!.token)).createGroup.group!.id as string;
    await t.ok(`mutation($g: ID!, $u: ID!) { inviteToGroup(input: { groupId: $g, userId: $u }) { userErrors { code } } }`, { g, u: member!.id }, owner!.token);
    await t.ok(JOIN, { id: g }, member!.token);
    const note = await postNote(t, member!, { groupId: g, title: 'Inside the circle' });
    const comment = (await t.ok(COMMENT, { id: note.id, text: 'inside too' }, owner!.token)).comment.comment!.id;
    const SHARE = `mutation($target: ShareTargetInput!) { share(input: { target: $target, channel: WECHAT }) { shareLink { code } } }`;
    const groupLink = (await t.ok(SHARE, { target: { groupId: g } }, member!.token)).share.shareLink!.code as string;
    const noteLink = (await t.ok(SHARE, { target: { noteId: note.id } }, member!.token)).share.shareLink!.code as string;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const unknownCode = 'abcdefghjk';

    const byId: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
      ['like', `mutation($n: ID!) { like(input: { noteId: $n }) { note { id } userErrors { code } } }`, { n: note.id }, { n: unknown }],
      ['collect', `mutation($n: ID!) { collect(input: { noteId: $n }) { note { id } userErrors { code } } }`, { n: note.id }, { n: unknown }],
      ['recordView', `mutation($n: ID!) { recordView(input: { noteId: $n }) { note { id } userErrors { code } } }`, { n: note.id }, { n: unknown }],
      ['comment on the note', `mutation($n: ID!) { comment(input: { noteId: $n, text: "hi" }) { comment { id } userErrors { field code message } } }`, { n: note.id }, { n: unknown }],
      ['reply to the comment', `mutation($n: ID!, $c: ID) { comment(input: { noteId: $n, replyToId: $c, text: "hi" }) { comment { id } userErrors { field code message } } }`, { n: note.id, c: comment }, { n: unknown, c: unknown }],
      ['updateNote', `mutation($n: ID!) { updateNote(input: { noteId: $n, title: "mine now" }) { note { id } userErrors { field code message } } }`, { n: note.id }, { n: unknown }],
      ['deleteNote', `mutation($n: ID!) { deleteNote(input: { noteId: $n }) { deletedNoteId userErrors { field code message } } }`, { n: note.id }, { n: unknown }],
      ['deleteComment', `mutation($c: ID!) { deleteComment(input: { commentId: $c }) { deletedCommentId userErrors { field code message } } }`, { c: comment }, { c: unknown }],
      ['report the note', `mutation($n: ID!) { report(input: { target: { noteId: $n }, reason: SPAM }) { received userErrors { field code message } } }`, { n: note.id }, { n: unknown }],
      ['report the comment', `mutation($c: ID!) { report(input: { target: { commentId: $c }, reason: SPAM }) { received userErrors { field code message } } }`, { c: comment }, { c: unknown }],
      ['share the note', `mutation($n: ID!) { share(input: { target: { noteId: $n }, channel: WECHAT }) { shareLink { code } userErrors { field code message } } }`, { n: note.id }, { n: unknown }],
      ['cascadeOfNote', `query($n: ID!) { cascadeOfNote(noteId: $n) { depth } }`, { n: note.id }, { n: unknown }],
      ['referralTreeOfNote', `query($n: ID!) { referralTreeOfNote(noteId: $n) { totals { links } } }`, { n: note.id }, { n: unknown }],
      ['referralTreeOfShareLink of the group link', `query($c: String!) { referralTreeOfShareLink(shareCode: $c) { totals { links } } }`, { c: groupLink }, { c: unknownCode }],
      ['referralTreeOfShareLink of the note link', `query($c: String!) { referralTreeOfShareLink(shareCode: $c) { totals { links } } }`, { c: noteLink }, { c: unknownCode }],
      ['shareLink of the group', `query($c: String!) { shareLink(code: $c) { code targetId } }`, { c: groupLink }, { c: unknownCode }],
      ['shareLink of the note', `query($c: String!) { shareLink(code: $c) { code targetId } }`, { c: noteLink }, { c: unknownCode }],
      ['openShareLink of the group', `mutation($c: String!) { openShareLink(input: { shareCode: $c }) { shareLink { code targetId } userErrors { field code message } } }`, { c: groupLink }, { c: unknownCode }],
      ['openShareLink of the note', `mutation($c: String!) { openShareLink(input: { shareCode: $c }) { shareLink { code targetId } userErrors { field code message } } }`, { c: noteLink }, { c: unknownCode }],
    ];
    const answer = async (query: string, variables: Record<string, unknown>) => {
      const result = await t.gql(query, variables, outsider!.token);
      const error = result.errors?.[0];
      return error ? { code: error.extensions.code, message: error.message } : { data: JSON.stringify(result.data).replaceAll(String(Object.values(variables)[0]), '<id>') };
    };
    const differences: string[] = [];
    for (const [name, query, secretVars, unknownVars] of byId) {
      const [forSecret, forUnknown] = [await answer(query, secretVars), await answer(query, unknownVars)];
      if (JSON.stringify(forSecret) !== JSON.stringify(forUnknown)) differences.push(`${name}: ${JSON.stringify(forSecret)} vs ${JSON.stringify(forUnknown)}`);
    }
    expect(differences).toEqual([]);
    // Inside the group the links still work: a member opens one, its sharer reads its tree.
    expect((await t.ok(`query($c: String!) { shareLink(code: $c) { targetId } }`, { c: groupLink }, owner!.token)).shareLink.targetId).toBe(g);
    expect((await t.ok(`query($c: String!) { referralTreeOfShareLink(shareCode: $c) { nodes { nodes { shareLink { code } } } } }`, { c: noteLink }, member!.token)).referralTreeOfShareLink.nodes.nodes).toEqual([{ shareLink: { code: noteLink } }]);
  });
});

describe('a revoked token over WebSocket', () => {
  /** The first answer of a subscription: its first event's data, or the error it ends with. */
  function firstAnswer(client: ReturnType<typeof createClient>, query: string): Promise<unknown> {
    return new Promise((resolve) => {
      const dispose = client.subscribe({ query }, {
        next: (value) => {
          dispose();
          resolve(value.errors ? { codes: value.errors.map((e) => e.extensions?.code) } : { data: value.data });
        },
        error: (error) => resolve({ codes: Array.isArray(error) ? error.map((e: { extensions?: { code?: string } }) => e.extensions?.code) : [String(error)] }),
        complete: () => resolve('completed'),
      });
    });
  }

  test('after logging out, a connection that stayed open cannot open a new stream of the account, and a new connection with the old token cannot either', async () => {
    const star = await signUp(t, 'ws_star');
    const fan = await signUp(t, 'ws_fan');
    const client = createClient({ url: t.app.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${star.token}` }, retryAttempts: 0, lazy: false });
    try {
      const before = firstAnswer(client, `subscription { newFollower { follower { id } } }`);
      await new Promise((r) => setTimeout(r, 400));
      await follow(t, fan, star);
      expect(await before).toEqual({ data: { newFollower: { follower: { id: fan.id } } } });

      await t.ok(`mutation { logOut { endedSessionId } }`, {}, star.token);
      // The same socket, still open, asks for the account's notifications again.
      expect(await firstAnswer(client, `subscription { notificationAdded { id } }`)).toEqual({ codes: ['UNAUTHENTICATED'] });
    } finally {
      await client.dispose();
    }
    const reconnect = createClient({ url: t.app.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${star.token}` }, retryAttempts: 0, lazy: true });
    try {
      const answer = await firstAnswer(reconnect, `subscription { notificationAdded { id } }`);
      expect(answer).toEqual({ codes: ['UNAUTHENTICATED'] });
    } finally {
      await reconnect.dispose();
    }
  });
});

describe('replying to a comment one may not see', () => {
  test('someone blocked by a commenter cannot reply to that comment (it answers as an unknown one) and so cannot reach them with a reply notification', async () => {
    const [author, blocker, blocked] = await Promise.all(['rp_author', 'rp_blocker', 'rp_blocked'].map((n) => signUp(t, n)));
    const note = await postNote(t, author!, { title: 'Open to all' });
    const theirComment = (await t.ok(COMMENT, { id: note.id, text: 'I love this' }, blocker!.token)).comment.comment!.id;
    await t.ok(BLOCK, { id: blocked!.id }, blocker!.token);

    const REPLY = `mutation($n: ID!, $c: ID) { comment(input: { noteId: $n, replyToId: $c, text: "replying anyway" }) { comment { id } userErrors { field code message } } }`;
    const toHidden = (await t.gql(REPLY, { n: note.id, c: theirComment }, blocked!.token)).data?.comment;
    const toUnknown = (await t.gql(REPLY, { n: note.id, c: '00000000-0000-4000-8000-000000000000' }, blocked!.token)).data?.comment;
    expect(toHidden).toEqual(toUnknown);
    expect((toUnknown as { userErrors: unknown[] } | undefined)?.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['replyToId'] });

    // Nothing was written: the comment count and the blocker's notifications are as before.
    expect((await t.ok(`query($n: ID!) { note(id: $n) { commentCount } }`, { n: note.id }, author!.token)).note.commentCount).toBe(1);
    const types = (await t.ok(`{ notifications { nodes { type } } }`, {}, blocker!.token)).notifications.nodes.map((n: { type: string }) => n.type);
    expect(types).not.toContain('COMMENT_REPLIED');
  });
});
