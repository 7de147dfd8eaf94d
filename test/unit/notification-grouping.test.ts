import { GROUPING, placementOf } from '../../src/notifications/grouping';
import { NotificationType } from '../../src/notifications/types';
import { DAY_MS } from '../../src/common/period';

const MIDNIGHT = Date.UTC(2026, 11, 1);
const at = (hours: number) => MIDNIGHT + hours * 3600_000;

describe('notification grouping rules', () => {
  test('likes of one note group within one UTC day; the next day starts another group', () => {
    const morning = placementOf('n1', 'mei', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(1));
    const evening = placementOf('n2', 'mei', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(23.99));
    const tomorrow = placementOf('n3', 'mei', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(24));
    expect(evening.key).toBe(morning.key);
    expect(tomorrow.key).not.toBe(morning.key);
    expect(morning).toMatchObject({ windowStart: MIDNIGHT, windowEnd: MIDNIGHT + DAY_MS, noteId: 'note', commentId: null, refresh: false });
  });

  test('the key separates recipients, kinds and notes', () => {
    const base = placementOf('n1', 'mei', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(1)).key;
    expect(placementOf('n2', 'lin', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(1)).key).not.toBe(base);
    expect(placementOf('n2', 'mei', NotificationType.NOTE_COLLECTED, { noteId: 'note' }, at(1)).key).not.toBe(base);
    expect(placementOf('n2', 'mei', NotificationType.NOTE_LIKED, { noteId: 'other' }, at(1)).key).not.toBe(base);
  });

  test('comments group by their note, not by the comment, and a second comment by one actor is news', () => {
    const one = placementOf('n1', 'mei', NotificationType.NOTE_COMMENTED, { noteId: 'note', commentId: 'c1' }, at(2));
    const two = placementOf('n2', 'mei', NotificationType.NOTE_COMMENTED, { noteId: 'note', commentId: 'c2' }, at(3));
    expect(two.key).toBe(one.key);
    expect(one).toMatchObject({ noteId: 'note', commentId: null, refresh: true });
  });

  test("new followers group per day and are about the one followed", () => {
    const one = placementOf('n1', 'mei', NotificationType.NEW_FOLLOWER, {}, at(2));
    expect(placementOf('n2', 'mei', NotificationType.NEW_FOLLOWER, {}, at(20)).key).toBe(one.key);
    expect(one).toMatchObject({ subjectUserId: 'mei', noteId: null, windowEnd: MIDNIGHT + DAY_MS });
  });

  test('replies, mentions and moderation actions are each a group of their own, about what the notification is about', () => {
    for (const kind of [NotificationType.COMMENT_REPLIED, NotificationType.MENTION, NotificationType.MODERATION_ACTION]) {
      const one = placementOf('n1', 'mei', kind, { noteId: 'note', commentId: 'c1', actionId: kind === NotificationType.MODERATION_ACTION ? 'a1' : null }, at(2));
      const two = placementOf('n2', 'mei', kind, { noteId: 'note', commentId: 'c1' }, at(2));
      expect(two.key).not.toBe(one.key);
      expect(one).toMatchObject({ windowEnd: null, noteId: 'note', commentId: 'c1' });
    }
  });

  test('every kind has a rule', () => {
    expect(Object.keys(GROUPING).sort()).toEqual(Object.values(NotificationType).sort());
  });
});
