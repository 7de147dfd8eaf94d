import { RequestScope, instanceOf, type ViewerSource } from '../../src/request/scope';
import type { Database, DbScope } from '../../src/db/database';

// The request scope needs only a database that can open a counted scope; it never queries here.
const db = { scope: () => ({}) as DbScope } as unknown as Database;

function scopeWith(viewers: ViewerSource<{ id: string }, string | null>, credentials: string | null = 'token') {
  return new RequestScope({ db, request: { token: credentials, ip: '127.0.0.1' }, credentials, viewers, instances: { get: () => null as never } });
}

describe('the request scope', () => {
  test('a subscription event gets fresh loaders (memo) but keeps what lives for the request (slot)', () => {
    const scope = scopeWith({ viewer: async () => null, noViewer: () => new Error('none') });
    const loaders = scope.memo('x.loaders', () => ({ made: Symbol('loaders') }));
    const repo = scope.slot('x.repository', () => ({ made: Symbol('repo') }));
    expect(scope.memo('x.loaders', () => ({ made: Symbol('other') }))).toBe(loaders);
    scope.resetLoaders();
    expect(scope.memo('x.loaders', () => ({ made: Symbol('fresh') }))).not.toBe(loaders);
    expect(scope.slot('x.repository', () => ({ made: Symbol('other') }))).toBe(repo);
  });

  test('the viewer comes from the injected source, and requireViewer throws the error the source gives', async () => {
    const signedIn = scopeWith({ viewer: async (s) => (s.credentials === 'token' ? { id: 'u1' } : null), noViewer: () => new Error('why not') });
    expect(await signedIn.viewerId()).toBe('u1');
    expect(await signedIn.requireViewer()).toEqual({ id: 'u1' });
    const anonymous = scopeWith({ viewer: async () => null, noViewer: (s) => new Error(`no viewer for ${s.credentials}`) }, null);
    expect(await anonymous.viewerId()).toBeNull();
    await expect(anonymous.requireViewer()).rejects.toThrow('no viewer for null');
  });

  test('instanceOf finds what the composition root built', () => {
    class Thing {}
    const thing = new Thing();
    const scope = new RequestScope({
      db,
      request: { token: null, ip: '127.0.0.1' },
      credentials: null,
      viewers: { viewer: async () => null, noViewer: () => new Error('none') },
      instances: { get: <T>(cls: abstract new (...args: never[]) => T) => (cls === (Thing as unknown) ? (thing as T) : (null as never)) },
    });
    expect(instanceOf(scope, Thing)).toBe(thing);
  });
});
