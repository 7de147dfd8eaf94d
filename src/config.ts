import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DEVELOPMENT_SECRET_KEY, parseSecretKey } from './security/secret-box';
import { DEFAULT_GROUP_LEVEL_THRESHOLDS } from './groups/levels';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  host: string;
  port: number;
  nodeEnv: string;
  /** Unset means: start the local embedded Neo4j from neo4j/. */
  neo4jUri: string | undefined;
  neo4jUser: string;
  neo4jPassword: string;
  neo4jDatabase: string;
  neo4jRetryTimeMs: number;
  neo4jQueryTimeoutMs: number;
  localNeo4jPort: number;
  localNeo4jDataDir: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  bcryptCost: number;
  redisUrl: string | undefined;
  logLevel: LogLevel;
  loginWindowSeconds: number;
  loginMaxFailuresPerAccount: number;
  loginMaxAttemptsPerIp: number;
  /** Where data-export archives are written (EXPORT_DIR), absolute; instances serving downloads share it. */
  exportDir: string;
  /** How long logIn's two-factor challenge waits for completeTwoFactorLogIn. */
  twoFactorChallengeTtlSeconds: number;
  /**
   * The keys TOTP secrets are sealed with at rest (src/security/secret-box.ts): the current one
   * (TWO_FACTOR_ENCRYPTION_KEY, required in production) first, then a previous one still opened
   * while its secrets are re-sealed (TWO_FACTOR_ENCRYPTION_KEY_PREVIOUS).
   */
  twoFactorEncryptionKeys: Buffer[];
  /** The roles whose staff operations need two-factor sign-in on (REQUIRE_2FA_FOR_ROLES, e.g. "ADMIN,GROWTH,MERCHANT"). */
  require2faForRoles: string[];
  signUpMaxPerIp: number;
  searchMaxPerUserPerMinute: number;
  searchMaxPerIpPerMinute: number;
  messagesMaxPerUserPerMinute: number;
  typingMaxPerUserPerMinute: number;
  conversationsMaxPerUserPerDay: number;
  shutdownGraceMs: number;
  publicBaseUrl: string;
  attributionWindowDays: number;
  fraudMaxOrdersPerLinkPerMinute: number;
  fraudLiveOrdersPer100ViewersPerMinute: number;
  fraudMaxSignUpsPerVisitor: number;
  groupBuySweepMs: number;
  influenceHalfLifeDays: number;
  influenceWeights: string | undefined;
  influenceScheduleMinutes: number;
  kolHeadFollowers: number;
  kolWaistFollowers: number;
  kolTailFollowers: number;
  kocMinEngagementRatePct: number;
  kocMinConversions: number;
  kocMinFollowers: number;
  /** The lifetime points LV1 to LV10 start at (USER_LEVEL_THRESHOLDS, ten rising integers from 0). */
  userLevelThresholds: number[];
  /** The contribution score group member levels 1 to 10 start at (GROUP_LEVEL_THRESHOLDS, ten rising integers from 0). */
  groupLevelThresholds: number[];
  /** How long a cached viewer (session + account) is trusted without a bus event; 0 turns the cache off. */
  viewerCacheTtlMs: number;
  viewerCacheMaxEntries: number;
  /** How long a session's use waits to be written with the others (src/accounts/session-touches.ts). */
  sessionTouchFlushMs: number;
  /** How long an instance keeps a user record without hearing an event; 0 turns the cache off. */
  userCacheTtlMs: number;
  userCacheMaxEntries: number;
  /** From how many follows a viewer's following feed walks the newest notes instead of their followees' (cypher/feeds/following-feed-wide.cypher). */
  feedWideFollows: number;
  /** How many of the newest notes that walk looks at before it asks the followees' notes instead. */
  feedWideScan: number;
  /**
   * Below what share of a page's records (percent) the caches recently held, feed pages bring their
   * note and author records in their own query (src/feeds/page-records.ts); 0 never, 100 always.
   */
  feedPageRecordsBelowPct: number;
  /** How long an instance keeps a note record without hearing an event; 0 turns the cache off. */
  noteCacheTtlMs: number;
  noteCacheMaxEntries: number;
  noteCacheMaxMb: number;
  /** How long a viewer's discover first pages reuse one ranking without hearing an event; 0 turns the cache off. */
  discoverCacheTtlMs: number;
  discoverCacheMaxEntries: number;
  /** Live room counters reach watchers at most this often. */
  liveCounterIntervalMs: number;
  /** Messages one live room watcher's queue holds before its oldest comments are shed. */
  liveWatcherBuffer: number;
  /** How often every live room watcher's right to watch is read again. */
  liveRightsRecheckMs: number;
  /** The privacy policy in force: users who accepted another version are asked to accept it (src/privacy/policy.ts). */
  privacyPolicyVersion: string;
  /** Days between a deletion request and the sweep that erases the account. */
  accountDeletionGraceDays: number;
  /** Days a deleted account's handle stays reserved before anyone may take it. */
  handleQuarantineDays: number;
  /** Serves /metrics on the public port to requests bearing this token (METRICS_TOKEN); unset, not there. */
  metricsToken: string | undefined;
  /** Serves /metrics on a port of its own, on HOST (METRICS_PORT; 0 picks a free one); unset, no such port. */
  metricsPort: number | undefined;
  /** Where OpenTelemetry traces go (OTEL_EXPORTER_OTLP_ENDPOINT); unset, tracing is off. */
  otelExporterOtlpEndpoint: string | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

