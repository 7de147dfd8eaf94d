import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection, loaded } from '../common/connection';
import { User, type UserRecord } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { ContentService } from '../content/service';
import { GroupService } from '../groups/service';
import { ModerationService } from '../moderation/service';
import { TargetType } from '../moderation/types';
import { NotificationSubject, tagged, visibleSubject } from '../moderation/subjects';
import type { BlockList } from '../social/access';
import type { PayloadResult } from '../common/user-errors';
import { instanceOf } from '../request/scope';
import type { Scope } from '../accounts/scope';
import { NotificationService } from './service';
import { NotificationGroup, NotificationGroupRecord } from './types';
import { MarkNotificationGroupReadInput, MarkNotificationGroupReadPayload, MarkNotificationsSeenPayload } from './payloads';
import { LATEST_ACTORS_SHOWN } from './grouping';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';

export const NotificationGroupConnection = Connection(NotificationGroup, 'NotificationGroup', 'notification groups of the viewer');

@Resolver(() => NotificationGroup)
export class NotificationGroupResolver {
  constructor(
    readonly notificationsService: NotificationService,
    readonly contentService: ContentService,
    readonly groupsService: GroupService,
    readonly moderationService: ModerationService,
    readonly blocks: BlockList,
  ) {}

  @Query(() => NotificationGroupConnection, {
    description:
      "The viewer's notifications grouped, the most recently updated group first: likes of one note, collects of one note and comments on one note each group within a UTC day, " +
      'new followers within a UTC day; replies, mentions and moderation actions stay one per group. A group moves to the top when it changes.',
  })
  notificationGroups(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many groups to read after \`after\`. Default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
    @Arg('unreadOnly', { defaultValue: false, description: 'Only groups with activity since they were last marked read.' }) unreadOnly?: boolean,
  ) {
    return this.notificationsService.groups(ctx, { first, after }, unreadOnly ?? false);
  }

  @Query(() => Int, { description: "The badge: how many of the viewer's notification groups changed since they last called markNotificationsSeen (read or not)." })
  unseenNotificationCount(@Ctx() ctx: Scope) {
    return this.notificationsService.unseenCount(ctx);
  }

  @Mutation(() => MarkNotificationsSeenPayload, {
    description: 'Clears the badge (unseenNotificationCount) as of now, for example when the notifications screen opens. What is read stays as it was: groups are read one by one with markNotificationGroupRead.',
  })
  async markNotificationsSeen(@Ctx() ctx: Scope): Promise<PayloadResult<MarkNotificationsSeenPayload>> {
    return this.notificationsService.markSeen(ctx);
  }

  @Mutation(() => MarkNotificationGroupReadPayload, { description: 'Marks one notification group as read, or all of them. A group read turns unread again when it changes.' })
  async markNotificationGroupRead(
    @Ctx() ctx: Scope,
    @Arg('input', () => MarkNotificationGroupReadInput, { description: 'Which group to mark.' }) input: MarkNotificationGroupReadInput,
  ): Promise<PayloadResult<MarkNotificationGroupReadPayload>> {
    return this.notificationsService.markGroupRead(ctx, input.groupId);
  }

  @Subscription(() => NotificationGroup, {
    description: "The viewer's notification groups as they change (a group started, a new actor, a new comment from one already counted), each read afresh; ends when the session does.",
    subscribe: ({ context }) => instanceOf(context as Scope, NotificationGroupResolver).notificationsService.groupUpdated(context as Scope),
  })
  notificationGroupUpdated(@Root() group: NotificationGroupRecord): NotificationGroupRecord {
    return group;
  }

  @FieldResolver(() => NotificationSubject, {
    nullable: true,
    description:
      'What the group is about: the note liked, collected or commented on (NOTE_LIKED, NOTE_COLLECTED, NOTE_COMMENTED), the viewer themself (NEW_FOLLOWER: the one followed), ' +
      'the reply or what mentions the viewer, or the moderation action (MODERATION_ACTION). Null once the viewer may no longer see it, by the rule of its own lookup, as Notification.subject.',
  })
  async subject(@Root() g: NotificationGroupRecord, @Ctx() ctx: Scope) {
    const lookups = { content: this.contentService, groups: this.groupsService };
    if (g.actionId) {
      const action = await this.moderationService.actionById(ctx, g.actionId);
      // A group is its recipient's own; the action it names is about them.
      return tagged('ModerationAction', action && action.subjectUserId === (await ctx.viewerId()) ? action : null);
    }
    if (g.commentId) return visibleSubject(ctx, lookups, TargetType.COMMENT, g.commentId);
    if (g.noteId) return visibleSubject(ctx, lookups, TargetType.NOTE, g.noteId);
    return g.subjectUserId ? visibleSubject(ctx, lookups, TargetType.USER, g.subjectUserId) : null;
  }

  @FieldResolver(() => [User], {
    description: `The newest distinct actors, newest first, at most ${LATEST_ACTORS_SHOWN}; people in a block with the viewer are left out (actorCount still counts them).`,
  })
  async latestActors(@Root() g: NotificationGroupRecord, @Ctx() ctx: Scope): Promise<UserRecord[]> {
    const [users, blocked] = await Promise.all([accountLoaders(ctx).userById.loadMany(g.latestActorIds), ctx.memo('notifications.blocked', () => this.blocks.usersInABlockWithViewer(ctx))]);
    return loaded(users)
      .filter((u) => !blocked.has(u.id))
      .slice(0, LATEST_ACTORS_SHOWN);
  }

  @FieldResolver(() => Int, { description: 'How many distinct people did it in this group, exactly: someone who likes, unlikes and likes again counts once.' })
  actorCount(@Root() g: NotificationGroupRecord) {
    return g.actorCount;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the group last changed: its newest actor, or the newest comment of one already counted.' })
  latestAt(@Root() g: NotificationGroupRecord) {
    return new Date(g.latestAt);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When its first notification was stored.' })
  createdAt(@Root() g: NotificationGroupRecord) {
    return new Date(g.createdAt);
  }

  @FieldResolver(() => DateTimeISOResolver, {
    nullable: true,
    description: 'When the group stops taking new notifications (the next 00:00 UTC after it started); later ones start a new group. Null for a group of one notification.',
  })
  windowEndsAt(@Root() g: NotificationGroupRecord) {
    return g.windowEnd === null ? null : new Date(g.windowEnd);
  }

  @FieldResolver(() => Boolean, { description: 'Whether markNotificationGroupRead has marked it since it last changed.' })
  isRead(@Root() g: NotificationGroupRecord) {
    return g.readAt !== null;
  }
}
