import { randomUUID } from 'node:crypto';
import { RequestScope } from '../../../src/request/scope';
import { noViewerError, type Scope } from '../../../src/accounts/scope';
import { Role, type UserRecord } from '../../../src/accounts/types';
import { accountRepository, type AccountRepository, type ViewerRow } from '../../../src/accounts/repository';
import type { EventBus, EventMap } from '../../../src/events/bus';
import type { CacheInvalidation } from '../../../src/events/invalidation';
import type { Database } from '../../../src/db/database';

/**
 * How a unit test builds a service alone: the service's constructor names what it uses, so the test
 * hands it small in-memory fakes of those (typed with Pick<> against the real repository, so a
 * renamed method breaks the fake at compile time) and a request scope whose database refuses every
 * query. A test that reaches the database has missed a fake, and says so.
 */
const noDatabase = {
  scope: () =>
    new Proxy(
      {},
      {
        get(_, name) {
          throw new Error(`a unit test reached the database (DbScope.${String(name)}): fake the repository that asked`);
        },
      },
    ),
} as unknown as Database;

let ids = 0;

/** A user as the accounts module stores one; role USER unless given. */
export function user(fields: Partial<UserRecord> = {}): UserRecord {
  const n = ++ids;
  return {
    id: randomUUID(),
    email: `u${n}@example.com`,
    handle: `user${n}`,
    displayName: `User ${n}`,
    bio: '',
    avatarUrl: null,
    role: Role.USER,
    createdAt: 0,
    followerCount: 0,
    followingCount: 0,
    noteCount: 0,
    passwordVersion: 1,
    ...fields,
  };
}

/**
 * A request scope for `viewer` (null: anonymous), with no database behind it. A function is asked
 * each time the scope reads its viewer, so a test can end the viewer's session mid-stream.
 */
export function scopeFor(viewer: UserRecord | null | (() => UserRecord | null), request: { ip?: string } = {}): Scope {
  const current = typeof viewer === 'function' ? viewer : () => viewer;
  return new RequestScope({
    db: noDatabase,
    request: { token: current() ? 'token' : null, ip: request.ip ?? '203.0.113.7' },
    credentials: null,
    viewers: { viewer: async () => current(), noViewer: () => noViewerError(null) },
    instances: { get: () => { throw new Error('no resolvers in a unit test'); } },
  });
}

/** The fake as the repository type a service's deps name; it implements only what the test reaches. */
export function asRepository<R>(fake: Partial<R>): R {
  return fake as R;
}

/**
 * Puts a fake where the request keeps a feature's repository (its `xRepository(scope)`), for the
 * DataLoaders a service reads through (accountLoaders, referralLoaders...). Checked through the real
 * accessor, so a renamed slot fails here rather than letting the loader reach the database.
 */
export function provide<R>(scope: Scope, accessor: (scope: Scope) => R, slot: string, fake: Partial<R>): void {
  scope.slot(slot, () => fake);
  if ((accessor(scope) as unknown) !== fake) throw new Error(`${slot} is not where ${accessor.name} keeps the repository`);
}

/** The users the request's user loader knows (accountLoaders(scope).userById). */
export class FakeUsers implements Pick<AccountRepository, 'usersWithSession' | 'interestsByUserIds'> {
  constructor(readonly users: UserRecord[]) {}

  async usersWithSession(ids: readonly string[]): Promise<ViewerRow[]> {
    return this.users.filter((u) => ids.includes(u.id)).map((u) => ({ user: u, session: null }));
  }

  async interestsByUserIds(): Promise<Map<string, string[]>> {
    return new Map();
  }
}

export function provideUsers(scope: Scope, users: UserRecord[]): void {
  provide(scope, accountRepository, 'accounts.repository', new FakeUsers(users));
}

/** An event bus that records what is published, in order, and delivers nothing. */
export class RecordingBus {
  readonly published: { topic: keyof EventMap; args: unknown[] }[] = [];

  readonly bus = {
    pubsub: {
      publish: (topic: keyof EventMap, ...args: unknown[]) => {
        this.published.push({ topic, args });
      },
      subscribe: () => {
        throw new Error('no subscriptions in a unit test');
      },
    },
    redis: null,
    close: async () => undefined,
  } as unknown as EventBus;

  /** What CacheInvalidation publishes, recorded on the same list (no cache to drop in a unit test). */
  readonly invalidation: Pick<CacheInvalidation, 'sessionsRevoked' | 'usersChanged' | 'notesChanged' | 'discoverChanged'> = {
    sessionsRevoked: (event) => this.bus.pubsub.publish('SESSION_REVOKED', event),
    usersChanged: (userIds, reason) => this.bus.pubsub.publish('USER_CHANGED', { userIds, reason }),
    notesChanged: (noteIds, reason) => this.bus.pubsub.publish('NOTES_CHANGED', { noteIds, reason }),
    discoverChanged: (userIds, reason) => this.bus.pubsub.publish('DISCOVER_CHANGED', { userIds, reason }),
  };

  of(topic: keyof EventMap): unknown[][] {
    return this.published.filter((p) => p.topic === topic).map((p) => p.args);
  }
}

/** The code a refused call fails with (NOT_FOUND, FORBIDDEN...), or 'resolved' when it does not fail. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'resolved';
  } catch (error) {
    // A business failure answers with its user error code (what a payload's userErrors would say).
    const userCode = (error as { userErrorCode?: unknown }).userErrorCode;
    if (typeof userCode === 'string' && userCode !== 'INVALID' && userCode !== 'NOT_FOUND') return userCode;
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    if (typeof code !== 'string') throw error;
    return code;
  }
}

/** A dependency the test does not expect the service to touch: any use of it fails the test, naming it. */
export function unused<T>(name: string): T {
  return new Proxy(
    {},
    {
      get(_, property) {
        throw new Error(`${name}.${String(property)} was used, but this test gave no fake for it`);
      },
    },
  ) as T;
}