/** A bearer token guessable by no one: at least 32 characters, printable, no spaces. */
function metricsToken(env: Env): string | undefined {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\x21-\x7e]{32,512}$/.test(raw)) throw new ConfigError('METRICS_TOKEN', 'must be 32 to 512 printable characters without spaces');
  return raw;
}

function secretKeys(env: Env, nodeEnv: string): Buffer[] {
  const key = (name: string): Buffer | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return null;
    const parsed = parseSecretKey(raw);
    if (!parsed) throw new ConfigError(name, 'must be 32 random bytes, as 64 hex digits or base64 (openssl rand -hex 32)');
    return parsed;
  };
  const current = key('TWO_FACTOR_ENCRYPTION_KEY');
  const previous = key('TWO_FACTOR_ENCRYPTION_KEY_PREVIOUS');
  if (!current && nodeEnv === 'production') throw new ConfigError('TWO_FACTOR_ENCRYPTION_KEY', 'is required when NODE_ENV=production');
  if (!current && previous) throw new ConfigError('TWO_FACTOR_ENCRYPTION_KEY_PREVIOUS', 'needs TWO_FACTOR_ENCRYPTION_KEY, the key it was replaced by');
  return [current ?? DEVELOPMENT_SECRET_KEY, ...(previous ? [previous] : [])];
}

function str(env: Env, name: string, fallback: string, maxLength = 4096): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw.length > maxLength) throw new ConfigError(name, `longer than ${maxLength} characters`);
  return raw;
}

/** A short label such as 2026-12-01 or v3: letters, digits, dots and dashes. */
function policyVersion(env: Env): string {
  const value = str(env, 'PRIVACY_POLICY_VERSION', '2026-12-01', 32);
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(value)) throw new ConfigError('PRIVACY_POLICY_VERSION', 'letters, digits, dots and dashes only');
  return value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `expected an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** The staff roles listed, comma-separated; none when unset. */
function staffRoles(env: Env, name: string): string[] {
  const allowed = ['ADMIN', 'GROWTH', 'MERCHANT'];
  const roles = (env[name] ?? '').split(',').map((r) => r.trim().toUpperCase()).filter((r) => r !== '');
  const unknown = roles.find((r) => !allowed.includes(r));
  if (unknown) throw new ConfigError(name, `lists "${unknown}"; it takes ${allowed.join(', ')}, comma-separated`);
  return [...new Set(roles)];
}

function url(env: Env, name: string, schemes: readonly string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a URL: "${raw}"`);
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) throw new ConfigError(name, `scheme must be one of ${schemes.join(', ')}`);
  return raw;
}

function levelThresholds(env: Env): number[] {
  const raw = env.USER_LEVEL_THRESHOLDS;
  if (raw === undefined || raw === '') return [0, 100, 300, 700, 1_500, 3_000, 6_000, 12_000, 25_000, 50_000];
  const values = raw.split(',').map((v) => Number(v.trim()));
  const rising = values.every((v, i) => Number.isSafeInteger(v) && v >= 0 && (i === 0 ? v === 0 : v > values[i - 1]!));
  if (values.length !== 10 || !rising) throw new ConfigError('USER_LEVEL_THRESHOLDS', 'needs ten rising whole numbers from 0, comma-separated (LV1 to LV10)');
  return values;
}

function groupLevelThresholds(env: Env): number[] {
  const raw = env.GROUP_LEVEL_THRESHOLDS;
  if (raw === undefined || raw === '') return [...DEFAULT_GROUP_LEVEL_THRESHOLDS];
  const values = raw.split(',').map((v) => Number(v.trim()));
  const rising = values.every((v, i) => Number.isSafeInteger(v) && v >= 0 && (i === 0 ? v === 0 : v > values[i - 1]!));
  if (values.length !== 10 || !rising) throw new ConfigError('GROUP_LEVEL_THRESHOLDS', 'needs ten rising whole numbers from 0, comma-separated (levels 1 to 10)');
  return values;
}

