import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..', '..');
// The CLI is run as a process: its ESM dependencies do not load inside Jest's module system.
const cli = join(root, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');

// The typed operations (test/generated, console/src/generated) are committed so that tests and the
// console build need no generation step. Check mode generates them in memory from
// schema/schema.graphql and the .graphql operations, and fails when a committed file differs, so a
// schema or operation change without `npm run codegen` fails here.
test('the committed generated operation types match the schema and the operations', async () => {
  const run = await promisify(execFile)(process.execPath, [cli, '--config', 'codegen.ts', '--check', '--silent'], { cwd: root }).then(
    ({ stdout }) => ({ stale: false, stdout }),
    (error: { stdout?: string; stderr?: string }) => ({ stale: true, stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  // On failure this shows the CLI's list of stale files.
  expect(run.stale ? run.stdout : 'up to date').toBe('up to date');
}, 60_000);
