import { cypher } from '../db/cypher';
import type { DbScope, Tx } from '../db/database';
import type { RequestScope } from '../request/scope';
import type { SecurityEventRecord } from './events';

const q = {
  eventsPage: cypher('security/events-page'),
  eventsByIds: cypher('security/events-by-ids'),
  countEvents: cypher('security/count-events'),
  beginEnrolment: cypher('security/begin-enrolment'),
  lockTwoFactor: cypher('security/lock-two-factor'),
  enableTwoFactor: cypher('security/enable-two-factor'),
  disableTwoFactor: cypher('security/disable-two-factor'),
  useSecondFactor: cypher('security/use-second-factor'),
  createChallenge: cypher('security/create-challenge'),
  challengeOwner: cypher('security/challenge-owner'),
  takeChallenge: cypher('security/take-challenge'),
  endChallenge: cypher('security/end-challenge'),
  storeSealedSecrets: cypher('security/store-sealed-secrets'),
};

/** A user's two-factor state as stored on the User node (never leaves the server). */
export interface TwoFactorState {
  enabled: boolean;
  /** Sealed as stored (src/security/secret-box.ts); TwoFactorService opens it under the user's lock. */
  secret: string | null;
  /** A secret being enrolled (enableTwoFactor), until confirmTwoFactor. */
  pendingSecret: string | null;
  pendingAt: number | null;
  /** The last TOTP time step accepted; no code of it or before it counts again. */
  lastStep: number | null;
  recoverySalt: string | null;
  recoveryHashes: string[];
}

export interface NewChallenge {
  tokenHash: string;
  deviceLabel: string;
  now: number;
  expiresAt: number;
}

export class SecurityRepository {
  constructor(private readonly db: DbScope) {}

  async eventsByIds(userId: string, ids: readonly string[]): Promise<SecurityEventRecord[]> {
    const rows = await this.db.read<{ event: SecurityEventRecord }>(q.eventsByIds, { userId, ids });
    return rows.map((r) => r.event);
  }

  async eventsPage(userId: string, after: { k: number; id: string } | null, limit: number): Promise<SecurityEventRecord[]> {
    const rows = await this.db.read<{ event: SecurityEventRecord }>(q.eventsPage, { userId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
    return rows.map((r) => r.event);
  }

  /** Whether two-factor sign-in was already on (then nothing changed). Null for no such user. */
  async beginEnrolment(userId: string, secret: string, now: number): Promise<{ enabled: boolean } | null> {
    const [row] = await this.db.write<{ enabled: boolean }>(q.beginEnrolment, { userId, secret, now });
    return row ?? null;
  }

  async createChallenge(userId: string, challenge: NewChallenge): Promise<void> {
    await this.db.write(q.createChallenge, { userId, ...challenge });
  }

  async challengeOwner(tokenHash: string, now: number): Promise<string | null> {
    const [row] = await this.db.read<{ userId: string }>(q.challengeOwner, { tokenHash, now });
    return row?.userId ?? null;
  }

  /** Locks the user for the rest of the transaction and reads their two-factor state. */
  static async lockTwoFactor(tx: Tx, userId: string, now: number): Promise<TwoFactorState | null> {
    const [row] = await tx.run<TwoFactorState & Record<string, unknown>>(q.lockTwoFactor, { userId, now });
    return row ?? null;
  }

  /** Replaces the stored secrets by the same secrets sealed under the current key (the user is locked). */
  static async storeSealedSecrets(tx: Tx, userId: string, sealed: { secret: string | null; pendingSecret: string | null }): Promise<void> {
    await tx.run(q.storeSealedSecrets, { userId, ...sealed });
  }

  static async enableTwoFactor(tx: Tx, userId: string, values: { step: number; salt: string; hashes: string[]; now: number }): Promise<void> {
    await tx.run(q.enableTwoFactor, { userId, ...values });
  }

  static async disableTwoFactor(tx: Tx, userId: string): Promise<void> {
    await tx.run(q.disableTwoFactor, { userId });
  }

  /** Uses up a code's step or a recovery code; returns how many recovery codes are left. */
  static async useSecondFactor(tx: Tx, userId: string, used: { step: number | null; usedHash: string | null }): Promise<number> {
    const [row] = await tx.run<{ recoveryCodesLeft: number }>(q.useSecondFactor, { userId, ...used });
    return row?.recoveryCodesLeft ?? 0;
  }

  /** The live challenge's device label, or null when there is none with this token. */
  static async takeChallenge(tx: Tx, userId: string, tokenHash: string, now: number): Promise<{ deviceLabel: string } | null> {
    const [row] = await tx.run<{ deviceLabel: string }>(q.takeChallenge, { userId, tokenHash, now });
    return row ?? null;
  }

  /** Ends a passed challenge (failed false), or counts a failure and ends it at maxFailures. */
  static async endChallenge(tx: Tx, userId: string, tokenHash: string, failed: boolean, maxFailures: number): Promise<void> {
    await tx.run(q.endChallenge, { userId, tokenHash, failed: failed ? 1 : 0, maxFailures });
  }

  async countEvents(userId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countEvents, { userId });
    return row?.total ?? 0;
  }
}

/** The security repository of a request, over its counted DbScope. */
export function securityRepository(scope: RequestScope): SecurityRepository {
  return scope.slot('security.repository', () => new SecurityRepository(scope.db));
}
