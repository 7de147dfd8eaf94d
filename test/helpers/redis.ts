import { spawn, ChildProcess } from 'node:child_process';
import { freePort } from '../../src/common/net';
import { startTestApp, type TestApp } from './app';

/** Starts Debian's redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Two API instances sharing one Redis bus, started before the enclosing describe's (or file's)
 * tests and stopped after them. Read `a` and `b` once the hooks have run (in a test or a later
 * beforeAll), not where this is called.
 */
export function twoInstancesSharingRedis(): { readonly a: TestApp; readonly b: TestApp } {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  const pair = {} as { a: TestApp; b: TestApp };
  beforeAll(async () => {
    redis = await startRedis();
    pair.a = await startTestApp({ REDIS_URL: redis.url });
    pair.b = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await Promise.all([pair.a?.close(), pair.b?.close()]);
    await redis?.stop();
  });
  return pair;
}
