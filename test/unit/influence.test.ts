import { pageRank, Graph } from '../../src/influence/pagerank';
import { KolTier, parseWeights, scoreOf, tierOf, DEFAULT_THRESHOLDS } from '../../src/influence/scoring';

function graph(n: number, edges: [number, number][]): Graph {
  return { n, source: Int32Array.from(edges.map((e) => e[0])), target: Int32Array.from(edges.map((e) => e[1])) };
}

/**
 * The standard definition solved exactly: x = d·(M x + (dangling·x)/N) + (1-d)/N with Σx = 1,
 * as a dense linear system (Gaussian elimination). Independent of the iterative implementation.
 */
function exactPageRank(n: number, edges: [number, number][], d = 0.85): number[] {
  const out = new Array(n).fill(0);
  for (const [u] of edges) out[u]++;
  // A x = b with A = I - d·(P + D/N), P[v][u] = 1/out[u] for u→v, D[v][u] = 1 for dangling u.
  const A = Array.from({ length: n }, (_, v) => Array.from({ length: n }, (_, u) => (u === v ? 1 : 0)));
  for (const [u, v] of edges) A[v]![u]! -= d / out[u];
  for (let u = 0; u < n; u++) if (out[u] === 0) for (let v = 0; v < n; v++) A[v]![u]! -= d / n;
  const b = new Array(n).fill((1 - d) / n);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < n; k++) A[r]![k]! -= f * A[c]![k]!;
      b[r] -= f * b[c];
    }
  }
  return b.map((v, i) => v / A[i]![i]!);
}

describe('PageRank', () => {
  test('a 3-cycle ranks everyone 1/3', () => {
    const { ranks } = pageRank(graph(3, [[0, 1], [1, 2], [2, 0]]));
    for (const r of ranks) expect(r).toBeCloseTo(1 / 3, 9);
  });

  test.each([
    ['dangling users and two disconnected parts', 7, [[0, 1], [1, 2], [2, 0], [3, 0], [4, 5], [5, 4], [4, 0]] as [number, number][]],
    ['a star of fans around one KOL', 6, [[1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [0, 1]] as [number, number][]],
    ['a chain ending in a user who follows nobody', 5, [[0, 1], [1, 2], [2, 3], [3, 4]] as [number, number][]],
    ['a random graph of 60', 60, Array.from({ length: 300 }, (_, i) => [(i * 7919) % 60, (i * 104729 + 13) % 60] as [number, number]).filter(([a, b]) => a !== b)],
  ])('matches the exact solution within 1e-6: %s', (_name, n, edges) => {
    const unique = [...new Map(edges.map((e) => [`${e[0]}-${e[1]}`, e])).values()];
    const { ranks, converged } = pageRank(graph(n, unique));
    const exact = exactPageRank(n, unique);
    expect(converged).toBe(true);
    ranks.forEach((r, i) => expect(Math.abs(r - exact[i]!)).toBeLessThan(1e-6));
    expect([...ranks].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  test('known values: 0→1, 1→2, 2→0, 2→1 with user 3 following and followed by nobody', () => {
    // From the definition with d = 0.85; user 3 gets (1-d)/N + d·x3/N, so x3 = 0.0375 / 0.7875 = 1/21.
    const { ranks } = pageRank(graph(4, [[0, 1], [1, 2], [2, 0], [2, 1]]));
    const known = [0.20458155, 0.378475867, 0.369323535, 1 / 21];
    ranks.forEach((r, i) => expect(Math.abs(r - known[i]!)).toBeLessThan(1e-6));
  });
});

describe('scores and tiers', () => {
  const base = { followers: 0, pageRank: 0, engagement: 0, conversions: 0, gmv: 0, reach: 0 };
  test('tiers follow follower thresholds, and KOCs are small but engaging or converting', () => {
    expect(tierOf({ ...base, followers: 2_000_000 })).toBe(KolTier.HEAD);
    expect(tierOf({ ...base, followers: 150_000 })).toBe(KolTier.WAIST);
    expect(tierOf({ ...base, followers: 6_000 })).toBe(KolTier.TAIL);
    expect(tierOf({ ...base, followers: 200, engagement: 40 })).toBe(KolTier.KOC);
    expect(tierOf({ ...base, followers: 20, conversions: 3 })).toBe(KolTier.KOC);
    expect(tierOf({ ...base, followers: 200, engagement: 1 })).toBe(KolTier.NONE);
    expect(tierOf({ ...base, followers: 10 }, { ...DEFAULT_THRESHOLDS, tail: 5 })).toBe(KolTier.TAIL);
  });

  test('the composite score is 0-100 and weights are configurable', () => {
    const max = { pageRank: 0.1, engagement: 1000, conversion: 100000, reach: 50 };
    expect(scoreOf({ ...base, pageRank: 0.1, engagement: 1000, gmv: 100000, reach: 50 }, max)).toBe(100);
    expect(scoreOf(base, max)).toBe(0);
    const onlyReach = parseWeights('pageRank:0,engagement:0,conversion:0,reach:1');
    expect(scoreOf({ ...base, reach: 50 }, max, onlyReach)).toBe(100);
    expect(() => parseWeights('bogus:1')).toThrow(/INFLUENCE_WEIGHTS/);
  });
});
