import { createHash } from 'node:crypto';
import type { RequestScope } from '../request/scope';
import { Neo4jError } from 'neo4j-driver';
import { cypher } from '../db/cypher';
import type { DbScope, Tx } from '../db/database';
import type { Role, SessionRecord, UserRecord } from './types';
import { recordSecurityEvent, type NewSecurityEvent } from '../security/events';

const q = {
  findLoginClashes: cypher('accounts/find-login-clashes'),
  createUser: cypher('accounts/create-user'),
  credentialsByLogin: cypher('accounts/credentials-by-login'),
  credentialsById: cypher('accounts/credentials-by-id'),
  usersByIds: cypher('accounts/users-by-ids'),
  userByHandle: cypher('accounts/user-by-handle'),
  interestsByUserIds: cypher('accounts/interests-by-user-ids'),
  updateProfile: cypher('accounts/update-profile'),
  setPassword: cypher('accounts/set-password'),
  searchUsers: cypher('accounts/search-users'),
  countUsers: cypher('accounts/count-users'),
  setRole: cypher('accounts/set-role'),
  purchasePrivacy: cypher('accounts/purchase-privacy'),
  openSession: cypher('accounts/open-session'),
  viewer: cypher('accounts/viewer'),
  touchSessions: cypher('accounts/touch-sessions'),
  revokeSessions: cypher('accounts/revoke-sessions'),
  sessionsPage: cypher('accounts/sessions-page'),
  sessionsByIds: cypher('accounts/sessions-by-ids'),
  countSessions: cypher('accounts/count-sessions'),
};

/** A user has at most this many live sessions; a new login revokes the least recently used beyond it. */
export const MAX_SESSIONS_PER_USER = 50;

/** The security event an account write records in its transaction (src/security/events.ts): what, and from where. */
export type AccountEvent = Omit<NewSecurityEvent, 'userId'>;

export interface NewSession {
  id: string;
  deviceLabel: string;
  expiresAt: number;
  now: number;
}

export interface OpenedSession {
  id: string;
  passwordVersion: number;
  /** Sessions revoked to stay within MAX_SESSIONS_PER_USER. */
  evicted: string[];
}

/** What the viewer resolution reads: the user and the token's session, if it still exists. */
export interface ViewerRow {
  user: UserRecord;
  session: { revokedAt: number | null; expiresAt: number; lastUsedAt: number } | null;
}

export interface Credentials {
  id: string;
  handle: string;
  email: string;
  passwordHash: string;
  passwordVersion: number;
  /** Read by logIn only (credentials-by-login): whether a second step follows the password. */
  hasTwoFactor?: boolean;
  /** Set while the account is scheduled for deletion (src/privacy/deletion.ts): when the sweep may erase it, epoch ms. */
  deletionDueAt: number | null;
}

export interface NewUser {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  passwordHash: string;
  now: number;
}

export interface SignUpInvite {
  sharerId: string;
  code: string;
  flagged: boolean;
}

export type CreateUserResult = { user: UserRecord; invite: SignUpInvite | null; session: OpenedSession } | { taken: 'email' | 'handle' };

export interface SignUpReferral {
  visitorId: string;
  maxSignUpsPerVisitor: number;
}

export interface ProfileChanges {
  displayName: string | null;
  bio: string | null;
  avatarUrl: string | null;
  clearAvatar: boolean;
  interests: string[] | null;
  /** Whether mutual follows may see the user's purchases; null leaves it as it is. */
  showPurchasesToFriends: boolean | null;
}

