import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../server/schema';

export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema', 'schema.graphql');

/** `schema` writes schema/schema.graphql; `schema --check` fails when the committed file is stale. */
async function main(): Promise<void> {
  const sdl = await printAppSchema();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== sdl) {
      process.stderr.write('schema/schema.graphql is stale: run `npm run schema` and commit the result\n');
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql is up to date\n');
    return;
  }
  writeFileSync(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
