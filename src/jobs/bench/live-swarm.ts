import WebSocket from 'ws';

/**
 * Thousands of graphql-ws watchers of one live room, cheap enough that the bench process does not
 * become what is measured: every watcher speaks the graphql-transport-ws protocol itself (init,
 * subscribe, pong) and counts what it receives, and only the probes (a sample of them) parse each
 * message to time it. On the 2-core machine the API and the bench share, 5,000 full graphql-ws
 * clients parsing every message would spend more CPU than the API they measure.
 */

export interface SwarmOptions {
  wsUrl: string;
  /** Tokens handed out round-robin; several watchers may share one. */
  tokens: readonly string[];
  watchers: number;
  /** How many of the watchers parse and time every message. */
  probes: number;
  query: string;
  variables: Record<string, unknown>;
  /** Called by the probes with each message's data, when it arrived (performance.now()) and which probe (0 to probes - 1) got it. */
  onProbeMessage: (data: unknown, arrivedAt: number, probe: number) => void;
  /** How many connections are opened at once while the swarm connects. */
  connectConcurrency?: number;
}

export interface Swarm {
  /** Messages every watcher received, parsed or not. */
  readonly received: () => number;
  /** Watchers whose subscription ended with an error or whose socket closed. */
  readonly failed: () => number;
  close(): Promise<void>;
}

export async function openSwarm(o: SwarmOptions): Promise<Swarm> {
  let received = 0;
  let failed = 0;
  const sockets: WebSocket[] = [];
  const open = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const probe = index < o.probes;
      const socket = new WebSocket(o.wsUrl, 'graphql-transport-ws');
      sockets.push(socket);
      let subscribed = false;
      const timer = setTimeout(() => reject(new Error(`watcher ${index} did not subscribe within 60 s`)), 60_000);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${o.tokens[index % o.tokens.length]}` } })));
      socket.on('message', (raw: Buffer) => {
        const arrivedAt = performance.now();
        // Only control messages and the probes' data are parsed; a data message starts {"id":..,"type":"next".
        const text = raw.toString();
        if (subscribed && !probe && text.includes('"type":"next"')) {
          received++;
          return;
        }
        const message = JSON.parse(text) as { type: string; payload?: { data?: unknown; subscribed?: string } };
        switch (message.type) {
          case 'connection_ack':
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: o.query, variables: o.variables } }));
            return;
          case 'ping':
            socket.send(JSON.stringify({ type: 'pong' }));
            // The server's ping after a subscribe says it is attached to the room (src/server/app.ts).
            if (message.payload?.subscribed && !subscribed) {
              subscribed = true;
              clearTimeout(timer);
              resolve();
            }
            return;
          case 'next':
            received++;
            if (probe) o.onProbeMessage(message.payload?.data, arrivedAt, index);
            return;
          case 'error':
          case 'complete':
            failed++;
            return;
        }
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        if (!subscribed) reject(error);
      });
      socket.on('close', () => {
        if (subscribed) failed++;
      });
    });
  const concurrency = o.connectConcurrency ?? 50;
  for (let start = 0; start < o.watchers; start += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, o.watchers - start) }, (_, i) => open(start + i)));
  }
  return {
    received: () => received,
    failed: () => failed,
    async close() {
      await Promise.all(
        sockets.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.readyState === WebSocket.CLOSED) return resolve();
              s.once('close', () => resolve());
              s.close();
            }),
        ),
      );
    },
  };
}

/** Sends `perSecond` tasks a second for `seconds`, evenly spaced, without waiting for one to end before the next starts. */
export async function atRate(perSecond: number, seconds: number, task: (i: number) => Promise<void>): Promise<void> {
  const total = Math.round(perSecond * seconds);
  const start = performance.now();
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    running.push(task(i));
  }
  await Promise.all(running);
}
