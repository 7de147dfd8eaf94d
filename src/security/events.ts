import { randomUUID } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { cypher } from '../db/cypher';
import type { Tx } from '../db/database';

/**
 * A user's security history: what happened to their account, when, and from roughly where. Every
 * module records its events through recordSecurityEvent, inside the transaction that acts, so an
 * event exists exactly when what it tells of does.
 */
export enum SecurityEventKind {
  LOG_IN = 'LOG_IN',
  LOG_IN_FAILED = 'LOG_IN_FAILED',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  TWO_FACTOR_ENABLED = 'TWO_FACTOR_ENABLED',
  TWO_FACTOR_DISABLED = 'TWO_FACTOR_DISABLED',
  RECOVERY_CODE_USED = 'RECOVERY_CODE_USED',
  SESSION_REVOKED = 'SESSION_REVOKED',
  DATA_EXPORT_REQUESTED = 'DATA_EXPORT_REQUESTED',
  ACCOUNT_DELETION_REQUESTED = 'ACCOUNT_DELETION_REQUESTED',
  ACCOUNT_DELETION_CANCELLED = 'ACCOUNT_DELETION_CANCELLED',
}

/** A stored event: `(:User {id})-[:HAD_SECURITY_EVENT]->(:SecurityEvent {id, kind, at, ipPrefix, deviceLabel, detail})`. */
export interface SecurityEventRecord {
  id: string;
  kind: SecurityEventKind;
  /** Epoch milliseconds. */
  at: number;
  /** The network the request came from (/24 for IPv4, /48 for IPv6), never the full address; null when unknown. */
  ipPrefix: string | null;
  deviceLabel: string | null;
  /** A short machine-written note (which session ended, how a sign-in was completed); null when there is none. */
  detail: string | null;
}

export interface NewSecurityEvent {
  userId: string;
  kind: SecurityEventKind;
  /** The request's address as the transport saw it; only its prefix is stored. */
  ip: string | null | undefined;
  deviceLabel?: string | null;
  detail?: string | null;
  /** Defaults to now. */
  at?: number;
}

/** Long enough for any note a module writes; a longer one is cut rather than refused (it is ours, not the user's). */
export const MAX_EVENT_DETAIL = 200;
const MAX_EVENT_DEVICE_LABEL = 64;

const q = { record: cypher('security/record-event') };

/**
 * The network part of an address: `203.0.113.0/24` for IPv4 (an IPv4-mapped IPv6 address counts
 * as IPv4), `2001:db8:85a3::/48` for IPv6; null for anything that is not an address. Enough for a
 * user to tell "my home network" from "somewhere else" without the event storing who they are.
 */
export function ipPrefix(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const bare = ip.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const v4 = mapped ? mapped[1]! : bare;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(bare)) return null;
  const groups = ipv6Groups(bare);
  const head = groups.slice(0, 3).map((g) => parseInt(g, 16).toString(16));
  // Trailing zero groups of the prefix fold into "::", as an address is usually written.
  while (head.length > 0 && head[head.length - 1] === '0') head.pop();
  return `${head.join(':')}::/48`;
}

/** The eight 16-bit groups of a valid IPv6 address, "::" expanded (an embedded IPv4 tail as two groups). */
function ipv6Groups(address: string): string[] {
  let text = address;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left, right] = text.split('::') as [string, string | undefined];
  const leftGroups = left ? left.split(':') : [];
  if (right === undefined) return leftGroups;
  const rightGroups = right ? right.split(':') : [];
  return [...leftGroups, ...Array<string>(8 - leftGroups.length - rightGroups.length).fill('0'), ...rightGroups];
}

const clip = (text: string | null | undefined, max: number): string | null => (text == null || text === '' ? null : [...text].slice(0, max).join(''));

/**
 * Records one security event for `userId` in the caller's write transaction and returns its id;
 * returns null (writing nothing) when there is no such user. The only way events are written.
 */
export async function recordSecurityEvent(tx: Tx, event: NewSecurityEvent): Promise<string | null> {
  const [row] = await tx.run<{ id: string }>(q.record, {
    id: randomUUID(),
    userId: event.userId,
    kind: event.kind,
    at: event.at ?? Date.now(),
    ipPrefix: ipPrefix(event.ip),
    deviceLabel: clip(event.deviceLabel, MAX_EVENT_DEVICE_LABEL),
    detail: clip(event.detail, MAX_EVENT_DETAIL),
  });
  return row?.id ?? null;
}
