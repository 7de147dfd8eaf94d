import { cypher } from '../db/cypher';
import type { DbScope } from '../db/database';
import type { RequestScope } from '../request/scope';
import type { SecurityEventRecord } from './events';

const q = {
  eventsPage: cypher('security/events-page'),
  countEvents: cypher('security/count-events'),
};

export class SecurityRepository {
  constructor(private readonly db: DbScope) {}

  async eventsPage(userId: string, after: { k: number; id: string } | null, limit: number): Promise<SecurityEventRecord[]> {
    const rows = await this.db.read<{ event: SecurityEventRecord }>(q.eventsPage, { userId, afterKey: after?.k ?? null, afterId: after?.id ?? null, limit });
    return rows.map((r) => r.event);
  }

  async countEvents(userId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countEvents, { userId });
    return row?.total ?? 0;
  }
}

/** The security repository of a request, over its counted DbScope. */
export function securityRepository(scope: RequestScope): SecurityRepository {
  return scope.slot('security.repository', () => new SecurityRepository(scope.db));
}
