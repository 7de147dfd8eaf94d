import type { RequestScope } from '../request/scope';
import type { ExecutionResult } from 'graphql';
import { AppError, forbidden, unauthenticated } from '../common/errors';
import type { EventBus, GroupAccessChangedEvent, SessionRevokedEvent } from './bus';

/**
 * The one guard every subscription goes through (wired in src/server/app.ts around graphql's
 * subscribe). Services check rights when a stream opens and on each of its events; this adds what
 * they cannot see from inside one stream:
 *
 * - a revocation (logOut, logOutEverywhere, revokeSession, password change) or a group's access
 *   change (visibility, archive) ends the affected streams at once, on every instance, because it
 *   travels as a domain event on the bus (through Redis when REDIS_URL is set);
 * - a timer ends each stream when its token expires;
 * - before each result goes out the session is re-validated, so a revocation the bus lost still
 *   ends the stream at its next event;
 * - a stream ends with a GraphQL error saying why: UNAUTHENTICATED (session ended or expired) or
 *   FORBIDDEN (the group's access no longer includes the subscriber), never silently.
 */

export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
/**
 * Some streams (groupActivity) do not re-read the viewer on every event, to keep one event to a
 * thousand subscribers cheap; the guard re-reads the session itself when its last reading is older
 * than this, so a revocation the bus lost ends such a stream at its first event after that.
 */
export const SESSION_RECHECK_MS = 5_000;
/** setTimeout takes at most 2^31-1 ms (about 24.8 days); longer tokens re-arm the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What one subscription's data depends on, registered by the service that opened it. */
export class LiveScope {
  readonly groups = new Map<string, () => Promise<boolean>>();

  /** The stream shows data of this group only while check() allows; it is re-run when the group's access changes. */
  watchGroup(groupId: string, check: () => Promise<boolean>): void {
    this.groups.set(groupId, check);
  }
}

export interface LiveClaims {
  sub: string;
  pwv: number;
  sid: string;
  /** Seconds since the epoch. */
  exp: number;
}

/** The subscriber as the guard sees it (src/server/app.ts adapts the request scope to it). */
export interface LiveSubscriber {
  readonly live: LiveScope;
  /** The token's claims when it verified, whether or not its session still counts. */
  liveClaims(): LiveClaims | null;
  /** Whether the token's session still counts (read through the current loaders). */
  sessionStillValid(): Promise<boolean>;
  /** Drops cached reads, so the next check sees current data. */
  resetLoaders(): void;
}

const ENDED_BY: Record<SessionRevokedEvent['reason'], string> = {
  LOGGED_OUT: 'You logged out; log in again',
  LOGGED_OUT_EVERYWHERE: 'You logged out everywhere; log in again',
  SESSION_REVOKED: 'This session was signed out; log in again',
  PASSWORD_CHANGED: 'Your password changed; log in again',
  TOO_MANY_SESSIONS: 'This session was signed out by newer logins; log in again',
};
const expired = () => unauthenticated('Your session has expired; log in again');
const sessionEnded = () => unauthenticated('Your session has ended; log in again');
const groupClosed = () => forbidden('You can no longer see this group');

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

class LiveStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly source: AsyncIterator<ExecutionResult>;
  private closed = false;
  private endedWith: AppError | null = null;
  private readonly killed: Promise<never>;
  private kill!: (error: AppError) => void;
  private timer: NodeJS.Timeout | null = null;
  private sessionReadAt = Date.now();

  constructor(
    private readonly registry: LiveStreams,
    readonly subscriber: LiveSubscriber,
    /** Null for anonymous subscribers, whose streams have no session to lose. */
    readonly claims: LiveClaims | null,
    source: AsyncIterable<ExecutionResult>,
  ) {
    this.source = source[Symbol.asyncIterator]();
    this.killed = new Promise<never>((_resolve, reject) => (this.kill = reject));
    this.killed.catch(() => undefined);
    if (claims) this.armExpiry(claims.exp * 1000);
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** Ends the stream with error: a pending next() throws it at once and the source is released. */
  end(error: AppError): void {
    if (this.closed || this.endedWith) return;
    this.endedWith = error;
    this.kill(error);
    this.release();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.endedWith) return this.fail(this.endedWith);
    if (this.closed) return DONE;
    let result: IteratorResult<ExecutionResult>;
    try {
      result = await Promise.race([this.source.next(), this.killed]);
    } catch (error) {
      return this.fail(this.endedWith ?? error);
    }
    if (this.endedWith) return this.fail(this.endedWith);
    // The client completed the stream (return()) while this next() waited: nothing to check.
    if (this.closed) return DONE;
    if (result.done) {
      // The service's own per-event check ended the stream. A lost session says so; other ends
      // (a ban, a block, a deleted note) stay the service's decision, which is to complete.
      this.subscriber.resetLoaders();
      const lost = await this.lostSession();
      if (lost) return this.fail(lost);
      this.close();
      return DONE;
    }
    // The services re-read the viewer for each event, so this is normally answered from that read.
    const lost = await this.lostSession();
    if (lost) {
      this.end(lost);
      return this.fail(lost);
    }
    return result;
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.close();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    return this.fail(error);
  }

  private fail(error: unknown): never {
    this.close();
    throw error;
  }

  async lostSession(): Promise<AppError | null> {
    if (!this.claims) return null;
    if (Date.now() >= this.claims.exp * 1000) return expired();
    if (Date.now() - this.sessionReadAt > SESSION_RECHECK_MS) {
      this.subscriber.resetLoaders();
      this.sessionReadAt = Date.now();
    }
    return (await this.subscriber.sessionStillValid()) ? null : sessionEnded();
  }

  /** Why the subscriber may no longer receive this stream, or null while they still may. */
  async lostRights(): Promise<AppError | null> {
    const session = await this.lostSession();
    if (session) return session;
    for (const check of this.subscriber.live.groups.values()) {
      if (!(await check())) return groupClosed();
    }
    return null;
  }

  sessionRevoked(event: SessionRevokedEvent): void {
    if (!this.claims) return;
    const revoked = event.sessionIds.includes(this.claims.sid) || (event.passwordVersion !== null && this.claims.pwv < event.passwordVersion);
    if (revoked) this.end(unauthenticated(ENDED_BY[event.reason]));
  }

  async groupAccessChanged(): Promise<void> {
    if (this.closed || this.endedWith) return;
    this.subscriber.resetLoaders();
    const lost = await this.lostRights();
    if (lost) this.end(lost);
  }

  private armExpiry(expiresAt: number): void {
    const delay = expiresAt - Date.now();
    if (delay <= 0) {
      this.end(expired());
      return;
    }
    this.timer = setTimeout(() => (delay > MAX_TIMER_MS ? this.armExpiry(expiresAt) : this.end(expired())), Math.min(delay, MAX_TIMER_MS));
    this.timer.unref();
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.registry.remove(this);
    void Promise.resolve(this.source.return?.()).catch(() => undefined);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.endedWith) this.release();
  }
}

/**
 * The live streams of one API instance, by user and by group, and the bus listeners that end them.
 * Revocation events are unscoped, so an instance listens once, not once per stream.
 */
export class LiveStreams {
  private readonly byUser = new Map<string, Set<LiveStream>>();
  private readonly byGroup = new Map<string, Set<LiveStream>>();
  private readonly listeners: AsyncIterator<unknown>[] = [];

  constructor(
    events: EventBus,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.listen(events.pubsub.subscribe('SESSION_REVOKED'), (event) => this.sessionRevoked(event));
    this.listen(events.pubsub.subscribe('GROUP_ACCESS_CHANGED'), (event) => this.groupAccessChanged(event));
  }

  private listen<T>(source: AsyncIterable<T>, handle: (event: T) => void | Promise<void>): void {
    const iterator = source[Symbol.asyncIterator]();
    this.listeners.push(iterator);
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        try {
          await handle(next.value);
        } catch (error) {
          this.onError(error);
        }
      }
    })().catch(this.onError);
  }

  /** Wraps one subscription's results; subscribers without a live session are anonymous. */
  async guard(subscriber: LiveSubscriber, source: AsyncIterable<ExecutionResult>): Promise<AsyncIterableIterator<ExecutionResult>> {
    const claims = subscriber.liveClaims();
    const signedIn = claims !== null && (await subscriber.sessionStillValid());
    const stream = new LiveStream(this, subscriber, signedIn ? claims : null, source);
    if (signedIn) add(this.byUser, claims.sub, stream);
    for (const groupId of subscriber.live.groups.keys()) add(this.byGroup, groupId, stream);
    return stream;
  }

  remove(stream: LiveStream): void {
    if (stream.claims) drop(this.byUser, stream.claims.sub, stream);
    for (const groupId of stream.subscriber.live.groups.keys()) drop(this.byGroup, groupId, stream);
  }

  private sessionRevoked(event: SessionRevokedEvent): void {
    for (const stream of [...(this.byUser.get(event.userId) ?? [])]) stream.sessionRevoked(event);
  }

  private async groupAccessChanged(event: GroupAccessChangedEvent): Promise<void> {
    await Promise.all([...(this.byGroup.get(event.groupId) ?? [])].map((stream) => stream.groupAccessChanged().catch(this.onError)));
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.listeners.map((l) => l.return?.()));
  }
}

function add(map: Map<string, Set<LiveStream>>, key: string, stream: LiveStream): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(stream);
}

function drop(map: Map<string, Set<LiveStream>>, key: string, stream: LiveStream): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(stream);
  if (set.size === 0) map.delete(key);
}

/** What a subscription opened in this request depends on, kept for the whole request. */
export function liveScopeOf(scope: RequestScope): LiveScope {
  return scope.slot('live.scope', () => new LiveScope());
}
