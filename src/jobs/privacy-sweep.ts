import 'reflect-metadata';
import { loadConfig } from '../config';
import { createEventBus } from '../events/bus';
import { sweepAccountDeletions } from '../privacy/deletion-sweep';
import { jobDatabase } from './import';

/**
 * `npm run privacy:sweep`: erases every account whose deletion's grace period has ended (see
 * src/privacy/deletion-sweep.ts). Safe to run at any time and as often as wanted (cron, hourly);
 * an interrupted run is finished by the next. With REDIS_URL, running API instances drop the
 * erased users from their caches at once.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const job = await jobDatabase();
  const events = createEventBus(config.redisUrl);
  try {
    const erased = await sweepAccountDeletions(job.db, { now: Date.now(), quarantineDays: config.handleQuarantineDays });
    if (erased.length > 0) events.pubsub.publish('USER_CHANGED', { userIds: erased, reason: 'PROFILE' });
    process.stderr.write(`privacy sweep: ${erased.length} account(s) erased\n`);
  } finally {
    await events.close();
    await job.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
