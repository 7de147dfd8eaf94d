import { Field, ID, InterfaceType } from 'type-graphql';
import DataLoader from 'dataloader';

/**
 * What the node registry (src/app/nodes.ts) knows of one type that implements Node: where its ids
 * live in the graph, and how the type's own lookup reads one for a viewer.
 */
export interface NodeType<S> {
  /** The GraphQL object type, e.g. `Note`. */
  type: string;
  /** The Neo4j label whose unique key holds the ids (defaults to the type's name). */
  label?: string;
  /** The label's unique property that the id is (defaults to `id`; ShareLink's is `code`). */
  key?: string;
  /**
   * For a type whose ids have a shape no other type's has, and no label holds: an id of this
   * shape is this type's, read without the kinds query. GroupMember's id, `<groupId>:<userId>`,
   * names a MEMBER_OF relationship, which no label's unique index holds.
   */
  idShape?: RegExp;
  /**
   * The object as the type's own lookup answers it to this viewer (`note(id)`, `order(id)`...),
   * or null for what that lookup would not show: node(id) applies the same rule, never a looser one.
   */
  load(scope: S, id: string): Promise<object | null>;
}

/** The type each value handed out as a Node resolves to: records are plain objects, not class instances. */
const typeOfNode = new WeakMap<object, string>();

/** Tags a record read for node or nodes with its GraphQL type, for Node's resolveType. */
export function asNode<T extends object>(value: T, type: string): T {
  typeOfNode.set(value, type);
  return value;
}

@InterfaceType('Node', {
  description:
    'An object with a globally unique id, refetchable with node(id) (Relay Global Object Identification). Ids are the objects\' own ids: UUIDs, except ShareLink\'s (its share code), GroupMember\'s (`<groupId>:<userId>`) and Topic\'s (`topic:<name>`); no two objects share one. Treat them as opaque.',
  resolveType: (value: object) => typeOfNode.get(value),
})
export abstract class Node {
  @Field(() => ID, { description: 'The object\'s id: globally unique, opaque to clients, and what node(id) takes.' })
  id!: string;
}

/**
 * A request's DataLoader of one type's records by id, for node(id) and nodes(ids): the ids of one
 * type asked together are read in one statement. `read` answers the records it finds among the
 * ids (in any order); an id it leaves out loads as null.
 */
export function byIdLoader<R extends { id: string }>(scope: { memo<T>(key: string, create: () => T): T }, key: string, read: (ids: readonly string[]) => Promise<R[]>): DataLoader<string, R | null> {
  return scope.memo(key, () =>
    new DataLoader<string, R | null>(async (ids) => {
      const found = new Map((await read(ids)).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  );
}
