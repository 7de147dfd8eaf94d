import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { cypher } from '../db/cypher';
import type { Database } from '../db/database';
import { Role } from '../accounts/types';
import { jobDatabase } from './import';
import { createEventBus, type EventBus } from '../events/bus';
import { loadConfig } from '../config';

/**
 * `npm run admin -- --grant <handle|email>`: the operator makes an account ADMIN, directly in the
 * database. This replaces ADMIN_EMAILS, which made admin whoever signed up first with a listed
 * email: emails are not verified, so that was anyone who guessed the address. Running this needs
 * access to the database, which only the operator has. Admins then give roles with setUserRole.
 */
const q = {
  setRoleByLogin: cypher('admin/set-role-by-login'),
  admins: cypher('admin/admins'),
};

const LIST_LIMIT = 1000;

const USAGE = `usage: npm run admin -- --grant <handle|email>
       npm run admin -- --revoke <handle|email>   (back to USER)
       npm run admin -- --list
Uses NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) like npm start; without NEO4J_URI
it uses the local Neo4j on NEO4J_LOCAL_PORT, starting it if it is not running.`;

export type AdminCommand = { kind: 'grant' | 'revoke'; login: string } | { kind: 'list' };

export class UsageError extends Error {}

export function parseAdminArgs(args: readonly string[]): AdminCommand {
  const [flag, value, ...rest] = args;
  if (rest.length) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  if (flag === '--list' && value === undefined) return { kind: 'list' };
  if (flag === '--grant' || flag === '--revoke') {
    const login = value?.trim().toLowerCase() ?? '';
    if (login === '' || login.length > 254 || /\s/.test(login)) throw new UsageError(`${flag} needs one handle or email`);
    return { kind: flag === '--grant' ? 'grant' : 'revoke', login };
  }
  throw new UsageError(flag === undefined ? 'no command given' : `unknown command: ${args.join(' ')}`);
}

interface RoleChange {
  id: string;
  handle: string;
  email: string;
  previousRole: Role;
  role: Role;
  changed: boolean;
}

/**
 * Sets the role of the account with this handle or email (only if it has role `from`, when given);
 * null when there is no such account.
 */
export async function setRoleByLogin(db: Database, login: string, role: Role, from: Role | null = null): Promise<RoleChange | null> {
  const params = { login: login.toLowerCase(), role, from, auditId: randomUUID(), now: Date.now() };
  const [row] = await db.scope().write<RoleChange & Record<string, unknown>>(q.setRoleByLogin, params);
  return row ?? null;
}

/**
 * Runs one admin command against db; returns the process exit code. Output goes to out, errors to err.
 * A changed role is announced on `events` (USER_CHANGED), so API instances on that bus drop their
 * cached viewer of the account at once; instances it does not reach see the change within their
 * viewer cache's TTL (at most 5 s).
 */
export async function runAdmin(db: Database, args: readonly string[], out: (line: string) => void, err: (line: string) => void, events: Pick<EventBus, 'pubsub'> | null = null): Promise<number> {
  let command: AdminCommand;
  try {
    command = parseAdminArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`admin: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'list') {
    const admins = await db.scope().read<{ id: string; handle: string; email: string }>(q.admins, { limit: LIST_LIMIT });
    if (!admins.length) out('no admins');
    for (const a of admins) out(`${a.handle}\t${a.email}\t${a.id}`);
    return 0;
  }
  const grant = command.kind === 'grant';
  const change = await setRoleByLogin(db, command.login, grant ? Role.ADMIN : Role.USER, grant ? null : Role.ADMIN);
  if (!change) {
    err(`admin: no account has the handle or email "${command.login}"`);
    return 1;
  }
  if (!change.changed) {
    err(`admin: ${change.handle} is not an admin (role ${change.previousRole}); nothing changed`);
    return 1;
  }
  events?.pubsub.publish('USER_CHANGED', { userIds: [change.id], reason: 'ROLE' });
  const verb = command.kind === 'grant' ? 'granted ADMIN to' : 'revoked ADMIN from';
  out(`${verb} ${change.handle} <${change.email}> (id ${change.id}; role was ${change.previousRole}, now ${change.role})`);
  return 0;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  try {
    parseAdminArgs(args);
  } catch (error) {
    // Refuse a bad command line before connecting (or starting a local database) at all.
    if (error instanceof UsageError) {
      process.stderr.write(`admin: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  const job = await jobDatabase();
  // With REDIS_URL, the API instances share this bus and hear of the role change at once.
  const redisUrl = loadConfig().redisUrl;
  const events = redisUrl ? createEventBus(redisUrl) : null;
  let code: number;
  try {
    code = await runAdmin(
      job.db,
      args,
      (line) => process.stdout.write(`${line}\n`),
      (line) => process.stderr.write(`${line}\n`),
      events,
    );
  } finally {
    await events?.close();
    await job.stop();
  }
  process.exit(code);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`admin failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
