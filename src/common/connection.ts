import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { encodeCursor, type Page } from './pagination';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'True when more items follow the last edge of this page: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field({
    description:
      'True when items come before the first edge of this page. Lists that page both ways (`last`/`before`) answer it truthfully; lists that page forwards only (`first`/`after`) answer false.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first edge of this page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge of this page, to pass as `after` for the next page; null when the page is empty.' })
  endCursor!: string | null;
}

export interface EdgeShape<TNode> {
  cursor: string;
  node: TNode;
}

/**
 * A value computed only when GraphQL awaits it: graphql-js awaits any thenable it gets from a
 * field, so a count query behind a Lazy runs only when a client asks for totalCount.
 */
export type Lazy<T> = T | PromiseLike<T>;

export function lazy<T>(compute: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | null = null;
  return {
    then(onFulfilled, onRejected) {
      started ??= compute();
      return started.then(onFulfilled, onRejected);
    },
  };
}

/**
 * endCursor defaults to the last edge's cursor; lists whose rules dropped items after the last
 * edge pass the position of the last item read instead, so the next page starts after those.
 */
export function connectionOf<TEdge extends EdgeShape<unknown>>(
  edges: TEdge[],
  hasNextPage: boolean,
  totalCount: number | (() => Promise<number>),
  endCursor?: string | null,
) {
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: endCursor !== undefined ? endCursor : (edges[edges.length - 1]?.cursor ?? null),
    },
    totalCount: typeof totalCount === 'function' ? lazy(totalCount) : totalCount,
  };
}

/**
 * What DataLoader.loadMany answered, without the gaps: it answers an Error in place of a key whose
 * load failed, and the loaders answer null for a row gone since its id was read. A list shows
 * what it could load rather than failing whole, as every list did on its own before.
 */
export function loaded<T>(results: ArrayLike<T | Error | null | undefined>): T[] {
  return Array.from(results).filter((r): r is T => r !== null && r !== undefined && !(r instanceof Error));
}

/** A page query's row: the node's id and its sort key, from which the edge's cursor is made. */
export interface KeyedItem {
  key: number | string;
  id: string;
}

interface ManyLoader<TNode> {
  loadMany(ids: string[]): Promise<ArrayLike<TNode | Error | null>>;
}

/**
 * A connection over a page of keyed rows whose nodes come from a loader (one batch for the page).
 * A row whose node did not load gets no edge; hasNextPage still comes from the rows read.
 */
export async function keyedConnection<TNode>(page: Page<KeyedItem>, loader: ManyLoader<TNode>, totalCount: number | (() => Promise<number>)) {
  const nodes = await loader.loadMany(page.items.map((item) => item.id));
  const edges = page.items.flatMap((item, i) => {
    const node = nodes[i];
    return node === null || node === undefined || node instanceof Error ? [] : [{ cursor: encodeCursor({ k: item.key, id: item.id }), node }];
  });
  return connectionOf(edges, page.hasNextPage, totalCount);
}

/** The words a connection's descriptions are written in, when a short phrase does not say enough. */
export interface ConnectionWords {
  /** What a page is, for the connection type: "A page of the catalogue, newest first." */
  page: string;
  /** One item, for the edge and its node: "a product". */
  item: string;
  /** The items in all, for totalCount: "products in the catalogue (or of the merchant or category asked for)". */
  total: string;
  /** The node field's description, when the item needs more than its name ("The comment (a placeholder once deleted)."). */
  node?: string;
}

const capitalised = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/**
 * A Relay connection type for nodes of one class, with a plain edge { cursor, node }. `what` names
 * the items in the descriptions: a phrase ("sessions of the viewer"; by default the node type's
 * name), or the full words of a list whose order or total needs saying.
 */
export function Connection<TNode extends object>(nodeClass: ClassType<TNode>, name: string, what: string | ConnectionWords = `${name} items`) {
  const words: Required<ConnectionWords> =
    typeof what === 'string'
      ? { page: `A page of ${what}, in cursor order.`, item: `One of the ${what}`, total: 'items in the whole list', node: 'The item at this position.' }
      : { ...what, item: capitalised(what.item), node: what.node ?? `The ${what.item.replace(/^(a|an) /, '')}.` };

  @ObjectType(`${name}Edge`, { description: `${words.item} in a page, with the cursor to page on from it.` })
  class Edge {
    @Field({ description: 'An opaque cursor for this position: pass it as `after` (or `before`) to page on from here.' })
    cursor!: string;

    @Field(() => nodeClass, { description: words.node })
    node!: TNode;
  }

  @ObjectType(`${name}Connection`, { description: words.page })
  class ConnectionClass {
    @Field(() => [Edge], { description: 'The items of this page with their cursors, in list order.' })
    edges!: Edge[];

    @Field(() => [nodeClass], { description: 'The nodes of edges, for clients that need no cursors.' })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: 'Whether more pages follow or precede, and the cursors to ask for them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `Exact number of ${words.total}, not just this page.` })
    totalCount!: Lazy<number>;
  }
  return ConnectionClass;
}
