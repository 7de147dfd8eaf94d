import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLClient, ClientError } from 'graphql-request';
import { startLocalNeo4j, LocalNeo4j } from '../../src/db/local-neo4j';
import { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { createApp, App } from '../../src/server/app';
import { createEventBus } from '../../src/events/bus';
import { createLimits } from '../../src/accounts/limits';
import { createLogger } from '../../src/server/logger';
import { testConfig } from '../helpers/app';

/**
 * Neo4j stops in the middle of a write load: the API stays up and fails fast, comes back by
 * itself when Neo4j does, and no acknowledged write is lost or duplicated. This test owns its
 * own Neo4j (so it can stop it) on a fresh data directory.
 */
jest.setTimeout(240_000);

let neo: LocalNeo4j;
let dataDir: string;
let db: Database;
let app: App;
let port: number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-faults-'));
  neo = await startLocalNeo4j({ port: 0, dataDir, heap: '512m' });
  port = Number(new URL(neo.uri).port);
  db = Database.connect({ uri: neo.uri, user: 'neo4j', password: '', database: 'neo4j', retryTimeMs: 1000 });
  await migrate(db);
  const config = testConfig();
  app = await createApp({ config, logger: createLogger((process.env.TEST_LOG_LEVEL as 'error') ?? 'silent'), db, events: createEventBus(), limits: createLimits(config) }, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await neo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(query: string, variables: Record<string, unknown>, token?: string) {
  const client = new GraphQLClient(app.url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  try {
    return { data: (await client.rawRequest<Record<string, any>>(query, variables)).data, code: null as string | null }; // eslint-disable-line @typescript-eslint/no-explicit-any
  } catch (error) {
    if (error instanceof ClientError) return { data: null, code: String(error.response.errors?.[0]?.extensions?.code ?? 'HTTP') };
    return { data: null, code: 'NETWORK' };
  }
}

const CREATE = `mutation($key: String!) { createNote(input: { title: "fault test", body: "", format: IMAGE_TEXT, idempotencyKey: $key }) { note { id } userErrors { code } } }`;

test('acknowledged writes survive Neo4j stopping and starting; the API recovers on its own', async () => {
  const signed = await call(`mutation { signUp(input: { email: "fault@example.com", handle: "fault_user", displayName: "F", password: "planting grass" }) { token user { id } userErrors { code } } }`, {});
  const token = signed.data!.signUp.token as string;
  const acknowledged = new Map<string, string>();
  const failed: string[] = [];
  const write = async (key: string) => {
    const started = Date.now();
    const result = await call(CREATE, { key }, token);
    if (result.data) acknowledged.set(key, result.data.createNote.note.id);
    else {
      failed.push(key);
      expect(result.code).toBe('SERVICE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  };

  for (let i = 0; i < 10; i++) await write(`k${i}`);
  const stopping = neo.stop();
  for (let i = 10; i < 25; i++) await write(`k${i}`);
  await stopping;
  for (let i = 25; i < 30; i++) await write(`k${i}`);
  expect(failed.length).toBeGreaterThan(0);
  expect((await fetch(app.url.replace('graphql', 'readyz'))).status).toBe(503);
  expect((await fetch(app.url.replace('graphql', 'healthz'))).status).toBe(200);

  neo = await startLocalNeo4j({ port, dataDir, heap: '512m' });
  // The API reconnects by itself: no restart, just wait until it is ready again.
  for (let i = 0; ; i++) {
    if ((await fetch(app.url.replace('graphql', 'readyz'))).status === 200) break;
    if (i > 60) throw new Error('API did not recover');
    await new Promise((r) => setTimeout(r, 500));
  }
  // Clients retry what failed, with the same idempotency keys; acknowledged ones are retried too.
  for (const key of [...failed, ...acknowledged.keys()]) {
    const result = await call(CREATE, { key }, token);
    expect(result.code).toBeNull();
    if (acknowledged.has(key)) expect(result.data!.createNote.note.id).toBe(acknowledged.get(key));
  }
  const { records } = await db.driver.executeQuery(
    `MATCH (u:User {handleLower: 'fault_user'})-[:POSTED]->(n:Note) RETURN count(n) AS notes, count(DISTINCT n.clientKey) AS keys, u.noteCount AS stored`,
  );
  expect(records[0]!.toObject()).toEqual({ notes: 30, keys: 30, stored: 30 });
});
