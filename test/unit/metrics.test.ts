import { MAX_OPERATION_NAMES, Metrics, OTHER, UNNAMED } from '../../src/server/metrics';
import { CacheStats } from '../../src/common/cache-stats';
import { loadConfig } from '../../src/config';

// Labels stay bounded whatever clients send: the metrics endpoint cannot be grown without limit.
describe('operation labels', () => {
  test('unnamed operations share one label; names past the bound and malformed ones share another', () => {
    const metrics = new Metrics({});
    expect(metrics.operationLabel(null)).toBe(UNNAMED);
    expect(metrics.operationLabel('')).toBe(UNNAMED);
    expect(metrics.operationLabel('Feed')).toBe('Feed');
    expect(metrics.operationLabel('not a name')).toBe(OTHER);
    for (let i = 1; i < MAX_OPERATION_NAMES; i++) expect(metrics.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(metrics.operationLabel('OneTooMany')).toBe(OTHER);
    // A name seen before the bound keeps its label.
    expect(metrics.operationLabel('Feed')).toBe('Feed');
  });

  test('cache lookups are read from the caches at scrape time', async () => {
    const stats = new CacheStats();
    const metrics = new Metrics({ note: stats });
    stats.record('a note');
    stats.record(undefined);
    stats.record(undefined);
    const text = await metrics.registry.metrics();
    expect(text).toContain('zhongcao_cache_lookups_total{cache="note",result="hit"} 1');
    expect(text).toContain('zhongcao_cache_lookups_total{cache="note",result="miss"} 2');
  });
});

describe('metrics and tracing configuration', () => {
  test('is off unless asked for, and a short token is refused at start-up', () => {
    const config = loadConfig({});
    expect([config.metricsToken, config.metricsPort, config.otelExporterOtlpEndpoint]).toEqual([undefined, undefined, undefined]);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_PORT: '9464', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({ metricsPort: 9464, otelExporterOtlpEndpoint: 'http://collector:4318' });
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
