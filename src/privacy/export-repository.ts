import { cypher } from '../db/cypher';
import type { DbScope } from '../db/database';
import { claimIdempotencyKey } from '../db/idempotency';
import type { RequestScope } from '../request/scope';
import { UserFailure } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { recordSecurityEvent, SecurityEventKind } from '../security/events';
import type { DataExportStatus } from './types';

const q = {
  lock: cypher('privacy/export/lock-requester'),
  create: cypher('privacy/export/create'),
  byId: cypher('privacy/export/by-id'),
  byIds: cypher('privacy/export/by-ids'),
  page: cypher('privacy/export/page'),
  count: cypher('privacy/export/count'),
};

/** A data export as stored: `(:User)-[:REQUESTED_EXPORT]->(:DataExport)`. Times in epoch ms; a null property is absent. */
export interface DataExportRecord {
  id: string;
  userId: string;
  /** As stored; an export past expiresAt is EXPIRED whatever this says (the sweep catches up). */
  status: DataExportStatus;
  /** The UTC day it was requested on (YYYY-MM-DD), for the daily limit. */
  day: string;
  createdAt: number;
  expiresAt: number;
  readyAt?: number | null;
  sizeBytes?: number | null;
}

export interface NewDataExport {
  id: string;
  day: string;
  now: number;
  expiresAt: number;
  /** When the next export may be asked for (the next UTC midnight), for the refusal's message. */
  nextAllowedAt: number;
  idempotencyKey: string | null;
  ip: string | null;
}

export class DataExportRepository {
  constructor(private readonly db: DbScope) {}

  /**
   * Creates the export and its security event in one transaction, under the requester's lock, so
   * two requests at once make one export. A retry with the idempotency key of an earlier request
   * answers that export; a second export on one UTC day is refused with DAILY_LIMIT_REACHED.
   * Null when there is no such (live) user.
   */
  async request(userId: string, e: NewDataExport): Promise<{ record: DataExportRecord; isNew: boolean } | null> {
    return this.db.writeTx(async (tx) => {
      const [lock] = await tx.run<{ today: number }>(q.lock, { userId, day: e.day });
      if (!lock) return null;
      const claim = e.idempotencyKey ? await claimIdempotencyKey(tx, { actorId: userId, operation: 'requestDataExport', key: e.idempotencyKey, input: {} }) : null;
      if (claim && !claim.fresh) {
        const [earlier] = await tx.run<{ dataExport: DataExportRecord }>(q.byId, { userId, id: claim.resultId });
        return earlier ? { record: earlier.dataExport, isNew: false } : null;
      }
      if (lock.today > 0) {
        throw new UserFailure(UserErrorCode.DAILY_LIMIT_REACHED, null, `One data export per day: you can request the next from ${new Date(e.nextAllowedAt).toISOString()} (UTC midnight); your latest is in dataExports`);
      }
      const [created] = await tx.run<{ dataExport: DataExportRecord }>(q.create, { userId, id: e.id, day: e.day, now: e.now, expiresAt: e.expiresAt });
      await recordSecurityEvent(tx, { userId, kind: SecurityEventKind.DATA_EXPORT_REQUESTED, ip: e.ip, at: e.now, detail: `expires ${new Date(e.expiresAt).toISOString()}` });
      await claim?.complete(e.id);
      return { record: created!.dataExport, isNew: true };
    });
  }

  async byIds(ids: readonly string[]): Promise<DataExportRecord[]> {
    return (await this.db.read<{ dataExport: DataExportRecord }>(q.byIds, { ids })).map((r) => r.dataExport);
  }

  async page(userId: string, after: { k: number; id: string } | null, limit: number): Promise<DataExportRecord[]> {
    return (await this.db.read<{ dataExport: DataExportRecord }>(q.page, { userId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit })).map((r) => r.dataExport);
  }

  async count(userId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.count, { userId });
    return row?.total ?? 0;
  }
}

export function dataExportRepository(scope: RequestScope): DataExportRepository {
  return scope.slot('privacy.dataExportRepository', () => new DataExportRepository(scope.db));
}
