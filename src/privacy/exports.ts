import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { requireIdempotencyKey } from '../db/idempotency';
import { cypher } from '../db/cypher';
import type { Database } from '../db/database';
import type { Scope } from '../accounts/scope';
import type { DataExportRecord, DataExportRepository } from './export-repository';
import type { ExportStore } from './export-store';
import type { ExportLinks } from './export-links';
import { writeArchive } from './export-archive';
import { DataExport, DataExportStatus } from './types';

const DAY_MS = 24 * 3600_000;
/** How long an archive can be downloaded (issue 23 §3): then its file is deleted. */
export const DATA_EXPORT_TTL_DAYS = 7;
/** A builder that has not finished within this time stopped; the sweep builds the export again. */
export const BUILD_LEASE_MS = 10 * 60_000;
/** Builds of one export before it is FAILED. */
export const MAX_BUILD_ATTEMPTS = 3;

const q = {
  claim: cypher('privacy/export/claim'),
  ready: cypher('privacy/export/ready'),
  failed: cypher('privacy/export/failed'),
  due: cypher('privacy/export/due'),
  expire: cypher('privacy/export/expire'),
};

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What DataExportService needs, named one by one; wired once per process in src/app/services.ts. */
export interface DataExportServiceDeps {
  repo: (scope: Scope) => DataExportRepository;
  /** Archives are written outside any request, over a DbScope of their own. */
  db: Database;
  store: ExportStore;
  links: ExportLinks;
  /** The privacy policy in force, written into each archive. */
  policyVersion: string;
  onError: (error: unknown, exportId: string) => void;
}

/**
 * Data exports (issue 23 §3): requestDataExport records the export and starts writing its archive
 * in this instance at once; `dataExports` lists them; the download route serves a READY archive to
 * its owner until it expires; the sweep (npm run privacy:sweep) deletes expired archives and builds
 * again an export whose builder stopped.
 */
export class DataExportService {
  private readonly building = new Set<Promise<void>>();

  constructor(private readonly deps: DataExportServiceDeps) {}

  async request(scope: Scope, idempotencyKey: string | null | undefined): Promise<DataExportRecord> {
    const viewer = await scope.requireViewer();
    const key = idempotencyKey == null ? null : requireIdempotencyKey(idempotencyKey);
    const now = Date.now();
    const day = utcDay(now);
    const result = await this.deps.repo(scope).request(viewer.id, {
      id: randomUUID(),
      day,
      now,
      expiresAt: now + DATA_EXPORT_TTL_DAYS * DAY_MS,
      nextAllowedAt: Date.parse(`${day}T00:00:00.000Z`) + DAY_MS,
      idempotencyKey: key,
      ip: scope.request.ip ?? null,
    });
    if (!result) throw notFound('User');
    if (result.isNew) this.start(result.record.id);
    return result.record;
  }

  /** The viewer's export, or null when it is not theirs (node(id) answers null alike). */
  async exportOf(scope: Scope, id: string): Promise<DataExportRecord | null> {
    const viewerId = await scope.viewerId();
    if (!viewerId || typeof id !== 'string') return null;
    const [record] = await this.deps.repo(scope).byIds([id]);
    return record && record.userId === viewerId ? record : null;
  }

