import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementCapture, type CapturedTx } from '../../src/db/capture';
import { Database } from '../../src/db/database';
import { connectTestDatabase } from '../helpers/app';

// The benchmark's same-statement baseline replays what DbScope captured: check it captures what ran.
describe('statement capture in DbScope (bench only)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-capture-'));
  const file = join(dir, 'statements.jsonl');
  const uri = process.env.NEO4J_URI!;
  const db = Database.connect({ uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: process.env.NEO4J_DATABASE ?? 'neo4j', capture: StatementCapture.toFile(file) });
  const plain = connectTestDatabase();

  afterAll(async () => {
    await db.close();
    await plain.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('records the committed transactions of a scope with their statements and parameters, not the failed one', async () => {
    const scope = db.scope();
    const one = { name: 'test/one', text: 'RETURN $n AS n' };
    const two = { name: 'test/two', text: 'RETURN $s AS s' };
    await scope.readTx(async (tx) => {
      await tx.run(one, { n: 1 });
      await tx.run(two, { s: 'x' });
    });
    await scope.write({ name: 'test/write', text: 'RETURN $list AS list' }, { list: [1, 2] });
    await expect(scope.read({ name: 'test/bad', text: 'RETURN $missing' }, {})).rejects.toThrow();
    const txs = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CapturedTx);
    expect(txs.map((t) => ({ mode: t.mode, statements: t.statements.map((s) => [s.name, s.text, s.params]) }))).toEqual([
      { mode: 'read', statements: [['test/one', 'RETURN $n AS n', { n: 1 }], ['test/two', 'RETURN $s AS s', { s: 'x' }]] },
      { mode: 'write', statements: [['test/write', 'RETURN $list AS list', { list: [1, 2] }]] },
    ]);
    expect(txs[1]!.after).toBe(1);
  });

  test('is off by default: a database connected without it holds no capture', () => {
    expect(process.env.ZHONGCAO_CAPTURE_STATEMENTS).toBeUndefined();
    expect(plain.capture).toBeNull();
  });
});
