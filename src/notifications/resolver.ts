import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { User } from '../accounts/types';
import { Comment, Note } from '../content/types';
import type { Context } from '../server/context';
import { MarkNotificationsReadResult, Notification, NotificationRecord } from './types';

export const NotificationConnection = Connection(Notification, 'Notification');

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The viewer's notifications, newest first." })
  notifications(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('unreadOnly', { defaultValue: false }) unreadOnly?: boolean,
  ) {
    return ctx.notifications.list(first, after, unreadOnly ?? false);
  }

  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: Context) {
    return ctx.notifications.unreadCount();
  }

  @Mutation(() => MarkNotificationsReadResult, { description: 'Marks as read every notification up to and including upTo (by time), or all of them.' })
  markNotificationsRead(@Ctx() ctx: Context, @Arg('upTo', () => ID, { nullable: true }) upTo?: string | null) {
    return ctx.notifications.markRead(upTo);
  }

  @Subscription(() => Notification, {
    description: "The viewer's notifications as they are stored.",
    subscribe: ({ context }) => (context as Context).notifications.added(),
  })
  notificationAdded(@Root() notification: NotificationRecord): NotificationRecord {
    return notification;
  }

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() n: NotificationRecord) {
    return new Date(n.createdAt);
  }

  @FieldResolver(() => Boolean)
  read(@Root() n: NotificationRecord) {
    return n.readAt !== null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who did it.' })
  actor(@Root() n: NotificationRecord, @Ctx() ctx: Context) {
    return ctx.loaders.userById.load(n.actorId);
  }

  @FieldResolver(() => Note, { nullable: true, description: 'The note concerned, while the viewer may see it.' })
  note(@Root() n: NotificationRecord, @Ctx() ctx: Context) {
    return n.noteId ? ctx.content.visibleNote(n.noteId) : null;
  }

  @FieldResolver(() => Comment, { nullable: true })
  async comment(@Root() n: NotificationRecord, @Ctx() ctx: Context) {
    return n.commentId ? ctx.loaders.commentById.load(n.commentId) : null;
  }
}
