import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { User } from '../accounts/types';
import { Comment, Note } from '../content/types';
import { Notification, NotificationRecord } from './types';
import { MarkNotificationsReadInput, MarkNotificationsReadPayload } from './payloads';
import type { PayloadResult } from '../common/user-errors';
import { accountLoaders } from '../accounts/loaders';
import { contentLoaders } from '../content/loaders';
import { ContentService } from '../content/service';
import { instanceOf } from '../request/scope';
import { NotificationService } from './service';
import { GroupService } from '../groups/service';
import { ModerationService } from '../moderation/service';
import { ModerationAction, TargetType, type ActionRecord } from '../moderation/types';
import { NotificationSubject, tagged, visibleSubject } from '../moderation/subjects';
import type { Scope } from '../accounts/scope';

export const NotificationConnection = Connection(Notification, 'Notification', 'notifications');

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    readonly notificationsService: NotificationService,
    readonly contentService: ContentService,
    readonly groupsService: GroupService,
    readonly moderationService: ModerationService,
  ) {}

  @Query(() => NotificationConnection, {
    description: "The viewer's notifications, newest first. Page to older ones with first/after, or to newer ones with last/before (not both); pageInfo says whether more lie either way.",
  })
  notifications(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'How many older notifications to read after `after`. Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
    @Arg('last', () => Int, { nullable: true, description: 'How many newer notifications to read before `before` (without it, the oldest ones). Default 20, at most 100.' }) last?: number | null,
    @Arg('before', () => String, { nullable: true, description: 'startCursor of the page already read: the page before it holds newer notifications.' }) before?: string | null,
    @Arg('unreadOnly', { defaultValue: false, description: 'Only notifications not yet marked as read.' }) unreadOnly?: boolean,
  ) {
    return this.notificationsService.list(ctx, { first, after, last, before }, unreadOnly ?? false);
  }

  @Query(() => Int, { description: "How many of the viewer's notifications are not yet marked as read." })
  unreadNotificationCount(@Ctx() ctx: Scope) {
    return this.notificationsService.unreadCount(ctx);
  }

  @Mutation(() => MarkNotificationsReadPayload, { description: 'Marks as read every notification up to and including upTo (by time), or all of them.' })
  async markNotificationsRead(
    @Ctx() ctx: Scope,
    @Arg('input', () => MarkNotificationsReadInput, { description: 'Which notifications to mark.' }) input: MarkNotificationsReadInput,
  ): Promise<PayloadResult<MarkNotificationsReadPayload>> {
    return this.notificationsService.markRead(ctx, input.upTo);
  }

  @Subscription(() => Notification, {
    description: "The viewer's notifications as they are stored.",
    subscribe: ({ context }) => instanceOf(context as Scope, NotificationResolver).notificationsService.added(context as Scope),
  })
  notificationAdded(@Root() notification: NotificationRecord): NotificationRecord {
    return notification;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it happened.' })
  createdAt(@Root() n: NotificationRecord) {
    return new Date(n.createdAt);
  }

  @FieldResolver(() => Boolean, { description: 'Whether markNotificationsRead has marked it.' })
  isRead(@Root() n: NotificationRecord) {
    return n.readAt !== null;
  }

  @FieldResolver(() => NotificationSubject, {
    nullable: true,
    description:
      'What it is about: the new follower (NEW_FOLLOWER), the note liked or collected, the comment or reply made, what mentions the viewer, or the moderation action (MODERATION_ACTION). Null once the viewer may no longer see it, by the rule of its own lookup.',
  })
  async subject(@Root() n: NotificationRecord, @Ctx() ctx: Scope) {
    const lookups = { content: this.contentService, groups: this.groupsService };
    if (n.actionId) return tagged('ModerationAction', await this.action(n, ctx));
    if (n.commentId) return visibleSubject(ctx, lookups, TargetType.COMMENT, n.commentId);
    if (n.noteId) return visibleSubject(ctx, lookups, TargetType.NOTE, n.noteId);
    return visibleSubject(ctx, lookups, TargetType.USER, n.actorId);
  }

  @FieldResolver(() => ModerationAction, { nullable: true, description: 'For MODERATION_ACTION: the action taken on what the viewer posted, which they may appeal once.' })
  async action(@Root() n: NotificationRecord, @Ctx() ctx: Scope): Promise<ActionRecord | null> {
    if (!n.actionId) return null;
    const action = await this.moderationService.actionById(ctx, n.actionId);
    // A notification is its recipient's own; the action it names is about them.
    return action && action.subjectUserId === (await ctx.viewerId()) ? action : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who did it.' })
  actor(@Root() n: NotificationRecord, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(n.actorId);
  }

  @FieldResolver(() => Note, { nullable: true, description: 'The note concerned, while the viewer may see it.' })
  note(@Root() n: NotificationRecord, @Ctx() ctx: Scope) {
    return n.noteId ? this.contentService.visibleNote(ctx, n.noteId) : null;
  }

  @FieldResolver(() => Comment, { nullable: true, description: 'The comment concerned (a comment, reply or mention), if any.' })
  async comment(@Root() n: NotificationRecord, @Ctx() ctx: Scope) {
    return n.commentId ? contentLoaders(ctx).commentById.load(n.commentId) : null;
  }
}
