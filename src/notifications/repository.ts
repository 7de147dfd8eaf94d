import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import type { DbScope, Tx } from '../db/database';
import type { Position } from '../common/pagination';
import { NotificationType, type NotificationGroupRecord, type NotificationRecord } from './types';
import { groupingOf, LATEST_ACTORS_KEPT } from './grouping';

const q = {
  create: cypher('notifications/create-notification'),
  createAboutNotes: cypher('notifications/create-note-notifications'),
  notifyMentions: cypher('notifications/notify-mentions'),
  page: cypher('notifications/notifications-page'),
  pageBefore: cypher('notifications/notifications-page-before'),
  count: cypher('notifications/count-notifications'),
  byIds: cypher('notifications/notifications-by-ids'),
  markRead: cypher('notifications/mark-read'),
  groupsPage: cypher('notifications/notification-groups-page'),
  countGroups: cypher('notifications/count-notification-groups'),
  groupsByIds: cypher('notifications/notification-groups-by-ids'),
  markSeen: cypher('notifications/mark-notifications-seen'),
  markGroupRead: cypher('notifications/mark-notification-group-read'),
};

export interface CreatedNotification {
  id: string;
  recipientId: string;
  /** The group the notification changed (to push it live); absent or null when its group stayed as it was. */
  groupId?: string | null;
}

/** One notification about a note, in a batch: `key` names it in the answer. */
export interface NoteNotification extends NotificationCause {
  key: number;
  recipientId: string;
  type: NotificationType;
  noteId: string;
}

export interface NotificationCause {
  actorId: string;
  noteId?: string | null;
  commentId?: string | null;
  actionId?: string | null;
  detail?: string | null;
  now: number;
}

/**
 * Notifications are written inside the transaction of the action that caused them (a like and
 * its notification commit together), so the write functions take the caller's transaction.
 */
export class NotificationRepository {
  constructor(private readonly db: DbScope) {}

  static async create(tx: Tx, recipientId: string, type: NotificationType, cause: NotificationCause): Promise<CreatedNotification[]> {
    return tx.run<CreatedNotification>(q.create, { recipientId, type, noteId: null, commentId: null, actionId: null, detail: null, ...cause, ...grouped(type, cause) });
  }

  /** A notification about a note (like, collect, comment, reply), stored only if the recipient may see the note. */
  static async createAboutNote(tx: Tx, recipientId: string, type: NotificationType, cause: NotificationCause & { noteId: string }): Promise<CreatedNotification[]> {
    return (await NotificationRepository.createAboutNotes(tx, [{ key: 0, recipientId, type, ...cause }])).map(({ id, recipientId: to, groupId }) => ({ id, recipientId: to, groupId }));
  }

  /**
   * Several notifications about notes in one statement (those of one request, or of a batch of
   * concurrent ones), each stored only if its recipient may see the note; each created one comes
   * back with the caller's key.
   */
  static async createAboutNotes(tx: Tx, notifications: NoteNotification[]): Promise<(CreatedNotification & { key: number })[]> {
    if (notifications.length === 0) return [];
    const rows = notifications.map((n) => ({
      key: n.key,
      recipientId: n.recipientId,
      actorId: n.actorId,
      type: n.type,
      noteId: n.noteId,
      commentId: n.commentId ?? null,
      now: n.now,
      grouping: groupingOf(n.type, n, n.now),
    }));
    return tx.run<CreatedNotification & { key: number }>(q.createAboutNotes, { notifications: rows, keptActors: LATEST_ACTORS_KEPT });
  }

  /** Mentions in a note or in a comment on it notify only those who may see the note. */
  static async notifyMentions(tx: Tx, handles: string[], cause: NotificationCause & { noteId: string }): Promise<CreatedNotification[]> {
    if (handles.length === 0) return [];
    return tx.run<CreatedNotification>(q.notifyMentions, { handles, commentId: null, ...cause, ...grouped(NotificationType.MENTION, cause) });
  }

