import type { DiscoverChangedEvent, EventBus, NotesChangedEvent, SessionRevokedEvent, UserChangedEvent } from './bus';

/** What a per-instance cache has to forget. */
export type Invalidation =
  | { kind: 'sessions'; event: SessionRevokedEvent }
  | { kind: 'users'; event: UserChangedEvent }
  | { kind: 'notes'; event: NotesChangedEvent }
  | { kind: 'discover'; event: DiscoverChangedEvent };

/**
 * Tells this instance's caches at once, and every other instance through the bus, that what they
 * hold changed. The local call is synchronous, so the writer's own next request (which may be
 * faster than Redis) never reads what it just replaced; the bus carries it to the other instances,
 * and back here, where dropping twice is harmless. Writers call it after their transaction committed.
 */
export class CacheInvalidation {
  private readonly handlers: ((invalidation: Invalidation) => void)[] = [];
  private readonly listeners: AsyncIterator<unknown>[] = [];

  constructor(
    private readonly events: EventBus,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.listen(events.pubsub.subscribe('SESSION_REVOKED'), (event) => this.dispatch({ kind: 'sessions', event }));
    this.listen(events.pubsub.subscribe('USER_CHANGED'), (event) => this.dispatch({ kind: 'users', event }));
    this.listen(events.pubsub.subscribe('NOTES_CHANGED'), (event) => this.dispatch({ kind: 'notes', event }));
    this.listen(events.pubsub.subscribe('DISCOVER_CHANGED'), (event) => this.dispatch({ kind: 'discover', event }));
  }

  /** A cache registers what it drops on each invalidation. */
  onInvalidate(handler: (invalidation: Invalidation) => void): void {
    this.handlers.push(handler);
  }

  sessionsRevoked(event: SessionRevokedEvent): void {
    this.dispatch({ kind: 'sessions', event });
    this.events.pubsub.publish('SESSION_REVOKED', event);
  }

  usersChanged(userIds: string[], reason: UserChangedEvent['reason']): void {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    const event = { userIds: ids, reason };
    this.dispatch({ kind: 'users', event });
    this.events.pubsub.publish('USER_CHANGED', event);
  }

  notesChanged(noteIds: string[], reason: NotesChangedEvent['reason']): void {
    const ids = [...new Set(noteIds)];
    if (ids.length === 0) return;
    const event = { noteIds: ids, reason };
    this.dispatch({ kind: 'notes', event });
    this.events.pubsub.publish('NOTES_CHANGED', event);
  }

  /** What these users' discover feeds rank changed (relations or their own signals). */
  discoverChanged(userIds: string[], reason: DiscoverChangedEvent['reason']): void {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    const event = { userIds: ids, reason };
    this.dispatch({ kind: 'discover', event });
    this.events.pubsub.publish('DISCOVER_CHANGED', event);
  }

  private dispatch(invalidation: Invalidation): void {
    for (const handler of this.handlers) {
      try {
        handler(invalidation);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  private listen<T>(source: AsyncIterable<T>, handle: (event: T) => void): void {
    const iterator = source[Symbol.asyncIterator]();
    this.listeners.push(iterator);
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        handle(next.value);
      }
    })().catch(this.onError);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.listeners.map((l) => l.return?.()));
  }
}
