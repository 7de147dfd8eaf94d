import { cypherOf, type CypherQuery } from '../db/cypher';
import type { DbScope } from '../db/database';
import type { RequestScope } from '../request/scope';

export interface NodeLabel {
  label: string;
  key: string;
}

/**
 * Which label each id is the key of, for every id at once: one UNION branch per registered type
 * (cypher/fragments/node-kind), each an index seek, so node and nodes cost one round trip to
 * find their types however many types there are.
 */
export function kindsQuery(labels: readonly NodeLabel[]): CypherQuery {
  const branches = labels.map(({ label, key }) => `  {{> fragments/node-kind label=${label} key=${key}}}`).join('\n  UNION\n');
  return cypherOf('node/kinds', `UNWIND $ids AS id\nCALL (id) {\n${branches}\n}\nRETURN id, label`);
}

export class NodeRepository {
  constructor(private readonly db: DbScope) {}

  /** Each id's label by the kinds query (kindsQuery); an id no registered type has is left out. */
  async labelsOf(kinds: CypherQuery, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.read<{ id: string; label: string }>(kinds, { ids: [...new Set(ids)] });
    return new Map(rows.map((r) => [r.id, r.label]));
  }
}

export function nodeRepository(scope: RequestScope): NodeRepository {
  return scope.slot('node.repository', () => new NodeRepository(scope.db));
}
