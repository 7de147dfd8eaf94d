import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config';
import { Database } from '../db/database';
import { cypher, CypherQuery } from '../db/cypher';
import type { Tx } from '../db/database';
import { migrate } from '../db/migrations';
import { startLocalNeo4j } from '../db/local-neo4j';
import { hashPassword } from '../accounts/passwords';
import { HANDLE } from '../common/validate';
import { Neo4jError } from 'neo4j-driver';
import { createEventBus, type EventBus } from '../events/bus';

/**
 * `npm run import -- <file.jsonl> [--from-line N] [--strict] [--batch N]`: loads JSON Lines
 * records, batching consecutive records of one type into UNWIND writes. UUID ids in the file are
 * kept and other ids are mapped to a stable UUID (importId); every write is a MERGE, so importing
 * a file again creates nothing new; stored counts are recomputed from the relationships at the end.
 * A record that refers to a node that does not exist is reported as a bad line, never dropped.
 */

const Q: Record<string, CypherQuery> = {
  user: cypher('import/users'),
  follow: cypher('import/follows'),
  product: cypher('import/products'),
  note: cypher('import/notes'),
  like: cypher('import/likes'),
  collect: cypher('import/collects'),
  comment: cypher('import/comments'),
  share: cypher('import/shares'),
  visit: cypher('import/visits'),
  order: cypher('import/orders'),
  group: cypher('import/groups'),
  membership: cypher('import/memberships'),
};
/**
 * The local Neo4j ends transactions after 60 s unless the client asks otherwise; recounting a
 * million users' counts (CALL ... IN TRANSACTIONS under one outer statement) takes longer.
 */
const RECOUNT_TIMEOUT_MS = 6 * 3600_000;
// Product ratings (src/reviews/) are recounted from their reviews the same way.
const RECOUNT = ['import/recount-users', 'import/recount-notes', 'import/recount-comments', 'import/recount-groups', 'import/recount-ratings'].map(cypher);

export class BadLine extends Error {}

const UUIDISH = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id from another system: 1 to 64 characters that need no escaping in a URL, a CSV or a log line. */
export const EXTERNAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/**
 * The namespace of the UUIDs (version 5) that external ids map to; never change it, or a re-import
 * of the same file creates every record again under new ids.
 */
export const IMPORT_ID_NAMESPACE = '0935b7a2-51f7-4df0-9ec3-93c7309264fd';
const CHANNELS = new Set(['IN_APP', 'WECHAT', 'WEIBO', 'DOUYIN', 'LINK', 'OTHER']);

/** What an id in the file names; an external id is unique within its kind only (user 42 and note 42 differ). */
export type IdKind = 'user' | 'note' | 'product' | 'order' | 'comment' | 'group';

/**
 * The id a record gets: a UUID as it is (lower-cased), any other external id as the UUID v5 of
 * "<kind>:<id>" under IMPORT_ID_NAMESPACE (RFC 9562, section 5.5), so the same file always maps to
 * the same ids. The uuid package is only a dev dependency here, and v5 is one SHA-1.
 */
export function importId(kind: IdKind, external: string): string {
  return UUIDISH.test(external) ? external.toLowerCase() : uuidV5(IMPORT_ID_NAMESPACE, `${kind}:${external}`);
}

/** RFC 9562 UUID version 5: SHA-1 of the namespace's 16 bytes and the UTF-8 name, with version and variant set. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A node a record refers to, which must exist when the record is written. */
export interface Reference {
  field: string;
  kind: 'user' | 'note' | 'product' | 'comment' | 'group' | 'share';
  /** The id (or share code) stored in the database. */
  key: string;
  /** The value as the file gave it, for the report. */
  given: string;
}

function ref(refs: Reference[], kind: Reference['kind'], field: string, key: string, given: unknown): string {
  refs.push({ field, kind, key, given: String(given) });
  return key;
}

function id(value: unknown, field: string, kind: IdKind): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return importId(kind, String(value));
  if (typeof value !== 'string' || !(UUIDISH.test(value) || EXTERNAL_ID.test(value))) {
    throw new BadLine(`${field} must be a UUID or an external id of 1 to 64 letters, digits, '.', '_', ':' or '-'`);
  }
  return importId(kind, value);
}

function text(value: unknown, field: string, max: number, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) throw new BadLine(`${field} must be a string of 1 to ${max} characters`);
  return value;
}

