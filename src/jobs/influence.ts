import 'reflect-metadata';
import { loadConfig } from '../config';
import { createEventBus } from '../events/bus';
import { computeInfluence } from '../influence/job';
import { influenceOptions } from '../influence/options';
import { jobDatabase } from './import';

/** `npm run influence`: recomputes every user's influence (see src/influence/job.ts). */
async function main(): Promise<void> {
  const config = loadConfig();
  const job = await jobDatabase();
  const events = createEventBus(config.redisUrl);
  let last = '';
  try {
    const run = await computeInfluence(job.db, {
      ...influenceOptions(config),
      events,
      progress: (phase, done, total) => {
        const line = `${phase} ${done}/${total}`;
        if (line !== last) process.stderr.write(`\r${line.padEnd(40)}`);
        last = line;
      },
    });
    const rss = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stderr.write(`\ninfluence: ${run.users} users, ${run.follows} follows, ${run.iterations} PageRank iterations, ${run.changed} changed, ${run.seconds.toFixed(1)}s, peak RSS ${rss} MB\n`);
  } finally {
    await events.close();
    await job.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
