import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { MutationPayload } from '../common/user-errors';
import { User, type UserRecord } from '../accounts/types';
import { Note, type NoteRecord } from '../content/types';
import { GroupRole } from './permissions';
import { EventMode, Group, GroupEvent, GroupMember, GroupVisibility, RsvpStatus, type GroupEventRecord, type GroupRecord } from './types';

const IDEMPOTENCY_KEY = (what: string) =>
  `Retrying with the same key and the same input returns the first ${what}; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.`;

/** How a join ended: in at once, or waiting for a moderator. */
export enum JoinStatus {
  JOINED = 'JOINED',
  REQUESTED = 'REQUESTED',
}
registerEnumType(JoinStatus, {
  name: 'JoinStatus',
  description: 'How a joinGroup ended.',
  valuesConfig: {
    JOINED: { description: 'The viewer is a member (also when they already were).' },
    REQUESTED: { description: 'The group is CLOSED: the request waits for a moderator (decideJoinRequest).' },
  },
});

/** A moderator's answer to a join request. */
export enum JoinRequestDecision {
  APPROVE = 'APPROVE',
  DENY = 'DENY',
}
registerEnumType(JoinRequestDecision, {
  name: 'JoinRequestDecision',
  description: "A moderator's answer to a join request.",
  valuesConfig: {
    APPROVE: { description: 'The requester becomes a member.' },
    DENY: { description: 'The request is dropped; the user may ask again.' },
  },
});

@InputType({ description: 'A new group, owned by the viewer.' })
export class CreateGroupInput {
  @Field(() => String, { description: '3 to 60 characters, unique among your groups.' })
  @MaxLength(120)
  name!: string;

  @Field(() => String, { defaultValue: '', description: 'What the group is about, at most 2,000 characters.' })
  @MaxLength(4000)
  description!: string;

  @Field(() => GroupVisibility, { defaultValue: GroupVisibility.OPEN, description: 'Who sees and joins the group.' })
  visibility!: GroupVisibility;

  @Field(() => String, { defaultValue: '', description: 'The rules members accept when they join, at most 4,000 characters.' })
  @MaxLength(8000)
  rules!: string;

  @Field(() => [String], { defaultValue: [], description: 'Topics the group is listed under.' })
  topics!: string[];

  @Field(() => Boolean, { defaultValue: false, description: 'Whether notes and comments matching the sensitive-word list wait for a moderator.' })
  isPremoderated!: boolean;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY('group') })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a group (admins and above); only the fields given change.' })
export class UpdateGroupInput {
  @Field(() => ID, { description: 'The group to change.' })
  groupId!: string;

  @Field(() => String, { nullable: true, description: '3 to 60 characters, unique among the owner\'s groups.' })
  @MaxLength(120)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 2,000 characters.' })
  @MaxLength(4000)
  description?: string | null;

  @Field(() => GroupVisibility, { nullable: true, description: 'Who sees and joins the group.' })
  visibility?: GroupVisibility | null;

  @Field(() => String, { nullable: true, description: 'At most 4,000 characters.' })
  @MaxLength(8000)
  rules?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the group\'s topics.' })
  topics?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'True: matching notes and comments wait for a moderator; false: they publish at once. Unchanged when omitted.' })
  isPremoderated?: boolean | null;
}

@InputType({ description: 'The group to act on.' })
export class GroupIdInput {
  @Field(() => ID, { description: 'The group.' })
  groupId!: string;
}

@InputType({ description: 'The group the owner archives.' })
export class ArchiveGroupInput extends GroupIdInput {}

@InputType({ description: 'The group the viewer leaves.' })
export class LeaveGroupInput extends GroupIdInput {}

@InputType({ description: 'A group the viewer joins, accepting its rules.' })
export class JoinGroupInput extends GroupIdInput {
  @Field(() => Boolean, { description: 'Must be true: the viewer accepts the group\'s rules.' })
  acceptRules!: boolean;

  @Field(() => String, { nullable: true, description: 'A note to the moderators with a request to a CLOSED group, at most 500 characters.' })
  message?: string | null;
}

@InputType({ description: 'A group and one of its members or users.' })
export class GroupUserInput extends GroupIdInput {
  @Field(() => ID, { description: 'The user acted on.' })
  userId!: string;
}

