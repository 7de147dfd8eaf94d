import { rmSync } from 'node:fs';
import { Database } from '../../src/db/database';
import { cleanUpTestData } from './cleanup';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__zhongcaoNeo4j;
  if (state?.local) {
    await state.local.stop();
    if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
    return;
  }
  // A server we do not own: remove only what this run created.
  const db = Database.connect({
    uri: process.env.NEO4J_URI!,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  });
  try {
    await cleanUpTestData(db, process.env.ZHONGCAO_TEST_PREFIX!);
  } finally {
    await db.close();
  }
}
