import { mentionedHandles, normaliseTopics, noteVisibility, validateNewNote } from '../../src/content/rules';
import { NoteFormat, NoteRecord, NoteVisibility, MediaKind } from '../../src/content/types';
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