/** Reads and validates every environment variable Zhongcao uses; throws ConfigError naming the bad one. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = str(env, 'NODE_ENV', 'development', 32);
  const neo4jUri = url(env, 'NEO4J_URI', ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc']);
  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret === '') {
    if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
    // Development convenience: tokens simply stop working after a restart.
    jwtSecret = randomBytes(32).toString('hex');
  } else if (jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  return {
    host: str(env, 'HOST', '127.0.0.1', 255),
    port: int(env, 'PORT', 4000, 0, 65535),
    nodeEnv,
    neo4jUri,
    neo4jUser: str(env, 'NEO4J_USER', 'neo4j', 255),
    neo4jPassword: str(env, 'NEO4J_PASSWORD', '', 1024),
    neo4jDatabase: str(env, 'NEO4J_DATABASE', 'neo4j', 63),
    neo4jRetryTimeMs: int(env, 'NEO4J_RETRY_TIME_MS', 5000, 0, 120000),
    neo4jQueryTimeoutMs: int(env, 'NEO4J_QUERY_TIMEOUT_MS', 15000, 100, 600000),
    localNeo4jPort: int(env, 'NEO4J_LOCAL_PORT', 7687, 0, 65535),
    localNeo4jDataDir: str(env, 'NEO4J_LOCAL_DATA_DIR', '.neo4j-data'),
    jwtSecret,
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 7 * 24 * 3600, 60, 90 * 24 * 3600),
    bcryptCost: int(env, 'BCRYPT_COST', 12, 4, 15),
    redisUrl: url(env, 'REDIS_URL', ['redis', 'rediss']),
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error', 'silent']),
    loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
    loginMaxFailuresPerAccount: int(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    loginMaxAttemptsPerIp: int(env, 'LOGIN_MAX_ATTEMPTS_PER_IP', 30, 1, 100000),
    twoFactorChallengeTtlSeconds: int(env, 'TWO_FACTOR_CHALLENGE_TTL_SECONDS', 300, 30, 3600),
    twoFactorEncryptionKeys: secretKeys(env, nodeEnv),
    exportDir: resolve(str(env, 'EXPORT_DIR', 'data-exports', 1024)),
    require2faForRoles: staffRoles(env, 'REQUIRE_2FA_FOR_ROLES'),
    signUpMaxPerIp: int(env, 'SIGNUP_MAX_PER_IP', 20, 1, 100000),
    searchMaxPerUserPerMinute: int(env, 'SEARCH_MAX_PER_USER_PER_MINUTE', 120, 1, 1_000_000),
    searchMaxPerIpPerMinute: int(env, 'SEARCH_MAX_PER_IP_PER_MINUTE', 1200, 1, 10_000_000),
    messagesMaxPerUserPerMinute: int(env, 'MESSAGES_MAX_PER_USER_PER_MINUTE', 30, 1, 1_000_000),
    typingMaxPerUserPerMinute: int(env, 'TYPING_MAX_PER_USER_PER_MINUTE', 30, 1, 1_000_000),
    conversationsMaxPerUserPerDay: int(env, 'CONVERSATIONS_MAX_PER_USER_PER_DAY', 50, 1, 1_000_000),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10000, 0, 120000),
    publicBaseUrl: (url(env, 'PUBLIC_BASE_URL', ['http', 'https']) ?? 'http://127.0.0.1:4000').replace(/\/$/, ''),
    attributionWindowDays: int(env, 'ATTRIBUTION_WINDOW_DAYS', 7, 1, 90),
    fraudMaxOrdersPerLinkPerMinute: int(env, 'FRAUD_MAX_ORDERS_PER_LINK_PER_MINUTE', 5, 1, 100000),
    fraudLiveOrdersPer100ViewersPerMinute: int(env, 'FRAUD_LIVE_ORDERS_PER_100_VIEWERS_PER_MINUTE', 50, 0, 100000),
    fraudMaxSignUpsPerVisitor: int(env, 'FRAUD_MAX_SIGNUPS_PER_VISITOR', 1, 1, 1000),
    groupBuySweepMs: int(env, 'GROUP_BUY_SWEEP_MS', 5000, 100, 3_600_000),
    influenceHalfLifeDays: int(env, 'INFLUENCE_HALF_LIFE_DAYS', 14, 1, 365),
    influenceWeights: env.INFLUENCE_WEIGHTS || undefined,
    influenceScheduleMinutes: int(env, 'INFLUENCE_SCHEDULE_MINUTES', 0, 0, 7 * 24 * 60),
    kolHeadFollowers: int(env, 'KOL_HEAD_FOLLOWERS', 1_000_000, 1, 1_000_000_000),
    kolWaistFollowers: int(env, 'KOL_WAIST_FOLLOWERS', 100_000, 1, 1_000_000_000),
    kolTailFollowers: int(env, 'KOL_TAIL_FOLLOWERS', 5_000, 1, 1_000_000_000),
    kocMinEngagementRatePct: int(env, 'KOC_MIN_ENGAGEMENT_RATE_PCT', 5, 0, 10_000),
    kocMinConversions: int(env, 'KOC_MIN_CONVERSIONS', 3, 0, 1_000_000),
    kocMinFollowers: int(env, 'KOC_MIN_FOLLOWERS', 10, 0, 1_000_000),
    // At most 5 s (the product decision): the TTL only covers a bus that lost an event.
    userLevelThresholds: levelThresholds(env),
    groupLevelThresholds: groupLevelThresholds(env),
    viewerCacheTtlMs: int(env, 'VIEWER_CACHE_TTL_MS', 5000, 0, 5000),
    viewerCacheMaxEntries: int(env, 'VIEWER_CACHE_MAX_ENTRIES', 20_000, 1, 1_000_000),
    // lastUsedAt is kept to the minute (SESSION_TOUCH_MS): a few seconds' delay changes nothing it orders.
    sessionTouchFlushMs: int(env, 'SESSION_TOUCH_FLUSH_MS', 2000, 1, 60_000),
    userCacheTtlMs: int(env, 'USER_CACHE_TTL_MS', 30_000, 0, 300_000),
    userCacheMaxEntries: int(env, 'USER_CACHE_MAX_ENTRIES', 50_000, 1, 1_000_000),
    // Below about a thousand follows, a viewer's followees post too small a share of what is new for
    // the newest-notes walk to fill a page within its scan (cypher/feeds/following-feed-wide.cypher).
    feedWideFollows: int(env, 'FEED_WIDE_FOLLOWS', 1000, 1, 10_000_000),
    // 5,000 notes cost about 26,000 db hits, a fourteenth of the heavy bench viewer's followee walk.
    feedWideScan: int(env, 'FEED_WIDE_SCAN', 5000, 1, 1_000_000),
    // Half: a page the caches half hold costs a page read plus two batch reads the page could have
    // answered itself, while a page they fully hold costs only the page read without projections.
    feedPageRecordsBelowPct: int(env, 'FEED_PAGE_RECORDS_BELOW_PCT', 50, 0, 100),
    noteCacheTtlMs: int(env, 'NOTE_CACHE_TTL_MS', 30_000, 0, 300_000),
    noteCacheMaxEntries: int(env, 'NOTE_CACHE_MAX_ENTRIES', 50_000, 1, 1_000_000),
    noteCacheMaxMb: int(env, 'NOTE_CACHE_MAX_MB', 64, 1, 4096),
    // Short: other people's activity (new notes, likes) reaches a cached ranking only when it ends.
    discoverCacheTtlMs: int(env, 'DISCOVER_CACHE_TTL_MS', 30_000, 0, 120_000),
    // A ranking is about 50 kB (shared with the snapshot store's copy while both hold it).
    discoverCacheMaxEntries: int(env, 'DISCOVER_CACHE_MAX_ENTRIES', 1_000, 1, 100_000),
    liveCounterIntervalMs: int(env, 'LIVE_COUNTER_INTERVAL_MS', 500, 50, 10_000),
    liveWatcherBuffer: int(env, 'LIVE_WATCHER_BUFFER', 200, 8, 10_000),
    liveRightsRecheckMs: int(env, 'LIVE_RIGHTS_RECHECK_MS', 30_000, 1_000, 600_000),
    privacyPolicyVersion: policyVersion(env),
    accountDeletionGraceDays: int(env, 'ACCOUNT_DELETION_GRACE_DAYS', 15, 1, 90),
    handleQuarantineDays: int(env, 'HANDLE_QUARANTINE_DAYS', 90, 0, 3650),
    metricsToken: metricsToken(env),
    metricsPort: env.METRICS_PORT === undefined || env.METRICS_PORT === '' ? undefined : int(env, 'METRICS_PORT', 0, 0, 65_535),
    otelExporterOtlpEndpoint: url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http', 'https']),
  };
}
