import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User, UserRecord } from '../accounts/types';
import { Lazy, PageInfo } from '../common/connection';
import { Money } from '../common/money';
import { GroupRole } from './permissions';
import type { GroupActivityEvent } from '../events/bus';

export enum GroupVisibility {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  SECRET = 'SECRET',
}
registerEnumType(GroupVisibility, {
  name: 'GroupVisibility',
  description: 'Who sees a group and how one gets in.',
  valuesConfig: {
    OPEN: { description: 'Anyone sees it, its members and its posts, and joins at once.' },
    CLOSED: { description: 'Anyone sees it; its posts and members are for members. One joins by request (a moderator decides) or by invitation.' },
    SECRET: { description: 'Only members and invitees know it exists; one joins by invitation only.' },
  },
});
registerEnumType(GroupRole, {
  name: 'GroupRole',
  description: "A member's rank in a group: OWNER > ADMIN > MODERATOR > MEMBER. Each holds the permissions of the ranks below it.",
  valuesConfig: {
    OWNER: { description: 'The one member who owns the group: may archive it and transfer ownership.' },
    ADMIN: { description: 'Edits the group, posts announcements, bans and changes roles below ADMIN.' },
    MODERATOR: { description: 'Decides join requests, invites, moderates content, mutes, creates events and sees the statistics.' },
    MEMBER: { description: 'Reads and posts.' },
  },
});

export enum RsvpStatus {
  GOING = 'GOING',
  MAYBE = 'MAYBE',
  NO = 'NO',
}
registerEnumType(RsvpStatus, {
  name: 'RsvpStatus',
  description: "A member's answer to a group event.",
  valuesConfig: {
    GOING: { description: 'Will come.' },
    MAYBE: { description: 'Might come.' },
    NO: { description: 'Will not come.' },
  },
});

export enum EventMode {
  ONLINE = 'ONLINE',
  OFFLINE = 'OFFLINE',
}
registerEnumType(EventMode, {
  name: 'EventMode',
  description: 'Where a group event happens.',
  valuesConfig: {
    ONLINE: { description: 'Online: location is optional (a link or a platform).' },
    OFFLINE: { description: 'In person, at its location (required).' },
  },
});

export enum GroupEventWindow {
  UPCOMING = 'UPCOMING',
  PAST = 'PAST',
}
registerEnumType(GroupEventWindow, {
  name: 'GroupEventWindow',
  description: "Which of a group's events Group.events lists.",
  valuesConfig: {
    UPCOMING: { description: 'Events yet to start, and those that started in the last 24 hours (they may be on now), soonest first.' },
    PAST: { description: 'Events that started more than 24 hours ago, latest first.' },
  },
});

export interface GroupRecord {
  id: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  rules: string;
  premoderation: boolean;
  createdAt: number;
  archivedAt: number | null;
  memberCount: number;
  ownerId: string | null;
  topics: string[];
  pinnedNoteIds: string[];
  /** The group's level rights (src/groups/levels.ts); null when not given by level. */
  postWithoutPremoderationFromLevel: number | null;
  startGroupBuyFromLevel: number | null;
}

export interface GroupEventRecord {
  id: string;
  title: string;
  description: string;
  startsAt: number;
  mode: EventMode;
  location: string | null;
  createdAt: number;
  groupId: string;
  going: number;
  maybe: number;
}

/**
 * Totals per currency: a currency is any three capital letters (CurrencyCode), so this is the
 * list's hard bound, which clients never meet (a group sells in one or two).
 */
const PER_CURRENCY_BOUND = 'At most 17,576 entries, one per three-letter code.';

@ObjectType({ implements: Node, description: 'A community (社群): a brand fan group, an interest circle, a private customer group.' })
export class Group {
  @Field(() => ID, { description: "The group's stable id, for group(id) and every group argument." })
  id!: string;

  @Field({ description: 'Its name, 3 to 60 characters, unique among its owner\'s groups.' })
  name!: string;

  @Field({ description: 'What the group is for, up to 2,000 characters; empty when none was written.' })
  description!: string;

  @Field(() => GroupVisibility, { description: 'Who sees it and how one joins.' })
  visibility!: GroupVisibility;

  @Field({ description: 'The rules members accept when they join.' })
  rules!: string;

  /** Stored as `premoderation`; the schema reads it as isPremoderated (the group resolver). */
  premoderation!: boolean;

  @Field(() => Int, { description: 'How many members it has now, every role included (banned users are not members).' })
  memberCount!: number;
}

@ObjectType({ description: "What the viewer may do in a group now, as the server decides it from their role, their mute and their platform role (platform admins may do all but post; platform staff read statistics). All false for a signed-out viewer. The server still checks each action when it is asked." })
export class GroupPermissions {
  @Field(() => Boolean, { description: 'Post notes and comments in the group: a member who is not muted.' })
  post!: boolean;

