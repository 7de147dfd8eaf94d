import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { PeriodInput } from '../common/period';
import { User, UserRecord } from '../accounts/types';
import { Note, Topic, topicOf } from '../content/types';
import { NoteConnection } from '../feeds/types';
import type { GroupActivityEvent } from '../events/bus';
import { groupPermissions, GroupRole } from './permissions';
import { isAdmin, isStaff } from '../common/roles';
import { Group, GroupActivity, GroupLevelRights, GroupMember, GroupPermissions, GroupEvent, GroupEventRecord, GroupEventWindow, GroupMemberConnection, GroupRecord, GroupStats, JoinRequestConnection, RsvpStatus } from './types';
import {
  ArchiveGroupInput,
  ArchiveGroupPayload,
  BanMemberInput,
  BanMemberPayload,
  CreateGroupEventInput,
  CreateGroupEventPayload,
  CreateGroupInput,
  CreateGroupPayload,
  DecideJoinRequestInput,
  DecideJoinRequestPayload,
  InviteToGroupInput,
  InviteToGroupPayload,
  JoinGroupInput,
  JoinGroupPayload,
  JoinRequestDecision,
  LeaveGroupInput,
  LeaveGroupPayload,
  MuteMemberInput,
  MuteMemberPayload,
  PinNoteInput,
  PinNotePayload,
  PostAnnouncementInput,
  PostAnnouncementPayload,
  RemoveMemberInput,
  RemoveMemberPayload,
  RsvpInput,
  RsvpPayload,
  SetGroupRoleInput,
  SetGroupRolePayload,
  TransferOwnershipInput,
  TransferOwnershipPayload,
  UnbanMemberInput,
  UnbanMemberPayload,
  UpdateGroupInput,
  UpdateGroupLevelRightsInput,
  UpdateGroupLevelRightsPayload,
  UpdateGroupPayload,
} from './payloads';
import type { PayloadResult } from '../common/user-errors';
import { accountLoaders } from '../accounts/loaders';
import { instanceOf } from '../request/scope';
import { groupLoaders } from './loaders';
import { ATTENDEES_DEFAULT, ATTENDEES_MAX, GROUP_EVENTS_PAGE_MAX, GROUP_FEED_PAGE_MAX, GroupService, JOIN_REQUESTS_PAGE_MAX, MAX_PINNED_NOTES, MY_GROUPS_PAGE_MAX } from './service';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';
import { LIMITS } from '../content/rules';
import type { Scope } from '../accounts/scope';
import type { TtlCache } from '../common/ttl-cache';

export const GroupConnection = Connection(Group, 'Group', 'groups');
const GroupEventConnection = Connection(GroupEvent, 'GroupEvent', 'events of a group');
const GroupEventAttendeeConnection = Connection(User, 'GroupEventAttendee', "users who gave one answer to a group event");

@Resolver(() => Group)
export class GroupResolver {
  constructor(
    readonly groupsService: GroupService,
    /** Users named by live events, shared by every subscriber the event reaches (one per process). */
    private readonly eventUsers: TtlCache<UserRecord | null>,
  ) {}

  @Query(() => Group, { nullable: true, description: 'A group; null when it is missing, archived, or SECRET and the viewer is not in or invited to it.' })
  group(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The group.' }) id: string) {
    return this.groupsService.group(ctx, id);
  }

