import { cypher } from '../db/cypher';
import type { RequestScope } from '../request/scope';
import type { DbScope } from '../db/database';
import type { Position } from '../common/pagination';
import { CONSENT_PROPERTY, CONSENT_PURPOSES, type ConsentPurpose } from './policy';
import { recordSecurityEvent, SecurityEventKind } from '../security/events';

const q = {
  consentState: cypher('privacy/consent-state'),
  setConsent: cypher('privacy/set-consent'),
  consentHistoryPage: cypher('privacy/consent-history-page'),
  countConsentHistory: cypher('privacy/count-consent-history'),
  acceptPolicy: cypher('privacy/accept-policy'),
  requestDeletion: cypher('privacy/request-deletion'),
  cancelDeletion: cypher('privacy/cancel-deletion'),
};

/** One entry of a user's consent audit trail. */
export interface ConsentChangeRecord {
  id: string;
  purpose: ConsentPurpose;
  isGranted: boolean;
  changedAt: number;
  policyVersion: string;
  /** The mutation that made it: setConsent, or updateProfile for the purchase setting. */
  source: string;
}

/** What a user's consents are now, as stored: each purpose's answer (null: never given) and its latest change. */
export interface ConsentState {
  stored: Record<ConsentPurpose, boolean | null>;
  latest: Map<ConsentPurpose, Omit<ConsentChangeRecord, 'id' | 'source'>>;
  acceptedPolicyVersion: string | null;
  policyAcceptedAt: number | null;
}

export class PrivacyRepository {
  constructor(private readonly db: DbScope) {}

  async consentState(userId: string): Promise<ConsentState | null> {
    const [row] = await this.db.read<{ stored: Record<string, boolean | null>; latest: (Omit<ConsentChangeRecord, 'id' | 'source'> | null)[]; acceptedPolicyVersion: string | null; policyAcceptedAt: number | null }>(
      q.consentState,
      { userId, purposes: CONSENT_PURPOSES },
    );
    if (!row) return null;
    const stored = Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, row.stored[CONSENT_PROPERTY[p]] ?? null])) as Record<ConsentPurpose, boolean | null>;
    const latest = new Map(row.latest.flatMap((c) => (c ? [[c.purpose, c] as const] : [])));
    return { stored, latest, acceptedPolicyVersion: row.acceptedPolicyVersion, policyAcceptedAt: row.policyAcceptedAt };
  }

  /** false when the user is missing. */
  async setConsent(userId: string, purpose: ConsentPurpose, granted: boolean, policyVersion: string, now: number): Promise<boolean> {
    const rows = await this.db.write(q.setConsent, {
      userId,
      state: { [CONSENT_PROPERTY[purpose]]: granted },
      consentPurpose: purpose,
      consentGranted: granted,
      consentSource: 'setConsent',
      policyVersion,
      now,
    });
    return rows.length > 0;
  }

  consentHistoryPage(userId: string, purpose: ConsentPurpose | null, after: Position | null, limit: number): Promise<ConsentChangeRecord[]> {
    return this.db
      .read<{ change: ConsentChangeRecord }>(q.consentHistoryPage, { userId, purpose, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit })
      .then((rows) => rows.map((r) => r.change));
  }

  async countConsentHistory(userId: string, purpose: ConsentPurpose | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countConsentHistory, { userId, purpose });
    return row?.total ?? 0;
  }

  /** false when the user is missing. */
  async acceptPolicy(userId: string, version: string, now: number): Promise<boolean> {
    return (await this.db.write(q.acceptPolicy, { userId, version, now })).length > 0;
  }
}

/** A scheduled deletion, as deleteAccount answers it. */
export interface DeletionSchedule {
  requestedAt: number;
  dueAt: number;
  /** The sessions the request ended. */
  revoked: string[];
}

export class DeletionRepository {
  constructor(private readonly db: DbScope) {}

  /** null when the user is missing or already erased. */
  /** The schedule, and the request in the user's security events, in one transaction. */
  async requestDeletion(userId: string, dueAt: number, now: number, ip: string | null): Promise<DeletionSchedule | null> {
    return this.db.writeTx(async (tx) => {
      const [row] = await tx.run<DeletionSchedule & Record<string, unknown>>(q.requestDeletion, { userId, dueAt, now });
      if (row) await recordSecurityEvent(tx, { userId, kind: SecurityEventKind.ACCOUNT_DELETION_REQUESTED, ip, at: now, detail: `erased from ${new Date(row.dueAt).toISOString()} unless cancelled` });
      return row ?? null;
    });
  }

  /** Whether a deletion in its grace period was cancelled. */
  async cancelDeletion(userId: string, now: number, ip: string | null, how: string): Promise<boolean> {
    return this.db.writeTx(async (tx) => {
      const [row] = await tx.run<{ cancelled: boolean }>(q.cancelDeletion, { userId, now });
      if (row?.cancelled) await recordSecurityEvent(tx, { userId, kind: SecurityEventKind.ACCOUNT_DELETION_CANCELLED, ip, at: now, detail: how });
      return row?.cancelled ?? false;
    });
  }
}

export function deletionRepository(scope: RequestScope): DeletionRepository {
  return scope.slot('privacy.deletionRepository', () => new DeletionRepository(scope.db));
}

/** The privacy repository of a request, over its counted DbScope (made once per request). */
export function privacyRepository(scope: RequestScope): PrivacyRepository {
  return scope.slot('privacy.repository', () => new PrivacyRepository(scope.db));
}