  @Field(() => Boolean, { description: 'Post announcements and pin or unpin notes (postAnnouncement, pinNote): admins and above.' })
  pin!: boolean;

  @Field(() => Boolean, { description: "Work the group's moderation queue (moderate): moderators and above." })
  moderate!: boolean;

  @Field(() => Boolean, { description: 'Invite users (inviteToGroup): moderators and above.' })
  invite!: boolean;

  @Field(() => Boolean, { description: 'See and decide join requests (joinRequests, decideJoinRequest): moderators and above.' })
  decideJoinRequests!: boolean;

  @Field(() => Boolean, { description: 'Create events (createGroupEvent): moderators and above.' })
  createEvent!: boolean;

  @Field(() => Boolean, { description: "Mute members below the viewer's rank (muteMember): moderators and above. Whether one member can be muted also depends on their role (GroupMember.role)." })
  mute!: boolean;

  @Field(() => Boolean, { description: "Ban and remove members below the viewer's rank, and lift bans (banMember, removeMember, unbanMember): admins and above." })
  ban!: boolean;

  @Field(() => Boolean, { description: "Give members below the viewer's rank a role below it (setGroupRole): admins and above." })
  changeRoles!: boolean;

  @Field(() => Boolean, { description: "Change the group's name, description, visibility, rules, topics and pre-moderation (updateGroup): admins and above." })
  editSettings!: boolean;

  @Field(() => Boolean, { description: "Read the group's statistics (groupStats): moderators and above, and platform staff." })
  viewStats!: boolean;

  @Field(() => Boolean, { description: 'Archive the group (archiveGroup): its owner.' })
  archive!: boolean;

  @Field(() => Boolean, { description: "Start a group buy in the group (startGroupBuy with its groupId): a member who is not muted, at the group's startGroupBuyFromLevel or above when it sets one." })
  startGroupBuy!: boolean;

  @Field(() => Boolean, { description: "Post without pre-moderation holding the post: true in a group that is not pre-moderated; in one that is, for a member at its postWithoutPremoderationFromLevel or above." })
  postWithoutPremoderation!: boolean;
}

@ObjectType({ description: "What a group's managers grant by member level (updateGroupLevelRights); levels are GroupMember.level, 1 to 10." })
export class GroupLevelRights {
  @Field(() => Int, { nullable: true, description: 'Members at this level or above post without pre-moderation (in a pre-moderated group); null when no member skips it by level.' })
  postWithoutPremoderationFromLevel!: number | null;

  @Field(() => Int, { nullable: true, description: 'Only members at this level or above may start a group buy in the group; null when every member may.' })
  startGroupBuyFromLevel!: number | null;
}

@ObjectType({ description: "How many of a group's members are at one level (GroupStats.levelDistribution)." })
export class GroupLevelCount {
  @Field(() => Int, { description: 'The level, 1 to 10.' })
  level!: number;

  @Field(() => Int, { description: 'How many current members are at it.' })
  members!: number;
}

@ObjectType({ implements: Node, description: "A user's membership of a group: their role, since when, and (to moderators and themselves) a mute." })
export class GroupMember {
  /** The group of the membership; not a field, but what the private-field rule of mutedUntil needs. */
  groupId!: string;

  @Field(() => ID, { description: 'The membership\'s stable id, `<groupId>:<userId>`; the same for the same member of the same group across rejoins, for client caches.' })
  id!: string;

  @Field(() => User, { description: 'The member.' })
  user!: UserRecord;

  @Field(() => GroupRole, { description: 'Their role in the group.' })
  role!: GroupRole;

  @Field(() => DateTimeISOResolver, { description: 'When they last joined (a rejoin starts again).' })
  joinedAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: "Until when they may not post; null when not muted. Only the member, the group's moderators and above, and platform admins may read it." })
  mutedUntil!: Date | null;
}

@ObjectType({ description: 'A member in a page of members.' })
export class GroupMemberEdge {
  @Field({ description: 'Where this member is in the list, for `after`.' })
  cursor!: string;

  @Field(() => GroupMember, { description: 'The membership.' })
  node!: GroupMember;
}

@ObjectType({ description: "A page of a group's members, by rank, then join time." })
export class GroupMemberConnection {
  @Field(() => [GroupMemberEdge], { description: 'The members of this page, with cursors.' })
  edges!: GroupMemberEdge[];

  @Field(() => [GroupMember], { description: 'The nodes of edges, for clients that need no cursors.' })
  nodes!: GroupMember[];

  @Field(() => PageInfo, { description: 'Whether more members follow, and the cursors of this page.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many members match (of the role asked for), not just this page.' })
  totalCount!: Lazy<number>;
}

