import { Node } from '../common/node';
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
registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What happened, which says what the subject is.',
  valuesConfig: {
    NEW_FOLLOWER: { description: 'Someone followed the viewer (subject: the follower).' },
    NOTE_LIKED: { description: "Someone liked the viewer's note (subject: the note)." },
    NOTE_COLLECTED: { description: "Someone collected the viewer's note (subject: the note)." },
    NOTE_COMMENTED: { description: "Someone commented on the viewer's note (subject: the comment)." },
    COMMENT_REPLIED: { description: "Someone replied to the viewer's comment (subject: the reply)." },
    MENTION: { description: 'Someone mentioned the viewer in a note or a comment (subject: that note or comment).' },
    MODERATION_ACTION: { description: 'A moderator acted on what the viewer posted, or on the viewer (subject: the action, which may be appealed once).' },
  },
});

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

@ObjectType({ implements: Node, description: 'Something that happened to the viewer: a follower, a like, collect, comment, reply or mention.' })
export class Notification {
  @Field(() => ID, { description: 'The notification id (markNotificationsRead upTo takes it).' })
  id!: string;

  @Field(() => NotificationType, { description: 'What happened; says which of the other fields are set.' })
  type!: NotificationType;

  @Field(() => ID, { nullable: true, description: 'For MODERATION_ACTION: the id of the action (see `action`), which can be appealed once.' })
  actionId!: string | null;

  @Field(() => String, { nullable: true, description: 'For MODERATION_ACTION: what was done (HIDE, REMOVE, MUTE, BAN...).' })
  detail!: string | null;
}

/** A stored notification group (cypher/fragments/notification-group-record.cypher). */
export interface NotificationGroupRecord {
  id: string;
  kind: NotificationType;
  noteId: string | null;
  commentId: string | null;
  actionId: string | null;
  subjectUserId: string | null;
  createdAt: number;
  latestAt: number;
  /** Null for a group of one notification (a reply, a mention, a moderation action). */
  windowEnd: number | null;
  actorCount: number;
  /** The newest distinct actors first, at most LATEST_ACTORS_KEPT. */
  latestActorIds: string[];
  readAt: number | null;
}

@ObjectType({
  implements: Node,
  description:
    "Notifications of one kind about one subject, grouped ('Mei and 12 others liked your note'): likes of one note within a UTC day (00:00Z to 00:00Z), " +
    'collects of one note within a UTC day, comments on one note within a UTC day, new followers within a UTC day; a reply, a mention and a moderation action are each a group of their own. ' +
    'Groups are kept as the notifications are stored; the flat `notifications` list still holds every notification.',
})
export class NotificationGroup {
  @Field(() => ID, { description: 'The group id (markNotificationGroupRead takes it).' })
  id!: string;

  @Field(() => NotificationType, { description: 'What happened, for every notification of the group; says what the subject is.' })
  kind!: NotificationType;
}

export { DateTimeISOResolver };
