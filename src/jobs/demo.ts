import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config';
import { cypher } from '../db/cypher';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { Role } from '../accounts/types';
import { computeInfluence } from '../influence/job';
import { influenceOptions } from '../influence/options';
import { createEventBus, type EventBus } from '../events/bus';
import { importFile, importId, jobDatabase } from './import';
import { setRoleByLogin } from './admin';
import { KIND, SEED_PASSWORD, SIZES, seedId, writeSeed } from './seed';

/**
 * `npm run demo`: a local database with something to look at. Seeds the small dataset (its
 * timeline ending now), computes influence, and creates three accounts to sign in to the console
 * with: an admin, a growth lead and the manager of the two largest seeded groups. Running it again
 * imports nothing twice: the dataset is seeded once (a marker node remembers it), the accounts are
 * MERGEd and their roles set again, and influence is recomputed.
 */

/** The demo accounts' password; they exist only in a database the demo seeded. */
export const DEMO_PASSWORD = 'zhongcao-demo';

export const DEMO_ACCOUNTS = [
  { handle: 'demo_admin', displayName: 'Demo Admin 管理员', role: Role.ADMIN, does: 'sees everything: every group, growth analytics, influence' },
  { handle: 'demo_growth', displayName: 'Demo Growth 增长', role: Role.GROWTH, does: 'Growth: referral trees, top referrers, conversion by channel' },
  { handle: 'demo_manager', displayName: 'Demo Manager 社群', role: Role.USER, does: 'Groups: administers the two largest seeded groups' },
] as const;

/** The seeded groups the manager administers: group 0 and 1 get the most members (the seed's skew). */
const MANAGED_GROUPS = [0, 1];

const q = {
  marker: cypher('demo/marker'),
  complete: cypher('demo/complete'),
  managerGroups: cypher('demo/manager-groups'),
};

export interface DemoOptions {
  /** Users in the seeded dataset (default: the small size, 1,000). */
  users?: number;
  seed?: number;
  /** Where the seeded timeline ends, for a first run (default: now). */
  now?: number;
  events?: EventBus | null;
  quiet?: boolean;
}

export interface DemoReport {
  seeded: boolean;
  imported: number;
  /** The seeded timeline's end, as first seeded. */
  now: number;
  influencedUsers: number;
  accounts: { handle: string; id: string; role: Role }[];
  managedGroups: { id: string; name: string; members: number }[];
}

export async function runDemo(db: Database, options: DemoOptions = {}): Promise<DemoReport> {
  const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
  await migrate(db);
  const wanted = { users: options.users ?? SIZES.small, seed: options.seed ?? 42, now: options.now ?? Date.now() };
  const [marker] = await db.scope().write<{ users: number; seed: number; now: number; complete: boolean }>(q.marker, wanted);
  const dataset = marker!;
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-demo-'));
  let imported = 0;
  try {
    if (!dataset.complete) {
      // A run that stopped half-way is resumed with the same timeline, so the MERGEs match what it wrote.
      log(`seeding ${dataset.users} users (seed ${dataset.seed}), timeline ending ${new Date(dataset.now).toISOString()}...`);
      const file = join(dir, 'seed.jsonl');
      await writeSeed({ users: dataset.users, seed: dataset.seed, now: dataset.now }, file);
      imported += (await importFile(file, { db, strict: true, quiet: options.quiet, events: options.events })).imported;
      await db.scope().write(q.complete);
    } else {
      log(`the demo dataset (${dataset.users} users) is already seeded; keeping it`);
    }

    const file = join(dir, 'accounts.jsonl');
    const managedGroups = MANAGED_GROUPS.filter((g) => g < Math.max(1, Math.floor(dataset.users / 200)));
    const lines = [
      ...DEMO_ACCOUNTS.map((a) => ({ type: 'user', id: `demo:${a.handle}`, handle: a.handle, displayName: a.displayName, email: `${a.handle}@demo.zhongcao.test`, password: DEMO_PASSWORD, createdAt: dataset.now - 90 * 86_400_000, topics: ['beauty', 'food'] })),
      ...managedGroups.map((g) => ({ type: 'membership', user: 'demo:demo_manager', group: seedId(KIND.group, g), role: 'ADMIN', joinedAt: dataset.now - 60 * 86_400_000 })),
      // The manager follows a few seeded creators, so their own feed is not empty either.
      ...[0, 1, 2, 3, 4].map((u) => ({ type: 'follow', from: 'demo:demo_manager', to: seedId(KIND.user, u), createdAt: dataset.now - 30 * 86_400_000 })),
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    imported += (await importFile(file, { db, strict: true, quiet: true, events: options.events })).imported;

    const accounts: DemoReport['accounts'] = [];
    for (const account of DEMO_ACCOUNTS) {
      // Only a USER is promoted: a second run audits nothing, and a role changed since is kept.
      const change = account.role === Role.USER ? null : await setRoleByLogin(db, account.handle, account.role, Role.USER);
      if (change?.changed) options.events?.pubsub.publish('USER_CHANGED', { userIds: [change.id], reason: 'ROLE' });
      accounts.push({ handle: account.handle, id: importId('user', `demo:${account.handle}`), role: change?.role ?? account.role });
    }

    log('computing influence...');
    const run = await computeInfluence(db, { ...influenceOptions(loadConfig()), ...(options.events ? { events: options.events } : {}) });
    const groups = await db.scope().read<{ id: string; name: string; members: number }>(q.managerGroups, { userId: importId('user', 'demo:demo_manager') });
    return { seeded: !dataset.complete, imported, now: dataset.now, influencedUsers: run.users, accounts, managedGroups: groups };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a newcomer reads at the end: where the console is and who to sign in as. */
export function signInInstructions(report: DemoReport, config: Pick<Config, 'host' | 'port'>): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const width = Math.max(...report.accounts.map((a) => a.handle.length));
  return [
    '',
    `The demo is ready (${report.influencedUsers} users; the seeded history ends ${new Date(report.now).toISOString()}).`,
    `Open the console at http://${host}:${config.port}/console/ (npm start must be running) and sign in as:`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.handle.padEnd(width)}  password ${DEMO_PASSWORD}  (${a.role}) ${a.does}`),
    ...(report.managedGroups.length ? [`demo_manager administers: ${report.managedGroups.map((g) => `${g.name} (${g.members} members)`).join(', ')}`] : []),
    `Seeded users user0..user99 sign in with password ${SEED_PASSWORD}.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const job = await jobDatabase();
  // With REDIS_URL, running API instances hear of the import and the role changes at once.
  const events = config.redisUrl ? createEventBus(config.redisUrl) : null;
  try {
    const report = await runDemo(job.db, { events });
    process.stdout.write(signInInstructions(report, config));
  } finally {
    await events?.close();
    await job.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
