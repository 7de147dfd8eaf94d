import neo4j, { type Driver } from 'neo4j-driver';
import type { CapturedTx } from '../../db/capture';
import { toCypherParams, type Params } from '../../db/database';

/**
 * The same-statement baseline: the transactions one API request committed (captured by
 * src/db/capture.ts), replayed through the bare driver with the same statements and parameters,
 * and with the same overlap: a transaction starts once as many of the request's transactions have
 * ended as had ended when the API began it (DataLoader batches run side by side, not one by one).
 */
export interface ReplayTx {
  mode: CapturedTx['mode'];
  /** Start once this many of the plan's transactions have ended. */
  after: number;
  statements: { text: string; params: Params }[];
}

export type ReplayPlan = ReplayTx[];

/** The lines the capture file gained during one request (nothing else ran), as a plan. */
export function toReplayPlan(lines: readonly string[]): ReplayPlan {
  const txs = lines
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CapturedTx)
    .sort((a, b) => a.tx - b.tx);
  if (txs.length === 0) return [];
  // Counters are process-wide: the request's first transaction waited for none of its own.
  const base = txs[0]!.after;
  return txs.map((t, i) => ({
    mode: t.mode,
    after: Math.min(i, Math.max(0, t.after - base)),
    statements: t.statements.map((s) => ({ text: s.text, params: toCypherParams(s.params) as Params })),
  }));
}

/** Runs a plan through the bare driver; resolves when its last transaction has ended. */
export async function replay(driver: Driver, database: string, plan: ReplayPlan): Promise<void> {
  let ended = 0;
  const waiting: { after: number; go: () => void }[] = [];
  const running: Promise<void>[] = [];
  for (const tx of plan) {
    if (ended < tx.after) await new Promise<void>((go) => waiting.push({ after: tx.after, go }));
    running.push(
      runTx(driver, database, tx).finally(() => {
        ended++;
        for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i]!.after <= ended) waiting.splice(i, 1)[0]!.go();
      }),
    );
  }
  await Promise.all(running);
}

async function runTx(driver: Driver, database: string, tx: ReplayTx): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: tx.mode === 'write' ? neo4j.session.WRITE : neo4j.session.READ });
  try {
    // As the API sent it: a lone read as an auto-commit transaction (DbScope.read), one message.
    if (tx.mode === 'auto') {
      for (const s of tx.statements) await session.run(s.text, s.params);
      return;
    }
    const work = async (t: { run: (text: string, params: Params) => PromiseLike<unknown> }) => {
      for (const s of tx.statements) await t.run(s.text, s.params);
    };
    if (tx.mode === 'read') await session.executeRead(work);
    else await session.executeWrite(work);
  } finally {
    await session.close();
  }
}
