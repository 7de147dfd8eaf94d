import { decodeCursor } from '../../src/common/pagination';
import { Role, type UserRecord } from '../../src/accounts/types';
import { NoteFormat, NoteVisibility, type NoteRecord } from '../../src/content/types';
import { emptyHydration, hydrationOfPage, type HydrationState } from '../../src/feeds/hydration';
import { presentPage } from '../../src/feeds/pipeline';
import { visibilityIn, visibleNotes } from '../../src/feeds/rules';
import { GroupRole, type Standing } from '../../src/groups/permissions';
import { GroupVisibility, type GroupRecord } from '../../src/groups/types';
import { NO_RELATION } from '../../src/social/types';

// The rules step over hand-built hydration states: no database, no loaders.

const note = (id: string, over: Partial<NoteRecord> = {}): NoteRecord => ({
  id, title: 't', body: '', format: NoteFormat.IMAGE_TEXT, visibility: NoteVisibility.PUBLIC, mediaJson: '[]',
  createdAt: 0, editedAt: null, deletedAt: null, likeCount: 0, collectCount: 0, commentCount: 0, shareCount: 0, viewCount: 0,
  authorId: 'author', groupId: null, topics: [], productIds: [], modState: null, isAnnouncement: null,
  ...over,
});

const group = (id: string, visibility: GroupVisibility): GroupRecord => ({
  id, name: id, description: '', visibility, rules: '', premoderation: false, createdAt: 0, archivedAt: null,
  memberCount: 1, ownerId: null, topics: [], pinnedNoteIds: [], postWithoutPremoderationFromLevel: null, startGroupBuyFromLevel: null,
});

const standing = (over: Partial<Standing> = {}): Standing => ({ role: null, mutedUntil: null, banned: false, invited: false, requested: false, ...over });

const user = (id: string): UserRecord => ({
  id, email: `${id}@example.com`, handle: id, displayName: id, bio: '', avatarUrl: null, role: Role.USER, createdAt: 0,
  followerCount: 0, followingCount: 0, noteCount: 0, passwordVersion: 0,
});

function stateOf(viewerId: string | null, notes: NoteRecord[], fill: (s: HydrationState) => void = () => {}): HydrationState {
  const state = emptyHydration(viewerId);
  for (const n of notes) state.notes.set(n.id, n);
  fill(state);
  return state;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('the rules step of a note list', () => {
  test('keeps the skeleton order and drops deleted notes and notes the hydration did not find', () => {
    const state = stateOf('viewer', [note('a'), note('b', { deletedAt: 5 }), note('c')]);
    const items = [{ id: 'c', key: 3 }, { id: 'gone', key: 2 }, { id: 'b', key: 1 }, { id: 'a', key: 0 }];
    const visible = visibleNotes(state, items);
    expect(ids(visible)).toEqual(['c', 'a']);
    expect(visible[0]).toMatchObject({ key: 3, note: state.notes.get('c') });
  });

  test('hides notes across a block, either way, and answers "blocked" for them', () => {
    const state = stateOf('viewer', [note('a', { authorId: 'blocked' }), note('b', { authorId: 'blocker' }), note('c')], (s) => {
      s.relations.set('blocked', { ...NO_RELATION, isBlocked: true });
      s.relations.set('blocker', { ...NO_RELATION, hasBlockedViewer: true });
    });
    expect(ids(visibleNotes(state, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]))).toEqual(['c']);
    expect(visibilityIn(state, 'a')).toBe('blocked');
    expect(visibilityIn(state, 'b')).toBe('blocked');
  });

  test('FOLLOWERS notes reach followers and the author; with no relation hydrated, the viewer is a stranger', () => {
    const friendsOnly = [note('f', { visibility: NoteVisibility.FOLLOWERS })];
    expect(ids(visibleNotes(stateOf('viewer', friendsOnly, (s) => s.relations.set('author', { ...NO_RELATION, isFollowing: true })), [{ id: 'f' }]))).toEqual(['f']);
    expect(ids(visibleNotes(stateOf('viewer', friendsOnly), [{ id: 'f' }]))).toEqual([]);
    expect(ids(visibleNotes(stateOf(null, friendsOnly), [{ id: 'f' }]))).toEqual([]);
    expect(ids(visibleNotes(stateOf('author', friendsOnly), [{ id: 'f' }]))).toEqual(['f']);
  });

  test('moderated notes are shown to their author only', () => {
    const held = [note('h', { modState: 'PENDING' })];
    expect(ids(visibleNotes(stateOf('author', held), [{ id: 'h' }]))).toEqual(['h']);
    expect(ids(visibleNotes(stateOf('viewer', held), [{ id: 'h' }]))).toEqual([]);
  });

  test('group notes follow the group: members of CLOSED groups, not the banned of OPEN ones, never an unknown group', () => {
    const notes = [note('open', { groupId: 'g-open' }), note('closed', { groupId: 'g-closed' }), note('lost', { groupId: 'g-unknown' })];
    const groups = (s: HydrationState) => {
      s.groups.set('g-open', group('g-open', GroupVisibility.OPEN));
      s.groups.set('g-closed', group('g-closed', GroupVisibility.CLOSED));
    };
    const items = ids(notes).map((id) => ({ id }));
    expect(ids(visibleNotes(stateOf('viewer', notes, groups), items))).toEqual(['open']);
    expect(ids(visibleNotes(stateOf(null, notes, groups), items))).toEqual(['open']);
    const member = stateOf('viewer', notes, (s) => {
      groups(s);
      s.standings.set('g-closed', standing({ role: GroupRole.MEMBER }));
      s.standings.set('g-open', standing({ banned: true }));
    });
    expect(ids(visibleNotes(member, items))).toEqual(['closed']);
  });

  test('an author banned from an OPEN group loses their own notes in it', () => {
    const state = stateOf('author', [note('mine', { groupId: 'g' })], (s) => {
      s.groups.set('g', group('g', GroupVisibility.OPEN));
      s.standings.set('g', standing({ banned: true }));
    });
    expect(visibilityIn(state, 'mine')).toBe('missing');
  });
});

