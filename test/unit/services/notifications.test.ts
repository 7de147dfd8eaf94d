import { NotificationService } from '../../../src/notifications/service';
import type { NotificationRepository } from '../../../src/notifications/repository';
import { NotificationType, type NotificationRecord } from '../../../src/notifications/types';
import { createEventBus, type EventBus } from '../../../src/events/bus';
import { encodeCursor } from '../../../src/common/pagination';
import type { UserRecord } from '../../../src/accounts/types';
import { asRepository, codeOf, RecordingBus, scopeFor, user } from './fakes';

/** Notifications per recipient, newest first, as the repository pages them. */
class FakeNotifications implements Pick<NotificationRepository, 'page' | 'pageBefore' | 'count' | 'byIds' | 'markRead'> {
  stored: (NotificationRecord & { recipientId: string })[] = [];

  async page(userId: string, unreadOnly: boolean, after: { k: unknown; id: string } | null, limit: number, inclusive = false) {
    return this.mine(userId, unreadOnly).filter((n) => after === null || n.createdAt < (after.k as number) || (inclusive && n.id === after.id)).slice(0, limit);
  }
  async pageBefore(userId: string, unreadOnly: boolean, before: { k: unknown; id: string } | null, limit: number, inclusive = false) {
    const newer = this.mine(userId, unreadOnly).filter((n) => before === null || n.createdAt > (before.k as number) || (inclusive && n.id === before.id));
    return newer.reverse().slice(0, limit);
  }
  async count(userId: string, unreadOnly: boolean) {
    return this.mine(userId, unreadOnly).length;
  }
  async byIds(ids: readonly string[]) {
    return this.stored.filter((n) => ids.includes(n.id));
  }
  async markRead(userId: string, upTo: string | null, now: number) {
    const mine = this.mine(userId, false);
    const bound = upTo === null ? null : mine.find((n) => n.id === upTo);
    if (bound === undefined) return null;
    const marked = mine.filter((n) => n.readAt === null && (bound === null || n.createdAt <= bound.createdAt));
    for (const n of marked) n.readAt = now;
    return { marked: marked.length, unread: this.mine(userId, true).length };
  }
  private mine(userId: string, unreadOnly: boolean) {
    return this.stored.filter((n) => n.recipientId === userId && (!unreadOnly || n.readAt === null)).sort((a, b) => b.createdAt - a.createdAt);
  }
}

let n = 0;
function notification(recipient: UserRecord, createdAt: number, fields: Partial<NotificationRecord> = {}) {
  return { id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, recipientId: recipient.id, type: NotificationType.NOTE_LIKED, createdAt, readAt: null, actorId: 'someone', noteId: null, commentId: null, ...fields };
}

function setUp(events: EventBus = new RecordingBus().bus) {
  const notifications = new FakeNotifications();
  const service = new NotificationService({ repo: () => asRepository<NotificationRepository>(notifications), events, mutes: { isNotificationMuted: async () => false } });
  return { service, notifications };
}

