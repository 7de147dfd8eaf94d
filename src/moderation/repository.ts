import type { RequestScope } from '../request/scope';
import { randomUUID } from 'node:crypto';
import { cypher } from '../db/cypher';
import type { DbScope, Tx } from '../db/database';
import { claimIdempotencyKey } from '../db/idempotency';
import type { ActionRecord, AuditRecord, CaseRecord } from './types';
import type { Position } from '../common/pagination';

/** An action on one case (`caseId`): it resolves that case and no other. */
export type ActionArgs = Omit<ActionRecord, 'reversed' | 'appealId' | 'at' | 'id'> & { now: number; caseId: string };
export interface AppealResolution {
  id: string;
  status: 'UPHELD' | 'REVERSED';
  actorId: string;
  reason: string;
  now: number;
}

const q = {
  reportSubject: cypher('moderation/report-subject'),
  fileReport: cypher('moderation/file-report'),
  openPremoderationCase: cypher('moderation/open-premoderation-case'),
  queuePage: cypher('moderation/queue-page'),
  countQueue: cypher('moderation/count-queue'),
  caseById: cypher('moderation/case-by-id'),
  setContentState: cypher('moderation/set-content-state'),
  recordAction: cypher('moderation/record-action'),
  actionById: cypher('moderation/action-by-id'),
  appeal: cypher('moderation/appeal'),
  resolveAppeal: cypher('moderation/resolve-appeal'),
  appealsByIds: cypher('moderation/appeals-by-ids'),
  openAppeals: cypher('moderation/open-appeals'),
  countOpenAppeals: cypher('moderation/count-open-appeals'),
  countAuditLog: cypher('moderation/count-audit-log'),
  sensitiveWords: cypher('moderation/sensitive-words'),
  setSensitiveWords: cypher('moderation/set-sensitive-words'),
  auditLog: cypher('moderation/audit-log'),
  casesByIds: cypher('moderation/cases-by-ids'),
  actionsByIds: cypher('moderation/actions-by-ids'),
  auditEntriesByIds: cypher('moderation/audit-entries-by-ids'),
};

/** Rolls back a refused write, with the idempotency key it claimed, so the key stays free. */
class Refused extends Error {}
const refusedAs = <T>(answer: T) => (error: unknown): T => {
  if (error instanceof Refused) return answer;
  throw error;
};

export interface AppealRecord {
  id: string;
  text: string;
  createdAt: number;
  status: string;
  appellantId: string;
  actionId: string;
  groupId: string | null;
}

export class ModerationRepository {
  constructor(private readonly db: DbScope) {}

  async subject(targetType: string, targetId: string, contextGroupId: string | null) {
    const [row] = await this.db.read<{ id: string; authorId: string | null; groupId: string | null }>(q.reportSubject, { targetType, targetId, contextGroupId });
    return row ?? null;
  }

  /**
   * Files a report; the case's id, or null when the target is gone. With a key, a retry files
   * nothing and answers the first report's case (src/db/idempotency.ts); `input` is what the
   * reporter sent, without the key.
   */
  async fileReport(
    args: { reporterId: string; targetType: string; targetId: string; groupId: string | null; authorId: string | null; reason: string; details: string; now: number },
    idempotency: { key: string; input: unknown } | null,
  ) {
    return this.db.writeTx(async (tx) => {
      const claim = idempotency ? await claimIdempotencyKey(tx, { actorId: args.reporterId, operation: 'report', key: idempotency.key, input: idempotency.input }) : null;
      if (claim && !claim.fresh) return claim.resultId;
      const [row] = await tx.run<{ caseId: string }>(q.fileReport, { ...args, caseId: randomUUID(), reportId: randomUUID() });
      if (!row) throw new Refused();
      await claim?.complete(row.caseId);
      return row.caseId;
    }).catch(refusedAs(null));
  }

  async openPremoderationCase(targetType: string, targetId: string, groupId: string, authorId: string, matched: string[], now: number) {
    await this.db.writeTx((tx) => ModerationRepository.openPremoderationCase(tx, targetType, targetId, groupId, authorId, matched, now));
  }

  static async openPremoderationCase(tx: Tx, targetType: string, targetId: string, groupId: string, authorId: string, matched: string[], now: number) {
    await tx.run(q.openPremoderationCase, { caseId: randomUUID(), targetType, targetId, groupId, authorId, matched, now });
  }

  async queue(groupId: string | null, skip: number, limit: number): Promise<CaseRecord[]> {
    return (await this.db.read<{ case: CaseRecord }>(q.queuePage, { groupId, skip, limit })).map((r) => r.case);
  }

