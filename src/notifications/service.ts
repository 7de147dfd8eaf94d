import { notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { requireId } from '../common/validate';
import { guarded, SKIP, transform } from '../events/bus';
import type { CreatedNotification, NotificationRepository } from './repository';
import type { NotificationRecord } from './types';
import type { Scope } from '../accounts/scope';
import type { EventBus } from '../events/bus';

/** What NotificationService needs, named one by one; wired once per process in src/app/services.ts. */
export interface NotificationServiceDeps {
  repo: (scope: Scope) => NotificationRepository;
  events: EventBus;
}

export class NotificationService {
  constructor(private readonly deps: NotificationServiceDeps) {}

  /** Call after the transaction that stored them has committed. */
  published(scope: Scope, created: CreatedNotification[]): void {
    for (const n of created) this.deps.events.pubsub.publish('NOTIFICATION_ADDED', n.recipientId, { notificationId: n.id });
  }

  async list(scope: Scope, first: number | null | undefined, after: string | null | undefined, unreadOnly: boolean) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await this.deps.repo(scope).page(viewer.id, unreadOnly, position, limit + 1), limit);
    const edges = page.items.map((n) => ({ cursor: encodeCursor({ k: n.createdAt, id: n.id }), node: n }));
    return connectionOf(edges, page.hasNextPage, () => this.deps.repo(scope).count(viewer.id, unreadOnly));
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

  /** The viewer's new notifications, for as long as their session stays valid. */
  async added(scope: Scope): Promise<AsyncIterable<NotificationRecord>> {
    const viewer = await scope.requireViewer();
    const events = guarded(this.deps.events.pubsub.subscribe('NOTIFICATION_ADDED', viewer.id), async () => {
      scope.resetLoaders();
      return (await scope.viewer())?.id === viewer.id;
    });
    return transform(events, async (event) => {
      const [notification] = await this.deps.repo(scope).byIds([event.notificationId]);
      return notification ?? SKIP;
    });
  }
}
