import { commentVisibility, mentionedHandles, normaliseTopics, noteVisibility, validateNewNote } from '../../src/content/rules';
import { CommentRecord, NoteFormat, NoteRecord, NoteVisibility, MediaKind } from '../../src/content/types';
import { NO_RELATION } from '../../src/social/types';

const note = (over: Partial<NoteRecord> = {}): NoteRecord => ({
  id: 'n', title: 't', body: '', format: NoteFormat.IMAGE_TEXT, visibility: NoteVisibility.PUBLIC, mediaJson: '[]',
  createdAt: 0, editedAt: null, deletedAt: null, likeCount: 0, collectCount: 0, commentCount: 0, shareCount: 0, viewCount: 0,
  authorId: 'author', groupId: null, topics: [], productIds: [], modState: null, isAnnouncement: null,
  ...over,
});

describe('the visibility rule', () => {
  test('deleted notes are gone, even for their author', () => {
    expect(noteVisibility(note({ deletedAt: 1 }), 'author', NO_RELATION)).toBe('missing');
  });
  test('blocks hide notes both ways', () => {
    expect(noteVisibility(note(), 'v', { ...NO_RELATION, isBlocked: true })).toBe('blocked');
    expect(noteVisibility(note(), 'v', { ...NO_RELATION, hasBlockedViewer: true })).toBe('blocked');
  });
  test('FOLLOWERS notes reach the author and followers only', () => {
    const friendsOnly = note({ visibility: NoteVisibility.FOLLOWERS });
    expect(noteVisibility(friendsOnly, 'author', NO_RELATION)).toBe('visible');
    expect(noteVisibility(friendsOnly, 'v', { ...NO_RELATION, isFollowing: true })).toBe('visible');
    expect(noteVisibility(friendsOnly, 'v', NO_RELATION)).toBe('missing');
    expect(noteVisibility(friendsOnly, null, NO_RELATION)).toBe('missing');
  });
  test('moderated notes are gone for all but their author', () => {
    expect(noteVisibility(note({ modState: 'PENDING' }), 'author', NO_RELATION)).toBe('visible');
    expect(noteVisibility(note({ modState: 'HIDDEN' }), 'v', NO_RELATION)).toBe('missing');
  });
  test('without access to its group a note is gone, for its banned or removed author too', () => {
    const inGroup = note({ groupId: 'g' });
    expect(noteVisibility(inGroup, 'v', NO_RELATION, false)).toBe('missing');
    expect(noteVisibility(inGroup, 'author', NO_RELATION, false)).toBe('missing');
    expect(noteVisibility(inGroup, 'author', NO_RELATION, true)).toBe('visible');
  });
});

describe('the comment visibility rule', () => {
  const comment = (over: Partial<CommentRecord> = {}): CommentRecord => ({
    id: 'c', text: 'hi', createdAt: 0, deletedAt: null, replyCount: 0, modState: null, authorId: 'commenter', noteId: 'n', replyToId: null, ...over,
  });
  test('a comment is visible only where its note is', () => {
    expect(commentVisibility(comment(), 'v', 'visible', NO_RELATION)).toBe('visible');
    expect(commentVisibility(comment(), 'v', 'missing', NO_RELATION)).toBe('missing');
    expect(commentVisibility(comment(), 'commenter', 'blocked', NO_RELATION)).toBe('blocked');
  });
  test('held, hidden or removed comments reach only their author; blocks hide them both ways', () => {
    expect(commentVisibility(comment({ modState: 'PENDING' }), 'v', 'visible', NO_RELATION)).toBe('missing');
    expect(commentVisibility(comment({ modState: 'REMOVED' }), 'commenter', 'visible', NO_RELATION)).toBe('visible');
    expect(commentVisibility(comment(), 'v', 'visible', { ...NO_RELATION, isBlocked: true })).toBe('blocked');
    expect(commentVisibility(comment(), 'v', 'visible', { ...NO_RELATION, hasBlockedViewer: true })).toBe('blocked');
  });
  test('a deleted comment stays as a placeholder in a visible thread', () => {
    expect(commentVisibility(comment({ deletedAt: 1 }), 'v', 'visible', NO_RELATION)).toBe('visible');
  });
});

describe('note input', () => {
  test('topics lose their # and case, and repeat once', () => {
    expect(normaliseTopics(['#SkinCare', 'skincare', '护肤'])).toEqual(['skincare', '护肤']);
  });
  test('mentions are @handles, de-duplicated ignoring case, not emails', () => {
    expect(mentionedHandles('thanks @Mei_Mei and @mei_mei, mail me at a@b.com', '@kai!')).toEqual(['Mei_Mei', 'kai']);
  });
  test('a valid draft keeps what was given, trimmed', () => {
    const draft = validateNewNote({
      title: '  Serum review ', body: 'b', format: NoteFormat.VIDEO, visibility: NoteVisibility.PUBLIC,
      media: [{ url: 'https://v.example/a.mp4', kind: MediaKind.VIDEO, durationSec: 12 }], topics: [], productIds: [],
    });
    expect(draft).toMatchObject({ title: 'Serum review', clientKey: null, groupId: null, media: [{ url: 'https://v.example/a.mp4', kind: 'VIDEO', durationSec: 12, width: null }] });
  });
});