@ObjectType({ implements: Node, description: 'A meet-up or live session of a group, which its members RSVP to.' })
export class GroupEvent {
  @Field(() => ID, { description: "The event's stable id, for rsvp." })
  id!: string;

  @Field({ description: 'Its title, 1 to 100 characters.' })
  title!: string;

  @Field({ description: 'What it is about, up to 2,000 characters; empty when none was written.' })
  description!: string;

  @Field(() => EventMode, { description: 'Online or in person.' })
  mode!: EventMode;

  @Field(() => String, { nullable: true, description: 'Where it happens, up to 200 characters; always set for an OFFLINE event, null when an ONLINE one has none.' })
  location!: string | null;

  @Field(() => Int, { description: 'How many members answered GOING.' })
  going!: number;

  @Field(() => Int, { description: 'How many members answered MAYBE.' })
  maybe!: number;
}

@ObjectType({ description: 'The members who first joined in one week, and how many of them stayed.' })
export class CohortRetention {
  @Field(() => DateTimeISOResolver, { description: 'Start of the week the cohort joined.' })
  weekStart!: Date;

  @Field(() => Int, { description: 'How many first joined that week.' })
  size!: number;

  @Field(() => [Float], { description: 'Share of the cohort still members 1, 2, 3 and 4 weeks after their week (only weeks that have ended).' })
  retained!: number[];
}

@ObjectType({ description: "One UTC day of a group's activity, for charts." })
export class DailyActivity {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Int, { description: 'Notes posted in the group that day (deleted ones left out).' })
  posts!: number;

  @Field(() => Int, { description: "Comments written that day on the group's notes." })
  comments!: number;

  @Field(() => Int, { description: "Likes given that day to the group's notes." })
  likes!: number;

  @Field(() => Int, { description: 'Current members who posted, commented or liked in the group that day.' })
  activeMembers!: number;

  @Field(() => Int, { description: 'Joins that day (a rejoin counts again).' })
  joined!: number;

  @Field(() => Int, { description: 'Leaves, removals and bans that day.' })
  left!: number;

  @Field(() => Int, { description: 'Members at the end of the day.' })
  members!: number;

  @Field(() => Int, { nullable: true, description: 'Live orders attributed to the group that day, leaving out those held by an open or confirmed fraud flag; null when withheld: for all but staff, a day of fewer than 3 distinct buyers.' })
  orders!: number | null;

  @Field(() => [Money], { nullable: true, description: `GMV of those orders, one Money per currency in currency order (empty on a day without orders); null when the day is withheld. ${PER_CURRENCY_BOUND}` })
  gmv!: Money[] | null;
}

@ObjectType({ description: "A member's contribution to a group over a period, for the top-contributors list." })
export class Contributor {
  @Field(() => User, { description: 'The member.' })
  user!: UserRecord;

  @Field(() => Float, { description: '3 × posts + 1 × comments received + 1 × likes received + 5 × invites.' })
  score!: number;

  @Field(() => Int, { description: 'Notes they posted in the group in the period.' })
  posts!: number;

  @Field(() => Int, { description: 'Comments others wrote on those notes in the period.' })
  commentsReceived!: number;

  @Field(() => Int, { description: 'Likes others gave those notes in the period.' })
  likesReceived!: number;

  @Field(() => Int, { description: 'Invitations they sent in the period, plus users who joined through them then.' })
  invites!: number;
}

@ObjectType({ description: "A group's membership, activity, retention, contributors and sales over a period (groupStats)." })
export class GroupStats {
  @Field(() => Int, { description: 'Joins in the period (a rejoin counts again).' })
  newMembers!: number;

  @Field(() => Int, { description: 'Leaves, removals and bans in the period.' })
  leftMembers!: number;

  @Field(() => Int, { description: 'Members now.' })
  totalMembers!: number;

  @Field(() => Int, { description: 'Members who posted, commented or liked in the group during the period.' })
  activeMembers!: number;

  @Field(() => [CohortRetention], { description: 'Weekly cohorts of first-time joiners in the period, oldest first; at most 54 (a period is at most 366 days).' })
  retention!: CohortRetention[];

  @Field(() => [DailyActivity], { description: 'One row per UTC day of the period up to today, days without activity included; at most 367 (a period is at most 366 days).' })
  daily!: DailyActivity[];

  @Field(() => [Contributor], { description: 'The members who contributed most in the period, highest score first (ties by user id); at most 10, only those who scored.' })
  topContributors!: Contributor[];

  @Field(() => Int, { description: 'Live orders attributed to the group in the period, leaving out those held by an open or confirmed fraud flag, over the days not withheld (see DailyActivity.orders).' })
  orders!: number;

