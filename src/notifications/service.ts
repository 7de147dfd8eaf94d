import { badInput, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { decodeCursor, encodeCursor, pageRequest, pageSize, toPage } from '../common/pagination';
import { requireId } from '../common/validate';
import { guarded, SKIP, transform } from '../events/bus';
import type { CreatedNotification, NotificationRepository } from './repository';
import type { NotificationGroupRecord, NotificationRecord } from './types';
import { byIdLoader } from '../common/node';
import type { Scope } from '../accounts/scope';
import type { EventBus } from '../events/bus';
import type { MutedContent } from '../mutes/access';

/** What NotificationService needs, named one by one; wired once per process in src/app/services.ts. */
export interface NotificationServiceDeps {
  repo: (scope: Scope) => NotificationRepository;
  events: EventBus;
  /** What the viewer muted leaves the list, the count and the live stream alike (the lists' Cypher applies the same rule). */
  mutes: Pick<MutedContent, 'isNotificationMuted'>;
}

export class NotificationService {
  constructor(private readonly deps: NotificationServiceDeps) {}

  /** Call after the transaction that stored them has committed. */
  published(scope: Scope, created: CreatedNotification[]): void {
    for (const n of created) this.deps.events.pubsub.publish('NOTIFICATION_ADDED', n.recipientId, { notificationId: n.id });
    const groups = new Map(created.flatMap((n) => (n.groupId ? [[n.groupId, n.recipientId] as const] : [])));
    for (const [groupId, recipientId] of groups) this.deps.events.pubsub.publish('NOTIFICATION_GROUP_UPDATED', recipientId, { groupId });
  }

  /**
   * Newest first, a page at a time either way: first/after reads older ones, last/before newer
   * ones (a client that kept a page asks what arrived since). The far side's flag is real: one
   * more row is read past the cursor to learn whether anything lies there.
   */
  async list(scope: Scope, args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, unreadOnly: boolean) {
    const viewer = await scope.requireViewer();
    const repo = this.deps.repo(scope);
    const total = () => repo.count(viewer.id, unreadOnly);
    const edgeOf = (n: NotificationRecord) => ({ cursor: encodeCursor({ k: n.createdAt, id: n.id }), node: n });
    const backward = args.last != null || args.before != null;
    if (backward && (args.first != null || args.after != null)) throw badInput('last', 'give first and after, or last and before, not both');
    if (!backward) {
      const { limit, after: position } = pageRequest(args.first, args.after, { key: 'number' });
      const page = toPage(await repo.page(viewer.id, unreadOnly, position, limit + 1), limit);
      const hasPreviousPage = position !== null && (await repo.pageBefore(viewer.id, unreadOnly, position, 1, true)).length > 0;
      const connection = connectionOf(page.items.map(edgeOf), page.hasNextPage, total);
      return { ...connection, pageInfo: { ...connection.pageInfo, hasPreviousPage } };
    }
    const limit = pageSize(args.last, 'last');
    const position = decodeCursor(args.before, 'before');
    if (position && typeof position.k !== 'number') throw badInput('before', 'is not a valid cursor');
    const rows = await repo.pageBefore(viewer.id, unreadOnly, position, limit + 1);
    const items = rows.slice(0, limit).reverse();
    const hasNextPage = position !== null && (await repo.page(viewer.id, unreadOnly, position, 1, true)).length > 0;
    const connection = connectionOf(items.map(edgeOf), hasNextPage, total);
    return { ...connection, pageInfo: { ...connection.pageInfo, hasPreviousPage: rows.length > limit } };
  }

  /** One of the viewer's own notifications (node(id)): null for anyone else's, and for one the viewer's mutes hide from the list. */
  async notification(scope: Scope, id: string): Promise<NotificationRecord | null> {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    const notification = await byIdLoader(scope, 'notifications.byId', (ids) => this.deps.repo(scope).byIds(ids)).load(id);
    if (!notification || notification.recipientId !== viewer.id || (await this.deps.mutes.isNotificationMuted(scope, notification))) return null;
    return notification;
  }

  /** One of the viewer's own notification groups (node(id)); null for anyone else's. */
  async group(scope: Scope, id: string): Promise<NotificationGroupRecord | null> {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    const group = await byIdLoader(scope, 'notifications.groupById', (ids) => this.deps.repo(scope).groupsByIds(ids)).load(id);
    return group && group.recipientId === viewer.id ? group : null;
  }

  async unreadCount(scope: Scope): Promise<number> {
    const viewer = await scope.requireViewer();
    return this.deps.repo(scope).count(viewer.id, true);
  }

  async markRead(scope: Scope, upTo: string | null | undefined): Promise<{ marked: number; unreadCount: number }> {
    const viewer = await scope.requireViewer();
    const bound = upTo == null ? null : requireId(upTo, 'upTo');
    const result = await this.deps.repo(scope).markRead(viewer.id, bound, Date.now());
    if (!result) throw notFound('Notification', 'upTo');
    return { marked: result.marked, unreadCount: result.unread };
  }

  /**
   * The viewer's notification groups, most recently updated first (a group moves to the top when
   * it changes, so a client paging while groups change may see one twice or miss one until it
   * reloads the first page). totalCount is read only when asked for.
   */
  async groups(scope: Scope, args: { first?: number | null; after?: string | null }, unreadOnly: boolean) {
    const viewer = await scope.requireViewer();
    const repo = this.deps.repo(scope);
    const { limit, after } = pageRequest(args.first, args.after, { key: 'number' });
    const page = toPage(await repo.groupsPage(viewer.id, unreadOnly, after, limit + 1), limit);
    const edges = page.items.map((g) => ({ cursor: encodeCursor({ k: g.latestAt, id: g.id }), node: g }));
    return connectionOf(edges, page.hasNextPage, async () => (await repo.countGroups(viewer.id, unreadOnly)).total);
  }

  /** The badge: how many groups changed since the viewer last called markNotificationsSeen. */
  async unseenCount(scope: Scope): Promise<number> {
    const viewer = await scope.requireViewer();
    return (await this.deps.repo(scope).countGroups(viewer.id, false)).unseen;
  }

  /** Clears the badge without changing what is read. */
  async markSeen(scope: Scope): Promise<{ seenAt: Date; unseenNotificationCount: number }> {
    const viewer = await scope.requireViewer();
    const result = await this.deps.repo(scope).markSeen(viewer.id, Date.now());
    if (!result) throw notFound('User');
    return { seenAt: new Date(result.seenAt), unseenNotificationCount: result.unseen };
  }

  async markGroupRead(scope: Scope, groupId: string | null | undefined): Promise<{ notificationGroup: NotificationGroupRecord | null; marked: number; unreadGroupCount: number }> {
    const viewer = await scope.requireViewer();
    const one = groupId == null ? null : requireId(groupId, 'groupId');
    const result = await this.deps.repo(scope).markGroupRead(viewer.id, one, Date.now());
    if (!result) throw notFound('Notification group', 'groupId');
    return { notificationGroup: result.group, marked: result.marked, unreadGroupCount: result.unread };
  }

  /**
   * The viewer's notification groups as they change, for as long as their session stays valid: the
   * session is checked again before each event, and the group is read afresh, as its owner's.
   */
  async groupUpdated(scope: Scope): Promise<AsyncIterable<NotificationGroupRecord>> {
    const viewer = await scope.requireViewer();
    const events = guarded(this.deps.events.pubsub.subscribe('NOTIFICATION_GROUP_UPDATED', viewer.id), async () => {
      scope.resetLoaders();
      return (await scope.viewer())?.id === viewer.id;
    });
    return transform(events, async (event) => {
      const [group] = await this.deps.repo(scope).groupsByIds([event.groupId]);
      return group && group.recipientId === viewer.id ? group : SKIP;
    });
  }

  /** The viewer's new notifications, for as long as their session stays valid. */
  async added(scope: Scope): Promise<AsyncIterable<NotificationRecord>> {
    const viewer = await scope.requireViewer();
    const events = guarded(this.deps.events.pubsub.subscribe('NOTIFICATION_ADDED', viewer.id), async () => {
      scope.resetLoaders();
      return (await scope.viewer())?.id === viewer.id;
    });
    return transform(events, async (event) => {
      const [notification] = await this.deps.repo(scope).byIds([event.notificationId]);
      if (!notification || (await this.deps.mutes.isNotificationMuted(scope, notification))) return SKIP;
      return notification;
    });
  }
}
