import { startTestApp, TestApp, collect } from '../helpers/app';
import { logInCode, signUp, follow } from '../helpers/people';
import { twoInstancesSharingRedis } from '../helpers/redis';

const instances = twoInstancesSharingRedis();
let a: TestApp;
let b: TestApp;
beforeAll(() => ({ a, b } = instances));

test('a follow on instance A reaches a subscriber on instance B through Redis', async () => {
  const [star, fan] = [await signUp(a, 'mi_star'), await signUp(a, 'mi_fan')];
  const live = collect<{ newFollower: { follower: { id: string } } }>(b.ws(star.token), `subscription { newFollower { follower { id } } }`, 1);
  await live.started;
  await new Promise((r) => setTimeout(r, 300));
  await follow(a, fan, star);
  expect((await live.events)[0]!.newFollower.follower.id).toBe(fan.id);
});

test('without REDIS_URL an instance keeps its events to itself', async () => {
  const local = await startTestApp();
  try {
    const [star, fan] = [await signUp(local, 'mi_s2'), await signUp(local, 'mi_f2')];
    const onB = collect(b.ws(star.token), `subscription { newFollower { follower { id } } }`, 1, 1500);
    await onB.started;
    await new Promise((r) => setTimeout(r, 200));
    await follow(local, fan, star);
    await expect(onB.events).rejects.toThrow(/timed out/);
  } finally {
    await local.close();
  }
});

test('failed logins on both instances count against one per-account limit through Redis', async () => {
  const mei = await signUp(a, 'mi_login');
  const codeOf = (t: TestApp, password: string) => logInCode(t, mei.handle, password);
  // Five wrong guesses, split between the instances: three on A, two on B.
  for (const t of [a, b, a, b, a]) expect(await codeOf(t, 'wrong guess')).toBe('INVALID_CREDENTIALS');
  // Either instance now refuses, even the right password, until the window ends.
  expect(await codeOf(b, mei.password)).toBe('RATE_LIMITED');
  expect(await codeOf(a, mei.password)).toBe('RATE_LIMITED');
});

test('twelve wrong passwords sent at once to both instances: five are tried in all, through Redis', async () => {
  const kai = await signUp(a, 'mi_par');
  // Half by handle on A, half by email on B: one account, one counter.
  const codes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? logInCode(a, kai.handle, `guess ${i}`) : logInCode(b, kai.email, `guess ${i}`))));
  expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
  expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
  expect(await logInCode(a, kai.handle, kai.password)).toBe('RATE_LIMITED');
});

test('logging out on instance A ends the session’s live stream on instance B at once, through Redis', async () => {
  const star = await signUp(a, 'mi_lo');
  const ended = new Promise<{ codes: string[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the stream on B was still open')), 3000);
    b.ws(star.token).subscribe(
      { query: `subscription { newFollower { follower { id } } }` },
      {
        next: () => undefined,
        error: (errors) => {
          clearTimeout(timer);
          resolve({ codes: (errors as { extensions?: { code?: string } }[]).map((e) => String(e.extensions?.code)) });
        },
        complete: () => reject(new Error('completed without an error')),
      },
    );
  });
  await new Promise((r) => setTimeout(r, 500));
  await a.ok(`mutation { logOut { endedSessionId } }`, {}, star.token);
  expect(await ended).toEqual({ codes: ['UNAUTHENTICATED'] });
});
