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
  visit,
  DocumentNode,
  GraphQLField,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { MAX_INVITE_CHAIN_DEPTH, MAX_TREE_DEPTH } from '../referral/service';
import { SHARE_CHANNEL_COUNT } from '../referral/types';
import { KOL_REPORT_TOP_NOTES } from '../influence/scoring';
import { MAX_SOCIAL_PATH_DEPTH } from '../social/service';
import { MAX_GROUP_SIZE } from '../groupbuys/service';
import { MAX_LIVE_OFFERS_PER_PRODUCT } from '../groupbuys/loaders';
import { SEARCH_LIMITS } from '../search/rules';
import { MAX_GMV_CURRENCIES } from '../common/gmv';
import { LIVE_LIMITS } from '../live/rules';
import { MAX_REPORTED_MESSAGES } from '../conversations/rules';
import { MUTE_LIMITS } from '../mutes/rules';
import { MAX_DISPLAYED_BADGES } from '../badges/rules';
import { LATEST_ACTORS_SHOWN } from '../notifications/grouping';

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
  'KolReport.topNotes': KOL_REPORT_TOP_NOTES,
  'Query.conversionByChannel': SHARE_CHANNEL_COUNT,
  'Query.inviteChain': MAX_INVITE_CHAIN_DEPTH + 1,
  'SocialPath.users': MAX_SOCIAL_PATH_DEPTH + 1,
  'GroupStats.daily': 367, // a period is at most 366 days (src/common/period.ts), plus a partial day
  'GroupStats.retention': 54, // weekly cohorts of at most 366 days
  'GroupStats.topContributors': 10, // GroupService.stats
  // GMV per currency: each entry is two scalars summed in memory, no resolver or query behind
  // it, so the list costs what one entry does however many currencies it holds.
  'GroupStats.gmv': 1,
  'DailyActivity.gmv': 1,
  'GroupBuy.participants': MAX_GROUP_SIZE,
  'Product.groupBuyOffers': MAX_LIVE_OFFERS_PER_PRODUCT,
  'SearchHit.highlights': SEARCH_LIMITS.highlights,
  'ModerationCase.reportedMessages': MAX_REPORTED_MESSAGES,
  'Query.mutedWords': MUTE_LIMITS.wordsPerUser,
  'NotificationGroup.latestActors': LATEST_ACTORS_SHOWN,
  'LiveRoom.lineup': LIVE_LIMITS.lineup,
  'LiveRoom.moderators': LIVE_LIMITS.moderators,
  'LiveRoomStats.products': LIVE_LIMITS.lineup,
  'LiveRoomStats.timeline': LIVE_LIMITS.timelineMinutes,
  'LiveRoomStats.gmv': MAX_GMV_CURRENCIES,
  'LiveProductStats.gmv': MAX_GMV_CURRENCIES,
  'User.displayedBadges': MAX_DISPLAYED_BADGES,
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
  // A list paged backwards asks for its page with `last` instead: it costs the same.
  const arg = field.arguments?.find((a) => a.name.value === 'first') ?? field.arguments?.find((a) => a.name.value === 'last');
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

/** Fills in, for each variable left out of the request, its default in the operation (it counts as it). */
function effectiveVariables(node: OperationDefinitionNode, variables: Variables): Variables {
  if (!variables) return null;
  const effective = { ...variables };
  for (const v of node.variableDefinitions ?? []) {
    const name = v.variable.name.value;
    if (effective[name] === undefined && v.defaultValue) effective[name] = valueFromASTUntyped(v.defaultValue);
  }
  return effective;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  return fragments;
}

function rootOf(schema: GraphQLSchema, node: OperationDefinitionNode) {
  return node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
}

/** The errors an operation's measure earns, none when it is within every limit. */
function limitErrors(m: Measure, node: OperationDefinitionNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const fail = (message: string, extra: Record<string, unknown>) => errors.push(new GraphQLError(message, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extra } }));
  if (m.depth > MAX_DEPTH) fail(`query: depth ${m.depth} is over the limit of ${MAX_DEPTH}`, { depth: m.depth, maxDepth: MAX_DEPTH });
  if (m.cost > MAX_COMPLEXITY) fail(`query: complexity ${m.cost} is over the limit of ${MAX_COMPLEXITY}`, { complexity: m.cost, maxComplexity: MAX_COMPLEXITY });
  if (m.aliases > MAX_ALIASES) fail(`query: ${m.aliases} aliases are over the limit of ${MAX_ALIASES}`, { aliases: m.aliases });
  return errors;
}

/**
 * Refuses operations that are too deep, too costly (lists count by their page size, however it is
 * given, or by their maximum) or use too many aliases, before they run. Without the request's
 * variables (Apollo validates a document once for every request) a variable page counts as 1, so
 * that pass refuses only what no variables could make cheap; the pass with variables decides.
 */
export function costLimitRule(variables: Variables = null): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const schema = context.getSchema();
        const m = measure(schema, rootOf(schema, node), node.selectionSet, fragments, effectiveVariables(node, variables), 1, new Set());
        for (const error of limitErrors(m, node)) context.reportError(error);
      },
    };
  };
}

/**
 * The variables a document's cost can depend on: those given as a `first` argument (the only
 * place `measure` reads a variable). Any other variable leaves the cost as it is.
 */
export function pageVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

/**
 * What of a variable's value the cost reads: a number as itself; a missing one takes the
 * operation's default; anything else counts as the default page.
 */
function pageKey(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return value === undefined ? 'missing' : 'other';
}

/**
 * The cost limits with the request's variables, remembered per document and page sizes: the same
 * document text with the same `first` variables costs the same, so a repeated request (a client
 * asking for its feed again) is priced by a map lookup instead of a walk of the document. Keyed by
 * the document's hash and the values of its page variables only, so `first: 50` and `first: 5`
 * are priced apart while a cursor or an id changes nothing. One per app; bounded (lru-cache).
 */
export class CostCache {
  private readonly pageVariables = new LRUCache<string, string[]>({ max: 2_000 });
  private readonly measures = new LRUCache<string, Measure[]>({ max: 10_000 });

  /** The limit errors of every operation of `document` with `variables` (none when within the limits). */
  check(schema: GraphQLSchema, document: DocumentNode, documentHash: string, variables: Record<string, unknown>): GraphQLError[] {
    let names = this.pageVariables.get(documentHash);
    if (!names) {
      names = pageVariablesOf(document);
      this.pageVariables.set(documentHash, names);
    }
    const key = `${documentHash}|${names.map((n) => pageKey(variables[n])).join(',')}`;
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    let measures = this.measures.get(key);
    if (!measures) {
      const fragments = fragmentsOf(document);
      measures = operations.map((node) => measure(schema, rootOf(schema, node), node.selectionSet, fragments, effectiveVariables(node, variables), 1, new Set()));
      this.measures.set(key, measures);
    }
    // Errors are made afresh: they point at this request's document.
    return operations.flatMap((node, i) => limitErrors(measures[i]!, node));
  }
}
