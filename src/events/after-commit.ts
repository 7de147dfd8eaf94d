import type { GroupActivityEvent } from './bus';

/**
 * What a use case has to announce once its transaction has committed, returned to its caller
 * rather than published from inside: a rolled-back write then announces nothing.
 */
export type AfterCommit =
  | { to: 'group'; groupId: string; kind: GroupActivityEvent['kind']; fields: Partial<GroupActivityEvent> }
  | { to: 'notifications'; created: { id: string; recipientId: string }[] };

/** Publishes a use case's events, in order, through the publishers the caller holds. */
export function publishAfterCommit<S>(
  scope: S,
  events: AfterCommit[],
  to: {
    activity: { publish(groupId: string, kind: GroupActivityEvent['kind'], fields?: Partial<GroupActivityEvent>): void };
    notifications?: { published(scope: S, created: { id: string; recipientId: string }[]): void };
  },
): void {
  for (const event of events) {
    if (event.to === 'group') to.activity.publish(event.groupId, event.kind, event.fields);
    else to.notifications?.published(scope, event.created);
  }
}
