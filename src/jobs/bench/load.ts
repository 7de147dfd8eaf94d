import autocannon from 'autocannon';
import { cpuMsPerRequest, readCpu, ticksPerSecond } from './cpu';
import { LatencyRecorder } from './latency';

/** One request of a scenario: whose token, and what body. */
export interface BenchRequest {
  token: string | null;
  body: object;
}

export interface ScenarioResult {
  key: string;
  name: string;
  /** How many distinct viewers the scenario drew its requests from (0: anonymous). */
  viewers: number;
  connections: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  /** Transport errors, non-2xx answers and answers carrying GraphQL errors. */
  errors: number;
  apiCpuMsPerRequest: number;
  neo4jCpuMsPerRequest: number;
}

export interface LoadSettings {
  seconds: number;
  connections: number;
  /** Processes whose CPU is charged per request: the API and Neo4j. */
  apiPid: number;
  neo4jPid: number;
  log: (msg: string) => void;
}

const HZ = ticksPerSecond();

interface Scenario {
  key: string;
  name: string;
  viewers: number;
  connections?: number;
  warmupSeconds?: number;
}

/** Wraps a measured run: CPU of both processes before and after, latency percentiles, the log line. */
async function measure(s: Scenario, settings: LoadSettings, connections: number, run: (latency: LatencyRecorder) => Promise<{ errors: number; seconds: number }>): Promise<ScenarioResult> {
  const latency = new LatencyRecorder();
  const api0 = readCpu(settings.apiPid);
  const neo0 = readCpu(settings.neo4jPid);
  const { errors, seconds } = await run(latency);
  const api1 = readCpu(settings.apiPid);
  const neo1 = readCpu(settings.neo4jPid);
  const requests = latency.count;
  const result: ScenarioResult = {
    key: s.key, name: s.name, viewers: s.viewers, connections, ...latency.summary(), rps: Math.round((requests / seconds) * 10) / 10, requests, errors,
    apiCpuMsPerRequest: cpuMsPerRequest(api0, api1, requests, HZ), neo4jCpuMsPerRequest: cpuMsPerRequest(neo0, neo1, requests, HZ),
  };
  settings.log(`${s.name}: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, ${result.rps} req/s, errors ${errors}, CPU/request API ${result.apiCpuMsPerRequest} ms, Neo4j ${result.neo4jCpuMsPerRequest} ms`);
  return result;
}

/** Drives the API over HTTP with autocannon; each request is made by next() (a random viewer, say). */
export async function loadApi(url: string, s: Scenario, next: () => BenchRequest, settings: LoadSettings): Promise<ScenarioResult> {
  const connections = s.connections ?? settings.connections;
  let errors = 0;
  const requests = [{
    setupRequest: (req: Record<string, unknown>) => {
      const r = next();
      return { ...req, headers: { 'content-type': 'application/json', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) }, body: JSON.stringify(r.body) };
    },
    // GraphQL errors come back with status 200: count them, or a failing scenario would look fast.
    onResponse: (status: number, body: string) => {
      if (status < 400 && body.includes('"errors"')) errors++;
    },
  }];
  const options = { url, method: 'POST' as const, timeout: 60, requests: requests as unknown as autocannon.Request[] };
  // A short unmeasured run first, so the JIT of both JVM and V8 has seen the queries.
  if ((s.warmupSeconds ?? 3) > 0) await autocannon({ ...options, connections: 4, duration: s.warmupSeconds ?? 3 });
  errors = 0;
  return measure(s, settings, connections, async (latency) => {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ ...options, connections, duration: settings.seconds }, (error, res) => (error ? reject(error as Error) : resolve(res)));
      instance.on('response', (_client, _status, _bytes, responseTime) => latency.record(responseTime));
    });
    return { errors: errors + result.errors + result.non2xx, seconds: settings.seconds };
  }).finally(() => settle());
}

/** autocannon stops at its deadline with requests in flight: they finish before the next scenario. */
const settle = () => new Promise((r) => setTimeout(r, 1000));

/** A closed loop through the bare driver: `connections` workers each running work() back to back. */
export async function loadRaw(s: Scenario, work: () => Promise<void>, settings: LoadSettings): Promise<ScenarioResult> {
  const connections = s.connections ?? settings.connections;
  const loop = async (seconds: number, workers: number, latency: LatencyRecorder | null) => {
    let errors = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(Array.from({ length: workers }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          await work();
        } catch {
          errors++;
        }
        latency?.record(performance.now() - t0);
      }
    }));
    return errors;
  };
  if ((s.warmupSeconds ?? 3) > 0) await loop(s.warmupSeconds ?? 3, 4, null);
  return measure(s, settings, connections, async (latency) => {
    const started = performance.now();
    const errors = await loop(settings.seconds, connections, latency);
    return { errors, seconds: (performance.now() - started) / 1000 };
  });
}

/** Runs tasks with at most `limit` in flight (logins, follows, probes). */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let nextIndex = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (nextIndex < items.length) {
      const i = nextIndex++;
      out[i] = await task(items[i]!, i);
    }
  }));
  return out;
}
