import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { PeriodInput } from '../common/period';
import { User, UserRecord } from '../accounts/types';
import { Note, Topic } from '../content/types';
import { NoteConnection } from '../feeds/types';
import type { GroupActivityEvent } from '../events/bus';
import { can, canPost, GroupPermission, GroupRole, MATRIX } from './permissions';
import {
  CreateGroupEventInput,
  CreateGroupInput,
  Group,
  GroupActivity,
  GroupEvent,
  GroupEventRecord,
  GroupMember,
  GroupMemberConnection,
  GroupRecord,
  GroupStats,
  JoinResult,
  RsvpStatus,
  UpdateGroupInput,
} from './types';
import { accountLoaders } from '../accounts/loaders';
import { instanceOf } from '../request/scope';
import { groupLoaders } from './loaders';
import { GroupService } from './service';
import type { Scope } from '../accounts/scope';
import type { TtlCache } from '../common/ttl-cache';

export const GroupConnection = Connection(Group, 'Group');

@Resolver(() => Group)
export class GroupResolver {
  constructor(
    readonly groupsService: GroupService,
    /** Users named by live events, shared by every subscriber the event reaches (one per process). */
    private readonly eventUsers: TtlCache<UserRecord | null>,
  ) {}

  @Query(() => Group, { description: 'A group; NOT_FOUND for a SECRET group the viewer is not in or invited to.' })
  group(@Ctx() ctx: Scope, @Arg('id', () => ID) id: string) {
    return this.groupsService.group(ctx, id);
  }

  @Query(() => GroupConnection, { description: 'Groups by name and topic, newest first (SECRET ones only for members).' })
  groups(
    @Ctx() ctx: Scope,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('topic', () => String, { nullable: true }) topic?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return this.groupsService.groups(ctx, search, topic, first, after);
  }

  @Query(() => [Group])
  myGroups(@Ctx() ctx: Scope) {
    return this.groupsService.myGroups(ctx);
  }

  @Query(() => NoteConnection, { description: "A group's notes, newest first (members only for CLOSED and SECRET groups)." })
  groupFeed(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return this.groupsService.feed(ctx, groupId, first, after);
  }

  @Query(() => GroupStats, { description: 'Membership, activity, retention, contributors and GMV of a group (its moderators and above, and growth staff).' })
  groupStats(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput | null) {
    return this.groupsService.stats(ctx, groupId, period);
  }

  @Mutation(() => Group)
  createGroup(@Ctx() ctx: Scope, @Arg('input') input: CreateGroupInput) {
    return this.groupsService.create(ctx, input);
  }

  @Mutation(() => Group)
  updateGroup(@Ctx() ctx: Scope, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateGroupInput) {
    return this.groupsService.update(ctx, id, input);
  }

  @Mutation(() => Boolean, { description: 'The owner archives the group.' })
  archiveGroup(@Ctx() ctx: Scope, @Arg('id', () => ID) id: string) {
    return this.groupsService.archive(ctx, id);
  }

  @Mutation(() => JoinResult, { description: 'Joins, accepting the rules: OPEN groups and invitees join at once; CLOSED groups get a request.' })
  joinGroup(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('acceptRules', { description: 'Must be true.' }) acceptRules: boolean,
    @Arg('message', () => String, { nullable: true }) message?: string | null,
  ) {
    return this.groupsService.join(ctx, groupId, acceptRules, message);
  }

  @Mutation(() => Group, { description: 'Moderators approve or deny a join request.' })
  decideJoinRequest(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string, @Arg('approve') approve: boolean) {
    return this.groupsService.decideRequest(ctx, groupId, userId, approve);
  }

  @Mutation(() => Boolean, { description: 'Moderators invite a user (the only way into a SECRET group).' })
  inviteToGroup(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string) {
    return this.groupsService.invite(ctx, groupId, userId);
  }

  @Mutation(() => Boolean, { description: 'Leaves a group; the last owner must transfer ownership first.' })
  leaveGroup(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string) {
    return this.groupsService.leave(ctx, groupId);
  }

  @Mutation(() => GroupMember, { description: 'Gives a member a role below your own; FORBIDDEN otherwise.' })
  setGroupRole(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string, @Arg('role', () => GroupRole) role: GroupRole) {
    return this.groupsService.setRole(ctx, groupId, userId, role);
  }

  @Mutation(() => Group, { description: 'The owner hands the group to a member and becomes an ADMIN.' })
  transferOwnership(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string) {
    return this.groupsService.transferOwnership(ctx, groupId, userId);
  }

  @Mutation(() => Boolean, { description: 'Mutes a member below your rank for a while (moderators and above).' })
  muteMember(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('durationMinutes', () => Int, { description: '1 to 43200.' }) durationMinutes: number,
  ) {
    return this.groupsService.sanction(ctx, groupId, userId, 'MUTE', { minutes: durationMinutes });
  }

  @Mutation(() => Boolean, { description: 'Bans a user below your rank (admins and above); bans are kept, so they cannot rejoin.' })
  banMember(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string, @Arg('reason', { defaultValue: '' }) reason: string) {
    return this.groupsService.ban(ctx, groupId, userId, reason);
  }

  @Mutation(() => Boolean)
  unbanMember(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string) {
    return this.groupsService.sanction(ctx, groupId, userId, 'UNBAN');
  }

