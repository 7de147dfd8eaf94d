import WebSocket from 'ws';
import { startTestApp, TestApp } from '../helpers/app';
import { signUp, follow, Person } from '../helpers/people';

let t: TestApp;
let star: Person;
beforeAll(async () => {
  t = await startTestApp();
  star = await signUp(t, 'wsp_star');
});
afterAll(() => t.close());

/** A raw graphql-transport-ws socket that records messages and its close code. */
async function socket() {
  const ws = new WebSocket(t.app.wsUrl, 'graphql-transport-ws');
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((r) => ws.on('open', r));
  const send = (msg: object | string) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  const next = async (type: string, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = messages.findIndex((m) => m.type === type);
      if (i >= 0) return messages.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${type} message`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ws, send, next, closed, messages };
}

const SUB = { query: 'subscription { newFollower { follower { id } } }' };

test('a connection that never sends connection_init is closed with 4408', async () => {
  const s = await socket();
  expect(await s.closed).toBe(4408);
}, 10_000);

test('a second connection_init is closed with 4429', async () => {
  const s = await socket();
  s.send({ type: 'connection_init', payload: { authorization: `Bearer ${star.token}` } });
  await s.next('connection_ack');
  s.send({ type: 'connection_init', payload: {} });
  expect(await s.closed).toBe(4429);
});

test('subscribing before the ack is closed with 4401', async () => {
  const s = await socket();
  s.send({ type: 'subscribe', id: '1', payload: SUB });
  expect(await s.closed).toBe(4401);
});

test('a second subscription with an id still in use is closed with 4409', async () => {
  const s = await socket();
  s.send({ type: 'connection_init', payload: { authorization: `Bearer ${star.token}` } });
  await s.next('connection_ack');
  s.send({ type: 'subscribe', id: 'same', payload: SUB });
  await new Promise((r) => setTimeout(r, 200));
  s.send({ type: 'subscribe', id: 'same', payload: SUB });
  expect(await s.closed).toBe(4409);
});

test('an invalid message is closed with 4400', async () => {
  const s = await socket();
  s.send('{"type": "nonsense"}');
  expect(await s.closed).toBe(4400);
});

test('ping gets pong', async () => {
  const s = await socket();
  s.send({ type: 'connection_init', payload: {} });
  await s.next('connection_ack');
  s.send({ type: 'ping' });
  expect((await s.next('pong')).type).toBe('pong');
  s.ws.close(1000);
});

test('complete from the client stops events; the server completes a finished stream', async () => {
  const s = await socket();
  s.send({ type: 'connection_init', payload: { authorization: `Bearer ${star.token}` } });
  await s.next('connection_ack');
  s.send({ type: 'subscribe', id: 'a', payload: SUB });
  await new Promise((r) => setTimeout(r, 200));
  const fan1 = await signUp(t, 'wsp_f1');
  await follow(t, fan1, star);
  expect((await s.next('next')).id).toBe('a');
  s.send({ type: 'complete', id: 'a' });
  await new Promise((r) => setTimeout(r, 200));
  const fan2 = await signUp(t, 'wsp_f2');
  await follow(t, fan2, star);
  await new Promise((r) => setTimeout(r, 300));
  expect(s.messages.filter((m) => m.type === 'next')).toEqual([]);

  // Server side: a subscription refused by authorization answers an error and completes it.
  const anon = await socket();
  anon.send({ type: 'connection_init', payload: {} });
  await anon.next('connection_ack');
  anon.send({ type: 'subscribe', id: 'b', payload: SUB });
  const answer = await Promise.race([anon.next('error').catch(() => null), anon.next('next').catch(() => null)]);
  expect(JSON.stringify(answer)).toMatch(/UNAUTHENTICATED/);
  expect((await anon.next('complete')).id).toBe('b');
  s.ws.close(1000);
  anon.ws.close(1000);
});
