import 'reflect-metadata';
import { createWriteStream, WriteStream } from 'node:fs';
import { importFile } from './import';
import { seedText } from './seed-text';

/**
 * Deterministic generator of a realistic social-commerce graph, as JSON Lines for the importer:
 * power-law follows (a few KOLs with very many followers), ages skewed to 18-34, skewed notes
 * per user, engagement concentrated on popular notes, merchants and products, share chains of
 * 2-3 hops per order, groups with members.
 */

export const SIZES = { small: 1_000, medium: 100_000, large: 1_000_000 } as const;
export const TOPICS = ['beauty', 'fashion', 'food', 'travel', 'fitness', 'home', 'mother-baby', 'digital'];
export const CHANNELS = ['IN_APP', 'WECHAT', 'WEIBO', 'DOUYIN', 'LINK', 'OTHER'];
/** Seeded users user0..user99 can log in with this password (for benchmarks and demos). */
export const SEED_PASSWORD = 'zhongcao-seed-pass';
const DAY = 24 * 3600_000;

/** mulberry32: small, fast and deterministic for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped id that is stable for (kind, index), so seeds and benchmarks can refer to entities. */
export function seedId(kind: number, index: number): string {
  const hex = (index >>> 0).toString(16).padStart(12, '0');
  return `5eed${kind.toString(16).padStart(4, '0')}-0000-4000-8000-${hex}`;
}

export const KIND = { user: 1, note: 2, product: 3, order: 4, comment: 5, group: 6 };

export interface SeedOptions {
  users: number;
  seed: number;
  /**
   * The moment the generated history ends at (epoch ms): by default the time of generation, so a
   * fresh demo's "last 30 days" has data; pass it (`--now`) for byte-identical output.
   */
  now?: number;
}

export type Line = Record<string, unknown> & { type: string };

/** Yields the records in dependency order (users before follows, notes before likes, ...). */
export function* generate(options: SeedOptions): Generator<Line> {
  const rand = prng(options.seed);
  const N = options.users;
  const now = options.now ?? Date.now();
  const year = new Date(now).getUTCFullYear();
  const int = (n: number) => Math.floor(rand() * n);
  /** Zipf-like pick in [0, n): low indexes are much more likely (popular users and notes). */
  const skewed = (n: number, alpha = 2.2) => Math.min(n - 1, Math.floor(n * Math.pow(rand(), alpha)));
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
  const ago = (maxDays: number) => now - Math.floor(rand() * maxDays * DAY);
  // Searchable titles and bodies draw from a stream of their own, so their words change no other record.
  const text = seedText(prng(options.seed ^ 0x7e47));

  const userCreated: number[] = new Array(N);
  for (let i = 0; i < N; i++) {
    // 60% aged 18-34, the rest spread over 35-60.
    const age = rand() < 0.6 ? 18 + int(17) : 35 + int(26);
    const interests = [...new Set([pick(TOPICS), pick(TOPICS), pick(TOPICS)].slice(0, 1 + int(3)))];
    userCreated[i] = ago(365);
    yield {
      type: 'user', id: seedId(KIND.user, i), handle: `user${i}`, displayName: `User ${i}`, email: `user${i}@seed.zhongcao.test`,
      ...(i < 100 ? { password: SEED_PASSWORD } : {}),
      createdAt: userCreated[i], topics: interests, birthYear: year - age,
    };
  }

  // Follows: out-degree averages 20; targets follow a power law, so the first users become KOLs.
  for (let i = 0; i < N; i++) {
    const k = Math.min(N - 1, Math.floor(-Math.log(1 - rand()) * 20));
    const targets = new Set<number>();
    for (let j = 0; j < k * 2 && targets.size < k; j++) {
      const t = skewed(N, 3);
      if (t !== i) targets.add(t);
    }
    for (const t of targets) yield { type: 'follow', from: seedId(KIND.user, i), to: seedId(KIND.user, t), createdAt: Math.min(now, Math.max(userCreated[i]!, userCreated[t]!) + int(DAY)) };
  }

  // Merchants are 1% of users; each sells 10 products.
  const merchants = Math.max(1, Math.floor(N / 100));
  const products = merchants * 10;
  for (let p = 0; p < products; p++) {
    yield {
      type: 'product', id: seedId(KIND.product, p), ...text.product(pick(TOPICS), int(1_000_000), p),
      price: 990 + int(50_000), currency: 'CNY', merchant: seedId(KIND.user, N - 1 - (p % merchants)), stock: 10_000,
    };
  }

  // Groups: one per 200 users, about 20 members each, some large. They come before the notes,
  // since members post some of their notes in their groups.
  const groups = Math.max(1, Math.floor(N / 200));
  const groupsOf = new Map<number, number[]>();
  const joins = (u: number, g: number) => groupsOf.set(u, [...(groupsOf.get(u) ?? []), g]);
  for (let g = 0; g < groups; g++) {
    const owner = skewed(N, 2);
    joins(owner, g);
    yield { type: 'group', id: seedId(KIND.group, g), name: `${pick(TOPICS)} circle ${g}`, owner: seedId(KIND.user, owner), visibility: pick(['OPEN', 'OPEN', 'CLOSED', 'SECRET']), createdAt: ago(300) };
  }
  for (let m = 0; m < groups * 20; m++) {
    const [u, g] = [int(N), skewed(groups, 1.5)];
    joins(u, g);
    yield { type: 'membership', user: seedId(KIND.user, u), group: seedId(KIND.group, g), role: rand() < 0.05 ? 'MODERATOR' : 'MEMBER', joinedAt: ago(200) };
  }

  // Notes per user are skewed: most post a few, some post a lot. About 5 per user on average.
  let notes = 0;
  const noteAuthor: number[] = [];
  for (let i = 0; i < N; i++) {
    const count = Math.min(200, Math.floor(Math.pow(rand(), 3) * 20));
    const inGroups = groupsOf.get(i);
    for (let j = 0; j < count; j++) {
      const topic = pick(TOPICS);
      noteAuthor.push(i);
      yield {
        type: 'note', id: seedId(KIND.note, notes), author: seedId(KIND.user, i), ...text.note(topic, notes), createdAt: ago(180), format: rand() < 0.3 ? 'VIDEO' : 'IMAGE_TEXT',
        topics: [topic], ...(rand() < 0.2 ? { products: [seedId(KIND.product, int(products))] } : {}),
        ...(inGroups && rand() < 0.3 ? { groupId: seedId(KIND.group, pick(inGroups)) } : {}),
      };
      notes++;
    }
  }
  if (notes === 0) return;

  // Engagement concentrates on popular notes.
  const seenLike = new Set<string>();
  for (let n = 0; n < N * 5; n++) {
    const u = int(N);
    const note = skewed(notes, 2.5);
    const key = `${u}:${note}`;
    if (seenLike.has(key)) continue;
    seenLike.add(key);
    yield { type: 'like', user: seedId(KIND.user, u), note: seedId(KIND.note, note), createdAt: ago(90) };
  }
  for (let n = 0; n < N; n++) yield { type: 'collect', user: seedId(KIND.user, int(N)), note: seedId(KIND.note, skewed(notes, 2.5)), createdAt: ago(90) };
  for (let c = 0; c < N; c++) {
    yield { type: 'comment', id: seedId(KIND.comment, c), author: seedId(KIND.user, int(N)), note: seedId(KIND.note, skewed(notes, 2.5)), text: pick(['好用!', 'Where to buy?', 'Need this', 'Tried it, works', '种草了']), createdAt: ago(90) };
  }

  // Share chains: each order comes at the end of a chain of 1-4 shares (2.5 on average). The
  // chains are built first and written level by level, then visits, then orders, so the
  // importer writes them in large batches.
  let shares = 0;
  const orders = Math.max(1, Math.floor(N / 10));
  const levels: Line[][] = [[], [], [], []];
  const visits: Line[] = [];
  const orderLines: Line[] = [];
  for (let o = 0; o < orders; o++) {
    const product = int(products);
    const hops = 1 + int(4);
    let parent: string | null = null;
    let at = ago(30) - hops * 3600_000;
    for (let h = 0; h < hops; h++) {
      const code = `S${(shares++).toString(36).padStart(8, '0')}`;
      levels[h]!.push({ type: 'share', code, sharer: seedId(KIND.user, skewed(N, 2)), target: { type: 'PRODUCT', id: seedId(KIND.product, product) }, channel: pick(CHANNELS), createdAt: at, ...(parent ? { parentCode: parent } : {}) });
      visits.push({ type: 'visit', code, visitor: `seed-visitor-${o}-${h}`, createdAt: at + 600_000 });
      parent = code;
      at += 3600_000;
    }
    orderLines.push({ type: 'order', id: seedId(KIND.order, o), buyer: seedId(KIND.user, int(N)), items: [{ product: seedId(KIND.product, product), qty: 1 + int(2) }], createdAt: at, shareCode: parent });
  }
  for (const level of levels) yield* level;
  yield* visits;
  yield* orderLines;

}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await new Promise<void>((r) => stream.once('drain', () => r()));
}

