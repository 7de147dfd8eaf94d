import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// `npm run lint` checks the real src/ and console/src/ with .dependency-cruiser.cjs. This test checks the
// rules themselves: it runs the same config over a small made-up app, where each rule is broken once and
// every allowed direction is used once, so a rule that stops firing (or starts firing on an allowed
// import) fails here even while the real tree is clean.

const root = resolve(__dirname, '../..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** The made-up app: path -> source. */
const app: Record<string, string> = {
  // Entry points and the composition root may import anything.
  'src/main.ts': [
    "import type { Context } from './server/context';",
    "import { services } from './app/services';",
    "import { log } from './server/logger';",
    "import { noteResolver } from './content/resolver';",
    'export const start = (ctx: Context) => log(String(services.length + noteResolver.length + Object.keys(ctx).length));',
  ].join('\n'),
  'src/jobs/schema.ts': "import type { Context } from '../server/context';\nexport const job = (ctx: Context) => ctx;",
  'src/app/services.ts': [
    "import { NoteService } from '../content/service';",
    "import { GroupService } from '../groups/service';",
    'export const services = [NoteService, GroupService];',
  ].join('\n'),
  'src/config.ts': 'export const config = { port: 4000 };',
  'src/server/logger.ts': 'export const log = (line: string) => line;',
  // The server's context builds a feature's service, and the service imports the context type back:
  // the cycle, closed by an `import type`.
  'src/server/context.ts': "import { NoteService } from '../content/service';\nexport interface Context { notes: NoteService }",
  'src/content/service.ts': [
    "import type { Context } from '../server/context';",
    "import { notFound } from '../common/errors';",
    "import { publish } from '../events/bus';",
    "import { session } from '../db/database';",
    "import { config } from '../config';",
    'export class NoteService { constructor(readonly ctx: Context) { publish([notFound(), session, config]); } }',
  ].join('\n'),
  // A resolver may use the request scope, common helpers, its own service and another feature's types.
  'src/content/resolver.ts': [
    "import { viewerOf } from '../request/scope';",
    "import { isStaff } from '../common/roles';",
    "import type { UserRecord } from '../accounts/types';",
    "import { NoteService } from './service';",
    "import { missing } from './missing';",
    'export const noteResolver = [viewerOf, isStaff, NoteService, missing] as unknown as UserRecord[];',
  ].join('\n'),
  'src/content/unused.ts': 'export const nobodyImportsThis = 1;',
  // A feature reaching up into the server for a non-type import.
  'src/groups/service.ts': "import { log } from '../server/logger';\nexport class GroupService { run() { return log('run'); } }",
  'src/groups/loaders.ts': 'export const memberLoader = () => [];',
  'src/accounts/types.ts': "import { notFound } from '../common/errors';\nexport interface UserRecord { role: string }\nexport const missingUser = notFound;",
  'src/common/errors.ts': 'export const notFound = () => new Error("not found");',
  'src/common/roles.ts': "import type { UserRecord } from '../accounts/types';\nexport const isStaff = (u: UserRecord) => u.role === 'ADMIN';",
  'src/request/scope.ts': [
    "import { session } from '../db/database';",
    "import { notFound } from '../common/errors';",
    "import { memberLoader } from '../groups/loaders';",
    'export const viewerOf = () => [session, notFound, memberLoader];',
  ].join('\n'),
  'src/db/database.ts': "import { notFound } from '../common/errors';\nexport const session = notFound;",
  'src/events/bus.ts': [
    "import { notFound } from '../common/errors';",
    "import type { NotificationAdded } from '../notifications/types';",
    'export const publish = (e: unknown) => [e, notFound] as unknown as NotificationAdded;',
  ].join('\n'),
  'src/notifications/types.ts': 'export interface NotificationAdded { id: string }',
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

let dir: string;
let violations: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhongcao-depcruise-'));
  for (const [path, source] of Object.entries(app)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source + '\n');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'made-up-app', private: true }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'node20', strict: true }, include: ['src'] }));
  writeFileSync(join(dir, '.dependency-cruiser.cjs'), `module.exports = { extends: ${JSON.stringify(join(root, '.dependency-cruiser.cjs'))} };\n`);
  const run = spawnSync(process.execPath, [depcruise, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: dir,
    encoding: 'utf8',
  });
  // dependency-cruiser exits with the number of errors; the JSON report is on stdout either way.
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  violations = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the dependency rules', () => {
  test('report each broken rule once and no allowed import', () => {
    expect(violations).toEqual(
      [
        // The context <-> service cycle counts although one side is `import type` (reported once).
        'no-circular: src/content/service.ts -> src/server/context.ts',
        'feature-not-to-server: src/content/service.ts -> src/server/context.ts',
        'feature-not-to-server: src/groups/service.ts -> src/server/logger.ts',
        'common-not-to-feature: src/common/roles.ts -> src/accounts/types.ts',
        'request-only-to-db-and-common: src/request/scope.ts -> src/groups/loaders.ts',
        'events-not-to-feature: src/events/bus.ts -> src/notifications/types.ts',
        'no-orphans: src/content/unused.ts -> src/content/unused.ts',
        'not-to-unresolvable: src/content/resolver.ts -> ./missing',
      ].sort(),
    );
  });
});