@InputType({ description: 'A user a moderator invites into the group.' })
export class InviteToGroupInput extends GroupUserInput {}

@InputType({ description: 'A pending join request and the moderator\'s answer.' })
export class DecideJoinRequestInput extends GroupUserInput {
  @Field(() => JoinRequestDecision, { description: 'Approve or deny the request.' })
  decision!: JoinRequestDecision;
}

@InputType({ description: 'A user an admin bans from the group.' })
export class BanMemberInput extends GroupUserInput {
  @Field(() => String, { defaultValue: '', description: 'Why, kept with the ban; at most 500 characters.' })
  reason!: string;
}

@InputType({ description: 'A banned user an admin lets back in (they may join again).' })
export class UnbanMemberInput extends GroupUserInput {}

@InputType({ description: 'A member a moderator mutes for a while.' })
export class MuteMemberInput extends GroupUserInput {
  @Field(() => Int, { description: 'How long, in minutes: 1 to 43200.' })
  durationMinutes!: number;
}

@InputType({ description: 'A member an admin removes without banning.' })
export class RemoveMemberInput extends GroupUserInput {}

@InputType({ description: 'A member and the role they get.' })
export class SetGroupRoleInput extends GroupUserInput {
  @Field(() => GroupRole, { description: 'A role below the actor\'s own (OWNER goes by transferOwnership).' })
  role!: GroupRole;
}

@InputType({ description: 'The member the owner hands the group to.' })
export class TransferOwnershipInput extends GroupUserInput {}

@InputType({ description: 'A note of the group to pin or unpin.' })
export class PinNoteInput extends GroupIdInput {
  @Field(() => ID, { description: 'A note posted in the group.' })
  noteId!: string;

  @Field(() => Boolean, { description: 'True pins, false unpins.' })
  pinned!: boolean;
}

@InputType({ description: 'An announcement an admin posts in the group.' })
export class PostAnnouncementInput extends GroupIdInput {
  @Field(() => String, { description: 'The announcement\'s title.' })
  title!: string;

  @Field(() => String, { description: 'The announcement\'s text.' })
  body!: string;

  @Field(() => Boolean, { defaultValue: true, description: 'Whether it is pinned to the group.' })
  pin!: boolean;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY('announcement') })
  idempotencyKey?: string | null;
}

@InputType({ description: 'A new event of a group (moderators and above).' })
export class CreateGroupEventInput extends GroupIdInput {
  @Field(() => String, { description: '1 to 100 characters.' })
  @MaxLength(200)
  title!: string;

  @Field(() => String, { defaultValue: '', description: 'At most 2,000 characters.' })
  @MaxLength(4000)
  description!: string;

  @Field(() => DateTimeISOResolver, { description: 'When it starts; in the future.' })
  startsAt!: Date;

  @Field(() => EventMode, { description: 'Online or in person.' })
  mode!: EventMode;

  @Field(() => String, { nullable: true, description: 'Where; required for OFFLINE events, at most 200 characters.' })
  @MaxLength(300)
  location?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY('event') })
  idempotencyKey?: string | null;
}

@InputType({ description: 'A member\'s answer to an event.' })
export class RsvpInput {
  @Field(() => ID, { description: 'The event.' })
  eventId!: string;

  @Field(() => RsvpStatus, { description: 'GOING, MAYBE or NO.' })
  status!: RsvpStatus;
}

@ObjectType({ description: 'The result of createGroup.' })
export class CreateGroupPayload extends MutationPayload {
  @Field(() => Group, { nullable: true, description: 'The new group; null when refused.' })
  group!: GroupRecord | null;
}

@ObjectType({ description: 'The result of updateGroup.' })
export class UpdateGroupPayload extends MutationPayload {
  @Field(() => Group, { nullable: true, description: 'The group as changed; null when refused.' })
  group!: GroupRecord | null;
}

@InputType({ description: "A group's level rights (admins and above): from which member level (1 to 10, GroupMember.level) members skip pre-moderation and may start group buys. Both are set at once; send the current value of the one you keep (Group.levelRights)." })
export class UpdateGroupLevelRightsInput {
  @Field(() => ID, { description: 'The group to change.' })
  groupId!: string;

