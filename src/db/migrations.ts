import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Neo4jError } from 'neo4j-driver';
import type { Database } from './database';
import { cypher, CYPHER_DIR } from './cypher';

export const MIGRATIONS_DIR = join(CYPHER_DIR, 'migrations');
const FILE_NAME = /^(\d{3})-[a-z0-9-]+\.cypher$/;
const LEASE_MS = 5 * 60_000;

const queries = {
  acquireLock: cypher('db/acquire-migration-lock'),
  releaseLock: cypher('db/release-migration-lock'),
  applied: cypher('db/applied-migrations'),
  record: cypher('db/record-migration'),
};

// The runner's own bookkeeping constraints; they must exist before the lock node can be merged safely.
const BOOTSTRAP = [
  'CREATE CONSTRAINT migration_key IF NOT EXISTS FOR (m:Migration) REQUIRE m.key IS UNIQUE',
  'CREATE CONSTRAINT migration_lock_id IF NOT EXISTS FOR (l:MigrationLock) REQUIRE l.id IS UNIQUE',
];

export interface MigrationFile {
  name: string;
  checksum: string;
  statements: string[];
}

/** Splits a migration into statements: one per `;` at the end of a line, `//` comment lines dropped. */
export function parseMigration(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cypher'))
    .sort()
    .map((name) => {
      if (!FILE_NAME.test(name)) throw new Error(`migration file name must look like 001-name.cypher: ${name}`);
      const text = readFileSync(join(dir, name), 'utf8');
      return { name, checksum: createHash('sha256').update(text).digest('hex'), statements: parseMigration(text) };
    });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlreadyExists(error: unknown): boolean {
  return error instanceof Neo4jError && /EquivalentSchemaRuleAlreadyExists|ConstraintAlreadyExists|IndexAlreadyExists/.test(error.code);
}

export interface MigrateOptions {
  dir?: string;
  /** Separates sets of migrations sharing one database; the application's set is "zhongcao". */
  scope?: string;
  log?: (msg: string, fields: Record<string, unknown>) => void;
}

/**
 * Applies each migration once, in file order, and records it. Instances starting together take a
 * lease on a lock node first, so a migration is never applied twice; the others wait for it.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  const scope = options.scope ?? 'zhongcao';
  const files = readMigrations(options.dir);
  const scoped = db.scope();
  for (const statement of BOOTSTRAP) {
    try {
      await db.driver.executeQuery(statement, {}, { database: db.name });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  const me = randomUUID();
  for (;;) {
    const rows = await scoped.write<{ holder: string }>(queries.acquireLock, { lock: scope, me, now: Date.now(), leaseMs: LEASE_MS });
    if (rows[0]?.holder === me) break;
    await sleep(200);
  }

  const appliedNow: string[] = [];
  try {
    const applied = new Map(
      (await scoped.read<{ name: string; checksum: string }>(queries.applied, { scope })).map((r) => [r.name, r.checksum]),
    );
    for (const file of files) {
      const checksum = applied.get(file.name);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) {
          throw new Error(`migration ${file.name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      for (const statement of file.statements) {
        // Schema changes cannot share a transaction with data writes, so each statement runs alone.
        await db.driver.executeQuery(statement, {}, { database: db.name });
      }
      await scoped.write(queries.record, { scope, name: file.name, checksum: file.checksum, appliedAt: Date.now() });
      appliedNow.push(file.name);
      options.log?.('migration applied', { migration: file.name, scope });
    }
    await db.driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: db.name });
  } finally {
    await scoped.write(queries.releaseLock, { lock: scope, me });
  }
  return appliedNow;
}

/** True when every migration file in the directory is recorded as applied. */
export async function migrationsApplied(db: Database, options: MigrateOptions = {}): Promise<boolean> {
  const files = readMigrations(options.dir);
  const applied = await db.scope().read<{ name: string }>(queries.applied, { scope: options.scope ?? 'zhongcao' });
  const names = new Set(applied.map((r) => r.name));
  return files.every((f) => names.has(f.name));
}
