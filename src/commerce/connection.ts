import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo, type Lazy } from '../common/connection';

export interface ConnectionWords {
  /** What a page is, for the connection type: "A page of the catalogue, newest first." */
  page: string;
  /** One item, for the edge and its node: "a product". */
  item: string;
  /** The items in all, for totalCount: "products in the catalogue (or of the merchant or category asked for)". */
  total: string;
}

/**
 * The shape of common/connection's Connection (edges, nodes, pageInfo, totalCount), with every
 * type and field described in the words of its list, as the contract asks of every element.
 */
export function DescribedConnection<TNode extends object>(nodeClass: ClassType<TNode>, name: string, words: ConnectionWords) {
  @ObjectType(`${name}Edge`, { description: `${words.item[0]!.toUpperCase()}${words.item.slice(1)} in a page, with its cursor.` })
  class Edge {
    @Field({ description: `Where this edge is in the list: pass it as \`after\` to read the items after it.` })
    cursor!: string;

    @Field(() => nodeClass, { description: `The ${words.item.replace(/^(a|an) /, '')}.` })
    node!: TNode;
  }

  @ObjectType(`${name}Connection`, { description: words.page })
  class ConnectionClass {
    @Field(() => [Edge], { description: 'The items of this page, in list order, each with its cursor.' })
    edges!: Edge[];

    @Field(() => [nodeClass], { description: 'The nodes of edges, for clients that need no cursors.' })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: 'Whether more items follow this page, and the cursors to ask for them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `Exact number of ${words.total}, not just this page.` })
    totalCount!: Lazy<number>;
  }
  return ConnectionClass;
}