  async countQueue(groupId: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countQueue, { groupId });
    return row?.total ?? 0;
  }

  async casesByIds(ids: readonly string[]): Promise<CaseRecord[]> {
    return (await this.db.read<{ case: CaseRecord }>(q.casesByIds, { ids })).map((r) => r.case);
  }

  async actionsByIds(ids: readonly string[]): Promise<ActionRecord[]> {
    return (await this.db.read<{ action: ActionRecord }>(q.actionsByIds, { ids })).map((r) => r.action);
  }

  async auditEntriesByIds(ids: readonly string[]): Promise<(AuditRecord & { inGroupLog: boolean })[]> {
    return (await this.db.read<{ entry: AuditRecord & { inGroupLog: boolean } }>(q.auditEntriesByIds, { ids })).map((r) => r.entry);
  }

  async caseById(id: string): Promise<CaseRecord | null> {
    const [row] = await this.db.read<{ case: CaseRecord }>(q.caseById, { id });
    return row?.case ?? null;
  }

  /**
   * Applies a content state (if any) and records the action with its audit entry, resolving the
   * case, in the caller's transaction (src/moderation/moderate.ts, which notifies in the same one).
   * Returns the action's id.
   */
  static async recordAction(tx: Tx, args: ActionArgs, contentState: { state: string | null } | null): Promise<string> {
    const id = randomUUID();
    if (contentState) await tx.run(q.setContentState, { targetType: args.targetType, targetId: args.targetId, state: contentState.state });
    await tx.run(q.recordAction, { ...args, id, auditId: randomUUID() });
    return id;
  }

  async actionById(id: string): Promise<ActionRecord | null> {
    const [row] = await this.db.read<{ action: ActionRecord }>(q.actionById, { id });
    return row?.action ?? null;
  }

  /** With a key, a retry gets the first appeal's id back as created (src/db/idempotency.ts). */
  async appeal(actionId: string, userId: string, text: string, now: number, idempotencyKey: string | null): Promise<{ id: string; created: boolean }> {
    return this.db.writeTx(async (tx) => {
      const claim = idempotencyKey ? await claimIdempotencyKey(tx, { actorId: userId, operation: 'appeal', key: idempotencyKey, input: { actionId, text } }) : null;
      if (claim && !claim.fresh) return { id: claim.resultId, created: true };
      const id = randomUUID();
      const [row] = await tx.run<{ created: boolean }>(q.appeal, { actionId, userId, text, now, id });
      if (!row?.created) throw new Refused();
      await claim?.complete(id);
      return { id, created: true };
    }).catch(refusedAs({ id: '', created: false }));
  }

  /**
   * Resolves an open appeal once, with its audit entry, in the caller's transaction (src/moderation/
   * resolve-appeal.ts); when it reverses an action that hid content, the content is shown again in
   * the same one. Null when the appeal is no longer open.
   */
  static async resolveAppeal(tx: Tx, args: AppealResolution, restoreContent: boolean): Promise<ActionRecord | null> {
    const [row] = await tx.run<{ action: ActionRecord }>(q.resolveAppeal, { ...args, auditId: randomUUID() });
    if (row && restoreContent) await tx.run(q.setContentState, { targetType: row.action.targetType, targetId: row.action.targetId, state: null });
    return row?.action ?? null;
  }

  async appealsByIds(ids: readonly string[]): Promise<AppealRecord[]> {
    return (await this.db.read<{ appeal: AppealRecord }>(q.appealsByIds, { ids })).map((r) => r.appeal);
  }

  /** Open appeals' ids and sort keys (createdAt), oldest first, after a position. */
  async openAppeals(groupId: string | null, after: Position | null, limit: number): Promise<{ id: string; key: number }[]> {
    return this.db.read<{ id: string; key: number }>(q.openAppeals, { groupId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
  }

  async countOpenAppeals(groupId: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countOpenAppeals, { groupId });
    return row?.total ?? 0;
  }

  async sensitiveWords(): Promise<string[]> {
    const [row] = await this.db.read<{ words: string[] }>(q.sensitiveWords);
    return row?.words ?? [];
  }

  async setSensitiveWords(words: string[], actorId: string, now: number) {
    await this.db.write(q.setSensitiveWords, { words, actorId, now, auditId: randomUUID(), details: JSON.stringify(words) });
  }

  async auditLog(groupId: string | null, after: Position | null, limit: number): Promise<AuditRecord[]> {
    return (await this.db.read<{ entry: AuditRecord }>(q.auditLog, { groupId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit })).map((r) => r.entry);
  }

  async countAuditLog(groupId: string | null): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countAuditLog, { groupId });
    return row?.total ?? 0;
  }
}

/** The moderation repository of a request, over its counted DbScope (made once per request). */
export function moderationRepository(scope: RequestScope): ModerationRepository {
  return scope.slot('moderation.repository', () => new ModerationRepository(scope.db));
}
