import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

export enum NotificationType {
  NEW_FOLLOWER = 'NEW_FOLLOWER',
  NOTE_LIKED = 'NOTE_LIKED',
  NOTE_COLLECTED = 'NOTE_COLLECTED',
  NOTE_COMMENTED = 'NOTE_COMMENTED',
  COMMENT_REPLIED = 'COMMENT_REPLIED',
  MENTION = 'MENTION',
  MODERATION_ACTION = 'MODERATION_ACTION',
}
registerEnumType(NotificationType, { name: 'NotificationType' });

export interface NotificationRecord {
  id: string;
  type: NotificationType;
  createdAt: number;
  readAt: number | null;
  actorId: string;
  noteId: string | null;
  commentId: string | null;
  actionId?: string | null;
  detail?: string | null;
}

@ObjectType({ description: 'Something that happened to the viewer: a follower, a like, collect, comment, reply or mention.' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationType)
  type!: NotificationType;

  @Field(() => ID, { nullable: true, description: 'For MODERATION_ACTION: the id of the action (see `action`), which can be appealed once.' })
  actionId!: string | null;

  @Field(() => String, { nullable: true, description: 'For MODERATION_ACTION: what was done (HIDE, REMOVE, MUTE, BAN...).' })
  detail!: string | null;
}

export { DateTimeISOResolver };
