import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Node } from '../common/node';
import type { Scope } from '../accounts/scope';
import { NODES_MAX, NodeService } from './service';

@Resolver()
export class NodeResolver {
  constructor(private readonly nodeService: NodeService) {}

  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its id (Relay Global Object Identification), with the same visibility as its own lookup (note(id), order(id)...): null for an unknown id and for what the viewer may not see.',
  })
  node(@Ctx() ctx: Scope, @Arg('id', () => ID, { description: 'The id of any object that implements Node.' }) id: string): Promise<object | null> {
    return this.nodeService.node(ctx, id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Several objects by id, in the order of the ids, each as node(id) answers it (null where that is null); at most ${NODES_MAX} ids.`,
  })
  nodes(@Ctx() ctx: Scope, @Arg('ids', () => [ID], { description: `The ids, at most ${NODES_MAX}; an id may repeat.` }) ids: string[]): Promise<(object | null)[]> {
    return this.nodeService.nodes(ctx, ids);
  }
}