  @Field(() => [Money], { description: `GMV of those orders, one Money per currency in currency order; empty when there were none. ${PER_CURRENCY_BOUND}` })
  gmv!: Money[];

  @Field(() => [GroupLevelCount], { description: 'How many current members are at each member level now (GroupMember.level, from lifetime contribution, not the period), levels 1 to 10 in order, empty levels included; at most 10 (one per level).' })
  levelDistribution!: GroupLevelCount[];
}

/** What a live group event is about; the values of GroupActivityEvent['kind'] (src/events/bus.ts). */
export enum GroupActivityKind {
  NOTE_POSTED = 'NOTE_POSTED',
  COMMENT_ADDED = 'COMMENT_ADDED',
  MEMBER_JOINED = 'MEMBER_JOINED',
  MEMBER_LEFT = 'MEMBER_LEFT',
  ROLE_CHANGED = 'ROLE_CHANGED',
  ANNOUNCEMENT = 'ANNOUNCEMENT',
  EVENT_CREATED = 'EVENT_CREATED',
  GROUP_BUY_PROGRESS = 'GROUP_BUY_PROGRESS',
  MODERATION = 'MODERATION',
}
registerEnumType(GroupActivityKind, {
  name: 'GroupActivityKind',
  description: 'What happened in a group.',
  valuesConfig: {
    NOTE_POSTED: { description: 'A member posted a note (noteId).' },
    COMMENT_ADDED: { description: 'A comment on a note of the group (noteId, commentId).' },
    MEMBER_JOINED: { description: 'subjectUser joined, or was approved by actor.' },
    MEMBER_LEFT: { description: 'subjectUser left, was removed or banned.' },
    ROLE_CHANGED: { description: "subjectUser's role changed; detail is the new role." },
    ANNOUNCEMENT: { description: 'An admin posted an announcement (noteId).' },
    EVENT_CREATED: { description: 'A group event was created (eventId).' },
    GROUP_BUY_PROGRESS: { description: 'A group buy of the group moved (groupBuyId); detail is its status.' },
    MODERATION: { description: 'A moderation action (moderators only); detail is the action.' },
  },
});

@ObjectType({ description: 'Something that happened in a group, pushed live to its subscribers.' })
export class GroupActivity {
  @Field(() => GroupActivityKind, { description: 'What happened.' })
  kind!: GroupActivityKind | GroupActivityEvent['kind'];

  @Field(() => ID, { description: 'The id of the group it happened in (the groupId subscribed to), for clients that need no object.' })
  groupId!: string;

  @Field(() => User, { nullable: true, description: 'Who did it, when someone did.' })
  actor!: UserRecord | null;

  @Field(() => User, { nullable: true, description: 'Who it was done to (a joiner, a member whose role changed).' })
  subjectUser!: UserRecord | null;

  @Field(() => ID, { nullable: true, description: 'The id of the note it is about (NOTE_POSTED, COMMENT_ADDED, ANNOUNCEMENT), else null; `note` is the object.' })
  noteId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of the comment it is about (COMMENT_ADDED), else null; `comment` is the object.' })
  commentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of the group event it is about (EVENT_CREATED), else null; `event` is the object.' })
  eventId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of the group buy it is about (GROUP_BUY_PROGRESS), else null; `groupBuy` is the object.' })
  groupBuyId!: string | null;

  @Field(() => String, { nullable: true, description: 'A role, a moderation action or a group-buy status, depending on kind.' })
  detail!: string | null;

  @Field(() => DateTimeISOResolver, { description: 'When it happened.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A user who asked to join a CLOSED group and waits for a moderator (decideJoinRequest answers it).' })
export class JoinRequest {
  @Field(() => User, { description: 'Who asked.' })
  user!: UserRecord;

  @Field(() => String, { description: 'Their note to the moderators; empty when they wrote none.' })
  message!: string;

  @Field(() => DateTimeISOResolver, { description: 'When they asked.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A join request in a page of them.' })
export class JoinRequestEdge {
  @Field(() => String, { description: 'Where this request is in the list, for `after`.' })
  cursor!: string;

  @Field(() => JoinRequest, { description: 'The request.' })
  node!: JoinRequest;
}

@ObjectType({ description: "A page of a group's pending join requests, oldest first." })
export class JoinRequestConnection {
  @Field(() => [JoinRequestEdge], { description: 'The requests of this page, with cursors.' })
  edges!: JoinRequestEdge[];

  @Field(() => [JoinRequest], { description: 'The nodes of edges, for clients that need no cursors.' })
  nodes!: JoinRequest[];

  @Field(() => PageInfo, { description: 'Whether more requests follow, and the cursors of this page.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many requests wait in all, not just this page.' })
  totalCount!: Lazy<number>;
}