  /** Newest first, after a position (or, inclusive, from it on). */
  async page(userId: string, unreadOnly: boolean, after: Position | null, limit: number, inclusive = false): Promise<NotificationRecord[]> {
    const rows = await this.db.read<{ notification: NotificationRecord }>(q.page, {
      userId,
      unreadOnly,
      afterKey: after?.k ?? null,
      afterId: after?.id ?? null,
      inclusive,
      limit,
    });
    return rows.map((r) => r.notification);
  }

  /** Those newer than a position (or, inclusive, from it on), nearest it first: a backward page, reversed. */
  async pageBefore(userId: string, unreadOnly: boolean, before: Position | null, limit: number, inclusive = false): Promise<NotificationRecord[]> {
    const rows = await this.db.read<{ notification: NotificationRecord }>(q.pageBefore, {
      userId,
      unreadOnly,
      beforeKey: before?.k ?? null,
      beforeId: before?.id ?? null,
      inclusive,
      limit,
    });
    return rows.map((r) => r.notification);
  }

  async count(userId: string, unreadOnly: boolean): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.count, { userId, unreadOnly });
    return row?.total ?? 0;
  }

  async byIds(ids: readonly string[]): Promise<(NotificationRecord & { recipientId: string })[]> {
    const rows = await this.db.read<{ notification: NotificationRecord & { recipientId: string } }>(q.byIds, { ids });
    return rows.map((r) => r.notification);
  }

  async markRead(userId: string, upTo: string | null, now: number): Promise<{ marked: number; unread: number } | null> {
    const [row] = await this.db.write<{ marked: number; unread: number }>(q.markRead, { userId, upTo, now });
    return row ?? null;
  }

  /** The viewer's groups, most recently updated first, strictly after a position. */
  async groupsPage(userId: string, unreadOnly: boolean, after: Position | null, limit: number): Promise<NotificationGroupRecord[]> {
    const rows = await this.db.read<{ group: NotificationGroupRecord }>(q.groupsPage, { userId, unreadOnly, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
    return rows.map((r) => r.group);
  }

  /** How many groups the viewer has (unread ones with unreadOnly), and how many are unseen (the badge). */
  async countGroups(userId: string, unreadOnly: boolean): Promise<{ total: number; unseen: number }> {
    const [row] = await this.db.read<{ total: number; unseen: number }>(q.countGroups, { userId, unreadOnly });
    return row ?? { total: 0, unseen: 0 };
  }

  async groupsByIds(ids: readonly string[]): Promise<(NotificationGroupRecord & { recipientId: string })[]> {
    const rows = await this.db.read<{ group: NotificationGroupRecord & { recipientId: string } }>(q.groupsByIds, { ids });
    return rows.map((r) => r.group);
  }

  async markSeen(userId: string, now: number): Promise<{ seenAt: number; unseen: number } | null> {
    const [row] = await this.db.write<{ seenAt: number; unseen: number }>(q.markSeen, { userId, now });
    return row ?? null;
  }

  /** Marks one group read, or all; null when groupId is not one of the viewer's groups. */
  async markGroupRead(userId: string, groupId: string | null, now: number): Promise<{ marked: number; unread: number; group: NotificationGroupRecord | null } | null> {
    const [row] = await this.db.write<{ marked: number; unread: number; group: NotificationGroupRecord | null }>(q.markGroupRead, { userId, groupId, now });
    return row ?? null;
  }
}

/**
 * The parameters of the group a notification joins, in the statement that stores it
 * (fragments/notification-grouping.cypher): groups are kept in the notification's own transaction,
 * with no round trip of their own while the caller holds its locks.
 */
function grouped(type: NotificationType, cause: NotificationCause) {
  return { grouping: groupingOf(type, cause, cause.now), keptActors: LATEST_ACTORS_KEPT };
}

/** The notifications repository of a request, over its counted DbScope (made once per request). */
export function notificationRepository(scope: RequestScope): NotificationRepository {
  return scope.slot('notifications.repository', () => new NotificationRepository(scope.db));
}
