import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User, UserRecord } from '../accounts/types';
import { Lazy, PageInfo } from '../common/connection';
import { Money } from '../common/money';
import { GroupPermission, GroupRole } from './permissions';
import type { GroupActivityEvent } from '../events/bus';

export enum GroupVisibility {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  SECRET = 'SECRET',
}
registerEnumType(GroupVisibility, {
  name: 'GroupVisibility',
  description: 'OPEN: anyone joins. CLOSED: visible to all, joined by request or invite; content for members. SECRET: invisible to non-members, joined by invite.',
});
registerEnumType(GroupRole, { name: 'GroupRole', description: 'OWNER > ADMIN > MODERATOR > MEMBER.' });
registerEnumType(GroupPermission, { name: 'GroupPermission' });

export enum RsvpStatus {
  GOING = 'GOING',
  MAYBE = 'MAYBE',
  NO = 'NO',
}
registerEnumType(RsvpStatus, { name: 'RsvpStatus' });

export enum EventMode {
  ONLINE = 'ONLINE',
  OFFLINE = 'OFFLINE',
}
registerEnumType(EventMode, { name: 'EventMode' });

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

@ObjectType({ description: 'A community (社群): a brand fan group, an interest circle, a private customer group.' })
export class Group {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => GroupVisibility)
  visibility!: GroupVisibility;

  @Field({ description: 'The rules members accept when they join.' })
  rules!: string;

  @Field({ description: 'Notes and comments matching the sensitive-word list wait for a moderator.' })
  premoderation!: boolean;

  @Field(() => Int)
  memberCount!: number;
}

@ObjectType()
export class GroupMember {
  /** The group of the membership; not a field, but what the private-field rule of mutedUntil needs. */
  groupId!: string;

  @Field(() => User)
  user!: UserRecord;

  @Field(() => GroupRole)
  role!: GroupRole;

  @Field(() => DateTimeISOResolver)
  joinedAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true })
  mutedUntil!: Date | null;
}

@ObjectType()
export class GroupMemberEdge {
  @Field()
  cursor!: string;

  @Field(() => GroupMember)
  node!: GroupMember;
}

@ObjectType()
export class GroupMemberConnection {
  @Field(() => [GroupMemberEdge])
  edges!: GroupMemberEdge[];

  @Field(() => [GroupMember])
  nodes!: GroupMember[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: Lazy<number>;
}

@ObjectType()
export class GroupEvent {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => EventMode)
  mode!: EventMode;

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field(() => Int)
  going!: number;

  @Field(() => Int)
  maybe!: number;
}

@ObjectType()
export class CohortRetention {
  @Field(() => DateTimeISOResolver, { description: 'Start of the week the cohort joined.' })
  weekStart!: Date;

  @Field(() => Int)
  size!: number;

  @Field(() => [Float], { description: 'Share of the cohort still members 1, 2, 3 and 4 weeks after their week (only weeks that have ended).' })
  retained!: number[];
}

@ObjectType()
export class DailyActivity {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Int)
  posts!: number;

  @Field(() => Int)
  comments!: number;

  @Field(() => Int)
  likes!: number;

  @Field(() => Int, { description: 'Current members who posted, commented or liked in the group that day.' })
  activeMembers!: number;

  @Field(() => Int, { description: 'Joins that day (a rejoin counts again).' })
  joined!: number;

  @Field(() => Int, { description: 'Leaves, removals and bans that day.' })
  left!: number;

  @Field(() => Int, { description: 'Members at the end of the day.' })
  members!: number;

  @Field(() => Int, { nullable: true, description: 'Live orders attributed to the group that day; null when withheld: for all but staff, a day of fewer than 3 distinct buyers.' })
  orders!: number | null;

  @Field(() => [Money], { nullable: true, description: `GMV of those orders, one Money per currency in currency order (empty on a day without orders); null when the day is withheld. ${PER_CURRENCY_BOUND}` })
  gmv!: Money[] | null;
}

@ObjectType()
export class Contributor {
  @Field(() => User)
  user!: UserRecord;

  @Field(() => Float, { description: '3 × posts + 1 × comments received + 1 × likes received + 5 × invites.' })
  score!: number;

  @Field(() => Int)
  posts!: number;

  @Field(() => Int)
  commentsReceived!: number;

  @Field(() => Int)
  likesReceived!: number;

  @Field(() => Int)
  invites!: number;

  @Field(() => Int, { deprecationReason: "Always 0: a member's purchases are private. The group's orders and GMV are in GroupStats.orders and gmv." })
  purchases!: number;
}

@ObjectType()
export class GroupStats {
  @Field(() => Int)
  newMembers!: number;

  @Field(() => Int)
  leftMembers!: number;

  @Field(() => Int)
  totalMembers!: number;

  @Field(() => Int, { description: 'Members who posted, commented or liked in the group during the period.' })
  activeMembers!: number;

  @Field(() => [CohortRetention])
  retention!: CohortRetention[];

  @Field(() => [DailyActivity])
  daily!: DailyActivity[];

  @Field(() => [Contributor])
  topContributors!: Contributor[];

  @Field(() => Int, { description: 'Live orders attributed to the group in the period, over the days not withheld (see DailyActivity.orders).' })
  orders!: number;

  @Field(() => [Money], { description: `GMV of those orders, one Money per currency in currency order; empty when there were none. ${PER_CURRENCY_BOUND}` })
  gmv!: Money[];
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

  @Field(() => ID, { description: 'The group it happened in.' })
  groupId!: string;

  @Field(() => User, { nullable: true, description: 'Who did it, when someone did.' })
  actor!: UserRecord | null;

  @Field(() => User, { nullable: true, description: 'Who it was done to (a joiner, a member whose role changed).' })
  subjectUser!: UserRecord | null;

  @Field(() => ID, { nullable: true, description: 'The note it is about, if any.' })
  noteId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The comment it is about, if any.' })
  commentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The group event it is about, if any.' })
  eventId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The group buy it is about, if any.' })
  groupBuyId!: string | null;

  @Field(() => String, { nullable: true, description: 'A role, a moderation action or a group-buy status, depending on kind.' })
  detail!: string | null;

  @Field(() => DateTimeISOResolver, { description: 'When it happened.' })
  at!: Date;
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
