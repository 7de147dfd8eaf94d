import { randomUUID } from 'node:crypto';
import { DbStats, type Database, type DbScope } from '../db/database';

/** The least the request scope needs to know of a viewer; the accounts module supplies the full record. */
export interface ViewerShape {
  id: string;
}

/** Where one request came from, as the transport saw it. */
export interface RequestInfo {
  /** The bearer token, as sent (verified once, into the scope's credentials). */
  token: string | null;
  ip: string;
  /** Names the device of a session opened by this request when the client gives no deviceLabel. */
  userAgent?: string | null;
}

/**
 * Who the viewer of a scope is. The accounts module provides it (the token's account, password
 * version and live session): the scope knows nothing of accounts, so it sits below every feature.
 */
export interface ViewerSource<V extends ViewerShape, C> {
  /** The signed-in viewer, or null; the source caches what it reads per loader generation (scope.memo). */
  viewer(scope: RequestScope<V, C>): Promise<V | null>;
  /** The viewer as the database has it, past any per-instance cache (a revocation the bus lost still counts); viewer() when absent. */
  freshViewer?(scope: RequestScope<V, C>): Promise<V | null>;
  /** The UNAUTHENTICATED error to throw when there is no viewer, saying why. */
  noViewer(scope: RequestScope<V, C>): Error;
}

export interface RequestScopeOptions<V extends ViewerShape, C> {
  db: Database;
  request: RequestInfo;
  /** What the transport made of the token (e.g. verified claims), once, for the viewer source. */
  credentials: C;
  viewers: ViewerSource<V, C>;
  /** The instances the composition root built (resolvers), for the few entry points type-graphql calls without one. */
  instances: Instances;
}

/** Looks up what the composition root built, by class. */
export interface Instances {
  get<T>(cls: abstract new (...args: never[]) => T): T;
}

/**
 * Everything one GraphQL operation carries below the features: its id, a database scope that
 * counts round trips, the viewer, and per-request state that features keep under their own keys
 * (their DataLoaders and repositories). Built per HTTP request and per WebSocket subscribe message;
 * services are built once per process and take it as their first argument.
 */
export class RequestScope<V extends ViewerShape = ViewerShape, C = unknown> {
  readonly requestId = randomUUID();
  readonly db: DbScope;
  readonly request: RequestInfo;
  readonly credentials: C;
  private readonly viewers: ViewerSource<V, C>;
  readonly instances: Instances;
  /** Cleared by resetLoaders: DataLoaders and whatever is read through them. */
  private generation = new Map<string, unknown>();
  /** Lives as long as the request: repositories, the live guard's state. */
  private readonly slots = new Map<string, unknown>();

  constructor(options: RequestScopeOptions<V, C>) {
    this.db = options.db.scope(new DbStats());
    this.request = options.request;
    this.credentials = options.credentials;
    this.viewers = options.viewers;
    this.instances = options.instances;
  }

  /** A value kept for this loader generation (until resetLoaders), made on first use. */
  memo<T>(key: string, create: () => T): T {
    if (!this.generation.has(key)) this.generation.set(key, create());
    return this.generation.get(key) as T;
  }

  /** A value kept for the whole request (never reset), made on first use. */
  slot<T>(key: string, create: () => T): T {
    if (!this.slots.has(key)) this.slots.set(key, create());
    return this.slots.get(key) as T;
  }

  /** Long-lived subscriptions call this per event so each event sees current data. */
  resetLoaders(): void {
    this.generation = new Map();
  }

  /** The signed-in user, or null (see the viewer source for what counts). */
  viewer(): Promise<V | null> {
    return this.viewers.viewer(this);
  }

  /** The viewer read past the per-instance cache: the live guard's check of a long-lived stream. */
  freshViewer(): Promise<V | null> {
    return this.viewers.freshViewer ? this.viewers.freshViewer(this) : this.viewer();
  }

  async requireViewer(): Promise<V> {
    const viewer = await this.viewer();
    if (viewer) return viewer;
    throw this.viewers.noViewer(this);
  }

  /** The viewer's id for viewer-relative fields, or null for anonymous requests. */
  async viewerId(): Promise<string | null> {
    return (await this.viewer())?.id ?? null;
  }
}

/**
 * The instance of a class built once by the composition root. Only subscription entry points use it:
 * type-graphql calls their subscribe function without a resolver instance.
 */
export function instanceOf<T>(scope: { instances: Instances }, cls: abstract new (...args: never[]) => T): T {
  return scope.instances.get(cls);
}