function time(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value);
  if (typeof value === 'string') {
    const t = Date.parse(value);
    if (Number.isFinite(t)) return t;
  }
  throw new BadLine(`${field} must be ISO-8601 or epoch milliseconds`);
}

function int(value: unknown, field: string, min: number, max: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) throw new BadLine(`${field} must be an integer from ${min} to ${max}`);
  return value as number;
}

function topics(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 10) throw new BadLine('topics must be a list of at most 10');
  return [...new Set(value.map((t) => text(t, 'topics[]', 32).toLowerCase()))];
}

/** One record as its Cypher expects it, with the nodes it refers to. */
export interface ParsedRecord {
  type: string;
  row: Record<string, unknown>;
  refs: Reference[];
}

/** Turns one parsed record into the row its Cypher expects, or throws BadLine with the reason. */
export async function toRow(record: Record<string, unknown>, bcryptCost: number): Promise<ParsedRecord> {
  const type = record.type;
  const refs: Reference[] = [];
  /** An id field that names another record, which must already be in the database. */
  const refId = (value: unknown, field: string, kind: IdKind & Reference['kind']) => ref(refs, kind, field, id(value, field, kind), value);
  switch (type) {
    case 'user': {
      const handle = text(record.handle, 'handle', 30);
      if (!HANDLE.test(handle)) throw new BadLine('handle must be 3 to 30 letters, digits or underscores');
      const email = record.email === undefined ? `${handle.toLowerCase()}@import.invalid` : text(record.email, 'email', 254);
      const row = {
        id: id(record.id, 'id', 'user'), handle, email, displayName: text(record.displayName, 'displayName', 50), passwordHash: '!',
        createdAt: time(record.createdAt, 'createdAt'), topics: topics(record.topics),
        birthYear: record.birthYear === undefined ? null : int(record.birthYear, 'birthYear', 1900, 2026),
      };
      // Hashed last: bcrypt is the slow part, and a line refused for another reason need not pay it.
      if (record.password !== undefined) row.passwordHash = await hashPassword(text(record.password, 'password', 72), bcryptCost);
      return { type, row, refs };
    }
    case 'follow': {
      const row = { from: refId(record.from, 'from', 'user'), to: refId(record.to, 'to', 'user'), createdAt: time(record.createdAt, 'createdAt') };
      if (row.from === row.to) throw new BadLine('a user cannot follow themself');
      return { type, row, refs };
    }
    case 'note': {
      const format = record.format ?? 'IMAGE_TEXT';
      const visibility = record.visibility ?? 'PUBLIC';
      if (format !== 'IMAGE_TEXT' && format !== 'VIDEO') throw new BadLine('format must be IMAGE_TEXT or VIDEO');
      if (visibility !== 'PUBLIC' && visibility !== 'FOLLOWERS') throw new BadLine('visibility must be PUBLIC or FOLLOWERS');
      if (record.products !== undefined && (!Array.isArray(record.products) || record.products.length > 20)) throw new BadLine('products must be a list of at most 20');
      const products = record.products === undefined ? [] : [...new Set((record.products as unknown[]).map((p) => refId(p, 'products[]', 'product')))];
      return {
        type,
        row: {
          id: id(record.id, 'id', 'note'), author: refId(record.author, 'author', 'user'), title: text(record.title, 'title', 100), body: text(record.body, 'body', 5000, ''),
          createdAt: time(record.createdAt, 'createdAt'), format, visibility, topics: topics(record.topics), products,
          groupId: record.groupId === undefined ? null : refId(record.groupId, 'groupId', 'group'),
        },
        refs,
      };
    }
    case 'like':
    case 'collect':
      return { type, row: { user: refId(record.user, 'user', 'user'), note: refId(record.note, 'note', 'note'), createdAt: time(record.createdAt, 'createdAt') }, refs };
    case 'comment':
      return {
        type,
        row: {
          id: id(record.id, 'id', 'comment'), author: refId(record.author, 'author', 'user'), note: refId(record.note, 'note', 'note'), text: text(record.text, 'text', 1000),
          createdAt: time(record.createdAt, 'createdAt'), replyTo: record.replyTo === undefined ? null : refId(record.replyTo, 'replyTo', 'comment'),
        },
        refs,
      };
    case 'product':
      return {
        type,
        row: {
          id: id(record.id, 'id', 'product'), title: text(record.title, 'title', 100), price: int(record.price, 'price', 0, 10_000_000_000),
          currency: text(record.currency, 'currency', 3, 'CNY'), merchant: record.merchant === undefined ? null : refId(record.merchant, 'merchant', 'user'),
          brand: text(record.brand, 'brand', 50, ''), category: text(record.category, 'category', 50, 'general'),
          stock: int(record.stock, 'stock', 0, 10_000_000, 0), createdAt: record.createdAt === undefined ? 0 : time(record.createdAt, 'createdAt'),
        },
        refs,
      };
    case 'order': {
      if (!Array.isArray(record.items) || record.items.length === 0 || record.items.length > 20) throw new BadLine('items must list 1 to 20 lines');
      const items = (record.items as Record<string, unknown>[]).map((item) => ({ product: refId(item?.product, 'items[].product', 'product'), qty: int(item?.qty, 'items[].qty', 1, 999) }));
      const shareCode = record.shareCode === undefined || record.shareCode === null ? null : text(record.shareCode, 'shareCode', 32);
      if (shareCode !== null) ref(refs, 'share', 'shareCode', shareCode, shareCode);
      return { type, row: { id: id(record.id, 'id', 'order'), buyer: refId(record.buyer, 'buyer', 'user'), items, createdAt: time(record.createdAt, 'createdAt'), shareCode }, refs };
    }
    case 'share': {
      const target = record.target as { type?: unknown; id?: unknown } | undefined;
      if (!target || !['NOTE', 'PRODUCT', 'GROUP'].includes(String(target.type))) throw new BadLine('target.type must be NOTE, PRODUCT or GROUP');
      if (!CHANNELS.has(String(record.channel))) throw new BadLine('channel is not a share channel');
      const targetKind = target.type === 'NOTE' ? 'note' : target.type === 'PRODUCT' ? 'product' : 'group';
      const parentCode = record.parentCode === undefined ? null : text(record.parentCode, 'parentCode', 32);
      if (parentCode !== null) ref(refs, 'share', 'parentCode', parentCode, parentCode);
      return {
        type,
        row: {
          code: text(record.code, 'code', 32), sharer: refId(record.sharer, 'sharer', 'user'), targetType: target.type, targetId: refId(target.id, 'target.id', targetKind),
          channel: record.channel, createdAt: time(record.createdAt, 'createdAt'), parentCode,
        },
        refs,
      };
    }
    case 'visit': {
      const code = text(record.code, 'code', 32);
      ref(refs, 'share', 'code', code, code);
      const visitor = text(record.visitor, 'visitor', 64);
      const at = time(record.createdAt, 'createdAt');
      // Visits have no id in the file; a digest of what they are keeps re-imports idempotent.
      const visitId = createHash('sha1').update(`${code}|${visitor}|${at}`).digest('hex');
      return { type, row: { id: visitId, code, visitor, createdAt: at }, refs };
    }
    case 'group': {
      const visibility = record.visibility ?? 'OPEN';
      if (!['OPEN', 'CLOSED', 'SECRET'].includes(String(visibility))) throw new BadLine('visibility must be OPEN, CLOSED or SECRET');
      return { type, row: { id: id(record.id, 'id', 'group'), name: text(record.name, 'name', 60), owner: refId(record.owner, 'owner', 'user'), visibility, createdAt: time(record.createdAt, 'createdAt') }, refs };
    }
    case 'membership': {
      const role = record.role ?? 'MEMBER';
      if (!['ADMIN', 'MODERATOR', 'MEMBER'].includes(String(role))) throw new BadLine('role must be ADMIN, MODERATOR or MEMBER');
      return { type, row: { user: refId(record.user, 'user', 'user'), group: refId(record.group, 'group', 'group'), role, joinedAt: time(record.joinedAt, 'joinedAt') }, refs };
    }
    default:
      throw new BadLine(`unknown type ${JSON.stringify(type)}`);
  }
}