/** The login a sign-up lost to a concurrent one (the database's uniqueness constraint), or null for any other error. */
export function loginTakenBy(error: unknown): 'email' | 'handle' | null {
  if (!(error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed')) return null;
  return error.message.includes('emailLower') ? 'email' : 'handle';
}

/** What a SESSION_REVOKED event says ended: the one device by name, or how many sessions. */
function revokedDetail(deviceLabels: string[]): string {
  return deviceLabels.length === 1 ? `ended "${deviceLabels[0]}"` : `ended ${deviceLabels.length} sessions`;
}

export class AccountRepository {
  constructor(private readonly db: DbScope) {}

  /** Creates the account unless its email or handle is taken (checked in the caller's transaction, src/accounts/sign-up.ts). */
  static async insertUser(tx: Tx, user: NewUser): Promise<{ user: UserRecord } | { taken: 'email' | 'handle' }> {
    const handleLower = user.handle.toLowerCase();
    // An erased account's handle is reserved for a while, stored only as this hash (src/privacy/deletion-sweep.ts).
    const params = { ...user, emailLower: user.email.toLowerCase(), handleLower, handleHash: createHash('sha256').update(handleLower).digest('hex') };
    const [clash] = await tx.run<{ emailTaken: boolean; handleTaken: boolean }>(q.findLoginClashes, params);
    if (clash?.emailTaken) return { taken: 'email' };
    if (clash?.handleTaken) return { taken: 'handle' };
    const [row] = await tx.run<{ user: UserRecord }>(q.createUser, params);
    return { user: row!.user };
  }

  async credentialsByLogin(login: string): Promise<Credentials | null> {
    const rows = await this.db.read<Credentials>(q.credentialsByLogin, { login: login.toLowerCase() });
    return rows[0] ?? null;
  }

  async credentialsById(id: string): Promise<Credentials | null> {
    const rows = await this.db.read<Credentials>(q.credentialsById, { id });
    return rows[0] ?? null;
  }

  async usersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    return (await this.usersWithSession(ids, null)).map((r) => r.user);
  }

  /** Users by id; for `viewer`'s row, also the token's session (null when it does not exist). */
  async usersWithSession(ids: readonly string[], viewer: { userId: string; sessionId: string } | null): Promise<ViewerRow[]> {
    return this.db.read<ViewerRow & Record<string, unknown>>(q.usersByIds, { ids, viewerId: viewer?.userId ?? null, sessionId: viewer?.sessionId ?? null });
  }

  async userByHandle(handle: string): Promise<UserRecord | null> {
    const rows = await this.db.read<{ user: UserRecord }>(q.userByHandle, { handleLower: handle.toLowerCase() });
    return rows[0]?.user ?? null;
  }

  async interestsByUserIds(ids: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.read<{ id: string; topics: string[] }>(q.interestsByUserIds, { ids });
    return new Map(rows.map((r) => [r.id, r.topics]));
  }

  /** `policyVersion`: the privacy policy in force, kept with a change of showPurchasesToFriends (a consent, src/privacy/policy.ts). */
  async updateProfile(id: string, changes: ProfileChanges, now: number, policyVersion: string): Promise<UserRecord | null> {
    const consent = { consentPurpose: 'SHOW_PURCHASES_TO_FRIENDS', consentGranted: changes.showPurchasesToFriends, consentSource: 'updateProfile', policyVersion };
    const rows = await this.db.write<{ user: UserRecord }>(q.updateProfile, { id, ...changes, ...consent, now });
    return rows[0]?.user ?? null;
  }

  /** Whether the user shows their purchases to mutual follows (on unless they turned it off); null for no such user. */
  async showsPurchasesToFriends(id: string): Promise<boolean | null> {
    const [row] = await this.db.read<{ show: boolean }>(q.purchasePrivacy, { id });
    return row?.show ?? null;
  }

  /** Sets the password; the other sessions are revoked, keepSessionId gets the new expiry. */
  async setPassword(id: string, passwordHash: string, now: number, keepSessionId: string, expiresAt: number, event: AccountEvent): Promise<{ passwordVersion: number; revoked: string[] } | null> {
    return this.db.writeTx(async (tx) => {
      const [row] = await tx.run<{ passwordVersion: number; revoked: string[] }>(q.setPassword, { id, passwordHash, now, keepSessionId, expiresAt });
      if (row) await recordSecurityEvent(tx, { ...event, userId: id });
      return row ?? null;
    });
  }

  async searchUsers(search: string | null, afterKey: string | null, limit: number): Promise<UserRecord[]> {
    const rows = await this.db.read<{ user: UserRecord }>(q.searchUsers, { search, afterKey, limit });
    return rows.map((r) => r.user);
  }

  async setRole(id: string, role: Role, actorId: string, auditId: string, now: number): Promise<UserRecord | null> {
    const [row] = await this.db.write<{ user: UserRecord }>(q.setRole, { id, role, actorId, auditId, now });
    return row?.user ?? null;
  }

  static async openSession(tx: Tx, userId: string, session: NewSession): Promise<OpenedSession | null> {
    const [row] = await tx.run<OpenedSession & Record<string, unknown>>(q.openSession, { userId, ...session, maxSessions: MAX_SESSIONS_PER_USER });
    return row ?? null;
  }

  /** Opens the session in the caller's transaction and records the sign-in (`event`, a LOG_IN) with it. */
  static async openSessionRecorded(tx: Tx, userId: string, session: NewSession, event: AccountEvent): Promise<OpenedSession | null> {
    const opened = await AccountRepository.openSession(tx, userId, session);
    if (opened) await recordSecurityEvent(tx, { ...event, userId });
    return opened;
  }

  /** Opens the session and records the sign-in (`event`, a LOG_IN) with it. */
  async openSession(userId: string, session: NewSession, event: AccountEvent): Promise<OpenedSession | null> {
    return this.db.writeTx((tx) => AccountRepository.openSessionRecorded(tx, userId, session, event));
  }

  /** Records an event that changes nothing else (a failed sign-in), in a transaction of its own. */
  async recordEvent(userId: string, event: AccountEvent): Promise<void> {
    await this.db.writeTx((tx) => recordSecurityEvent(tx, { ...event, userId }));
  }

  async viewer(id: string, sessionId: string): Promise<ViewerRow | null> {
    const [row] = await this.db.read<ViewerRow & Record<string, unknown>>(q.viewer, { id, sessionId });
    return row ?? null;
  }

  /** Session uses, in one transaction (src/accounts/session-touches.ts). */
  async touchSessions(touches: { userId: string; sessionId: string; at: number }[], everyMs: number): Promise<void> {
    await this.db.write(q.touchSessions, { touches, everyMs });
  }

  /** Revokes one live session of the user, or all of them (sessionId null); returns the ids revoked. */
  async revokeSessions(userId: string, sessionId: string | null, now: number, event: AccountEvent | null = null): Promise<string[]> {
    return this.db.writeTx(async (tx) => {
      const [row] = await tx.run<{ revoked: string[]; deviceLabels: string[] }>(q.revokeSessions, { userId, sessionId, now });
      const revoked = row?.revoked ?? [];
      // Recorded only when something ended, so a repeated revocation adds no event.
      if (event && revoked.length > 0) await recordSecurityEvent(tx, { ...event, userId, detail: revokedDetail(row!.deviceLabels) });
      return revoked;
    });
  }

  async sessionsByIds(userId: string, now: number, ids: readonly string[]): Promise<SessionRecord[]> {
    const rows = await this.db.read<{ session: SessionRecord }>(q.sessionsByIds, { userId, now, ids });
    return rows.map((r) => r.session);
  }

  async sessionsPage(userId: string, now: number, after: { k: number; id: string } | null, limit: number): Promise<SessionRecord[]> {
    const rows = await this.db.read<{ session: SessionRecord }>(q.sessionsPage, { userId, now, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
    return rows.map((r) => r.session);
  }

  async countSessions(userId: string, now: number): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countSessions, { userId, now });
    return row?.total ?? 0;
  }

  async countUsers(search: string | null): Promise<number> {
    const rows = await this.db.read<{ total: number }>(q.countUsers, { search });
    return rows[0]?.total ?? 0;
  }
}

/** The accounts repository of a request, over its counted DbScope (made once per request). */
export function accountRepository(scope: RequestScope): AccountRepository {
  return scope.slot('accounts.repository', () => new AccountRepository(scope.db));
}
