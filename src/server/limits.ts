import {
  getNamedType,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';

export const MAX_DEPTH = 12;
export const MAX_COMPLEXITY = 20_000;
export const MAX_ALIASES = 30;
/** Lists without a `first` argument count as their default page. */
const DEFAULT_LIST_SIZE = 20;

function firstArg(field: FieldNode, variables: Record<string, unknown>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return null;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

interface Measure {
  depth: number;
  cost: number;
  aliases: number;
}

function fieldsOf(type: GraphQLNamedType | null | undefined) {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : null;
}

function measure(
  schema: GraphQLSchema,
  parent: GraphQLNamedType | null | undefined,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  depth: number,
  seen: Set<string>,
): Measure {
  let result: Measure = { depth, cost: 0, aliases: 0 };
  for (const selection of selectionSet.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      const aliases = selection.alias ? 1 : 0;
      const def = fieldsOf(parent)?.[selection.name.value];
      if (!selection.selectionSet) {
        inner = { depth, cost: 1, aliases };
      } else {
        const child = measure(schema, def ? getNamedType(def.type) : null, selection.selectionSet, fragments, variables, depth + 1, seen);
        // A paginated field multiplies what each item costs by the page it may return.
        const paginated = def?.args.some((a) => a.name === 'first') ?? false;
        const multiplier = paginated ? (firstArg(selection, variables) ?? DEFAULT_LIST_SIZE) : 1;
        inner = { depth: child.depth, cost: 1 + child.cost * Math.max(1, multiplier), aliases: aliases + child.aliases };
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      inner = measure(schema, type, selection.selectionSet, fragments, variables, depth, seen);
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      inner = measure(schema, schema.getType(fragment.typeCondition.name.value), fragment.selectionSet, fragments, variables, depth, new Set([...seen, name]));
    }
    result = { depth: Math.max(result.depth, inner.depth), cost: result.cost + inner.cost, aliases: result.aliases + inner.aliases };
  }
  return result;
}

/**
 * Refuses operations that are too deep, too costly (lists count by their page size) or use too
 * many aliases, before they run. Variables are read where the request carries them.
 */
export function costLimitRule(variables: Record<string, unknown> = {}): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const schema = context.getSchema();
        const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        const m = measure(schema, root, node.selectionSet, fragments, variables, 1, new Set());
        const fail = (message: string, extra: Record<string, unknown>) =>
          context.reportError(new GraphQLError(message, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extra } }));
        if (m.depth > MAX_DEPTH) fail(`query: depth ${m.depth} is over the limit of ${MAX_DEPTH}`, { depth: m.depth, maxDepth: MAX_DEPTH });
        if (m.cost > MAX_COMPLEXITY) fail(`query: complexity ${m.cost} is over the limit of ${MAX_COMPLEXITY}`, { complexity: m.cost, maxComplexity: MAX_COMPLEXITY });
        if (m.aliases > MAX_ALIASES) fail(`query: ${m.aliases} aliases are over the limit of ${MAX_ALIASES}`, { aliases: m.aliases });
      },
    };
  };
}
