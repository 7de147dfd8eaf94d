import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { connectTestDatabase, PREFIX } from '../helpers/app';
import { Database } from '../../src/db/database';
import { migrate, migrationsApplied, readMigrations } from '../../src/db/migrations';

let db: Database;
beforeAll(() => {
  db = connectTestDatabase();
});
afterAll(() => db.close());

/** A scratch set of migrations with its own scope, so it never touches the application's. */
function scratch(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-migrations-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, scope: `test-${PREFIX}-${randomUUID()}` };
}

async function count(query: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await db.driver.executeQuery(query, params);
  return records[0]!.get('n') as number;
}

test("the application's migrations are applied and recorded once each", async () => {
  expect(await migrationsApplied(db)).toBe(true);
  expect(await migrate(db)).toEqual([]);
  const names = readMigrations().map((m) => m.name);
  expect(await count('MATCH (m:Migration {scope: "zhongcao"}) RETURN count(m) AS n', {})).toBe(names.length);
  const { records } = await db.driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
  expect(records[0]!.get('names')).toEqual(expect.arrayContaining(['user_id', 'user_email_lower', 'user_handle_lower', 'note_id']));
});

test('two instances migrating at once apply each migration exactly once', async () => {
  const { dir, scope } = scratch({});
  // Each run writes a probe tagged with the scope; two concurrent runners must leave one.
  writeFileSync(join(dir, '001-probe.cypher'), `CREATE (:MigrationProbe {scope: '${scope}'});\n`);
  writeFileSync(join(dir, '002-second.cypher'), `CREATE (:MigrationProbe {scope: '${scope}', second: true});\n`);
  const [a, b] = await Promise.all([migrate(db, { dir, scope }), migrate(db, { dir, scope })]);
  expect([...a, ...b].sort()).toEqual(['001-probe.cypher', '002-second.cypher']);
  expect(await count('MATCH (p:MigrationProbe {scope: $scope}) RETURN count(p) AS n', { scope })).toBe(2);
  expect(await migrate(db, { dir, scope })).toEqual([]);
  expect(await count('MATCH (p:MigrationProbe {scope: $scope}) RETURN count(p) AS n', { scope })).toBe(2);
});

test('a migration edited after it was applied stops start-up', async () => {
  const { dir, scope } = scratch({ '001-one.cypher': 'RETURN 1;\n' });
  await migrate(db, { dir, scope });
  writeFileSync(join(dir, '001-one.cypher'), 'RETURN 2;\n');
  await expect(migrate(db, { dir, scope })).rejects.toThrow(/changed after it was applied/);
});
