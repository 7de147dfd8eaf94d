import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MutationPayload } from '../common/user-errors';
import { NotificationGroup, type NotificationGroupRecord } from './types';

@InputType({ description: 'Which notifications to mark as read.' })
export class MarkNotificationsReadInput {
  @Field(() => ID, { nullable: true, description: 'Marks every notification up to and including this one (by time); all of them when absent.' })
  upTo?: string | null;
}

@ObjectType({ description: 'The result of markNotificationsRead.' })
export class MarkNotificationsReadPayload extends MutationPayload {
  @Field(() => Int, { nullable: true, description: 'How many notifications this call marked as read; null when refused.' })
  marked!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many unread notifications the viewer has left; null when refused.' })
  unreadCount!: number | null;
}

@ObjectType({ description: 'The result of markNotificationsSeen.' })
export class MarkNotificationsSeenPayload extends MutationPayload {
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'From when on a group update counts as unseen again; null when refused.' })
  seenAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The badge after the call: groups updated since seenAt (0 unless one changed meanwhile); null when refused.' })
  unseenNotificationCount!: number | null;
}

@InputType({ description: 'Which notification groups to mark as read.' })
export class MarkNotificationGroupReadInput {
  @Field(() => ID, { nullable: true, description: "The group to mark as read (NotificationGroup.id); all of the viewer's groups when absent." })
  groupId?: string | null;
}

@ObjectType({ description: 'The result of markNotificationGroupRead.' })
export class MarkNotificationGroupReadPayload extends MutationPayload {
  @Field(() => NotificationGroup, { nullable: true, description: 'The group marked as read; null when all were marked, or when refused.' })
  notificationGroup!: NotificationGroupRecord | null;

  @Field(() => Int, { nullable: true, description: 'How many groups this call turned read; null when refused.' })
  marked!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many unread groups the viewer has left; null when refused.' })
  unreadGroupCount!: number | null;
}
