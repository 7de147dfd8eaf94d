import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU time a process has used (all its threads), in clock ticks, from /proc/<pid>/stat. */
export interface CpuSample {
  ticks: number;
}

/**
 * utime + stime of a /proc/<pid>/stat line. The command name (field 2) is in parentheses and may
 * hold spaces or parentheses itself, so fields are counted from the last ')'.
 */
export function parseProcStat(stat: string): CpuSample {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error('not a /proc/<pid>/stat line');
  // After ')' come field 3 (state) onwards; utime and stime are fields 14 and 15.
  const fields = stat.slice(close + 1).trim().split(/\s+/);
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('no utime/stime in /proc/<pid>/stat');
  return { ticks: utime + stime };
}

export function readCpu(pid: number): CpuSample {
  return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** Clock ticks per second (USER_HZ), 100 on every common Linux; asked of getconf once. */
export function ticksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** CPU milliseconds per request between two samples (NaN when no request completed). */
export function cpuMsPerRequest(before: CpuSample, after: CpuSample, requests: number, hz: number): number {
  if (requests <= 0) return NaN;
  return Math.round(((after.ticks - before.ticks) * 1000 * 100) / hz / requests) / 100;
}