describe('notifications', () => {
  test('each recipient of what was stored is told, and only they', () => {
    const recording = new RecordingBus();
    const { service } = setUp(recording.bus);
    const [author, follower] = [user(), user()];
    service.published(scopeFor(null), [{ id: 'n1', recipientId: author.id }, { id: 'n2', recipientId: follower.id }]);
    expect(recording.of('NOTIFICATION_ADDED')).toEqual([[author.id, { notificationId: 'n1' }], [follower.id, { notificationId: 'n2' }]]);
    service.published(scopeFor(null), []);
    expect(recording.published).toHaveLength(2);
  });

  test('a group that changed is pushed once to its recipient; one left as it was is not pushed', () => {
    const recording = new RecordingBus();
    const { service } = setUp(recording.bus);
    const [author, mentioned] = [user(), user()];
    service.published(scopeFor(null), [
      { id: 'n1', recipientId: author.id, groupId: 'g1' },
      { id: 'n2', recipientId: mentioned.id, groupId: null },
      { id: 'n3', recipientId: author.id, groupId: 'g1' },
    ]);
    expect(recording.of('NOTIFICATION_ADDED')).toHaveLength(3);
    expect(recording.of('NOTIFICATION_GROUP_UPDATED')).toEqual([[author.id, { groupId: 'g1' }]]);
  });

  test("a page holds the viewer's own notifications, newest first, and the next page starts after it", async () => {
    const { service, notifications } = setUp();
    const [viewer, other] = [user(), user()];
    notifications.stored = [notification(viewer, 100), notification(other, 150), notification(viewer, 300), notification(viewer, 200)];
    const scope = scopeFor(viewer);
    const first = await service.list(scope, { first: 2 }, false);
    expect(first.edges.map((e) => e.node.createdAt)).toEqual([300, 200]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(await first.totalCount).toBe(3);
    const second = await service.list(scope, { first: 2, after: first.pageInfo.endCursor }, false);
    expect(second.edges.map((e) => e.node.createdAt)).toEqual([100]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([first.pageInfo.hasPreviousPage, second.pageInfo.hasPreviousPage]).toEqual([false, true]);
  });

  test('last/before pages back to newer notifications, newest first within the page, with a real hasPreviousPage', async () => {
    const { service, notifications } = setUp();
    const viewer = user();
    notifications.stored = [notification(viewer, 100), notification(viewer, 400), notification(viewer, 300), notification(viewer, 200)];
    const scope = scopeFor(viewer);
    const oldest = await service.list(scope, { first: 1, after: (await service.list(scope, { first: 3 }, false)).pageInfo.endCursor }, false);
    expect(oldest.edges.map((e) => e.node.createdAt)).toEqual([100]);
    const back = await service.list(scope, { last: 2, before: oldest.pageInfo.startCursor }, false);
    expect(back.edges.map((e) => e.node.createdAt)).toEqual([300, 200]);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const top = await service.list(scope, { last: 2, before: back.pageInfo.startCursor }, false);
    expect(top.edges.map((e) => e.node.createdAt)).toEqual([400]);
    expect(top.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(await codeOf(service.list(scope, { first: 2, last: 2 }, false))).toBe('BAD_USER_INPUT');
  });

  test('a cursor of another kind (a position, not a time) is refused', async () => {
    const { service } = setUp();
    expect(await codeOf(service.list(scopeFor(user()), { first: 2, after: encodeCursor({ k: 'text', id: 'x' }) }, false))).toBe('BAD_USER_INPUT');
  });

  test('marking read up to one notification marks it and the older ones, and says how many are left', async () => {
    const { service, notifications } = setUp();
    const viewer = user();
    const [older, bound, newer] = [notification(viewer, 100), notification(viewer, 200), notification(viewer, 300)];
    notifications.stored = [older, bound, newer];
    const scope = scopeFor(viewer);
    expect(await service.markRead(scope, bound.id)).toEqual({ marked: 2, unreadCount: 1 });
    expect(await service.unreadCount(scope)).toBe(1);
    expect(await service.markRead(scope, null)).toEqual({ marked: 1, unreadCount: 0 });
  });

  test("marking read up to someone else's notification is NOT_FOUND and marks nothing", async () => {
    const { service, notifications } = setUp();
    const [viewer, other] = [user(), user()];
    const theirs = notification(other, 100);
    notifications.stored = [theirs, notification(viewer, 50)];
    expect(await codeOf(service.markRead(scopeFor(viewer), theirs.id))).toBe('NOT_FOUND');
    expect(notifications.stored.every((x) => x.readAt === null)).toBe(true);
  });

  test("the live stream brings the viewer's new notifications, skips one gone meanwhile, and ends with the session", async () => {
    const events = createEventBus();
    const { service, notifications } = setUp(events);
    const viewer = user();
    let signedIn: UserRecord | null = viewer;
    const scope = scopeFor(() => signedIn);
    const stream = (await service.added(scope))[Symbol.asyncIterator]();

    const kept = notification(viewer, 100);
    notifications.stored = [kept];
    const next = stream.next();
    service.published(scope, [{ id: 'gone-before-read', recipientId: viewer.id }, { id: kept.id, recipientId: viewer.id }]);
    expect((await next).value).toMatchObject({ id: kept.id });

    signedIn = null;
    const ended = stream.next();
    service.published(scope, [{ id: kept.id, recipientId: viewer.id }]);
    expect((await ended).done).toBe(true);
    await events.close();
  });
});
