import type { EventBus, GroupActivityEvent } from './bus';

/**
 * Publishes a group's activity stream. Content, group buys, moderation and groups all post to it;
 * it depends on none of them (only the bus), so posting to a group no longer means calling the
 * groups service.
 */
export class GroupActivityPublisher {
  constructor(private readonly events: EventBus) {}

  publish(groupId: string, kind: GroupActivityEvent['kind'], fields: Partial<GroupActivityEvent> = {}): void {
    this.events.pubsub.publish('GROUP_ACTIVITY', groupId, {
      kind, groupId, actorId: null, subjectUserId: null, noteId: null, commentId: null, eventId: null, groupBuyId: null, detail: null,
      at: Date.now(), moderatorsOnly: false, ...fields,
    });
  }
}
