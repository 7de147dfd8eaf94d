import { StatementCapture, type CapturedTx } from '../../src/db/capture';
import { cpuMsPerRequest, parseProcStat } from '../../src/jobs/bench/cpu';
import { LatencyRecorder, percentile } from '../../src/jobs/bench/latency';
import { toReplayPlan } from '../../src/jobs/bench/replay';
import { evaluateTargets, S, type Measured } from '../../src/jobs/bench/targets';

describe('bench latency percentiles', () => {
  test('p95 of 1..100 ms is 95 ms, not the p97.5 autocannon reports', () => {
    const recorder = new LatencyRecorder();
    for (let ms = 100; ms >= 1; ms--) recorder.record(ms);
    expect(recorder.summary()).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(recorder.count).toBe(100);
  });

  test('nearest rank: a few slow requests among twenty decide p95 only when they are more than 5%', () => {
    const fast = Array.from({ length: 19 }, () => 10);
    expect(percentile([...fast, 500], 95)).toBe(10);
    expect(percentile([...fast.slice(2), 500, 500, 500], 95)).toBe(500);
    expect(percentile([], 95)).toBeNaN();
  });
});

describe('bench CPU per request', () => {
  // Fields 14 and 15 (utime 250, stime 50); the command name holds a space and a parenthesis.
  const stat = (utime: number, stime: number) => `4242 (java (neo) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 90 0 12345 0 0`;

  test('reads utime + stime after the command name, whatever it holds', () => {
    expect(parseProcStat(stat(250, 50))).toEqual({ ticks: 300 });
  });

  test('turns the ticks between two samples into milliseconds per request', () => {
    // 150 ticks at 100 Hz = 1,500 ms over 300 requests.
    expect(cpuMsPerRequest(parseProcStat(stat(250, 50)), parseProcStat(stat(350, 100)), 300, 100)).toBe(5);
    expect(cpuMsPerRequest({ ticks: 0 }, { ticks: 10 }, 0, 100)).toBeNaN();
  });

  test('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('no parenthesis here')).toThrow('/proc');
  });
});

describe('bench targets', () => {
  const m = (rps: number, p95: number, errors = 0): Measured => ({ rps, p95, errors });
  const all = {
    [S.feed]: m(600, 25), [S.skeleton]: m(1000, 10), [S.rawFeed]: m(800, 20), [S.heavyFeed]: m(300, 55),
    [S.note]: m(600, 30), [S.rawNote]: m(800, 20), [S.profile]: m(1600, 15), [S.rawProfile]: m(2000, 10),
    [S.like]: m(400, 80), [S.placeOrder]: m(200, 150), [S.discover]: m(300, 90), [S.referralTree]: m(10, 400),
  };
  const extras = { rssMb: 300, oversell: { ok: true, detail: '50 of 50 units sold, stock 0' } };

  test('a run meeting every target of section 2 says so on every row', () => {
    const rows = evaluateTargets(all, extras);
    expect(rows).toHaveLength(13);
    expect(rows.filter((r) => !r.met)).toEqual([]);
  });

  test('each target misses on its own figure', () => {
    const missed = (results: Record<string, Measured>, x = extras) => evaluateTargets(results, x).filter((r) => !r.met).map((r) => r.measure);
    expect(missed({ ...all, [S.feed]: m(600, 31) })).toEqual(['followingFeed first page, p95']);
    expect(missed({ ...all, [S.skeleton]: m(1300, 10) })).toEqual(['followingFeed first page against the bare skeleton query']);
    expect(missed({ ...all, [S.rawNote]: m(1000, 10) })).toEqual(['GraphQL overhead, note page: API against the same statements raw']);
    expect(missed({ ...all, [S.heavyFeed]: m(300, 61) })).toEqual(["heavy viewer's followingFeed, p95"]);
    expect(missed({ ...all, [S.profile]: m(1500, 15), [S.rawProfile]: m(1500, 10) })).toEqual(['user profile throughput']);
    expect(missed({ ...all, [S.like]: m(327, 80) })).toEqual(['like throughput']);
    expect(missed(all, { ...extras, oversell: { ok: false, detail: '51 of 50 units sold' } })).toEqual(['placeOrder on one hot product, p95, no oversell']);
    expect(missed(all, { ...extras, rssMb: 513 })).toEqual(['API peak RSS, caches included']);
  });

  test('a scenario with errors or one that did not run meets nothing', () => {
    const rows = evaluateTargets({ ...all, [S.discover]: m(300, 90, 3), [S.referralTree]: undefined }, extras);
    expect(rows.find((r) => r.measure.startsWith('discoverFeed'))).toMatchObject({ met: false, actual: '90 ms; 3 errors' });
    expect(rows.find((r) => r.measure.startsWith('referralTree'))).toMatchObject({ met: false, actual: 'not measured' });
    const slow = evaluateTargets({ ...all, [S.referralTree]: m(0, NaN) }, extras);
    expect(slow.find((r) => r.measure.startsWith('referralTree'))).toMatchObject({ met: false, actual: 'no request completed in the run' });
  });

  test('the overhead row states both throughputs and their ratio', () => {
    const row = evaluateTargets(all, extras).find((r) => r.measure.includes('overhead, feed'));
    expect(row).toEqual({ measure: 'GraphQL overhead, feed: API against the same statements raw', target: 'throughput ≥ 2/3', actual: '600 req/s / 800 req/s = 75%', met: true });
  });
});