export interface ImportOptions {
  fromLine?: number;
  strict?: boolean;
  batchSize?: number;
  db?: Database;
  quiet?: boolean;
  /** The API instances' bus (REDIS_URL): told once the import is done that every note record they cache is stale. */
  events?: Pick<EventBus, 'pubsub'> | null;
}

export interface ImportReport {
  lines: number;
  imported: number;
  bad: { line: number; reason: string }[];
  seconds: number;
}

/**
 * The database a command-line job works on: NEO4J_URI if set; else the local Neo4j if one is
 * running (npm start or npm run db); else a local Neo4j started for the job's duration.
 */
export async function jobDatabase(): Promise<{ db: Database; stop(): Promise<void> }> {
  const config = loadConfig();
  const connect = (uri: string) =>
    Database.connect({ uri, user: config.neo4jUser, password: config.neo4jPassword, database: config.neo4jDatabase, retryTimeMs: 30_000 });
  if (config.neo4jUri) {
    const db = connect(config.neo4jUri);
    return { db, stop: () => db.close() };
  }
  const running = connect(`bolt://127.0.0.1:${config.localNeo4jPort}`);
  try {
    await running.ping();
    return { db: running, stop: () => running.close() };
  } catch {
    await running.close();
  }
  const local = await startLocalNeo4j({
    port: config.localNeo4jPort,
    dataDir: config.localNeo4jDataDir,
    heap: process.env.NEO4J_HEAP ?? '2g',
    pageCacheMb: Number(process.env.NEO4J_PAGECACHE_MB ?? 512),
  });
  const db = connect(local.uri);
  return {
    db,
    async stop() {
      await db.close();
      await local.stop();
    },
  };
}