  @Mutation(() => Boolean, { description: 'Removes a member below your rank without banning them (admins and above).' })
  removeMember(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string) {
    return this.groupsService.sanction(ctx, groupId, userId, 'REMOVE');
  }

  @Mutation(() => Note, { description: 'Admins and the owner post an announcement, optionally pinned.' })
  postAnnouncement(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('title') title: string,
    @Arg('body') body: string,
    @Arg('pin', { defaultValue: true }) pin: boolean,
  ) {
    return this.groupsService.postAnnouncement(ctx, groupId, title, body, pin);
  }

  @Mutation(() => Group, { description: 'Pins or unpins a note of the group (admins and above).' })
  pinNote(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('noteId', () => ID) noteId: string, @Arg('pinned') pinned: boolean) {
    return this.groupsService.pin(ctx, groupId, noteId, pinned);
  }

  @Mutation(() => GroupEvent, { description: 'Moderators and above create an event.' })
  createGroupEvent(@Ctx() ctx: Scope, @Arg('groupId', () => ID) groupId: string, @Arg('input') input: CreateGroupEventInput) {
    return this.groupsService.createEvent(ctx, groupId, input);
  }

  @Mutation(() => GroupEvent, { description: 'Members answer GOING, MAYBE or NO.' })
  rsvp(@Ctx() ctx: Scope, @Arg('eventId', () => ID) eventId: string, @Arg('status', () => RsvpStatus) status: RsvpStatus) {
    return this.groupsService.rsvp(ctx, eventId, status);
  }

  @Subscription(() => GroupActivity, {
    description: "A group's posts, comments, joins and leaves, role changes, announcements, events and group-buy progress, plus moderation actions for moderators. Ends when the viewer is removed or banned.",
    subscribe: ({ args, context }) => instanceOf(context as Scope, GroupResolver).groupsService.activity(context as Scope, args.groupId as string),
  })
  async groupActivity(@Root() e: GroupActivityEvent, @Ctx() ctx: Scope, @Arg('groupId', () => ID) _groupId: string): Promise<GroupActivity> {
    const users = this.eventUsers;
    const user = (id: string | null) => (id ? users.get(id, () => accountLoaders(ctx).userById.load(id)) : null);
    const [actor, subjectUser] = await Promise.all([user(e.actorId), user(e.subjectUserId)]);
    return { ...e, actor, subjectUser, at: new Date(e.at) };
  }

  @FieldResolver(() => GroupMemberConnection, { description: 'Members by rank, then join time (members only for CLOSED and SECRET groups).' })
  members(
    @Root() group: GroupRecord,
    @Ctx() ctx: Scope,
    @Arg('role', () => GroupRole, { nullable: true }) role?: GroupRole | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return this.groupsService.members(ctx, group, role, first, after);
  }

  @FieldResolver(() => User, { nullable: true })
  owner(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return group.ownerId ? accountLoaders(ctx).userById.load(group.ownerId) : null;
  }

  @FieldResolver(() => [Topic])
  topics(@Root() group: GroupRecord) {
    return group.topics.map((name) => ({ name }));
  }

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() group: GroupRecord) {
    return new Date(group.createdAt);
  }

  @FieldResolver(() => GroupRole, { nullable: true, description: "The viewer's role, or null when not a member." })
  async viewerRole(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return (await groupLoaders(ctx).standing.load(group.id)).role;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer is a member and not muted.' })
  async viewerCanPost(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return canPost(await groupLoaders(ctx).standing.load(group.id), Date.now());
  }

  @FieldResolver(() => [GroupPermission], { description: "What the viewer's role allows, from the permission matrix." })
  async viewerPermissions(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    const standing = await groupLoaders(ctx).standing.load(group.id);
    return (Object.keys(MATRIX) as GroupPermission[]).filter((p) => can(standing.role, p));
  }

  @FieldResolver(() => Boolean, { description: 'The viewer has asked to join and waits for a moderator.' })
  async viewerRequested(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return (await groupLoaders(ctx).standing.load(group.id)).requested;
  }

  @FieldResolver(() => [Note], { description: 'Pinned announcements, newest pin first.' })
  pinnedNotes(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return this.groupsService.pinned(ctx, group);
  }

  @FieldResolver(() => [GroupEvent], { description: 'Upcoming events (and those of the last day), soonest first.' })
  events(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return this.groupsService.events(ctx, group);
  }
}

@Resolver(() => GroupEvent)
export class GroupEventResolver {
  constructor(readonly groupsService: GroupService) {}

  @FieldResolver(() => DateTimeISOResolver)
  startsAt(@Root() e: GroupEventRecord) {
    return new Date(e.startsAt);
  }

  @FieldResolver(() => RsvpStatus, { nullable: true })
  viewerRsvp(@Root() e: GroupEventRecord, @Ctx() ctx: Scope) {
    return groupLoaders(ctx).viewerRsvp.load(e.id);
  }

  @FieldResolver(() => [User], { description: 'Who answered with this status, first answers first.' })
  attendees(
    @Root() e: GroupEventRecord,
    @Ctx() ctx: Scope,
    @Arg('status', () => RsvpStatus, { defaultValue: RsvpStatus.GOING }) status: RsvpStatus,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<UserRecord[]> {
    return this.groupsService.attendees(ctx, e.id, e.groupId, status, first) as Promise<UserRecord[]>;
  }
}
