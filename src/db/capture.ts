import { appendFileSync } from 'node:fs';
import type { CypherQuery } from './cypher';

/**
 * Statement capture for the benchmark's same-statement baseline (issue 14): every committed
 * transaction, with its statements and parameters, as one JSON line. Off unless
 * ZHONGCAO_CAPTURE_STATEMENTS names a file; the variable is read once, when this module loads, and
 * when it is unset the database layer holds null and pays one null check per transaction.
 * Writes are synchronous: only the bench's capture process, serving one request at a time, turns it on.
 */

/** `auto`: one read statement sent as an auto-commit transaction (DbScope.read). */
export type CaptureMode = 'read' | 'write' | 'auto';

/** One committed transaction as the capture file holds it. */
export interface CapturedTx {
  /** Order in which the process began its transactions. */
  tx: number;
  /** How many transactions of the process had ended when this one began: what it waited for. */
  after: number;
  mode: CaptureMode;
  statements: { name: string; text: string; params: Record<string, unknown> }[];
}

/** A transaction being captured; its statements are kept only from the attempt that commits. */
export class TxCapture {
  private statements: CapturedTx['statements'] = [];

  constructor(
    private readonly capture: StatementCapture,
    readonly tx: number,
    readonly after: number,
    readonly mode: CaptureMode,
  ) {}

  /** A transaction function runs again on a transient error: only the last attempt counts. */
  attempt(): void {
    this.statements = [];
  }

  statement(query: CypherQuery, params: Record<string, unknown>): void {
    // Parameters as the caller passed them, before integer conversion; undefined becomes null, as sent.
    this.statements.push({ name: query.name, text: query.text, params: JSON.parse(JSON.stringify(params, (_k, v: unknown) => (v === undefined ? null : v))) as Record<string, unknown> });
  }

  end(committed: boolean): void {
    this.capture.ended(committed ? { tx: this.tx, after: this.after, mode: this.mode, statements: this.statements } : null);
  }
}

export class StatementCapture {
  private begun = 0;
  private completed = 0;

  constructor(private readonly sink: (line: string) => void) {}

  /** Appends to a file: what ZHONGCAO_CAPTURE_STATEMENTS turns on. */
  static toFile(path: string): StatementCapture {
    return new StatementCapture((line) => appendFileSync(path, line));
  }

  begin(mode: CaptureMode): TxCapture {
    return new TxCapture(this, this.begun++, this.completed, mode);
  }

  /** Called by TxCapture.end; a rolled-back transaction is counted as ended but not written. */
  ended(tx: CapturedTx | null): void {
    this.completed++;
    if (tx) this.sink(JSON.stringify(tx) + '\n');
  }
}

const CAPTURE_FILE = process.env.ZHONGCAO_CAPTURE_STATEMENTS;

/** The capture the environment asked for at start-up, or null (the default). */
export const captureFromEnv: StatementCapture | null = CAPTURE_FILE ? StatementCapture.toFile(CAPTURE_FILE) : null;