interface Batch {
  type: string;
  records: (ParsedRecord & { line: number })[];
  firstLine: number;
  keys: Set<string>;
}

interface BatchOutcome {
  written: number;
  bad: { line: number; reason: string }[];
}

/** --strict met a record whose reference does not exist: nothing of its batch was written. */
class StrictStop extends Error {}

const MISSING = cypher('import/missing');
const NODE_NAMES: Record<Reference['kind'], string> = { user: 'user', note: 'note', product: 'product', comment: 'comment', group: 'group', share: 'share link' };

/**
 * Writes the records of a batch whose references all exist and reports the others, in one
 * transaction: the lookup and the write see the same graph, so `written` counts exactly what the
 * write matched. The lookup is skipped for batches that refer to nothing (users).
 */
async function writeBatch(tx: Tx, batch: Batch, strict: boolean): Promise<BatchOutcome> {
  const wanted: Record<Reference['kind'], Set<string>> = { user: new Set(), note: new Set(), product: new Set(), comment: new Set(), group: new Set(), share: new Set() };
  for (const record of batch.records) for (const r of record.refs) wanted[r.kind].add(r.key);
  let missing: Record<Reference['kind'], Set<string>> | null = null;
  if (Object.values(wanted).some((keys) => keys.size > 0)) {
    const params = Object.fromEntries(Object.entries(wanted).map(([kind, keys]) => [kind, [...keys]]));
    const [row] = await tx.run<Record<Reference['kind'], string[]>>(MISSING, params);
    missing = Object.fromEntries(Object.entries(row!).map(([kind, keys]) => [kind, new Set(keys)])) as Record<Reference['kind'], Set<string>>;
  }
  const rows: Record<string, unknown>[] = [];
  const bad: BatchOutcome['bad'] = [];
  for (const record of batch.records) {
    const dangling = missing ? record.refs.filter((r) => missing[r.kind].has(r.key)) : [];
    if (dangling.length === 0) {
      rows.push(record.row);
      continue;
    }
    const reason = dangling.map((r) => `${record.type}.${r.field}: no such ${NODE_NAMES[r.kind]} ${JSON.stringify(r.given)}`).join('; ');
    if (strict) throw new StrictStop(`line ${record.line}: ${reason} (nothing from line ${batch.firstLine} on was written; resume with --from-line ${batch.firstLine})`);
    bad.push({ line: record.line, reason });
  }
  if (rows.length > 0) await tx.run(Q[batch.type]!, { rows });
  return { written: rows.length, bad };
}

