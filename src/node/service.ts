import { AppError, badInput } from '../common/errors';
import { asNode, type NodeType } from '../common/node';
import type { Scope } from '../accounts/scope';
import type { CypherQuery } from '../db/cypher';
import { kindsQuery, type NodeRepository } from './repository';

/** How many ids one nodes() call takes: a client refetching a screen's objects, not a crawler. */
export const NODES_MAX = 100;
/** Longer than any id the API hands out (a UUID is 36 characters), so a longer one is refused unread. */
export const NODE_ID_MAX_LENGTH = 100;

export interface NodeServiceDeps {
  repo: (scope: Scope) => NodeRepository;
  /** The node registry (src/app/nodes.ts): every type that implements Node, with its own lookup. */
  types: readonly NodeType<Scope>[];
}

/**
 * A lookup that refuses this viewer (an order to an anonymous one is UNAUTHENTICATED, a missing
 * one NOT_FOUND) answers null here: node takes any id, and an error would tell the viewer which
 * type an id they may not see belongs to. Outages and defects stay errors.
 */
function refusedAsNull(error: unknown): null {
  const code = error instanceof AppError ? error.extensions.code : null;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'NOT_FOUND') return null;
  throw error;
}

/**
 * Relay's node(id) and nodes(ids): one statement finds which type each id belongs to, then each
 * id is read through its type's own lookup, so what a viewer may not see by that lookup is null
 * here too, and the lookups' DataLoaders batch the ids of one type into one read.
 */
export class NodeService {
  private readonly byLabel: ReadonlyMap<string, NodeType<Scope>>;
  private readonly byShape: readonly NodeType<Scope>[];
  private readonly kinds: CypherQuery;

  constructor(private readonly deps: NodeServiceDeps) {
    const labelled = deps.types.filter((t) => !t.idShape);
    this.byLabel = new Map(labelled.map((t) => [t.label ?? t.type, t]));
    this.byShape = deps.types.filter((t) => t.idShape);
    this.kinds = kindsQuery(labelled.map((t) => ({ label: t.label ?? t.type, key: t.key ?? 'id' })));
  }

  async node(scope: Scope, id: string): Promise<object | null> {
    const [node] = await this.nodes(scope, [id], 'id');
    return node ?? null;
  }

  /** The objects in the order of the ids, null where an id names nothing the viewer may see. */
  async nodes(scope: Scope, ids: readonly string[], field = 'ids'): Promise<(object | null)[]> {
    if (ids.length > NODES_MAX) throw badInput(field, `must be at most ${NODES_MAX} ids`);
    if (ids.some((id) => id.length === 0 || id.length > NODE_ID_MAX_LENGTH)) throw badInput(field, `an id must be 1 to ${NODE_ID_MAX_LENGTH} characters`);
    if (ids.length === 0) return [];
    const shaped = new Map(ids.flatMap((id) => this.byShape.filter((t) => t.idShape!.test(id)).map((t) => [id, t] as const)));
    const unshaped = ids.filter((id) => !shaped.has(id));
    const labels = unshaped.length === 0 ? new Map<string, string>() : await this.deps.repo(scope).labelsOf(this.kinds, unshaped);
    return Promise.all(
      ids.map(async (id) => {
        const label = labels.get(id);
        const type = shaped.get(id) ?? (label === undefined ? undefined : this.byLabel.get(label));
        if (!type) return null;
        const value = await type.load(scope, id).catch(refusedAsNull);
        return value === null ? null : asNode(value, type.type);
      }),
    );
  }
}
