import { DAY_MS } from '../common/period';
import { NotificationType } from './types';

/**
 * How notifications group (issue 20 §3): "Mei and 12 others liked your note" instead of 13 rows.
 * A group is one recipient's notifications of one kind about one subject within one window; it is
 * kept on write, in the statement that stores the notification (cypher/fragments/
 * notification-grouping.cypher), never computed by scanning at read time. This module only names
 * the group a notification belongs to; it reads no clock and no database.
 */

/** What a kind groups by: its note, the recipient (the one followed), or nothing (each notification alone). */
export type GroupedBy = 'NOTE' | 'RECIPIENT' | 'NOTIFICATION';

export interface GroupingRule {
  by: GroupedBy;
  /**
   * Groups are whole UTC days (00:00Z to 00:00Z, as analytics periods are): fixed windows, so
   * that a group's key follows from the notification alone and two concurrent writers MERGE the
   * same node. Null for kinds that do not group.
   */
  windowMs: number | null;
  /**
   * What an actor already counted in the group changes by acting again within the window. A like
   * after an unlike, a second collect or a follow after an unfollow is the same fact again: the
   * group stays as it was (not counted, not moved up, not unread again, nothing pushed), so
   * toggling cannot spam the recipient. A second comment is news: the group moves up and turns
   * unread, still counting the actor once.
   */
  repeatRefreshes: boolean;
}

export const GROUPING: Record<NotificationType, GroupingRule> = {
  [NotificationType.NOTE_LIKED]: { by: 'NOTE', windowMs: DAY_MS, repeatRefreshes: false },
  [NotificationType.NOTE_COLLECTED]: { by: 'NOTE', windowMs: DAY_MS, repeatRefreshes: false },
  [NotificationType.NOTE_COMMENTED]: { by: 'NOTE', windowMs: DAY_MS, repeatRefreshes: true },
  [NotificationType.NEW_FOLLOWER]: { by: 'RECIPIENT', windowMs: DAY_MS, repeatRefreshes: false },
  // A reply, a mention and a moderation action each ask something of the recipient: one row each.
  [NotificationType.COMMENT_REPLIED]: { by: 'NOTIFICATION', windowMs: null, repeatRefreshes: false },
  [NotificationType.MENTION]: { by: 'NOTIFICATION', windowMs: null, repeatRefreshes: false },
  [NotificationType.MODERATION_ACTION]: { by: 'NOTIFICATION', windowMs: null, repeatRefreshes: false },
};

/** How many of the newest distinct actors a group keeps by id: it shows 3, after leaving out those in a block with the viewer. */
export const LATEST_ACTORS_KEPT = 10;
/** How many actors NotificationGroup.latestActors shows at most. */
export const LATEST_ACTORS_SHOWN = 3;

export interface NotificationCauseIds {
  noteId?: string | null;
  commentId?: string | null;
  actionId?: string | null;
}

/**
 * Where a notification of one kind and cause goes, without its recipient or its own id, which the
 * storing Cypher knows (a mention names its recipients by handle): the key is
 * `<recipient id><keyTail>`, then `:<notification id>` for kinds that do not group.
 * fragments/notification-grouping.cypher builds it so; groupKey below spells it out.
 */
export interface Grouping {
  kind: NotificationType;
  keyTail: string;
  perNotification: boolean;
  windowStart: number;
  /** Null for a group of one notification. */
  windowEnd: number | null;
  refresh: boolean;
  /** What the group is about, as Notification.subject reads it: the note, comment or action; else the recipient (new followers). */
  noteId: string | null;
  commentId: string | null;
  actionId: string | null;
  subjectIsRecipient: boolean;
}

/** The grouping of a notification of `kind`, stored at `at`. */
export function groupingOf(kind: NotificationType, cause: NotificationCauseIds, at: number): Grouping {
  const rule = GROUPING[kind];
  const windowStart = rule.windowMs === null ? at : Math.floor(at / rule.windowMs) * rule.windowMs;
  const windowEnd = rule.windowMs === null ? null : windowStart + rule.windowMs;
  const base = { kind, windowStart, windowEnd, refresh: rule.repeatRefreshes };
  switch (rule.by) {
    case 'NOTE':
      return { ...base, keyTail: `:${kind}:note:${cause.noteId}:${windowStart}`, perNotification: false, noteId: cause.noteId ?? null, commentId: null, actionId: null, subjectIsRecipient: false };
    case 'RECIPIENT':
      return { ...base, keyTail: `:${kind}:${windowStart}`, perNotification: false, noteId: null, commentId: null, actionId: null, subjectIsRecipient: true };
    case 'NOTIFICATION':
      return {
        ...base,
        keyTail: `:${kind}:notification`,
        perNotification: true,
        noteId: cause.noteId ?? null,
        commentId: cause.commentId ?? null,
        actionId: cause.actionId ?? null,
        subjectIsRecipient: false,
      };
  }
}

/** The unique key of the group a notification joins (constraint notification_group_key), as the Cypher builds it. */
export function groupKey(recipientId: string, grouping: Grouping, notificationId: string): string {
  return `${recipientId}${grouping.keyTail}${grouping.perNotification ? `:${notificationId}` : ''}`;
}