describe('statement capture and its replay plan', () => {
  const query = (name: string) => ({ name, text: `RETURN '${name}'` });

  test('writes each committed transaction with what had ended when it began, and drops rolled-back ones', () => {
    const lines: string[] = [];
    const capture = new StatementCapture((line) => lines.push(line));
    const viewer = capture.begin('read');
    viewer.statement(query('accounts/viewer'), { id: 'u1', at: 5 });
    viewer.end(true);
    // Two loader batches side by side, then a write that fails.
    const a = capture.begin('read');
    const b = capture.begin('read');
    b.attempt();
    b.statement(query('b-first-attempt'), {});
    b.attempt();
    b.statement(query('b'), { after: undefined });
    a.statement(query('a'), { ids: [1, 2] });
    a.end(true);
    b.end(true);
    const failed = capture.begin('write');
    failed.statement(query('w'), {});
    failed.end(false);
    const txs = lines.map((l) => JSON.parse(l) as CapturedTx);
    expect(txs.map((t) => [t.tx, t.after, t.mode, t.statements.map((s) => s.name)])).toEqual([
      [0, 0, 'read', ['accounts/viewer']],
      [1, 1, 'read', ['a']],
      [2, 1, 'read', ['b']],
    ]);
    expect(txs[2]!.statements[0]!.params).toEqual({ after: null });
  });

  test('the plan keeps the overlap, counted from the request\'s first transaction, and Cypher integers', () => {
    const tx = (n: number, after: number, params: Record<string, unknown> = {}): string =>
      JSON.stringify({ tx: n, after, mode: 'read', statements: [{ name: `q${n}`, text: `RETURN ${n}`, params }] } satisfies CapturedTx);
    // Earlier requests had ended 40 transactions; this one ran 40 alone, then 41 and 42 together, then 43.
    const plan = toReplayPlan([tx(42, 41), tx(40, 40, { limit: 21, ratio: 0.5 }), tx(41, 41), tx(43, 43), '']);
    expect(plan.map((t) => t.after)).toEqual([0, 1, 1, 3]);
    const params = plan[0]!.statements[0]!.params as { limit: { toNumber(): number }; ratio: number };
    expect(params.limit.toNumber()).toBe(21);
    expect(typeof params.limit).toBe('object');
    expect(params.ratio).toBe(0.5);
    expect(toReplayPlan([])).toEqual([]);
  });
});