export async function importFile(path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const config = loadConfig();
  const job = options.db ? null : await jobDatabase();
  const db = options.db ?? job!.db;
  const batchSize = options.batchSize ?? 5000;
  const fromLine = options.fromLine ?? 1;
  const started = Date.now();
  const report: ImportReport = { lines: 0, imported: 0, bad: [], seconds: 0 };
  let batch: Batch | null = null;
  let lastTick = 0;
  const progress = (final = false) => {
    if (options.quiet) return;
    const now = Date.now();
    if (!final && now - lastTick < 1000) return;
    lastTick = now;
    const rate = Math.round(report.imported / Math.max(0.001, (now - started) / 1000));
    process.stderr.write(`\rline ${report.lines}  imported ${report.imported}  bad ${report.bad.length}  ${rate} rows/s   ${final ? '\n' : ''}`);
  };
  const flush = async () => {
    if (!batch || batch.records.length === 0) return;
    const current = batch;
    batch = null;
    let outcome: BatchOutcome;
    try {
      outcome = await db.scope().writeTx((tx) => writeBatch(tx, current, options.strict ?? false));
    } catch (error) {
      if (error instanceof StrictStop) throw error;
      // The batch is all or nothing: resume from its first line.
      throw new Error(`import stopped at line ${current.firstLine} (${(error as Error).message}); resume with --from-line ${current.firstLine}`);
    }
    report.imported += outcome.written;
    report.bad.push(...outcome.bad);
    progress();
  };

  try {
    await migrate(db);
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const raw of lines) {
      report.lines++;
      const lineNo = report.lines;
      if (lineNo < fromLine || raw.trim() === '') continue;
      let parsed: ParsedRecord;
      try {
        const record = JSON.parse(raw) as unknown;
        if (!record || typeof record !== 'object' || Array.isArray(record)) throw new BadLine('not a JSON object');
        parsed = await toRow(record as Record<string, unknown>, config.bcryptCost);
      } catch (error) {
        const reason = error instanceof SyntaxError ? `invalid JSON: ${error.message}` : (error as Error).message;
        if (options.strict) throw new Error(`line ${lineNo}: ${reason}`);
        report.bad.push({ line: lineNo, reason });
        continue;
      }
      // A re-share or a reply may point at a record of the batch being built; one query cannot
      // see rows it creates itself, so that batch is written first.
      const parentKey = parsed.type === 'share' ? parsed.row.parentCode : parsed.type === 'comment' ? parsed.row.replyTo : null;
      const needsFlush = batch !== null && (batch.type !== parsed.type || batch.records.length >= batchSize || (parentKey != null && batch.keys.has(String(parentKey))));
      if (needsFlush) await flush();
      batch ??= { type: parsed.type, records: [], firstLine: lineNo, keys: new Set<string>() };
      batch.records.push({ ...parsed, line: lineNo });
      batch.keys.add(String(parsed.row.code ?? parsed.row.id ?? ''));
    }
    await flush();
    // Bad references are found when their batch is written, after later lines' parse errors.
    report.bad.sort((a, b) => a.line - b.line);
    if (!options.quiet) process.stderr.write('\nrecounting stored counts...\n');
    // CALL ... IN TRANSACTIONS needs an implicit (auto-commit) transaction.
    // Auto-commit transactions are not retried by the driver; a deadlock with live traffic is.
    for (const query of RECOUNT) {
      for (let attempt = 1; ; attempt++) {
        const session = db.driver.session({ database: db.name });
        try {
          await session.run(query.text, {}, { timeout: RECOUNT_TIMEOUT_MS });
          break;
        } catch (error) {
          if (attempt >= 5 || !(error instanceof Neo4jError && error.retriable)) throw error;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        } finally {
          await session.close();
        }
      }
    }
    // Imported likes, collects, comments and shares changed stored counts of any note.
    options.events?.pubsub.publish('NOTES_CHANGED', { noteIds: null, reason: 'IMPORT' });
  } finally {
    await job?.stop();
  }
  report.seconds = (Date.now() - started) / 1000;
  progress(true);
  return report;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  if (!file) throw new Error('usage: npm run import -- <file.jsonl> [--from-line N] [--strict] [--batch N]');
  const fromIdx = args.indexOf('--from-line');
  const batchIdx = args.indexOf('--batch');
  // With REDIS_URL, the API instances share this bus and drop the note records they cache.
  const redisUrl = loadConfig().redisUrl;
  const events = redisUrl ? createEventBus(redisUrl) : null;
  let report: ImportReport;
  try {
    report = await importFile(file, {
      fromLine: fromIdx >= 0 ? Number(args[fromIdx + 1]) : 1,
      strict: args.includes('--strict'),
      batchSize: batchIdx >= 0 ? Number(args[batchIdx + 1]) : undefined,
      events,
    });
  } finally {
    await events?.close();
  }
  for (const bad of report.bad.slice(0, 50)) process.stderr.write(`line ${bad.line}: ${bad.reason}\n`);
  if (report.bad.length > 50) process.stderr.write(`... and ${report.bad.length - 50} more bad lines\n`);
  process.stderr.write(`imported ${report.imported} records from ${report.lines} lines in ${report.seconds.toFixed(1)}s; ${report.bad.length} bad\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
