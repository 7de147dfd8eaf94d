import type { EventBus, GroupActivityEvent, GroupBuyEvent, NewFollowerEvent, NoteActivityEvent, ReferralActivityEvent, ReviewCreatedEvent, ReviewModeratedEvent } from './bus';

/**
 * What a use case has to announce once its transaction has committed, returned to its caller
 * rather than published from inside: a rolled-back write then announces nothing.
 */
export type AfterCommit =
  | { to: 'group'; groupId: string; kind: GroupActivityEvent['kind']; fields: Partial<GroupActivityEvent> }
  | { to: 'notifications'; created: { id: string; recipientId: string }[] }
  | { to: 'sharer'; sharerId: string; event: ReferralActivityEvent }
  | { to: 'groupBuy'; groupBuyId: string; event: GroupBuyEvent }
  | { to: 'followee'; userId: string; event: NewFollowerEvent }
  | { to: 'note'; event: NoteActivityEvent }
  | { to: 'review'; topic: 'REVIEW_CREATED'; event: ReviewCreatedEvent }
  | { to: 'review'; topic: 'REVIEW_REMOVED' | 'REVIEW_RESTORED'; event: ReviewModeratedEvent }
  | { to: 'badges'; awarded: { userId: string; awardId: string }[] };

/** Publishes a use case's events, in order, through the publishers the caller holds. */
export function publishAfterCommit<S>(
  scope: S,
  events: AfterCommit[],
  to: {
    activity?: { publish(groupId: string, kind: GroupActivityEvent['kind'], fields?: Partial<GroupActivityEvent>): void };
    notifications?: { published(scope: S, created: { id: string; recipientId: string }[]): void };
    events?: Pick<EventBus, 'pubsub'>;
  },
): void {
  for (const event of events) {
    if (event.to === 'group') to.activity?.publish(event.groupId, event.kind, event.fields);
    else if (event.to === 'notifications') to.notifications?.published(scope, event.created);
    else if (event.to === 'sharer') to.events?.pubsub.publish('REFERRAL_ACTIVITY', event.sharerId, event.event);
    else if (event.to === 'groupBuy') to.events?.pubsub.publish('GROUP_BUY_PROGRESS', event.groupBuyId, event.event);
    else if (event.to === 'followee') to.events?.pubsub.publish('NEW_FOLLOWER', event.userId, event.event);
    else if (event.to === 'review') {
      if (event.topic === 'REVIEW_CREATED') to.events?.pubsub.publish('REVIEW_CREATED', event.event);
      else to.events?.pubsub.publish(event.topic, event.event);
    } else if (event.to === 'badges') for (const a of event.awarded) to.events?.pubsub.publish('BADGE_AWARDED', a.userId, { awardId: a.awardId });
    else to.events?.pubsub.publish('NOTE_ACTIVITY', event.event.noteId, event.event);
  }
}
