import { badInput, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { requireId } from '../common/validate';
import { guarded, SKIP, transform } from '../events/bus';
import type { Context } from '../server/context';
import type { CreatedNotification, NotificationRepository } from './repository';
import type { NotificationRecord } from './types';

export class NotificationService {
  constructor(
    private readonly ctx: Context,
    private readonly repo: NotificationRepository,
  ) {}

  /** Call after the transaction that stored them has committed. */
  published(created: CreatedNotification[]): void {
    for (const n of created) this.ctx.deps.events.pubsub.publish('NOTIFICATION_ADDED', n.recipientId, { notificationId: n.id });
  }

  async list(first: number | null | undefined, after: string | null | undefined, unreadOnly: boolean) {
    const viewer = await this.ctx.requireViewer();
    const { limit, after: position } = pageRequest(first, after);
    if (position && typeof position.k !== 'number') throw badInput('after', 'is not a valid cursor');
    const page = toPage(await this.repo.page(viewer.id, unreadOnly, position, limit + 1), limit);
    const edges = page.items.map((n) => ({ cursor: encodeCursor({ k: n.createdAt, id: n.id }), node: n }));
    return connectionOf(edges, page.hasNextPage, () => this.repo.count(viewer.id, unreadOnly));
  }

  async unreadCount(): Promise<number> {
    const viewer = await this.ctx.requireViewer();
    return this.repo.count(viewer.id, true);
  }

  async markRead(upTo: string | null | undefined): Promise<{ marked: number; unreadCount: number }> {
    const viewer = await this.ctx.requireViewer();
    const bound = upTo == null ? null : requireId(upTo, 'upTo');
    const result = await this.repo.markRead(viewer.id, bound, Date.now());
    if (!result) throw notFound('Notification');
    return { marked: result.marked, unreadCount: result.unread };
  }

  /** The viewer's new notifications, for as long as their session stays valid. */
  async added(): Promise<AsyncIterable<NotificationRecord>> {
    const viewer = await this.ctx.requireViewer();
    const events = guarded(this.ctx.deps.events.pubsub.subscribe('NOTIFICATION_ADDED', viewer.id), async () => {
      this.ctx.resetLoaders();
      return (await this.ctx.viewer())?.id === viewer.id;
    });
    return transform(events, async (event) => {
      const [notification] = await this.repo.byIds([event.notificationId]);
      return notification ?? SKIP;
    });
  }
}