  async list(scope: Scope, first: number | null | undefined, after: string | null | undefined) {
    const viewer = await scope.requireViewer();
    const repo = this.deps.repo(scope);
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await repo.page(viewer.id, position, limit + 1), limit);
    const edges = page.items.map((e) => ({ cursor: encodeCursor({ k: e.createdAt, id: e.id }), node: this.present(e) }));
    return connectionOf(edges, page.hasNextPage, () => repo.count(viewer.id));
  }

  /** The export as its owner sees it: EXPIRED once past its expiry, the address only while READY. */
  present(record: DataExportRecord, now = Date.now()): DataExport {
    const status = record.status !== DataExportStatus.EXPIRED && record.expiresAt <= now ? DataExportStatus.EXPIRED : record.status;
    const ready = status === DataExportStatus.READY;
    return {
      id: record.id,
      status,
      createdAt: new Date(record.createdAt),
      readyAt: record.readyAt == null ? null : new Date(record.readyAt),
      expiresAt: new Date(record.expiresAt),
      sizeBytes: ready ? (record.sizeBytes ?? null) : null,
      downloadUrl: ready ? this.deps.links.url(record.id, record.userId) : null,
    };
  }

  /**
   * The archive behind a download address, for the viewer of `scope`: null (the route's 404) unless
   * the export is theirs, the token is its address's, it is READY and not expired, and the file exists.
   */
  async download(scope: Scope, exportId: string, token: string): Promise<{ size: number; stream: () => ReadStream; filename: string } | null> {
    const record = await this.exportOf(scope, exportId);
    if (!record || !this.deps.links.verify(record.id, record.userId, token)) return null;
    if (this.present(record).status !== DataExportStatus.READY) return null;
    const file = await this.deps.store.read(record.id);
    return file && { ...file, filename: `zhongcao-data-export-${utcDay(record.createdAt)}.json` };
  }

  /** Starts writing an export's archive in the background (drain() waits for it). */
  start(exportId: string): void {
    const run: Promise<void> = this.build(exportId)
      .catch((error: unknown) => this.deps.onError(error, exportId))
      .finally(() => this.building.delete(run));
    this.building.add(run);
  }

  /** Writes the archive of a waiting export, unless another builder holds it. */
  async build(exportId: string): Promise<void> {
    const { db, store } = this.deps;
    const now = Date.now();
    const [claim] = await db.scope().write<{ userId: string; createdAt: number; attempts: number }>(q.claim, { id: exportId, now, leaseMs: BUILD_LEASE_MS });
    if (!claim) return;
    try {
      const header = { exportId, userId: claim.userId, requestedAt: claim.createdAt, generatedAt: now, policyVersion: this.deps.policyVersion };
      const sizeBytes = await store.write(exportId, (write) => writeArchive(db, header, write));
      await db.scope().write(q.ready, { id: exportId, now: Date.now(), sizeBytes });
    } catch (error) {
      // A stopped builder is retried by the sweep; one that keeps failing gives up.
      if (claim.attempts >= MAX_BUILD_ATTEMPTS) await db.scope().write(q.failed, { id: exportId, failure: String((error as Error).message ?? error).slice(0, 200) });
      throw error;
    }
  }

  /** Waits for the archives being written (the app's close). */
  async drain(): Promise<void> {
    while (this.building.size > 0) await Promise.allSettled([...this.building]);
  }

  /**
   * The export sweep: the archive of every export past its expiry is deleted (the export stays,
   * EXPIRED); an erased account's exports go with their files; an export whose builder stopped is
   * built again. Returns how many exports expired or went, and how many were built.
   */
  async sweep(now = Date.now(), pageSize = 100): Promise<{ expired: number; rebuilt: number }> {
    const { db, store } = this.deps;
    let expired = 0;
    let rebuilt = 0;
    for (;;) {
      const due = await db.scope().read<{ id: string; ownerErased: boolean; rebuild: boolean }>(q.due, { now, leaseMs: BUILD_LEASE_MS, limit: pageSize });
      if (due.length === 0) break;
      let acted = 0;
      for (const row of due) {
        if (row.rebuild) {
          const before = rebuilt;
          await this.build(row.id).then(
            () => rebuilt++,
            (error: unknown) => this.deps.onError(error, row.id),
          );
          if (rebuilt > before) acted++;
          continue;
        }
        // The file first: an export is never marked gone while its archive is still on disk.
        await store.remove(row.id);
        await db.scope().write(q.expire, { id: row.id });
        expired++;
        acted++;
      }
      if (acted === 0) break;
    }
    return { expired, rebuilt };
  }
}
