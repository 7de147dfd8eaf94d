import { claimIdempotencyKey } from '../db/idempotency';
import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import type { DbScope, Tx } from '../db/database';
import type { Money } from '../common/money';
import type { Position } from '../common/pagination';
import type { KeyedId } from '../content/repository';
import type { GroupRole, Standing, Visibility } from './permissions';
import type { GroupEventRecord, GroupRecord } from './types';

const q = {
  nameTaken: cypher('groups/owner-group-name-taken'),
  createGroup: cypher('groups/create-group'),
  updateGroup: cypher('groups/update-group'),
  archiveGroup: cypher('groups/archive-group'),
  groupsByIds: cypher('groups/groups-by-ids'),
  viewerMemberships: cypher('groups/viewer-memberships'),
  lockGroup: cypher('groups/lock-group'),
  addMember: cypher('groups/add-member'),
  requestToJoin: cypher('groups/request-to-join'),
  denyRequest: cypher('groups/deny-request'),
  invite: cypher('groups/invite'),
  removeMember: cypher('groups/remove-member'),
  ban: cypher('groups/ban'),
  unban: cypher('groups/unban'),
  setMemberRole: cypher('groups/set-member-role'),
  mute: cypher('groups/mute'),
  membersPage: cypher('groups/members-page'),
  membershipsByIds: cypher('groups/memberships-by-ids'),
  countMembers: cypher('groups/count-members'),
  joinRequestsPage: cypher('groups/join-requests-page'),
  countJoinRequests: cypher('groups/count-join-requests'),
  groupsPage: cypher('groups/groups-page'),
  countGroups: cypher('groups/count-groups'),
  myGroups: cypher('groups/my-groups'),
  countMyGroups: cypher('groups/count-my-groups'),
  groupFeed: cypher('groups/group-feed'),
  countGroupFeed: cypher('groups/count-group-feed'),
  setPinned: cypher('groups/set-pinned'),
  createEvent: cypher('groups/create-event'),
  eventsByIds: cypher('groups/events-by-ids'),
  groupEvents: cypher('groups/group-events'),
  countGroupEvents: cypher('groups/count-group-events'),
  rsvp: cypher('groups/rsvp'),
  attendees: cypher('groups/attendees'),
  countAttendees: cypher('groups/count-attendees'),
  viewerRsvps: cypher('groups/viewer-rsvps'),
  statsMembership: cypher('groups/stats-membership'),
  statsActivity: cypher('groups/stats-activity'),
  statsContributors: cypher('groups/stats-contributors'),
  statsOrders: cypher('groups/stats-orders'),
  member: cypher('groups/member'),
  memberContributions: cypher('groups/member-contributions'),
  levelDistribution: cypher('groups/level-distribution'),
  memberLevelUnderLock: cypher('groups/member-level-under-lock'),
  setLevelRights: cypher('groups/set-level-rights'),
};

/** The counts a contribution score weighs (src/groups/stats.ts contributionScore). */
export interface Contribution {
  posts: number;
  commentsReceived: number;
  likesReceived: number;
  invites: number;
  purchases: number;
}

/** A member's standing for a level right, read under the group's lock (groups/member-level-under-lock). */
export interface LockedLevelStanding {
  postWithoutPremoderationFromLevel: number | null;
  startGroupBuyFromLevel: number | null;
  role: GroupRole | null;
  mutedUntil: number | null;
  /** Null for a non-member. */
  contribution: Contribution | null;
}

export interface LockedStanding extends Standing {
  visibility: Visibility;
  archived: boolean;
  owners: number;
  /** The acting user's role, read under the same lock. */
  actorRole: GroupRole | null;
}

export interface MemberRow {
  id: string;
  role: GroupRole;
  joinedAt: number;
  mutedUntil: number | null;
  rank: number;
}

export class GroupRepository {
  constructor(private readonly db: DbScope) {}

