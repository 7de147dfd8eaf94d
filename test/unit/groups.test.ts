import { can, canAssign, canSanction, canSeeContent, canSeeGroup, canTransferOwnership, GroupPermission, GroupRole, joinDecision, outranks, Standing } from '../../src/groups/permissions';
import { contributionScore, dailySeries, weeklyRetention } from '../../src/groups/stats';
import { matchSensitive } from '../../src/moderation/rules';

const none: Standing = { role: null, mutedUntil: null, banned: false, invited: false, requested: false };
const as = (role: GroupRole | null, extra: Partial<Standing> = {}): Standing => ({ ...none, role, ...extra });

describe('the permission matrix', () => {
  const table: [GroupPermission, GroupRole][] = [
    [GroupPermission.POST, GroupRole.MEMBER],
    [GroupPermission.POST_ANNOUNCEMENT, GroupRole.ADMIN],
    [GroupPermission.APPROVE_REQUESTS, GroupRole.MODERATOR],
    [GroupPermission.MODERATE_CONTENT, GroupRole.MODERATOR],
    [GroupPermission.MUTE, GroupRole.MODERATOR],
    [GroupPermission.BAN, GroupRole.ADMIN],
    [GroupPermission.CHANGE_ROLES, GroupRole.ADMIN],
    [GroupPermission.EDIT_GROUP, GroupRole.ADMIN],
    [GroupPermission.ARCHIVE_GROUP, GroupRole.OWNER],
  ];
  const roles = [GroupRole.MEMBER, GroupRole.MODERATOR, GroupRole.ADMIN, GroupRole.OWNER];
  test.each(table)('%s starts at %s', (permission, lowest) => {
    for (const role of roles) expect(can(role, permission)).toBe(roles.indexOf(role) >= roles.indexOf(lowest));
    expect(can(null, permission)).toBe(false);
  });

  test('only an OWNER transfers ownership', () => {
    expect(canTransferOwnership(GroupRole.OWNER)).toBe(true);
    for (const role of [GroupRole.ADMIN, GroupRole.MODERATOR, GroupRole.MEMBER, null]) expect(canTransferOwnership(role)).toBe(false);
  });

  test('moderators mute, admins ban and remove, each only below their rank', () => {
    expect(canSanction(GroupRole.MODERATOR, GroupRole.MEMBER, 'MUTE')).toBe(true);
    expect(canSanction(GroupRole.MODERATOR, GroupRole.MODERATOR, 'MUTE')).toBe(false);
    expect(canSanction(GroupRole.MODERATOR, GroupRole.MEMBER, 'BAN')).toBe(false);
    expect(canSanction(GroupRole.ADMIN, GroupRole.MODERATOR, 'REMOVE')).toBe(true);
    expect(canSanction(GroupRole.ADMIN, null, 'BAN')).toBe(true);
    expect(canSanction(GroupRole.ADMIN, GroupRole.OWNER, 'BAN')).toBe(false);
    expect(canSanction(GroupRole.MEMBER, null, 'UNMUTE')).toBe(false);
    expect(canSanction(null, null, 'UNBAN')).toBe(false);
  });

  test('roles are given only below your own rank, to members below you; OWNER only by transfer', () => {
    expect(canAssign(GroupRole.ADMIN, GroupRole.MEMBER, GroupRole.MODERATOR)).toBe(true);
    expect(canAssign(GroupRole.ADMIN, GroupRole.MEMBER, GroupRole.ADMIN)).toBe(false);
    expect(canAssign(GroupRole.ADMIN, GroupRole.ADMIN, GroupRole.MEMBER)).toBe(false);
    expect(canAssign(GroupRole.OWNER, GroupRole.MEMBER, GroupRole.ADMIN)).toBe(true);
    expect(canAssign(GroupRole.OWNER, GroupRole.ADMIN, GroupRole.OWNER)).toBe(false);
    expect(canAssign(GroupRole.MODERATOR, GroupRole.MEMBER, GroupRole.MEMBER)).toBe(false);
    expect(outranks(GroupRole.MODERATOR, GroupRole.MEMBER)).toBe(true);
    expect(outranks(GroupRole.MODERATOR, GroupRole.MODERATOR)).toBe(false);
  });
});

