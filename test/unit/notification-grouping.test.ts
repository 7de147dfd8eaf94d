import { GROUPING, groupingOf, groupKey, type NotificationCauseIds } from '../../src/notifications/grouping';
import { NotificationType } from '../../src/notifications/types';
import { DAY_MS } from '../../src/common/period';

const MIDNIGHT = Date.UTC(2026, 11, 1);
const at = (hours: number) => MIDNIGHT + hours * 3600_000;
/** The key of the group a notification `id` of `kind` for `recipient` joins. */
const key = (recipient: string, kind: NotificationType, cause: NotificationCauseIds, when: number, id = 'n1') => groupKey(recipient, groupingOf(kind, cause, when), id);

describe('notification grouping rules', () => {
  test('likes of one note group within one UTC day; the next day starts another group', () => {
    const morning = key('mei', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(1), 'n1');
    expect(key('mei', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(23.99), 'n2')).toBe(morning);
    expect(key('mei', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(24), 'n3')).not.toBe(morning);
    expect(groupingOf(NotificationType.NOTE_LIKED, { noteId: 'note' }, at(1))).toMatchObject({
      windowStart: MIDNIGHT,
      windowEnd: MIDNIGHT + DAY_MS,
      noteId: 'note',
      commentId: null,
      refresh: false,
      subjectIsRecipient: false,
    });
  });

  test('the key separates recipients, kinds and notes', () => {
    const base = key('mei', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(1));
    expect(key('lin', NotificationType.NOTE_LIKED, { noteId: 'note' }, at(1))).not.toBe(base);
    expect(key('mei', NotificationType.NOTE_COLLECTED, { noteId: 'note' }, at(1))).not.toBe(base);
    expect(key('mei', NotificationType.NOTE_LIKED, { noteId: 'other' }, at(1))).not.toBe(base);
  });

  test('comments group by their note, not by the comment, and a second comment by one actor is news', () => {
    const one = key('mei', NotificationType.NOTE_COMMENTED, { noteId: 'note', commentId: 'c1' }, at(2), 'n1');
    expect(key('mei', NotificationType.NOTE_COMMENTED, { noteId: 'note', commentId: 'c2' }, at(3), 'n2')).toBe(one);
    expect(groupingOf(NotificationType.NOTE_COMMENTED, { noteId: 'note', commentId: 'c1' }, at(2))).toMatchObject({ noteId: 'note', commentId: null, refresh: true });
  });

  test('new followers group per day and are about the one followed', () => {
    expect(key('mei', NotificationType.NEW_FOLLOWER, {}, at(20), 'n2')).toBe(key('mei', NotificationType.NEW_FOLLOWER, {}, at(2), 'n1'));
    expect(groupingOf(NotificationType.NEW_FOLLOWER, {}, at(2))).toMatchObject({ subjectIsRecipient: true, noteId: null, windowEnd: MIDNIGHT + DAY_MS });
  });

  test('replies, mentions and moderation actions are each a group of their own, about what the notification is about', () => {
    for (const kind of [NotificationType.COMMENT_REPLIED, NotificationType.MENTION, NotificationType.MODERATION_ACTION]) {
      const cause = { noteId: 'note', commentId: 'c1', actionId: kind === NotificationType.MODERATION_ACTION ? 'a1' : null };
      expect(key('mei', kind, cause, at(2), 'n2')).not.toBe(key('mei', kind, cause, at(2), 'n1'));
      expect(groupingOf(kind, cause, at(2))).toMatchObject({ windowEnd: null, noteId: 'note', commentId: 'c1', perNotification: true, subjectIsRecipient: false });
    }
  });

  test('every kind has a rule', () => {
    expect(Object.keys(GROUPING).sort()).toEqual(Object.values(NotificationType).sort());
  });
});
