/**
 * PageRank over a follow graph held in typed arrays (CSR by source), as NetworkX defines it:
 * damping d; the rank of users who follow nobody (dangling) is spread evenly over all users;
 * x' = d * (Σ x[u]/outdeg[u] over followers u + dangling/N) + (1 - d)/N; scores sum to 1.
 */
export interface PageRankOptions {
  damping?: number;
  /** Stop once the L1 change between iterations is below this. */
  tolerance?: number;
  maxIterations?: number;
}

export interface Graph {
  /** Number of nodes. */
  n: number;
  /** Edge i goes from source[i] to target[i]. */
  source: Int32Array;
  target: Int32Array;
}

export function pageRank(graph: Graph, options: PageRankOptions = {}): { ranks: Float64Array; iterations: number; converged: boolean } {
  const d = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 100;
  const { n, source, target } = graph;
  if (n === 0) return { ranks: new Float64Array(0), iterations: 0, converged: true };
  const outDegree = new Int32Array(n);
  for (let e = 0; e < source.length; e++) outDegree[source[e]!]!++;
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let dangling = 0;
    for (let v = 0; v < n; v++) if (outDegree[v] === 0) dangling += x[v]!;
    const base = (1 - d) / n + (d * dangling) / n;
    next.fill(base);
    for (let e = 0; e < source.length; e++) {
      const u = source[e]!;
      next[target[e]!]! += (d * x[u]!) / outDegree[u]!;
    }
    let change = 0;
    for (let v = 0; v < n; v++) change += Math.abs(next[v]! - x[v]!);
    [x, next] = [next, x];
    if (change < tolerance) return { ranks: x, iterations: iteration, converged: true };
  }
  return { ranks: x, iterations: maxIterations, converged: false };
}