describe('visibility and joining', () => {
  test('SECRET groups exist only for members and invitees; CLOSED content only for members', () => {
    expect(canSeeGroup('SECRET', none)).toBe(false);
    expect(canSeeGroup('SECRET', as(null, { invited: true }))).toBe(true);
    expect(canSeeGroup('CLOSED', none)).toBe(true);
    expect(canSeeContent('CLOSED', none)).toBe(false);
    expect(canSeeContent('CLOSED', as(GroupRole.MEMBER))).toBe(true);
    expect(canSeeContent('OPEN', none)).toBe(true);
  });

  test('join decisions', () => {
    expect(joinDecision('OPEN', none)).toBe('JOIN');
    expect(joinDecision('CLOSED', none)).toBe('REQUEST');
    expect(joinDecision('CLOSED', as(null, { invited: true }))).toBe('JOIN');
    expect(joinDecision('SECRET', none)).toBe('NOT_FOUND');
    expect(joinDecision('OPEN', as(null, { banned: true }))).toBe('BANNED');
    expect(joinDecision('OPEN', as(GroupRole.MEMBER))).toBe('ALREADY_MEMBER');
  });
});

describe('group statistics', () => {
  const WEEK = 7 * 24 * 3600_000;
  test('weekly cohorts keep the share still members after each ended week', () => {
    const from = 0;
    const members = [
      { firstJoined: 1000, leaves: [] },
      { firstJoined: 2000, leaves: [WEEK + 10] },
      { firstJoined: WEEK + 5, leaves: [] },
    ];
    const cohorts = weeklyRetention(members, from, 3 * WEEK, 10 * WEEK);
    expect(cohorts).toEqual([
      { weekStart: 0, size: 2, retained: [0.5, 0.5, 0.5, 0.5] },
      { weekStart: WEEK, size: 1, retained: [1, 1, 1, 1] },
    ]);
  });

  test('contribution score', () => {
    expect(contributionScore({ posts: 2, commentsReceived: 3, likesReceived: 4, invites: 1, purchases: 1 })).toBe(6 + 3 + 4 + 5 + 10);
  });

  test('the daily series has every day, members worked back from today, and active members', () => {
    const DAY = 86_400_000;
    // ann joined before the period; bo joined on day 1 and left on day 2; cy joined on day 2.
    const series = dailySeries({
      from: 0,
      to: 3 * DAY,
      now: 10 * DAY,
      memberCount: 2,
      activity: [
        { kind: 'POST', userId: 'ann', at: 0 },
        { kind: 'LIKE', userId: 'bo', at: DAY + 1000 },
        { kind: 'COMMENT', userId: 'cy', at: 2 * DAY + 5 },
        { kind: 'LIKE', userId: 'cy', at: 2 * DAY + 6 },
      ],
      membership: [
        { userId: 'ann', joins: [-5 * DAY], leaves: [], member: true },
        { userId: 'bo', joins: [DAY + 10], leaves: [2 * DAY + 10], member: false },
        { userId: 'cy', joins: [2 * DAY + 1], leaves: [], member: true },
      ],
      // The third day's orders are withheld (too few buyers): null, not zero.
      ordersByDay: [{ dayStart: DAY, orders: 2, gmv: [{ amountMinor: 900, currency: 'CNY' }, { amountMinor: 3_000_000_000, currency: 'HKD' }] }, { dayStart: 2 * DAY, orders: null, gmv: null }],
    });
    expect(series).toEqual([
      { day: '1970-01-01', posts: 1, comments: 0, likes: 0, activeMembers: 1, joined: 0, left: 0, members: 1, orders: 0, gmv: [] },
      // bo has left since, so bo's like counts but bo is not an active member.
      { day: '1970-01-02', posts: 0, comments: 0, likes: 1, activeMembers: 0, joined: 1, left: 0, members: 2, orders: 2, gmv: [{ amountMinor: 900, currency: 'CNY' }, { amountMinor: 3_000_000_000, currency: 'HKD' }] },
      { day: '1970-01-03', posts: 0, comments: 1, likes: 1, activeMembers: 1, joined: 1, left: 1, members: 2, orders: null, gmv: null },
    ]);
  });

  test('sensitive words match case-insensitively in Chinese and English', () => {
    expect(matchSensitive('全网最好的面霜，100%有效!', ['最好', '100%有效', '第一'])).toEqual(['最好', '100%有效']);
    expect(matchSensitive('The BEST cream', ['best'])).toEqual(['best']);
  });
});