export async function writeSeed(options: SeedOptions, path: string): Promise<number> {
  const stream = createWriteStream(path);
  let count = 0;
  for (const record of generate(options)) {
    await write(stream, JSON.stringify(record) + '\n');
    count++;
  }
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
  return count;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `--now 2026-11-01T00:00:00Z` (or epoch milliseconds): where the timeline ends; the time of generation without it. */
export function parseNow(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const at = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(at) || at < Date.UTC(2000, 0, 1) || at > Date.UTC(2100, 0, 1)) {
    throw new Error('--now must be an ISO-8601 date (2026-11-01 or 2026-11-01T00:00:00Z) or epoch milliseconds, from 2000 to 2100');
  }
  return at;
}

async function main(): Promise<void> {
  const size = arg('size') as keyof typeof SIZES | undefined;
  const users = Number(arg('users') ?? (size ? SIZES[size] : SIZES.small));
  const seed = Number(arg('seed') ?? 42);
  if (!Number.isInteger(users) || users < 10 || users > 10_000_000) throw new Error('--users must be an integer from 10 to 10,000,000');
  const now = parseNow(arg('now'));
  const out = arg('out');
  const started = Date.now();
  // Printed so that the same file can be generated again.
  const anchor = `timeline ending ${new Date(now).toISOString()} (--now ${new Date(now).toISOString()} repeats it)`;
  if (out) {
    const lines = await writeSeed({ users, seed, now }, out);
    process.stderr.write(`wrote ${lines} records for ${users} users to ${out} in ${((Date.now() - started) / 1000).toFixed(1)}s, ${anchor}\n`);
    return;
  }
  const tmp = `/tmp/zhongcao-seed-${users}-${seed}-${now}.jsonl`;
  await writeSeed({ users, seed, now }, tmp);
  process.stderr.write(`importing ${users} users, ${anchor}\n`);
  await importFile(tmp, { strict: true });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