  /**
   * Creates a group unless its owner already has a live group of that name (checked under the
   * owner's lock), and answers its id; null when the name is taken. A retry with the same
   * idempotency key answers the first group's id.
   */
  async create(args: { id: string; ownerId: string; name: string; description: string; visibility: string; rules: string; premoderation: boolean; topics: string[]; now: number }, idempotencyKey: string | null = null): Promise<string | null> {
    return this.db.writeTx(async (tx) => {
      const { id: _id, now: _now, ownerId: _ownerId, ...input } = args;
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId: args.ownerId, operation: 'createGroup', key: idempotencyKey, input }) : null;
      if (claim && !claim.fresh) return claim.resultId;
      const [row] = await tx.run<{ taken: boolean }>(q.nameTaken, { ownerId: args.ownerId, nameLower: args.name.toLowerCase(), exceptId: '' });
      if (row?.taken) return null;
      await tx.run(q.createGroup, args);
      await claim?.complete(args.id);
      return args.id;
    });
  }

  /** Runs in the caller's transaction, which holds the group's lock and has checked the editor's role under it. */
  static async update(tx: Tx, args: Record<string, unknown> & { id: string; ownerId: string | null; name: string | null; now: number }) {
    if (args.name && args.ownerId) {
      const [row] = await tx.run<{ taken: boolean }>(q.nameTaken, { ownerId: args.ownerId, nameLower: args.name.toLowerCase(), exceptId: args.id });
      if (row?.taken) return 'TAKEN' as const;
    }
    return (await tx.run(q.updateGroup, args)).length ? ('OK' as const) : ('MISSING' as const);
  }

  static async archive(tx: Tx, id: string, now: number) {
    return (await tx.run(q.archiveGroup, { id, now })).length > 0;
  }

  async groupsByIds(ids: readonly string[]): Promise<GroupRecord[]> {
    return (await this.db.read<{ grp: GroupRecord }>(q.groupsByIds, { ids })).map((r) => r.grp);
  }

  async viewerMemberships(viewerId: string, ids: readonly string[]) {
    return this.db.read<Standing & { id: string }>(q.viewerMemberships, { viewerId, ids });
  }

  /**
   * Runs work on a group's membership with the group write-locked, and the user's standing and the
   * actor's role read after the lock.
   */
  async withLockedGroup<T>(groupId: string, actorId: string, userId: string, work: (tx: Tx, standing: LockedStanding) => Promise<T>): Promise<T | null> {
    return this.db.writeTx(async (tx) => {
      const [standing] = await tx.run<LockedStanding>(q.lockGroup, { groupId, userId, actorId });
      if (!standing) return null;
      return work(tx, standing);
    });
  }

  static addMember(tx: Tx, groupId: string, userId: string, via: string | null, now: number) {
    return tx.run<{ memberCount: number }>(q.addMember, { groupId, userId, via, now });
  }

  static requestToJoin(tx: Tx, groupId: string, userId: string, message: string, now: number) {
    return tx.run(q.requestToJoin, { groupId, userId, message, now });
  }

  static denyRequest(tx: Tx, groupId: string, userId: string) {
    return tx.run<{ removed: number }>(q.denyRequest, { groupId, userId });
  }

  static invite(tx: Tx, groupId: string, userId: string, byId: string, now: number) {
    return tx.run(q.invite, { groupId, userId, byId, now });
  }

  static removeMember(tx: Tx, groupId: string, userId: string, reason: string, now: number) {
    return tx.run(q.removeMember, { groupId, userId, reason, now });
  }

  static ban(tx: Tx, groupId: string, userId: string, byId: string, reason: string, now: number) {
    return tx.run(q.ban, { groupId, userId, byId, reason, now });
  }

  static unban(tx: Tx, groupId: string, userId: string) {
    return tx.run(q.unban, { groupId, userId });
  }

  static setRole(tx: Tx, groupId: string, userId: string, role: GroupRole) {
    return tx.run(q.setMemberRole, { groupId, userId, role });
  }

  static mute(tx: Tx, groupId: string, userId: string, until: number | null) {
    return tx.run(q.mute, { groupId, userId, until });
  }

  async memberships(keys: readonly { groupId: string; userId: string }[]): Promise<(Omit<MemberRow, 'rank'> & { groupId: string })[]> {
    return this.db.read(q.membershipsByIds, { keys });
  }

  async membersPage(groupId: string, role: string | null, after: { rank: number; key: number; id: string } | null, limit: number): Promise<MemberRow[]> {
    return this.db.read<MemberRow>(q.membersPage, {
      groupId, role, afterRank: after?.rank ?? null, afterKey: after?.key ?? null, afterId: after?.id ?? null, limit,
    });
  }

  async member(groupId: string, userId: string): Promise<MemberRow | null> {
    const [row] = await this.db.read<MemberRow>(q.member, { groupId, userId });
    return row ?? null;
  }

  /** A page of a group's pending join requests, oldest first; `key` is when the request was made. */
  async joinRequestsPage(groupId: string, after: Position | null, limit: number) {
    return this.db.read<KeyedId & { message: string }>(q.joinRequestsPage, { groupId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countJoinRequests(groupId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countJoinRequests, { groupId });
    return row?.total ?? 0;
  }

  async countMembers(groupId: string, role: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countMembers, { groupId, role });
    return row?.total ?? 0;
  }

  async groupsPage(viewerId: string | null, search: string | null, topic: string | null, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.groupsPage, { viewerId, search, topic, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countGroups(viewerId: string | null, search: string | null, topic: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countGroups, { viewerId, search, topic });
    return row?.total ?? 0;
  }

  /** A page of the viewer's live groups, last joined first (`key` is when they joined); `roles` keeps those where they hold one. */
  async myGroups(viewerId: string, roles: GroupRole[] | null, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.myGroups, { viewerId, roles, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countMyGroups(viewerId: string, roles: GroupRole[] | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countMyGroups, { viewerId, roles });
    return row?.total ?? 0;
  }

  async groupFeed(groupId: string, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.groupFeed, { groupId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countGroupFeed(groupId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countGroupFeed, { groupId });
    return row?.total ?? 0;
  }

  static async setPinned(tx: Tx, groupId: string, noteId: string, pin: boolean) {
    await tx.run(q.setPinned, { groupId, noteId, pin });
  }

  static async createEvent(tx: Tx, args: { id: string; groupId: string; userId: string; title: string; description: string; startsAt: number; mode: string; location: string | null; now: number }) {
    await tx.run(q.createEvent, args);
  }

  async eventsByIds(ids: readonly string[]): Promise<GroupEventRecord[]> {
    return (await this.db.read<{ event: GroupEventRecord }>(q.eventsByIds, { ids })).map((r) => r.event);
  }

  /**
   * A page of a group's events: from `from` on, soonest first, or (`past`) those before it, latest
   * first; `key` is the start time, negated for past events.
   */
  async groupEvents(groupId: string, window: { from: number; past: boolean }, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.groupEvents, { groupId, from: window.from, past: window.past, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countGroupEvents(groupId: string, window: { from: number; past: boolean }): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countGroupEvents, { groupId, from: window.from, past: window.past });
    return row?.total ?? 0;
  }

  async rsvp(eventId: string, userId: string, status: string, now: number) {
    await this.db.write(q.rsvp, { eventId, userId, status, now });
  }

  /** A page of who answered an event with `status`, first answers first (`key` is when they answered). */
  async attendees(eventId: string, status: string, after: Position | null, limit: number) {
    return this.db.read<KeyedId>(q.attendees, { eventId, status, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countAttendees(eventId: string, status: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countAttendees, { eventId, status });
    return row?.total ?? 0;
  }

  async viewerRsvps(viewerId: string, ids: readonly string[]) {
    return this.db.read<{ id: string; status: string | null }>(q.viewerRsvps, { viewerId, ids });
  }

  /** Each member's lifetime contribution to their group, by `<groupId>:<userId>`; non-members are missing. */
  async memberContributions(keys: readonly { groupId: string; userId: string }[]): Promise<Map<string, Contribution>> {
    const rows = await this.db.read<{ groupId: string; userId: string; contribution: Contribution }>(q.memberContributions, { keys });
    return new Map(rows.map((r) => [`${r.groupId}:${r.userId}`, r.contribution]));
  }

  /** Every current member's lifetime contribution to the group. */
  async memberContributionsOfGroup(groupId: string): Promise<Contribution[]> {
    return (await this.db.read<{ contribution: Contribution }>(q.levelDistribution, { groupId })).map((r) => r.contribution);
  }

  /** Locks the group in the caller's transaction and reads its level rights and the user's standing; null for an unknown group. */
  static async memberLevelUnderLock(tx: Tx, groupId: string, userId: string): Promise<LockedLevelStanding | null> {
    const [row] = await tx.run<LockedLevelStanding>(q.memberLevelUnderLock, { groupId, userId });
    return row ?? null;
  }

  /** Sets the group's level rights and audits the change (run under the group's lock). */
  static async setLevelRights(tx: Tx, args: { groupId: string; postWithoutPremoderationFromLevel: number | null; startGroupBuyFromLevel: number | null; actorId: string; now: number; auditId: string }): Promise<boolean> {
    return (await tx.run<{ id: string }>(q.setLevelRights, args)).length > 0;
  }

  async stats(groupId: string, from: number, to: number) {
    const [membership, activity, contributors, orders] = await Promise.all([
      this.db.read<{ userId: string; firstJoined: number; joins: number[]; leaves: number[]; member: boolean; joinsInPeriod: number; leavesInPeriod: number }>(q.statsMembership, { groupId, from, to }),
      this.db.read<{ kind: 'POST' | 'COMMENT' | 'LIKE'; userId: string; at: number }>(q.statsActivity, { groupId, from, to }),
      this.db.read<{ userId: string; posts: number; commentsReceived: number; likesReceived: number; invites: number; purchases: number }>(q.statsContributors, { groupId, from, to }),
      this.db.read<GroupOrderDay>(q.statsOrders, { groupId, from, to }),
    ]);
    return { membership, activity, contributors, ordersByDay: orders };
  }
}

/** One UTC day of the group's orders: how many, from how many buyers, and their GMV per currency. */
export interface GroupOrderDay {
  dayStart: number;
  orders: number;
  buyers: number;
  gmv: Money[];
}

/** The groups repository of a request, over its counted DbScope (made once per request). */
export function groupRepository(scope: RequestScope): GroupRepository {
  return scope.slot('groups.repository', () => new GroupRepository(scope.db));
}
