import { Neo4jError } from 'neo4j-driver';
import { cypher } from '../db/cypher';
import type { DbScope } from '../db/database';
import type { Role, UserRecord } from './types';
import { ReferralRepository } from '../referral/repository';
import { CommissionRepository } from '../commissions/repository';
import { signUpFindings } from '../commissions/rules';

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
};

export interface Credentials {
  id: string;
  handle: string;
  email: string;
  passwordHash: string;
  passwordVersion: number;
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

export type CreateUserResult = { user: UserRecord; invite: SignUpInvite | null } | { taken: 'email' | 'handle' };

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

function isConstraintViolation(error: unknown): error is Neo4jError {
  return error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}

export class AccountRepository {
  constructor(private readonly db: DbScope) {}

  /**
   * Creates the account and, when the client passes the visitor id it opened share links with,
   * records who invited the new user (first touch) in the same transaction.
   */
  async createUser(user: NewUser, referral: SignUpReferral | null): Promise<CreateUserResult> {
    const params = { ...user, emailLower: user.email.toLowerCase(), handleLower: user.handle.toLowerCase() };
    try {
      return await this.db.writeTx(async (tx) => {
        const [clash] = await tx.run<{ emailTaken: boolean; handleTaken: boolean }>(q.findLoginClashes, params);
        if (clash?.emailTaken) return { taken: 'email' as const };
        if (clash?.handleTaken) return { taken: 'handle' as const };
        const [row] = await tx.run<{ user: UserRecord }>(q.createUser, params);
        let invite: SignUpInvite | null = null;
        if (referral) {
          const attributed = await ReferralRepository.attributeSignUp(tx, user.id, referral.visitorId, user.now);
          if (attributed) {
            const findings = signUpFindings(attributed.signUpsFromVisitor, referral.maxSignUpsPerVisitor, attributed.code);
            await CommissionRepository.createFlags(tx, 'USER', user.id, attributed.code, findings, user.now);
            invite = { sharerId: attributed.sharerId, code: attributed.code, flagged: findings.length > 0 };
          }
        }
        return { user: row!.user, invite };
      });
    } catch (error) {
      // Lost a race with a concurrent sign-up for the same email or handle.
      if (isConstraintViolation(error)) return { taken: error.message.includes('emailLower') ? 'email' : 'handle' };
      throw error;
    }
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
    const rows = await this.db.read<{ user: UserRecord }>(q.usersByIds, { ids });
    return rows.map((r) => r.user);
  }

  async userByHandle(handle: string): Promise<UserRecord | null> {
    const rows = await this.db.read<{ user: UserRecord }>(q.userByHandle, { handleLower: handle.toLowerCase() });
    return rows[0]?.user ?? null;
  }

  async interestsByUserIds(ids: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.read<{ id: string; topics: string[] }>(q.interestsByUserIds, { ids });
    return new Map(rows.map((r) => [r.id, r.topics]));
  }

  async updateProfile(id: string, changes: ProfileChanges, now: number): Promise<UserRecord | null> {
    const rows = await this.db.write<{ user: UserRecord }>(q.updateProfile, { id, ...changes, now });
    return rows[0]?.user ?? null;
  }

  /** Whether the user shows their purchases to mutual follows (on unless they turned it off); null for no such user. */
  async showsPurchasesToFriends(id: string): Promise<boolean | null> {
    const [row] = await this.db.read<{ show: boolean }>(q.purchasePrivacy, { id });
    return row?.show ?? null;
  }

  async setPassword(id: string, passwordHash: string, now: number): Promise<number | null> {
    const rows = await this.db.write<{ passwordVersion: number }>(q.setPassword, { id, passwordHash, now });
    return rows[0]?.passwordVersion ?? null;
  }

  async searchUsers(search: string | null, afterKey: string | null, limit: number): Promise<UserRecord[]> {
    const rows = await this.db.read<{ user: UserRecord }>(q.searchUsers, { search, afterKey, limit });
    return rows.map((r) => r.user);
  }

  async setRole(id: string, role: Role, actorId: string, auditId: string, now: number): Promise<UserRecord | null> {
    const [row] = await this.db.write<{ user: UserRecord }>(q.setRole, { id, role, actorId, auditId, now });
    return row?.user ?? null;
  }

  async countUsers(search: string | null): Promise<number> {
    const rows = await this.db.read<{ total: number }>(q.countUsers, { search });
    return rows[0]?.total ?? 0;
  }
}
