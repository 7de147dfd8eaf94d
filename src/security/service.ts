import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import type { Scope } from '../accounts/scope';
import type { SecurityRepository } from './repository';
import type { SecurityEventRecord } from './events';
import { byIdLoader } from '../common/node';

/** What SecurityService needs, named one by one; wired once per process in src/app/services.ts. */
export interface SecurityServiceDeps {
  repo: (scope: Scope) => SecurityRepository;
}

export class SecurityService {
  constructor(private readonly deps: SecurityServiceDeps) {}

  /** The viewer's own security events, newest first; nobody else's, whatever their role. */
  async events(scope: Scope, first: number | null | undefined, after: string | null | undefined) {
    const viewer = await scope.requireViewer();
    const repo = this.deps.repo(scope);
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await repo.eventsPage(viewer.id, position, limit + 1), limit);
    const edges = page.items.map((e) => ({ cursor: encodeCursor({ k: e.at, id: e.id }), node: asEvent(e) }));
    return connectionOf(edges, page.hasNextPage, () => repo.countEvents(viewer.id));
  }

  /** One of the viewer's own security events (node(id)); null for anyone else's, whatever the viewer's role. */
  async event(scope: Scope, id: string) {
    const viewer = await scope.viewer();
    if (!viewer) return null;
    const event = await byIdLoader(scope, 'security.eventById', (ids) => this.deps.repo(scope).eventsByIds(viewer.id, ids)).load(id);
    return event && asEvent(event);
  }
}

function asEvent(e: SecurityEventRecord) {
  return { id: e.id, kind: e.kind, occurredAt: new Date(e.at), ipPrefix: e.ipPrefix, deviceLabel: e.deviceLabel, detail: e.detail };
}
