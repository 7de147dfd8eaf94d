import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import type { DbScope, Tx } from '../db/database';
import type { Position } from '../common/pagination';
import type { NotificationRecord, NotificationType } from './types';

const q = {
  create: cypher('notifications/create-notification'),
  createAboutNotes: cypher('notifications/create-note-notifications'),
  notifyMentions: cypher('notifications/notify-mentions'),
  page: cypher('notifications/notifications-page'),
  pageBefore: cypher('notifications/notifications-page-before'),
  count: cypher('notifications/count-notifications'),
  byIds: cypher('notifications/notifications-by-ids'),
  markRead: cypher('notifications/mark-read'),
};

export interface CreatedNotification {
  id: string;
  recipientId: string;
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
    return tx.run<CreatedNotification>(q.create, { recipientId, type, noteId: null, commentId: null, actionId: null, detail: null, ...cause });
  }

  /** A notification about a note (like, collect, comment, reply), stored only if the recipient may see the note. */
  static async createAboutNote(tx: Tx, recipientId: string, type: NotificationType, cause: NotificationCause & { noteId: string }): Promise<CreatedNotification[]> {
    return (await NotificationRepository.createAboutNotes(tx, [{ key: 0, recipientId, type, ...cause }])).map(({ id, recipientId: to }) => ({ id, recipientId: to }));
  }

  /**
   * Several notifications about notes in one statement (those of one request, or of a batch of
   * concurrent ones), each stored only if its recipient may see the note; each created one comes
   * back with the caller's key.
   */
  static async createAboutNotes(tx: Tx, notifications: NoteNotification[]): Promise<(CreatedNotification & { key: number })[]> {
    if (notifications.length === 0) return [];
    const rows = notifications.map((n) => ({ key: n.key, recipientId: n.recipientId, actorId: n.actorId, type: n.type, noteId: n.noteId, commentId: n.commentId ?? null, now: n.now }));
    return tx.run<CreatedNotification & { key: number }>(q.createAboutNotes, { notifications: rows });
  }

  /** Mentions in a note or in a comment on it notify only those who may see the note. */
  static async notifyMentions(tx: Tx, handles: string[], cause: NotificationCause & { noteId: string }): Promise<CreatedNotification[]> {
    if (handles.length === 0) return [];
    return tx.run<CreatedNotification>(q.notifyMentions, { handles, commentId: null, ...cause });
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
}

/** The notifications repository of a request, over its counted DbScope (made once per request). */
export function notificationRepository(scope: RequestScope): NotificationRepository {
  return scope.slot('notifications.repository', () => new NotificationRepository(scope.db));
}