  @Field(() => Int, { nullable: true, description: "Members at this level or above post notes and comments, and edit notes, without pre-moderation holding them (when the group is pre-moderated); 1 to 10. Null: no member skips pre-moderation by level." })
  postWithoutPremoderationFromLevel?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only members at this level or above may start a group buy in the group (startGroupBuy with its groupId); 1 to 10. Null: every member may.' })
  startGroupBuyFromLevel?: number | null;
}

@ObjectType({ description: 'The result of updateGroupLevelRights.' })
export class UpdateGroupLevelRightsPayload extends MutationPayload {
  @Field(() => Group, { nullable: true, description: 'The group with its new levelRights; null when refused.' })
  group!: GroupRecord | null;
}

@ObjectType({ description: 'The result of archiveGroup.' })
export class ArchiveGroupPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The archived group\'s id (it no longer answers lookups); null when refused.' })
  archivedGroupId!: string | null;
}

@ObjectType({ description: 'The result of joinGroup.' })
export class JoinGroupPayload extends MutationPayload {
  @Field(() => JoinStatus, { nullable: true, description: 'JOINED, or REQUESTED when a CLOSED group needs a moderator to approve; null when refused.' })
  status!: JoinStatus | null;

  @Field(() => Group, { nullable: true, description: 'The group; null when refused.' })
  group!: GroupRecord | null;
}

@ObjectType({ description: 'The result of leaveGroup.' })
export class LeaveGroupPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The group the viewer left; null when refused.' })
  leftGroupId!: string | null;
}

@ObjectType({ description: 'The result of a mutation on a group and one of its users.' })
export abstract class GroupUserPayload extends MutationPayload {
  @Field(() => Group, { nullable: true, description: 'The group; null when refused.' })
  group!: GroupRecord | null;

  @Field(() => User, { nullable: true, description: 'The user acted on; null when refused.' })
  user!: UserRecord | null;
}

@ObjectType({ description: 'The result of inviteToGroup.' })
export class InviteToGroupPayload extends GroupUserPayload {}

@ObjectType({ description: 'The result of decideJoinRequest.' })
export class DecideJoinRequestPayload extends GroupUserPayload {}

@ObjectType({ description: 'The result of banMember.' })
export class BanMemberPayload extends GroupUserPayload {}

@ObjectType({ description: 'The result of unbanMember.' })
export class UnbanMemberPayload extends GroupUserPayload {}

@ObjectType({ description: 'The result of muteMember.' })
export class MuteMemberPayload extends GroupUserPayload {}

@ObjectType({ description: 'The result of removeMember.' })
export class RemoveMemberPayload extends GroupUserPayload {}

@ObjectType({ description: 'The result of setGroupRole.' })
export class SetGroupRolePayload extends MutationPayload {
  @Field(() => GroupMember, { nullable: true, description: 'The membership with its new role; null when refused.' })
  member!: GroupMember | null;
}

@ObjectType({ description: 'The result of transferOwnership.' })
export class TransferOwnershipPayload extends MutationPayload {
  @Field(() => Group, { nullable: true, description: 'The group under its new owner; null when refused.' })
  group!: GroupRecord | null;
}

@ObjectType({ description: 'The result of pinNote.' })
export class PinNotePayload extends MutationPayload {
  @Field(() => Group, { nullable: true, description: 'The group with its pins; null when refused.' })
  group!: GroupRecord | null;
}

@ObjectType({ description: 'The result of postAnnouncement.' })
export class PostAnnouncementPayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The announcement; null when refused.' })
  note!: NoteRecord | null;
}

@ObjectType({ description: 'The result of createGroupEvent.' })
export class CreateGroupEventPayload extends MutationPayload {
  @Field(() => GroupEvent, { nullable: true, description: 'The new event; null when refused.' })
  event!: GroupEventRecord | null;
}

@ObjectType({ description: 'The result of rsvp.' })
export class RsvpPayload extends MutationPayload {
  @Field(() => GroupEvent, { nullable: true, description: 'The event with its new counts; null when refused.' })
  event!: GroupEventRecord | null;
}
