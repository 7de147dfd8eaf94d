import 'reflect-metadata';
import { pageRank } from '../influence/pagerank';
import { prng, seedId, KIND } from './seed';

/**
 * `npm run bench:influence -- --users 1000000 --follows 20000000`: the influence job's in-memory
 * part at scale without a database: the id index (a Map of UUID strings, as the job keeps),
 * growable Int32Array edge lists and PageRank. Reports time and peak RSS, so the job's memory at
 * 1M users and 20M follows is known without loading that graph into Neo4j.
 */
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function main(): void {
  const users = arg('users', 1_000_000);
  const follows = arg('follows', 20_000_000);
  const rand = prng(42);
  const started = Date.now();
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < users; i++) {
    const id = seedId(KIND.user, i);
    ids.push(id);
    index.set(id, i);
  }
  let source = new Int32Array(1 << 16);
  let target = new Int32Array(1 << 16);
  let length = 0;
  for (let e = 0; e < follows; e++) {
    if (length === source.length) {
      const s2 = new Int32Array(source.length * 2);
      s2.set(source);
      source = s2;
      const t2 = new Int32Array(target.length * 2);
      t2.set(target);
      target = t2;
    }
    source[length] = Math.floor(rand() * users);
    // Power-law targets, as in the seed generator.
    target[length] = Math.min(users - 1, Math.floor(users * Math.pow(rand(), 3)));
    length++;
  }
  const built = Date.now();
  const result = pageRank({ n: users, source: source.subarray(0, length), target: target.subarray(0, length) });
  const done = Date.now();
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    JSON.stringify({ users, follows: length, buildSeconds: (built - started) / 1000, pageRankSeconds: (done - built) / 1000, iterations: result.iterations, converged: result.converged, peakRssMb: peak }) + '\n',
  );
}

main();