describe('the hydration state of a one-query page', () => {
  const page = {
    notes: [{ id: 'f', key: 1, authorId: 'author', relation: { ...NO_RELATION, isFollowing: true }, viewerState: { liked: true, collected: false } }],
    groups: [{ grp: group('g', GroupVisibility.CLOSED), standing: standing({ role: GroupRole.MEMBER }) }],
  };
  // The note and author records, as the caches behind the loaders hand them over.
  const records = { notes: [note('f', { visibility: NoteVisibility.FOLLOWERS, groupId: 'g' })], users: [user('author')] };

  test('keeps the viewer-relative answers for a viewer, and the rules use them', () => {
    const state = hydrationOfPage(page, records, 'viewer');
    expect(state.users.get('author')?.handle).toBe('author');
    expect(state.viewerStates.get('f')).toEqual({ liked: true, collected: false });
    expect(visibilityIn(state, 'f')).toBe('visible');
  });

  test('drops them without a viewer, where they mean nothing', () => {
    const anonymous = { notes: [{ ...page.notes[0]!, relation: null, viewerState: null }], groups: [{ ...page.groups[0]!, standing: null }] };
    const state = hydrationOfPage(anonymous, records, null);
    expect(state.relations.size + state.viewerStates.size + state.standings.size).toBe(0);
    expect(state.groups.get('g')?.id).toBe('g');
    expect(visibilityIn(state, 'f')).toBe('missing');
  });

  test('a note whose record neither cache nor database had is missing, not shown', () => {
    const state = hydrationOfPage(page, { notes: [], users: [] }, 'viewer');
    expect(visibilityIn(state, 'f')).toBe('missing');
  });
});

describe('the present step', () => {
  test('cursors come from the sort keys, and the end cursor is the last skeleton item even when the rules dropped it', () => {
    const skeleton = { items: [{ id: 'a', key: 20 }, { id: 'hidden', key: 10 }], hasNextPage: true };
    const page = presentPage(skeleton, [{ id: 'a', key: 20, note: note('a') }], 7);
    expect(page.edges.map((e) => decodeCursor(e.cursor))).toEqual([{ k: 20, id: 'a' }]);
    expect(decodeCursor(page.pageInfo.endCursor)).toEqual({ k: 10, id: 'hidden' });
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.totalCount).toBe(7);
    expect(page.edges[0]).toMatchObject({ reason: null, reasonText: null, score: null });
  });
});
