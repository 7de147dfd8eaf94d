import {
  getNamedType,
  GraphQLNamedType,
  GraphQLSchema,
  getNullableType,
  isInterfaceType,
  isListType,
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
  valueFromASTUntyped,
  GraphQLField,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { MAX_TREE_DEPTH } from '../referral/service';
import { MAX_GROUP_SIZE } from '../groupbuys/service';
import { MAX_LIVE_OFFERS_PER_PRODUCT } from '../groupbuys/loaders';
import { SEARCH_LIMITS } from '../search/rules';
import { MAX_GMV_CURRENCIES } from '../common/gmv';

export const MAX_DEPTH = 12;
export const MAX_COMPLEXITY = 20_000;
export const MAX_ALIASES = 30;
/**
 * The most items a list without a `first` argument can return, by `Type.field`: each is the
 * limit its service or Cypher enforces, so a list counts by what it may really cost. Lists not
 * named here count as one default page.
 */
export const LIST_MAXIMA: Record<string, number> = {
  'ReferralTree.depths': MAX_TREE_DEPTH + 1,
  'Query.myGroups': 500, // cypher/groups/my-groups.cypher
  'Query.collections': 200, // cypher/content/collections-of-user.cypher
  'Group.events': 100, // GroupService.events
  'GroupStats.daily': 367, // a period is at most 366 days (src/common/period.ts), plus a partial day
  'GroupStats.retention': 54, // weekly cohorts of at most 366 days
  'GroupStats.topContributors': 10, // GroupService.stats
  'GroupBuy.participants': MAX_GROUP_SIZE,
  'Product.groupBuyOffers': MAX_LIVE_OFFERS_PER_PRODUCT,
  'SearchHit.highlights': SEARCH_LIMITS.highlights,
  // GMV figures: one Money per currency (src/common/gmv.ts).
  ...Object.fromEntries(['ReferralTreeNode', 'ReferralStats', 'DepthTotals', 'ReferrerStats', 'ChannelStats', 'Influence', 'KolReport'].map((type) => [`${type}.gmv`, MAX_GMV_CURRENCIES])),
};

/** The request's variables, or null while they are not known yet (then a variable counts as 1). */
type Variables = Record<string, unknown> | null;

/**
 * The page size a paginated field asks for: a literal, a variable (as sent, or its default in the
 * operation), or the argument's own default. Without any, the service's default page.
 */
function pageSize(field: FieldNode, def: GraphQLField<unknown, unknown> | undefined, variables: Variables): number {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  let value: unknown = undefined;
  if (arg) {
    const node: ValueNode = arg.value;
    value = node.kind === Kind.VARIABLE ? (variables === null ? 1 : variables[node.name.value]) : valueFromASTUntyped(node);
  } else {
    value = def?.args.find((a) => a.name === 'first')?.defaultValue;
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_PAGE_SIZE;
}

/** How many times a field's selection runs: its page size, a list's maximum, or once. */
function multiplierOf(parent: GraphQLNamedType | null | undefined, field: FieldNode, def: GraphQLField<unknown, unknown> | undefined, variables: Variables): number {
  if (!def || !parent) return 1;
  if (def.args.some((a) => a.name === 'first')) return pageSize(field, def, variables);
  // A connection's edges and nodes are the page its field already counted.
  if (!isListType(getNullableType(def.type)) || parent.name.endsWith('Connection')) return 1;
  return LIST_MAXIMA[`${parent.name}.${def.name}`] ?? DEFAULT_PAGE_SIZE;
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
  variables: Variables,
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
        // A list multiplies what each item costs by how many items it may return.
        const multiplier = multiplierOf(parent, selection, def, variables);
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
 * Refuses operations that are too deep, too costly (lists count by their page size, however it is
 * given, or by their maximum) or use too many aliases, before they run. Without the request's
 * variables (Apollo validates a document once for every request) a variable page counts as 1, so
 * that pass refuses only what no variables could make cheap; the pass with variables decides.
 */
export function costLimitRule(variables: Variables = null): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const schema = context.getSchema();
        const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        // A variable left out of the request takes its default in the operation, and counts as it.
        let effective: Variables = null;
        if (variables) {
          effective = { ...variables };
          for (const v of node.variableDefinitions ?? []) {
            const name = v.variable.name.value;
            if (effective[name] === undefined && v.defaultValue) effective[name] = valueFromASTUntyped(v.defaultValue);
          }
        }
        const m = measure(schema, root, node.selectionSet, fragments, effective, 1, new Set());
        const fail = (message: string, extra: Record<string, unknown>) =>
          context.reportError(new GraphQLError(message, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extra } }));
        if (m.depth > MAX_DEPTH) fail(`query: depth ${m.depth} is over the limit of ${MAX_DEPTH}`, { depth: m.depth, maxDepth: MAX_DEPTH });
        if (m.cost > MAX_COMPLEXITY) fail(`query: complexity ${m.cost} is over the limit of ${MAX_COMPLEXITY}`, { complexity: m.cost, maxComplexity: MAX_COMPLEXITY });
        if (m.aliases > MAX_ALIASES) fail(`query: ${m.aliases} aliases are over the limit of ${MAX_ALIASES}`, { aliases: m.aliases });
      },
    };
  };
}