  @Query(() => GroupConnection, { description: 'Groups by name and topic, newest first (SECRET ones only for members).' })
  groups(
    @Ctx() ctx: Scope,
    @Arg('search', () => String, { nullable: true, description: 'Words of the group name (1 to 60 characters, case-insensitive); without it, every group.' }) search?: string | null,
    @Arg('topic', () => String, { nullable: true, description: 'Only groups with this topic (a leading # is ignored).' }) topic?: string | null,
    @Arg('first', () => Int, { nullable: true, description: `How many groups. Default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.groupsService.groups(ctx, search, topic, first, after);
  }

  @Query(() => GroupConnection, { description: "The groups the viewer is a member of (archived ones left out), last joined first. Signed-in viewers only." })
  myGroups(
    @Ctx() ctx: Scope,
    @Arg('roles', () => [GroupRole], { nullable: true, description: 'Only groups where the viewer holds one of these roles (OWNER, ADMIN, MODERATOR for the groups they manage); without it, every group they are in. An empty list is refused.' }) roles?: GroupRole[] | null,
    @Arg('first', () => Int, { nullable: true, description: `How many groups. Default ${DEFAULT_PAGE_SIZE}, at most ${MY_GROUPS_PAGE_MAX}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.groupsService.myGroups(ctx, roles, first, after);
  }

  @Query(() => JoinRequestConnection, { description: "A group's pending join requests, oldest first (moderators and above; FORBIDDEN otherwise)." })
  joinRequests(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID, { description: 'The group.' }) groupId: string,
    @Arg('first', () => Int, { nullable: true, description: `How many requests. Default 20, at most ${JOIN_REQUESTS_PAGE_MAX}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The cursor of the last request seen.' }) after?: string | null,
  ) {
    return this.groupsService.joinRequests(ctx, groupId, first, after);
  }

  @Query(() => NoteConnection, { description: "A group's notes, newest first (members only for CLOSED and SECRET groups)." })
  groupFeed(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID, { description: 'The group.' }) groupId: string,
    @Arg('first', () => Int, { nullable: true, description: `How many notes. Default ${DEFAULT_PAGE_SIZE}, at most ${GROUP_FEED_PAGE_MAX}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.groupsService.feed(ctx, groupId, first, after);
  }

  @Query(() => GroupStats, { nullable: true, description: 'Membership, activity, retention, contributors and GMV of a group (its moderators and above, and growth staff).' })
  groupStats(
    @Ctx() ctx: Scope,
    @Arg('groupId', () => ID, { description: 'The group.' }) groupId: string,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'The days to report on; see PeriodInput for the default.' }) period?: PeriodInput | null,
  ) {
    return this.groupsService.stats(ctx, groupId, period);
  }

  @Mutation(() => CreateGroupPayload, { description: 'Creates a group owned by the viewer.' })
  async createGroup(@Ctx() ctx: Scope, @Arg('input', () => CreateGroupInput, { description: 'The group to create.' }) input: CreateGroupInput): Promise<PayloadResult<CreateGroupPayload>> {
    return { group: await this.groupsService.create(ctx, input) };
  }

  @Mutation(() => UpdateGroupPayload, { description: "Changes a group's name, description, visibility, rules, topics or pre-moderation (admins and above)." })
  async updateGroup(@Ctx() ctx: Scope, @Arg('input', () => UpdateGroupInput, { description: 'The group and its changes.' }) input: UpdateGroupInput): Promise<PayloadResult<UpdateGroupPayload>> {
    return { group: await this.groupsService.update(ctx, input) };
  }

  @Mutation(() => UpdateGroupLevelRightsPayload, { description: "Sets from which member level members skip pre-moderation and may start group buys in the group (admins and above; audited). The new rights apply to the next post or start." })
  async updateGroupLevelRights(@Ctx() ctx: Scope, @Arg('input', () => UpdateGroupLevelRightsInput, { description: 'The group and its level rights.' }) input: UpdateGroupLevelRightsInput): Promise<PayloadResult<UpdateGroupLevelRightsPayload>> {
    return { group: await this.groupsService.updateLevelRights(ctx, input) };
  }

  @Mutation(() => ArchiveGroupPayload, { description: 'The owner archives the group.' })
  async archiveGroup(@Ctx() ctx: Scope, @Arg('input', () => ArchiveGroupInput, { description: 'The group to archive.' }) input: ArchiveGroupInput): Promise<PayloadResult<ArchiveGroupPayload>> {
    return { archivedGroupId: await this.groupsService.archive(ctx, input.groupId) };
  }

  @Mutation(() => JoinGroupPayload, { description: 'Joins, accepting the rules: OPEN groups and invitees join at once; CLOSED groups get a request. Joining a group the viewer is in answers JOINED.' })
  joinGroup(@Ctx() ctx: Scope, @Arg('input', () => JoinGroupInput, { description: 'The group to join.' }) input: JoinGroupInput): Promise<PayloadResult<JoinGroupPayload>> {
    return this.groupsService.join(ctx, input.groupId, input.acceptRules, input.message);
  }

  @Mutation(() => DecideJoinRequestPayload, { description: 'Moderators approve or deny a join request.' })
  async decideJoinRequest(@Ctx() ctx: Scope, @Arg('input', () => DecideJoinRequestInput, { description: 'The request and the answer.' }) input: DecideJoinRequestInput): Promise<PayloadResult<DecideJoinRequestPayload>> {
    const group = await this.groupsService.decideRequest(ctx, input.groupId, input.userId, input.decision === JoinRequestDecision.APPROVE);
    return { group, user: await accountLoaders(ctx).userById.load(input.userId) };
  }

  @Mutation(() => InviteToGroupPayload, { description: 'Moderators invite a user (the only way into a SECRET group).' })
  async inviteToGroup(@Ctx() ctx: Scope, @Arg('input', () => InviteToGroupInput, { description: 'The group and the user invited.' }) input: InviteToGroupInput): Promise<PayloadResult<InviteToGroupPayload>> {
    await this.groupsService.invite(ctx, input.groupId, input.userId);
    return this.groupAndUser(ctx, input);
  }

  @Mutation(() => LeaveGroupPayload, { description: 'Leaves a group; the last owner must transfer ownership first (INVALID_STATE).' })
  async leaveGroup(@Ctx() ctx: Scope, @Arg('input', () => LeaveGroupInput, { description: 'The group to leave.' }) input: LeaveGroupInput): Promise<PayloadResult<LeaveGroupPayload>> {
    await this.groupsService.leave(ctx, input.groupId);
    return { leftGroupId: input.groupId };
  }

  @Mutation(() => SetGroupRolePayload, { description: 'Gives a member a role below your own; FORBIDDEN otherwise.' })
  async setGroupRole(@Ctx() ctx: Scope, @Arg('input', () => SetGroupRoleInput, { description: 'The member and the new role.' }) input: SetGroupRoleInput): Promise<PayloadResult<SetGroupRolePayload>> {
    return { member: await this.groupsService.setRole(ctx, input.groupId, input.userId, input.role) };
  }

  @Mutation(() => TransferOwnershipPayload, { description: 'The owner hands the group to a member and becomes an ADMIN.' })
  async transferOwnership(@Ctx() ctx: Scope, @Arg('input', () => TransferOwnershipInput, { description: 'The group and its new owner.' }) input: TransferOwnershipInput): Promise<PayloadResult<TransferOwnershipPayload>> {
    return { group: await this.groupsService.transferOwnership(ctx, input.groupId, input.userId) };
  }

  @Mutation(() => MuteMemberPayload, { description: 'Mutes a member below your rank for a while (moderators and above).' })
  async muteMember(@Ctx() ctx: Scope, @Arg('input', () => MuteMemberInput, { description: 'The member and how long.' }) input: MuteMemberInput): Promise<PayloadResult<MuteMemberPayload>> {
    await this.groupsService.sanction(ctx, input.groupId, input.userId, 'MUTE', { minutes: input.durationMinutes });
    return this.groupAndUser(ctx, input);
  }

  @Mutation(() => BanMemberPayload, { description: 'Bans a user below your rank (admins and above); bans are kept, so they cannot rejoin.' })
  async banMember(@Ctx() ctx: Scope, @Arg('input', () => BanMemberInput, { description: 'The user and why.' }) input: BanMemberInput): Promise<PayloadResult<BanMemberPayload>> {
    await this.groupsService.ban(ctx, input.groupId, input.userId, input.reason);
    return this.groupAndUser(ctx, input);
  }

  @Mutation(() => UnbanMemberPayload, { description: 'Lifts a ban (admins and above); the user may join again.' })
  async unbanMember(@Ctx() ctx: Scope, @Arg('input', () => UnbanMemberInput, { description: 'The banned user.' }) input: UnbanMemberInput): Promise<PayloadResult<UnbanMemberPayload>> {
    await this.groupsService.sanction(ctx, input.groupId, input.userId, 'UNBAN');
    return this.groupAndUser(ctx, input);
  }

  @Mutation(() => RemoveMemberPayload, { description: 'Removes a member below your rank without banning them (admins and above).' })
  async removeMember(@Ctx() ctx: Scope, @Arg('input', () => RemoveMemberInput, { description: 'The member to remove.' }) input: RemoveMemberInput): Promise<PayloadResult<RemoveMemberPayload>> {
    await this.groupsService.sanction(ctx, input.groupId, input.userId, 'REMOVE');
    return this.groupAndUser(ctx, input);
  }

  @Mutation(() => PostAnnouncementPayload, { description: 'Admins and the owner post an announcement, pinned unless told otherwise.' })
  async postAnnouncement(@Ctx() ctx: Scope, @Arg('input', () => PostAnnouncementInput, { description: 'The announcement.' }) input: PostAnnouncementInput): Promise<PayloadResult<PostAnnouncementPayload>> {
    return { note: await this.groupsService.postAnnouncement(ctx, input) };
  }

  @Mutation(() => PinNotePayload, { description: 'Pins or unpins a note of the group (admins and above).' })
  async pinNote(@Ctx() ctx: Scope, @Arg('input', () => PinNoteInput, { description: 'The note and whether it is pinned.' }) input: PinNoteInput): Promise<PayloadResult<PinNotePayload>> {
    return { group: await this.groupsService.pin(ctx, input.groupId, input.noteId, input.pinned) };
  }

  @Mutation(() => CreateGroupEventPayload, { description: 'Moderators and above create an event.' })
  async createGroupEvent(@Ctx() ctx: Scope, @Arg('input', () => CreateGroupEventInput, { description: 'The event to create.' }) input: CreateGroupEventInput): Promise<PayloadResult<CreateGroupEventPayload>> {
    return { event: await this.groupsService.createEvent(ctx, input) };
  }

  @Mutation(() => RsvpPayload, { description: 'Members answer GOING, MAYBE or NO.' })
  async rsvp(@Ctx() ctx: Scope, @Arg('input', () => RsvpInput, { description: 'The event and the answer.' }) input: RsvpInput): Promise<PayloadResult<RsvpPayload>> {
    return { event: await this.groupsService.rsvp(ctx, input.eventId, input.status) };
  }

  /** The group and the user a membership mutation acted on, as its payload shows them. */
  private async groupAndUser(ctx: Scope, input: { groupId: string; userId: string }) {
    groupLoaders(ctx).groupById.clear(input.groupId);
    const [group, user] = await Promise.all([groupLoaders(ctx).groupById.load(input.groupId), accountLoaders(ctx).userById.load(input.userId)]);
    return { group, user };
  }

  @Subscription(() => GroupActivity, {
    description: "A group's posts, comments, joins and leaves, role changes, announcements, events and group-buy progress, plus moderation actions for moderators. Ends when the viewer is removed or banned.",
    subscribe: ({ args, context }) => instanceOf(context as Scope, GroupResolver).groupsService.activity(context as Scope, args.groupId as string),
  })
  async groupActivity(@Root() e: GroupActivityEvent, @Ctx() ctx: Scope, @Arg('groupId', () => ID, { description: 'The group to follow; its members (and, for an OPEN group, anyone signed in) may.' }) _groupId: string): Promise<GroupActivity> {
    const users = this.eventUsers;
    const user = (id: string | null) => (id ? users.get(id, () => accountLoaders(ctx).userById.load(id)) : null);
    const [actor, subjectUser] = await Promise.all([user(e.actorId), user(e.subjectUserId)]);
    return { ...e, actor, subjectUser, createdAt: new Date(e.at) };
  }

  @FieldResolver(() => GroupMemberConnection, { description: 'Members by rank, then join time (members only for CLOSED and SECRET groups).' })
  members(
    @Root() group: GroupRecord,
    @Ctx() ctx: Scope,
    @Arg('role', () => GroupRole, { nullable: true, description: 'Only members of this role; without it, everyone.' }) role?: GroupRole | null,
    @Arg('first', () => Int, { nullable: true, description: `How many members. Default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.groupsService.members(ctx, group, role, first, after);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Its owner; null while no member is OWNER (an imported group without one).' })
  owner(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return group.ownerId ? accountLoaders(ctx).userById.load(group.ownerId) : null;
  }

  @FieldResolver(() => [Topic], { description: `What the group is about, as its owner set them; at most ${LIMITS.topics}.` })
  topics(@Root() group: GroupRecord) {
    return group.topics.map(topicOf);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the group was created.' })
  createdAt(@Root() group: GroupRecord) {
    return new Date(group.createdAt);
  }

  @FieldResolver(() => Boolean, { description: 'True when notes and comments matching the sensitive-word list wait for a moderator before anyone else sees them.' })
  isPremoderated(@Root() group: GroupRecord) {
    return group.premoderation;
  }

  @FieldResolver(() => GroupRole, { nullable: true, description: "The viewer's role, or null when not a member." })
  async viewerRole(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return (await groupLoaders(ctx).standing.load(group.id)).role;
  }

  @FieldResolver(() => GroupPermissions, { description: 'What the viewer may do in the group now (post, pin, moderate, invite, edit its settings...).' })
  async viewerCan(@Root() group: GroupRecord, @Ctx() ctx: Scope): Promise<GroupPermissions> {
    const [standing, viewer] = await Promise.all([groupLoaders(ctx).standing.load(group.id), ctx.viewer()]);
    const byRole = groupPermissions(standing, { admin: viewer !== null && isAdmin(viewer), staff: viewer !== null && isStaff(viewer) }, Date.now());
    return { ...byRole, ...(await this.groupsService.viewerLevelRights(ctx, group, byRole.post)) };
  }

  @FieldResolver(() => GroupLevelRights, { description: "From which member level members skip pre-moderation and may start group buys here (updateGroupLevelRights sets them)." })
  levelRights(@Root() group: GroupRecord): GroupLevelRights {
    return this.groupsService.levelRights(group);
  }

  @FieldResolver(() => Int, { nullable: true, description: "The viewer's member level in the group, 1 to 10 (as GroupMember.level); null when not a member." })
  async viewerLevel(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    const [standing, viewerId] = await Promise.all([groupLoaders(ctx).standing.load(group.id), ctx.viewerId()]);
    return standing.role !== null && viewerId ? this.groupsService.memberLevel(ctx, group.id, viewerId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer has asked to join and waits for a moderator.' })
  async viewerHasRequested(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return (await groupLoaders(ctx).standing.load(group.id)).requested;
  }

  @FieldResolver(() => [Note], { description: `Pinned announcements, newest pin first; at most ${MAX_PINNED_NOTES} (an older pin drops off). Empty for a viewer who may not read the group's content.` })
  pinnedNotes(@Root() group: GroupRecord, @Ctx() ctx: Scope) {
    return this.groupsService.pinned(ctx, group);
  }

  @FieldResolver(() => GroupEventConnection, { description: "The group's events, a page at a time: by default the upcoming ones (and those that started in the last 24 hours) soonest first; `when: PAST` lists the earlier ones, latest first. Empty for a viewer who may not read the group's content." })
  events(
    @Root() group: GroupRecord,
    @Ctx() ctx: Scope,
    @Arg('when', () => GroupEventWindow, { defaultValue: GroupEventWindow.UPCOMING, description: 'Upcoming (the default) or past events.' }) when: GroupEventWindow,
    @Arg('first', () => Int, { nullable: true, description: `How many events. Default ${DEFAULT_PAGE_SIZE}, at most ${GROUP_EVENTS_PAGE_MAX}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page of the same `when`.' }) after?: string | null,
  ) {
    return this.groupsService.events(ctx, group, when, first, after);
  }
}

@Resolver(() => GroupEvent)
export class GroupEventResolver {
  constructor(readonly groupsService: GroupService) {}

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it starts.' })
  startsAt(@Root() e: GroupEventRecord) {
    return new Date(e.startsAt);
  }

  @FieldResolver(() => RsvpStatus, { nullable: true, description: "The viewer's answer; null when they gave none (or are signed out)." })
  viewerRsvp(@Root() e: GroupEventRecord, @Ctx() ctx: Scope) {
    return groupLoaders(ctx).viewerRsvp.load(e.id);
  }

  @FieldResolver(() => GroupEventAttendeeConnection, { description: "Who answered with this status, a page at a time, in the order they gave their current answer; totalCount is how many gave this answer (going and maybe give the GOING and MAYBE counts to anyone who sees the event). Empty for a viewer who may not read the group's content." })
  attendees(
    @Root() e: GroupEventRecord,
    @Ctx() ctx: Scope,
    @Arg('status', () => RsvpStatus, { defaultValue: RsvpStatus.GOING, description: 'Which answer: GOING unless told.' }) status: RsvpStatus,
    @Arg('first', () => Int, { defaultValue: ATTENDEES_DEFAULT, description: `How many attendees. Default ${ATTENDEES_DEFAULT}, at most ${ATTENDEES_MAX}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page of the same status.' }) after?: string | null,
  ) {
    return this.groupsService.attendees(ctx, e.id, e.groupId, status, first, after);
  }
}

@Resolver(() => GroupMember)
export class GroupMemberResolver {
  constructor(readonly groupsService: GroupService) {}

  @FieldResolver(() => Int, { description: "Their member level in the group, 1 to 10, from their lifetime contribution score there (3 × notes posted in it + 1 × comments and likes those notes received + 5 × invitations sent and joins through them; GROUP_LEVEL_THRESHOLDS sets where each level starts). Read when asked, so it is current: a like received counts at once." })
  async level(@Root() member: GroupMember, @Ctx() ctx: Scope): Promise<number> {
    return (await this.groupsService.memberLevel(ctx, member.groupId, member.user.id)) ?? 1;
  }
}
