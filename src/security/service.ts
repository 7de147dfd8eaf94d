import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import type { Scope } from '../accounts/scope';
import type { SecurityRepository } from './repository';

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
    const edges = page.items.map((e) => ({
      cursor: encodeCursor({ k: e.at, id: e.id }),
      node: { id: e.id, kind: e.kind, occurredAt: new Date(e.at), ipPrefix: e.ipPrefix, deviceLabel: e.deviceLabel, detail: e.detail },
    }));
    return connectionOf(edges, page.hasNextPage, () => repo.countEvents(viewer.id));
  }
}
