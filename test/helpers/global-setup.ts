import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startLocalNeo4j, LocalNeo4j } from '../../src/db/local-neo4j';
import { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';

declare global {
  var __zhongcaoNeo4j: { local: LocalNeo4j | null; dataDir: string | null } | undefined;
}

/**
 * Starts one Neo4j for the whole jest run (unless NEO4J_URI points at a server already) and applies
 * the migrations. Workers inherit the environment set here.
 */
export default async function globalSetup(): Promise<void> {
  // Every handle and email the tests create starts with this, so cleanup can find exactly them.
  process.env.ZHONGCAO_TEST_PREFIX = `t${randomBytes(3).toString('hex')}`;
  let local: LocalNeo4j | null = null;
  let dataDir: string | null = null;
  if (!process.env.NEO4J_URI) {
    dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-test-neo4j-'));
    local = await startLocalNeo4j({ port: 0, dataDir, heap: '1g' });
    process.env.NEO4J_URI = local.uri;
    process.env.ZHONGCAO_TEST_OWNS_DB = '1';
  }
  globalThis.__zhongcaoNeo4j = { local, dataDir };
  const db = Database.connect({
    uri: process.env.NEO4J_URI!,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}
