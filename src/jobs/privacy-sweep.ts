import 'reflect-metadata';
import { loadConfig } from '../config';
import { createEventBus } from '../events/bus';
import { CacheInvalidation } from '../events/invalidation';
import { sweepAccountDeletions } from '../privacy/deletion-sweep';
import { DataExportService } from '../privacy/exports';
import { dataExportRepository } from '../privacy/export-repository';
import { ExportStore } from '../privacy/export-store';
import { ExportLinks } from '../privacy/export-links';
import { jobDatabase } from './import';

/**
 * `npm run privacy:sweep`: erases every account whose deletion's grace period has ended (see
 * src/privacy/deletion-sweep.ts). Safe to run at any time and as often as wanted (cron, hourly);
 * an interrupted run is finished by the next. With REDIS_URL, every running API instance drops
 * each erased user, their notes and the counts they fed from its caches as soon as they are erased. Then the data exports: expired archives (and every
 * archive of an erased account) are deleted from EXPORT_DIR, and exports whose builder stopped
 * are written.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const job = await jobDatabase();
  const events = createEventBus(config.redisUrl);
  // Publishes what each erased account changed, for every running instance's caches.
  const invalidation = new CacheInvalidation(events);
  try {
    const erased = await sweepAccountDeletions(job.db, { now: Date.now(), quarantineDays: config.handleQuarantineDays, invalidation });
    process.stderr.write(`privacy sweep: ${erased.length} account(s) erased\n`);
    const exports = new DataExportService({
      repo: dataExportRepository,
      db: job.db,
      store: new ExportStore(config.exportDir),
      links: new ExportLinks(config.jwtSecret, config.publicBaseUrl),
      policyVersion: config.privacyPolicyVersion,
      onError: (error, exportId) => process.stderr.write(`data export ${exportId} failed: ${(error as Error).message}\n`),
    });
    const { expired, rebuilt } = await exports.sweep();
    process.stderr.write(`privacy sweep: ${expired} data export(s) expired or removed, ${rebuilt} written\n`);
  } finally {
    await invalidation.close();
    await events.close();
    await job.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
